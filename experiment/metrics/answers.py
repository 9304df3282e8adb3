"""Metrics of the graded answers: accuracy, the outcome mix, digit accuracy and tokens.

Every function takes the light record table (one row per item's latest record; the columns of
experiment/results/queries.py LIGHT_COLUMNS, or just the ones it names) and the columns to group by, and
returns one row per group. The grader's `outcome` is the only judge of an answer here.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from experiment.grading import OUTCOMES
from experiment.metrics.wilson import wilson_interval

CELL = ("model_label", "variant", "m", "n")
# A reply that finished without a readable answer failed to answer in the asked format: it counts.
COUNTED = ("correct", "wrong", "unparsed")
# The token limit stopped the model, or there was no answer at all: reported beside the accuracy, never in it.
NOT_COUNTED = ("truncated", "refused", "error")
GRADED = ("correct", "wrong")


def outcome_counts(table: pd.DataFrame, keys: Sequence[str] = CELL) -> pd.DataFrame:
    """One row per group: the number of records with each outcome (zeros included), `counted` (correct +
    wrong + unparsed) and `total` (every record)."""
    keys = list(keys)
    counts = table.groupby(keys + ["outcome"]).size().unstack("outcome") if len(table) else None
    if counts is None:
        counts = pd.DataFrame(columns=keys + list(OUTCOMES)).set_index(keys)
    counts = counts.reindex(columns=list(OUTCOMES)).fillna(0).astype("int64")
    counts.columns.name = None
    counts["counted"] = counts[list(COUNTED)].sum(axis=1)
    counts["total"] = counts[list(OUTCOMES)].sum(axis=1)
    return counts.reset_index()


def accuracy(table: pd.DataFrame, keys: Sequence[str] = CELL) -> pd.DataFrame:
    """Accuracy per group: `correct` / `counted`, counted = correct + wrong + unparsed; truncated, refused
    and error records are in their own columns, not in the fraction. `ci_low`/`ci_high`: the Wilson 95%
    interval of that fraction. NaN (no interval) for a group with nothing counted."""
    counts = outcome_counts(table, keys)
    counted = counts["counted"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        counts["accuracy"] = np.where(counted > 0, counts["correct"].to_numpy(dtype=float) / counted, np.nan)
    counts["ci_low"], counts["ci_high"] = wilson_interval(counts["correct"].to_numpy(), counted)
    return counts


def outcome_shares(table: pd.DataFrame, keys: Sequence[str] = CELL) -> pd.DataFrame:
    """Long form, one row per group and outcome: `count` and `share` of the group's records (every
    outcome in the denominator: this is what happened to each question, not an accuracy)."""
    keys = list(keys)
    counts = outcome_counts(table, keys)
    long = counts.melt(id_vars=keys + ["total"], value_vars=list(OUTCOMES), var_name="outcome", value_name="count")
    long["share"] = long["count"] / long["total"]
    return long.sort_values(keys, kind="stable").reset_index(drop=True)


def digit_accuracy(table: pd.DataFrame, keys: Sequence[str] = CELL) -> pd.DataFrame:
    """Mean `digit_accuracy` (share of digit positions right, from the units, over the longer of answer and
    product) of the graded answers, outcome correct or wrong, per group; `answers` says how many. A truncated
    reply's half-written number is not an answer, so it is left out."""
    keys = list(keys)
    graded = table[table["outcome"].isin(GRADED) & table["digit_accuracy"].notna()]
    grouped = graded.groupby(keys)["digit_accuracy"]
    return pd.DataFrame({"digit_accuracy": grouped.mean(), "answers": grouped.size()}).reset_index()


def token_counts(table: pd.DataFrame, keys: Sequence[str] = CELL, column: str = "completion_tokens") -> pd.DataFrame:
    """Median and quartiles (`q1`, `q3`) of a token count (`completion_tokens` or `reasoning_tokens`, as
    the provider reported it) per group, over every record that has the count, whatever its outcome (a
    truncated reply spent its tokens too); `records` says how many."""
    keys = list(keys)
    known = table[table[column].notna()]
    if known.empty:
        return pd.DataFrame(columns=keys + ["median", "q1", "q3", "records"])
    grouped = known.groupby(keys)[column]
    result = grouped.quantile([0.25, 0.5, 0.75]).unstack()
    result.columns = ["q1", "median", "q3"]
    result["records"] = grouped.size()
    return result.reset_index()


def cells(table: pd.DataFrame) -> pd.DataFrame:
    """Everything `python -m experiment stats` prints, one row per cell (model, variant, m, n): the outcome
    counts, accuracy with its interval, digit accuracy of the graded answers, and the median completion and
    reasoning tokens. Token and digit columns are NaN where the table lacks the records (or the columns)."""
    keys = list(CELL)
    result = accuracy(table, keys)
    digits = digit_accuracy(table, keys) if "digit_accuracy" in table else None
    result = _joined(result, digits, keys, {"digit_accuracy": "digit_accuracy"})
    for column in ("completion_tokens", "reasoning_tokens"):
        tokens = token_counts(table, keys, column) if column in table else None
        result = _joined(result, tokens, keys, {"median": f"{column}_median"})
    return result.sort_values(keys, kind="stable").reset_index(drop=True)


def _joined(result: pd.DataFrame, extra: pd.DataFrame | None, keys: list[str], columns: dict[str, str]) -> pd.DataFrame:
    """`result` with `columns` of `extra` (renamed) beside each group; NaN for groups `extra` lacks."""
    if extra is None or extra.empty:
        return result.assign(**{name: np.nan for name in columns.values()})
    extra = extra[keys + list(columns)].rename(columns=columns)
    return result.merge(extra, on=keys, how="left")
