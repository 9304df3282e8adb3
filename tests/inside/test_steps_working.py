"""The four contexts as the model reads them, the wrong step, and the answer's probability digit by digit."""
import math

import pytest

from experiment.prompts import FEW_SHOT
from inside.steps.digits import NextDigit, likeliest, next_digit, score
from inside.steps.working import (
    ANSWER_CUE,
    CONTEXTS,
    Context,
    Problem,
    WrongStep,
    check_problem,
    context_text,
    seeded_wrong_step,
)


def test_the_correct_working_is_the_experiments_prompt_followed_by_the_long_multiplication():
    text = context_text(Problem(12, 34), Context.WORKING)
    assert text == FEW_SHOT.format(a=12, b=34) + "12 x 4 = 48\n12 x 30 = 360\n48 + 360 = 408\n" + ANSWER_CUE


def test_three_rows_are_summed_as_running_sums_and_a_zero_digit_writes_no_row():
    text = context_text(Problem(123, 405), Context.WORKING)
    assert text.endswith("123 x 5 = 615\n123 x 400 = 49200\n615 + 49200 = 49815\nFinal Answer: ")
    assert 123 * 405 == 49815


def test_the_working_stopped_before_the_final_sum_leaves_out_only_its_last_line():
    full = context_text(Problem(123, 456), Context.WORKING)
    stopped = context_text(Problem(123, 456), Context.NO_SUM)
    assert stopped == full.replace("6888 + 49200 = 56088\n", "")
    assert "123 x 400 = 49200\n738 + 6150 = 6888\nFinal Answer: " in stopped and "56088" not in stopped


def test_the_wrong_step_carries_through_every_sum_after_it_to_the_answer_it_leads_to():
    problem = Problem(12, 34, WrongStep(0, 10))
    text = context_text(problem, Context.WRONG)
    assert text.endswith("12 x 4 = 58\n12 x 30 = 360\n58 + 360 = 418\nFinal Answer: ")
    assert problem.led_to == 418


def test_the_question_alone_shows_an_example_answer_but_no_working():
    text = context_text(Problem(12, 34), Context.QUESTION)
    assert "Working" not in text and " x " not in text
    assert text.endswith("Question: Calculate the product of 12 and 34.\nFinal Answer: ")
    assert [c.title for c in CONTEXTS] == ["the question alone", "with correct working",
                                          "working stopped before the final sum", "working with one wrong step"]


@pytest.mark.parametrize("a,b", [(6, 7), (12, 34), (905, 70), (1234, 5678), (99999, 99999)])
def test_a_seeded_wrong_step_is_a_one_digit_slip_that_changes_the_answer(a, b):
    for seed in range(20):
        wrong = seeded_wrong_step(a, b, seed)
        problem = check_problem(a, b, wrong)
        part, value = problem.rows()[wrong.row]
        slipped = str(value + wrong.by)
        assert len(slipped) == len(str(value)) and slipped[0] != "0"
        assert sum(x != y for x, y in zip(slipped, str(value))) == 1
        assert slipped[len(slipped) - len(str(part)) + 1:] == str(value)[len(slipped) - len(str(part)) + 1:]
    assert seeded_wrong_step(a, b, 3) == seeded_wrong_step(a, b, 3)


@pytest.mark.parametrize("a,b,wrong,message", [
    (0, 5, WrongStep(), "a must be"), (5, 100000, WrongStep(), "b must be"), (12, 34, WrongStep(2, 10), "1..2"),
    (12, 34, WrongStep(0, 0), "other than 0"), (12, 34, WrongStep(0, -48), "could write"),
])
def test_a_problem_the_page_cannot_ask_is_one_line_for_the_reader(a, b, wrong, message):
    with pytest.raises(ValueError, match=message):
        check_problem(a, b, wrong)


def test_tokens_are_read_as_digits_that_continue_the_number_or_as_its_end():
    step = next_digit([("4", 0.5), ("3", 0.2), ("\n", 0.1), ("4", 0.05), (" ", 0.05)])
    assert step.digits == {"3": 0.2, "4": pytest.approx(0.55)}
    assert step.end == pytest.approx(0.15) and step.coverage == pytest.approx(0.9)


TABLE = {  # a model that writes 408 with 0.6, 418 with 0.3, 4080 with 0.1
    "": NextDigit({"4": 1.0}, 0.0),
    "4": NextDigit({"0": 0.7, "1": 0.3}, 0.0),
    "40": NextDigit({"8": 1.0}, 0.0),
    "41": NextDigit({"8": 1.0}, 0.0),
    "408": NextDigit({"0": 1 / 7}, 6 / 7),
    "418": NextDigit({}, 1.0),
    "4080": NextDigit({}, 1.0),
}


def test_teacher_forcing_multiplies_each_digits_probability_and_the_end():
    scored = score(TABLE.get, "408")
    assert scored.factors == (1.0, 0.7, 1.0, pytest.approx(6 / 7))
    assert scored.probability == pytest.approx(0.6)
    assert score(TABLE.get, "418").probability == pytest.approx(0.3)


def test_the_beam_search_finds_the_likeliest_answers_in_order():
    found = likeliest(TABLE.get, max_digits=4, beam=4)
    assert [a for a, _ in found] == ["408", "418", "4080"]
    assert [p for _, p in found] == [pytest.approx(0.6), pytest.approx(0.3), pytest.approx(0.1)]
    assert math.isclose(sum(p for _, p in found), 1.0)
