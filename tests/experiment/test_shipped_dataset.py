"""The dataset in results/ is complete, honest about what it is, and still graded the same by today's code."""

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from experiment.grading import grade
from experiment.result_files import ResultsReader

RESULTS = Path(__file__).resolve().parents[2] / "results"
NAME = "gemma3-270m-few-shot"


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    copy = tmp_path_factory.mktemp("shipped") / f"{NAME}.sqlite"
    shutil.copy(RESULTS / f"{NAME}.sqlite", copy)  # the shipped file is never opened for writing by tests
    with ResultsReader(copy) as reader:
        return [record.to_dict() for record in reader.records(latest_only=True)]


def test_every_cell_of_the_grid_has_twenty_distinct_problems(records):
    cells = Counter((r["m"], r["n"]) for r in records)
    assert cells == {(m, n): 20 for m in range(1, 6) for n in range(1, 6)}
    assert len({r["item_key"] for r in records}) == 500
    assert all(r["a"] * r["b"] == r["product"] and len(str(r["a"])) == r["m"] for r in records)


def test_it_is_labelled_a_tiny_base_model_never_a_reasoning_model():
    text = (RESULTS / f"{NAME}.toml").read_text()
    assert "tiny base model" in text and "not a reasoning model" in text
    provenance = json.loads((RESULTS / f"{NAME}.provenance.json").read_text())
    model = provenance["runs"][0]["provenance"]["models"]["gemma-3-270m-base-q4km"]
    assert {"model", "quantisation", "server", "gguf_sha256"} <= set(model)
    assert provenance["runs"][0]["provenance"]["machine"]["cores"]


def test_todays_grader_agrees_with_the_stored_outcomes(records):
    for record in records:
        result = grade(record["answer"], record["finish_reason"], False, record["a"], record["b"])
        assert result.outcome == record["outcome"], record["record_id"]


def test_the_json_lines_export_holds_the_same_records(records):
    lines = [json.loads(line) for line in (RESULTS / f"{NAME}.jsonl").read_text().splitlines()]
    exported = {line["record_id"]: line for line in lines if line["kind"] == "record"}
    assert len(exported) == len(records)
    for record in records:
        assert {k: exported[record["record_id"]][k] for k in ("a", "b", "reasoning", "answer", "outcome")} == \
            {k: record[k] for k in ("a", "b", "reasoning", "answer", "outcome")}
