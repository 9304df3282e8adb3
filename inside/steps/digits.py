"""The answer's probability digit by digit, teacher-forced, from the model's next-token probabilities.

A model writes the answer one token at a time; Gemma's tokenizer writes every digit as a token of its own. So
the probability of an answer is a product: the probability of its first digit after the context, of its second
after the context and the first, and so on, and last the probability that the number ends there (the next
token is not a digit). Each factor comes from one request for the next-token probabilities after the context
and the digits so far: the right digits are forced in, whatever the model would have written (teacher forcing).

A server gives only the top-N tokens; a digit outside them counts as 0, and the tokens outside them are counted
neither as digits nor as the number's end (`NextDigit.coverage` says how much that is).

The likeliest answers come from a beam search over the same requests: the `beam` likeliest numbers so far are
extended digit by digit, and each one's probability of ending is an answer's probability.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

DIGITS = "0123456789"
BEAM = 3
FLOOR = 1e-4  # numbers less likely than this so far are not extended: their answers cannot matter


@dataclass(frozen=True)
class NextDigit:
    """After a context and some digits: each digit's probability as the next token, and that the number ends."""

    digits: dict[str, float] = field(default_factory=dict)
    end: float = 0.0
    coverage: float = 1.0

    def probability(self, digit: str) -> float:
        return self.digits.get(digit, 0.0)


def next_digit(candidates: Iterable[tuple[str, float]]) -> NextDigit:
    """Read the top next tokens: a token starting with a digit continues the number with that digit (with
    Gemma's tokenizer it is that digit alone); any other token ends it."""
    digits: dict[str, float] = {}
    end = coverage = 0.0
    for token, p in candidates:
        coverage += p
        if token[:1] in DIGITS and token[:1]:
            digits[token[0]] = digits.get(token[0], 0.0) + p
        else:
            end += p
    return NextDigit(dict(sorted(digits.items())), end, min(1.0, coverage))


Ask = Callable[[str], NextDigit]  # the digits written so far -> what comes next, in one context


@dataclass(frozen=True)
class Scored:
    """One answer, teacher-forced: the probability of each digit given the ones before, then of the end."""

    answer: str
    factors: tuple[float, ...]

    @property
    def probability(self) -> float:
        return math.prod(self.factors)

    @property
    def digit_factors(self) -> tuple[float, ...]:
        return self.factors[:-1]

    @property
    def end(self) -> float:
        return self.factors[-1]


def score(ask: Ask, answer: str) -> Scored:
    """The probability of `answer` (digits), one request per digit and one for its end."""
    if not answer or any(c not in DIGITS for c in answer):
        raise ValueError(f"{answer!r} is not a number's digits")
    factors = [ask(answer[:i]).probability(answer[i]) for i in range(len(answer))]
    factors.append(ask(answer).end)
    return Scored(answer, tuple(factors))


def likeliest(ask: Ask, *, max_digits: int, beam: int = BEAM, floor: float = FLOOR) -> list[tuple[str, float]]:
    """The likeliest answers of at most `max_digits` digits, most likely first, by a beam search of `beam`."""
    answers: dict[str, float] = {}
    frontier = [("", 1.0)]
    for _ in range(max_digits + 1):
        extended: list[tuple[str, float]] = []
        for prefix, p in frontier:
            after = ask(prefix)
            if prefix and after.end > 0:
                answers[prefix] = p * after.end
            if len(prefix) < max_digits:
                extended += [(prefix + d, p * q) for d, q in after.digits.items() if p * q >= floor]
        frontier = sorted(extended, key=lambda e: (-e[1], e[0]))[:beam]
        if not frontier:
            break
    return sorted(answers.items(), key=lambda e: (-e[1], e[0]))
