"""Two models, or two prompt variants, on the same problems.

A fair comparison uses only the problems both were asked (same operands), and only answers that count
(correct, wrong, unparsed) on both sides: a truncated or failed record says nothing about multiplication.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from experiment.metrics import COUNTED


@dataclass(frozen=True, slots=True)
class Arm:
    """One side of a comparison: a model asked with one prompt variant."""

    model: str
    variant: str

    @property
    def label(self) -> str:
        return f"{self.model} · {self.variant}"


def arms(table: pd.DataFrame) -> list[Arm]:
    pairs = table[["model_label", "variant"]].drop_duplicates().sort_values(["model_label", "variant"])
    return [Arm(m, v) for m, v in pairs.itertuples(index=False)]


def rows_of(table: pd.DataFrame, arm: Arm) -> pd.DataFrame:
    return table[(table["model_label"] == arm.model) & (table["variant"] == arm.variant)]


def paired(table: pd.DataFrame, first: Arm, second: Arm) -> pd.DataFrame:
    """One row per problem both arms answered: m, n, a, b and each side's record id, outcome, category."""
    keep = ["m", "n", "a", "b", "record_id", "outcome", "category"]
    left = rows_of(table, first)[keep].drop_duplicates(["a", "b"])
    right = rows_of(table, second)[keep].drop_duplicates(["a", "b"])
    return left.merge(right, on=["m", "n", "a", "b"], suffixes=("_1", "_2")).sort_values(["m", "n", "a", "b"])


def agreement(pairs: pd.DataFrame) -> dict[str, int]:
    """How the two sides did on the problems that count on both."""
    both = pairs[pairs["outcome_1"].isin(COUNTED) & pairs["outcome_2"].isin(COUNTED)]
    right_1, right_2 = both["outcome_1"] == "correct", both["outcome_2"] == "correct"
    return {
        "shared problems": len(pairs),
        "counted on both": len(both),
        "both right": int((right_1 & right_2).sum()),
        "only the first right": int((right_1 & ~right_2).sum()),
        "only the second right": int((~right_1 & right_2).sum()),
        "both wrong": int((~right_1 & ~right_2).sum()),
    }


def shared_table(table: pd.DataFrame, first: Arm, second: Arm) -> pd.DataFrame:
    """The records of both arms on their shared problems, each labelled with its arm as `series`, ready
    for the overview's figures."""
    pairs = paired(table, first, second)
    ids = set(pairs["record_id_1"]) | set(pairs["record_id_2"])
    shared = table[table["record_id"].isin(ids)].copy()
    labels = {first: first.label, second: second.label}
    if first.label == second.label:
        labels = {first: f"{first.label} (1)", second: f"{second.label} (2)"}
    shared["series"] = ""
    for arm, label in labels.items():
        shared.loc[(shared["model_label"] == arm.model) & (shared["variant"] == arm.variant), "series"] = label
    shared["digits"] = shared["m"] + shared["n"]
    return shared
