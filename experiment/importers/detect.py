"""Which importer a file needs, decided here and nowhere else, from its content: a zip with ``header.json`` is
an Inspect ``.eval`` log; a JSON object with ``results.results`` is a promptfoo export, one with ``eval`` and
``samples`` (or ``status``) an Inspect ``.json`` log; JSON Lines whose first line is an object with a
``kind`` (or a ``record_id``) is this project's own export. The name counts only where the content does not
decide: a ``.jsonl`` file that is none of these is read as JSON Lines, so that what is wrong with it is
named by its line."""

from __future__ import annotations

import codecs
import json
import zipfile
from pathlib import Path

from experiment.importers.base import ImportFailure, load_json
from experiment.importers.inspect_logs import looks_like_inspect_json
from experiment.importers.promptfoo import looks_like_promptfoo
from experiment.results.files import SQLITE_MAGIC

FORMATS = ("jsonl", "promptfoo", "inspect")
ZIP_MAGIC = b"PK\x03\x04"


def _is_utf8(head: bytes) -> bool:
    """The file's first bytes decode as UTF-8 (a character cut at the end of them is fine)."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _first_line(path: Path) -> str:
    with open(path, "rb") as handle:
        return handle.readline(1 << 20).decode("utf-8", errors="replace").strip()


def _has_more_lines(path: Path) -> bool:
    with open(path, "rb") as handle:
        handle.readline(1 << 20)
        return bool(handle.read(1 << 16).strip())


def kind_of_json(data: object) -> str | None:
    if looks_like_promptfoo(data):
        return "promptfoo"
    if looks_like_inspect_json(data):
        return "inspect"
    return None


def detect_format(path: Path) -> tuple[str, object | None]:
    """One of FORMATS and the parsed JSON when it had to be read whole (so it is not read twice), or
    ImportFailure saying what the file is instead."""
    path = Path(path)
    with open(path, "rb") as handle:
        head = handle.read(1 << 16)
    if head.startswith(SQLITE_MAGIC):
        raise ImportFailure(f"{path.name}: an SQLite database, not an export: read it as it is (stats, export, "
                            "the page) rather than import it")
    if head[:4] == ZIP_MAGIC or head[:2] == b"PK":
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            raise ImportFailure(f"{path.name}: a damaged zip archive, not a readable Inspect eval log") from None
        if "header.json" in names or "_journal/start.json" in names:
            return "inspect", None
        raise ImportFailure(f"{path.name}: a zip archive but not an Inspect eval log (no header.json in it)")
    if not _is_utf8(head):
        raise ImportFailure(f"{path.name} is neither an SQLite database nor UTF-8 text (JSON, JSON Lines), nor a "
                            "zip archive")
    line = _first_line(path)
    if not line:
        raise ImportFailure(f"{path.name}: empty file")
    if not line.startswith(("{", "[")):
        raise ImportFailure(f"{path.name}: neither JSON, JSON Lines nor a zip archive; formats: {', '.join(FORMATS)}")
    try:
        first = json.loads(line)
    except ValueError:
        first = None
    if isinstance(first, dict) and ("kind" in first or "record_id" in first):
        return "jsonl", None
    single = first is not None and not _has_more_lines(path)
    if path.suffix.lower() == ".jsonl" and not (single and kind_of_json(first)):
        return "jsonl", None
    data = first if single else load_json(path)
    kind = kind_of_json(data)
    if kind:
        return kind, data
    raise ImportFailure(f"{path.name}: JSON, but neither a promptfoo export, an Inspect log nor an experiment "
                        "export")
