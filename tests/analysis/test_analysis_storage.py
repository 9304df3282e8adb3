"""Analyses stored beside the runner's records, re-analysed with one command, summarised per model."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from experiment.analysis import ANALYZER_VERSION
from experiment.analysis.storage import analyse_database
from experiment.analysis.summary import summarise_file
from experiment.result_files import ResultsReader
from experiment.results import RECORD_FIELDS, ResultsWriter

PROJECT = Path(__file__).resolve().parents[2]

TRACES = [
    ("ok", 92, 13, "92 × 3 = 276. 92 × 10 = 920. 276 + 920 = 1196.", "Final Answer: 1196", "correct"),
    ("slip", 86, 79, "86 × 9 = 784\n86 × 70 = 6020\n784 + 6020 = 6804", "Final Answer: 6804", "wrong"),
    ("guess", 86, 79, "", "Final Answer: 6800", "wrong"),
    ("failed", 86, 79, "", "", "error"),
]


def make_record(record_id: str, a: int, b: int, reasoning: str, answer: str, outcome: str) -> dict:
    record = {column: None for column in RECORD_FIELDS}
    record.update(
        record_id=record_id, run_id="run", item_key=f"item-{record_id}", model_label="tiny-model", provider="test",
        model="tiny", params={}, variant="plain", m=len(str(a)), n=len(str(b)), sample=0, a=a, b=b,
        product=a * b, prompt="", answer=answer, reasoning=reasoning, reasoning_visibility="full",
        outcome=outcome, retries=0, created_at="2026-11-26T00:00:00+00:00",
    )
    return record


def load_analyses(path: Path, version: str = ANALYZER_VERSION) -> dict:
    with ResultsReader(path) as reader:
        return reader.analyses(version)


@pytest.fixture()
def database(tmp_path: Path) -> Path:
    path = tmp_path / "results.sqlite"
    with ResultsWriter(path) as store:
        for trace in TRACES:
            store.add_record(make_record(*trace))
    return path


def test_every_answered_record_gets_one_analysis_for_this_version(database: Path) -> None:
    assert analyse_database(database) == (3, 0)
    analyses = load_analyses(database)
    assert set(analyses) == {"ok", "slip", "guess"}  # a request that failed has nothing to analyse
    assert analyses["slip"]["category"] == "wrong_partial_product"
    assert analyses["guess"]["category"] == "no_algorithm"
    assert analyse_database(database) == (0, 3)  # nothing is analysed twice


def test_a_new_analyzer_version_adds_rows_and_keeps_the_old_ones(database: Path) -> None:
    analyse_database(database)
    with sqlite3.connect(database) as db:
        db.execute("UPDATE analyses SET analyzer_version = '0.9'")
    assert analyse_database(database) == (3, 0)
    assert set(load_analyses(database, "0.9")) == {"ok", "slip", "guess"}
    assert set(load_analyses(database)) == {"ok", "slip", "guess"}


def test_reanalyze_command_and_summary(database: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "experiment.analysis", "reanalyze", str(database)],
                          capture_output=True, text=True, cwd=PROJECT, timeout=60)
    assert done.returncode == 0, done.stderr
    assert f"analysed 3 records with analyzer {ANALYZER_VERSION}" in done.stdout
    summary = subprocess.run([sys.executable, "-m", "experiment.analysis", "analysis-summary", str(database), "--json"],
                             capture_output=True, text=True, cwd=PROJECT, timeout=60)
    assert summary.returncode == 0, summary.stderr
    model = json.loads(summary.stdout)["models"]["tiny-model"]
    assert model["traces"] == 3
    assert model["wrong_answers"] == 2
    assert model["wrong_that_followed_algorithm"] == 1
    assert model["categories"] == {"correct": 1, "wrong_partial_product": 1, "no_algorithm": 1}


def test_summary_groups_by_cell(database: Path) -> None:
    analyse_database(database)
    summary = summarise_file(database).to_json()
    cells = {(c["model"], c["m"], c["n"]): c["traces"] for c in summary["cells"]}
    assert cells == {("tiny-model", 2, 2): 3}


def test_a_file_that_is_not_a_results_database_is_a_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_text("not a database")
    done = subprocess.run([sys.executable, "-m", "experiment.analysis", "reanalyze", str(bogus)],
                          capture_output=True, text=True, cwd=PROJECT, timeout=60)
    assert done.returncode == 1
    assert "not an experiment results database" in done.stderr
    assert "Traceback" not in done.stderr
