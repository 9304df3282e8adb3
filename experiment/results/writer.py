"""Writing a results database: one writer per file, every record committed the moment it arrives.

WAL with ``synchronous=NORMAL`` makes every commit survive the death of the process (Ctrl-C or ``kill -9``):
at most the requests still in flight are lost, and SQLite's journal keeps the file consistent. Opening a
file applies the migrations it lacks (`migrations.py`), so a file written by any earlier version can be
added to. Records are only ever appended; analyses, which are derived, are added per analyzer version.
"""

from __future__ import annotations

import fcntl
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from experiment.results.errors import ResultsError
from experiment.results.migrations import check_version, migrate
from experiment.results.queries import ResultsQueries, check_format
from experiment.results.files import is_sqlite_file
from experiment.results.schema import (
    ANALYSIS_FIELDS,
    RECORD_FIELDS,
    RUN_FIELDS,
    Analysis,
    Record,
    Run,
    analysis_to_row,
    record_to_row,
    run_to_row,
)


class ResultsWriter(ResultsQueries):
    """A results database opened for writing (created if ``create`` and absent). Use as a context manager;
    ``lock_for_writing`` makes it the only runner of the file."""

    def __init__(self, path: Path, *, create: bool = True, name: str | None = None) -> None:
        self.path = Path(path)
        self.name = name or str(path)
        self._lock: IO[bytes] | None = None
        self._db: sqlite3.Connection | None = None
        if not self.path.exists():
            if not create:
                raise ResultsError(f"{self.name} does not exist")
        elif self.path.stat().st_size and not is_sqlite_file(self.path):
            raise ResultsError(f"{self.name} is not an experiment results database (it is not an SQLite file)")
        try:
            db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        except sqlite3.Error as error:
            raise ResultsError(f"cannot open {self.name} for writing ({error})") from None
        self._open(db)

    @classmethod
    def in_memory(cls, name: str = "in memory") -> ResultsWriter:
        """A private database in memory: how a JSON Lines export is read with the database's queries."""
        writer = cls.__new__(cls)
        writer.path, writer.name, writer._lock, writer._db = Path(":memory:"), name, None, None
        writer._open(sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False))
        return writer

    def _open(self, db: sqlite3.Connection) -> None:
        db.row_factory = sqlite3.Row
        try:
            if check_version(db, self.name) > 0:
                check_format(db, self.name)  # someone else's SQLite file is refused before anything is written
            migrate(db, self.name)
            if str(self.path) != ":memory:":
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
            check_format(db, self.name)
        except sqlite3.OperationalError as error:
            db.close()
            if "readonly" in str(error) or "unable to open" in str(error):
                raise ResultsError(f"cannot write to {self.name} ({error}): the file or its folder is read-only") from None
            raise ResultsError(f"{self.name} is not an experiment results database, or is damaged ({error})") from None
        except sqlite3.DatabaseError as error:
            db.close()
            raise ResultsError(f"{self.name} is not an experiment results database, or is damaged ({error})") from None
        except BaseException:
            db.close()
            raise
        self._db = db

    def detach(self) -> sqlite3.Connection:
        """Hand the connection over (to a reader) and forget it."""
        db, self._db = self._db, None
        return db

    def lock_for_writing(self) -> None:
        """Claim the database for one runner. Two runs writing one file would ask the same items twice;
        readers (the page, ``stats``) are not affected. Released when the writer is closed."""
        self._lock = open(self.path, "rb")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.close()
            self._lock = None
            raise ResultsError(f"another run is writing to {self.name}; wait for it to finish") from None

    def transaction(self) -> _Transaction:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception: an import is all of a file or nothing."""
        return _Transaction(self._db)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        if self._lock is not None:
            self._lock.close()  # closing the descriptor releases the flock
            self._lock = None

    def __enter__(self) -> ResultsWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # writing ------------------------------------------------------------------------------------------
    def add_run(self, run: Run) -> None:
        row = run_to_row(run)
        self._db.execute(f"INSERT OR IGNORE INTO runs ({', '.join(RUN_FIELDS)}) VALUES "
                         f"({', '.join('?' * len(RUN_FIELDS))})", [row[c] for c in RUN_FIELDS])

    def add_record(self, record: Record | dict[str, Any]) -> bool:
        """Append one record (committed at once outside a transaction); False when a record with the same
        ``record_id`` is already there."""
        if not isinstance(record, Record):
            record = Record.from_mapping(record)
        row = record_to_row(record)
        cursor = self._db.execute(f"INSERT OR IGNORE INTO records ({', '.join(RECORD_FIELDS)}) "
                                  f"VALUES ({', '.join('?' * len(RECORD_FIELDS))})", [row[c] for c in RECORD_FIELDS])
        return cursor.rowcount == 1

    def add_analyses(self, analyses: Iterable[Analysis]) -> int:
        """Store analyses in one transaction, replacing any of the same record and analyzer version."""
        rows = [analysis_to_row(a) for a in analyses]
        if rows:
            with self.transaction():
                self._db.executemany(f"INSERT OR REPLACE INTO analyses ({', '.join(ANALYSIS_FIELDS)}) "
                                     f"VALUES ({', '.join('?' * len(ANALYSIS_FIELDS))})", rows)
        return len(rows)


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, value, traceback) -> None:
        self._db.execute("COMMIT" if kind is None else "ROLLBACK")
