"""`python -m experiment analyze` as a user runs it: JSON Lines in, JSON Lines out, clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from experiment.analysis.cli import InputError, analyse_stream, parse_line

PROJECT = Path(__file__).resolve().parents[2]
GOOD = {"a": 86, "b": 79, "reasoning": "86 × 9 = 784\n86 × 70 = 6020\n784 + 6020 = 6804",
        "answer": "Final Answer: 6804", "model": "ignored", "record_id": "r1"}


def run_cli(*args: str, stdin: str = "", module: str = "experiment.analysis") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", module, *args], input=stdin, capture_output=True,
                          text=True, cwd=PROJECT, timeout=60)


def test_analyze_is_a_subcommand_of_python_m_experiment() -> None:
    done = run_cli("analyze", "--brief", stdin=json.dumps(GOOD) + "\n", module="experiment")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["category"] == "wrong_partial_product"


def test_analyze_reads_stdin_and_writes_one_line_per_trace() -> None:
    correct = {"a": 92, "b": 13, "reasoning": "92 × 3 = 276. 92 × 10 = 920. 276 + 920 = 1196.", "answer": "1196"}
    done = run_cli("analyze", stdin=json.dumps(GOOD) + "\n\n" + json.dumps(correct) + "\n")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["category"] for line in lines] == ["wrong_partial_product", "correct"]
    first = lines[0]["first_wrong"]
    assert {"claimed", "true", "kind", "span"} <= set(first)
    assert GOOD["reasoning"][first["span"][0]:first["span"][1]] == "784"
    assert lines[0]["record_id"] == "r1" and "model" not in lines[0]
    assert lines[1]["first_wrong"] is None and lines[1]["followed_algorithm"] is True


def test_analyze_reads_a_file_and_writes_a_file(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    done = run_cli("analyze", str(source), "-o", str(target), "--brief")
    assert done.returncode == 0, done.stderr
    (line,) = target.read_text(encoding="utf-8").splitlines()
    assert "steps" not in json.loads(line)


@pytest.mark.parametrize(
    "bad, message",
    [
        ("{not json", "line 2: not valid JSON"),
        ('["a", "b"]', "line 2: expected a JSON object"),
        ('{"a": 3, "reasoning": ""}', "line 2: missing fields b, answer"),
        ('{"a": 3.5, "b": 2, "reasoning": "", "answer": ""}', "line 2: field 'a' must be a whole number"),
        ('{"a": "12a", "b": 2, "reasoning": "", "answer": ""}', "line 2: field 'a' must be a whole number"),
        ('{"a": 12, "b": -2, "reasoning": "", "answer": ""}', "line 2: field 'b' must be a positive whole number"),
        ('{"a": 12, "b": 2, "reasoning": 5, "answer": ""}', "line 2: field 'reasoning' must be a string"),
    ],
)
def test_bad_lines_are_named_and_exit_non_zero_without_a_traceback(bad: str, message: str) -> None:
    done = run_cli("analyze", stdin=json.dumps(GOOD) + "\n" + bad + "\n")
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stdout.splitlines()) == 1  # the good line is still analysed


def test_a_missing_input_file_is_a_clear_error() -> None:
    done = run_cli("analyze", "/nonexistent/traces.jsonl")
    assert done.returncode == 2
    assert "cannot read /nonexistent/traces.jsonl" in done.stderr
    assert "Traceback" not in done.stderr


def test_operands_written_as_digit_strings_are_accepted() -> None:
    trace = parse_line(1, json.dumps({**GOOD, "a": "86", "b": " 79 "}))
    assert (trace.a, trace.b) == (86, 79)
    with pytest.raises(InputError):
        parse_line(1, json.dumps({**GOOD, "a": True}))


def test_analyse_stream_reports_every_bad_line(tmp_path: Path) -> None:
    import io

    out, err = io.StringIO(), io.StringIO()
    code = analyse_stream(["{}", json.dumps(GOOD), "[]"], out, err, "input.jsonl")
    assert code == 2
    assert "input.jsonl, line 1" in err.getvalue() and "input.jsonl, line 3" in err.getvalue()
    assert len(out.getvalue().splitlines()) == 1


def test_the_shipped_export_is_analysed_whole_run_header_skipped() -> None:
    """`python -m experiment export` files start with a run line; analyze reads past it, one line per record."""
    export = Path(__file__).resolve().parents[2] / "results" / "gemma3-270m-few-shot.jsonl"
    records = sum(1 for line in export.read_text().splitlines() if json.loads(line).get("kind") == "record")
    result = run_cli("analyze", str(export), "--brief", module="experiment")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == records == 500
    assert {"followed_algorithm", "category", "first_wrong"} <= set(lines[0])
