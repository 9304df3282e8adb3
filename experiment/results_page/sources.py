"""Which result files the page offers, and a cheap fingerprint that changes when a file is written to.

The folder is results/ beside the app, or $EXPERIMENT_RESULTS_DIR (tests and operators point the page
elsewhere with it). A database (.sqlite, .db) is offered as it is; a JSON Lines export only when no database
of the same name sits beside it, since the shipped dataset may come as both.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from experiment.results.files import DATABASE_SUFFIXES

RESULTS_DIR_ENV = "EXPERIMENT_RESULTS_DIR"
PROJECT = Path(__file__).resolve().parents[2]
JSONL_SUFFIXES = (".jsonl",)
LIVE_WINDOW_S = 600  # a database written to within the last ten minutes may still be growing


@dataclass(frozen=True, slots=True)
class Source:
    """A results file the reader can choose; `name` is what the URL's `run` key holds."""

    name: str
    path: Path
    kind: str  # "sqlite" or "jsonl"


def results_dir() -> Path:
    configured = os.environ.get(RESULTS_DIR_ENV, "").strip()
    return Path(configured) if configured else PROJECT / "results"


def discover(folder: Path) -> list[Source]:
    """The result files directly in `folder`, by name; hidden files and SQLite's side files are skipped."""
    if not folder.is_dir():
        return []
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    databases = {p.stem for p in files if p.suffix in DATABASE_SUFFIXES}
    sources = []
    for path in files:
        if path.suffix in DATABASE_SUFFIXES:
            sources.append(Source(path.stem, path, "sqlite"))
        elif path.suffix in JSONL_SUFFIXES and path.stem not in databases:
            sources.append(Source(path.stem, path, "jsonl"))
    return sources


def fingerprint(path: Path) -> tuple[int, int, int, int]:
    """(size, mtime) of the file and of its write-ahead log: a new record changes one of them."""
    def stat(p: Path) -> tuple[int, int]:
        try:
            info = p.stat()
        except OSError:
            return 0, 0
        return info.st_size, info.st_mtime_ns
    return (*stat(path), *stat(Path(f"{path}-wal")))


def may_be_live(path: Path, now: float | None = None) -> bool:
    """A database with a write-ahead log touched recently: a runner may be writing it right now."""
    wal = Path(f"{path}-wal")
    try:
        return wal.exists() and (now or time.time()) - wal.stat().st_mtime < LIVE_WINDOW_S
    except OSError:
        return False
