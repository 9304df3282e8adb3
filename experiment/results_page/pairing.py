"""Two models, or two prompt variants, on the same problems.

A fair comparison uses only the problems both were asked (same operands), and only answers that count
(correct, wrong, unparsed) on both sides: a truncated or failed record says nothing about multiplication.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
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


def default_pair(table: pd.DataFrame, kinds: dict[str, str] | None = None) -> tuple[Arm, Arm] | None:
    """The comparison a Compare tab opens on: the two arms with the most problems in common on which one
    was right and the other not, at least one such problem (two arms that agree everywhere show nothing);
    then a reasoning model against another model; then the most such differences. None with fewer than two
    arms; the first two arms when no pair differs anywhere. One matrix product, whatever the number of arms."""
    all_arms = arms(table)
    if len(all_arms) < 2:
        return None
    latest = table.drop_duplicates(["model_label", "variant", "a", "b"], keep="last")
    grid = latest.assign(_right=(latest["outcome"] == "correct").astype(float)).pivot_table(
        index=["model_label", "variant"], columns=["a", "b"], values="_right", aggfunc="last")
    grid = grid.reindex([(arm.model, arm.variant) for arm in all_arms])
    present = grid.notna().to_numpy(dtype=float)
    right = grid.fillna(0).to_numpy(dtype=float)
    wrong = present - right
    shared = present @ present.T
    differ = right @ wrong.T + wrong @ right.T
    kinds = kinds or {}
    reasoning = np.array([kinds.get(arm.model) == "reasoning" for arm in all_arms])
    either = (reasoning[:, None] | reasoning[None, :]).astype(float)
    upper = np.triu(np.ones_like(shared, dtype=bool), k=1) & (differ > 0)
    if not upper.any():
        return all_arms[0], all_arms[1]
    # Lexicographic (shared, reasoning, differ): every term below its predecessor's step of one.
    score = np.where(upper, shared * 4 * (len(grid.columns) + 1) + either * 2 * (len(grid.columns) + 1) + differ,
                     -1)
    i, j = np.unravel_index(int(np.argmax(score)), score.shape)
    return all_arms[i], all_arms[j]
