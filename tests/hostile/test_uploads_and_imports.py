"""Files a reader uploads or an operator imports, damaged or crafted: the readers raise only their documented
errors (UploadError for the page, ImportFailure for the importers), with a short message, and keep nothing
of a refused file."""
from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from experiment.importers import ImportFailure, parse_file
from experiment.importers.writing import write_import
from experiment.results import ResultsWriter
from experiment.results.files import SQLITE_MAGIC
from experiment.results_page.uploads import UploadError, load_upload
from tests.conftest import PROJECT
from tests.hostile.strategies import TRICKS, any_text, hostile_text

SHIPPED = PROJECT / "results" / "gemma3-270m-few-shot.jsonl"
RUN_LINE, RECORD_LINE = (json.loads(line) for line in SHIPPED.read_text(encoding="utf-8").splitlines()[:2])

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.sampled_from(TRICKS),
              st.text(max_size=20), st.integers(min_value=10**30, max_value=10**40), st.just(-(10**400))),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.text(max_size=10), children, max_size=4)),
    max_leaves=12,
)


def paths_of(value, prefix=()):
    """Every place in a JSON document where a value can be swapped for another."""
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from paths_of(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from paths_of(child, (*prefix, index))


def replaced(document, path, value):
    if not path:
        return value
    document = copy.deepcopy(document)
    holder = document
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = value
    return document


@st.composite
def mutated(draw, base):
    """`base` with one to three of its values swapped for arbitrary JSON: a crafted or damaged export."""
    document = base
    for _ in range(draw(st.integers(1, 3))):
        paths = list(paths_of(document))
        document = replaced(document, draw(st.sampled_from(paths)), draw(json_values))
    return document


def short_message(error: Exception) -> None:
    message = str(error)
    assert message and "Traceback" not in message and len(message) < 2000, message


# --- the page's upload reader ---------------------------------------------------------------------------------

def upload(name: str, data: bytes) -> Path | None:
    with tempfile.TemporaryDirectory() as folder:
        try:
            path = load_upload(name, data, folder=Path(folder))
        except UploadError as error:
            short_message(error)
            assert not [p for p in Path(folder).iterdir() if p.suffix in (".part", ".sqlite")], "kept a refused file"
            return None
        assert path.exists() and path.read_bytes().startswith(SQLITE_MAGIC)
        return path


@given(st.one_of(st.binary(max_size=2000), hostile_text.map(str.encode),
                 st.binary(max_size=500).map(lambda b: SQLITE_MAGIC + b)),
       st.sampled_from(["run.jsonl", "run.sqlite", "run.db", "x", "<img src=x onerror=1>.jsonl", "../../etc.db"]))
@example(b"\xff\xfe" + "{}".encode("utf-16-le"), "run.jsonl")
@example(b'{"kind": "record"}\n' * 3, "run.jsonl")
def test_any_bytes_uploaded_are_a_database_or_a_message(data, name):
    upload(name, data)


@given(mutated({"run": RUN_LINE, "record": RECORD_LINE}), st.booleans())
def test_a_crafted_export_uploaded_is_a_database_or_a_message(lines, with_run):
    run, record = (lines.get("run"), lines.get("record")) if isinstance(lines, dict) else (lines, lines)
    text = "\n".join(json.dumps(line, ensure_ascii=False) for line in ([run] if with_run else []) + [record])
    upload("crafted.jsonl", text.encode("utf-8"))


# --- the importers ----------------------------------------------------------------------------------------------

def promptfoo_export() -> dict:
    result = {"id": "r1", "provider": {"id": "vendor/chat-model", "label": ""},
              "vars": {"a": 12, "b": 34, "expected": 408},
              "prompt": {"raw": "Calculate 12 times 34.", "label": "Calculate {{a}} times {{b}}."},
              "response": {"output": "<think>12 x 34</think>Final Answer: 408",
                           "tokenUsage": {"total": 10, "prompt": 5, "completion": 5}},
              "success": True, "latencyMs": 120, "testIdx": 0, "gradingResult": {"pass": True}}
    return {"evalId": "eval-test", "config": {"providers": [{"id": "openrouter:vendor/chat-model",
                                                             "config": {"max_tokens": 64}}]},
            "metadata": {"promptfooVersion": "0.100.0"},
            "results": {"version": 3, "timestamp": "2025-01-01T00:00:00.000Z", "results": [result]}}


def imported(tmp_path: Path, data: bytes, name: str = "export.json") -> None:
    path = tmp_path / name
    path.write_bytes(data)
    try:
        fmt, parsed = parse_file(path)
    except ImportFailure as error:
        short_message(error)
        return
    if parsed is None:
        return  # this project's own JSON Lines: read by experiment.results.jsonl, tested above
    for record in parsed.records:
        assert record["a"] * record["b"] == record["product"]
    with ResultsWriter.in_memory() as writer:
        write_import(parsed, writer)


@given(mutated(promptfoo_export()))
@example({"results": {"results": ["x"]}})
@example({"results": {"results": [{"provider": "p", "vars": {"a": "1e400", "b": 2}, "prompt": {"raw": "x"}}]}})
def test_a_crafted_promptfoo_export_imports_or_is_refused_with_a_message(tmp_path_factory, document):
    imported(tmp_path_factory.mktemp("import"), json.dumps(document).encode())


@given(mutated({"version": 2, "status": "success", "eval": {"task": "t", "model": "mockllm/model"},
                "samples": [{"id": 1, "input": "What is the product of 12 and 34?", "target": "408",
                             "metadata": {"a": 12, "b": 34}}]}))
def test_a_crafted_inspect_json_log_imports_or_is_refused_with_a_message(tmp_path_factory, document):
    imported(tmp_path_factory.mktemp("import"), json.dumps(document).encode())


@given(st.one_of(st.binary(max_size=3000), any_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
                 st.binary(max_size=300).map(lambda b: b"PK\x03\x04" + b),
                 st.binary(max_size=300).map(lambda b: b"{" + b)))
def test_any_bytes_given_to_the_importers_are_refused_with_a_message(tmp_path_factory, data):
    imported(tmp_path_factory.mktemp("import"), data, name="whatever.eval")


def test_the_import_command_refuses_a_number_past_64_bits_in_one_line_and_creates_nothing(tmp_path, capsys):
    """Found by the property test above: a token count of 2**63 reached SQLite and raised OverflowError."""
    from experiment.cli import main

    document = promptfoo_export()
    document["results"]["results"][0]["response"]["tokenUsage"]["prompt"] = 2**63
    document["results"]["results"][0]["provider"]["label"] = 2**63
    source = tmp_path / "export.json"
    source.write_text(json.dumps(document))
    code = main(["import", str(source), str(tmp_path / "out.sqlite")])
    captured = capsys.readouterr()
    assert code == 0, captured.err  # the count is unknown and the label falls back to the provider id
    from experiment.result_files import ResultsReader

    with ResultsReader(tmp_path / "out.sqlite") as reader:
        [record] = [r.to_dict() for r in reader.records()]
    assert record["model_label"] == "vendor/chat-model" and record["prompt_tokens"] is None

    document["results"]["results"][0]["vars"]["a"] = 2**70  # operands are any size: still imported
    source.write_text(json.dumps(document))
    assert main(["import", str(source), str(tmp_path / "big.sqlite")]) == 0
