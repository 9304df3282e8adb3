"""Which pairs of words a picture draws closer or farther than their cosine similarity ranks them.

The Similarity tab shows the exact cosines; the map shows distances that a reduction chose. Ranking every pair
both ways (1 = the most similar pair by cosine, 1 = the closest pair on screen) and reading off the pairs whose
two ranks differ most tells a reader which closenesses in the picture not to believe, in the picture's own terms.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from embeddings.analogy_baselines import ordinal
from embeddings.scene import Scene

SHOWN = 3


@dataclass(frozen=True)
class PairShift:
    first: str
    second: str
    cosine: float
    cosine_rank: int  # 1 = the most similar pair
    screen_rank: int  # 1 = the pair drawn closest

    @property
    def shift(self) -> int:
        """Positive: drawn closer than the cosine ranks the pair; negative: drawn farther."""
        return self.cosine_rank - self.screen_rank


@dataclass(frozen=True)
class PairShifts:
    pairs: int
    closer: tuple[PairShift, ...]  # drawn closer than their cosine ranks them, most first
    farther: tuple[PairShift, ...]


def pair_shifts(words: list[str], vectors: np.ndarray, coords: np.ndarray, shown: int = SHOWN) -> PairShifts:
    """The pairs whose rank on screen differs most from their rank by cosine, each way (ties share a rank)."""
    n = len(words)
    i, j = np.triu_indices(n, k=1)
    unit = np.asarray(vectors, dtype=np.float64)
    unit = unit / np.linalg.norm(unit, axis=1, keepdims=True)
    cosine = (unit[i] * unit[j]).sum(axis=1)
    xyz = np.asarray(coords, dtype=np.float64)
    distance = np.linalg.norm(xyz[i] - xyz[j], axis=1)
    by_cosine = _ranks(-cosine)
    on_screen = _ranks(distance)
    shift = by_cosine - on_screen
    found = [PairShift(words[i[p]], words[j[p]], float(cosine[p]), int(by_cosine[p]), int(on_screen[p]))
             for p in np.argsort(-shift, kind="stable")]
    closer = tuple(s for s in found if s.shift > 0)[:shown]
    farther = tuple(s for s in reversed(found) if s.shift < 0)[:shown]
    return PairShifts(len(cosine), closer, farther)


def _ranks(values: np.ndarray) -> np.ndarray:
    """1 for the smallest; equal values share the smaller rank."""
    order = np.sort(values)
    return np.searchsorted(order, values, side="left") + 1


def for_scene(scene: Scene, vectors_of: Callable[[list[str]], np.ndarray], shown: int = SHOWN) -> PairShifts:
    """The pairs of a scene's entered words."""
    rows = scene.rows_of("entered")
    words = [scene.words[r] for r in rows]
    return pair_shifts(words, vectors_of(words), scene.coords[rows], shown)


def describe(shift: PairShift, pairs: int) -> str:
    return (f"{shift.first} – {shift.second}: cosine {shift.cosine:.2f}, the {ordinal(shift.cosine_rank)} "
            f"most similar of {pairs} pairs, drawn the {ordinal(shift.screen_rank)} closest")


def sentences(result: PairShifts, picture: str = "the picture") -> list[str]:
    """What the page says: a line for each way, worded from the ranks; nothing when the picture keeps the order."""
    lines = []
    if result.closer:
        lines.append(f"Drawn closer by {picture} than their cosine ranks them: "
                     + "; ".join(describe(s, result.pairs) for s in result.closer) + ".")
    if result.farther:
        lines.append("Drawn farther apart than their cosine ranks them: "
                     + "; ".join(describe(s, result.pairs) for s in result.farther) + ".")
    if not lines and result.pairs:
        lines.append(f"{picture[0].upper()}{picture[1:]} orders all {result.pairs} pairs as their cosine does.")
    return lines
