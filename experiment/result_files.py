"""The one way in for a results file, whatever made it: the store's database, this project's JSON Lines export,
a promptfoo export or an Inspect AI log.

Above both the store (`experiment/results/`, SQLite and nothing else) and the importers (every other format):

    read_file(path)                any supported file other than a database, parsed whole into records: the
    import_file(path, writer)      `import` command, the page's upload and the reader all go through it, so
                                   they accept the same files, with the same limits and messages; then
                                   written into a store in one transaction, all or nothing
    ResultsReader(path)            any supported file, read-only: a database is opened as it is, anything else
                                   is imported into a private database in memory first
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from experiment.importers import ImportFailure, ParsedImport, parse_file, write_import
from experiment.results import DatabaseReader, ResultsError, ResultsWriter
from experiment.results.reader import is_database

__all__ = ["ResultsReader", "import_file", "read_file"]


def read_file(path: Path, fmt: str | None = None, *, command: str = "", licence: str | None = None,
              notice: str | None = None) -> ParsedImport:
    """Any supported file other than a database, parsed whole into runs and records; nothing is written.

    ImportFailure, in one line naming the file and the place, for a file that cannot be imported."""
    try:
        return parse_file(path, fmt, command=command, licence=licence, notice=notice)[1]
    except UnicodeDecodeError:
        raise ImportFailure(f"{Path(path).name} is neither an SQLite database nor UTF-8 text (JSON Lines)") from None


def import_file(path: Path, writer: ResultsWriter, fmt: str | None = None, **provenance: str | None
                ) -> tuple[ParsedImport, int, int]:
    """`read_file`, then everything written in one transaction: (the parsed file, records added, records that
    were already there). ImportFailure as `read_file`, or for a value that does not fit the database."""
    parsed = read_file(path, fmt, **provenance)
    added, skipped = write_import(parsed, writer)
    return parsed, added, skipped


class ResultsReader(DatabaseReader):
    """Any results file opened for reading (see the module's docstring). Use as a context manager.

    ``name`` is how messages call the file (the page passes the bare file name, never a server path)."""

    def __init__(self, path: Path, *, name: str | None = None) -> None:
        path = Path(path)
        name = name or str(path)
        connection = None if is_database(path, name) else _read_into_memory(path, name)
        super().__init__(path, name=name, connection=connection)

    def __enter__(self) -> ResultsReader:
        return self


def _read_into_memory(path: Path, name: str) -> sqlite3.Connection:
    writer = ResultsWriter.in_memory(name)
    try:
        import_file(path, writer)
    except ImportFailure as error:
        writer.close()
        raise ResultsError(str(error)) from None
    except BaseException:
        writer.close()
        raise
    return writer.detach()
