"""Where the trace states its final answer.

The runner grades answers with its own extractor; the analyzer needs more than the value: the place in
the text, so that an answer that disagrees with the trace's own result can be highlighted.
"""

from __future__ import annotations

import re

from experiment.analysis.tokens import tokenize

_MARKER = re.compile(r"final\s+answer|\\boxed\s*\{|\b(?:answer|product|result)\s*(?:is|:|=)", re.IGNORECASE)
_SKIPPABLE = frozenset(("colon", "rel", "word", "sep"))


def _first_number_after(text: str, offset: int) -> tuple[int, int, int] | None:
    for tok in tokenize(text[offset:offset + 120]):
        if tok.kind == "num":
            return tok.value, offset + tok.start, offset + tok.end  # type: ignore[return-value]
        if tok.kind in ("approx", "dec", "nl", "para") or (
                tok.kind == "word" and tok.text not in ("is", "the", "be", "we")):
            return None
        if tok.kind not in _SKIPPABLE:
            return None
    return None


def locate_answer(text: str, marked_only: bool = False, operands: tuple[int, ...] = ()) -> tuple[int, int, int] | None:
    """(value, start, end) of the stated final answer: the last "Final Answer:", \\boxed{} or "the
    answer is" wins. Without a marker (unless `marked_only`), an answer is read only when it is
    unambiguous: every number besides the operands is the same, or the text closes with "= N"."""
    for match in reversed(list(_MARKER.finditer(text))):
        found = _first_number_after(text, match.end())
        if found is not None:
            return found
    if marked_only:
        return None
    tokens = tokenize(text)
    numbers = [tok for tok in tokens if tok.kind == "num" and tok.value not in operands]
    if not numbers:
        return None
    last = numbers[-1]
    closing = (len(tokens) >= 2 and tokens[-1] is last
               or (len(tokens) >= 3 and tokens[-2] is last and tokens[-1].kind == "sep"))
    if len({tok.value for tok in numbers}) == 1 or (closing and _after_equals(tokens, last)):
        return last.value, last.start, last.end  # type: ignore[return-value]
    return None


def _after_equals(tokens: list, last) -> bool:
    index = tokens.index(last)
    return index > 0 and tokens[index - 1].kind == "rel"
