"""Finding the two operands of a multiplication in what another tool recorded.

Structured fields come first (a promptfoo test's ``vars.a``/``vars.b``, an Inspect sample's metadata
``a``/``b``): they are what the tool put into the prompt. Only when there are none is the question's text
read, and only for an explicit product: ``A times B``, ``A x B``, ``A × B``, ``A * B`` or "product of A and
B", with digits optionally grouped by commas. The first such phrase in the text wins. An operand that is
not a positive whole number is refused rather than guessed: a float may already have lost digits.
"""

from __future__ import annotations

import re

_GROUPED = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+"
_PRODUCT = re.compile(
    rf"(?<![\d.,])({_GROUPED})\s*(?:times|multiplied\s+by|[x×*·])\s*({_GROUPED})(?![\d.]\d)",
    re.IGNORECASE,
)
_PRODUCT_OF = re.compile(rf"product\s+of\s+({_GROUPED})\s+and\s+({_GROUPED})(?!\d)", re.IGNORECASE)


class OperandError(ValueError):
    """An operand that is missing or not a positive whole number; the message says which and why."""


def operand_value(value: object, name: str) -> int:
    """A positive integer from a JSON value: an int, or a string of digits (commas, spaces, ``_`` allowed)."""
    if isinstance(value, bool) or value is None:
        raise OperandError(f"{name} is {value!r}, not a whole number")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        raise OperandError(f"{name} is {value!r}, a floating-point number (its digits may be rounded)")
    elif isinstance(value, str):
        text = re.sub(r"[,_\s]", "", value.strip())
        if not text.isdigit():
            raise OperandError(f"{name} is {value!r}, not a whole number")
        number = int(text)
    else:
        raise OperandError(f"{name} is a {type(value).__name__}, not a whole number")
    if number < 1:
        raise OperandError(f"{name} is {number}; operands are positive")
    return number


def operands_in_text(text: str) -> tuple[int, int] | None:
    """(a, b) from the first explicit product in ``text``, or None when the text names none."""
    for pattern in (_PRODUCT_OF, _PRODUCT):
        found = pattern.search(text)
        if found:
            return int(found.group(1).replace(",", "")), int(found.group(2).replace(",", ""))
    return None
