"""The trace analyzer's verdicts for the page: stored ones when the file has them, computed otherwise.

A results file analysed with `python -m experiment analyze --db` carries its verdicts; a fresh run, an
upload or a run still being written may not. The page never writes to a results file, so missing verdicts
are computed in memory, up to a bound (the analyzer reads about a thousand traces a second): beyond it the
analyzer's figures say how many traces they cover and how to analyse the rest.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from experiment.analysis.storage import analyse
from experiment.results import ResultsReader
from experiment.results_page.data import stored_analysis

ON_THE_FLY_LIMIT = 3000


def needs_analysis(table: pd.DataFrame) -> pd.Series:
    return table["category"].isna() & (table["outcome"] != "error")


def analyse_record(record: dict) -> dict:
    """The full analysis (with every step) of one stored record, as the analyzer's JSON."""
    return analyse(record)


def analysis_for(path: Path, record: dict) -> dict | None:
    """What the replay draws its marks from; None for a request that got no answer."""
    if record["outcome"] == "error":
        return None
    return stored_analysis(path, record["record_id"]) or analyse_record(record)


def fill_missing(path: Path, table: pd.DataFrame, limit: int = ON_THE_FLY_LIMIT) -> tuple[pd.DataFrame, int]:
    """The table with verdicts computed for records that lack one (at most `limit`); returns how many
    records are still without a verdict."""
    missing = table.index[needs_analysis(table)]
    todo = missing[:limit]
    if len(todo) == 0:
        return table, 0
    table = table.copy()
    ids = table.loc[todo, "record_id"].tolist()
    for index, analysis in zip(todo, _analyse_ids(path, ids)):
        first = analysis["first_wrong"] or {}
        table.loc[index, ["followed_algorithm", "category", "first_wrong_kind", "first_wrong_source",
                          "first_wrong_start"]] = [
            float(analysis["followed_algorithm"]), analysis["category"], first.get("kind"), first.get("source"),
            float(first["span"][0]) if first.get("span") else float("nan")]
    return table, len(missing) - len(todo)


def _analyse_ids(path: Path, record_ids: list[str]) -> list[dict]:
    with ResultsReader(path, name=Path(path).name) as reader:
        records = {record.record_id: record for record in reader.analysable(record_ids)}
    return [analyse(records[rid]) for rid in record_ids]

