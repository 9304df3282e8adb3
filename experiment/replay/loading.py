"""What the page reads from a results database: a light table for the overview, one full record for a replay.

The overview needs a few columns of every item's latest record (the runner appends a new row when an item
is asked again), never the texts: 100,000 traces would not fit comfortably in a reader's session. Texts are
read one record at a time, when a trace is replayed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from experiment.analysis import ANALYZER_VERSION
from experiment.replay.database import has_table, open_readonly
from experiment.store import from_row

_RECORD_FIELDS = ("record_id", "item_key", "run_id", "model_label", "provider", "model", "variant", "m", "n",
                  "sample", "a", "b", "outcome", "extracted_value", "finish_reason", "completion_tokens",
                  "reasoning_tokens", "digit_accuracy", "created_at")
_ANALYSIS_FIELDS = ("followed_algorithm", "category", "first_wrong_kind", "first_wrong_source", "first_wrong_start")
TABLE_COLUMNS = (*_RECORD_FIELDS, "reasoning_chars", "answer_chars", *_ANALYSIS_FIELDS)
_LATEST = "r.id IN (SELECT MAX(id) FROM records GROUP BY item_key)"


@dataclass(slots=True)
class Results:
    """One results file as the page sees it."""

    table: pd.DataFrame
    runs: list[dict] = field(default_factory=list)


def latest_records_query(with_analyses: bool) -> str:
    fields = ", ".join(f"r.{c}" for c in _RECORD_FIELDS)
    texts = "length(r.reasoning) AS reasoning_chars, length(r.answer) AS answer_chars"
    if not with_analyses:
        empty = ", ".join(f"NULL AS {c}" for c in _ANALYSIS_FIELDS)
        return f"SELECT {fields}, {texts}, {empty} FROM records r WHERE {_LATEST} ORDER BY r.id"
    joined = ", ".join(f"x.{c}" for c in _ANALYSIS_FIELDS)
    return (f"SELECT {fields}, {texts}, {joined} FROM records r LEFT JOIN analyses x "
            f"ON x.record_id = r.record_id AND x.analyzer_version = ? WHERE {_LATEST} ORDER BY r.id")


def load_results(path: Path) -> Results:
    """Every item's latest record (light columns) and the runs with their provenance."""
    db = open_readonly(path)
    try:
        with_analyses = has_table(db, "analyses")
        query = latest_records_query(with_analyses)
        cursor = db.execute(query, (ANALYZER_VERSION,) if with_analyses else ())
        rows = cursor.fetchall()
        runs = [_run(dict(row)) for row in db.execute("SELECT * FROM runs ORDER BY started_at")]
    finally:
        db.close()
    table = pd.DataFrame.from_records(rows, columns=list(TABLE_COLUMNS))
    return Results(table=typed(table), runs=runs)


def typed(table: pd.DataFrame) -> pd.DataFrame:
    """Numbers as numbers; operands and answers stay the text SQLite stores (20-digit operands do not fit
    in int64)."""
    for column in ("m", "n", "sample"):
        table[column] = table[column].astype("int64")
    for column in ("completion_tokens", "reasoning_tokens", "digit_accuracy", "first_wrong_start",
                   "reasoning_chars", "answer_chars", "followed_algorithm"):
        table[column] = pd.to_numeric(table[column], errors="coerce").astype("float64")
    return table


def _run(row: dict) -> dict:
    for key in ("config", "provenance"):
        try:
            row[key] = json.loads(row[key])
        except (TypeError, ValueError):
            row[key] = {}
    return row


def load_record(path: Path, record_id: str) -> dict | None:
    """One full record (texts included, the raw response left out), or None when it is not there."""
    db = open_readonly(path)
    try:
        row = db.execute("SELECT * FROM records WHERE record_id = ?", (record_id,)).fetchone()
    finally:
        db.close()
    if row is None:
        return None
    record = dict(row)
    record.pop("raw_response", None)
    record.pop("id", None)
    return from_row(record)


def stored_analysis(path: Path, record_id: str) -> dict | None:
    """The stored analysis (full JSON with steps) of this analyzer version, if the file has one."""
    db = open_readonly(path)
    try:
        if not has_table(db, "analyses"):
            return None
        row = db.execute("SELECT analysis FROM analyses WHERE record_id = ? AND analyzer_version = ?",
                         (record_id, ANALYZER_VERSION)).fetchone()
    finally:
        db.close()
    return json.loads(row[0]) if row else None
