"""Opening a results database for reading only, and checking that it is the runner's format.

The page never writes to a results file: a shipped run is opened `immutable` (SQLite creates no side files
and takes no locks); a run that a runner may be writing right now (it has a write-ahead log) is opened
`mode=ro`, so new records become visible. Anything that is not the store's format is refused with a message
that says what is wrong, never a traceback.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from experiment.store import RECORD_COLUMNS, SCHEMA_VERSION

FORMAT_NAME = "multiplication-experiment"


class NotResultsError(ValueError):
    """The file cannot be read as an experiment results database; the message is for the reader."""


def open_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection; rows come back as sqlite3.Row."""
    path = Path(path)
    if not path.is_file():
        raise NotResultsError(f"{path.name} does not exist")
    live = Path(f"{path}-wal").exists()
    mode = "mode=ro" if live else "mode=ro&immutable=1"
    try:
        db = sqlite3.connect(f"file:{quote(str(path.resolve()))}?{mode}", uri=True, timeout=10,
                             check_same_thread=False)
        db.row_factory = sqlite3.Row
        check_format(db, path.name)
    except sqlite3.DatabaseError as error:
        raise NotResultsError(f"{path.name} is not an SQLite database ({error})") from None
    return db


def check_format(db: sqlite3.Connection, name: str) -> None:
    """Refuse anything but the runner's store: its schema version, its format mark, its record columns."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    if "records" not in tables or "meta" not in tables:
        raise NotResultsError(f"{name} is an SQLite database but not an experiment results database "
                              "(it has no records table)")
    if version > SCHEMA_VERSION:
        raise NotResultsError(f"{name} was written by a newer version of the runner (schema {version}; "
                              f"this page reads up to {SCHEMA_VERSION}): update the app")
    marks = dict(db.execute("SELECT key, value FROM meta").fetchall())
    if marks.get("format") != FORMAT_NAME:
        raise NotResultsError(f"{name} is not an experiment results database (format "
                              f"{marks.get('format', 'unmarked')!r})")
    columns = {row[1] for row in db.execute("PRAGMA table_info(records)")}
    missing = [c for c in RECORD_COLUMNS if c not in columns]
    if missing:
        raise NotResultsError(f"{name}: the records table lacks {', '.join(missing[:5])}")


def has_table(db: sqlite3.Connection, table: str) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (table,)).fetchone() is not None
