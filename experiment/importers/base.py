"""What every importer shares: the error it raises, what it returns, and the limits it enforces.

An importer only parses: file in, ``ParsedImport`` out (a run, its records, a summary). Writing is
``experiment.importers.writing``, through the narrow writer protocol, so parsing can be tested and reused
without a database and a failed parse never leaves anything behind.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from experiment.importers.summary import ImportSummary
from experiment.results import Run

IMPORTER_VERSION = "1.0.0"
MAX_IMPORT_BYTES = 200 * 1024 * 1024  # an export this large is not a run of this experiment; refuse it whole
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024  # an .eval archive may not unpack to more than this (zip bombs)


class ImportFailure(ValueError):
    """A file that cannot be imported; the message is one line naming the record or the limit."""


@dataclass(slots=True)
class ParsedImport:
    """One source file, converted: its run, its records (dicts with every record column plus
    ``recorded_verdict`` and ``finish_reason_inferred``) and what the import found."""

    run: Run
    records: list[dict]
    summary: ImportSummary


def check_size(path: Path, limit: int | None = None) -> int:
    """The file's size, or ImportFailure when it is above ``limit`` (checked before anything is read)."""
    limit = MAX_IMPORT_BYTES if limit is None else limit
    size = Path(path).stat().st_size
    if size > limit:
        raise ImportFailure(f"{Path(path).name} is {size:,} bytes, above the import limit of {limit:,} bytes "
                            f"({limit / 2**20:g} MB, experiment.importers.base.MAX_IMPORT_BYTES)")
    return size
