"""Turning what an importer read into the project's record: identity, grade and scores, the recorded
verdict beside the project's own.

Ids are derived from the source, never random, so that importing a file twice adds nothing: the record id
from the tool's own result id, the item key (as ``experiment.plan.item_key``) from the model, prompt and
operands, plus an occurrence number when the same question was asked more than once.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass

from experiment.grading import error_grade, grade
from experiment.importers.disagreements import disagreement
from experiment.importers.reply_split import Split
from experiment.importers.summary import ImportSummary
from experiment.importers.truncation import Finish

_SECRET_KEY = re.compile(r"(api[_-]?key|secret|password|authorization|access[_-]?token|bearer)", re.IGNORECASE)


def digest(*parts: object) -> str:
    """A stable 32-hex id from the parts (NUL-joined)."""
    return hashlib.sha256("\0".join(str(p) for p in parts).encode()).hexdigest()[:32]


def slug(text: str, limit: int = 24) -> str:
    """A short name for a prompt template: lower case, words joined by ``-``, template braces dropped;
    one cut to ``limit`` characters gets a hash suffix so two long templates never share it."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    full = "-".join(words) or "prompt"
    if len(full) <= limit:
        return full
    cut = full[:limit].rsplit("-", 1)[0]
    return f"{cut}-{hashlib.sha256(text.encode()).hexdigest()[:6]}"


def redact(value: object) -> object:
    """A copy without values under keys that look like credentials (an export may carry a config's env)."""
    if isinstance(value, dict):
        return {k: ("[removed]" if _SECRET_KEY.search(str(k)) and v else redact(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [redact(v) for v in value]
    return value


def imported_item_key(source: str, identity: dict, prompt: str, a: int, b: int, occurrence: int) -> str:
    body = {"source": source, "model": identity, "prompt": prompt, "a": a, "b": b}
    if occurrence:
        body["occurrence"] = occurrence
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:32]


@dataclass(slots=True)
class SourceReply:
    """One recorded reply, already split and with its finish reason (recorded or inferred)."""

    output: str
    split: Split
    finish: Finish
    prompt_tokens: int | None
    completion_tokens: int | None  # all output tokens, reasoning included
    reasoning_tokens: int | None
    latency_s: float | None
    raw: str
    error: str | None = None
    refused: bool = False


def build_record(*, record_id: str, run_id: str, item_key: str, model_label: str, provider: str, model: str,
                 params: dict, variant: str, a: int, b: int, prompt: str, reply: SourceReply,
                 recorded_verdict: str | None, recorded_expected: int | None,
                 created_at: str) -> tuple[dict, str | None]:
    """The record (``sample`` left at -1 for ``assign_samples``) and the reason its verdicts differ."""
    split = reply.split
    error = reply.error
    if error is None and split.answer_missing:
        answer_tokens = (reply.completion_tokens or 0) - (reply.reasoning_tokens or 0)
        error = (f"the export holds the reasoning but not the answer: {answer_tokens:,} answer tokens were "
                 "reported and none are in the output")
    result = error_grade() if error else grade(split.answer, reply.finish.reason, reply.refused, a, b)
    scores = result.scores
    record = {
        "record_id": record_id, "run_id": run_id, "item_key": item_key, "model_label": model_label,
        "provider": provider, "model": model, "params": params, "variant": variant,
        "m": len(str(a)), "n": len(str(b)), "sample": -1, "a": a, "b": b, "product": a * b, "prompt": prompt,
        "answer": split.answer, "reasoning": split.reasoning, "reasoning_visibility": split.visibility,
        "reasoning_source": split.source, "outcome": result.outcome,
        "extracted": result.extraction.text, "extracted_value": result.extraction.value,
        "extraction_rule": result.extraction.rule,
        "digit_accuracy": scores.digit_accuracy if scores else None,
        "length_correct": scores.length_correct if scores else None,
        "leading_digits_correct": scores.leading_digits_correct if scores else None,
        "trailing_digits_correct": scores.trailing_digits_correct if scores else None,
        "relative_error": scores.relative_error if scores else None,
        "finish_reason": reply.finish.reason, "prompt_tokens": reply.prompt_tokens,
        "completion_tokens": reply.completion_tokens, "reasoning_tokens": reply.reasoning_tokens,
        "latency_s": reply.latency_s, "retries": 0, "http_status": None, "error": error,
        "raw_response": reply.raw, "created_at": created_at,
        "recorded_verdict": recorded_verdict, "finish_reason_inferred": reply.finish.inferred,
    }
    why = disagreement(recorded_verdict, result.outcome, product=a * b, recorded_expected=recorded_expected,
                       output=reply.output, answer=split.answer, reasoning=split.reasoning,
                       extracted=result.extraction.value)
    return record, why


@dataclass(slots=True)
class Built:
    """A record with what the summary needs to know of it, and its place in its source (for ``sample``)."""

    record: dict
    disagreement: str | None
    recorded_expected: int | None
    reasoning_in_output: bool
    order: tuple


def finish_records(built: list[Built], summary: ImportSummary) -> list[dict]:
    """Number the samples of each cell and count every record into ``summary``; the records, in order."""
    records = [b.record for b in built]
    assign_samples(records, [b.order for b in built])
    for b in built:
        summary.add(b.record, disagreement=b.disagreement, recorded_expected=b.recorded_expected,
                    reasoning_in_output=b.reasoning_in_output)
    return records


def assign_samples(records: list[dict], order: list[tuple]) -> None:
    """Number the problems of each (model, variant, m, n) cell 0, 1, ... in ``order`` (one sort key per
    record, e.g. the tool's test index); the same problem asked again takes the next number."""
    ranked = sorted(range(len(records)), key=lambda i: order[i])
    counters: dict[tuple, int] = defaultdict(int)
    for i in ranked:
        r = records[i]
        cell = (r["model_label"], r["variant"], r["m"], r["n"])
        r["sample"] = counters[cell]
        counters[cell] += 1


def occurrences(keys: list[tuple]) -> list[int]:
    """For each key, how many earlier entries had the same key (0 for the first)."""
    seen: dict[tuple, int] = defaultdict(int)
    result = []
    for key in keys:
        result.append(seen[key])
        seen[key] += 1
    return result
