"""Outcomes and digit-level scores of one reply.

The outcome decides what counts in the accuracy: a reply cut by the token limit is ``truncated`` and never
``wrong`` (the model was not allowed to finish), a failed request is ``error``, a declined one ``refused``.
Digit scores say how wrong a wrong answer is: aligned from the least significant digit, because that is
how long multiplication builds the product and where a model's carries go astray.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from experiment.extraction import Extraction, extract_answer

OUTCOMES: tuple[str, ...] = ("correct", "wrong", "unparsed", "truncated", "refused", "error")
TRUNCATION_REASONS = frozenset({"length", "max_tokens", "model_length", "max_output_tokens"})
REFUSAL_REASONS = frozenset({"content_filter", "refusal", "safety"})
_REFUSAL_TEXT = re.compile(
    r"\b(?:I\s+(?:can(?:'|’)?not|can(?:'|’)t|won(?:'|’)t|am\s+unable\s+to|(?:'|’)m\s+unable\s+to)\s+"
    r"(?:help|assist|do|provide|comply|answer))",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DigitScores:
    """How close an answer is; ``digit_accuracy`` counts a missing or extra digit as wrong."""

    digit_accuracy: float
    length_correct: bool
    leading_digits_correct: int
    trailing_digits_correct: int
    relative_error: float


@dataclass(frozen=True, slots=True)
class Grade:
    outcome: str
    extraction: Extraction
    scores: DigitScores | None


def digit_scores(answer: int, truth: int) -> DigitScores:
    """Digit-level comparison of ``answer`` with ``truth`` (truth is a positive product)."""
    said, true = str(abs(answer)), str(truth)
    width = max(len(said), len(true))
    matches = sum(1 for x, y in zip(reversed(said), reversed(true)) if x == y)
    leading = 0
    for x, y in zip(said, true):
        if x != y:
            break
        leading += 1
    trailing = 0
    for x, y in zip(reversed(said), reversed(true)):
        if x != y:
            break
        trailing += 1
    return DigitScores(
        digit_accuracy=matches / width,
        length_correct=len(said) == len(true) and answer >= 0,
        leading_digits_correct=leading,
        trailing_digits_correct=trailing,
        relative_error=abs(answer - truth) / truth,
    )


def grade(answer_text: str, finish_reason: str | None, refused: bool, a: int, b: int) -> Grade:
    """Grade a reply that arrived for ``a`` x ``b``. Failed requests are graded by ``error_grade`` instead."""
    truth = a * b
    found = extract_answer(answer_text, (a, b))
    scores = digit_scores(found.value, truth) if found.value is not None else None
    if refused or (finish_reason or "") in REFUSAL_REASONS:
        return Grade("refused", found, scores)
    cut = (finish_reason or "") in TRUNCATION_REASONS
    finished_line = found.value is not None and found.rule == "final_answer" and found.line_complete
    if cut and not finished_line:
        return Grade("truncated", found, scores)
    if found.value is None:
        outcome = "refused" if _REFUSAL_TEXT.search(answer_text) else "unparsed"
        return Grade(outcome, found, None)
    return Grade("correct" if found.value == truth else "wrong", found, scores)


def error_grade() -> Grade:
    """The grade of a request that never got an answer (retries exhausted or a permanent HTTP error)."""
    return Grade("error", Extraction(value=None, text=None, rule=None), None)
