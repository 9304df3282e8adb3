"""This project's own export format, JSON Lines: written for publishing a run, read like any other importer's.

Each line is one JSON object with a ``kind``: ``"run"`` (an invocation with its configuration and
provenance) or ``"record"`` (one answered item, the fields of `Record`, operands as integers; a line without
a ``kind`` is a record, as ``export --records-only`` writes them). The whole file is checked before anything
is written: a malformed line refuses it with the line number. Records already present (same ``record_id``)
are skipped when written, so importing twice changes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from durable.atomic import atomic_writer
from experiment.grading import OUTCOMES
from experiment.importers.base import ImportFailure, ParsedImport, Provenance
from experiment.results import ResultsError, Run
from experiment.results.queries import ResultsQueries
from experiment.results.schema import REQUIRED_RECORD_FIELDS, Record

FORMAT = "multiplication-experiment/1"


def export_jsonl(results: ResultsQueries, destination: Path, *, records_only: bool = False) -> int:
    """Write runs then records; the file appears complete or not at all (durable/atomic.py: aside, fsync, rename)."""
    count = 0
    with atomic_writer(destination, "w") as handle:
        if not records_only:
            for run in results.runs():
                line = {"kind": "run", "format": FORMAT, **run.to_dict()}
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
        for record in results.records():
            data = record.to_dict()
            handle.write(json.dumps(data if records_only else {"kind": "record", **data},
                                    ensure_ascii=False) + "\n")
            count += 1
    return count


def _shown(value: Any) -> str:
    """A value from the file, quoted in a message: at most 60 characters of it, whatever the file holds."""
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def check_record(data: dict[str, Any], where: str) -> Record:
    """A record line as a Record, or a ResultsError naming the line and what is wrong."""
    missing = [c for c in REQUIRED_RECORD_FIELDS if c not in data]
    if missing:
        raise ResultsError(f"{where}: record lacks {', '.join(missing[:5])}")
    if data["outcome"] not in OUTCOMES:
        raise ResultsError(f"{where}: unknown outcome {_shown(data['outcome'])}")
    for column in ("a", "b", "product", "m", "n"):
        if not isinstance(data[column], int) or isinstance(data[column], bool):
            raise ResultsError(f"{where}: {column!r} must be an integer")
    if data["a"] * data["b"] != data["product"]:
        raise ResultsError(f"{where}: product is not a x b")
    return Record.from_mapping(data, where)


def parse_jsonl(path: Path) -> ParsedImport:
    """Every line checked, nothing written; ImportFailure naming the file and the line."""
    path = Path(path)
    runs: list[Run] = []
    records: list[dict[str, Any]] = []
    try:
        with open(path, encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if line.strip():
                    _parse_line(line, f"line {number}", runs, records)
    except ResultsError as error:
        raise ImportFailure(f"{path.name}: {error}") from None
    except UnicodeDecodeError:
        raise ImportFailure(f"{path.name} is neither an SQLite database nor UTF-8 text (JSON Lines)") from None
    return ParsedImport(runs=runs, records=records, summary=None, source=path.name)


def _parse_line(line: str, where: str, runs: list[Run], records: list[dict[str, Any]]) -> None:
    try:
        data = json.loads(line)
    except ValueError as error:
        raise ResultsError(f"{where}: not JSON ({error})") from None
    if not isinstance(data, dict):
        raise ResultsError(f"{where}: not a JSON object")
    kind = data.get("kind", "record")
    if kind == "run":
        runs.append(Run.from_mapping(data, f"{where}: run"))
    elif kind == "record":
        records.append(check_record(data, where).to_dict())
    else:
        raise ResultsError(f"{where}: unknown kind {_shown(kind)}")


class JsonLines:
    format = "jsonl"

    def parse(self, path: Path, data: object | None, provenance: Provenance) -> ParsedImport:
        return parse_jsonl(path)
