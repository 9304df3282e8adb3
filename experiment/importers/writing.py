"""Writing a parsed import through the narrow writer protocol, all or nothing.

A writer has ``transaction()`` (a context manager that commits on success and rolls back on any
exception), ``add_run(run)`` and ``add_record(record) -> bool`` (False when the record id is already
there). ``experiment.results.ResultsWriter`` is one.
"""

from __future__ import annotations

import sqlite3
from typing import ContextManager, Protocol

from experiment.importers.base import ImportFailure, ParsedImport
from experiment.results import Run


class RecordWriter(Protocol):
    def transaction(self) -> ContextManager: ...
    def add_run(self, run: Run) -> None: ...
    def add_record(self, record: dict) -> bool: ...


def write_import(parsed: ParsedImport, writer: RecordWriter) -> tuple[int, int]:
    """(records added, records already there); nothing is written if any record fails."""
    added = skipped = 0
    try:
        with writer.transaction():
            for run in parsed.runs:
                writer.add_run(run)
            for record in parsed.records:
                if writer.add_record(record):
                    added += 1
                else:
                    skipped += 1
    except (OverflowError, sqlite3.InterfaceError, sqlite3.ProgrammingError) as error:
        # rolled back: a value the importer let through does not fit a column (a number past 64 bits...)
        raise ImportFailure(f"{parsed.source}: a value does not fit the results database "
                            f"({error})") from None
    return added, skipped
