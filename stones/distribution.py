"""The next-token distribution at a point of the text, re-weighted by temperature, and seeded tosses.

A server returns only the N most likely tokens, with their probabilities under the model (a plain softmax
of its logits, before any sampling setting). Everything here works on those N: temperature re-weights them
(p ** (1 / T), normalised over the N), and a toss samples one of them. What the N leave out is reported as
`coverage`, the share of the model's probability they hold, never spread over the map by guess.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

MIN_TEMPERATURE = 0.1
MAX_TEMPERATURE = 2.0
MAX_CANDIDATES = 40  # asked of the server and recorded; the bound on what one request returns


@dataclass(frozen=True)
class Candidate:
    """One possible next token: the piece as text (a leading space marks a word start) and its probability."""

    token: str
    probability: float


@dataclass(frozen=True)
class NextTokens:
    """The candidates after `text`, most likely first, and where they came from ("recorded" or "live")."""

    text: str
    candidates: tuple[Candidate, ...]
    source: str

    @property
    def coverage(self) -> float:
        """The share of the model's probability the candidates hold (the rest is beyond the top N)."""
        return min(1.0, sum(c.probability for c in self.candidates))


def from_logprobs(pairs: list[tuple[str, float]], *, limit: int = MAX_CANDIDATES) -> tuple[Candidate, ...]:
    """Candidates from (token, log-probability) pairs: the same token twice is summed, most likely first."""
    merged: dict[str, float] = {}
    for token, logprob in pairs:
        if not isinstance(token, str) or not isinstance(logprob, int | float) or math.isnan(logprob):
            continue
        merged[token] = merged.get(token, 0.0) + math.exp(min(0.0, float(logprob)))
    return ordered([Candidate(t, p) for t, p in merged.items()])[:limit]


def ordered(candidates: list[Candidate]) -> tuple[Candidate, ...]:
    """Most likely first, ties by token: one order for every server, so a seeded toss lands alike."""
    return tuple(sorted(candidates, key=lambda c: (-c.probability, c.token)))


def check_temperature(temperature: float) -> float:
    if not math.isfinite(temperature) or not MIN_TEMPERATURE <= temperature <= MAX_TEMPERATURE:
        raise ValueError(f"temperature must be within {MIN_TEMPERATURE:g}..{MAX_TEMPERATURE:g}")
    return float(temperature)


def reweighted(probabilities: np.ndarray, temperature: float) -> np.ndarray:
    """p ** (1/T), normalised: T < 1 narrows the landscape onto the likeliest words, T > 1 spreads it.

    Computed in log space so that a small T does not underflow every weight to zero.
    """
    check_temperature(temperature)
    p = np.asarray(probabilities, dtype=float)
    if p.size == 0:
        return p
    logs = np.log(np.clip(p, 1e-300, None)) / temperature
    weights = np.exp(logs - logs.max())
    return weights / weights.sum()


def toss(probabilities: np.ndarray, *, seed: int, index: int) -> int:
    """The index of the candidate a stone lands on: the `index`-th toss of a text tossed with `seed`.

    Each toss draws from its own generator, seeded by (seed, index), so toss 3 of a shared URL lands where it
    landed for the author, whatever was clicked before.
    """
    p = np.asarray(probabilities, dtype=float)
    if p.size == 0:
        raise ValueError("there is nothing to toss onto")
    u = np.random.default_rng([seed, index]).random()
    cumulative = np.cumsum(p / p.sum())
    return int(min(np.searchsorted(cumulative, u, side="right"), p.size - 1))


def choose(next_tokens: NextTokens, temperature: float, *, seed: int, index: int, greedy: bool = False,
           allowed: set[str] | None = None) -> Candidate:
    """The next stone: the likeliest candidate, or a seeded toss at this temperature.

    `allowed` narrows where a stone may land (the recorded continuations, without a live server); the
    candidates are re-weighted among themselves. ValueError when none is allowed.
    """
    candidates = [c for c in next_tokens.candidates if allowed is None or c.token in allowed]
    if not candidates:
        raise ValueError("no continuation of this text is recorded")
    if greedy:
        return candidates[0]
    weights = reweighted(np.array([c.probability for c in candidates]), temperature)
    return candidates[toss(weights, seed=seed, index=index)]
