import pytest

from experiment.grading import digit_scores, grade


def test_right_and_wrong_answers():
    assert grade("Final Answer: 56088", "stop", False, 123, 456).outcome == "correct"
    assert grade("Final Answer: 56188", "stop", False, 123, 456).outcome == "wrong"


def test_an_answer_cut_by_the_token_limit_is_truncated_never_wrong():
    result = grade("Let me compute 123 x 456. First 123 x 6 = 738, then", "length", False, 123, 456)
    assert result.outcome == "truncated"
    assert grade("Final Answer: 56", "length", False, 123, 456).outcome == "truncated"


def test_a_finished_answer_line_before_the_limit_still_counts():
    assert grade("Final Answer: 56088\nQuestion: and", "length", False, 123, 456).outcome == "correct"


def test_refusals_from_the_provider_or_in_words():
    assert grade("", "content_filter", False, 2, 2).outcome == "refused"
    assert grade("", "end_turn", True, 2, 2).outcome == "refused"
    assert grade("I'm sorry, but I can't help with that.", "stop", False, 2, 2).outcome == "refused"


def test_a_finished_reply_without_a_number_is_unparsed():
    assert grade("The numbers are large.", "stop", False, 2, 2).outcome == "unparsed"


def test_digit_scores_align_from_the_least_significant_digit():
    scores = digit_scores(12355, 12345)
    assert scores.digit_accuracy == pytest.approx(4 / 5)
    assert (scores.leading_digits_correct, scores.trailing_digits_correct) == (3, 1)
    assert scores.length_correct
    assert scores.relative_error == pytest.approx(10 / 12345)


def test_a_missing_digit_counts_as_wrong_and_breaks_the_length():
    scores = digit_scores(2345, 12345)
    assert scores.digit_accuracy == pytest.approx(4 / 5)
    assert scores.trailing_digits_correct == 4
    assert scores.leading_digits_correct == 0
    assert not scores.length_correct
