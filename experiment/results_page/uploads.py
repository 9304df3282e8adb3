"""A results file a reader uploads: a JSON Lines export or a database file, size-limited and validated.

Whatever arrives is written to a private temporary folder first and never touches results/. A JSON Lines
export is imported with the runner's own importer into a fresh database there (one transaction: a bad line
names itself and nothing is kept). A database file is checked as the store's format and then opened
read-only from that copy. Every failure is an UploadError whose message is meant for the page.
"""

from __future__ import annotations

import hashlib
import sqlite3
import tempfile
from pathlib import Path

from experiment.results import ResultsError, ResultsReader, ResultsWriter
from experiment.results.jsonl import import_jsonl
from experiment.results.reader import SQLITE_MAGIC

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_KEPT_UPLOADS = 32  # readers' uploads kept on the server at once: bounded disk use, oldest go first
UPLOAD_TYPES = ("jsonl", "sqlite", "sqlite3", "db")


class UploadError(ValueError):
    """The upload cannot be used; the message says why, in the reader's terms."""


def upload_folder() -> Path:
    folder = Path(tempfile.gettempdir()) / "experiment-uploads"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def load_upload(
    name: str, data: bytes, folder: Path | None = None, limit: int = MAX_UPLOAD_BYTES, keep: int = MAX_KEPT_UPLOADS
) -> Path:
    """Validate the upload and return the path of a database holding it, ready to open read-only.

    The same bytes give the same path, so a rerun of the page does not import them again. A JSON Lines
    export shipped in results/ goes the same way, with a larger `limit`."""
    if len(data) > limit:
        raise UploadError(f"{name} is {len(data) / 2**20:.1f} MB; uploads are limited to "
                          f"{limit // 2**20} MB. Export fewer records, or run the page yourself "
                          "and put the file in results/.")
    if not data.strip():
        raise UploadError(f"{name} is empty.")
    folder = folder or upload_folder()
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(data).hexdigest()[:24]
    target = folder / f"{digest}.sqlite"
    if target.exists():
        target.touch()  # in use again: the last to be pruned
        return target
    if data.startswith(SQLITE_MAGIC):
        path = _database_upload(name, data, target)
    elif name.lower().endswith((".sqlite", ".sqlite3", ".db")):
        raise UploadError(f"{name} is not an SQLite database (it does not start with SQLite's header).")
    else:
        path = _jsonl_upload(name, data, target)
    prune_uploads(folder, keep=keep)
    return path


def prune_uploads(folder: Path, keep: int = MAX_KEPT_UPLOADS) -> list[Path]:
    """Remove all but the `keep` most recently used uploads, so readers cannot fill the server's disk."""
    uploads = sorted(folder.glob("*.sqlite"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in uploads[keep:]:
        _remove(old)
    return uploads[keep:]


def _database_upload(name: str, data: bytes, target: Path) -> Path:
    staging = target.with_suffix(".part")
    staging.write_bytes(data)
    try:
        with ResultsReader(staging, name=name) as reader:
            reader.count()
            if not reader.intact():
                raise UploadError(f"{name} is damaged (SQLite's integrity check failed).")
    except ResultsError as error:
        staging.unlink(missing_ok=True)
        raise UploadError(_brief(error)) from None
    except sqlite3.DatabaseError as error:
        staging.unlink(missing_ok=True)
        raise UploadError(f"{name} is damaged or not a database ({_brief(error)}).") from None
    except UploadError:
        staging.unlink(missing_ok=True)
        raise
    staging.replace(target)
    return target


def _jsonl_upload(name: str, data: bytes, target: Path) -> Path:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise UploadError(f"{name} is neither an SQLite database nor UTF-8 text (JSON Lines).") from None
    source = target.with_suffix(".jsonl.part")
    staging = target.with_suffix(".part")
    source.write_bytes(data)
    try:
        with ResultsWriter(staging, name=name) as writer:
            added, _ = import_jsonl(source, writer)
            if added == 0:
                raise UploadError(f"{name} holds no experiment records.")
    except UploadError:
        _remove(staging)
        raise
    except ResultsError as error:
        _remove(staging)
        raise UploadError(f"{name} is not a valid experiment export: {_brief(error)}.") from None
    except (sqlite3.Error, KeyError, TypeError, ValueError, OverflowError) as error:
        _remove(staging)
        raise UploadError(f"{name} is not a valid experiment export "
                          f"({type(error).__name__}: {_brief(error)}).") from None
    finally:
        source.unlink(missing_ok=True)
    staging.replace(target)
    for suffix in ("-wal", "-shm"):
        Path(f"{staging}{suffix}").unlink(missing_ok=True)
    return target


def _brief(error: Exception, limit: int = 300) -> str:
    """An error's message as the page shows it: at most `limit` characters, whatever the file held."""
    text = str(error)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _remove(database: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
