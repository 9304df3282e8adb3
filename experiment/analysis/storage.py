"""Analysing every record of a results database and storing the analyses beside the records.

Records are append-only and never rewritten; analyses are derived data, so they live in their own table
keyed by (record_id, analyzer_version). A better analyzer gets a new version and adds its own rows, and
`python -m experiment reanalyze DB` fills them in for every old record: nothing earlier is overwritten,
and the page reads the rows of the version it understands. Reading them back is the results reader's
(`ResultsReader.analyses`, `light_table`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from experiment.analysis.result import TraceVerdict
from experiment.analysis.trace import ANALYZER_VERSION, analyze_trace
from experiment.results import Analysis, Record, ResultsReader, ResultsWriter

_BATCH = 500


def analyse(record: Record | dict[str, Any]) -> TraceVerdict:
    """The analyzer's verdict (with every step) for one record, read as the grader read it."""
    get = record.get if isinstance(record, dict) else lambda name: getattr(record, name)
    graded = get("extracted_value")
    return analyze_trace(int(get("a")), int(get("b")), get("reasoning") or "", get("answer") or "",
                         get("finish_reason"), int(graded) if graded is not None else None).verdict()


def analyse_database(path: Path, *, force: bool = False) -> tuple[int, int]:
    """Analyse every record that lacks an analysis by this analyzer version (all of them if `force`).

    Returns (analysed, already there). Rows are committed in batches, so an interrupted run keeps what
    it did and the next run continues."""
    with ResultsWriter(Path(path), create=False) as writer:
        done = writer.analysed_ids(ANALYZER_VERSION)
        pending: list[Analysis] = []
        analysed = skipped = 0
        for record in list(writer.analysable()):
            if record.record_id in done and not force:
                skipped += 1
                continue
            pending.append(Analysis.of(record.record_id, analyse(record)))
            analysed += 1
            if len(pending) >= _BATCH:
                writer.add_analyses(pending)
                pending.clear()
        writer.add_analyses(pending)
    return analysed, skipped


def needs_analysis(table: pd.DataFrame) -> pd.Series:
    """Records of a light table (ResultsReader.light_table) without a stored verdict that can have one."""
    return table["category"].isna() & (table["outcome"] != "error")


def analyse_missing(path: Path, table: pd.DataFrame, limit: int | None = None) -> tuple[pd.DataFrame, int]:
    """The light table with verdicts computed in memory, never stored, for records that lack one (at most
    `limit`): how the page and `analysis-summary` read a file that was not reanalysed, or that they may
    not write. Returns the table and how many records are still without a verdict."""
    missing = table.index[needs_analysis(table)]
    todo = missing if limit is None else missing[:limit]
    if len(todo) == 0:
        return table, len(missing)
    table = table.copy()
    ids = table.loc[todo, "record_id"].tolist()
    with ResultsReader(path, name=Path(path).name) as reader:
        records = {record.record_id: record for record in reader.analysable(ids)}
    for index, record_id in zip(todo, ids):
        verdict = analyse(records[record_id])
        first = verdict.first_wrong
        table.loc[index, ["followed_algorithm", "category", "first_wrong_kind", "first_wrong_source",
                          "first_wrong_start"]] = [
            float(verdict.followed_algorithm), verdict.category.value, first.kind.value if first else None,
            first.source.value if first else None, float(first.span[0]) if first else float("nan")]
    return table, len(missing) - len(todo)
