"""Which record a replay link opens on, by the same rules as the page's replay filters: model, prompt
variant, cell, outcome, error category, then the problem, each falling back to the first choice (with a
notice) when the link's value is not in the results. The embedded replay uses it as it is, so that it shows
the record the page shows for the same link (ui/experiment/replay.py draws the same choices as widgets)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from experiment.grading import OUTCOMES
from experiment.results_page.url_state import Selection

ALL = "all"


@dataclass(slots=True)
class Pick:
    """The record a replay shows (None when the filters leave none) and what the link asked that is not here."""

    row: pd.Series | None
    notices: list[str] = field(default_factory=list)


def _choose(options: list, wanted, label: str, notices: list[str]):
    if wanted and wanted not in options:
        notices.append(f"{label} {str(wanted)[:60]!r} is not in the chosen results; showing "
                       f"{options[0] if options else 'none'}.")
    return wanted if wanted in options else (options[0] if options else None)


def cell_options(rows: pd.DataFrame) -> list[str]:
    return [ALL] + [f"{m}x{n}" for m, n in sorted(set(zip(rows["m"], rows["n"])))]


def outcome_options(rows: pd.DataFrame) -> list[str]:
    return [ALL] + [o for o in OUTCOMES if (rows["outcome"] == o).any()]


def category_options(rows: pd.DataFrame) -> list[str]:
    return [ALL] + sorted(rows["category"].dropna().unique())


def pick(table: pd.DataFrame, selection: Selection) -> Pick:
    notices: list[str] = []
    model = _choose(sorted(table["model_label"].unique()), selection.model, "Model", notices)
    rows = table[table["model_label"] == model]
    variant = _choose(sorted(rows["variant"].unique()), selection.variant, "Prompt variant", notices)
    rows = rows[rows["variant"] == variant]
    wanted_cell = f"{selection.cell[0]}x{selection.cell[1]}" if selection.cell else ALL
    cell = _choose(cell_options(rows), wanted_cell, "Cell", notices)
    if cell != ALL:
        m, n = (int(part) for part in cell.split("x"))
        rows = rows[(rows["m"] == m) & (rows["n"] == n)]
    outcome = _choose(outcome_options(rows), selection.outcome or ALL, "Outcome", notices)
    if outcome != ALL:
        rows = rows[rows["outcome"] == outcome]
    category = _choose(category_options(rows), selection.category or ALL, "Error category", notices)
    if category != ALL:
        rows = rows[rows["category"] == category]
    if rows.empty:
        return Pick(None, notices)
    keys = rows["item_key"].drop_duplicates().tolist()
    problem = _choose(keys, selection.problem, "Problem", notices)
    return Pick(rows[rows["item_key"] == problem].iloc[0], notices)
