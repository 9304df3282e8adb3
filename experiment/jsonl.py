"""JSON Lines export and import, for publishing a run and for merging runs made elsewhere.

Each line is one JSON object with a ``kind``: ``"run"`` (an invocation with its configuration and
provenance) or ``"record"`` (one answered item, the same fields as the database, operands as integers).
An import is one transaction: a malformed line aborts it with the line number and writes nothing. Records
already present (same ``record_id``) are skipped, so importing twice changes nothing.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from experiment.grading import OUTCOMES
from experiment.store import RECORD_COLUMNS, RUN_COLUMNS, Run, Store

FORMAT = "multiplication-experiment/1"


class JsonlError(ValueError):
    """A JSON Lines file that is not an experiment export; the message names the line."""


def export_jsonl(store: Store, destination: Path, *, records_only: bool = False) -> int:
    """Write runs then records; the file appears complete or not at all (written aside, then renamed)."""
    destination = Path(destination)
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=destination.parent or ".",
                                         prefix=f".{destination.name}.", suffix=".part", delete=False)
    count = 0
    try:
        with handle:
            if not records_only:
                for run in store.runs():
                    handle.write(json.dumps({"kind": "run", "format": FORMAT, **run}, ensure_ascii=False) + "\n")
            for record in store.records():
                line = {"kind": "record", **record} if not records_only else record
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
                count += 1
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(handle.name, 0o666 & ~umask)  # a temporary file is private; the export is not
        os.replace(handle.name, destination)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return count


def _check_record(data: dict, number: int) -> dict:
    missing = [c for c in RECORD_COLUMNS if c not in data]
    if missing:
        raise JsonlError(f"line {number}: record lacks {', '.join(missing[:5])}")
    if data["outcome"] not in OUTCOMES:
        raise JsonlError(f"line {number}: unknown outcome {data['outcome']!r}")
    for column in ("a", "b", "product", "m", "n"):
        if not isinstance(data[column], int) or isinstance(data[column], bool):
            raise JsonlError(f"line {number}: {column!r} must be an integer")
    if data["a"] * data["b"] != data["product"]:
        raise JsonlError(f"line {number}: product is not a x b")
    return data


def _check_run(data: dict, number: int) -> Run:
    missing = [c for c in RUN_COLUMNS if c not in data]
    if missing:
        raise JsonlError(f"line {number}: run lacks {', '.join(missing)}")
    return Run(**{c: data[c] for c in RUN_COLUMNS})


def import_jsonl(source: Path, store: Store) -> tuple[int, int]:
    """Import into ``store``; returns (records added, records already there)."""
    added = skipped = 0
    with store.transaction():
        with open(source, encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                try:
                    data = json.loads(line)
                except ValueError as error:
                    raise JsonlError(f"line {number}: not JSON ({error})") from None
                if not isinstance(data, dict):
                    raise JsonlError(f"line {number}: not a JSON object")
                kind = data.get("kind", "record")
                if kind == "run":
                    store.add_run(_check_run(data, number))
                elif kind == "record":
                    if store.add_record(_check_record(data, number)):
                        added += 1
                    else:
                        skipped += 1
                else:
                    raise JsonlError(f"line {number}: unknown kind {kind!r}")
    return added, skipped
