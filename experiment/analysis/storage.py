"""Analyses stored beside the records of a results database, one row per record and analyzer version.

Records are append-only and never rewritten; analyses are derived data, so they live in their own table
keyed by (record_id, analyzer_version). A better analyzer gets a new version and adds its own rows, and
`python -m experiment reanalyze DB` fills them in for every old record: nothing earlier is overwritten,
and the replay page reads the rows of the version it understands.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from experiment.analysis.trace import ANALYZER_VERSION, analyze_trace

ANALYSES_SCHEMA = """
CREATE TABLE IF NOT EXISTS analyses (
    record_id TEXT NOT NULL,
    analyzer_version TEXT NOT NULL,
    followed_algorithm INTEGER NOT NULL,
    category TEXT NOT NULL,
    first_wrong_index INTEGER,
    first_wrong_kind TEXT,
    first_wrong_claimed TEXT,
    first_wrong_true TEXT,
    first_wrong_source TEXT,
    first_wrong_start INTEGER,
    first_wrong_end INTEGER,
    analysis TEXT NOT NULL,
    analysed_at TEXT NOT NULL,
    PRIMARY KEY (record_id, analyzer_version)
)
"""
# Records without a response cannot be analysed; every other outcome can, including wrong and truncated.
SKIPPED_OUTCOMES = ("error",)
_BATCH = 500


class AnalysisStoreError(Exception):
    """The file is not a results database the analyzer can read."""


def _connect(path: Path) -> sqlite3.Connection:
    if not Path(path).is_file():
        raise AnalysisStoreError(f"{path} does not exist")
    try:
        db = sqlite3.connect(path, isolation_level=None, timeout=30)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA journal_mode=WAL")
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as error:
        raise AnalysisStoreError(f"{path} is not a results database ({error})") from None
    if "records" not in tables:
        db.close()
        raise AnalysisStoreError(f"{path} has no records table: not an experiment results database")
    db.execute(ANALYSES_SCHEMA)
    return db


def _row(record_id: str, analysis: dict[str, Any]) -> tuple:
    first = analysis["first_wrong"] or {}
    span = first.get("span") or [None, None]
    as_text = lambda v: None if v is None else str(v)  # noqa: E731 - operands can exceed SQLite's int64
    return (
        record_id, ANALYZER_VERSION, int(analysis["followed_algorithm"]), analysis["category"],
        first.get("index"), first.get("kind"), as_text(first.get("claimed")), as_text(first.get("true")),
        first.get("source"), span[0], span[1], json.dumps(analysis), datetime.now(timezone.utc).isoformat(),
    )


def analyse_database(path: Path, *, force: bool = False) -> tuple[int, int]:
    """Analyse every record that lacks an analysis by this analyzer version (all of them if `force`).

    Returns (analysed, already there). Rows are committed in batches, so an interrupted run keeps what
    it did and the next run continues."""
    db = _connect(path)
    try:
        done = {row[0] for row in db.execute(
            "SELECT record_id FROM analyses WHERE analyzer_version = ?", (ANALYZER_VERSION,))}
        pending: list[tuple] = []
        analysed = skipped = 0
        query = ("SELECT record_id, a, b, reasoning, answer, finish_reason, outcome, extracted_value FROM records "
                 f"WHERE outcome NOT IN ({','.join('?' * len(SKIPPED_OUTCOMES))}) ORDER BY id")
        for row in db.execute(query, SKIPPED_OUTCOMES).fetchall():
            if row["record_id"] in done and not force:
                skipped += 1
                continue
            graded = row["extracted_value"]
            analysis = analyze_trace(int(row["a"]), int(row["b"]), row["reasoning"] or "", row["answer"] or "",
                                     row["finish_reason"], int(graded) if graded is not None else None).to_json()
            pending.append(_row(row["record_id"], analysis))
            analysed += 1
            if len(pending) >= _BATCH:
                _write(db, pending)
        _write(db, pending)
        return analysed, skipped
    finally:
        db.close()


def _write(db: sqlite3.Connection, rows: list[tuple]) -> None:
    if not rows:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        db.executemany("INSERT OR REPLACE INTO analyses VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    rows.clear()


def load_analyses(path: Path, version: str = ANALYZER_VERSION) -> dict[str, dict[str, Any]]:
    """record_id -> analysis (the JSON of TraceAnalysis.to_json) for one analyzer version."""
    db = _connect(path)
    try:
        rows = db.execute("SELECT record_id, analysis FROM analyses WHERE analyzer_version = ?", (version,))
        return {row["record_id"]: json.loads(row["analysis"]) for row in rows}
    finally:
        db.close()


def records_with_analyses(path: Path,
                          version: str = ANALYZER_VERSION) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(record fields the summary needs, analysis) for the latest record of each item."""
    db = _connect(path)
    try:
        rows = db.execute(
            "SELECT r.record_id, r.model_label, r.m, r.n, r.a, r.b, x.analysis FROM records r "
            "JOIN analyses x ON x.record_id = r.record_id AND x.analyzer_version = ? "
            "WHERE r.id = (SELECT MAX(id) FROM records WHERE item_key = r.item_key) ORDER BY r.id",
            (version,),
        ).fetchall()
    finally:
        db.close()
    for row in rows:
        record = {k: row[k] for k in ("record_id", "model_label", "m", "n", "a", "b")}
        yield record, json.loads(row["analysis"])
