"""A results file a reader uploads: whatever `python -m experiment import` accepts, or a database file,
size-limited and validated.

Whatever arrives is written to a private temporary folder first and never touches results/. An export (this
project's JSON Lines, a promptfoo export, an Inspect AI log) goes the import command's way,
`experiment.result_files.import_file`, into a fresh database there (one transaction: what is wrong names
itself and nothing is kept). A database file is checked as the store's format and then opened read-only from
that copy. Every failure is an UploadError whose message is meant for the page.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import tempfile
from pathlib import Path

from experiment.importers import ImportFailure
from experiment.result_files import ResultsReader, import_file
from experiment.results import ResultsError, ResultsWriter
from experiment.results.files import DATABASE_SUFFIXES, SQLITE_MAGIC, has_database_name, remove_database

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_KEPT_UPLOADS = 32  # readers' uploads kept on the server at once: bounded disk use, oldest go first
# what the file picker offers: the exports (JSON Lines, promptfoo's .json, Inspect's .json and .eval) and databases
UPLOAD_TYPES = ("jsonl", "json", "eval", *(suffix.lstrip(".") for suffix in DATABASE_SUFFIXES))


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
    elif has_database_name(name):
        raise UploadError(f"{name} is not an SQLite database (it does not start with SQLite's header).")
    else:
        path = _export_upload(name, data, target)
    prune_uploads(folder, keep=keep)
    return path


def prune_uploads(folder: Path, keep: int = MAX_KEPT_UPLOADS) -> list[Path]:
    """Remove all but the `keep` most recently used uploads, so readers cannot fill the server's disk."""
    uploads = sorted(folder.glob("*.sqlite"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in uploads[keep:]:
        remove_database(old)
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


def _export_upload(name: str, data: bytes, target: Path) -> Path:
    """Import an export into a fresh database, as `python -m experiment import` would."""
    folder = target.with_suffix(".source")  # the file under its own name: messages and provenance name it
    staging = target.with_suffix(".part")
    folder.mkdir(exist_ok=True)
    source = folder / _file_name(name)
    source.write_bytes(data)
    try:
        with ResultsWriter(staging, name=name) as writer:
            _, added, _ = import_file(source, writer)
            if added == 0:
                raise UploadError(f"{name} holds no experiment records.")
    except UploadError:
        remove_database(staging)
        raise
    except (ImportFailure, ResultsError) as error:
        remove_database(staging)
        raise UploadError(_not_valid(name, source.name, error)) from None
    except (sqlite3.Error, KeyError, TypeError, ValueError, OverflowError) as error:
        remove_database(staging)
        raise UploadError(f"{name} is not a valid experiment export "
                          f"({type(error).__name__}: {_brief(error)}).") from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    staging.replace(target)
    remove_database(Path(f"{staging}"))  # its side files, if SQLite left any
    return target


def _file_name(name: str) -> str:
    """The uploaded file's own name, as one safe path component (the browser sends only a name)."""
    base = name.replace("\x00", "").replace("\\", "/").rsplit("/", 1)[-1]
    base = base.encode("utf-8", "ignore")[:200].decode("utf-8", "ignore")  # a file name is at most 255 bytes
    return base if base not in ("", ".", "..") else "upload"


def _not_valid(name: str, file_name: str, error: Exception) -> str:
    """`NAME is not a valid experiment export: what is wrong.` (the importers' messages start with the name)."""
    text = _brief(error)
    prefix = f"{file_name}: "
    if text.startswith(prefix):
        return f"{name} is not a valid experiment export: {text[len(prefix):]}."
    return text if text.startswith(file_name) else f"{name} is not a valid experiment export: {text}."


def _brief(error: Exception, limit: int = 300) -> str:
    """An error's message as the page shows it: at most `limit` characters, whatever the file held."""
    text = str(error)
    return text if len(text) <= limit else text[: limit - 1] + "…"


