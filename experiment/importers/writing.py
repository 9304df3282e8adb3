"""Writing a parsed import through the narrow writer protocol, all or nothing.

A writer has ``transaction()`` (a context manager that commits on success and rolls back on any
exception), ``add_run(run)`` and ``add_record(record) -> bool`` (False when the record id is already
there). ``experiment.results.ResultsWriter`` is one.
"""

from __future__ import annotations

from typing import ContextManager, Protocol

from experiment.importers.base import ParsedImport
from experiment.results import Run


class RecordWriter(Protocol):
    def transaction(self) -> ContextManager: ...
    def add_run(self, run: Run) -> None: ...
    def add_record(self, record: dict) -> bool: ...


def write_import(parsed: ParsedImport, writer: RecordWriter) -> tuple[int, int]:
    """(records added, records already there); nothing is written if any record fails."""
    added = skipped = 0
    with writer.transaction():
        writer.add_run(parsed.run)
        for record in parsed.records:
            if writer.add_record(record):
                added += 1
            else:
                skipped += 1
    return added, skipped
