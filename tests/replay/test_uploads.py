"""Uploaded files: a valid export or database is read; anything else is a clear message, never a traceback."""
from __future__ import annotations

import json
import sqlite3

import pytest

from experiment.importers.jsonl import export_jsonl
from experiment.result_files import ResultsReader
from experiment.results_page.data import load_results
from experiment.results_page.uploads import MAX_UPLOAD_BYTES, UploadError, load_upload
from tests.replay.helpers import write_results


@pytest.fixture
def export(tmp_path) -> bytes:
    path = write_results(tmp_path / "results", analyse=False)
    out = tmp_path / "export.jsonl"
    with ResultsReader(path) as reader:
        export_jsonl(reader, out)
    return out.read_bytes()


def test_a_jsonl_export_is_read_with_every_record(tmp_path, export):
    database = load_upload("run.jsonl", export, tmp_path / "uploads")
    table = load_results(database).table
    assert len(table) == sum(1 for line in export.splitlines() if b'"kind": "record"' in line)


def test_a_database_upload_is_read_from_a_private_copy(tmp_path):
    source = write_results(tmp_path / "results", analyse=True)
    database = load_upload("mine.sqlite", source.read_bytes(), tmp_path / "uploads")
    assert database.parent == tmp_path / "uploads"
    assert load_results(database).table["category"].notna().any()


def test_a_malformed_line_is_named(tmp_path, export):
    lines = export.splitlines()
    lines[3] = b'{"kind": "record", "a": 1'
    with pytest.raises(UploadError, match="line 4: not JSON"):
        load_upload("bad.jsonl", b"\n".join(lines), tmp_path)
    assert not list(tmp_path.glob("*.sqlite"))


def test_a_record_with_a_wrong_product_is_refused(tmp_path, export):
    lines = export.splitlines()
    index = next(i for i, line in enumerate(lines) if b'"kind": "record"' in line)
    record = json.loads(lines[index])
    record["product"] += 1
    lines[index] = json.dumps(record).encode()
    with pytest.raises(UploadError, match="product is not a x b"):
        load_upload("bad.jsonl", b"\n".join(lines), tmp_path)


@pytest.mark.parametrize("name, data, message", [
    ("empty.jsonl", b"   \n", "is empty"),
    ("photo.jsonl", b"\x89PNG\r\n\x1a\n\x00\xff\xfe", "neither an SQLite database nor UTF-8"),
    ("fake.sqlite", b"not a database at all", "not an SQLite database"),
    ("list.jsonl", b"[1, 2, 3]\n", "not a JSON object"),
    ("other.jsonl", b'{"hello": "world"}\n', "record lacks"),
    ("none.jsonl", b'{"kind": "run", "run_id": "x"}\n', "run lacks"),
])
def test_malformed_uploads_are_explained(tmp_path, name, data, message):
    with pytest.raises(UploadError, match=message):
        load_upload(name, data, tmp_path)


def test_a_truncated_database_is_explained(tmp_path):
    source = write_results(tmp_path / "results", analyse=False)
    data = source.read_bytes()
    with pytest.raises(UploadError, match="damaged|not an SQLite|not an experiment"):
        load_upload("cut.sqlite", data[: len(data) // 3], tmp_path / "uploads")


def test_an_sqlite_file_that_is_not_a_results_database_is_explained(tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE records (x)")
        db.execute("CREATE TABLE meta (key, value)")
    with pytest.raises(UploadError, match="other.db: the records table lacks|not an experiment results"):
        load_upload("other.db", other.read_bytes(), tmp_path / "uploads")


def test_an_oversized_upload_is_refused_before_it_is_read(tmp_path):
    with pytest.raises(UploadError, match="limited to 20 MB"):
        load_upload("huge.jsonl", b"{" * (MAX_UPLOAD_BYTES + 1), tmp_path)
    assert not any(tmp_path.iterdir())


def test_uploads_kept_on_the_server_are_bounded(tmp_path):
    """Readers cannot fill the disk: past `keep` uploads, the least recently used are removed."""
    import os

    folder = tmp_path / "uploads"
    kept = []
    for i in range(4):
        data = write_results(tmp_path / f"results{i}", analyse=False).read_bytes()
        kept.append(load_upload(f"run{i}.sqlite", data, folder, keep=2))
        os.utime(kept[-1], (1_000_000 + i, 1_000_000 + i))  # distinct, ordered use times
    assert len(set(kept)) == 4
    assert sorted(folder.glob("*.sqlite")) == sorted(kept[-2:])
    assert not list(folder.glob("*.part")) and not list(folder.glob("*-wal"))
