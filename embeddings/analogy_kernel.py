"""The inner loop of embeddings/analogy_scores.py, compiled by numba: each question's running best words over
one tile of the vocabulary.

Kept in its own module because importing numba costs about a second: embeddings/analogy_scores.py imports this
only when it scores (through the heavy-imports lock, with numba's on-disk cache configured, so the compiled
code is loaded, not compiled again, by later processes).
"""
from __future__ import annotations

import numba
import numpy as np


@numba.njit(cache=True, nogil=True)
def fold_tile(tile: np.ndarray, first: np.ndarray, second: np.ndarray, third: np.ndarray, col0: int,
              best: np.ndarray, cols: np.ndarray) -> None:
    """Fold the words of one tile into each question's running best, in place.

    `tile[r, j]` is the cosine similarity of basis word r to the tile's word j (the vocabulary's row col0 + j).
    Question i's score for that word is `tile[second[i], j] - tile[first[i], j] + tile[third[i], j]`: the
    product of b - a + c with the word (the caller divides by the length of b - a + c, the same for all of a
    question's words). `best[i]` holds its largest scores so far, largest first (-inf where none yet), and
    `cols[i]` their vocabulary rows.

    A word enters only when it beats the last of `best[i]` strictly, and goes after those it equals: words are
    seen in vocabulary order, so equal scores keep the lower row first, whatever the tiling. Once the first
    tiles have set each question's floor, almost no word reaches it, so each row is first only checked with a
    loop numba vectorises (an `or` of comparisons; a running maximum or a count is several times slower), and
    looked into only when some word does.
    """
    take = best.shape[1]
    width = tile.shape[1]
    for i in range(first.shape[0]):
        x, y, z = tile[first[i]], tile[second[i]], tile[third[i]]
        floor = best[i, take - 1]
        above = False
        for j in range(width):
            above |= y[j] - x[j] + z[j] > floor
        if not above:
            continue
        for j in range(width):
            value = y[j] - x[j] + z[j]
            if value > floor:
                k = take - 1
                while k > 0 and best[i, k - 1] < value:
                    best[i, k] = best[i, k - 1]
                    cols[i, k] = cols[i, k - 1]
                    k -= 1
                best[i, k] = value
                cols[i, k] = col0 + j
                floor = best[i, take - 1]
