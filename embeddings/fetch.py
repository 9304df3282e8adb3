"""`python -m embeddings fetch NAME`: make a catalogue model ready, whatever its source, doing no work twice.

How is each source's own (embeddings/sources/): the embedded package is converted, a gensim-data release
downloaded (or gensim's copy reused) and converted, an operator's file converted. Here is what they share: a
model that is already converted and passes its checksums is left alone (no network); a damaged one is
discarded and made again; one fetch per model runs at a time.
"""
from __future__ import annotations

import fcntl
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from embeddings import model_store
from embeddings.catalogue import get_spec
from embeddings.gensim_data import FetchError
from embeddings.neighbour_index import INDEX_MIN_FLOATS
from embeddings.paths import downloads_dir, model_folder
from embeddings.sources import FetchOptions, FetchResult, source_for
from embeddings.sources.base import remove_if_empty

log = logging.getLogger(__name__)

__all__ = ["FetchError", "FetchResult", "fetch"]


def fetch(name: str, *, progress: bool = True, keep_download: bool = False,
          index_min_floats: int = INDEX_MIN_FLOATS) -> FetchResult:
    """Make `name` ready; raises FetchError (one-line message) for anything the operator must fix."""
    try:
        spec = get_spec(name)
    except KeyError as e:
        raise FetchError(f"{e.args[0]}. See: python -m embeddings list") from None
    if _ready_and_intact(name):
        return FetchResult(name, False, f"{name} is ready (nothing to do)")
    with _exclusive(name):
        if _ready_and_intact(name):  # another fetch finished while this one waited for nothing
            return FetchResult(name, False, f"{name} is ready (nothing to do)")
        options = FetchOptions(progress=progress, keep_download=keep_download, index_min_floats=index_min_floats)
        return source_for(spec).fetch(spec, options)


def _ready_and_intact(name: str) -> bool:
    """Converted and passing its checksums; a damaged conversion is discarded here, to be made again."""
    folder = model_folder(name)
    if not model_store.is_complete(folder):
        return False
    try:
        model_store.verify(folder)
    except model_store.DamagedModel as error:
        log.error("%s; discarding it to convert it again", error)
        model_store.discard(folder)
        return False
    return True


@contextmanager
def _exclusive(name: str) -> Iterator[None]:
    """One fetch per model at a time: two would append to the same partial download."""
    lock_path = downloads_dir() / f".{name}.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FetchError(f"another `fetch {name}` is running on this machine; wait for it to finish") from None
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
            lock_path.unlink(missing_ok=True)
            remove_if_empty(lock_path.parent)
