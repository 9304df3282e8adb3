"""The essay's argument in one set of numbers: P(right answer) against the problem's size, in each context."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from inside.steps.answers import StepsAnswer
from inside.steps.working import CONTEXTS, Context


@dataclass(frozen=True)
class SizeRow:
    """Problems of `digits` x `digits` digits: each context's P(right answer) per problem and on average, and
    after the wrong step, P(the answer it leads to)."""

    digits: int
    problems: tuple[str, ...]  # "12 x 34"
    right: dict[Context, tuple[float, ...]]
    led_to: tuple[float, ...]

    def mean(self, context: Context) -> float:
        values = self.right[context]
        return sum(values) / len(values)

    @property
    def mean_led_to(self) -> float:
        return sum(self.led_to) / len(self.led_to)


def by_size(answers: list[StepsAnswer]) -> list[SizeRow]:
    """Square problems grouped by their digits, smallest first (others are left out: the figure's x is one number)."""
    groups: dict[int, list[StepsAnswer]] = defaultdict(list)
    for found in answers:
        m, n = found.problem.digits
        if m == n:
            groups[m].append(found)
    rows = []
    for digits in sorted(groups):
        group = groups[digits]
        rows.append(SizeRow(
            digits,
            tuple(f"{g.problem.a} x {g.problem.b}" for g in group),
            {c: tuple(g.right(c) for g in group) for c in CONTEXTS},
            tuple(g.contexts[Context.WRONG].led_to.probability for g in group),
        ))
    return rows
