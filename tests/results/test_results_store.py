"""The one results store: files of every earlier version open, migrate and read as they were; reading
never writes."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from experiment.importers.jsonl import export_jsonl
from experiment.result_files import ResultsReader
from experiment.results import (
    MIGRATIONS,
    RECORD_FIELDS,
    SCHEMA_VERSION,
    Record,
    ResultsError,
    ResultsWriter,
)

PROJECT = Path(__file__).resolve().parents[2]
LEGACY = Path(__file__).resolve().parent / "legacy"
SHIPPED = sorted((PROJECT / "results").glob("*.sqlite"))


def export_lines() -> list[dict]:
    return [json.loads(line) for line in (LEGACY / "schema1-export.jsonl").read_text().splitlines()]


def as_written_then(record: Record) -> dict:
    """A record as schema 1 knew it: the fields added since read as None and are left out."""
    data = record.to_dict()
    assert data.pop("recorded_verdict") is None and data.pop("finish_reason_inferred") is None
    return data


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("name", ["schema1-runner.sqlite", "schema1-analysed.sqlite"])
def test_a_schema1_file_reads_as_it_was_written_without_being_touched(tmp_path, name):
    copy = tmp_path / name
    shutil.copy(LEGACY / name, copy)
    before = snapshot(tmp_path)
    expected = [line for line in export_lines() if line["kind"] == "record"]
    with ResultsReader(copy) as reader:
        records = [as_written_then(r) for r in reader.records()]
        latest = [r.record_id for r in reader.records(latest_only=True)]
        runs = [run.to_dict() for run in reader.runs()]
        table = reader.light_table("1.0.1")
    assert records == [{k: v for k, v in line.items() if k != "kind"} for line in expected]
    assert runs == [{k: v for k, v in line.items() if k not in ("kind", "format")}
                    for line in export_lines() if line["kind"] == "run"]
    # the retried item's later record replaces its first one
    assert len(latest) == len(records) - 1 and records[0]["record_id"] not in latest and "0" * 31 + "1" in latest
    assert len(table) == len(latest) and table["recorded_verdict"].isna().all()
    assert snapshot(tmp_path) == before  # no side files, no change


def test_a_writer_migrates_a_schema1_file_and_keeps_every_record_and_analysis(tmp_path):
    copy = tmp_path / "old.sqlite"
    shutil.copy(LEGACY / "schema1-analysed.sqlite", copy)
    with ResultsReader(copy) as reader:
        records_before = [r.to_dict() for r in reader.records()]
        analyses_before = reader.analyses("1.0.1")
    with ResultsWriter(copy) as writer:
        assert writer.count() == len(records_before)
    with sqlite3.connect(copy) as db:
        applied = [row[0] for row in db.execute("SELECT name FROM schema_migrations ORDER BY rowid")]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        columns = {row[1] for row in db.execute("PRAGMA table_info(records)")}
    assert applied == [m.name for m in MIGRATIONS] and version == SCHEMA_VERSION == len(MIGRATIONS)
    assert set(RECORD_FIELDS) <= columns
    with ResultsReader(copy) as reader:
        assert [r.to_dict() for r in reader.records()] == records_before
        assert reader.analyses("1.0.1") == analyses_before and len(analyses_before) == len(records_before)
    with ResultsWriter(copy) as writer:  # opening again applies nothing twice
        added = writer.add_record({**records_before[1], "record_id": "new", "recorded_verdict": "pass"})
    assert added
    with ResultsReader(copy) as reader:
        assert reader.record("new").recorded_verdict == "pass" and reader.count() == len(records_before) + 1


def test_the_reader_sees_an_export_and_its_database_alike():
    with ResultsReader(LEGACY / "schema1-export.jsonl") as export, \
            ResultsReader(LEGACY / "schema1-runner.sqlite") as database:
        assert [r.to_dict() for r in export.records()] == [r.to_dict() for r in database.records()]
        assert export.outcome_rows() == database.outcome_rows()
        assert export.light_table("1.0.1").equals(database.light_table("1.0.1"))


def test_both_shipped_runs_are_found():
    """Else the test below would run over an empty list: skipped, never failed."""
    assert {p.name for p in SHIPPED} >= {"gemma3-270m-few-shot.sqlite", "llmmath-2025-04-27.sqlite"}


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_every_shipped_run_reads_the_same_as_its_export(path, tmp_path):
    export = path.with_suffix(".jsonl")
    assert export.exists(), f"{path.name} ships without its JSON Lines export (results/README.md lists both)"
    with ResultsReader(path) as reader:
        out = tmp_path / "again.jsonl"
        export_jsonl(reader, out)
    ours = [json.loads(line) for line in out.read_text().splitlines()]
    theirs = [json.loads(line) for line in export.read_text().splitlines()]
    for line in theirs:  # fields added since the export was written read as None
        if line["kind"] == "record":
            line.setdefault("recorded_verdict", None)
            line.setdefault("finish_reason_inferred", None)
    assert ours == theirs


def test_a_file_from_a_newer_version_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "future.sqlite"
    shutil.copy(LEGACY / "schema1-runner.sqlite", path)
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    before = path.read_bytes()
    for opener in (ResultsReader, ResultsWriter):
        with pytest.raises(ResultsError, match=f"schema version {SCHEMA_VERSION + 1}.*update the app"):
            opener(path)
    assert path.read_bytes() == before


def test_another_sqlite_file_is_refused_by_the_writer_before_anything_is_written(tmp_path):
    path = tmp_path / "other.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE things (x)")
    db.execute("PRAGMA user_version = 1")
    db.close()
    before = path.read_bytes()
    with pytest.raises(ResultsError, match="not an experiment results database"):
        ResultsWriter(path)
    assert path.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["other.sqlite"]


def test_a_record_without_its_fields_is_refused_by_name(tmp_path):
    with ResultsWriter(tmp_path / "new.sqlite") as writer:
        with pytest.raises(ResultsError, match="record lacks record_id, run_id"):
            writer.add_record({"a": 1})


def test_an_interrupted_transaction_leaves_nothing(tmp_path):
    record = {k: v for k, v in export_lines()[1].items() if k != "kind"}
    with ResultsWriter(tmp_path / "new.sqlite") as writer:
        with pytest.raises(RuntimeError):
            with writer.transaction():
                writer.add_record(record)
                raise RuntimeError("the disk is full")
        assert writer.count() == 0


def test_a_run_recorded_by_another_tool_reads_like_its_imported_database():
    export = PROJECT.parent / "shared" / "data" / "llmmath" / "multiplication-2025-04-27.promptfoo.json"
    if not export.exists():
        pytest.skip("the shared llmmath export is not beside the repository")
    with ResultsReader(export) as raw, ResultsReader(PROJECT / "results" / "llmmath-2025-04-27.sqlite") as shipped:
        ours = {r.record_id: (r.model_label, r.a, r.b, r.outcome, r.answer) for r in raw.records()}
        theirs = {r.record_id: (r.model_label, r.a, r.b, r.outcome, r.answer) for r in shipped.records()}
    assert ours == theirs and len(ours) == 364
