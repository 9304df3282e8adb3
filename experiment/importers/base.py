"""What every importer shares: its one interface, the error it raises, what it returns, the limits it enforces.

An importer only parses: file in, ``ParsedImport`` out (its runs, its records, a summary). Writing is
``experiment.importers.writing``, through the narrow writer protocol, so parsing can be tested and reused
without a database and a failed parse never leaves anything behind.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from experiment.importers.summary import ImportSummary
from experiment.results import Run

IMPORTER_VERSION = "1.0.0"
MAX_IMPORT_BYTES = 200 * 1024 * 1024  # an export this large is not a run of this experiment; refuse it whole
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024  # an .eval archive may not unpack to more than this (zip bombs)


class ImportFailure(ValueError):
    """A file that cannot be imported; the message is one line naming the record or the limit."""


@dataclass(slots=True)
class ParsedImport:
    """One source file, converted: its runs, its records (dicts with every record column plus
    ``recorded_verdict`` and ``finish_reason_inferred``) and what the import found (``summary``: None for this
    project's own export, which needs no account of how it was converted)."""

    runs: list[Run]
    records: list[dict]
    summary: ImportSummary | None
    source: str = ""  # the file's name, as messages call it

    @property
    def run(self) -> Run:
        """The run of a file that records one (every other tool's export does)."""
        return self.runs[0]

    def report(self, added: int, skipped: int, database: Path) -> str:
        """What the import command prints once the file is written into ``database``."""
        if self.summary is None:
            return f"imported {added} records into {database} ({skipped} were already there)"
        return f"{self.summary.text(added, skipped)}\ndatabase: {database}"


@dataclass(frozen=True, slots=True)
class Provenance:
    """What the person importing says about the file: kept in the run's provenance."""

    command: str = ""
    licence: str | None = None
    notice: str | None = None


class Importer(Protocol):
    """One format: ``parse`` turns a file of it (``data``: the file as JSON when detection had to read it
    whole, else None) into a ParsedImport, or raises ImportFailure naming the file and the place."""

    format: str

    def parse(self, path: Path, data: object | None, provenance: Provenance) -> ParsedImport: ...


def check_size(path: Path, limit: int | None = None) -> int:
    """The file's size, or ImportFailure when it is above ``limit`` (checked before anything is read)."""
    limit = MAX_IMPORT_BYTES if limit is None else limit
    size = Path(path).stat().st_size
    if size > limit:
        raise ImportFailure(f"{Path(path).name} is {size:,} bytes, above the import limit of {limit:,} bytes "
                            f"({limit / 2**20:g} MB, experiment.importers.base.MAX_IMPORT_BYTES)")
    return size


def load_json(path: Path) -> object:
    """The whole file as JSON, or one line saying where it stops being JSON (a truncated download...)."""
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except UnicodeDecodeError:
        raise ImportFailure(f"{path.name}: not UTF-8 text, so not a JSON export") from None
    except json.JSONDecodeError as error:
        raise ImportFailure(f"{path.name}: not valid JSON ({error.msg} at line {error.lineno}, column "
                            f"{error.colno}); the file may be truncated or damaged") from None
