"""Reading a results database without ever writing to it.

A database that no runner is writing (no write-ahead log beside it) is opened ``immutable``: SQLite creates
no side files and takes no locks, so a shipped file, a read-only file and a file in a read-only folder all
read alike. A database with a write-ahead log may be growing right now and is opened ``mode=ro``, so new
records become visible. Any other kind of results file (a JSON Lines export, another tool's run) is read by
``experiment.result_files.ResultsReader``, which imports it into a private database in memory first.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from experiment.results.errors import ResultsError
from experiment.results.files import has_database_name, is_sqlite_file
from experiment.results.queries import ResultsQueries, check_format


class DatabaseReader(ResultsQueries):
    """A results database opened for reading. Use as a context manager.

    ``name`` is how messages call the file (the page passes the bare file name, never a server path)."""

    def __init__(self, path: Path, *, name: str | None = None, connection: sqlite3.Connection | None = None) -> None:
        """``connection``: a database already open that holds this file's records (a private one in memory,
        filled by an import), read instead of the file."""
        self.path = Path(path)
        self.name = name or str(path)
        self._db: sqlite3.Connection | None = connection
        if connection is None:
            if not is_database(self.path, self.name):
                raise ResultsError(f"{self.name} is not an SQLite database, so not an experiment results database")
            self._db = _open_database(self.path, self.name)

    @property
    def live(self) -> bool:
        """A runner may be appending to this file (it has a write-ahead log)."""
        return Path(f"{self.path}-wal").exists()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> DatabaseReader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def is_database(path: Path, name: str | None = None) -> bool:
    """Whether the file is an SQLite database; ResultsError for a file that is missing or cannot be read, and
    for one whose name says database but whose content does not."""
    name = name or str(path)
    if not Path(path).is_file():
        raise ResultsError(f"{name} does not exist")
    try:
        sqlite = is_sqlite_file(Path(path))
    except OSError as error:
        raise ResultsError(f"cannot read {name}: {error.strerror}") from None
    if not sqlite and has_database_name(Path(path).name):
        raise ResultsError(f"{name} is not an experiment results database (it is not an SQLite database: it does "
                           "not start with SQLite's header)")
    return sqlite


def _open_database(path: Path, name: str) -> sqlite3.Connection:
    live = Path(f"{path}-wal").exists()
    uri = f"file:{quote(str(path.resolve()))}?mode=ro" + ("" if live else "&immutable=1")
    try:
        db = _connect(uri, name)
    except ResultsError:
        if not live:
            raise
        # A write-ahead log in a folder we cannot write: SQLite cannot make its index beside it. Read the
        # file as it stands (what a finished run checkpointed), rather than not at all.
        db = _connect(uri + "&immutable=1", name)
    return db


def _connect(uri: str, name: str) -> sqlite3.Connection:
    try:
        db = sqlite3.connect(uri, uri=True, timeout=10, check_same_thread=False)
        db.row_factory = sqlite3.Row
        check_format(db, name)
    except sqlite3.DatabaseError as error:
        raise ResultsError(f"{name} is not an experiment results database, or is damaged ({error})") from None
    return db
