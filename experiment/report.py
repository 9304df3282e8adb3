"""Text for people: the end-of-run summary and the accuracy tables printed by the command line."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from experiment.grading import OUTCOMES
from experiment.runner import RunSummary
from experiment.statistics import CellStats


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
    return "   -" if value is None else f"{100 * value:4.0f}"


def accuracy_grids(cells: Sequence[CellStats]) -> str:
    """One m x n grid of accuracy (%) per model and variant: the run's picture at a glance."""
    blocks = []
    groups: dict[tuple[str, str], dict[tuple[int, int], CellStats]] = {}
    for cell in cells:
        groups.setdefault((cell.model, cell.variant), {})[(cell.m, cell.n)] = cell
    for (model, variant), grid in groups.items():
        ms = sorted({m for m, _ in grid})
        ns = sorted({n for _, n in grid})
        lines = [f"{model} / {variant}: accuracy % (correct / (correct + wrong + unparsed)), rows: digits of a, "
                 f"columns: digits of b",
                 "      " + "".join(f"{n:>5}" for n in ns)]
        for m in ms:
            lines.append(f"{m:>5} " + "".join(
                f"{_percent(grid[(m, n)].accuracy if (m, n) in grid else None):>5}" for n in ns))
        others = {o: sum(c.counts[o] for c in grid.values()) for o in ("truncated", "refused", "error")}
        lines.append("not counted: " + ", ".join(f"{v} {k}" for k, v in others.items()))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def cells_table(cells: Sequence[CellStats], fmt: str = "table") -> str:
    rows = [cell.as_dict() for cell in cells]
    if fmt == "json":
        return json.dumps(rows, indent=1)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else ["model"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue().rstrip("\n")
    header = (f"{'model':<20} {'variant':<10} {'cell':>6} {'acc%':>5} {'95% CI':>13} {'n':>4}  "
              + " ".join(f"{o:>9}" for o in OUTCOMES))
    lines = [header]
    for row in rows:
        interval = ("" if row["ci_low"] is None
                    else f"{100 * row['ci_low']:.0f}-{100 * row['ci_high']:.0f}")
        lines.append(f"{row['model'][:20]:<20} {row['variant'][:10]:<10} {row['m']:>3}x{row['n']:<2} "
                     f"{_percent(row['accuracy']):>5} {interval:>13} {row['counted']:>4}  "
                     + " ".join(f"{row[o]:>9}" for o in OUTCOMES))
    return "\n".join(lines)
