"""How far apart a word's senses are: mean cosine similarity of its vectors within a sense and across senses."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from inside.contexts.sentences import NO_SENSE


@dataclass(frozen=True)
class Separation:
    within: float | None  # mean cosine of the pairs of sentences with the same sense (None: no such pair)
    across: float | None  # of the pairs with different senses
    overall: float | None  # of every pair
    within_pairs: int
    across_pairs: int


def cosines(vectors: np.ndarray) -> np.ndarray:
    x = np.asarray(vectors, dtype=np.float64)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    x = x / np.where(norms == 0, 1.0, norms)
    return x @ x.T


def separation(vectors: np.ndarray, senses: list[str]) -> Separation:
    """Pairs of sentences without a sense (`-`) count only in `overall`."""
    sim = cosines(vectors)
    within, across, every = [], [], []
    for i in range(len(senses)):
        for j in range(i + 1, len(senses)):
            every.append(sim[i, j])
            if NO_SENSE in (senses[i], senses[j]):
                continue
            (within if senses[i] == senses[j] else across).append(sim[i, j])

    def mean(values: list[float]) -> float | None:
        return float(np.mean(values)) if values else None

    return Separation(mean(within), mean(across), mean(every), len(within), len(across))


def nearest_sentences(vectors: np.ndarray, k: int = 3) -> list[list[tuple[int, float]]]:
    """For each sentence, the k others whose vectors of the word are closest (index, cosine)."""
    sim = cosines(vectors)
    np.fill_diagonal(sim, -np.inf)
    order = np.argsort(-sim, axis=1, kind="stable")[:, :k]
    return [[(int(j), float(sim[i, j])) for j in row if np.isfinite(sim[i, j])] for i, row in enumerate(order)]


def describe(word: str, found: Separation) -> str:
    """The sentence under the figure."""
    if found.within is None or found.across is None:
        if found.overall is None:
            return f"One sentence: nothing to compare “{word}” with yet."
        return (f"The vectors of “{word}” have a mean cosine similarity of {found.overall:.2f}. Give the sentences "
                "two or more senses (`sense: sentence`) to compare within and across them.")
    closer = "closer to each other" if found.within > found.across else "no closer to each other"
    return (f"Within one sense, the vectors of “{word}” are {closer} (mean cosine {found.within:.2f}, "
            f"{found.within_pairs} pairs) than across senses ({found.across:.2f}, {found.across_pairs} pairs): "
            "the same word, a different vector in each sentence.")
