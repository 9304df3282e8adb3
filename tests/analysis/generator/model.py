"""The generator's vocabulary: error kinds, the dev / held-out split, what a generated trace expects."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class ErrorKind(str, Enum):
    """The one error injected into a trace (NONE: a right trace)."""

    NONE = "none"
    SPLIT = "split"                        # the parts of a split operand do not add up to it
    MULTIPLIER_DIGIT = "multiplier_digit"  # a row multiplies by a misread digit or chunk (x 700 for 6 hundreds)
    PARTIAL_PRODUCT = "partial_product"    # a row's product is wrong (a digit product slip in digit work)
    SHIFT = "shift"                        # a row added one place short of its shift (the tens row unshifted)
    COPY = "copy"                          # two digits transposed when the total is copied as the answer
    CARRY = "carry"                        # a carry written wrong, used by the next position
    SUM = "sum"                            # a running sum of the rows is wrong
    MISSING_ROW = "missing_row"            # a row left out: never written, never added
    EXTRA_ROW = "extra_row"                # a row written twice and added twice
    ANSWER_MISMATCH = "answer_mismatch"    # the final stated answer differs from the working's total
    TRUNCATION = "truncation"              # cut at the token limit, every step right: no wrong step


class Split(str, Enum):
    """Dev traces are for tuning the analyzer; held-out traces (their own seeds and phrasings) only measure it."""

    DEV = "dev"
    HELD_OUT = "held-out"


class Outcome(str, Enum):
    CORRECT = "correct"      # the final answer is a * b
    WRONG = "wrong"          # the final answer is another number
    TRUNCATED = "truncated"  # no final answer: cut at the token limit


class Source(str, Enum):
    """Which field of the reply a span is in (as the analyzer reports it)."""

    REASONING = "reasoning"
    ANSWER = "answer"


@dataclass(frozen=True, slots=True)
class Span:
    source: Source
    start: int
    end: int

    def overlaps(self, other: Span) -> bool:
        return self.source == other.source and self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Expected:
    """What a right analysis of the trace says.

    `first_wrong` is the first error that stuck: the injected step, in the model's own characters
    (None for right and truncated traces). `claimed` is the wrong number written there, when the step
    states one number. `followed_algorithm`: the trace writes out a method whose every step is computed
    from the operands (errors aside); only replies that say they ran code do not. `fixed` is the first
    slip the model wrote and then recomputed (not an error that stuck).
    """

    kind: ErrorKind
    first_wrong: Span | None
    claimed: int | None
    followed_algorithm: bool
    outcome: Outcome
    fixed: Span | None = None  # a slip the model fixed itself ("Wait, no! ... let me recompute"), if any


@dataclass(frozen=True, slots=True)
class GeneratedTrace:
    notation: str
    kind: ErrorKind
    split: Split
    seed: int
    a: int
    b: int
    reasoning: str
    answer: str
    finish_reason: str
    expected: Expected

    def text_at(self, span: Span) -> str:
        return (self.reasoning if span.source == Source.REASONING else self.answer)[span.start:span.end]
