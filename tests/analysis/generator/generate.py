"""generate: one notation, one error kind, one index of a split -> one trace with its expected verdict."""

from __future__ import annotations

import hashlib
import random

from tests.analysis.generator.model import ErrorKind, Expected, GeneratedTrace, Outcome, Span, Split
from tests.analysis.generator.notations import BY_NAME
from tests.analysis.generator.plan import Key, Plan, build_plan, operands
from tests.analysis.generator.surface import Text, Voice


def stable_seed(*parts: object) -> int:
    """A seed from the trace's coordinates, the same in every process (Python's hash() is salted)."""
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(digest[:8], "big")


def generate(notation: str, kind: ErrorKind, index: int, split: Split = Split.DEV) -> GeneratedTrace:
    spec = BY_NAME[notation]
    if kind not in spec.kinds:
        raise ValueError(f"notation {notation!r} cannot show a {kind.value} error")
    seed = stable_seed(notation, kind.value, split.value, index)
    rng = random.Random(seed)
    voice = Voice(rng, split)
    a, b = operands(spec.structure, rng, spec.digit_level)
    injected = ErrorKind.NONE if kind is ErrorKind.TRUNCATION else kind
    plan = build_plan(a, b, spec.structure, injected, rng, spec.digit_level)
    reasoning, answer = spec.render(plan, voice)
    finish_reason = "stop"
    first_wrong: Span | None = None
    claimed: int | None = None
    if kind is ErrorKind.TRUNCATION:
        first_wrong = _truncate(reasoning if reasoning.length else answer, answer, rng)
        finish_reason = "length"
        outcome = Outcome.TRUNCATED
    else:
        if plan.first_wrong is not None:
            first_wrong, claimed = _span(plan, reasoning, answer)
        outcome = Outcome.CORRECT if plan.answer == a * b else Outcome.WRONG
    slip = reasoning.spans.get(("slip",)) or answer.spans.get(("slip",))
    expected = Expected(kind, first_wrong, claimed, spec.followed_algorithm, outcome, slip)
    return GeneratedTrace(notation, kind, split, seed, a, b, reasoning.value, answer.value, finish_reason, expected)


def _candidates(plan: Plan) -> list[Key]:
    key = plan.first_wrong
    assert key is not None
    if plan.kind in (ErrorKind.MISSING_ROW, ErrorKind.EXTRA_ROW):
        return [("listing",), key]
    if plan.kind is ErrorKind.MULTIPLIER_DIGIT:
        return [("factor", key[1]), ("row_block", key[1]), key]
    return [key]


def _span(plan: Plan, reasoning: Text, answer: Text) -> tuple[Span, int | None]:
    """The span of the first wrong step, and the number it states: a running sum written as one line with
    the total states the total; a listing of the rows (a row left out or doubled) states none."""
    for key in _candidates(plan):
        for text in (reasoning, answer):
            if key in text.spans:
                span = text.spans[key]
                if key == ("listing",) or key[0] == "factor":
                    return span, None
                if key[0] == "sum" and text.spans.get(("total",)) == span:
                    return span, plan.total
                last_sum = text.spans.get(("sum", len(plan.rows) - 1))
                if key == ("total",) and last_sum is not None and last_sum.start < span.start:
                    # The last row left out: the last running sum is the rows' total as much as the
                    # sentence that states it; either is the first wrong step.
                    return Span(span.source, last_sum.start, span.end), plan.claimed
                return span, plan.claimed
    raise AssertionError(f"{plan.kind.value}: the notation did not write step {plan.first_wrong}")


def _truncate(work: Text, answer: Text, rng: random.Random) -> Span | None:
    """Cut the working at a space between 40% and 90% of its length, as a token limit does; drop the answer.

    The first wrong step of the cut trace: none, unless the cut falls after a slip ("742 x 3000 = 2526000.")
    and before the words that take it back ("Wait, no! ..."). A reader of that reply sees a wrong step the
    model never retracted, so it is the first wrong step (the outcome is still truncated)."""
    text = work.value
    lo, hi = int(len(text) * 0.4), int(len(text) * 0.9)
    spaces = [i for i in range(lo, hi) if text[i] == " "] or [hi]
    at = rng.choice(spaces)
    slip, retraction = work.spans.get(("slip_value",)), work.spans.get(("retraction",))
    stands = slip is not None and slip.end <= at and (retraction is None or retraction.start >= at)
    work.cut(at)
    if work is not answer:
        answer.cut(0)
    return slip if stands else None
