"""The true long multiplication of a x b, laid out the way the few-shot prompt and school both write it,
so the reader can set each line the model wrote against the line it should have written."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Row:
    """a x one place of b: `part` is the digit with its zeros (20 for the tens digit 2)."""

    part: int
    value: int


@dataclass(frozen=True, slots=True)
class LongMultiplication:
    a: int
    b: int
    rows: tuple[Row, ...]

    @property
    def product(self) -> int:
        return self.a * self.b

    def row_matching(self, value: int | None) -> int | None:
        """The index of the row whose true value is `value` (where a model's first error belongs)."""
        return next((i for i, row in enumerate(self.rows) if row.value == value), None)

    def lines(self) -> list[str]:
        """Right-aligned lines: the operands, one line per partial product with what it is, the sum."""
        width = len(str(self.product)) + 2
        rule = "-" * width
        lines = [f"{self.a:>{width}}", f"×{self.b:>{width - 1}}", rule]
        lines += [f"{row.value:>{width}}   {self.a} × {row.part}" for row in self.rows]
        if len(self.rows) > 1:
            lines += [rule, f"{self.product:>{width}}   sum of the rows"]
        return lines


def long_multiplication(a: int, b: int) -> LongMultiplication:
    """One row per nonzero digit of b, units first (a zero digit contributes nothing and is not written)."""
    parts = [int(c) * 10**k for k, c in enumerate(reversed(str(b))) if c != "0"]
    return LongMultiplication(a=a, b=b, rows=tuple(Row(part, a * part) for part in parts))
