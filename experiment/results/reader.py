"""Reading a results file without ever writing to it.

A database that no runner is writing (no write-ahead log beside it) is opened ``immutable``: SQLite creates
no side files and takes no locks, so a shipped file, a read-only file and a file in a read-only folder all
read alike. A database with a write-ahead log may be growing right now and is opened ``mode=ro``, so new
records become visible. A JSON Lines export, or a run recorded by another tool (promptfoo, Inspect AI), is
read into a private in-memory database through the same checks as an import; the reader then asks it the
same questions.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from experiment.results.errors import ResultsError
from experiment.results.queries import ResultsQueries, check_format

SQLITE_MAGIC = b"SQLite format 3\x00"
DATABASE_SUFFIXES = (".sqlite", ".sqlite3", ".db")


def is_sqlite_file(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC


class ResultsReader(ResultsQueries):
    """A results file (database or JSON Lines export) opened for reading. Use as a context manager.

    ``name`` is how messages call the file (the page passes the bare file name, never a server path)."""

    def __init__(self, path: Path, *, name: str | None = None) -> None:
        self.path = Path(path)
        self.name = name or str(path)
        self._db: sqlite3.Connection | None = None
        if not self.path.is_file():
            raise ResultsError(f"{self.name} does not exist")
        try:
            sqlite = is_sqlite_file(self.path)
        except OSError as error:
            raise ResultsError(f"cannot read {self.name}: {error.strerror}") from None
        if sqlite:
            self._db = _open_database(self.path, self.name)
        elif self.path.suffix in DATABASE_SUFFIXES:
            raise ResultsError(f"{self.name} is not an experiment results database (it is not an SQLite file)")
        else:
            self._db = _read_into_memory(self.path, self.name)

    @property
    def live(self) -> bool:
        """A runner may be appending to this file (it has a write-ahead log)."""
        return Path(f"{self.path}-wal").exists()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> ResultsReader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


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


def _read_into_memory(path: Path, name: str) -> sqlite3.Connection:
    """A JSON Lines export, or a run recorded by another tool (a promptfoo export, an Inspect AI log: the
    importers), read into a private database in memory."""
    from experiment.importers import ImportFailure, parse_file, write_import
    from experiment.results.jsonl import import_jsonl
    from experiment.results.writer import ResultsWriter

    writer = ResultsWriter.in_memory(name)
    try:
        _, parsed = parse_file(path)
        if parsed is None:
            import_jsonl(path, writer)
        else:
            write_import(parsed, writer)
    except ImportFailure as error:
        writer.close()
        raise ResultsError(str(error)) from None
    except UnicodeDecodeError:
        writer.close()
        raise ResultsError(f"{name} is neither an SQLite database nor UTF-8 text (JSON Lines)") from None
    except BaseException:
        writer.close()
        raise
    return writer.detach()
