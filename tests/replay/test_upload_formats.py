"""The page's upload takes what `python -m experiment import` takes, with the same messages: one way in."""
from __future__ import annotations

import json

from experiment.cli import main
from tests.replay.helpers import assert_no_traceback, figure_titled, run_page


def promptfoo_export() -> bytes:
    """What `promptfoo eval -o out.json` writes, for three problems one model answered."""
    results = [{"id": f"r{i}", "provider": {"id": "vendor/chat-model", "label": ""},
                "vars": {"a": a, "b": b, "expected": a * b},
                "prompt": {"raw": f"Calculate {a} times {b}.", "label": "Calculate {{a}} times {{b}}."},
                "response": {"output": f"Final Answer: {answer}", "tokenUsage": {"total": 10}},
                "success": answer == a * b, "latencyMs": 120, "testIdx": i}
               for i, (a, b, answer) in enumerate([(12, 34, 408), (56, 78, 4368), (91, 23, 2000)])]
    return json.dumps({"evalId": "eval-upload", "config": {"providers": ["openrouter:vendor/chat-model"]},
                       "results": {"version": 3, "timestamp": "2025-01-01T00:00:00.000Z",
                                   "results": results}}).encode()


def test_a_promptfoo_export_uploads_on_the_page_as_it_imports(monkeypatch, tmp_path, capsys):
    export = tmp_path / "promptfoo-out.json"
    export.write_bytes(promptfoo_export())
    assert main(["import", str(export), str(tmp_path / "imported.sqlite")]) == 0
    assert "3 records" in capsys.readouterr().out

    at = run_page(monkeypatch, tmp_path / "empty")
    at.file_uploader(key="x_upload").set_value(("promptfoo-out.json", export.read_bytes(), "application/json")).run()
    assert_no_traceback(at)
    assert not at.error
    heatmap = figure_titled(at, "Accuracy by digit counts")
    assert {t["name"] for t in heatmap["data"]} == {"vendor/chat-model"}  # the upload's model, drawn


def test_a_file_the_import_command_refuses_is_refused_on_the_page_with_its_message(monkeypatch, tmp_path, capsys):
    document = json.loads(promptfoo_export())
    document["results"]["results"][0]["vars"] = {"expected": 408}  # no operands anywhere
    export = tmp_path / "bad.json"
    export.write_text(json.dumps(document))
    assert main(["import", str(export), str(tmp_path / "imported.sqlite")]) == 1
    refused = capsys.readouterr().err
    assert "no vars.a" in refused

    at = run_page(monkeypatch, tmp_path / "empty")
    at.file_uploader(key="x_upload").set_value(("bad.json", export.read_bytes(), "application/json")).run()
    assert_no_traceback(at)
    assert "bad.json" in at.error[0].value and "no vars.a" in at.error[0].value
