"""Text for people: the end-of-run summary and the accuracy tables printed by the command line."""

from __future__ import annotations

import csv
import io
import json
import math

import pandas as pd

from experiment.grading import OUTCOMES
from experiment.metrics import CELL, NOT_COUNTED
from experiment.runner import RunSummary

# The columns of `stats --format json|csv|table`, in order: the cell, its accuracy (metrics.accuracy), the
# outcome counts, and, where the table has them, digit accuracy and median tokens (metrics.cells).
_EXTRA = ("digit_accuracy", "completion_tokens_median", "reasoning_tokens_median")


def summary_text(summary: RunSummary) -> str:
    outcomes = ", ".join(f"{summary.outcomes[o]} {o}" for o in OUTCOMES if summary.outcomes[o]) or "none"
    rate = summary.recorded / summary.elapsed_s if summary.elapsed_s else 0.0
    lines = [
        f"planned {summary.planned} items: {summary.already_finished} already answered, "
        f"{summary.pending} to ask",
        f"recorded {summary.recorded} ({outcomes}) with {summary.requests} requests and "
        f"{summary.tokens} tokens in {summary.elapsed_s:.1f} s ({rate:.1f} items/s)",
    ]
    if summary.stopped:
        lines.append(f"stopped: {summary.stopped}")
    remaining = summary.pending - summary.recorded
    if remaining:
        lines.append(f"{remaining} items are still to ask: run the same command again to resume")
    return "\n".join(lines)


def _percent(value: float | None) -> str:
    return "   -" if value is None or math.isnan(value) else f"{100 * value:4.0f}"


def accuracy_grids(cells: pd.DataFrame) -> str:
    """One m x n grid of accuracy (%) per model and variant: the run's picture at a glance. `cells`: one row
    per cell, as metrics.accuracy or metrics.cells give it."""
    blocks = []
    for (model, variant), grid in cells.groupby(["model_label", "variant"], sort=True):
        grid = grid.set_index(["m", "n"])
        ms = sorted(grid.index.get_level_values("m").unique())
        ns = sorted(grid.index.get_level_values("n").unique())
        lines = [f"{model} / {variant}: accuracy % (correct / (correct + wrong + unparsed)), rows: digits of a, "
                 f"columns: digits of b",
                 "      " + "".join(f"{n:>5}" for n in ns)]
        for m in ms:
            lines.append(f"{m:>5} " + "".join(
                f"{_percent(grid.at[(m, n), 'accuracy'] if (m, n) in grid.index else None):>5}" for n in ns))
        lines.append("not counted: " + ", ".join(f"{int(grid[o].sum())} {o}" for o in NOT_COUNTED))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def cell_rows(cells: pd.DataFrame) -> list[dict]:
    """The cells as plain rows (`model`, `variant`, `m`, `n`, accuracy and interval, counts, then the other
    metrics when present), with None for a number that does not exist (nothing counted, no token counts)."""
    extra = [c for c in _EXTRA if c in cells]
    rows = []
    for cell in cells.to_dict("records"):
        row = {"model": cell["model_label"], "variant": cell["variant"], "m": int(cell["m"]), "n": int(cell["n"])}
        row.update({k: _float(cell[k]) for k in ("accuracy", "ci_low", "ci_high")}, counted=int(cell["counted"]))
        row.update({o: int(cell[o]) for o in OUTCOMES})
        row.update({k: _float(cell[k]) for k in extra})
        rows.append(row)
    return rows


def _float(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def cells_table(cells: pd.DataFrame, fmt: str = "table") -> str:
    rows = cell_rows(cells.sort_values(list(CELL), kind="stable"))
    if fmt == "json":
        return json.dumps(rows, indent=1)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else ["model"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue().rstrip("\n")
    header = (f"{'model':<20} {'variant':<10} {'cell':>6} {'acc%':>5} {'95% CI':>13} {'n':>4}  "
              + " ".join(f"{o:>9}" for o in OUTCOMES) + f" {'digits%':>7} {'tokens':>6}")
    lines = [header]
    for row in rows:
        interval = ("" if row["ci_low"] is None
                    else f"{100 * row['ci_low']:.0f}-{100 * row['ci_high']:.0f}")
        tokens = row.get("completion_tokens_median")
        lines.append(f"{row['model'][:20]:<20} {row['variant'][:10]:<10} {row['m']:>3}x{row['n']:<2} "
                     f"{_percent(row['accuracy']):>5} {interval:>13} {row['counted']:>4}  "
                     + " ".join(f"{row[o]:>9}" for o in OUTCOMES)
                     + f" {_percent(row.get('digit_accuracy')):>7} {'-' if tokens is None else f'{tokens:.0f}':>6}")
    return "\n".join(lines)
