"""`python -m embeddings fetch NAME`: make a catalogue model ready, whatever its source, doing no work twice.

- embedded: converted from the installed package;
- gensim-data: reuse `$GENSIM_DATA_DIR/NAME/NAME.gz` if gensim already fetched it, else download the release
  into `cache/downloads/NAME/` (resumable, md5-checked), convert, then delete the download;
- local: convert the operator's file named in models.toml.
A model that is already converted and passes its checksums is left alone: no network; a damaged one is
discarded and made again.
"""
from __future__ import annotations

import fcntl
import logging
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from embeddings import gensim_data, local_models, model_store, models
from embeddings.catalogue import ModelSpec, get_spec
from embeddings.convert import convert_file
from embeddings.gensim_data import FetchError
from embeddings.neighbour_index import INDEX_MIN_FLOATS
from embeddings.paths import cache_dir

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FetchResult:
    name: str
    did_work: bool
    message: str


def downloads_dir() -> Path:
    return cache_dir() / "downloads"


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
        return _make_ready(spec, progress=progress, keep_download=keep_download, index_min_floats=index_min_floats)


def _ready_and_intact(name: str) -> bool:
    """Converted and passing its checksums; a damaged conversion is discarded here, to be made again."""
    folder = models.model_path(name).parent
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
            _remove_if_empty(lock_path.parent)


def _make_ready(spec: ModelSpec, *, progress: bool, keep_download: bool, index_min_floats: int) -> FetchResult:
    name = spec.name
    if spec.source == "embedded":
        models.load(name)
        return FetchResult(name, True, f"{name} converted from the embedded package")
    if spec.source == "local":
        return _convert_local(spec, progress=progress, index_min_floats=index_min_floats)
    if spec.source == "gensim-data":
        return _fetch_gensim_data(spec, progress=progress, keep_download=keep_download,
                                  index_min_floats=index_min_floats)
    raise FetchError(f"{name}: unknown source {spec.source!r}")


def _convert_local(spec: ModelSpec, *, progress: bool, index_min_floats: int) -> FetchResult:
    source = local_models.local_source(spec.name)
    if source is None or not source.path.is_file():
        where = source.path if source else "models.toml"
        raise FetchError(f"{spec.name}: the file {where} does not exist")
    _convert(spec.name, source.path, source.format, progress=progress, index_min_floats=index_min_floats)
    return FetchResult(spec.name, True, f"{spec.name} converted from {source.path}")


def _fetch_gensim_data(spec: ModelSpec, *, progress: bool, keep_download: bool,
                       index_min_floats: int) -> FetchResult:
    release = gensim_data.release_info(spec.name)
    reused = gensim_data.reusable_gensim_file(release)
    if reused is not None and release.parts == 1 and gensim_data.md5_of(reused) != release.checksums[0]:
        reused = None  # gensim's copy does not match the list: download our own
    folder = downloads_dir() / spec.name
    if reused is not None:
        source, origin = reused, f"reused {reused}"
    else:
        try:
            source = gensim_data.download_release(release, folder, progress=progress)
        except gensim_data.ChecksumError:
            shutil.rmtree(folder, ignore_errors=True)  # parts that did verify belong to a bad release
            _remove_if_empty(folder)
            raise
        except FetchError:
            _remove_if_empty(folder)  # a partial download stays, to be resumed
            raise
        origin = f"downloaded from {gensim_data.part_url(release, release.part_names()[0]).rsplit('/', 2)[0]}"
    try:
        _convert(spec.name, source, spec.file_format or "word2vec-text", progress=progress,
                 index_min_floats=index_min_floats)
    except FetchError:
        if reused is None:
            shutil.rmtree(folder, ignore_errors=True)  # a file that does not convert is not worth resuming
        raise
    if reused is None and not keep_download:
        shutil.rmtree(folder, ignore_errors=True)
    return FetchResult(spec.name, True, f"{spec.name} is ready ({origin})")


def _convert(name: str, source: Path, fmt: str, *, progress: bool, index_min_floats: int) -> None:
    from embeddings.convert import ConversionError

    try:
        convert_file(name, source, fmt, progress=progress, index_min_floats=index_min_floats)
    except ConversionError as e:
        raise FetchError(f"{name}: cannot convert: {e}") from None


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass
