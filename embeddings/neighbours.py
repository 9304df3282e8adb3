"""Nearest words and analogy arithmetic: cosine similarity as gensim computes it (embeddings/vectors.py)."""
from __future__ import annotations

import re
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from embeddings.vectors import WordVectors

MAX_NEIGHBOURS = 30
MAX_ANALOGY_TERMS = 10

def nearest(kv: WordVectors, word: str, k: int) -> list[tuple[str, float]]:
    """The k nearest words by cosine similarity, the word itself left out."""
    if k <= 0:
        return []
    return [(w, float(s)) for w, s in kv.most_similar(positive=[word], topn=min(k, MAX_NEIGHBOURS))]


@dataclass(frozen=True)
class Analogy:
    """`king - man + woman` as positive and negative terms, in the order typed."""

    positive: tuple[str, ...]
    negative: tuple[str, ...]

    def __str__(self) -> str:
        parts = [self.positive[0]] if self.positive else []
        parts += [f"+ {w}" for w in self.positive[1:]]
        parts += [f"- {w}" for w in self.negative]
        return " ".join(parts)


def parse_analogy(text: str, *, lowercase: bool, is_known: Callable[[str], bool] = lambda w: False) -> Analogy:
    """Read `king - man + woman` (spaces optional); the first term counts as positive.

    A dash inside a word the model knows ("well-known") stays part of the word; elsewhere it subtracts.
    Raises ValueError with a message meant for the reader.
    """
    terms = parse_terms(text, lowercase=lowercase, is_known=is_known, what="An analogy",
                        example="'king - man + woman'")
    positive, negative = terms.positive, terms.negative
    if len(positive) + len(negative) > MAX_ANALOGY_TERMS:
        raise ValueError(f"An analogy can have at most {MAX_ANALOGY_TERMS} words.")
    if not positive:
        raise ValueError("An analogy needs at least one word added, as in 'king - man + woman'.")
    if not negative and len(positive) < 2:
        raise ValueError("An analogy needs at least two words, as in 'king - man + woman'.")
    return terms


def parse_terms(text: str, *, lowercase: bool, is_known: Callable[[str], bool] = lambda w: False,
                what: str = "An analogy", example: str = "'king - man + woman'") -> Analogy:
    """Words joined by + and -, read as the analogy field reads them; `what` and `example` name the field in
    messages (the meaning axes read their directions with the same rules). Raises ValueError for the reader."""
    text = " ".join(text.split())
    if lowercase:
        text = text.lower()
    if not text:
        raise ValueError(f"{what} is empty.")
    tokens: list[str] = []
    for chunk in re.split(r"(\+|\s)", text):
        if not chunk.strip():
            continue
        if chunk == "+" or "-" not in chunk or is_known(chunk):
            tokens.append(chunk)
        else:
            tokens += [part for part in re.split(r"(-)", chunk) if part]
    positive: list[str] = []
    negative: list[str] = []
    sign: str | None = None
    for token in tokens:
        if token in ("+", "-"):
            if sign is not None:
                raise ValueError(f"Two signs in a row: write one + or - between words, as in {example}.")
            sign = token
            continue
        if sign is None and (positive or negative):
            shown = repr(token if len(token) <= 40 else token[:40] + "…")  # short, whatever was typed
            shown = shown if len(shown) <= 80 else shown[:78] + "…" + shown[0]
            raise ValueError(f"Put + or - between the words of {what[0].lower() + what[1:]}, as in {example} "
                             f"(before {shown}).")
        (negative if sign == "-" else positive).append(token)
        sign = None
    if sign is not None:
        raise ValueError(f"{what} ends with a sign; add the word it applies to.")
    return Analogy(tuple(positive), tuple(negative))


def solve_analogy(kv: WordVectors, analogy: Analogy, topn: int = 5) -> list[tuple[str, float]]:
    """gensim's 3CosAdd; the query words are left out of the results, as gensim does."""
    missing = [w for w in (*analogy.positive, *analogy.negative) if w not in kv.key_to_index]
    if missing:
        raise KeyError(f"Not in the model's vocabulary: {', '.join(missing)}")
    result = kv.most_similar(positive=list(analogy.positive), negative=list(analogy.negative), topn=topn)
    return [(w, float(s)) for w, s in result]


def similarity_matrix(kv: WordVectors, words: list[str]) -> np.ndarray:
    """Pairwise cosine similarities of the given (known) words."""
    vectors = np.asarray(kv[words], dtype=np.float64)
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    return unit @ unit.T


class _NearestCache:
    """A model's most recently asked words and their MAX_NEIGHBOURS nearest (row ids and similarities), bounded.

    Every view of the explorer and the compare page looks up the nearest words of every word it shows (the
    hover text needs them even with no neighbours drawn), and readers ask the same words again and again: the
    essay's, then one changed. The scan of the vocabulary was a third of a server's CPU under a burst of readers
    (bench/bench_load.py), for answers that never change while the model is loaded."""

    def __init__(self, max_words: int = 20_000):
        self.max_words = max_words
        self._rows: OrderedDict[str, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, word: str) -> tuple[np.ndarray, np.ndarray] | None:
        with self._lock:
            found = self._rows.get(word)
            if found is not None:
                self._rows.move_to_end(word)
            return found

    def put(self, word: str, ids: np.ndarray, sims: np.ndarray) -> None:
        with self._lock:
            self._rows[word] = (ids, sims)
            self._rows.move_to_end(word)
            while len(self._rows) > self.max_words:
                self._rows.popitem(last=False)


_CACHES: weakref.WeakKeyDictionary[WordVectors, _NearestCache] = weakref.WeakKeyDictionary()
_CACHES_LOCK = threading.Lock()


def _cache_of(kv: WordVectors) -> _NearestCache:
    with _CACHES_LOCK:
        cache = _CACHES.get(kv)
        if cache is None:
            cache = _CACHES[kv] = _NearestCache()
        return cache


def nearest_many(
    kv: WordVectors, words: list[str], k: int, *, chunk: int = 131_072, batch: int = 256
) -> dict[str, list[tuple[str, float]]]:
    """The k nearest words of many words in one pass over the vocabulary, instead of one scan per word.

    Equivalent to `nearest` for each word (the word itself left out), but a matrix product per block of the
    memory-mapped vocabulary and per batch of words, so memory stays bounded (batch x chunk similarities). The
    MAX_NEIGHBOURS nearest of each word are kept for the next view that asks for it (`_NearestCache`).
    """
    if k <= 0 or not words:
        return {w: [] for w in words}
    k = min(k, MAX_NEIGHBOURS)
    cache = _cache_of(kv)
    known = {w: cache.get(w) for w in dict.fromkeys(words)}
    missing = [w for w, found in known.items() if found is None]
    if getattr(kv, "neighbour_index", None) is not None:  # large models: the index beats any full scan
        for word in missing:
            found = nearest(kv, word, MAX_NEIGHBOURS)
            ids = np.fromiter((kv.key_to_index[w] for w, _ in found), dtype=np.int64, count=len(found))
            known[word] = (ids, np.array([s for _, s in found], dtype=np.float64))
            cache.put(word, *known[word])
    else:
        for start in range(0, len(missing), batch):
            for word, rows in _nearest_batch(kv, missing[start : start + batch], MAX_NEIGHBOURS, chunk).items():
                known[word] = rows
                cache.put(word, *rows)
    keys = kv.index_to_key
    return {w: [(keys[int(i)], float(s)) for i, s in zip(*known[w])][:k] for w in words}


def _nearest_batch(kv: WordVectors, words: list[str], k: int, chunk: int) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Raw products with each block of the memory-mapped vocabulary, scaled by its rows' inverse norms, and the
    best k + 1 kept per block; per word, the row ids and similarities of its k nearest, best first. The
    vocabulary is never normalised per query: dividing Gemma's 115,724 x 640 matrix took 0.3 s of every compare
    view, the product and the scaling take a tenth of that."""
    queries = np.asarray(kv[words], dtype=np.float32)
    queries = queries / np.linalg.norm(queries, axis=1, keepdims=True)
    scale = kv.inverse_norms()
    take = k + 1  # one more, for the word itself
    kept_sims, kept_ids = [], []
    for start in range(0, len(kv.index_to_key), chunk):
        sims = queries @ np.asarray(kv.vectors[start : start + chunk], dtype=np.float32).T
        sims *= scale[start : start + chunk]
        best = min(take, sims.shape[1])
        ids = np.argpartition(sims, sims.shape[1] - best, axis=1)[:, -best:]
        kept_sims.append(np.take_along_axis(sims, ids, axis=1))
        kept_ids.append(ids + start)
    best_sims, best_ids = np.concatenate(kept_sims, axis=1), np.concatenate(kept_ids, axis=1)
    order = np.argsort(-best_sims, axis=1, kind="stable")
    result: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for row, word in enumerate(words):
        ids, sims = best_ids[row, order[row]], best_sims[row, order[row]]
        others = ids != kv.key_to_index[word]
        result[word] = (ids[others][:k], sims[others][:k])
    return result
