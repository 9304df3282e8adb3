"""One problem in the four contexts: the right answer's probability digit by digit, the answer the wrong step
leads to, and the likeliest answers, from whatever answers the next-digit questions (recording or server)."""
from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from inside.steps.digits import BEAM, Ask, Scored, likeliest, score
from inside.steps.working import CONTEXTS, Context, Problem, context_text

SHOWN = 8  # the likeliest answers kept per context


@dataclass(frozen=True)
class ContextAnswer:
    context: Context
    text: str
    right: Scored
    led_to: Scored  # the answer the wrong step leads to (its probability in every context)
    likeliest: tuple[tuple[str, float], ...]

    def probability_of(self, answer: str) -> float:
        """An answer's probability: scored when it is the right one or the one the wrong step leads to, else
        as the beam search found it (0 when it did not)."""
        if answer == self.right.answer:
            return self.right.probability
        if answer == self.led_to.answer:
            return self.led_to.probability
        return dict(self.likeliest).get(answer, 0.0)


@dataclass(frozen=True)
class StepsAnswer:
    problem: Problem
    contexts: dict[Context, ContextAnswer]
    source: str  # "recorded" or "live"

    def right(self, context: Context) -> float:
        return self.contexts[context].right.probability

    def candidates(self) -> list[str]:
        """Every answer worth drawing: the right one, the one the wrong step leads to, each context's likeliest."""
        seen = {str(self.problem.product): None, str(self.problem.led_to): None}
        for answer in self.contexts.values():
            seen.update(dict.fromkeys(a for a, _ in answer.likeliest))
        return list(seen)


def context_answer(problem: Problem, context: Context, ask: Ask, *, beam: int = BEAM) -> ContextAnswer:
    right, led_to = str(problem.product), str(problem.led_to)
    top = likeliest(ask, max_digits=len(right) + 1, beam=beam)[:SHOWN]
    return ContextAnswer(context, context_text(problem, context), score(ask, right), score(ask, led_to), tuple(top))


def answer(problem: Problem, ask_in: Callable[[str], Ask], source: str, *, workers: int = 1,
           beam: int = BEAM) -> StepsAnswer:
    """The four contexts, `workers` of them at once (a live server answers as many requests as it has slots)."""
    def one(context: Context) -> ContextAnswer:
        return context_answer(problem, context, ask_in(context_text(problem, context)), beam=beam)

    if workers <= 1:
        found = [one(c) for c in CONTEXTS]
    else:
        with ThreadPoolExecutor(max_workers=min(workers, len(CONTEXTS))) as pool:
            found = list(pool.map(one, CONTEXTS))
    return StepsAnswer(problem, {a.context: a for a in found}, source)
