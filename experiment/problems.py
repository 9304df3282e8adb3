"""Multiplication problems: which operand pairs are asked, reproducibly.

Each cell of the grid (``m`` digits times ``n`` digits) draws its own pairs from a generator seeded by the
run's seed and the cell alone, one pair after another, skipping repeats. The first ``k`` pairs of a cell
therefore do not depend on how many samples were asked for or on the rest of the grid: raising
``samples`` from 20 to 30 keeps the first 20 problems, so a resumed or extended run never re-asks them.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One multiplication: ``a`` has ``m`` digits, ``b`` has ``n`` digits; ``sample`` is its rank in the cell."""

    m: int
    n: int
    sample: int
    a: int
    b: int

    @property
    def product(self) -> int:
        return self.a * self.b


def operand_range(digits: int) -> tuple[int, int]:
    """The inclusive range of numbers with exactly ``digits`` digits (1 digit: 1..9, no zero operand)."""
    if digits < 1:
        raise ValueError(f"a number has at least 1 digit, got {digits}")
    return 10 ** (digits - 1), 10**digits - 1


def cell_capacity(m: int, n: int) -> int:
    """How many distinct pairs a cell holds, so a request for more samples fails before any work."""
    low_a, high_a = operand_range(m)
    low_b, high_b = operand_range(n)
    return (high_a - low_a + 1) * (high_b - low_b + 1)


def cell_problems(seed: int, m: int, n: int, samples: int) -> list[Problem]:
    """The first ``samples`` distinct pairs of cell ``m`` x ``n`` for ``seed``."""
    capacity = cell_capacity(m, n)
    if samples > capacity:
        raise ValueError(f"cell {m}x{n} has only {capacity} distinct problems, {samples} samples were asked for")
    rng = random.Random(f"multiplication:{seed}:{m}x{n}")
    low_a, high_a = operand_range(m)
    low_b, high_b = operand_range(n)
    seen: set[tuple[int, int]] = set()
    problems: list[Problem] = []
    while len(problems) < samples:
        pair = (rng.randint(low_a, high_a), rng.randint(low_b, high_b))
        if pair in seen:
            continue
        seen.add(pair)
        problems.append(Problem(m=m, n=n, sample=len(problems), a=pair[0], b=pair[1]))
    return problems


def grid_problems(seed: int, a_digits: range, b_digits: range, samples: int) -> Iterator[Problem]:
    """Every problem of the grid, cell by cell, small cells first."""
    for m in a_digits:
        for n in b_digits:
            yield from cell_problems(seed, m, n, samples)
