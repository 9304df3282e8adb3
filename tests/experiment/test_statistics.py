import pytest

from experiment.statistics import cell_statistics, wilson_interval


@pytest.mark.parametrize("k, n, low, high", [
    (0, 10, 0.0, 0.2775), (10, 10, 0.7225, 1.0), (5, 10, 0.2366, 0.7634), (18, 20, 0.6990, 0.9721),
])
def test_wilson_interval_matches_published_values(k, n, low, high):
    assert wilson_interval(k, n) == pytest.approx((low, high), abs=1e-4)


def test_no_trials_no_interval():
    assert wilson_interval(0, 0) is None


def test_truncated_refused_and_errors_are_reported_beside_the_accuracy_not_in_it():
    outcomes = ["correct"] * 3 + ["wrong", "unparsed", "truncated", "truncated", "refused", "error"]
    records = [{"model_label": "m", "variant": "plain", "m": 2, "n": 3, "outcome": o} for o in outcomes]
    [cell] = cell_statistics(records)
    assert cell.accuracy == pytest.approx(3 / 5)
    row = cell.as_dict()
    assert (row["counted"], row["truncated"], row["refused"], row["error"]) == (5, 2, 1, 1)
    assert row["ci_low"] < 0.6 < row["ci_high"]
