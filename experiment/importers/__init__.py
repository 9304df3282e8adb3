"""Importers: runs recorded by other evaluation tools, turned into this project's records.

``parse_file(path)`` detects the format from the content (or takes ``fmt``), parses the whole file and
returns a ``ParsedImport`` (run, records, summary) without touching any database; ``write_import`` then
writes it through a writer (``transaction``, ``add_run``, ``add_record``). Formats: ``promptfoo``
(``promptfoo eval -o out.json``), ``inspect`` (Inspect AI ``.eval`` and ``.json`` logs) and ``jsonl``
(this project's own export, imported by ``experiment.results.jsonl``). Files above ``MAX_IMPORT_BYTES`` are refused.
"""

from __future__ import annotations

from pathlib import Path

from experiment.importers.base import IMPORTER_VERSION, MAX_IMPORT_BYTES, ImportFailure, ParsedImport, check_size
from experiment.importers.detect import FORMATS, detect_format, load_json
from experiment.importers.writing import RecordWriter, write_import

__all__ = ["FORMATS", "IMPORTER_VERSION", "MAX_IMPORT_BYTES", "ImportFailure", "ParsedImport", "RecordWriter",
           "detect_format", "parse_file", "write_import"]


def parse_file(path: Path, fmt: str | None = None, *, command: str = "", licence: str | None = None,
               notice: str | None = None) -> tuple[str, ParsedImport | None]:
    """(format, parsed import); the parsed import is None for ``jsonl``, which ``experiment.results.jsonl`` reads."""
    path = Path(path)
    check_size(path)
    detected, data = detect_format(path) if fmt is None else (fmt, None)
    if detected == "jsonl":
        return detected, None
    try:
        return detected, _parse(path, detected, data, command=command, licence=licence, notice=notice)
    except (TypeError, AttributeError, KeyError, IndexError, ValueError, OverflowError, RecursionError) as error:
        if isinstance(error, ImportFailure):
            raise
        # a document of the right shape whose fields hold the wrong types (a crafted or mangled export):
        # the importers read the shapes the tools write; anything else is refused in one line
        raise ImportFailure(f"{path.name}: not a valid {detected} export: a field holds an unexpected value "
                            f"({type(error).__name__}: {str(error)[:200]})") from None


def _parse(path: Path, detected: str, data: object, *, command: str, licence: str | None,
           notice: str | None) -> ParsedImport:
    if detected == "promptfoo":
        from experiment.importers.promptfoo import parse_promptfoo

        return parse_promptfoo(path, data if data is not None else load_json(path), command=command,
                               licence=licence, notice=notice)
    if detected == "inspect":
        from experiment.importers.inspect_logs import parse_inspect

        return parse_inspect(path, command=command, licence=licence, notice=notice)
    raise ImportFailure(f"unknown format {detected!r}; formats: {', '.join(FORMATS)}")
