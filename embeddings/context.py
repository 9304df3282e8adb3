"""Vocabulary context: the N most frequent words laid out once, then every entered word placed among them.

With five words, t-SNE and UMAP have nothing to learn from; with the 2,000 most frequent words around them,
the picture reflects the whole space. Fitting that map is the slow part, so it is done once per model and
settings, stored under `cache/maps/`, and reused by every session and across restarts. Each map file is
written atomically and carries a SHA-256 of its arrays: a cut-short or altered one is detected when read,
logged, and fitted again, never drawn.
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
import zipfile
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from durable import atomic
from embeddings.paths import maps_dir
from embeddings.reduce import Fit, ReductionParams, fit_stochastic, reduce, unit_rows
from embeddings.vectors import WordVectors

CONTEXT_SIZES = (0, 500, 1000, 2000, 5000)
MAX_CONTEXT = max(CONTEXT_SIZES)
PLACEMENT_NEIGHBOURS = 10
CHECKSUM = "sha256"
log = logging.getLogger(__name__)
_PLAIN_WORD = re.compile(r"^[^\W\d_](?:[^\W_]|['-](?=[^\W_]))*$")  # letters, inner hyphens and apostrophes


def context_words(kv: WordVectors, n: int, key_prefix: str = "") -> list[str]:
    """The n most frequent plain words: both GloVe and word2vec keep their vocabulary in frequency order.

    `key_prefix` is for models whose keys carry one (ConceptNet's "/c/en/"): only those keys count.
    """
    words: list[str] = []
    for key in kv.index_to_key:
        if len(words) >= n:
            break
        if key.startswith(key_prefix) and _PLAIN_WORD.match(key[len(key_prefix):]):
            words.append(key)
    return words


@dataclass
class ContextMap:
    """Context words, their fitted coordinates, and what is needed to place new words among them."""

    words: list[str]
    coords: np.ndarray
    axis_titles: list[str]
    pca_mean: np.ndarray | None = None  # PCA places new words exactly; other methods by their neighbours
    pca_components: np.ndarray | None = None
    _unit_context: np.ndarray | None = field(default=None, repr=False, compare=False)

    def place(self, kv: WordVectors, words: list[str]) -> np.ndarray:
        """Coordinates for any known words: their own if in the map, else projected or placed by neighbours."""
        index = {w: i for i, w in enumerate(self.words)}
        out = np.zeros((len(words), self.coords.shape[1]))
        new = [i for i, w in enumerate(words) if w not in index]
        for i, w in enumerate(words):
            if w in index:
                out[i] = self.coords[index[w]]
        if new:
            vectors = unit_rows(kv[[words[i] for i in new]])
            out[new] = self._project(vectors) if self.pca_components is not None else self._by_neighbours(kv, vectors)
        return out

    def _project(self, vectors: np.ndarray) -> np.ndarray:
        return (vectors - self.pca_mean) @ self.pca_components.T

    def _by_neighbours(self, kv: WordVectors, vectors: np.ndarray) -> np.ndarray:
        """t-SNE and UMAP have no exact projection: use the similarity-weighted mean of the closest context words."""
        if self._unit_context is None:  # once per map: looking up its 1,000 words cost 50 ms of every view
            self._unit_context = unit_rows(kv[self.words])
        sims = vectors @ self._unit_context.T
        k = min(PLACEMENT_NEIGHBOURS, len(self.words))
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        weights = np.clip(np.take_along_axis(sims, top, axis=1), 1e-6, None) ** 4
        weights /= weights.sum(axis=1, keepdims=True)
        return np.einsum("nk,nkd->nd", weights, self.coords[top])


def map_path(model: str, n: int, params: ReductionParams) -> Path:
    """One file per model, size and settings; the name is derived from validated values only."""
    digest = hashlib.sha1(json.dumps(asdict(params), sort_keys=True).encode()).hexdigest()[:12]
    return maps_dir() / f"{model}-n{n}-{params.method}-{params.dims}d-{digest}.npz"


_IN_MEMORY: OrderedDict[tuple, ContextMap] = OrderedDict()
IN_MEMORY_MAPS = 8  # maps fitted but not stored (a public server's, see below), most recently used kept
_READ: OrderedDict[tuple, ContextMap] = OrderedDict()  # stored maps already read, by path and file version
READ_MAPS = 16
_LOCK = threading.Lock()  # sessions' threads share both caches


def is_ready(model: str, n: int, params: ReductionParams) -> bool:
    """Whether the map is fitted already (on disk, or in memory on a public server): no work to ask for it."""
    return map_path(model, n, params).exists() or (model, n, params) in _IN_MEMORY


def load_or_fit(kv: WordVectors, model: str, n: int, params: ReductionParams, *, store: bool = True,
                fit: Fit = fit_stochastic) -> ContextMap:
    """The cached map if there is one, else fit it and store it atomically for every later request. With
    `store` False (a public server, whose readers must not fill its disk) a map that is not in the cache is
    fitted and kept in memory only, the last IN_MEMORY_MAPS of them."""
    path = map_path(model, n, params)
    if path.exists():
        try:
            return _read_once(path)
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as error:
            log.error("context map %s is damaged and was not used (%s: %s); fitting it again",
                      path, type(error).__name__, error)
            path.unlink(missing_ok=True)
    if not store:
        return _recent(_IN_MEMORY, (model, n, params), lambda: _fit(kv, model, n, params, fit), IN_MEMORY_MAPS)
    context_map = _fit(kv, model, n, params, fit)
    _write(path, context_map)
    return context_map


def _fit(kv: WordVectors, model: str, n: int, params: ReductionParams, fit: Fit = fit_stochastic) -> ContextMap:
    from embeddings.catalogue import get_spec

    words = context_words(kv, n, get_spec(model).key_prefix)
    vectors = kv[words]
    reduction = reduce(vectors, params, fit)
    mean, components = reduction.projection if params.method == "pca" else (None, None)
    return ContextMap(words, reduction.coords, reduction.axis_titles, mean, components)


def _digest(arrays: dict[str, np.ndarray]) -> str:
    """SHA-256 over every array's name, dtype, shape and bytes, in name order."""
    digest = hashlib.sha256()
    for name in sorted(arrays):
        array = np.ascontiguousarray(arrays[name])
        digest.update(f"{name}|{array.dtype.str}|{array.shape}|".encode())
        digest.update(array.tobytes())
    return digest.hexdigest()


def _write(path: Path, context_map: ContextMap) -> None:
    arrays = {"coords": context_map.coords, "words": np.array(context_map.words, dtype=str)}
    arrays["axis_titles"] = np.array(context_map.axis_titles, dtype=str)
    if context_map.pca_components is not None:
        arrays["pca_mean"] = context_map.pca_mean
        arrays["pca_components"] = context_map.pca_components
    arrays[CHECKSUM] = np.array(_digest(arrays))
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic.remove_stale_temporaries(path.parent)
    with atomic.atomic_writer(path, "wb") as f:
        np.savez(f, **arrays)


def _read_once(path: Path) -> ContextMap:
    """The stored map, read and checked once per file version rather than on every view that shows it."""
    info = path.stat()
    return _recent(_READ, (str(path), info.st_mtime_ns, info.st_size), lambda: _read(path), READ_MAPS)


def _recent(cache: OrderedDict[tuple, ContextMap], key: tuple, make: Callable[[], ContextMap],
            size: int) -> ContextMap:
    """`cache[key]`, made (outside the lock: a fit takes seconds) when missing; the last `size` used kept."""
    with _LOCK:
        if key in cache:
            cache.move_to_end(key)
            return cache[key]
    made = make()
    with _LOCK:
        cache[key] = made
        while len(cache) > size:
            cache.popitem(last=False)
    return made


def _read(path: Path) -> ContextMap:
    with np.load(path, allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files}
    recorded = arrays.pop(CHECKSUM, None)
    if recorded is None:
        raise ValueError("no checksum (written by an older version)")
    if str(recorded) != _digest(arrays):
        raise ValueError("its arrays do not match their checksum")
    return ContextMap(
        words=[str(w) for w in arrays["words"]],
        coords=arrays["coords"],
        axis_titles=[str(t) for t in arrays["axis_titles"]],
        pca_mean=arrays.get("pca_mean"),
        pca_components=arrays.get("pca_components"),
    )
