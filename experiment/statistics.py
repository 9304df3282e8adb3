"""Accuracy per cell with Wilson 95% intervals.

Accuracy is correct / (correct + wrong + unparsed): a reply that finished without a readable answer is a
failure to answer in the asked format. ``truncated`` (the limit stopped the model), ``refused`` and ``error``
(no answer at all) are left out of the fraction and reported beside it, so that a low token limit or a
flaky network never reads as the model being bad at multiplication.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from experiment.grading import OUTCOMES

COUNTED = ("correct", "wrong", "unparsed")
Z_95 = 1.959963984540054


def wilson_interval(successes: int, trials: int, z: float = Z_95) -> tuple[float, float] | None:
    """Wilson score interval; unlike the normal approximation it stays inside [0, 1] at 0/n and n/n."""
    if trials == 0:
        return None
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(slots=True)
class CellStats:
    """One model's results in one cell of the grid."""

    model: str
    variant: str
    m: int
    n: int
    counts: Counter = field(default_factory=Counter)

    @property
    def counted(self) -> int:
        return sum(self.counts[name] for name in COUNTED)

    @property
    def accuracy(self) -> float | None:
        return self.counts["correct"] / self.counted if self.counted else None

    @property
    def interval(self) -> tuple[float, float] | None:
        return wilson_interval(self.counts["correct"], self.counted)

    def as_dict(self) -> dict:
        interval = self.interval
        return {
            "model": self.model,
            "variant": self.variant,
            "m": self.m,
            "n": self.n,
            "accuracy": self.accuracy,
            "ci_low": interval[0] if interval else None,
            "ci_high": interval[1] if interval else None,
            "counted": self.counted,
            **{name: self.counts[name] for name in OUTCOMES},
        }


def cell_statistics(records: Iterable[Mapping]) -> list[CellStats]:
    """Group records (mappings with model_label, variant, m, n, outcome) into sorted cells."""
    cells: dict[tuple[str, str, int, int], CellStats] = {}
    for record in records:
        key = (record["model_label"], record["variant"], int(record["m"]), int(record["n"]))
        if key not in cells:
            cells[key] = CellStats(*key)
        cells[key].counts[record["outcome"]] += 1
    return [cells[key] for key in sorted(cells)]
