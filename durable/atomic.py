"""The one way files are written here: beside the target, flushed, fsynced, renamed, the folder fsynced.

A rename within one folder is atomic on POSIX file systems: a reader sees the old file or the new one,
never a mix. The fsyncs make that true across a power cut too: the new file's bytes reach the disk before
the rename does, and the rename itself reaches it before the call returns. A failure at any step (a full
disk, a kill) leaves the old file untouched and at most a hidden `.NAME~HOST~PID~*.tmp` beside it, which is
removed when Python is still alive to do so, and otherwise by `remove_stale_temporaries` once that process
is gone.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

TEMP_SUFFIX = ".tmp"
# Temporaries are named `.NAME~HOST~PID~RANDOM[.tmp]`, so that what a killed writer left can be told from
# what a live one is writing (on this host: a cache folder may be shared by several machines).
_TEMPORARY = re.compile(r"^\..*~(?P<host>[^~/]*)~(?P<pid>\d+)~[^~/]+$")


def temporary_prefix(name: str) -> str:
    return f".{name}~{socket.gethostname()}~{os.getpid()}~"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Delete the temporaries (files and staging folders) that writers killed on this host left in `folder`."""
    removed = []
    host = socket.gethostname()
    try:
        entries = list(folder.iterdir())
    except FileNotFoundError:
        return removed
    for entry in entries:
        match = _TEMPORARY.match(entry.name)
        if match is None or match["host"] != host or _alive(int(match["pid"])):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed.append(entry)
    return removed


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new entry in `folder` durable (a file's own fsync does not cover its name)."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _public_mode() -> int:
    """mkstemp makes a file private (0600); a finished file gets the mode a plain open() would give it."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def atomic_writer(path: Path | str, mode: str = "wb", *, encoding: str | None = None) -> Iterator[IO[Any]]:
    """Yield a file to write; on a clean exit it replaces `path` durably, on any exception `path` is untouched.

    `mode` is "wb" or "w" (text, `encoding` defaults to UTF-8).
    """
    if mode not in ("wb", "w"):
        raise ValueError(f"atomic_writer writes whole files: mode 'w' or 'wb', not {mode!r}")
    path = Path(path)
    folder = path.parent  # must exist: a missing folder is the caller's error to report, not to paper over
    fd, tmp = tempfile.mkstemp(prefix=temporary_prefix(path.name), suffix=TEMP_SUFFIX, dir=folder)
    try:
        text = mode == "w"
        with os.fdopen(fd, mode, encoding=(encoding or "utf-8") if text else None,
                       newline="" if text else None) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _public_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(folder)


def write_bytes(path: Path | str, data: bytes) -> None:
    with atomic_writer(path, "wb") as handle:
        handle.write(data)


def write_text(path: Path | str, text: str, *, encoding: str = "utf-8") -> None:
    with atomic_writer(path, "w", encoding=encoding) as handle:
        handle.write(text)


def sync_tree(folder: Path) -> None:
    """fsync every file in `folder` and the folder itself: a staging folder before it is published by rename."""
    for entry in folder.iterdir():
        if entry.is_file():
            fd = os.open(entry, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    fsync_dir(folder)


def publish_folder(staging: Path, final: Path) -> None:
    """Make a fully written staging folder visible under `final` in one rename, durably.

    `final` must not exist (os.rename of a folder onto a non-empty folder fails, which is what lets two
    processes race to publish the same thing: the loser's OSError is for the caller to judge).
    """
    sync_tree(staging)
    os.rename(staging, final)
    fsync_dir(final.parent)


def discard_folder(folder: Path) -> None:
    """Take a folder out of sight in one rename, then delete it: no reader ever sees it half-deleted."""
    aside = Path(tempfile.mkdtemp(prefix=temporary_prefix(f"{folder.name}.discarded"), dir=folder.parent))
    try:
        os.rename(folder, aside / "old")
        fsync_dir(folder.parent)
    except FileNotFoundError:
        pass  # already gone: another process discarded or replaced it
    finally:
        shutil.rmtree(aside, ignore_errors=True)
