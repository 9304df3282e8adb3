"""What a cached file should hold, recorded when it is written and checked when it is opened.

Each file gets its size and a SHA-256 (about 2 GB/s on this kind of machine, with the CPU's SHA
instructions; faster here than blake2b). Up to `FULL_LIMIT` bytes the digest covers the whole file. Past it
(word2vec's 3.6 GB matrix) reading every byte would add seconds to the first open of each server process,
so the digest covers `SAMPLES` blocks of `BLOCK` bytes spread evenly from the first byte to the last: the
size catches any truncation or extension, the samples catch a zeroed or overwritten start, end, or any
damage that touches a sampled block, and damage that falls wholly between two samples goes unseen. The
scheme is recorded beside the digest, so a change of limits never misreads an older record.
"""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

FULL_LIMIT = 512 << 20
BLOCK = 1 << 20
SAMPLES = 64
_READ = 4 << 20


class ChecksumMismatch(ValueError):
    """A file is not what was recorded when it was written: the message names it and says how."""


def sha256_of(path: Path) -> str:
    """The SHA-256 of the whole file (also what provenance records name a model or an input by)."""
    digest = hashlib.sha256()
    with open(path, "rb", buffering=0) as handle:
        buffer = bytearray(_READ)
        view = memoryview(buffer)
        while n := handle.readinto(buffer):
            digest.update(view[:n])
    return digest.hexdigest()


def _sample_offsets(size: int, samples: int, block: int) -> list[int]:
    last = max(size - block, 0)
    return sorted({round(i * last / (samples - 1)) for i in range(samples)})


def _sampled_digest(path: Path, size: int, samples: int, block: int) -> str:
    digest = hashlib.sha256(size.to_bytes(8, "little"))
    fd = os.open(path, os.O_RDONLY)
    try:
        for offset in _sample_offsets(size, samples, block):
            digest.update(os.pread(fd, block, offset))
    finally:
        os.close(fd)
    return digest.hexdigest()


def describe(path: Path) -> dict:
    """The record of one file: {"size", "sha256", "scheme"}; scheme is "full" or "sampled-SAMPLESxBLOCK"."""
    size = path.stat().st_size
    if size <= FULL_LIMIT:
        return {"size": size, "sha256": sha256_of(path), "scheme": "full"}
    return {"size": size, "sha256": _sampled_digest(path, size, SAMPLES, BLOCK), "scheme": f"sampled-{SAMPLES}x{BLOCK}"}


def verify(path: Path, record: dict) -> None:
    """Raise ChecksumMismatch unless `path` matches `record` (as `describe` made it)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ChecksumMismatch(f"{path.name} is missing") from None
    if size != record["size"]:
        raise ChecksumMismatch(f"{path.name} is {size:,} bytes, {record['size']:,} were written "
                               f"({'cut short' if size < record['size'] else 'grown'})")
    scheme = record.get("scheme", "full")
    if scheme == "full":
        actual = sha256_of(path)
    elif match := re.fullmatch(r"sampled-(\d+)x(\d+)", scheme):
        actual = _sampled_digest(path, size, int(match[1]), int(match[2]))
    else:
        raise ChecksumMismatch(f"{path.name}: unknown checksum scheme {scheme!r}")
    if actual != record["sha256"]:
        raise ChecksumMismatch(f"{path.name} does not match its checksum: its content was changed or damaged "
                               "after it was written")


def describe_folder(folder: Path, names: list[str]) -> dict[str, dict]:
    return {name: describe(folder / name) for name in names}


def verify_folder(folder: Path, records: dict[str, dict]) -> None:
    for name, record in records.items():
        verify(folder / name, record)
