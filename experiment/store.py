"""The results database: one SQLite file in WAL mode, one row per answered (or finally failed) item.

Each row is committed the moment its answer arrives. WAL with ``synchronous=NORMAL`` makes every commit
survive the death of the process (Ctrl-C or ``kill -9``): at most the requests still in flight are lost, and
SQLite's journal keeps the file consistent. Rows are only ever appended. An item counts as finished once it
has a row whose outcome is not ``error``; ``final_records`` is the latest row of each item, which is what
statistics and pages read. The format is documented in results/README.md.
"""

from __future__ import annotations

import fcntl
import json
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

SCHEMA_VERSION = 1

RECORD_COLUMNS: tuple[str, ...] = (
    "record_id", "run_id", "item_key", "model_label", "provider", "model", "params", "variant",
    "m", "n", "sample", "a", "b", "product", "prompt", "answer", "reasoning", "reasoning_visibility",
    "reasoning_source", "outcome", "extracted", "extracted_value", "extraction_rule", "digit_accuracy",
    "length_correct", "leading_digits_correct", "trailing_digits_correct", "relative_error",
    "finish_reason", "prompt_tokens", "completion_tokens", "reasoning_tokens", "latency_s", "retries",
    "http_status", "error", "raw_response", "created_at",
)
BIG_INTEGER_COLUMNS = ("a", "b", "product", "extracted_value")  # TEXT in SQLite: 20-digit operands overflow int64
JSON_COLUMNS = ("params",)
RUN_COLUMNS: tuple[str, ...] = ("run_id", "name", "fingerprint", "started_at", "command", "config",
                                "provenance", "runner_version")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT PRIMARY KEY, name TEXT NOT NULL, fingerprint TEXT NOT NULL, started_at TEXT NOT NULL,
    command TEXT NOT NULL, config TEXT NOT NULL, provenance TEXT NOT NULL, runner_version TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS records (
    id INTEGER PRIMARY KEY,
    record_id TEXT NOT NULL UNIQUE, run_id TEXT NOT NULL, item_key TEXT NOT NULL,
    model_label TEXT NOT NULL, provider TEXT NOT NULL, model TEXT NOT NULL, params TEXT NOT NULL,
    variant TEXT NOT NULL, m INTEGER NOT NULL, n INTEGER NOT NULL, sample INTEGER NOT NULL,
    a TEXT NOT NULL, b TEXT NOT NULL, product TEXT NOT NULL, prompt TEXT NOT NULL,
    answer TEXT NOT NULL, reasoning TEXT NOT NULL, reasoning_visibility TEXT NOT NULL, reasoning_source TEXT,
    outcome TEXT NOT NULL CHECK (outcome IN ('correct','wrong','unparsed','truncated','refused','error')),
    extracted TEXT, extracted_value TEXT, extraction_rule TEXT,
    digit_accuracy REAL, length_correct INTEGER, leading_digits_correct INTEGER,
    trailing_digits_correct INTEGER, relative_error REAL,
    finish_reason TEXT, prompt_tokens INTEGER, completion_tokens INTEGER, reasoning_tokens INTEGER,
    latency_s REAL, retries INTEGER NOT NULL, http_status INTEGER, error TEXT, raw_response TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS records_item ON records (item_key);
CREATE INDEX IF NOT EXISTS records_cell ON records (model_label, variant, m, n);
CREATE VIEW IF NOT EXISTS final_records AS
    SELECT * FROM records r WHERE r.id = (SELECT MAX(id) FROM records WHERE item_key = r.item_key);
"""


class StoreError(Exception):
    """The database cannot be used: not an experiment store, or written by a newer version."""


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def new_id() -> str:
    return uuid.uuid4().hex


@dataclass(slots=True)
class Run:
    """One invocation of the runner. Invocations of the same plan share ``fingerprint``."""

    name: str
    fingerprint: str
    command: str
    config: dict
    provenance: dict
    runner_version: str
    run_id: str = field(default_factory=new_id)
    started_at: str = field(default_factory=utc_now)


class Store:
    """An open results database. Use as a context manager; one writer at a time, any number of readers."""

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.path = Path(path)
        self._lock = None
        if not create and not self.path.exists():
            raise StoreError(f"{self.path} does not exist")
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._prepare()
        except sqlite3.DatabaseError as error:
            self.close()
            raise StoreError(f"{self.path} is not an experiment results database ({error})") from None

    def _prepare(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in self._db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path} has schema version {version}; this version of the runner reads "
                             f"up to {SCHEMA_VERSION}: update the app")
        if version == 0 and tables - {"meta", "runs", "records"}:
            raise StoreError(f"{self.path} is an SQLite file but not an experiment results database")
        if version == SCHEMA_VERSION:
            return  # nothing to create: a reader must not need to write
        with self.transaction():
            for statement in _SCHEMA.split(";\n"):
                if statement.strip():
                    self._db.execute(statement)
            self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self._db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            self._db.execute("INSERT OR IGNORE INTO meta VALUES ('format', 'multiplication-experiment')")

    def lock_for_writing(self) -> None:
        """Claim the database for one runner. Two runs writing one file would ask the same items twice;
        readers (the replay page, ``stats``) are not affected. Released when the store is closed."""
        self._lock = open(self.path, "rb")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.close()
            self._lock = None
            raise StoreError(f"another run is writing to {self.path}; wait for it to finish") from None

    def transaction(self):
        return _Transaction(self._db)

    def close(self) -> None:
        if getattr(self, "_db", None) is not None:
            self._db.close()
            self._db = None
        if getattr(self, "_lock", None) is not None:
            self._lock.close()  # closing the descriptor releases the flock
            self._lock = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # writing -------------------------------------------------------------------------------------------
    def add_run(self, run: Run) -> None:
        values = {c: getattr(run, c) for c in RUN_COLUMNS}
        values["config"] = json.dumps(values["config"], sort_keys=True)
        values["provenance"] = json.dumps(values["provenance"], sort_keys=True)
        self._db.execute(f"INSERT OR IGNORE INTO runs ({', '.join(RUN_COLUMNS)}) VALUES "
                         f"({', '.join('?' * len(RUN_COLUMNS))})", [values[c] for c in RUN_COLUMNS])

    def add_record(self, record: dict) -> bool:
        """Append one record and commit it; False when a record with the same ``record_id`` exists."""
        row = to_row(record)
        cursor = self._db.execute(
            f"INSERT OR IGNORE INTO records ({', '.join(RECORD_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(RECORD_COLUMNS))})",
            [row[c] for c in RECORD_COLUMNS],
        )
        return cursor.rowcount == 1

    # reading -------------------------------------------------------------------------------------------
    def finished_keys(self) -> set[str]:
        """Items that need no further request: they have an answer, even a wrong or truncated one."""
        return {row[0] for row in self._db.execute("SELECT DISTINCT item_key FROM records WHERE outcome != 'error'")}

    def runs(self) -> list[dict]:
        rows = self._db.execute(f"SELECT {', '.join(RUN_COLUMNS)} FROM runs ORDER BY started_at")
        return [{**dict(row), "config": json.loads(row["config"]), "provenance": json.loads(row["provenance"])}
                for row in rows]

    def records(self, *, final_only: bool = False, include_raw: bool = True) -> Iterator[dict]:
        """Records in the order written; ``final_only`` keeps the latest record of each item."""
        columns = [c for c in RECORD_COLUMNS if include_raw or c != "raw_response"]
        source = "final_records" if final_only else "records"
        for row in self._db.execute(f"SELECT {', '.join(columns)} FROM {source} ORDER BY id"):
            yield from_row(dict(row))

    def count(self, *, final_only: bool = False) -> int:
        return self._db.execute(f"SELECT COUNT(*) FROM {'final_records' if final_only else 'records'}").fetchone()[0]

    def outcome_rows(self) -> list[dict]:
        """Just what the statistics need, cheaply, from the final records."""
        rows = self._db.execute("SELECT model_label, variant, m, n, outcome FROM final_records")
        return [dict(row) for row in rows]


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception, so an import is all or nothing."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, value, traceback) -> None:
        self._db.execute("COMMIT" if kind is None else "ROLLBACK")


def to_row(record: dict) -> dict:
    """A record (Python values, operands as int) as the database stores it."""
    missing = [c for c in RECORD_COLUMNS if c not in record]
    if missing:
        raise KeyError(f"record lacks {', '.join(missing)}")
    row = {c: record[c] for c in RECORD_COLUMNS}
    for column in BIG_INTEGER_COLUMNS:
        if row[column] is not None:
            row[column] = str(int(row[column]))
    for column in JSON_COLUMNS:
        row[column] = json.dumps(row[column], sort_keys=True)
    if row["length_correct"] is not None:
        row["length_correct"] = int(bool(row["length_correct"]))
    return row


def from_row(row: dict) -> dict:
    """A database row as a record: operands back to int, parameters back to a dict."""
    for column in BIG_INTEGER_COLUMNS:
        if row.get(column) is not None:
            row[column] = int(row[column])
    for column in JSON_COLUMNS:
        if column in row:
            row[column] = json.loads(row[column])
    if row.get("length_correct") is not None:
        row["length_correct"] = bool(row["length_correct"])
    return row
