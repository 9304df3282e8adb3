"""Where the trace states its final answer.

The runner grades answers with its own extractor; the analyzer needs more than the value: the place in
the text, so that an answer that disagrees with the trace's own result can be highlighted.
"""

from __future__ import annotations

import re

from experiment.analysis.tokens import tokenize

_MARKER = re.compile(r"final\s+answer|\\boxed\s*\{|\banswer\s*(?:is|:|=)|\bresult\s*(?:is|:)", re.IGNORECASE)
_SKIPPABLE = frozenset(("colon", "rel", "word", "sep"))


def _first_number_after(text: str, offset: int) -> tuple[int, int, int] | None:
    for tok in tokenize(text[offset:offset + 120]):
        if tok.kind == "num":
            return tok.value, offset + tok.start, offset + tok.end  # type: ignore[return-value]
        if tok.kind in ("approx", "dec", "nl", "para") or (tok.kind == "word" and tok.text not in ("is", "the", "be", "we")):
            return None
        if tok.kind not in _SKIPPABLE:
            return None
    return None


def locate_answer(text: str, marked_only: bool = False) -> tuple[int, int, int] | None:
    """(value, start, end) of the stated final answer: the last "Final Answer:" or \\boxed{} wins;
    without a marker, the last integer of a short answer (unless `marked_only`)."""
    for match in reversed(list(_MARKER.finditer(text))):
        found = _first_number_after(text, match.end())
        if found is not None:
            return found
    if marked_only:
        return None
    numbers = [tok for tok in tokenize(text) if tok.kind == "num"]
    if not numbers:
        return None
    last = numbers[-1]
    return last.value, last.start, last.end  # type: ignore[return-value]
