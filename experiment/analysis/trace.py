"""analyze_trace: one trace in, one TraceAnalysis out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from experiment.analysis.answer import locate_answer
from experiment.analysis.check import Checker, Step
from experiment.analysis.claims import count_numbers, number_spans, numbers_in, parse_claims
from experiment.analysis.verdict import ALGORITHM_KINDS, as_int, decide

ANALYZER_VERSION = "1.0.1"

# Reasoning and answer are parsed as one text, so that work written in the visible answer (models
# without a separate reasoning channel, base models) counts too; spans are reported per field.
_JOIN = "\n\n"


@dataclass(slots=True)
class TraceAnalysis:
    a: int
    b: int
    followed_algorithm: bool
    category: str
    answer: int | None
    trace_result: int | None
    first_wrong: Step | None
    steps: list[Step]
    reasoning_length: int

    def _located(self, step: Step) -> dict[str, Any]:
        offset = self.reasoning_length + len(_JOIN)
        in_answer = step.start >= offset
        shift = offset if in_answer else 0
        return {
            "index": step.index,
            "kind": step.kind,
            "claimed": step.claimed,
            "own": as_int(step.own),
            "true": step.true,
            "label": step.label,
            "span": [step.start - shift, step.end - shift],
            "source": "answer" if in_answer else "reasoning",
            "verification": step.verification,
        }

    def to_json(self) -> dict[str, Any]:
        """The JSON-ready form documented in results/README.md ("Trace analysis")."""
        labels: dict[str, int] = {}
        for step in self.steps:
            labels[step.label] = labels.get(step.label, 0) + 1
        return {
            "analyzer_version": ANALYZER_VERSION,
            "followed_algorithm": self.followed_algorithm,
            "category": self.category,
            "answer": self.answer,
            "answer_correct": self.answer == self.a * self.b if self.answer is not None else False,
            "trace_result": self.trace_result,
            "first_wrong": self._located(self.first_wrong) if self.first_wrong is not None else None,
            "labels": labels,
            "steps": [self._located(step) for step in self.steps],
        }


def _locate(reasoning: str, answer: str, offset: int, answer_value: int | None,
            operands: tuple[int, int]) -> tuple[int, int, int] | None:
    """(value, start, end) of the final answer in the joined text."""
    located = locate_answer(answer, operands=operands) if answer.strip() else None
    if located is not None:
        located = (located[0], located[1] + offset, located[2] + offset)
    else:
        located = locate_answer(reasoning, marked_only=True)
    if answer_value is None or (located is not None and located[0] == answer_value):
        return located
    # The grader read another number: trust its value, and point at its last occurrence.
    for text, shift in ((answer, offset), (reasoning, 0)):
        spans = [(s, e) for value, s, e in number_spans(text) if value == answer_value]
        if spans:
            return answer_value, spans[-1][0] + shift, spans[-1][1] + shift
    return answer_value, offset, offset + len(answer)


def analyze_trace(a: int, b: int, reasoning: str, answer: str, finish_reason: str | None = None,
                  answer_value: int | None = None) -> TraceAnalysis:
    """Analyse one trace of the problem a x b. `finish_reason == "length"` marks a truncated trace.
    `answer_value`, when given, is the final answer as the grader read it; the analyzer then agrees with
    the grade instead of reading the answer itself."""
    reasoning = reasoning or ""
    answer = answer or ""
    text = reasoning + _JOIN + answer
    offset = len(reasoning) + len(_JOIN)
    located = _locate(reasoning, answer, offset, answer_value, (a, b))
    claims, decompositions = parse_claims(text)
    checker = Checker(a, b, decompositions)
    for claim in claims:
        if located is not None and claim.start == located[1]:
            continue
        checker.check(claim)
    trace_result = checker.full.claimed if checker.full is not None else None
    if located is not None:
        checker.check_answer(*located)
    steps = checker.steps
    # Cut by the token limit, or ended with work but no answer at all: truncated. An answer that is
    # there but cannot be read is unparsed instead.
    truncated = finish_reason == "length" or (located is None and not answer.strip() and count_numbers(reasoning) > 0)
    unread = 0
    if not any(s.kind in ALGORITHM_KINDS for s in steps):
        known = {a, b, located[0] if located else None}
        unread = sum(1 for value in numbers_in(reasoning) if value not in known)
    verdict = decide(steps, a, b, located[0] if located else None, truncated, unread)
    return TraceAnalysis(
        a=a,
        b=b,
        followed_algorithm=verdict.followed_algorithm,
        category=verdict.category,
        answer=located[0] if located else None,
        trace_result=trace_result,
        first_wrong=verdict.first_wrong,
        steps=steps,
        reasoning_length=len(reasoning),
    )
