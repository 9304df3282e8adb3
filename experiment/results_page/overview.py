"""The overview's numbers, computed with vectorised pandas on the light record table (see loading.py).

Accuracy follows the runner's statistics (experiment/statistics.py) exactly: correct / (correct + wrong +
unparsed), with Wilson 95% intervals; truncated, refused and error records are left out of the fraction and
shown beside it, so a low token limit never reads as a model being bad at multiplication.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from experiment.grading import OUTCOMES
from experiment.statistics import COUNTED, Z_95

POSITION_BINS = ("0-20%", "20-40%", "40-60%", "60-80%", "80-100%")
_JOIN = 2  # the analyzer reads reasoning and answer joined by a blank line


def wilson(successes: np.ndarray, trials: np.ndarray, z: float = Z_95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score intervals, element-wise; NaN where there are no trials."""
    successes = np.asarray(successes, dtype=float)
    trials = np.asarray(trials, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = successes / trials
        denominator = 1 + z * z / trials
        centre = (p + z * z / (2 * trials)) / denominator
        half = z * np.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    low = np.where(trials > 0, np.clip(centre - half, 0.0, 1.0), np.nan)
    high = np.where(trials > 0, np.clip(centre + half, 0.0, 1.0), np.nan)
    return low, high


def with_series(table: pd.DataFrame) -> pd.DataFrame:
    """Add `series`: the model's label, with the prompt variant when a model was asked in several ways
    (or several files hold the same model), so that every line of a figure is one thing that was measured."""
    table = table.copy()
    variants = table.groupby("model_label")["variant"].transform("nunique")
    label = table["model_label"].where(variants <= 1, table["model_label"] + " · " + table["variant"])
    if "source" in table and table.groupby("model_label")["source"].transform("nunique").gt(1).any():
        several = table.groupby("model_label")["source"].transform("nunique") > 1
        label = label.where(~several, label + " (" + table["source"] + ")")
    table["series"] = label
    table["digits"] = table["m"] + table["n"]
    return table


def outcome_counts(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """One row per group with a column per outcome (zeros included) and `counted`."""
    counts = pd.crosstab([table[k] for k in keys], table["outcome"])
    counts = counts.reindex(columns=list(OUTCOMES), fill_value=0)
    counts.columns.name = None
    counts["counted"] = counts[list(COUNTED)].sum(axis=1)
    counts["total"] = counts[list(OUTCOMES)].sum(axis=1)
    return counts.reset_index()


def accuracy(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Accuracy with its Wilson interval per group, and the outcomes left out of it."""
    counts = outcome_counts(table, keys)
    counted = counts["counted"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        counts["accuracy"] = np.where(counted > 0, counts["correct"] / counted, np.nan)
    counts["ci_low"], counts["ci_high"] = wilson(counts["correct"].to_numpy(), counted)
    return counts


def cell_accuracy(table: pd.DataFrame) -> pd.DataFrame:
    return accuracy(table, ["series", "m", "n"])


def digits_accuracy(table: pd.DataFrame) -> pd.DataFrame:
    return accuracy(table, ["series", "digits"])


def outcome_mix(table: pd.DataFrame) -> pd.DataFrame:
    """Long form: series, cell, outcome, count, share of the cell's records."""
    counts = outcome_counts(table, ["series", "m", "n"])
    long = counts.melt(id_vars=["series", "m", "n", "total"], value_vars=list(OUTCOMES),
                       var_name="outcome", value_name="count")
    long["share"] = long["count"] / long["total"]
    long["cell"] = long["m"].astype(str) + "×" + long["n"].astype(str)
    return long.sort_values(["series", "m", "n"], kind="stable")


def tokens_by_digits(table: pd.DataFrame, column: str = "completion_tokens") -> pd.DataFrame:
    """Median and quartiles of a token count per series and total digits (records without a count left out)."""
    known = table[table[column].notna()]
    if known.empty:
        return pd.DataFrame(columns=["series", "digits", "median", "q1", "q3", "records"])
    grouped = known.groupby(["series", "digits"])[column]
    result = grouped.quantile([0.25, 0.5, 0.75]).unstack()
    result.columns = ["q1", "median", "q3"]
    result["records"] = grouped.size()
    return result.reset_index()


def analysed(table: pd.DataFrame) -> pd.DataFrame:
    return table[table["category"].notna()]


def followed_share(table: pd.DataFrame) -> pd.DataFrame:
    """Of the wrong answers, how many came after every partial product was written (the essay's claim)."""
    wrong = analysed(table)
    wrong = wrong[wrong["outcome"] == "wrong"]
    grouped = wrong.groupby("series")["followed_algorithm"]
    result = pd.DataFrame({"wrong": grouped.size(), "followed": grouped.sum()}).reset_index()
    result["share"] = result["followed"] / result["wrong"]
    result["ci_low"], result["ci_high"] = wilson(result["followed"].to_numpy(), result["wrong"].to_numpy())
    return result


def first_error_position(table: pd.DataFrame) -> pd.DataFrame:
    """Where in the written text (reasoning, then answer) the first error that stuck falls, in fifths."""
    rows = analysed(table)
    rows = rows[rows["first_wrong_start"].notna() & ~rows["category"].isin(["correct", "self_corrected"])]
    length = (rows["reasoning_chars"].fillna(0) + rows["answer_chars"].fillna(0)).clip(lower=1)
    offset = np.where(rows["first_wrong_source"] == "answer", rows["reasoning_chars"].fillna(0)
                      + np.where(rows["reasoning_chars"].fillna(0) > 0, _JOIN, 0), 0)
    fraction = ((rows["first_wrong_start"] + offset) / length).clip(0, 0.999)
    bins = pd.Categorical.from_codes((fraction * 5).astype(int), POSITION_BINS)
    counts = pd.crosstab(rows["series"], bins).reindex(columns=list(POSITION_BINS), fill_value=0)
    long = counts.reset_index().melt(id_vars="series", var_name="position", value_name="count")
    long["share"] = long["count"] / long.groupby("series")["count"].transform("sum")
    return long


def error_categories(table: pd.DataFrame) -> pd.DataFrame:
    """Categories of the traces that did not end in a correct answer, as counts and shares per series."""
    rows = analysed(table)
    rows = rows[rows["outcome"] != "correct"]
    counts = rows.groupby(["series", "category"]).size().rename("count").reset_index()
    counts["share"] = counts["count"] / counts.groupby("series")["count"].transform("sum")
    return counts.sort_values(["series", "count"], ascending=[True, False], kind="stable")
