"""Synthetic records, written through the runner's own store, for the page's tests and its benchmark.

They are graded by the runner's grader, so their outcomes follow exactly the rules real records follow;
the traces are in the few-shot working layout the shipped base-model run writes, with deliberate errors of
known kinds, so a test can predict what the trace analyzer and the replay must show.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from experiment.grading import grade
from experiment.problems import cell_problems
from experiment.results import ResultsWriter, Run, new_id, utc_now

BEHAVIOURS = ("correct", "wrong_partial", "addition_slip", "guess", "truncated", "unparsed", "error")
REASONING_STYLE = "reasoning"  # the working in a separate reasoning channel, the answer alone in `answer`
WORKING_STYLE = "working"  # a base model: everything, working and answer, in `answer`


@dataclass(frozen=True, slots=True)
class Trace:
    """What a model wrote for one problem, and how the request ended."""

    reasoning: str
    answer: str
    finish_reason: str | None


def partial_products(a: int, b: int) -> list[tuple[int, int]]:
    """(place value of a digit of b, a x that part), units first, skipping zero digits."""
    parts = [int(c) * 10**k for k, c in enumerate(reversed(str(b))) if c != "0"]
    return [(part, a * part) for part in parts]


def working(a: int, b: int, *, wrong_row: int | None = None, wrong_sum: bool = False) -> tuple[str, int]:
    """The few-shot layout: one line per partial product, then their sum; returns (text, the sum written).

    `wrong_row` changes one partial product by a digit (an arithmetic slip the analyzer reads as a wrong
    partial product); `wrong_sum` adds the rows wrongly."""
    rows = partial_products(a, b)
    lines, values = [], []
    for index, (part, value) in enumerate(rows):
        written = value + 10 ** max(len(str(value)) - 2, 0) if index == wrong_row else value
        values.append(written)
        lines.append(f"{a} x {part} = {written}")
    total = sum(values) + (10 if wrong_sum else 0)
    if len(values) > 1:
        lines.append(" + ".join(str(v) for v in values) + f" = {total}")
    return "\n".join(lines) + "\n", total


def trace_for(a: int, b: int, behaviour: str, style: str = WORKING_STYLE) -> Trace | None:
    """A trace of `behaviour` (one of BEHAVIOURS); None for a request that never got an answer."""
    if behaviour == "error":
        return None
    if behaviour == "guess":
        text, result = "", a * b + 7 * 10 ** max(len(str(a * b)) - 2, 0)
    elif behaviour == "unparsed":
        text, result = "I think it is roughly a big number.\n", None
    else:
        wrong_row = 0 if behaviour == "wrong_partial" and len(partial_products(a, b)) > 0 else None
        text, result = working(a, b, wrong_row=wrong_row, wrong_sum=behaviour == "addition_slip")
    if behaviour == "truncated":
        return _split(text[: max(len(text) * 2 // 3, 1)], "", style, "length")
    final = f"Final Answer: {result}\n" if result is not None else ""
    return _split(text, final, style, "stop")


def _split(work: str, final: str, style: str, finish_reason: str) -> Trace:
    if style == REASONING_STYLE:
        return Trace(reasoning=work, answer=final, finish_reason=finish_reason)
    return Trace(reasoning="", answer=work + final, finish_reason=finish_reason)


def make_record(run_id: str, model: str, variant: str, m: int, n: int, sample: int, a: int, b: int,
                behaviour: str, style: str = WORKING_STYLE, provider: str = "openai-completions") -> dict:
    """A complete store record (every column the store requires), graded by the runner's grader."""
    trace = trace_for(a, b, behaviour, style)
    graded = grade(trace.answer, trace.finish_reason, False, a, b) if trace is not None else None
    scores = graded.scores if graded is not None else None
    tokens = None if trace is None else 1 + (len(trace.reasoning) + len(trace.answer)) // 3
    return {
        "record_id": new_id(), "run_id": run_id, "item_key": f"{model}|{variant}|{a}x{b}",
        "model_label": model, "provider": provider, "model": model, "params": {"max_tokens": 256},
        "variant": variant, "m": m, "n": n, "sample": sample, "a": a, "b": b, "product": a * b,
        "prompt": f"Calculate the product of {a} and {b}.",
        "answer": trace.answer if trace else "", "reasoning": trace.reasoning if trace else "",
        "reasoning_visibility": "full" if trace and trace.reasoning else "none",
        "reasoning_source": "reasoning_content" if trace and trace.reasoning else None,
        "outcome": graded.outcome if graded else "error",
        "extracted": graded.extraction.text if graded else None,
        "extracted_value": graded.extraction.value if graded else None,
        "extraction_rule": graded.extraction.rule if graded else None,
        "digit_accuracy": scores.digit_accuracy if scores else None,
        "length_correct": scores.length_correct if scores else None,
        "leading_digits_correct": scores.leading_digits_correct if scores else None,
        "trailing_digits_correct": scores.trailing_digits_correct if scores else None,
        "relative_error": scores.relative_error if scores else None,
        "finish_reason": trace.finish_reason if trace else None,
        "prompt_tokens": 40, "completion_tokens": tokens,
        "reasoning_tokens": (tokens if trace and trace.reasoning else None),
        "latency_s": 0.5, "retries": 0, "http_status": 200 if trace else 503,
        "error": None if trace else "HTTP 503 after 4 retries", "raw_response": None, "created_at": utc_now(),
    }


def behaviour_for(rng: random.Random, m: int, n: int) -> str:
    """Accuracy that falls with the size of the problem, and every other outcome now and then."""
    p_correct = max(0.05, 1.0 - 0.09 * (m + n - 2))
    roll = rng.random()
    if roll < p_correct:
        return "correct"
    return rng.choice(("wrong_partial", "wrong_partial", "addition_slip", "guess", "truncated", "unparsed", "error"))


def grid_records(run_id: str, model: str, variant: str, digits: Iterable[int], samples: int, seed: int = 0,
                 style: str = WORKING_STYLE) -> Iterator[dict]:
    """Records for every cell of digits x digits, `samples` problems per cell, as the runner draws them."""
    digits = list(digits)
    rng = random.Random(f"{seed}:{model}:{variant}")
    for m in digits:
        for n in digits:
            for problem in cell_problems(seed, m, n, samples):
                yield make_record(run_id, model, variant, m, n, problem.sample, problem.a, problem.b,
                                  behaviour_for(rng, m, n), style)


def new_run(name: str, models: dict[str, dict] | None = None) -> Run:
    """A run with provenance like the runner writes (machine, models), so the page can show it."""
    provenance = {"machine": {"cpu": "synthetic", "cores": 2, "memory_gib": 4.0, "os": "test", "python": "3"},
                  "models": models or {}}
    return Run(name=name, fingerprint=new_id(), command="synthetic", config={"name": name, "samples": 0},
               provenance=provenance, runner_version="synthetic")


def write_records(path: Path, records: Iterable[dict], run: Run | None = None) -> int:
    """Append records to the database at `path` in one transaction (a benchmark writes 100,000)."""
    count = 0
    with ResultsWriter(Path(path)) as store:
        with store.transaction():
            if run is not None:
                store.add_run(run)
            for record in records:
                count += store.add_record(record)
    return count
