"""The final answer set against the truth digit by digit, aligned from the units: that is how long
multiplication builds a product and where carries go astray, and it is how the grader scores digits."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DigitPair:
    place: int  # 0 for units
    said: str  # "" where the answer has no digit at this place
    true: str

    @property
    def matches(self) -> bool:
        return self.said == self.true


def compare_digits(answer: int | None, truth: int) -> list[DigitPair]:
    """Pairs from the most significant place down; empty when there is no answer."""
    if answer is None:
        return []
    said, true = str(abs(answer)), str(truth)
    width = max(len(said), len(true))
    said, true = said.rjust(width), true.rjust(width)
    return [DigitPair(place=width - 1 - i, said=s.strip(), true=t.strip()) for i, (s, t) in enumerate(zip(said, true))]


def summary(pairs: list[DigitPair]) -> str:
    if not pairs:
        return "no final answer to compare"
    right = sum(p.matches for p in pairs)
    return f"{right} of {len(pairs)} digits right"
