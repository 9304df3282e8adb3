"""Where the trace states its final answer: the grader's own reading (experiment/extraction.py), with its place.

The analyzer needs more than the value: the place in the text, so that an answer that disagrees with the
trace's own result can be highlighted. Both come from `extract_answer`, the one answer locator of the
project, so the analyzer never reads another number than the grader does (rules in results/README.md).
"""

from __future__ import annotations

from experiment.extraction import extract_answer

# Rules that need the model to mark its answer; the reasoning is searched with these only, because a
# number that merely ends a train of thought is not an answer.
MARKED_RULES = frozenset(("final_answer", "boxed", "phrase"))


def locate_answer(text: str, marked_only: bool = False, operands: tuple[int, ...] = ()) -> tuple[int, int, int] | None:
    """(value, start, end) of the stated final answer, as the grader reads it: the last "Final Answer:",
    else the last \\boxed{}, else the last "the answer is"; unless `marked_only`, also an equation
    `a x b = N` closing the text (needs both `operands`) or a text that is nothing but a number."""
    found = extract_answer(text, (operands[0], operands[1]) if len(operands) == 2 else None, marked_only=marked_only)
    if found.value is None or found.start is None or found.end is None:
        return None
    if marked_only and found.rule not in MARKED_RULES:
        return None  # extract_answer tried only these rules: a guard, should a rule be added there
    return found.value, found.start, found.end
