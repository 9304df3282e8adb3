"""The schema of a results database, as an ordered list of named migrations.

A file remembers which migrations it has had in the table ``schema_migrations`` (and their count in
``PRAGMA user_version``, which is what versions before this list read). The writer applies the missing ones
when it opens a file, each in its own transaction; the reader never does: it reads any file whose version it
knows, and a column that a file of an earlier schema lacks reads as NULL. Files written before this list
existed have ``user_version`` 1 and no ``schema_migrations`` table: they had the initial schema, and maybe
the analyses table (then created outside the version), which ``0002-analyses`` creates only if absent.

Add a migration at the end, never edit or reorder one that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from experiment.results.errors import ResultsError
from experiment.results.schema import FORMAT_NAME, utc_now


@dataclass(frozen=True, slots=True)
class Migration:
    name: str
    apply: Callable[[sqlite3.Connection], None]


def _execute_all(db: sqlite3.Connection, script: str) -> None:
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


def _initial(db: sqlite3.Connection) -> None:
    _execute_all(db, """
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
    SELECT * FROM records r WHERE r.id = (SELECT MAX(id) FROM records WHERE item_key = r.item_key)
""")
    db.execute("INSERT OR IGNORE INTO meta VALUES ('format', ?)", (FORMAT_NAME,))


def _analyses(db: sqlite3.Connection) -> None:
    db.execute("""
CREATE TABLE IF NOT EXISTS analyses (
    record_id TEXT NOT NULL, analyzer_version TEXT NOT NULL, followed_algorithm INTEGER NOT NULL,
    category TEXT NOT NULL, first_wrong_index INTEGER, first_wrong_kind TEXT, first_wrong_claimed TEXT,
    first_wrong_true TEXT, first_wrong_source TEXT, first_wrong_start INTEGER, first_wrong_end INTEGER,
    analysis TEXT NOT NULL, analysed_at TEXT NOT NULL,
    PRIMARY KEY (record_id, analyzer_version)
)""")


def _imported_records(db: sqlite3.Connection) -> None:
    columns = {row[1] for row in db.execute("PRAGMA table_info(records)")}
    for column in ("recorded_verdict", "finish_reason_inferred"):
        if column not in columns:
            db.execute(f"ALTER TABLE records ADD COLUMN {column} TEXT")


MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001-initial", _initial),
    Migration("0002-analyses", _analyses),
    Migration("0003-imported-records", _imported_records),
)
SCHEMA_VERSION = len(MIGRATIONS)


def tables(db: sqlite3.Connection) -> set[str]:
    return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def file_version(db: sqlite3.Connection) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def check_version(db: sqlite3.Connection, name: str) -> int:
    """The file's schema version, refused when a newer app wrote it."""
    version = file_version(db)
    if version > SCHEMA_VERSION:
        raise ResultsError(f"{name} has schema version {version}, written by a newer version of the app; this "
                           f"version reads up to {SCHEMA_VERSION}: update the app")
    return version


def applied(db: sqlite3.Connection) -> list[str]:
    """Names of the migrations this file has had, in order."""
    if "schema_migrations" in tables(db):
        return [row[0] for row in db.execute("SELECT name FROM schema_migrations ORDER BY rowid")]
    return [m.name for m in MIGRATIONS[:file_version(db)]]  # a file from before the list: its user_version


def migrate(db: sqlite3.Connection, name: str) -> list[str]:
    """Bring the file up to SCHEMA_VERSION; returns the names of the migrations applied now.

    ``db`` is in autocommit mode (isolation_level None); each migration commits with its log entry, so an
    interrupted migration leaves the file at the previous version, never between two."""
    version = check_version(db, name)
    present = tables(db)
    if version == 0 and present:  # every version of the app marks a file it creates in the same transaction
        raise ResultsError(f"{name} is an SQLite database but not an experiment results database")
    done = applied(db)
    if done != [m.name for m in MIGRATIONS[:len(done)]]:
        raise ResultsError(f"{name} has migrations {done} that this version does not know: update the app")
    new = []
    for index, migration in enumerate(MIGRATIONS):
        if index < len(done):
            continue
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            for earlier in done:  # a file from before the list gets its history written down once
                db.execute("INSERT OR IGNORE INTO schema_migrations VALUES (?, 'before the migrations table')",
                           (earlier,))
            migration.apply(db)
            db.execute("INSERT INTO schema_migrations VALUES (?, ?)", (migration.name, utc_now()))
            db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(index + 1),))
            db.execute(f"PRAGMA user_version = {index + 1}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        done = [*done, migration.name]
        new.append(migration.name)
    return new
