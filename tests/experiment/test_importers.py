"""Importing runs recorded by other tools: the real promptfoo export of 52 models, Inspect AI logs written
by inspect_ai itself, and damaged files, all through the command line into real SQLite files."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from experiment.importers import parse_file
from experiment.reasoning_models import is_reasoning_model, reasoning_fact
from experiment.result_files import ResultsReader

REPO = Path(__file__).resolve().parents[2]
SHARED_CANDIDATES = [REPO.parent / "shared", REPO.parent.parent / "shared"]
SHARED = next((p / "data" / "llmmath" for p in SHARED_CANDIDATES if (p / "data" / "llmmath").is_dir()), None)
EXPORT_NAME = "multiplication-2025-04-27.promptfoo.json"
needs_shared = pytest.mark.skipif(SHARED is None, reason="the shared data folder (../shared/data/llmmath, the real "
                                                          "promptfoo export) is not beside the repository")


def records_of(database: Path) -> list[dict]:
    with ResultsReader(database) as reader:
        return [record.to_dict() for record in reader.records()]


def runs_of(database: Path) -> list:
    with ResultsReader(database) as reader:
        return reader.runs()


def one_line_error(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    return lines[0]


# --- the real export: an excerpt that ships with the tests, and the whole file where the shared folder is ----------

EXCERPT = Path(__file__).resolve().parent / "data" / "llmmath-excerpt" / "llmmath-excerpt.promptfoo.json"


@pytest.fixture(scope="module")
def excerpt_export(tmp_path_factory) -> Path:
    """A copy, with its licence beside it as in the repository (the importer reads the notice from there)."""
    folder = tmp_path_factory.mktemp("llmmath-excerpt")
    shutil.copy(EXCERPT, folder / EXCERPT.name)
    shutil.copy(EXCERPT.parent / "LICENSE", folder / "LICENSE")
    return folder / EXCERPT.name


@pytest.fixture(scope="module")
def shared_export(tmp_path_factory) -> Path:
    if SHARED is None:
        pytest.skip("the shared data folder (../shared/data/llmmath) is not beside the repository")
    folder = tmp_path_factory.mktemp("llmmath")
    shutil.copy(SHARED / EXPORT_NAME, folder / EXPORT_NAME)
    shutil.copy(SHARED / "LICENSE", folder / "LICENSE")
    return folder / EXPORT_NAME


@pytest.fixture(scope="module")
def parsed_shared(shared_export):
    return parse_file(shared_export)[1]


@pytest.fixture(scope="module", params=["excerpt", "shared"])
def parsed_real(request):
    """The excerpt always; the whole export too where the shared folder is beside the repository."""
    export = request.getfixturevalue(f"{request.param}_export")
    return parse_file(export)[1]


def test_the_shipped_excerpt_imports_end_to_end_and_twice_adds_nothing(cli, excerpt_export, tmp_path):
    database = tmp_path / "excerpt.sqlite"
    code, out, err = cli("import", excerpt_export, database)
    assert code == 0, err
    assert "19 records, 7 models" in out
    assert "written: 19 new records (0 were already there)" in out
    assert re.search(r"recorded expected values that are not a x b: 4 records\n\s+4\s+987654321 x 123456789: "
                     r"recorded 121932631112635260, true 121932631112635269", out)
    records = records_of(database)
    assert len(records) == 19 and len({r["model_label"] for r in records}) == 7
    assert all(r["product"] == r["a"] * r["b"] for r in records)
    assert Counter(r["recorded_verdict"] for r in records) == {"pass": 8, "fail": 11}
    assert {r["model"] for r in records if r["reasoning_visibility"] == "hidden"} == {"o3", "openai/o3-mini"}
    run = runs_of(database)[0]
    assert run.provenance["licence"] == "MIT" and run.provenance["notice"] == "Copyright 2025 Anand S"
    code, out, _ = cli("import", excerpt_export, database)
    assert code == 0 and "written: 0 new records (19 were already there)" in out
    assert len(records_of(database)) == 19


@needs_shared
def test_the_shared_export_imports_end_to_end_and_twice_adds_nothing(cli, shared_export, tmp_path):
    database = tmp_path / "llmmath.sqlite"
    code, out, err = cli("import", shared_export, database)
    assert code == 0, err
    assert "364 records, 52 models" in out
    assert "written: 364 new records (0 were already there)" in out
    assert re.search(r"recorded expected values that are not a x b: 52 records\n\s+52\s+987654321 x 123456789: "
                     r"recorded 121932631112635260, true 121932631112635269", out)
    records = records_of(database)
    assert len(records) == 364 and len({r["model_label"] for r in records}) == 52
    assert all(r["product"] == r["a"] * r["b"] for r in records)
    big = [r for r in records if r["a"] == 987654321]
    assert {r["product"] for r in big} == {121932631112635269}
    # the database keeps the recorded verdicts (promptfoo's own stats: 178 successes, 186 failures) and
    # says which finish reasons were inferred
    assert Counter(r["recorded_verdict"] for r in records) == {"pass": 178, "fail": 186}
    r1_cut = [r for r in records if r["model"] == "deepseek/deepseek-r1" and r["finish_reason"] == "length"]
    assert len(r1_cut) == 6 and all("reached" in r["finish_reason_inferred"] or "reach " in r["finish_reason_inferred"]
                                    for r in r1_cut)

    code, out, _ = cli("import", shared_export, database)
    assert code == 0 and "written: 0 new records (364 were already there)" in out
    assert len(records_of(database)) == 364
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == 1


def test_deepseek_r1_six_truncations_are_inferred_and_said_to_be(parsed_real):
    r1 = sorted((r for r in parsed_real.records if r["model"] == "deepseek/deepseek-r1"), key=lambda r: r["a"])
    assert len(r1) == 7
    assert r1[0]["a"] == 12 and r1[0]["finish_reason"] == "stop" and r1[0]["outcome"] == "correct"
    cut = r1[1:]
    assert [r["finish_reason"] for r in cut] == ["length"] * 6
    assert all(r["outcome"] == "truncated" for r in cut)
    for r in cut:
        assert "no finish reason recorded" in r["finish_reason_inferred"]
        assert "the limit of 1,024" in r["finish_reason_inferred"] and "mid-sentence" in r["finish_reason_inferred"]
    assert parsed_real.summary.truncations_inferred["deepseek/deepseek-r1"] == 6


def test_grok_reasoning_tokens_are_counted_and_its_output_is_its_reasoning(parsed_real):
    grok = {r["a"]: r for r in parsed_real.records if r["model"] == "x-ai/grok-3-mini-beta"}
    assert grok[12]["reasoning_tokens"] == 226 and grok[12]["completion_tokens"] == 228  # 2 answer + 226
    assert grok[12]["reasoning"].startswith("First, the user asked") and grok[12]["answer"] == ""
    assert grok[12]["reasoning_visibility"] == "full"
    # 1,024 reasoning tokens and no answer tokens: cut at promptfoo's default limit, not wrong
    for a in (12345, 1234567) if len(grok) == 7 else (12345,):
        assert grok[a]["finish_reason"] == "length" and grok[a]["outcome"] == "truncated"
        assert "1,024 output tokens reached the limit of 1,024" in grok[a]["finish_reason_inferred"]


def test_o3_hidden_reasoning_comes_from_the_provider_body(parsed_real):
    o3 = {r["a"]: r for r in parsed_real.records if r["model_label"] == "openai:o3"}
    assert o3[987654321]["reasoning_tokens"] == 3968 and o3[987654321]["reasoning_visibility"] == "hidden"
    assert o3[987654321]["finish_reason"] == "completed" and o3[987654321]["finish_reason_inferred"] is None
    # the right answer, recorded as a failure because the recorded expected value lost its last digit
    assert o3[987654321]["outcome"] == "correct" and o3[987654321]["recorded_verdict"] == "fail"
    mini = next(r for r in parsed_real.records if r["model"] == "openai/o3-mini" and r["a"] == 12)
    assert mini["reasoning_visibility"] == "hidden" and mini["reasoning_tokens"] is None


def test_disagreements_with_the_recorded_verdicts_are_counted_with_reasons(parsed_real):
    summary = parsed_real.summary
    records = parsed_real.records
    differ = [r for r in records if r["recorded_verdict"] != ("pass" if r["outcome"] == "correct" else "fail")]
    assert summary.disagreement_count == len(differ) > 0
    wrong_expected = "recorded expected 121932631112635260 is not a x b (121932631112635269)"
    right_but_failed = [r for r in records if r["a"] == 987654321 and r["outcome"] == "correct"]
    assert right_but_failed and all(r["recorded_verdict"] == "fail" for r in right_but_failed)
    assert summary.disagreements[wrong_expected] == len(right_but_failed)
    assert any(reason.startswith("lenient contains check") for reason in summary.disagreements)


@needs_shared
def test_records_carry_cells_samples_variant_and_provenance(parsed_shared, shared_export):
    records = parsed_shared.records
    assert {(r["m"], r["n"]) for r in records} == {(2, 2), (3, 3), (4, 4), (5, 4), (6, 6), (7, 7), (9, 9)}
    assert {r["sample"] for r in records} == {0}  # one problem per (model, variant, m, n) cell
    assert len({r["variant"] for r in records}) == 1
    assert len({r["item_key"] for r in records}) == 364
    assert all(set(json.loads(r["raw_response"])) >= {"vars", "response"} for r in records)
    source = parsed_shared.run.provenance["source"]
    assert source["tool"] == "promptfoo" and source["evalId"] == "eval-QnQ-2025-04-27T05:26:28"
    assert source["sha256"] == "52315b1d84194b65a530d284f288513ff9af5f8495950ba0a596fb23879fae9a"
    assert parsed_shared.run.provenance["licence"] == "MIT"
    assert parsed_shared.run.provenance["notice"] == "Copyright 2025 Anand S"


@needs_shared
def test_every_model_of_the_shared_export_is_in_the_reasoning_table(parsed_shared):
    models = {r["model"] for r in parsed_shared.records}
    assert all(reasoning_fact(m) is not None and reasoning_fact(m).source for m in models)
    reasoning = {m for m in models if is_reasoning_model(m)}
    assert reasoning == {"o3", "openai/o1-mini", "openai/o3-mini", "openai/o3-mini-high", "openai/o4-mini",
                         "openai/o4-mini-high", "deepseek/deepseek-r1", "anthropic/claude-3.7-sonnet:thinking",
                         "google/gemini-2.5-flash-preview:thinking", "google/gemini-2.5-pro-preview-03-25",
                         "x-ai/grok-3-mini-beta"}
    assert is_reasoning_model("some-unknown-model") is None


# --- small promptfoo exports made here ---------------------------------------------------------------------

def promptfoo_export(results: list[dict], providers: list | None = None) -> dict:
    return {"evalId": "eval-test", "config": {"providers": providers or ["openrouter:vendor/chat-model"]},
            "results": {"version": 3, "timestamp": "2025-01-01T00:00:00.000Z", "results": results}}


def promptfoo_result(a, b, output: str, *, rid: str, usage: dict | None = None, success: bool = True,
                     provider: str = "vendor/chat-model", **extra) -> dict:
    result = {"id": rid, "provider": {"id": provider, "label": ""}, "vars": {"a": a, "b": b, "expected": a * b},
              "prompt": {"raw": f"Calculate {a} times {b}.", "label": "Calculate {{a}} times {{b}}."},
              "response": {"output": output, "tokenUsage": usage or {"total": 10}}, "success": success,
              "latencyMs": 120, "testIdx": 0}
    result.update(extra)
    return result


def write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data))
    return path


def test_a_cut_reply_is_inferred_from_the_configured_limit_and_a_finished_one_is_not(cli, tmp_path):
    export = promptfoo_export(
        [promptfoo_result(12, 34, "Let me work it out. 12 x 34 = 12 x 30 + 12 x 4 = 360 +", rid="r1",
                          usage={"total": 70, "prompt": 20, "completion": 50}, success=False),
         promptfoo_result(12, 34, "Final Answer: 408", rid="r2", usage={"total": 25, "prompt": 20, "completion": 5}),
         promptfoo_result(123, 45, "5535", rid="r3", usage={"total": 22, "prompt": 20, "completion": 2})],
        providers=[{"id": "openrouter:vendor/chat-model", "config": {"max_tokens": 50}}])
    source = write_json(tmp_path / "out.json", export)
    database = tmp_path / "db.sqlite"
    code, out, err = cli("import", source, database)
    assert code == 0, err
    _, parsed = parse_file(source)
    cut, done, other = parsed.records
    assert cut["finish_reason"] == "length" and cut["outcome"] == "truncated"
    assert cut["finish_reason_inferred"].startswith("no finish reason recorded: 50 output tokens reached the limit "
                                                    "of 50 (the provider's max_tokens")
    assert done["finish_reason"] == "stop" and done["outcome"] == "correct"
    assert "below" in done["finish_reason_inferred"]
    # 12 x 34 asked twice: samples 0 and 1 of one 2x2 cell; 123 x 45 is alone in 3x2
    assert (cut["sample"], done["sample"], other["sample"]) == (0, 1, 0)
    assert cut["item_key"] != done["item_key"]
    assert "finish reasons inferred (none recorded): 3, of which truncations: 1" in out


def test_think_tags_and_a_reasoning_field_become_the_reasoning(tmp_path):
    export = promptfoo_export([
        promptfoo_result(12, 34, "<think>12 x 34 = 408</think>Final Answer: 408", rid="t"),
        {**promptfoo_result(56, 78, "Final Answer: 4368", rid="f"),
         "response": {"output": "Final Answer: 4368", "reasoning": "56 x 78 = 4368", "tokenUsage": {"total": 9}}}])
    _, parsed = parse_file(write_json(tmp_path / "out.json", export))
    tagged, field = parsed.records
    assert (tagged["reasoning"], tagged["answer"], tagged["reasoning_source"]) == \
        ("12 x 34 = 408", "Final Answer: 408", "think_tags")
    assert (field["reasoning"], field["reasoning_source"], field["reasoning_visibility"]) == \
        ("56 x 78 = 4368", "reasoning", "full")
    assert tagged["reasoning_visibility"] == "full"


def test_a_wrong_recorded_expected_is_counted_and_explains_the_disagreement(tmp_path):
    result = promptfoo_result(987654321, 123456789, "121932631112635269", rid="x", success=False)
    result["vars"]["expected"] = 121932631112635260
    _, parsed = parse_file(write_json(tmp_path / "out.json", promptfoo_export([result])))
    assert parsed.records[0]["outcome"] == "correct" and parsed.records[0]["recorded_verdict"] == "fail"
    assert parsed.summary.disagreements == {
        "recorded expected 121932631112635260 is not a x b (121932631112635269)": 1}


# --- damaged input: one line, exit 1, no database ----------------------------------------------------------

def assert_refused(cli, source: Path, database: Path, *needles: str) -> str:
    code, out, err = cli("import", source, database)
    assert code == 1, (out, err)
    line = one_line_error(err)
    for needle in needles:
        assert needle in line, line
    assert not database.exists() and not Path(f"{database}-wal").exists()
    return line


def test_truncated_json_is_refused_and_no_database_is_created(cli, tmp_path):
    text = json.dumps(promptfoo_export([promptfoo_result(12, 34, "408", rid=str(i)) for i in range(20)]))
    source = tmp_path / "cut.json"
    source.write_text(text[: len(text) // 2])
    assert_refused(cli, source, tmp_path / "new.sqlite", "cut.json", "not valid JSON", "truncated")


def test_a_zip_that_is_not_an_eval_log_is_refused(cli, tmp_path):
    source = tmp_path / "photos.eval"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("holiday.txt", "not a log")
    assert_refused(cli, source, tmp_path / "new.sqlite", "photos.eval", "not an Inspect eval log")
    damaged = tmp_path / "damaged.eval"
    damaged.write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    assert_refused(cli, damaged, tmp_path / "new.sqlite", "damaged.eval", "damaged zip")


def test_a_record_without_vars_a_is_named_and_nothing_is_written(cli, tmp_path):
    good = promptfoo_result(12, 34, "408", rid="good")
    bad = promptfoo_result(56, 78, "4368", rid="bad-one")
    del bad["vars"]["a"]
    source = write_json(tmp_path / "out.json", promptfoo_export([good, bad]))
    assert_refused(cli, source, tmp_path / "new.sqlite", "result 1", "bad-one", "no vars.a")
    # an existing database is left exactly as it was
    existing = tmp_path / "existing.sqlite"
    code, _, _ = cli("import", write_json(tmp_path / "ok.json", promptfoo_export([good])), existing)
    assert code == 0 and len(records_of(existing)) == 1
    code, _, err = cli("import", source, existing)
    assert code == 1 and "no vars.a" in one_line_error(err)
    assert len(records_of(existing)) == 1


def test_a_floating_point_operand_is_refused_not_rounded(cli, tmp_path):
    result = promptfoo_result(12, 34, "408", rid="f")
    result["vars"]["a"] = 1.2345678901234567e+19
    assert_refused(cli, write_json(tmp_path / "out.json", promptfoo_export([result])), tmp_path / "new.sqlite",
                   "vars.a", "floating-point")


def test_another_format_and_a_file_above_the_limit_are_refused(cli, tmp_path, monkeypatch):
    other = write_json(tmp_path / "other.json", {"hello": "world"})
    assert_refused(cli, other, tmp_path / "new.sqlite", "neither a promptfoo export")
    text = tmp_path / "notes.txt"
    text.write_text("just some notes\n")
    assert_refused(cli, text, tmp_path / "new.sqlite", "neither JSON")
    monkeypatch.setattr("experiment.importers.base.MAX_IMPORT_BYTES", 1000)
    big = write_json(tmp_path / "big.json", promptfoo_export([promptfoo_result(12, 34, "408" * 500, rid="b")]))
    assert_refused(cli, big, tmp_path / "new.sqlite", "big.json", "above the import limit of 1,000 bytes")


def test_the_projects_own_export_still_imports(cli, tmp_path):
    export = promptfoo_export([promptfoo_result(12, 34, "Final Answer: 408", rid="o")])
    source = write_json(tmp_path / "ok.json", export)
    first = tmp_path / "first.sqlite"
    assert cli("import", source, first)[0] == 0
    exported = tmp_path / "first.jsonl"
    assert cli("export", first, exported)[0] == 0
    code, out, err = cli("import", exported, tmp_path / "second.sqlite")
    assert code == 0, err
    assert "imported 1 records" in out
    assert [r["record_id"] for r in records_of(tmp_path / "second.sqlite")] == \
        [r["record_id"] for r in records_of(first)]


# --- Inspect AI logs written by inspect_ai -----------------------------------------------------------------

@pytest.fixture(scope="module")
def inspect_logs(tmp_path_factory):
    from tests.experiment.inspect_task import write_log

    folder = tmp_path_factory.mktemp("inspect-logs")
    return {fmt: write_log(folder / fmt, log_format=fmt) for fmt in ("eval", "json")}


@pytest.mark.parametrize("fmt", ["eval", "json"])
def test_an_inspect_log_imports_with_operands_reasoning_and_stop_reasons(cli, inspect_logs, tmp_path, fmt):
    database = tmp_path / "inspect.sqlite"
    code, out, err = cli("import", inspect_logs[fmt], database)
    assert code == 0, err
    assert "(inspect): 4 records, 1 model, 3 cells" in out  # 2x2 twice, 4x2, 4x4
    records = {r["a"]: r for r in records_of(database)}
    assert sorted((r["a"], r["b"]) for r in records.values()) == [(12, 34), (99, 99), (1234, 56), (4321, 8765)]
    meta = records[12]
    assert meta["outcome"] == "correct" and meta["reasoning"] == "Long multiplication: 12 x 34 = 408."
    assert meta["reasoning_visibility"] == "full" and meta["answer"] == "Final Answer: 408"
    assert (meta["prompt_tokens"], meta["completion_tokens"], meta["reasoning_tokens"]) == (12, 30, 20)
    assert meta["finish_reason"] == "stop" and meta["model_label"] == "mockllm/model"
    assert records[1234]["outcome"] == "correct" and records[1234]["m"] == 4 and records[1234]["n"] == 2
    assert records[99]["outcome"] == "wrong"
    assert records[4321]["finish_reason"] == "max_tokens" and records[4321]["outcome"] == "truncated"
    # importing the same log again adds nothing
    code, out, _ = cli("import", inspect_logs[fmt], database)
    assert code == 0 and "written: 0 new records (4 were already there)" in out


def test_an_inspect_log_keeps_the_recorded_scores_and_its_provenance(inspect_logs):
    _, parsed = parse_file(inspect_logs["eval"])
    verdicts = {r["a"]: r["recorded_verdict"] for r in parsed.records}
    assert verdicts == {12: "pass", 1234: "pass", 99: "fail", 4321: "fail"}  # includes() as Inspect scored it
    assert parsed.summary.disagreement_count == 0
    source = parsed.run.provenance["source"]
    assert source["tool"] == "inspect_ai" and source["tool_version"] and source["eval_id"]
    assert parsed.run.config["token_limit"] == 64


def test_an_inspect_sample_without_operands_is_named_and_nothing_is_written(cli, tmp_path):
    from inspect_ai.dataset import Sample

    from tests.experiment.inspect_task import write_log

    log = write_log(tmp_path / "logs", [Sample(id="ok", input="12 times 34", target="408"),
                                        Sample(id="vague", input="Multiply 7 by itself, then double it", target="98")])
    assert_refused(cli, log, tmp_path / "new.sqlite", "sample vague", "no operands")


# --- the shipped conversion ----------------------------------------------------------------------------------

SHIPPED = REPO / "results" / "llmmath-2025-04-27"


@pytest.fixture(scope="module")
def shipped_records(tmp_path_factory):
    copy = tmp_path_factory.mktemp("shipped") / "llmmath.sqlite"
    shutil.copy(SHIPPED.with_suffix(".sqlite"), copy)  # the shipped file is never opened for writing by tests
    return records_of(copy), runs_of(copy)


def test_the_shipped_llmmath_run_keeps_its_mit_notice_and_provenance(shipped_records):
    records, runs = shipped_records
    licence = SHIPPED.with_suffix(".LICENSE").read_text()
    assert licence.startswith("Copyright 2025 Anand S") and "Permission is hereby granted" in licence
    assert len(records) == 364 and len(runs) == 1
    provenance = runs[0].provenance
    assert provenance["licence"] == "MIT" and provenance["notice"] == "Copyright 2025 Anand S"
    assert provenance["source"]["sha256"] == "52315b1d84194b65a530d284f288513ff9af5f8495950ba0a596fb23879fae9a"
    lines = SHIPPED.with_suffix(".jsonl").read_text().splitlines()
    assert sum(json.loads(line)["kind"] == "record" for line in lines) == 364


@needs_shared
def test_the_shipped_llmmath_run_is_what_todays_importer_makes(shipped_records, parsed_shared):
    records, _ = shipped_records
    shipped = {r["record_id"]: r for r in records}
    fields = ("item_key", "a", "b", "product", "answer", "reasoning", "outcome", "finish_reason",
              "reasoning_tokens", "sample", "variant")
    for record in parsed_shared.records:
        assert {f: shipped[record["record_id"]][f] for f in fields} == {f: record[f] for f in fields}


def test_a_failed_provider_call_is_an_error_record_not_a_wrong_answer(tmp_path):
    failed = promptfoo_result(12, 34, "", rid="e", success=False, failureReason=2,
                              error="API error: 429 Too Many Requests")
    failed["response"] = {"error": "API error: 429 Too Many Requests"}
    _, parsed = parse_file(write_json(tmp_path / "out.json", promptfoo_export([failed])))
    record = parsed.records[0]
    assert record["outcome"] == "error" and "429" in record["error"]
    assert parsed.summary.disagreement_count == 0


# --- the rules the importers rely on -----------------------------------------------------------------------

@pytest.mark.parametrize("text, operands", [
    ("What is 12 times 34?", (12, 34)),
    ("Compute 1,234 x 5,678.", (1234, 5678)),
    ("Calculate 987654321 × 123456789", (987654321, 123456789)),
    ("3 * 4 = ?", (3, 4)),
    ("Find the product of 120 and 45.", (120, 45)),
    ("What is 7 multiplied by 8?", (7, 8)),
    ("Multiply 7 by itself", None),
    ("Version 1.5 x 2", None),
])
def test_operands_are_read_only_from_an_explicit_product(text, operands):
    from experiment.importers.operands import operands_in_text

    assert operands_in_text(text) == operands


@pytest.mark.parametrize("text, cut", [
    ("144", False),  # a bare answer is finished
    ("The answer is 144", False),  # a short one-line reply is never judged by its text
    ("Let me think.\n6 x 4 = 24 + 3 = 27, write 7, carry 2.\n6 x 3 = 18 + 2 = 20\n6 x 2 =", True),
    ("Let me think.\nSo starting from the right, writing each", True),
    ("Let me think.\nThen adding 74,040 gives 7,033,800 + 74,040", True),
    ("Let me think.\nBreaking that down: 96,295,680,000 + 1,111,104,000. Then multiply by 1,", True),
    ("Let me think.\nSo the answer should be 144.\n", False),
    ("Working:\n12 x 12 = 144\n**Final Answer: 144**", False),
    ("Working:\n12 x 12 = 144\nFinal Answer: 144", False),
    ("Working:\n12 x 12 = 144\nSo the product of 12 and 12 is", True),
])
def test_an_output_that_stops_mid_sentence_or_mid_number_reads_as_cut(text, cut):
    from experiment.importers.truncation import stops_mid_sentence

    assert stops_mid_sentence(text) is cut


def test_licence_and_notice_given_on_the_command_line_are_kept_with_the_run(cli, tmp_path):
    source = write_json(tmp_path / "out.json", promptfoo_export([promptfoo_result(12, 34, "408", rid="l")]))
    database = tmp_path / "db.sqlite"
    code, _, err = cli("import", source, database, "--licence", "CC-BY-4.0", "--notice", "(c) 2026 Someone")
    assert code == 0, err
    provenance = runs_of(database)[0].provenance
    assert (provenance["licence"], provenance["notice"]) == ("CC-BY-4.0", "(c) 2026 Someone")
    assert provenance["source"]["file"] == "out.json" and provenance["importer_version"]
