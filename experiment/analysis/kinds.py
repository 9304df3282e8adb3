"""The analyzer's fixed sets of values: what the parser reads (claim kinds), what the checker checks (step
kinds), how a step is labelled, where it is written, and the verdict's categories.

They are string enums, so that a stored analysis (JSON text) reads back into them unchanged and a value
compares equal to its text; every table keyed by them (ClaimKind -> checker, StepKind -> category) names
each member, and a value outside the set fails where it is read, with its name.
"""

from __future__ import annotations

from enum import StrEnum


class ClaimKind(StrEnum):
    """The shape of an assertion, as the parser reads it."""

    EQUATION = "equation"  # an expression and its value: "4567 x 8 = 36536"
    CARRY = "carry"  # the carry of a value: "56 ... carry 5"
    WRITE = "write"  # the written digit of a value: "write 6"
    SHIFT = "shift"  # a value moved to its place: "41103, shifted: 411030"
    SUM = "sum"  # the total of the partial products, stated without writing the sum
    RESULT = "result"  # a stated product without a computation: "the product is 4073764"
    SPLIT = "split"  # a multiplier written as its parts: "1234 multiplied by 5000 plus 700 plus 68"
    ROW = "row"  # a bare row under the rule of a written-out layout
    VALUE = "value"  # a number under a label of words: "Row value: 69715", "With its zeros: 5907000"
    DIGIT = "digit"  # the digit at a named place: "the digit in the tens place of 81, which is 2"


class StepKind(StrEnum):
    """What a checked step computes."""

    DIGIT_PRODUCT = "digit_product"
    CARRY = "carry"
    DIGIT_WRITE = "digit_write"
    CARRY_ADDITION = "carry_addition"
    PARTIAL_PRODUCT = "partial_product"
    SHIFTED_PARTIAL_PRODUCT = "shifted_partial_product"
    SHIFT = "shift"
    PRODUCT = "product"
    ADDITION = "addition"
    COMPOUND = "compound"
    SUM = "sum"
    DECOMPOSITION = "decomposition"
    RESULT = "result"
    DIVISION = "division"
    COPY = "copy"
    ANSWER = "answer"


class Label(StrEnum):
    """Faith and Fate's labels of a step (multiplication/graph_error_analysis.py)."""

    CORRECT = "correct"
    LOCAL_ERROR = "local_error"
    PROPAGATED = "propagated"
    RESTORED = "restored"
    UNCHECKED = "unchecked"


class Source(StrEnum):
    """The field of the record a step is written in."""

    REASONING = "reasoning"
    ANSWER = "answer"


class Category(StrEnum):
    """The verdict on a trace: how it went right, or where its first lasting error was."""

    CORRECT = "correct"
    SELF_CORRECTED = "self_corrected"
    ARITHMETIC_SLIP = "arithmetic_slip"
    WRONG_PARTIAL_PRODUCT = "wrong_partial_product"
    COPY_ERROR = "copy_error"
    SHIFT_ERROR = "shift_error"
    OMITTED_PARTIAL = "omitted_partial"
    DUPLICATED_PARTIAL = "duplicated_partial"
    ADDITION_ERROR = "addition_error"
    ANSWER_MISMATCH = "answer_mismatch"
    FALSE_VERIFICATION = "false_verification"
    NO_ALGORITHM = "no_algorithm"
    TRUNCATED = "truncated"
    UNPARSED = "unparsed"


def parse_kind(enum: type[StrEnum], value: str, what: str):
    """`enum(value)`, failing with a message that names what was read."""
    try:
        return enum(value)
    except ValueError:
        raise ValueError(f"unknown {what} {value!r}; known: {', '.join(m.value for m in enum)}") from None
