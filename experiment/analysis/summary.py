"""Analyses summarised per model and per cell (model, prompt variant, digits of a, digits of b).

The essay's claim is about wrong answers: how many of them came after the model wrote out the algorithm,
where in the trace the first error fell, and what kind of error it was. The numbers are the experiment's
metrics (experiment/metrics/), the same ones the experiment page draws; this module only groups and prints
them for `python -m experiment analysis-summary`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from experiment import metrics
from experiment.analysis.storage import analyse_missing, needs_analysis
from experiment.analysis.trace import ANALYZER_VERSION
from experiment.result_files import ResultsReader

MODEL = ("model_label",)


@dataclass(slots=True)
class GroupSummary:
    """One model's (or one cell's) analysed traces; every count is defined in experiment/metrics/traces.py."""

    traces: int = 0
    wrong: int = 0
    wrong_followed: int = 0
    followed_interval: tuple[float, float] | None = None
    categories: dict[str, int] = field(default_factory=dict)
    error_categories: dict[str, int] = field(default_factory=dict)
    first_wrong_kinds: dict[str, int] = field(default_factory=dict)
    first_wrong_position: dict[str, int] = field(default_factory=lambda: dict.fromkeys(metrics.POSITION_BINS, 0))

    @property
    def followed_share_of_wrong(self) -> float | None:
        """Share of wrong answers (grader's outcome) given after writing every partial product (None
        without wrong answers)."""
        return self.wrong_followed / self.wrong if self.wrong else None

    def to_json(self) -> dict[str, Any]:
        return {
            "traces": self.traces,
            "wrong_answers": self.wrong,
            "wrong_that_followed_algorithm": self.wrong_followed,
            "followed_share_of_wrong": self.followed_share_of_wrong,
            "followed_interval": list(self.followed_interval) if self.followed_interval else None,
            "categories": self.categories,
            "error_categories": self.error_categories,
            "first_wrong_kinds": self.first_wrong_kinds,
            "first_wrong_position": self.first_wrong_position,
        }


@dataclass(slots=True)
class Summary:
    models: dict[str, GroupSummary] = field(default_factory=dict)
    cells: dict[tuple[str, str, int, int], GroupSummary] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "models": {name: group.to_json() for name, group in sorted(self.models.items())},
            "cells": [{"model": model, "variant": variant, "m": m, "n": n, **group.to_json()}
                      for (model, variant, m, n), group in sorted(self.cells.items())],
        }


def load_table(path: Path) -> tuple[pd.DataFrame, int]:
    """The latest record of each item with its analysis by this analyzer version (the experiment page's
    light table), read without writing to the file: stored analyses where the file has them, the others
    computed in memory, as the page does. Returns the table and how many were computed."""
    with ResultsReader(Path(path)) as reader:
        table = reader.light_table(ANALYZER_VERSION)
    computed = int(needs_analysis(table).sum())
    table, _ = analyse_missing(Path(path), table)
    return table, computed


def summarise(table: pd.DataFrame) -> Summary:
    """Per model and per cell, from a light record table (load_table); only analysed records take part."""
    table = metrics.analysed(table)
    summary = Summary()
    summary.models = _groups(table, MODEL)
    summary.cells = _groups(table, metrics.CELL)
    return summary


def summarise_file(path: Path) -> Summary:
    """summarise(load_table(path)): what `analysis-summary` prints."""
    return summarise(load_table(path)[0])


def _groups(table: pd.DataFrame, keys: tuple[str, ...]) -> dict:
    keys = list(keys)
    groups: dict = {}

    def group(row: dict) -> GroupSummary:
        key = tuple(_plain(row[k]) for k in keys)
        return groups.setdefault(key[0] if len(key) == 1 else key, GroupSummary())

    for row in table.groupby(keys).size().rename("traces").reset_index().to_dict("records"):
        group(row).traces = int(row["traces"])
    for row in metrics.followed_share(table, keys).to_dict("records"):
        found = group(row)
        found.wrong, found.wrong_followed = int(row["wrong"]), int(row["followed"])
        found.followed_interval = (float(row["ci_low"]), float(row["ci_high"]))
    for name, frame, column in (("categories", metrics.category_counts(table, keys), "category"),
                                ("error_categories", metrics.error_categories(table, keys), "category"),
                                ("first_wrong_kinds", metrics.first_error_kinds(table, keys), "first_wrong_kind"),
                                ("first_wrong_position", metrics.first_error_position(table, keys), "position")):
        for row in frame.to_dict("records"):
            getattr(group(row), name)[row[column]] = int(row["count"])
    return groups


def _plain(value: Any) -> Any:
    """numpy scalars as Python ones, so that keys sort and print as the rest."""
    return value.item() if hasattr(value, "item") else value


def format_summary(summary: Summary) -> str:
    """Plain-text tables: one line per model, then one line per cell."""
    def line(name: str, group: GroupSummary) -> str:
        share = group.followed_share_of_wrong
        followed = "-" if share is None else f"{share:.0%}"
        top = ", ".join(f"{c} {k}" for k, c in list(group.error_categories.items())[:3])
        return f"{name:34s} {group.traces:6d} {group.wrong:6d} {followed:>9s}  {top}"

    header = f"{'':34s} {'traces':>6s} {'wrong':>6s} {'followed':>9s}  top error categories"
    lines = ["per model", header]
    lines += [line(name, group) for name, group in sorted(summary.models.items())]
    lines += ["", "per cell (model variant m x n)", header]
    lines += [line(f"{model} {variant} {m}x{n}", group)
              for (model, variant, m, n), group in sorted(summary.cells.items())]
    return "\n".join(lines)
