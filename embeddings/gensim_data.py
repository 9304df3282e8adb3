"""gensim-data's release format, read and downloaded without gensim's downloader.

gensim's `api.load(name)` downloads a release's `__init__.py` and imports it: it runs code that came from the
network. This module reads the same release files and checks them the same way, and never runs anything:

- `list.json` describes every release: `file_name` (`NAME.gz`), `parts`, and md5 sums (`checksum` for one
  part, `checksum-0`, `checksum-1`, ... for several);
- one part is `NAME/NAME.gz`; several are `NAME/NAME.gz_00`, `NAME/NAME.gz_01`, ... (gensim writes
  `_0{part}`), concatenated in order into one gzip file;
- gensim keeps what it fetched in `$GENSIM_DATA_DIR/NAME/NAME.gz` (default `~/gensim-data`), and a copy of
  `list.json` there as `information.json`: both are reused, so nothing is downloaded twice.

`GENSIM_DATA_BASE_URL` points everything at a mirror: one folder holding `list.json` and `NAME/NAME.gz` or
`NAME/NAME.gz_00`, ... (gensim itself cannot be redirected: it binds its list URL at import time).
"""
from __future__ import annotations

import hashlib
import json
import os
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.client import HTTPException
from pathlib import Path

from durable.atomic import atomic_writer

LIST_URL = "https://raw.githubusercontent.com/RaRe-Technologies/gensim-data/master/list.json"
RELEASES_URL = "https://github.com/RaRe-Technologies/gensim-data/releases/download"
TIMEOUT_S = 30
ATTEMPTS = 4
_CHUNK = 1 << 20
_wait = time.sleep  # between retries; tests replace it


class FetchError(RuntimeError):
    """A download or check failed; the message is one line meant for the operator."""


class ChecksumError(FetchError):
    """What arrived is not what list.json describes: nothing of it is worth keeping."""


@dataclass(frozen=True)
class Release:
    """What list.json says about one model: enough to download and verify it."""

    name: str
    file_name: str
    parts: int
    checksums: tuple[str, ...]  # one md5 per part, in order
    file_size: int | None = None

    def part_names(self) -> list[str]:
        if self.parts == 1:
            return [self.file_name]
        return [f"{self.file_name}_0{part}" for part in range(self.parts)]


def base_url() -> str | None:
    value = os.environ.get("GENSIM_DATA_BASE_URL", "").strip()
    return value.rstrip("/") or None


def list_url() -> str:
    base = base_url()
    return f"{base}/list.json" if base else LIST_URL


def part_url(release: Release, part_name: str) -> str:
    return f"{base_url() or RELEASES_URL}/{release.name}/{part_name}"


def gensim_data_dir() -> Path:
    return Path(os.environ.get("GENSIM_DATA_DIR") or Path("~/gensim-data").expanduser())


def parse_release(name: str, entry: dict) -> Release:
    parts = int(entry.get("parts", 1))
    if parts == 1:
        checksums = (entry["checksum"],)
    else:
        checksums = tuple(entry[f"checksum-{i}"] for i in range(parts))
    return Release(name, entry.get("file_name", f"{name}.gz"), parts, checksums, entry.get("file_size"))


def release_info(name: str) -> Release:
    """The release of `name` from list.json: from the network, else gensim's cached copy (information.json)."""
    try:
        with urllib.request.urlopen(list_url(), timeout=TIMEOUT_S) as response:
            listing = json.loads(response.read().decode("utf-8"))
    except (OSError, HTTPException, ValueError) as e:
        cached = gensim_data_dir() / "information.json"
        if not cached.exists():
            raise FetchError(f"cannot read the gensim-data list at {list_url()}: {_reason(e)}") from None
        listing = json.loads(cached.read_text(encoding="utf-8"))
    entry = listing.get("models", {}).get(name)
    if entry is None:
        raise FetchError(f"{name!r} is not a model in the gensim-data list at {list_url()}")
    return parse_release(name, entry)


def md5_of(path: Path) -> str:
    digest = hashlib.md5()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(_CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def reusable_gensim_file(release: Release) -> Path | None:
    """The gzip gensim already fetched (it verifies every part before it renames its folder into place)."""
    path = gensim_data_dir() / release.name / release.file_name
    return path if path.is_file() else None


def download_release(release: Release, folder: Path, *, progress: bool = True) -> Path:
    """Download every part into `folder` (resuming partial files), verify each md5, join them into one gzip.

    A part whose md5 is wrong is deleted and the error says so; a part cut off by the network stays as
    `*.partial` so that the next attempt, in this run or the next, continues where it stopped.
    """
    folder.mkdir(parents=True, exist_ok=True)
    parts = []
    for part_name, checksum in zip(release.part_names(), release.checksums):
        done = folder / part_name
        if not (done.exists() and md5_of(done) == checksum):
            download_part(part_url(release, part_name), done, checksum, progress=progress)
        parts.append(done)
    if release.parts == 1:
        return parts[0]
    joined = folder / release.file_name
    with atomic_writer(joined, "wb") as out:
        for part in parts:
            with open(part, "rb") as f:
                while block := f.read(_CHUNK):
                    out.write(block)
    for part in parts:
        part.unlink()
    return joined


def download_part(url: str, target: Path, checksum: str, *, progress: bool = True) -> None:
    """One file, with HTTP Range resumption and retries; `target` appears only once its md5 is right."""
    partial = target.with_name(target.name + ".partial")
    last_error: Exception | None = None
    for attempt in range(ATTEMPTS):
        try:
            _transfer(url, partial, progress=progress)
            break
        except (OSError, HTTPException) as e:
            if isinstance(e, urllib.error.HTTPError) and e.code < 500 and e.code != 416:
                raise FetchError(f"{url}: HTTP {e.code} {e.reason}") from None
            last_error = e
            _wait(min(2**attempt * 0.5, 5))
    else:
        raise FetchError(
            f"download of {url} failed after {ATTEMPTS} attempts ({_reason(last_error)}); "
            f"{partial.stat().st_size if partial.exists() else 0:,} bytes kept in {partial}, "
            "run the same command again to resume"
        )
    actual = md5_of(partial)
    if actual != checksum:
        partial.unlink()
        raise ChecksumError(f"{target.name}: md5 checksum mismatch (expected {checksum}, got {actual}); "
                         "the download was discarded")
    os.replace(partial, target)


def _transfer(url: str, partial: Path, *, progress: bool) -> None:
    """Append the rest of `url` to `partial`, asking the server for only the missing bytes."""
    have = partial.stat().st_size if partial.exists() else 0
    request = urllib.request.Request(url, headers={"User-Agent": "embeddings-fetch"})
    if have:
        request.add_header("Range", f"bytes={have}-")
    try:
        response = urllib.request.urlopen(request, timeout=TIMEOUT_S)
    except urllib.error.HTTPError as e:
        if e.code == 416 and have:  # nothing left to fetch: the partial file is already complete
            return
        raise
    with response:
        if have and response.status != 206:  # the server ignored Range: start over
            have = 0
        length = response.headers.get("Content-Length")
        total = have + int(length) if length is not None else None
        bar = _bar(partial.name.removesuffix(".partial"), total, have) if progress else None
        try:
            with open(partial, "ab" if have else "wb") as out:
                while block := response.read(_CHUNK):
                    out.write(block)
                    if bar is not None:
                        bar.update(len(block))
        finally:
            if bar is not None:
                bar.close()
        if total is not None and partial.stat().st_size < total:
            raise ConnectionError(f"connection closed after {partial.stat().st_size:,} of {total:,} bytes")


def _bar(label: str, total: int | None, initial: int):
    from tqdm import tqdm

    return tqdm(total=total, initial=initial, unit="B", unit_scale=True, unit_divisor=1024, desc=label)


def _reason(error: Exception | None) -> str:
    if isinstance(error, urllib.error.URLError) and not isinstance(error, urllib.error.HTTPError):
        return str(error.reason)
    return str(error) or type(error).__name__
