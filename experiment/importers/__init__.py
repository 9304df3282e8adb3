"""Importers: every results file that is not the store's own database, turned into this project's records.

Each format is one importer with one interface (``Importer`` in base.py: ``parse(path, data, provenance)``
returns a ``ParsedImport``: runs, records, summary, without touching any database): ``jsonl`` (this
project's own export), ``promptfoo`` (``promptfoo eval -o out.json``) and ``inspect`` (Inspect AI ``.eval``
and ``.json`` logs). ``parse_file(path)`` decides which (detect.py, the one place that does) and parses the
whole file; ``write_import`` writes it through a writer (``transaction``, ``add_run``, ``add_record``). Files
above ``MAX_IMPORT_BYTES`` are refused. ``experiment.result_files`` puts the two together for every caller.
"""

from __future__ import annotations

from pathlib import Path

from experiment.importers.base import (
    IMPORTER_VERSION,
    MAX_IMPORT_BYTES,
    Importer,
    ImportFailure,
    ParsedImport,
    Provenance,
    check_size,
)
from experiment.importers.detect import FORMATS, detect_format
from experiment.importers.inspect_logs import InspectLogs
from experiment.importers.jsonl import JsonLines
from experiment.importers.promptfoo import Promptfoo
from experiment.importers.writing import RecordWriter, write_import

IMPORTERS: dict[str, Importer] = {importer.format: importer for importer in (JsonLines(), Promptfoo(), InspectLogs())}
assert tuple(IMPORTERS) == FORMATS

__all__ = ["FORMATS", "IMPORTERS", "IMPORTER_VERSION", "MAX_IMPORT_BYTES", "ImportFailure", "Importer",
           "ParsedImport", "Provenance", "RecordWriter", "detect_format", "parse_file", "write_import"]


def parse_file(path: Path, fmt: str | None = None, *, command: str = "", licence: str | None = None,
               notice: str | None = None) -> tuple[str, ParsedImport]:
    """(format, parsed import) of any supported file; ImportFailure in one line for anything else."""
    path = Path(path)
    check_size(path)
    detected, data = detect_format(path) if fmt is None else (fmt, None)
    importer = IMPORTERS.get(detected)
    if importer is None:
        raise ImportFailure(f"unknown format {detected!r}; formats: {', '.join(FORMATS)}")
    try:
        return detected, importer.parse(path, data, Provenance(command=command, licence=licence, notice=notice))
    except (TypeError, AttributeError, KeyError, IndexError, ValueError, OverflowError, RecursionError) as error:
        if isinstance(error, ImportFailure):
            raise
        # a document of the right shape whose fields hold the wrong types (a crafted or mangled export):
        # the importers read the shapes the tools write; anything else is refused in one line
        raise ImportFailure(f"{path.name}: not a valid {detected} export: a field holds an unexpected value "
                            f"({type(error).__name__}: {str(error)[:200]})") from None
