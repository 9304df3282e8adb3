"""The store's files on disk: how an SQLite results database is recognised, named and removed.

Written once here; the reader, the writer, the import command and the page's upload all ask this module.
"""

from __future__ import annotations

from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
DATABASE_SUFFIXES = (".sqlite", ".sqlite3", ".db")
SIDE_FILES = ("-wal", "-shm")  # SQLite's write-ahead log and its index, beside the database


def is_sqlite_file(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC


def has_database_name(name: str) -> bool:
    """A name that says "database": such a file must be one (it is never read as anything else)."""
    return name.lower().endswith(DATABASE_SUFFIXES)


def remove_database(path: Path) -> None:
    """Remove a database with its side files: what a refused import or upload leaves of a new one."""
    for suffix in ("", *SIDE_FILES):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
