"""The experiment's metrics on small tables whose right numbers can be counted by hand."""
import math

import numpy as np
import pandas as pd
import pytest

from experiment import metrics


@pytest.mark.parametrize("k, n, low, high", [
    (0, 10, 0.0, 0.2775), (10, 10, 0.7225, 1.0), (5, 10, 0.2366, 0.7634), (18, 20, 0.6990, 0.9721),
])
def test_wilson_interval_matches_published_values(k, n, low, high):
    assert tuple(map(float, metrics.wilson_interval(k, n))) == pytest.approx((low, high), abs=1e-4)


def test_wilson_interval_is_element_wise_and_absent_without_trials():
    low, high = metrics.wilson_interval([0, 18, 0], [10, 20, 0])
    assert (low[1], high[1]) == pytest.approx((0.6990, 0.9721), abs=1e-4)
    assert math.isnan(low[2]) and math.isnan(high[2])


def record(outcome: str, m: int = 2, n: int = 3, **fields) -> dict:
    row = {"model_label": "m", "variant": "plain", "m": m, "n": n, "outcome": outcome, "digit_accuracy": np.nan,
           "completion_tokens": np.nan, "reasoning_tokens": np.nan, "category": None, "followed_algorithm": np.nan,
           "first_wrong_kind": None, "first_wrong_source": None, "first_wrong_start": np.nan,
           "reasoning_chars": 0.0, "answer_chars": 0.0}
    row.update(fields)
    return row


def test_truncated_refused_and_errors_are_reported_beside_the_accuracy_not_in_it():
    outcomes = ["correct"] * 3 + ["wrong", "unparsed", "truncated", "truncated", "refused", "error"]
    [cell] = metrics.accuracy(pd.DataFrame([record(o) for o in outcomes])).to_dict("records")
    assert cell["accuracy"] == pytest.approx(3 / 5)
    assert (cell["counted"], cell["truncated"], cell["refused"], cell["error"]) == (5, 2, 1, 1)
    assert cell["ci_low"] < 0.6 < cell["ci_high"]


def test_a_cell_with_nothing_counted_has_no_accuracy_and_no_interval():
    [cell] = metrics.accuracy(pd.DataFrame([record("truncated"), record("error")])).to_dict("records")
    assert cell["counted"] == 0 and math.isnan(cell["accuracy"]) and math.isnan(cell["ci_low"])


def test_digit_accuracy_averages_the_graded_answers_only():
    table = pd.DataFrame([record("correct", digit_accuracy=1.0), record("wrong", digit_accuracy=0.5),
                          record("truncated", digit_accuracy=0.0), record("unparsed")])
    [cell] = metrics.digit_accuracy(table).to_dict("records")
    assert (cell["digit_accuracy"], cell["answers"]) == (0.75, 2)


def test_token_medians_per_cell_leave_out_records_without_a_count():
    table = pd.DataFrame([record("wrong", completion_tokens=t) for t in (10, 20, 30, 1000)]
                         + [record("wrong", m=1, n=1, completion_tokens=np.nan)])
    cells = metrics.cells(table)
    assert cells["completion_tokens_median"].tolist() == [pytest.approx(np.nan, nan_ok=True), 25.0]
    assert cells["reasoning_tokens_median"].isna().all()


def analysed(outcome: str, category: str, followed: bool, **fields) -> dict:
    return record(outcome, category=category, followed_algorithm=float(followed), **fields)


def test_wrong_answers_are_the_grader_outcome_wrong():
    table = pd.DataFrame([
        analysed("wrong", "wrong_partial_product", True),
        analysed("wrong", "no_algorithm", False),
        analysed("truncated", "truncated", True),  # cut by the limit: not a wrong answer, whatever it read
        analysed("correct", "correct", True),
        record("wrong"),  # not analysed yet: takes no part
    ])
    [row] = metrics.followed_share(table, ["model_label"]).to_dict("records")
    assert (row["wrong"], row["followed"], row["share"]) == (2, 1, 0.5)
    assert row["ci_low"] < 0.5 < row["ci_high"]


def test_first_error_position_is_a_share_of_the_text_as_the_replay_shows_it():
    table = pd.DataFrame([
        # 100 characters of reasoning, 50 of answer: an error at 10 in the answer stands at 110 of 150.
        analysed("wrong", "answer_mismatch", True, first_wrong_source="answer", first_wrong_start=10.0,
                 reasoning_chars=100.0, answer_chars=50.0, first_wrong_kind="answer"),
        analysed("wrong", "arithmetic_slip", True, first_wrong_source="reasoning", first_wrong_start=0.0,
                 reasoning_chars=100.0, answer_chars=50.0, first_wrong_kind="digit_product"),
        analysed("correct", "self_corrected", True, first_wrong_source="reasoning", first_wrong_start=5.0,
                 reasoning_chars=100.0, answer_chars=0.0, first_wrong_kind="digit_product"),
    ])
    shares = metrics.first_error_share(table)
    assert shares.iloc[0] == pytest.approx(110 / 150) and shares.iloc[1] == 0.0 and math.isnan(shares.iloc[2])
    positions = metrics.first_error_position(table, ["model_label"])
    assert dict(zip(positions["position"], positions["count"])) == {
        "0-20%": 1, "20-40%": 0, "40-60%": 0, "60-80%": 1, "80-100%": 0}
    assert positions["share"].sum() == pytest.approx(1.0)
    kinds = metrics.first_error_kinds(table, ["model_label"])
    assert dict(zip(kinds["first_wrong_kind"], kinds["count"])) == {"answer": 1, "digit_product": 1}


def test_error_categories_are_those_of_the_answers_not_graded_correct():
    table = pd.DataFrame([analysed("wrong", "no_algorithm", False), analysed("wrong", "no_algorithm", False),
                          analysed("truncated", "truncated", False), analysed("correct", "correct", True)])
    errors = metrics.error_categories(table, ["model_label"])
    assert dict(zip(errors["category"], errors["count"])) == {"no_algorithm": 2, "truncated": 1}
    assert errors["share"].tolist() == pytest.approx([2 / 3, 1 / 3])
    every = metrics.category_counts(table, ["model_label"])
    assert dict(zip(every["category"], every["count"])) == {"no_algorithm": 2, "truncated": 1, "correct": 1}
