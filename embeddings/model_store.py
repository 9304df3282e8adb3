"""The on-disk layout of a converted model, and the memory-mapped vectors opened from it.

gensim's own `KeyedVectors.save` pickles the vocabulary as a Python list and dict: for word2vec's 3,000,000
keys, unpickling and rebuilding them takes seconds and half a gigabyte per process. Here every part of a model
is a flat file that is memory-mapped, so opening costs about the same for 3,000,000 keys as for 400,000:

    model.json          shape, format version, neighbour index settings, and each file's size and
                        checksum (written last: marks "ready"; see durable/checksums.py)
    vectors.f32         the n x d float32 matrix, row i is key i
    norms.f32           the n vector lengths, computed once at conversion
    keys.utf8           all keys, UTF-8, concatenated
    key_offsets.i64     n + 1 offsets into keys.utf8
    key_hashes.u64      64-bit hashes of the keys, sorted, and
    key_order.i64       the key index of each sorted hash: lookups are a binary search, no dict is built
    neighbours.faiss    optional nearest-neighbour index (see neighbour_index.py)

Everything is written into a hidden staging folder, fsynced and published by one rename (durable/atomic.py):
a kill or a full disk leaves no half-written model under its name. A model damaged later (a cut-short or
overwritten file) fails its checksum when it is opened (once per server process) and is never drawn from.

The result is a `WordVectors` (embeddings/vectors.py: gensim's KeyedVectors interface without importing
gensim) whose vocabulary containers are lazy views over those files.
"""
from __future__ import annotations

import hashlib
import json
import logging
import shutil
import tempfile
from array import array
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from durable import atomic, checksums
from embeddings.vectors import WordVectors

log = logging.getLogger(__name__)
FORMAT_VERSION = 1
MARKER = "model.json"
VECTORS = "vectors.f32"
NORMS = "norms.f32"
KEYS = "keys.utf8"
KEY_OFFSETS = "key_offsets.i64"
KEY_HASHES = "key_hashes.u64"
KEY_ORDER = "key_order.i64"
NEIGHBOUR_INDEX = "neighbours.faiss"
_CHUNK_ROWS = 100_000


class DamagedModel(ValueError):
    """A converted model's files are not what was written: the message names the folder and the file."""


def key_hash(key: str) -> int:
    """A hash that is the same in every process (Python's own `hash` is salted per process)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


class KeyList(Sequence):
    """`index_to_key` as a read-only view over keys.utf8: no list of millions of strings is built on open."""

    def __init__(self, blob: np.ndarray, offsets: np.ndarray):
        self._blob = blob
        self._offsets = offsets

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            start, stop, step = i.indices(len(self))
            if step != 1:
                return [self[j] for j in range(start, stop, step)]
            if start >= stop:
                return []
            lo, hi = int(self._offsets[start]), int(self._offsets[stop])
            rel = (np.asarray(self._offsets[start : stop + 1]) - lo).tolist()
            text = bytes(self._blob[lo:hi])
            return [text[rel[j] : rel[j + 1]].decode("utf-8") for j in range(stop - start)]
        i = int(i)
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return bytes(self._blob[int(self._offsets[i]) : int(self._offsets[i + 1])]).decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        for start in range(0, len(self), _CHUNK_ROWS):
            yield from self[start : start + _CHUNK_ROWS]


class KeyIndex(Mapping):
    """`key_to_index` as a binary search over sorted key hashes, confirmed against the key itself."""

    def __init__(self, keys: KeyList, hashes: np.ndarray, order: np.ndarray):
        self._keys = keys
        self._hashes = hashes
        self._order = order

    def __len__(self) -> int:
        return len(self._keys)

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __getitem__(self, key: Any) -> int:
        if not isinstance(key, str):
            raise KeyError(key)
        h = np.uint64(key_hash(key))
        pos = int(np.searchsorted(self._hashes, h, side="left"))
        while pos < len(self._hashes) and self._hashes[pos] == h:
            index = int(self._order[pos])
            if self._keys[index] == key:
                return index
            pos += 1
        raise KeyError(key)

    def __contains__(self, key: object) -> bool:
        try:
            self[key]
        except KeyError:
            return False
        return True

    def rows(self, keys: Sequence[str]) -> np.ndarray:
        """The rows of many keys in one search (a context map's 1,000 words: 13 ms one by one, 2 ms here); a
        key that is missing raises KeyError as `self[key]` does."""
        wanted = np.fromiter((key_hash(key) for key in keys), dtype=np.uint64, count=len(keys))
        positions = np.minimum(np.searchsorted(self._hashes, wanted, side="left"), len(self._hashes) - 1)
        found = self._order[positions].astype(np.int64)
        for i, key in enumerate(keys):  # a hash shared by two keys, or no key at all: one by one
            if self._hashes[positions[i]] != wanted[i] or self._keys[int(found[i])] != key:
                found[i] = self[key]
        return found


class ModelWriter:
    """Streams keys and vectors into a staging folder, so a 3.6 GB matrix never has to sit in memory.

    Later duplicates of a key are dropped (some published files repeat keys; gensim keeps one too).
    Call `finish()` to compute norms and the key lookup; `publish()` then makes it visible atomically.
    """

    def __init__(self, staging: Path, dims: int):
        self.staging = staging
        self.dims = dims
        self.count = 0
        self._seen: set[str] = set()
        self._vectors = open(staging / VECTORS, "wb")
        self._keys = open(staging / KEYS, "wb")
        self._offsets = array("q", [0])  # 8 bytes per key, not a Python int object each

    def add(self, keys: list[str], vectors: np.ndarray) -> None:
        if vectors.shape != (len(keys), self.dims):
            raise ValueError(f"expected {len(keys)} vectors of {self.dims} numbers, got shape {vectors.shape}")
        keep = []
        for i, key in enumerate(keys):
            if key in self._seen:
                continue
            self._seen.add(key)
            keep.append(i)
            encoded = key.encode("utf-8")
            self._keys.write(encoded)
            self._offsets.append(self._offsets[-1] + len(encoded))
        rows = vectors if len(keep) == len(keys) else vectors[keep]
        self._vectors.write(np.ascontiguousarray(rows, dtype="<f4").tobytes())
        self.count += len(keep)

    def finish(self, extra: dict | None = None) -> None:
        self._vectors.close()
        self._keys.close()
        self._seen.clear()
        if self.count == 0:
            raise ValueError("the file holds no vectors")
        np.frombuffer(self._offsets, dtype=np.int64).astype("<i8").tofile(self.staging / KEY_OFFSETS)
        self._offsets = array("q")
        self._write_norms()
        self._write_key_lookup()
        meta = {"format": FORMAT_VERSION, "count": self.count, "dims": self.dims, **(extra or {})}
        write_meta(self.staging, meta)

    def _write_norms(self) -> None:
        """Read in chunks, not mapped: see neighbour_index.read_rows."""
        from embeddings.neighbour_index import read_rows

        with open(self.staging / NORMS, "wb") as out:
            for start in range(0, self.count, _CHUNK_ROWS):
                block = read_rows(self.staging / VECTORS, self.dims, start, min(self.count, start + _CHUNK_ROWS))
                out.write(np.linalg.norm(block, axis=1).astype("<f4").tobytes())

    def _write_key_lookup(self) -> None:
        keys = _key_list(self.staging)
        hashes = np.fromiter((key_hash(k) for k in keys), dtype=np.uint64, count=len(keys))
        order = np.argsort(hashes, kind="stable")
        hashes[order].astype("<u8").tofile(self.staging / KEY_HASHES)
        order.astype("<i8").tofile(self.staging / KEY_ORDER)


def new_staging(final: Path) -> Path:
    """A hidden folder beside the final one, on the same file system, so publishing is one rename."""
    final.parent.mkdir(parents=True, exist_ok=True)
    atomic.remove_stale_temporaries(final.parent)  # what conversions killed mid-way left, never reused
    staging = Path(tempfile.mkdtemp(prefix=atomic.temporary_prefix(final.name), dir=final.parent))
    staging.chmod(0o755)
    return staging


def seal(staging: Path) -> None:
    """Record every data file's size and checksum in the marker, rewritten last, just before publishing."""
    meta = read_meta(staging)
    names = sorted(p.name for p in staging.iterdir() if p.is_file() and p.name != MARKER)
    meta["files"] = checksums.describe_folder(staging, names)
    write_meta(staging, meta)


def write_meta(folder: Path, meta: dict) -> None:
    atomic.write_text(folder / MARKER, json.dumps(meta, indent=1))


def publish(staging: Path, final: Path) -> None:
    """Rename the staging folder into place; a folder left there without its marker is stale and replaced."""
    try:
        if final.exists() and not (final / MARKER).exists():
            atomic.discard_folder(final)
        try:
            atomic.publish_folder(staging, final)
        except OSError:
            if not (final / MARKER).exists():  # not a lost race with another process: a real failure
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def is_complete(folder: Path) -> bool:
    return (folder / MARKER).exists()


def read_meta(folder: Path) -> dict:
    return json.loads((folder / MARKER).read_text())


def discard(folder: Path) -> None:
    """Move a damaged model out of sight in one rename, then delete it."""
    atomic.discard_folder(folder)


def verify(folder: Path, *, require_checksums: bool = False) -> dict:
    """The model's metadata once its files match what was written; DamagedModel otherwise.

    A model converted before checksums were recorded has nothing to check against: it is opened with a
    warning in the log, unless `require_checksums` (then it counts as damaged, for models that can be rebuilt).
    """
    try:
        meta = read_meta(folder)
    except (OSError, ValueError) as error:
        raise DamagedModel(f"{folder}: {MARKER} cannot be read ({error})") from None
    if not isinstance(meta, dict):
        raise DamagedModel(f"{folder}: {MARKER} holds no model description")
    if not isinstance(meta.get("files"), dict):
        if require_checksums:
            raise DamagedModel(f"{folder}: written before checksums were recorded, so it cannot be verified")
        log.warning("%s: written before checksums were recorded; opened unverified. To have it checked on "
                    "every open, delete the folder and convert it again (python -m embeddings fetch).", folder)
        return meta
    try:
        checksums.verify_folder(folder, meta["files"])
    except checksums.ChecksumMismatch as error:
        raise DamagedModel(f"{folder}: {error}") from None
    except (KeyError, TypeError, ValueError) as error:
        raise DamagedModel(f"{folder}: {MARKER} holds a damaged checksum record ({error!r})") from None
    return meta


def _key_list(folder: Path) -> KeyList:
    offsets = np.memmap(folder / KEY_OFFSETS, dtype="<i8", mode="r")
    size = (folder / KEYS).stat().st_size
    blob = np.memmap(folder / KEYS, dtype=np.uint8, mode="r") if size else np.zeros(0, dtype=np.uint8)
    return KeyList(blob, offsets)


def open_model(folder: Path, *, require_checksums: bool = False) -> WordVectors:
    """Map a converted model read-only, once its checksums hold (DamagedModel if not).

    Checking reads each file once (or samples of a very large one, see durable/checksums.py); nothing
    proportional to the vocabulary is built. Callers keep the result (st.cache_resource), so that cost is
    paid once per process, not per request.
    """
    meta = verify(folder, require_checksums=require_checksums)
    if meta.get("format") != FORMAT_VERSION:
        raise ValueError(f"{folder} was written by another version of the app; convert it again")
    n, d = meta["count"], meta["dims"]
    keys = _key_list(folder)
    kv = WordVectors(
        keys,
        np.memmap(folder / VECTORS, dtype="<f4", mode="r", shape=(n, d)),
        key_to_index=KeyIndex(keys, np.memmap(folder / KEY_HASHES, dtype="<u8", mode="r"),
                              np.memmap(folder / KEY_ORDER, dtype="<i8", mode="r")),
        norms=np.memmap(folder / NORMS, dtype="<f4", mode="r", shape=(n,)),
    )
    if (folder / NEIGHBOUR_INDEX).exists():
        from embeddings.neighbour_index import NeighbourIndex

        kv.neighbour_index = NeighbourIndex(kv, folder / NEIGHBOUR_INDEX, folder / VECTORS,
                                            **meta.get("neighbour_index", {}))
    return kv

