"""Analyses summarised per model and per cell (model, digits of a, digits of b).

The essay's claim is about wrong answers: how many of them came after the model wrote out the algorithm,
where in the trace the first error fell, and what kind of error it was. The summary answers exactly
those three questions, for the replay page and for the command line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

POSITION_BINS = ("0-20%", "20-40%", "40-60%", "60-80%", "80-100%")


@dataclass(slots=True)
class GroupSummary:
    traces: int = 0
    wrong: int = 0
    wrong_followed: int = 0
    categories: Counter = field(default_factory=Counter)
    first_wrong_kinds: Counter = field(default_factory=Counter)
    first_wrong_position: Counter = field(default_factory=Counter)

    def add(self, analysis: dict[str, Any]) -> None:
        self.traces += 1
        self.categories[analysis["category"]] += 1
        if analysis.get("answer") is not None and not analysis.get("answer_correct"):
            self.wrong += 1
            self.wrong_followed += bool(analysis["followed_algorithm"])
        first = analysis.get("first_wrong")
        if first is not None and analysis["category"] != "self_corrected":
            self.first_wrong_kinds[first["kind"]] += 1
            steps = max(len(analysis.get("steps", ())), 1)
            self.first_wrong_position[POSITION_BINS[min(first["index"] * 5 // steps, 4)]] += 1

    @property
    def followed_share_of_wrong(self) -> float | None:
        """Share of wrong answers given after writing every partial product (None without wrong answers)."""
        return self.wrong_followed / self.wrong if self.wrong else None

    def to_json(self) -> dict[str, Any]:
        return {
            "traces": self.traces,
            "wrong_answers": self.wrong,
            "wrong_that_followed_algorithm": self.wrong_followed,
            "followed_share_of_wrong": self.followed_share_of_wrong,
            "categories": dict(self.categories.most_common()),
            "first_wrong_kinds": dict(self.first_wrong_kinds.most_common()),
            "first_wrong_position": {b: self.first_wrong_position.get(b, 0) for b in POSITION_BINS},
        }


@dataclass(slots=True)
class Summary:
    models: dict[str, GroupSummary] = field(default_factory=dict)
    cells: dict[tuple[str, int, int], GroupSummary] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "models": {name: group.to_json() for name, group in sorted(self.models.items())},
            "cells": [{"model": model, "m": m, "n": n, **group.to_json()}
                      for (model, m, n), group in sorted(self.cells.items())],
        }


def summarise(rows: Iterable[tuple[dict[str, Any], dict[str, Any]]]) -> Summary:
    """rows: (record, analysis) pairs; a record needs model_label (or model), and m, n (or a, b)."""
    summary = Summary()
    for record, analysis in rows:
        model = str(record.get("model_label") or record.get("model") or "unknown")
        m = int(record.get("m") or len(str(record["a"])))
        n = int(record.get("n") or len(str(record["b"])))
        summary.models.setdefault(model, GroupSummary()).add(analysis)
        summary.cells.setdefault((model, m, n), GroupSummary()).add(analysis)
    return summary


def format_summary(summary: Summary) -> str:
    """Plain-text tables: one line per model, then one line per cell."""
    def line(name: str, group: GroupSummary) -> str:
        share = group.followed_share_of_wrong
        followed = "-" if share is None else f"{share:.0%}"
        top = ", ".join(f"{c} {k}" for c, k in group.categories.most_common(3))
        return f"{name:28s} {group.traces:6d} {group.wrong:6d} {followed:>9s}  {top}"

    header = f"{'':28s} {'traces':>6s} {'wrong':>6s} {'followed':>9s}  top categories"
    lines = ["per model", header]
    lines += [line(name, group) for name, group in sorted(summary.models.items())]
    lines += ["", "per cell (model m x n)", header]
    lines += [line(f"{model} {m}x{n}", group) for (model, m, n), group in sorted(summary.cells.items())]
    return "\n".join(lines)
