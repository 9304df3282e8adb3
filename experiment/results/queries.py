"""Every question asked of a results database, each written once, for the reader and the writer alike.

"The latest record of each item" is `LATEST`: the runner appends a new record when an item is asked again,
and only the last one counts. Columns that a file of an earlier schema lacks read as NULL, so a query
written for today's schema works on every file the app ever wrote.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from experiment.results.errors import ResultsError
from experiment.results.migrations import check_version, tables
from experiment.results.schema import (
    FORMAT_NAME,
    RECORD_FIELDS,
    REQUIRED_RECORD_FIELDS,
    RUN_FIELDS,
    Record,
    Run,
    record_from_row,
    run_from_row,
)

if TYPE_CHECKING:
    import pandas as pd

LATEST = "r.id IN (SELECT MAX(id) FROM records GROUP BY item_key)"
# The page's table: a few columns of every item's latest record, never the texts (100,000 traces would not
# fit in a reader's session), and the stored verdict of one analyzer version.
LIGHT_RECORD_FIELDS = ("record_id", "item_key", "run_id", "model_label", "provider", "model", "variant", "m", "n",
                       "sample", "a", "b", "outcome", "extracted_value", "finish_reason", "completion_tokens",
                       "reasoning_tokens", "digit_accuracy", "created_at", "recorded_verdict",
                       "finish_reason_inferred")
LIGHT_ANALYSIS_FIELDS = ("followed_algorithm", "category", "first_wrong_kind", "first_wrong_source",
                         "first_wrong_start")
LIGHT_COLUMNS = (*LIGHT_RECORD_FIELDS, "reasoning_chars", "answer_chars", *LIGHT_ANALYSIS_FIELDS)
# Records without a response cannot be analysed; every other outcome can, including wrong and truncated.
UNANALYSABLE_OUTCOMES = ("error",)


def check_format(db: sqlite3.Connection, name: str) -> None:
    """Refuse anything but the app's results format: its tables, its version, its mark, its columns."""
    check_version(db, name)
    present = tables(db)
    if "records" not in present or "meta" not in present:
        raise ResultsError(f"{name} is an SQLite database but not an experiment results database "
                           "(it has no records table)")
    marks = dict(db.execute("SELECT key, value FROM meta").fetchall())
    if marks.get("format") != FORMAT_NAME:
        raise ResultsError(f"{name} is not an experiment results database (format "
                           f"{marks.get('format', 'unmarked')!r})")
    columns = {row[1] for row in db.execute("PRAGMA table_info(records)")}
    missing = [c for c in REQUIRED_RECORD_FIELDS if c not in columns]
    if missing:
        raise ResultsError(f"{name}: the records table lacks {', '.join(missing[:5])}")


class ResultsQueries:
    """The reading half of a results database, over an open connection (rows as sqlite3.Row)."""

    _db: sqlite3.Connection
    name: str

    def _columns(self, wanted: tuple[str, ...], table: str = "records", alias: str = "r") -> str:
        present = {row[1] for row in self._db.execute(f"PRAGMA table_info({table})")}
        return ", ".join(f"{alias}.{c}" if c in present else f"NULL AS {c}" for c in wanted)

    def intact(self) -> bool:
        """SQLite's quick integrity check: False for a damaged file."""
        return self._db.execute("PRAGMA quick_check").fetchone()[0] == "ok"

    def has_analyses(self) -> bool:
        return "analyses" in tables(self._db)

    # runs and records ---------------------------------------------------------------------------------
    def runs(self) -> list[Run]:
        rows = self._db.execute(f"SELECT {', '.join(RUN_FIELDS)} FROM runs ORDER BY started_at")
        return [run_from_row(row) for row in rows]

    def records(self, *, latest_only: bool = False, include_raw: bool = True) -> Iterator[Record]:
        """Records in the order written; ``latest_only`` keeps the latest record of each item."""
        wanted = tuple(c for c in RECORD_FIELDS if include_raw or c != "raw_response")
        where = f"WHERE {LATEST}" if latest_only else ""
        for row in self._db.execute(f"SELECT {self._columns(wanted)} FROM records r {where} ORDER BY r.id"):
            yield record_from_row(row)

    def record(self, record_id: str, *, include_raw: bool = False) -> Record | None:
        """One full record (texts included), or None when the file does not hold it."""
        wanted = tuple(c for c in RECORD_FIELDS if include_raw or c != "raw_response")
        row = self._db.execute(f"SELECT {self._columns(wanted)} FROM records r WHERE r.record_id = ?",
                               (record_id,)).fetchone()
        return record_from_row(row) if row is not None else None

    def count(self, *, latest_only: bool = False) -> int:
        where = f"WHERE {LATEST}" if latest_only else ""
        return self._db.execute(f"SELECT COUNT(*) FROM records r {where}").fetchone()[0]

    def finished_keys(self) -> set[str]:
        """Items that need no further request: they have an answer, even a wrong or truncated one."""
        return {row[0] for row in self._db.execute("SELECT DISTINCT item_key FROM records WHERE outcome != 'error'")}

    def outcome_rows(self) -> list[dict[str, Any]]:
        """What the accuracy statistics need, cheaply: cell and outcome of each item's latest record."""
        rows = self._db.execute(f"SELECT model_label, variant, m, n, outcome FROM records r WHERE {LATEST} ORDER BY r.id")
        return [dict(row) for row in rows]

    def light_table(self, analyzer_version: str) -> pd.DataFrame:
        """The page's table (LIGHT_COLUMNS) of every item's latest record, with that analyzer version's
        stored verdicts (empty where the file has none)."""
        import pandas as pd

        fields = self._columns(LIGHT_RECORD_FIELDS)
        texts = "length(r.reasoning) AS reasoning_chars, length(r.answer) AS answer_chars"
        if self.has_analyses():
            verdicts = ", ".join(f"x.{c}" for c in LIGHT_ANALYSIS_FIELDS)
            query = (f"SELECT {fields}, {texts}, {verdicts} FROM records r LEFT JOIN analyses x "
                     f"ON x.record_id = r.record_id AND x.analyzer_version = ? WHERE {LATEST} ORDER BY r.id")
            rows = self._db.execute(query, (analyzer_version,)).fetchall()
        else:
            empty = ", ".join(f"NULL AS {c}" for c in LIGHT_ANALYSIS_FIELDS)
            rows = self._db.execute(f"SELECT {fields}, {texts}, {empty} FROM records r WHERE {LATEST} "
                                    "ORDER BY r.id").fetchall()
        table = pd.DataFrame.from_records([tuple(row) for row in rows], columns=list(LIGHT_COLUMNS))
        return typed_light_table(table)

    # analyses -----------------------------------------------------------------------------------------
    def analysis(self, record_id: str, analyzer_version: str) -> dict[str, Any] | None:
        """The stored analysis (the analyzer's full JSON, with steps) of one record, if the file has one."""
        if not self.has_analyses():
            return None
        row = self._db.execute("SELECT analysis FROM analyses WHERE record_id = ? AND analyzer_version = ?",
                               (record_id, analyzer_version)).fetchone()
        return json.loads(row[0]) if row else None

    def analyses(self, analyzer_version: str) -> dict[str, dict[str, Any]]:
        """record_id -> analysis JSON, for one analyzer version."""
        if not self.has_analyses():
            return {}
        rows = self._db.execute("SELECT record_id, analysis FROM analyses WHERE analyzer_version = ?",
                                (analyzer_version,))
        return {row[0]: json.loads(row[1]) for row in rows}

    def analysed_ids(self, analyzer_version: str) -> set[str]:
        if not self.has_analyses():
            return set()
        rows = self._db.execute("SELECT record_id FROM analyses WHERE analyzer_version = ?", (analyzer_version,))
        return {row[0] for row in rows}

    def analysable(self, record_ids: list[str] | None = None) -> Iterator[Record]:
        """Records with a response, in the order written (all of them, or those named), without the raw
        response: what the trace analyzer reads."""
        wanted = tuple(c for c in RECORD_FIELDS if c != "raw_response")
        marks = ",".join("?" * len(UNANALYSABLE_OUTCOMES))
        query = f"SELECT {self._columns(wanted)} FROM records r WHERE r.outcome NOT IN ({marks})"
        if record_ids is None:
            rows = self._db.execute(f"{query} ORDER BY r.id", UNANALYSABLE_OUTCOMES).fetchall()
        else:
            rows = [row for rid in record_ids
                    for row in self._db.execute(f"{query} AND r.record_id = ?", (*UNANALYSABLE_OUTCOMES, rid))]
        for row in rows:
            yield record_from_row(row)


def typed_light_table(table: pd.DataFrame) -> pd.DataFrame:
    """Numbers as numbers; operands and answers stay the decimal text SQLite stores (20-digit operands do
    not fit in int64)."""
    import pandas as pd

    for column in ("m", "n", "sample"):
        table[column] = table[column].astype("int64")
    for column in ("completion_tokens", "reasoning_tokens", "digit_accuracy", "first_wrong_start",
                   "reasoning_chars", "answer_chars", "followed_algorithm"):
        table[column] = pd.to_numeric(table[column], errors="coerce").astype("float64")
    return table
