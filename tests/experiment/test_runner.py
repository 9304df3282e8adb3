"""The runner end to end through the command line, against the fake provider over real HTTP."""

import contextlib
import os
import signal
import sqlite3
import time
from collections import Counter

import pytest

from experiment.result_files import ResultsReader
from experiment.results import ResultsWriter
from tests.experiment.helpers import run_subprocess


def final_records(path):
    with ResultsReader(path) as reader:
        return [record.to_dict() for record in reader.records(latest_only=True)]


def wait_for_records(database, count: int, timeout: float = 60) -> None:
    """Until a running subprocess has committed ``count`` records (it reads as a second connection would)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        time.sleep(0.02)
        if database.exists():
            with contextlib.closing(sqlite3.connect(database)) as db:
                try:
                    if db.execute("SELECT COUNT(*) FROM records").fetchone()[0] >= count:
                        return
                except sqlite3.OperationalError:  # tables not created yet
                    pass
    raise AssertionError(f"fewer than {count} records after {timeout} s")


def test_every_planned_item_ends_with_exactly_one_record_despite_faults(cli, make_config, provider, tmp_path):
    provider.retry_after = "0"
    provider.hang_seconds = 0.5
    provider.faults.extend(["429", "500", "drop", "malformed", "hang", "503", "truncate"])
    config = make_config(runner={"timeout": 0.25})
    code, out, err = cli("run", config, "--no-progress")
    assert code == 0, err
    records = final_records(tmp_path / "results.sqlite")
    assert len(records) == 4 * 3  # 2 x 2 cells, 3 samples
    assert len({r["item_key"] for r in records}) == len(records)
    assert Counter(r["outcome"] for r in records) == {"correct": 11, "truncated": 1}
    assert sum(r["retries"] for r in records) == 6
    assert all(count == 1 for count in provider.asked.values())  # nobody got two answers to one question
    assert "recorded 12 (11 correct, 1 truncated)" in out


def test_a_record_carries_the_question_the_prompt_and_the_reply(cli, make_config, provider, tmp_path):
    provider.chat_reasoning = "reasoning_content"
    cli("run", make_config(samples=1, a_digits="3", b_digits="3"), "--no-progress")
    [record] = final_records(tmp_path / "results.sqlite")
    assert record["a"] * record["b"] == record["product"]
    assert record["prompt"] == (f"Calculate the product of {record['a']} and {record['b']}. "
                                "Please provide the final answer in the format: Final Answer: [result]")
    assert record["answer"] == f"Final Answer: {record['product']}"
    assert record["reasoning"] == "I multiply the numbers step by step."
    assert record["extracted_value"] == record["product"] and record["digit_accuracy"] == 1.0
    assert record["finish_reason"] == "stop" and record["raw_response"].startswith("{")
    assert record["params"] == {"max_tokens": 64}


def test_429_waits_as_long_as_retry_after_says(cli, make_config, provider):
    provider.faults.append("429")
    provider.retry_after = "1"
    started = time.perf_counter()
    code, _, _ = cli("run", make_config(samples=1, a_digits="1", b_digits="1"), "--no-progress",
                     "--concurrency", "1")
    assert code == 0
    assert time.perf_counter() - started >= 1.0


def test_rerunning_resumes_and_asks_nothing_twice(cli, make_config, provider, tmp_path):
    config = make_config()
    code, out, _ = cli("run", config, "--no-progress", "--max-requests", "5")
    assert code == 3 and "request budget of 5 reached" in out
    assert len(final_records(tmp_path / "results.sqlite")) == 5
    code, out, _ = cli("run", config, "--no-progress")
    assert code == 0 and "5 already answered, 7 to ask" in out
    code, out, _ = cli("run", config, "--no-progress")
    assert code == 0 and "12 already answered, 0 to ask" in out
    assert len(final_records(tmp_path / "results.sqlite")) == 12
    assert sorted(provider.asked.values()) == [1] * 12


def test_token_budget_stops_the_run_cleanly(cli, make_config, provider, tmp_path):
    code, out, _ = cli("run", make_config(runner={"max_tokens": 60}), "--no-progress", "--concurrency", "1")
    assert code == 3 and "token budget of 60 reached" in out
    assert 0 < len(final_records(tmp_path / "results.sqlite")) < 12


def test_items_that_failed_for_good_are_recorded_as_errors_and_asked_again_next_time(
        cli, make_config, provider, tmp_path):
    provider.faults.extend(["500"] * 5)  # one item exhausts its 4 retries
    config = make_config(samples=1, a_digits="1", b_digits="1")
    code, out, _ = cli("run", config, "--no-progress", "--concurrency", "1")
    assert code == 0 and "1 error" in out
    [record] = final_records(tmp_path / "results.sqlite")
    assert record["outcome"] == "error" and "gave up after 4 retries" in record["error"]
    cli("run", config, "--no-progress")
    [record] = final_records(tmp_path / "results.sqlite")
    assert record["outcome"] == "correct"


def test_a_rejected_key_stops_the_run_with_a_message_and_records_nothing(cli, make_config, provider, tmp_path):
    provider.faults.append("401")
    code, _, err = cli("run", make_config(), "--no-progress", "--concurrency", "1")
    assert code == 1 and "HTTP 401" in err and "Traceback" not in err
    assert final_records(tmp_path / "results.sqlite") == []


def test_no_key_is_written_anywhere(make_config, provider, tmp_path, monkeypatch):
    secret = "sk-test-0123456789abcdef-SECRET"
    config = make_config(api_key_env="FAKE_PROVIDER_KEY")
    process = run_subprocess("run", config, "--no-progress", env={"FAKE_PROVIDER_KEY": secret})
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert provider.auth_headers == {f"Bearer {secret}"}  # it was used...
    export = tmp_path / "export.jsonl"
    run_subprocess("export", tmp_path / "results.sqlite", export).communicate(timeout=60)
    for path in tmp_path.iterdir():  # ...and is nowhere on disk
        assert secret.encode() not in path.read_bytes(), path
    assert secret not in out + err


def test_kill_9_loses_only_requests_in_flight_and_a_restart_completes(make_config, provider, tmp_path):
    provider.latency = 0.02
    config = make_config(a_digits="[1, 3]", b_digits="[1, 3]", samples=10)  # 90 items
    database = tmp_path / "results.sqlite"
    process = run_subprocess("run", config, "--no-progress", "--concurrency", "4")
    wait_for_records(database, 20)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)
    with contextlib.closing(sqlite3.connect(database)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        killed_at = db.execute("SELECT COUNT(*) FROM records").fetchone()[0]
    assert 20 <= killed_at < 90
    answered_before_restart = sum(provider.asked.values())
    assert answered_before_restart - killed_at <= 4  # at most the requests in flight were lost
    restart = run_subprocess("run", config, "--no-progress")
    out, err = restart.communicate(timeout=60)
    assert restart.returncode == 0, err
    records = final_records(database)
    assert len(records) == 90 and len({r["item_key"] for r in records}) == 90
    assert all(r["outcome"] == "correct" for r in records)
    repeated = sum(count - 1 for count in provider.asked.values())
    assert repeated <= 4


def test_ctrl_c_exits_130_with_a_resume_hint(make_config, provider, tmp_path):
    provider.latency = 0.05
    process = run_subprocess("run", make_config(samples=20), "--no-progress", "--concurrency", "1")
    wait_for_records(tmp_path / "results.sqlite", 3)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert "run the same command again to resume" in err and "Traceback" not in err


def test_two_runs_cannot_write_one_database_at_once(cli, make_config, provider, tmp_path):
    config = make_config()
    with ResultsWriter(tmp_path / "results.sqlite") as other_run:
        other_run.lock_for_writing()
        code, _, err = cli("run", config, "--no-progress")
        assert code == 1 and "another run is writing to" in err
        assert cli("stats", tmp_path / "results.sqlite")[0] == 0  # readers are welcome meanwhile
    assert cli("run", config, "--no-progress")[0] == 0


@pytest.mark.parametrize("provider_name, variant, reasoning", [
    ("openai-chat", "algorithm", ""),
    ("openai-completions", "few-shot", "3 x 4 = 12\n"),
    ("anthropic", "plain", "Long multiplication, digit by digit."),
])
def test_each_provider_end_to_end(cli, make_config, provider, tmp_path, provider_name, variant, reasoning):
    provider.answer = lambda a, b: "3 x 4 = 12\nFinal Answer: %d" % (a * b) if variant == "few-shot" else \
        "Final Answer: %d" % (a * b)
    config = make_config(provider=provider_name, variants=f'["{variant}"]', model="claude-sonnet-4-5")
    code, _, err = cli("run", config, "--no-progress")
    assert code == 0, err
    records = final_records(tmp_path / "results.sqlite")
    assert len(records) == 12 and {r["outcome"] for r in records} == {"correct"}
    assert {r["reasoning"] for r in records} == {reasoning}
    assert {r["provider"] for r in records} == {provider_name}


def test_plan_counts_without_asking(cli, make_config, provider, tmp_path):
    config = make_config()
    code, out, _ = cli("plan", config)
    assert code == 0 and "12 items planned, none answered yet" in out
    cli("run", config, "--no-progress", "--max-requests", "4")
    code, out, _ = cli("plan", config)
    assert "12 items planned, 4 answered, 8 to ask" in out
    assert provider.requests == 4


def test_a_server_that_is_down_stops_the_run_instead_of_retrying_every_item(cli, make_config, tmp_path):
    config = make_config(base_url="http://127.0.0.1:9/v1", runner={"max_retries": 1, "concurrency": 1})
    code, _, err = cli("run", config, "--no-progress")
    assert code == 1 and "5 items in a row failed" in err and "connection failed: ConnectError" in err
    records = final_records(tmp_path / "results.sqlite")
    assert [r["outcome"] for r in records] == ["error"] * 5
