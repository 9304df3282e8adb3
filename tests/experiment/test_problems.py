import pytest

from experiment.problems import cell_capacity, cell_problems, grid_problems


def test_same_seed_gives_the_same_problems_and_another_seed_others():
    assert cell_problems(1, 3, 4, 10) == cell_problems(1, 3, 4, 10)
    assert cell_problems(1, 3, 4, 10) != cell_problems(2, 3, 4, 10)


def test_operands_have_exactly_the_digits_of_their_cell():
    for problem in grid_problems(5, range(1, 6), range(1, 6), 20):
        assert len(str(problem.a)) == problem.m
        assert len(str(problem.b)) == problem.n


def test_no_pair_repeats_within_a_cell_even_when_the_cell_is_nearly_exhausted():
    problems = cell_problems(3, 1, 1, 80)  # 81 distinct pairs exist
    assert len({(p.a, p.b) for p in problems}) == 80


def test_asking_for_more_samples_keeps_the_first_ones():
    assert cell_problems(9, 2, 3, 30)[:20] == cell_problems(9, 2, 3, 20)


def test_a_cell_cannot_give_more_problems_than_it_holds():
    assert cell_capacity(1, 1) == 81
    with pytest.raises(ValueError, match="only 81 distinct"):
        cell_problems(1, 1, 1, 82)


def test_twenty_digit_operands_are_exact():
    problem = cell_problems(1, 20, 20, 1)[0]
    assert problem.product == problem.a * problem.b
    assert len(str(problem.a)) == 20
