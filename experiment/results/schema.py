"""Run, Record and Analysis: the single list of the fields a results file holds.

Everything else (the SQL tables, the JSON Lines export, the importers, the page's table) is derived from
these classes, so that adding a field is one line here and one migration in `migrations.py`. Operands and
products are Python integers: 20-digit operands overflow SQLite's int64, so the database stores them as
decimal text and the conversion happens here and nowhere else.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime, timezone
from typing import Any

from experiment.results.errors import ResultsError

FORMAT_NAME = "multiplication-experiment"


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def new_id() -> str:
    return uuid.uuid4().hex


@dataclass(slots=True)
class Run:
    """One invocation of the runner, or one imported file. Invocations of the same plan share
    ``fingerprint``; an imported file's ``provenance`` says where it came from (tool, version, origin,
    licence)."""

    name: str
    fingerprint: str
    command: str
    config: dict
    provenance: dict
    runner_version: str
    run_id: str = field(default_factory=new_id)
    started_at: str = field(default_factory=utc_now)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], where: str = "run") -> Run:
        missing = [name for name in RUN_FIELDS if name not in data]
        if missing:
            raise ResultsError(f"{where} lacks {', '.join(missing)}")
        return cls(**{name: data[name] for name in RUN_FIELDS})

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in RUN_FIELDS}


@dataclass(slots=True)
class Record:
    """One answered (or finally failed) item: the question, the verbatim prompt, the reply split into
    answer and reasoning, the grade, and the raw response, so that a later version can re-grade and
    re-analyse it without asking again. Records are append-only; an item asked again gets a new record and
    the latest one counts."""

    record_id: str
    run_id: str
    item_key: str
    model_label: str
    provider: str
    model: str
    params: dict
    variant: str
    m: int
    n: int
    sample: int
    a: int
    b: int
    product: int
    prompt: str
    answer: str
    reasoning: str
    reasoning_visibility: str
    reasoning_source: str | None
    outcome: str
    extracted: str | None
    extracted_value: int | None
    extraction_rule: str | None
    digit_accuracy: float | None
    length_correct: bool | None
    leading_digits_correct: int | None
    trailing_digits_correct: int | None
    relative_error: float | None
    finish_reason: str | None
    prompt_tokens: int | None
    completion_tokens: int | None
    reasoning_tokens: int | None
    latency_s: float | None
    retries: int
    http_status: int | None
    error: str | None
    raw_response: str | None
    created_at: str
    # Schema 3: records imported from other tools.
    recorded_verdict: str | None = None  # the source tool's own verdict ("pass"/"fail"), kept beside ours
    finish_reason_inferred: str | None = None  # how finish_reason was inferred when none was recorded

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], where: str = "record") -> Record:
        """A record from a dict (a runner's, an importer's, a JSON Lines line); unknown keys are ignored
        so that a file from a later version still reads."""
        missing = [name for name in REQUIRED_RECORD_FIELDS if name not in data]
        if missing:
            raise ResultsError(f"{where} lacks {', '.join(missing[:5])}")
        return cls(**{name: data[name] for name in RECORD_FIELDS if name in data})

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in RECORD_FIELDS}


@dataclass(slots=True)
class Analysis:
    """The trace analyzer's reading of one record, for one analyzer version. Derived data: it lives in its
    own table, and a better analyzer adds rows of its own version instead of overwriting."""

    record_id: str
    analyzer_version: str
    followed_algorithm: bool
    category: str
    first_wrong_index: int | None
    first_wrong_kind: str | None
    first_wrong_claimed: str | None
    first_wrong_true: str | None
    first_wrong_source: str | None
    first_wrong_start: int | None
    first_wrong_end: int | None
    analysis: dict
    analysed_at: str = field(default_factory=utc_now)

    @classmethod
    def of(cls, record_id: str, analysis: Any) -> Analysis:
        """From the analyzer's TraceVerdict (or its JSON, read through TraceVerdict.from_dict); values as
        decimal text, since claimed and true values can exceed SQLite's int64."""
        from experiment.analysis.result import TraceVerdict  # the analyzer imports this package

        verdict = analysis if isinstance(analysis, TraceVerdict) else TraceVerdict.from_dict(analysis)
        first = verdict.first_wrong
        text = lambda value: None if value is None else str(value)  # noqa: E731
        return cls(record_id=record_id, analyzer_version=verdict.analyzer_version,
                   followed_algorithm=verdict.followed_algorithm, category=verdict.category.value,
                   first_wrong_index=first.index if first else None,
                   first_wrong_kind=first.kind.value if first else None,
                   first_wrong_claimed=text(first.claimed) if first else None,
                   first_wrong_true=text(first.true) if first else None,
                   first_wrong_source=first.source.value if first else None,
                   first_wrong_start=first.span[0] if first else None,
                   first_wrong_end=first.span[1] if first else None,
                   analysis=verdict.to_dict())


RUN_FIELDS: tuple[str, ...] = ("run_id", "name", "fingerprint", "started_at", "command", "config", "provenance",
                               "runner_version")
RECORD_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Record))
REQUIRED_RECORD_FIELDS: tuple[str, ...] = RECORD_FIELDS[:RECORD_FIELDS.index("created_at") + 1]
ANALYSIS_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Analysis))
BIG_INTEGER_FIELDS = ("a", "b", "product", "extracted_value")  # decimal TEXT in SQLite


def record_to_row(record: Record) -> dict[str, Any]:
    """A record as the database stores it."""
    row = record.to_dict()
    for name in BIG_INTEGER_FIELDS:
        if row[name] is not None:
            row[name] = str(int(row[name]))
    row["params"] = json.dumps(row["params"], sort_keys=True)
    if row["length_correct"] is not None:
        row["length_correct"] = int(bool(row["length_correct"]))
    return row


def record_from_row(row: Mapping[str, Any]) -> Record:
    """A database row (any subset of the columns, e.g. without the raw response) as a record; columns a
    file from an earlier schema lacks are None."""
    values = {name: row[name] if name in row.keys() else None for name in RECORD_FIELDS}
    for name in BIG_INTEGER_FIELDS:
        if values[name] is not None:
            values[name] = int(values[name])
    values["params"] = json.loads(values["params"]) if values["params"] is not None else {}
    if values["length_correct"] is not None:
        values["length_correct"] = bool(values["length_correct"])
    return Record(**values)


def run_to_row(run: Run) -> dict[str, Any]:
    row = run.to_dict()
    row["config"] = json.dumps(row["config"], sort_keys=True)
    row["provenance"] = json.dumps(row["provenance"], sort_keys=True)
    return row


def run_from_row(row: Mapping[str, Any]) -> Run:
    values = {name: row[name] for name in RUN_FIELDS}
    for name in ("config", "provenance"):
        try:
            values[name] = json.loads(values[name])
        except (TypeError, ValueError):
            values[name] = {}
    return Run(**values)


def analysis_to_row(analysis: Analysis) -> tuple:
    values = [getattr(analysis, name) for name in ANALYSIS_FIELDS]
    values[ANALYSIS_FIELDS.index("followed_algorithm")] = int(analysis.followed_algorithm)
    values[ANALYSIS_FIELDS.index("analysis")] = json.dumps(analysis.analysis)
    return tuple(values)
