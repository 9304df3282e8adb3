"""Metrics of the trace analyses: did wrong answers follow the algorithm, where the first error fell, and
what kind of error it was.

Every function takes the light record table (experiment/results/queries.py LIGHT_COLUMNS: record fields and
the stored analysis fields) and the columns to group by. Only records with an analysis (`category` set)
take part. "Wrong answer" always means the grader's outcome `wrong`, never the analyzer's own reading.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from experiment.metrics.wilson import wilson_interval

POSITION_BINS = ("0-20%", "20-40%", "40-60%", "60-80%", "80-100%")
# Categories of a trace whose errors, if any, did not stick: they have no first error to place.
NO_LASTING_ERROR = ("correct", "self_corrected")


def analysed(table: pd.DataFrame) -> pd.DataFrame:
    """The records that carry a trace analysis."""
    return table[table["category"].notna()]


def followed_share(table: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """Of the wrong answers (grader's outcome `wrong`, analysed), how many came after the model wrote every
    partial product (`followed_algorithm`): `wrong`, `followed`, `share` = followed / wrong and its Wilson 95%
    interval (`ci_low`, `ci_high`). Groups without a wrong answer are absent. This is the essay's claim."""
    keys = list(keys)
    wrong = analysed(table)
    wrong = wrong[wrong["outcome"] == "wrong"]
    grouped = wrong.groupby(keys)["followed_algorithm"]
    result = pd.DataFrame({"wrong": grouped.size(), "followed": grouped.sum().astype("int64")}).reset_index()
    result["share"] = result["followed"] / result["wrong"]
    result["ci_low"], result["ci_high"] = wilson_interval(result["followed"].to_numpy(), result["wrong"].to_numpy())
    return result


def with_lasting_error(table: pd.DataFrame) -> pd.DataFrame:
    """The analysed records with a first error that stuck: a located first wrong step, in a trace whose
    category is neither `correct` nor `self_corrected`, whatever the grader's outcome (a truncated trace can
    have gone wrong before it was cut)."""
    rows = analysed(table)
    return rows[rows["first_wrong_start"].notna() & ~rows["category"].isin(NO_LASTING_ERROR)]


def first_error_share(table: pd.DataFrame) -> pd.Series:
    """Where the first error that stuck starts, as a share of the characters the model wrote, per record
    (NaN without one): the text is the reasoning followed by the answer, exactly as the replay shows it, so
    an error in the answer sits after the whole reasoning. 0 is the first character; always below 1."""
    reasoning = table["reasoning_chars"].fillna(0)
    length = (reasoning + table["answer_chars"].fillna(0)).clip(lower=1)
    offset = np.where(table["first_wrong_source"] == "answer", reasoning, 0)
    share = ((table["first_wrong_start"] + offset) / length).clip(0, 1)
    lasting = table.index.isin(with_lasting_error(table).index)
    return share.where(lasting)


def first_error_position(table: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """Long form, one row per group and fifth of the text (POSITION_BINS): `count` of the records with a
    first error that stuck (with_lasting_error) whose error starts in that fifth (first_error_share), and
    `share` of the group's such records. Every fifth is listed, zeros included."""
    keys = list(keys)
    rows = with_lasting_error(table)
    if rows.empty:
        return pd.DataFrame(columns=keys + ["position", "count", "share"])
    fifth = np.minimum((first_error_share(rows) * 5).astype("int64"), 4)
    position = pd.Categorical.from_codes(fifth.to_numpy(), POSITION_BINS)
    counts = rows.assign(position=position).groupby(keys + ["position"], observed=False).size()
    # observed=False lists every fifth, but also group combinations that do not occur: keep the real ones.
    long = counts.rename("count").reset_index().merge(rows[keys].drop_duplicates(), on=keys)
    long["position"] = long["position"].astype(str)
    long["share"] = long["count"] / long.groupby(keys)["count"].transform("sum")
    return long


def first_error_kinds(table: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """`count` per group and `first_wrong_kind` (digit_product, partial_product, addition, ...) over the
    records with a first error that stuck (with_lasting_error), most frequent first."""
    rows = with_lasting_error(table)
    counts = rows.groupby(list(keys) + ["first_wrong_kind"]).size().rename("count").reset_index()
    return _most_frequent_first(counts, keys)


def category_counts(table: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """`count` per group and category over every analysed record, most frequent first."""
    rows = analysed(table)
    counts = rows.groupby(list(keys) + ["category"]).size().rename("count").reset_index()
    return _most_frequent_first(counts, keys)


def error_categories(table: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """`count` per group and category over the analysed records the grader did not mark `correct` (wrong,
    unparsed, truncated, refused): what went wrong. `share`: of the group's such records."""
    rows = analysed(table)
    counts = category_counts(rows[rows["outcome"] != "correct"], keys)
    counts["share"] = counts["count"] / counts.groupby(list(keys))["count"].transform("sum")
    return counts.reset_index(drop=True)


def _most_frequent_first(counts: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    ordered = counts.sort_values([*keys, "count"], ascending=[True] * len(keys) + [False], kind="stable")
    return ordered.reset_index(drop=True)
