"""Turning published vector files into the app's cache, once: word2vec binary or text, GloVe text, fastText .vec.

The readers stream: a batch of keys and a batch of rows at a time, written straight to disk, so converting
word2vec's 3,000,000 x 300 never holds its 3.6 GB matrix in memory. gzip-compressed files (as gensim-data
publishes them) are recognised by their first bytes and read through gzip, whose CRC check also catches a
corrupted download. Nothing here runs code that came with a file.
"""
from __future__ import annotations

import gzip
import io
import itertools
import shutil
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import numpy as np

from embeddings import model_store
from embeddings.neighbour_index import INDEX_MIN_FLOATS, build_index, wants_index
from embeddings.paths import models_dir
from embeddings.vectors import WordVectors

FORMATS = {
    "word2vec-binary": "word2vec's C binary format (a 'count dims' header line, then key, space, float32s)",
    "word2vec-text": "word2vec's text format (a 'count dims' header line, then key and numbers per line)",
    "fasttext-vec": "fastText's .vec files (the word2vec text format)",
    "glove-text": "Stanford GloVe text files (no header line; key and numbers per line)",
}
_BATCH = 50_000
_READ_CHUNK = 16 << 20

Batches = Iterator[tuple[list[str], np.ndarray]]


class ConversionError(ValueError):
    """The file is not what its format says: the message names the file and the line or record."""


class _CountingReader(io.RawIOBase):
    """Counts the bytes read from the file on disk, so progress is right for compressed files too."""

    def __init__(self, raw: BinaryIO, on_read):
        self._raw = raw
        self._on_read = on_read

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = self._raw.readinto(buffer)
        self._on_read(n or 0)
        return n


def open_vector_file(path: Path, on_read=lambda n: None) -> BinaryIO:
    """The file's bytes, decompressed if it is gzip (gensim-data's `.gz`), whatever its name says."""
    raw = open(path, "rb")
    magic = raw.read(2)
    raw.seek(0)
    stream = io.BufferedReader(_CountingReader(raw, on_read), buffer_size=_READ_CHUNK)
    return gzip.GzipFile(fileobj=stream, mode="rb") if magic == b"\x1f\x8b" else stream


def _header(line: bytes) -> tuple[int, int] | None:
    parts = line.split()
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        return int(parts[0]), int(parts[1])
    return None


def read_word2vec_binary(stream: BinaryIO, source: str) -> tuple[int, Batches]:
    header = _header(stream.readline())
    if header is None:
        raise ConversionError(f"{source}: not a word2vec binary file (no 'count dims' header line)")
    count, dims = header
    return dims, _binary_records(stream, count, dims, source)


def _binary_records(stream: BinaryIO, count: int, dims: int, source: str) -> Batches:
    row_bytes = 4 * dims
    buf, pos, done = b"", 0, 0
    keys: list[str] = []
    rows = bytearray()
    while done < count:
        space = buf.find(b" ", pos)
        if space < 0 or len(buf) < space + 1 + row_bytes:
            more = stream.read(_READ_CHUNK)
            if not more:
                raise ConversionError(f"{source}: file ends after {done:,} of {count:,} vectors")
            buf, pos = buf[pos:] + more, 0
            continue
        keys.append(buf[pos:space].lstrip(b"\n").decode("utf-8", errors="replace"))
        rows += buf[space + 1 : space + 1 + row_bytes]
        pos = space + 1 + row_bytes
        done += 1
        if len(keys) == _BATCH:
            yield keys, np.frombuffer(bytes(rows), dtype="<f4").reshape(-1, dims)
            keys, rows = [], bytearray()
    if keys:
        yield keys, np.frombuffer(bytes(rows), dtype="<f4").reshape(-1, dims)


def read_text_vectors(stream: BinaryIO, source: str, *, header: bool) -> tuple[int, Batches]:
    """word2vec text / fastText .vec (header: True) or GloVe (header: False); keys may contain spaces."""
    text = io.TextIOWrapper(stream, encoding="utf-8", errors="replace", newline="\n")
    if header:
        first = text.readline()
        parsed = _header(first.encode())
        if parsed is None:
            raise ConversionError(f"{source}: expected a 'count dims' header line, found {first[:60]!r}")
        return parsed[1], _text_records(text, [], parsed[1], source, 2)
    head = [line for _, line in zip(range(100), text) if line.strip()]
    if not head:
        raise ConversionError(f"{source}: the file is empty")
    if _header(head[0].encode()) is not None:
        raise ConversionError(f"{source}: starts with a 'count dims' header: use the word2vec-text format")
    # a key may contain spaces (glove.840B has some), so the shortest of the first lines gives the dimensions
    dims = min(len(line.rstrip().split(" ")) for line in head) - 1
    if dims < 1:
        raise ConversionError(f"{source}: the first lines have no numbers")
    return dims, _text_records(text, head, dims, source, 1)


def _text_records(text, head: list[str], dims: int, source: str, first_line: int) -> Batches:
    keys: list[str] = []
    values: list[str] = []
    for number, line in enumerate(itertools.chain(head, text), start=first_line):
        parts = line.rstrip().rsplit(" ", dims)
        if len(parts) != dims + 1:
            if not line.strip():
                continue
            raise ConversionError(f"{source}, line {number}: expected a key and {dims} numbers")
        keys.append(parts[0])
        values += parts[1:]
        if len(keys) == _BATCH:
            yield keys, _parse_floats(values, dims, source, number)
            keys, values = [], []
    if keys:
        yield keys, _parse_floats(values, dims, source, -1)


def _parse_floats(values: list[str], dims: int, source: str, line: int) -> np.ndarray:
    try:
        return np.array(values, dtype=np.float32).reshape(-1, dims)
    except ValueError as e:
        where = f" (batch ending at line {line})" if line > 0 else ""
        raise ConversionError(f"{source}: not a number{where}: {e}") from None


def read_vectors(stream: BinaryIO, fmt: str, source: str) -> tuple[int, Batches]:
    if fmt == "word2vec-binary":
        return read_word2vec_binary(stream, source)
    if fmt in ("word2vec-text", "fasttext-vec"):
        return read_text_vectors(stream, source, header=True)
    if fmt == "glove-text":
        return read_text_vectors(stream, source, header=False)
    raise ConversionError(f"unknown format {fmt!r}; known formats: {', '.join(FORMATS)}")


def write_model(name: str, dims: int, batches: Batches, *, index_min_floats: int = INDEX_MIN_FLOATS,
                extra: dict | None = None) -> Path:
    """Stream batches into a staging folder, add norms, key lookup and (if large) the neighbour index, publish.

    Until the final rename nothing is visible under the model's name: an error or a kill leaves at most a
    hidden `.NAME.*` staging folder, which is deleted on the way out.
    """
    final = models_dir() / name
    staging = model_store.new_staging(final)
    try:
        writer = model_store.ModelWriter(staging, dims)
        for keys, rows in batches:
            writer.add(keys, rows)
        writer.finish(extra)
        if wants_index(writer.count, dims, index_min_floats):
            _add_neighbour_index(staging)
        model_store.seal(staging)
        model_store.publish(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return final


def _add_neighbour_index(staging: Path) -> None:
    meta = model_store.read_meta(staging)
    d = meta["dims"]
    norms = np.fromfile(staging / model_store.NORMS, dtype="<f4")
    meta["neighbour_index"] = build_index(staging / model_store.VECTORS, norms, d,
                                          staging / model_store.NEIGHBOUR_INDEX)
    model_store.write_meta(staging, meta)


def convert_file(name: str, source: Path, fmt: str, *, progress: bool = False,
                 index_min_floats: int = INDEX_MIN_FLOATS, extra: dict | None = None) -> Path:
    """Convert one vector file into the cache under `name` (the final folder appears only when complete)."""
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=source.stat().st_size, unit="B", unit_scale=True, desc=f"Converting {name}")
    try:
        with open_vector_file(source, on_read=bar.update if bar else (lambda n: None)) as stream:
            try:
                dims, batches = read_vectors(stream, fmt, source.name)
                return write_model(name, dims, batches, index_min_floats=index_min_floats, extra=extra)
            except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as e:
                if isinstance(e, FileNotFoundError):
                    raise
                raise ConversionError(f"{source.name}: the compressed file is damaged or truncated ({e})") from None
    finally:
        if bar is not None:
            bar.close()


def keyed_vectors(words: list[str], vectors: np.ndarray) -> WordVectors:
    """Wrap a vocabulary and its matrix (row i is words[i]) in memory, copying the matrix at most once."""
    return WordVectors(list(words), np.ascontiguousarray(vectors, dtype=np.float32))


def save_converted(name: str, kv: WordVectors) -> Path:
    """Write vectors held in memory into the cache as model `name`, atomically: a half-written model is never
    visible. Returns the marker file, written last."""
    keys = list(kv.index_to_key)
    chunk = 100_000
    batches = ((keys[i : i + chunk], np.asarray(kv.vectors[i : i + chunk])) for i in range(0, len(keys), chunk))
    return write_model(name, kv.vector_size, batches) / model_store.MARKER
