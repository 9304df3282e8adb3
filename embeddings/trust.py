"""How far each word on a map can be trusted: the share of its nearest words in the full vectors that are also its
nearest on screen, and the picture's overall trustworthiness (Venna and Kaski's: 1 - 2 / (n k (2n - 3k - 1)) times
the sum, over each point's screen neighbours, of how far beyond k they rank in the full space; the number
`sklearn.manifold.trustworthiness` computes).

A 2D or 3D picture loses most of the space: PCA keeps a stated share of the variance, t-SNE and UMAP nothing a
reader can see. These numbers say, word by word, which positions mean something. Numpy only, and a few
milliseconds for 200 points: this runs for every drawn picture, so it must not bring scikit-learn or scipy onto the
first figure's path (tests/explorer/test_vectors.py).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

TRUST_K = 10  # neighbours compared; fewer for small pictures (below half the points, as trustworthiness needs)
ROW_BLOCK = 256  # rows of the n x n distances handled at once: bounded memory for 5,000-word context maps
EXACT_ROWS = 2000  # above this many points, overall trustworthiness is estimated from a seeded sample of rows
SAMPLE_ROWS = 1000


@dataclass(frozen=True)
class Trust:
    """`kept[i]` of its `k` nearest words in the full vectors are among point i's `k` nearest on screen."""

    k: int
    kept: np.ndarray  # (n,) ints; -1 for a point not measured (a context word of a large map)
    trustworthiness: float
    sampled: int = 0  # rows the overall number was estimated from; 0 when every row counted

    def share(self, i: int) -> float:
        return float(self.kept[i]) / self.k

    def kept_text(self, i: int) -> str:
        return f"{int(self.kept[i])} of {self.k}" if self.kept[i] >= 0 else ""

    def describe(self, i: int) -> str:
        return f"{int(self.kept[i])} of its {self.k} nearest words in the full vectors are also nearest on screen"


def neighbours_for(n: int) -> int:
    """k for a picture of n points: TRUST_K, or fewer so that k < n / 2 (0 when there is nothing to compare)."""
    return max(0, min(TRUST_K, (n - 1) // 2))


def measure(vectors: np.ndarray, coords: np.ndarray, k: int | None = None,
            labelled: list[int] | None = None) -> Trust | None:
    """Per point and overall, for the drawn points' full vectors (compared by cosine, the measure the
    neighbours, analogies and reductions use) and their coordinates on screen (by straight-line distance).

    In blocks of rows, so that a 5,000-word context map never holds n x n distances at once. Above EXACT_ROWS
    points only the `labelled` rows get their own share, and the overall number is estimated from them and a
    seeded sample of SAMPLE_ROWS others (an n x n rank count would take seconds).
    """
    n = len(coords)
    k = neighbours_for(n) if k is None else k
    if k < 1:
        return None
    rows = np.arange(n)
    sampled = 0
    if n > EXACT_ROWS:
        rest = np.setdiff1d(rows, labelled or [])
        picked = np.random.default_rng(0).choice(rest, size=min(SAMPLE_ROWS, rest.size), replace=False)
        rows = np.union1d(np.asarray(labelled or [], dtype=np.int64), picked)
        sampled = rows.size
    unit = np.asarray(vectors, dtype=np.float64)
    norms = np.linalg.norm(unit, axis=1, keepdims=True)
    unit = unit / np.where(norms > 0, norms, 1.0)
    xyz = np.asarray(coords, dtype=np.float64)
    kept = np.full(n, -1, dtype=np.int64)
    penalty = 0.0
    for lo in range(0, rows.size, ROW_BLOCK):
        block = rows[lo : lo + ROW_BLOCK]
        own = (np.arange(block.size), block)
        full = 1.0 - unit[block] @ unit.T
        full[own] = np.inf
        screen = _distances(xyz[block], xyz)
        screen[own] = np.inf
        in_full, on_screen = nearest(full, k), nearest(screen, k)
        kept[block] = (in_full[:, :, None] == on_screen[:, None, :]).any(axis=2).sum(axis=1)
        penalty += rank_penalty(full, on_screen, k)
    penalty *= n / rows.size  # the sample's mean per row, for every row
    return Trust(k, kept, 1.0 - penalty * (2.0 / (n * k * (2.0 * n - 3.0 * k - 1.0))), sampled)


def _distances(points: np.ndarray, others: np.ndarray) -> np.ndarray:
    """Straight-line distances, one screen axis at a time: summing a (rows, n, 3) array of squares along its
    short last axis took a third of a context map's measure; this adds the same squares in the same order."""
    squares = np.zeros((len(points), len(others)))
    for axis in range(points.shape[1]):
        step = points[:, axis, None] - others[None, :, axis]
        squares += step * step
    return np.sqrt(squares, out=squares)


def nearest(distances: np.ndarray, k: int) -> np.ndarray:
    """Each row's k nearest points, nearest first (a point's own distance is already infinite)."""
    if k < distances.shape[1]:
        best = np.argpartition(distances, k - 1, axis=1)[:, :k]
    else:
        best = np.argsort(distances, axis=1)[:, :k]
    order = np.take_along_axis(distances, best, axis=1).argsort(axis=1, kind="stable")
    return np.take_along_axis(best, order, axis=1)


def rank_penalty(full: np.ndarray, on_screen: np.ndarray, k: int) -> float:
    """Trustworthiness's sum, for these rows: over each point's screen neighbours j, max(0, r(i, j) - k), r the
    rank of j among i's neighbours in the full space (counted rather than sorted)."""
    chosen = np.take_along_axis(full, on_screen, axis=1)  # (rows, k)
    ranks = np.count_nonzero(full[:, None, :] < chosen[:, :, None], axis=2) + 1
    return float(np.maximum(ranks - k, 0).sum())


def outline_colour(share: float) -> str:
    """Dark where a word's neighbours are kept, pale where they are not: a grey from #ffffff (none) to #1a1a1a."""
    level = round(255 - share * (255 - 26))
    return f"#{level:02x}{level:02x}{level:02x}"


def caption(trust: Trust, *, points: int, context: bool, outlined: bool) -> str:
    """The picture's trust in one or two sentences, worded from its numbers."""
    among = f"among the {points:,} drawn words" + (" (the vocabulary context included)" if context else "")
    measured = trust.kept[trust.kept >= 0]
    estimate = f", estimated from {trust.sampled:,} of them" if trust.sampled else ""
    text = (f"Trustworthiness {trust.trustworthiness:.2f} (1 is perfect; k = {trust.k}{estimate}): of each "
            f"{'labelled ' if trust.sampled else ''}word's {trust.k} nearest words in the full vectors, {among}, "
            f"on average {measured.mean():.1f} are also its {trust.k} nearest on screen.")
    if outlined:
        text += " Outlines are dark where a word's nearest words are kept, pale where they are not."
    return text

