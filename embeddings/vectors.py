"""A model's words and vectors, with the part of gensim's `KeyedVectors` interface the app uses.

Why not gensim's own class: `from gensim.models import KeyedVectors` imports all of gensim (its topic models,
corpora and scipy.stats with them), 0.6 s of CPU before a reader's first figure can be drawn (issue 11,
bench/bench_browser.py). The app needs little of it: look a word up, read its vector, and rank the vocabulary
by cosine similarity, which is a dot product in numpy. The names and the results are gensim's, so code and
tests written for a gensim model work on either, and `to_gensim()` gives gensim's own object for the rest
of its API.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from numbers import Integral
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

if TYPE_CHECKING:
    from gensim.models import KeyedVectors


class Indexer(Protocol):
    """gensim's indexer interface (as its AnnoyIndexer has it): the `topn` keys closest to a unit vector."""

    def most_similar(self, vector: np.ndarray, num_neighbors: int) -> list[tuple[str, float]]: ...


class WordVectors:
    """Row i of `vectors` is the vector of `index_to_key[i]`.

    `key_to_index` and `index_to_key` may be lazy views (model_store.py maps them from files, so opening
    word2vec's 3,000,000 keys builds no dict); `neighbour_index`, when a model has one, answers whole-vocabulary
    `most_similar` queries without scanning every vector.
    """

    def __init__(self, index_to_key: Sequence[str], vectors: np.ndarray, *,
                 key_to_index: Mapping[str, int] | None = None, norms: np.ndarray | None = None,
                 neighbour_index: Indexer | None = None):
        if len(index_to_key) != vectors.shape[0]:
            raise ValueError(f"{len(index_to_key)} words but {vectors.shape[0]} vectors")
        self.index_to_key = index_to_key
        self.key_to_index = (key_to_index if key_to_index is not None
                             else {key: i for i, key in enumerate(index_to_key)})
        self.vectors = vectors
        self.norms = norms
        self.neighbour_index = neighbour_index

    @property
    def vector_size(self) -> int:
        return int(self.vectors.shape[1])

    def __len__(self) -> int:
        return len(self.index_to_key)

    def __contains__(self, key: object) -> bool:
        return self.has_index_for(key)

    def has_index_for(self, key: object) -> bool:
        return self.get_index(key, -1) >= 0

    def get_index(self, key: Any, default: int | None = None) -> int:
        """As gensim: a key's row, or an int that is already a row; KeyError otherwise (unless `default`)."""
        index = self.key_to_index.get(key, -1) if isinstance(key, str) else -1
        if index >= 0:
            return index
        if isinstance(key, Integral) and not isinstance(key, bool) and 0 <= key < len(self):
            return int(key)
        if default is not None:
            return default
        raise KeyError(f"Key '{key}' not present")

    def get_vector(self, key: Any, norm: bool = False) -> np.ndarray:
        """The key's vector (unit length with `norm`), read-only: writing into it would corrupt `norms`."""
        index = self.get_index(key)
        vector = np.array(self.vectors[index])
        if norm:
            self.fill_norms()
            vector = vector / self.norms[index]
        vector.setflags(write=False)
        return vector

    def __getitem__(self, key_or_keys: Any) -> np.ndarray:
        if isinstance(key_or_keys, (str, Integral)):
            return self.get_vector(key_or_keys)
        keys = list(key_or_keys)
        batch = getattr(self.key_to_index, "rows", None)
        if batch is not None and keys and all(isinstance(key, str) for key in keys):
            try:
                return np.array(self.vectors[batch(keys)])
            except KeyError as missing:
                raise KeyError(f"Key '{missing.args[0]}' not present") from None
        return np.vstack([self.get_vector(key) for key in keys])

    def fill_norms(self, force: bool = False) -> None:
        if self.norms is None or force:
            self.norms = np.linalg.norm(self.vectors, axis=1)
            self._inverse_norms = None

    def inverse_norms(self) -> np.ndarray:
        """1 / norm of every row as float32 (0 for a zero row), computed once: a cosine ranking multiplies the
        raw products by it instead of dividing the whole matrix per query (neighbours.nearest_many)."""
        if getattr(self, "_inverse_norms", None) is None:
            self.fill_norms()
            norms = np.asarray(self.norms, dtype=np.float32)
            safe = np.where(norms > 0, norms, 1.0)
            self._inverse_norms = np.where(norms > 0, 1.0 / safe, 0.0).astype(np.float32)
        return self._inverse_norms

    def similarity(self, w1: str, w2: str) -> float:
        """Cosine similarity of two keys."""
        return float(np.dot(self.get_vector(w1, norm=True), self.get_vector(w2, norm=True)))

    def most_similar(self, positive: Any = None, negative: Any = None, topn: int | None = 10,
                     restrict_vocab: int | None = None, indexer: Indexer | None = None) -> Any:
        """gensim's `most_similar`: the keys closest by cosine to the mean of the unit vectors of `positive`
        minus those of `negative` (a key, a vector, or `(key, weight)` pairs), the query keys left out.

        A whole-vocabulary query goes to the model's neighbour index when it has one; `topn=None` returns
        every similarity, as gensim does.
        """
        if isinstance(topn, Integral) and topn < 1:
            return []
        terms, weights = _weighted_terms(positive, negative)
        mean = self._unit_mean(terms, weights)
        query_rows = {self.get_index(t) for t in terms if isinstance(t, str) and self.has_index_for(t)}
        index = indexer or (self.neighbour_index if restrict_vocab is None else None)
        if index is not None and isinstance(topn, Integral):
            found = index.most_similar(mean, int(topn) + (0 if indexer else len(query_rows)))
            if indexer:  # gensim returns an explicit indexer's answer as it is
                return found
            query_keys = {self.index_to_key[row] for row in query_rows}
            return [(key, sim) for key, sim in found if key not in query_keys][:topn]
        self.fill_norms()
        end = restrict_vocab or len(self)
        sims = np.dot(self.vectors[:end], mean) / self.norms[:end]
        if not topn:
            return sims
        best = _top(sims, int(topn) + len(query_rows))
        return [(self.index_to_key[int(i)], float(sims[i])) for i in best if int(i) not in query_rows][:topn]

    def _unit_mean(self, terms: list[Any], weights: np.ndarray) -> np.ndarray:
        if not terms:
            raise ValueError("cannot compute mean with no input")
        mean = np.zeros(self.vector_size, dtype=self.vectors.dtype)
        for term, weight in zip(terms, weights):
            vector = term if isinstance(term, np.ndarray) else self.get_vector(term, norm=True)
            mean += weight * vector
        mean = mean / np.abs(weights).sum()
        length = np.linalg.norm(mean)
        return (mean / length).astype(np.float32) if length > 0 else mean

    def to_gensim(self) -> KeyedVectors:
        """gensim's own KeyedVectors over the same matrix, for the rest of gensim's API (it builds gensim's
        list and dict of the keys: seconds and much memory for millions of words)."""
        from gensim.models import KeyedVectors

        kv = KeyedVectors(vector_size=self.vector_size, count=0, dtype=np.float32)
        kv.vectors = np.asarray(self.vectors)
        kv.index_to_key = list(self.index_to_key)
        kv.key_to_index = {key: i for i, key in enumerate(kv.index_to_key)}
        kv.next_index = len(kv.index_to_key)
        return kv


def _weighted_terms(positive: Any, negative: Any) -> tuple[list[Any], np.ndarray]:
    """The query's terms and weights (+1 for positive, -1 for negative unless a pair gives its own)."""
    positive, negative = _as_list(positive), _as_list(negative)
    terms, weights = [], []
    for sign, items in ((1.0, positive), (-1.0, negative)):
        for item in items:
            if isinstance(item, tuple):
                terms.append(item[0])
                weights.append(float(item[1]))
            else:
                terms.append(item)
                weights.append(sign)
    return terms, np.asarray(weights, dtype=np.float32)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, (str, Integral)) or (isinstance(value, np.ndarray) and value.ndim == 1):
        return [value]
    return list(value)


def _top(values: np.ndarray, n: int) -> np.ndarray:
    """Indices of the `n` largest values, largest first (gensim's matutils.argsort, reversed)."""
    if n >= values.size:
        return np.argsort(-values)
    best = np.argpartition(-values, n)[:n]
    return best[np.argsort(-values[best])]
