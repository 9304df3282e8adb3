"""Statistics, export and import as JSON Lines: what someone publishing or merging runs relies on."""

import json

from experiment.result_files import ResultsReader


def run_once(cli, make_config):
    code, _, err = cli("run", make_config(), "--no-progress")
    assert code == 0, err


def test_stats_prints_accuracy_with_intervals_per_cell(cli, make_config, provider, tmp_path):
    run_once(cli, make_config)
    code, out, _ = cli("stats", tmp_path / "results.sqlite")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 1 + 4 and "95% CI" in lines[0]
    assert all(" 100 " in line and "44-100" in line for line in lines[1:])  # 3/3 correct: Wilson 44-100
    code, out, _ = cli("stats", tmp_path / "results.sqlite", "--format", "json")
    assert {row["accuracy"] for row in json.loads(out)} == {1.0}


def test_export_then_import_gives_the_same_records_and_importing_twice_adds_nothing(
        cli, make_config, provider, tmp_path):
    run_once(cli, make_config)
    export = tmp_path / "run.jsonl"
    assert cli("export", tmp_path / "results.sqlite", export)[0] == 0
    lines = [json.loads(line) for line in export.read_text().splitlines()]
    assert [line["kind"] for line in lines] == ["run"] + ["record"] * 12
    assert all({"a", "b", "reasoning", "answer"} <= set(line) for line in lines[1:])
    copy = tmp_path / "copy.sqlite"
    code, out, _ = cli("import", export, copy)
    assert code == 0 and "imported 12 records" in out
    code, out, _ = cli("import", export, copy)
    assert "imported 0 records" in out and "12 were already there" in out
    with ResultsReader(tmp_path / "results.sqlite") as original, ResultsReader(copy) as imported:
        assert list(original.records()) == list(imported.records())
        assert original.runs() == imported.runs()


def test_records_only_export_is_plain_records(cli, make_config, provider, tmp_path):
    run_once(cli, make_config)
    export = tmp_path / "plain.jsonl"
    cli("export", tmp_path / "results.sqlite", export, "--records-only")
    lines = [json.loads(line) for line in export.read_text().splitlines()]
    assert len(lines) == 12 and all("kind" not in line and line["a"] * line["b"] == line["product"]
                                    for line in lines)


def test_a_malformed_import_names_the_line_and_writes_nothing(cli, make_config, provider, tmp_path):
    run_once(cli, make_config)
    export = tmp_path / "run.jsonl"
    cli("export", tmp_path / "results.sqlite", export)
    lines = export.read_text().splitlines()
    broken = tmp_path / "broken.jsonl"
    bad = json.loads(lines[5])
    bad["product"] += 1
    broken.write_text("\n".join(lines[:5] + [json.dumps(bad)] + lines[6:]) + "\n")
    code, _, err = cli("import", broken, tmp_path / "new.sqlite")
    assert code == 1 and "line 6: product is not a x b" in err and "nothing was imported" in err
    assert not (tmp_path / "new.sqlite").exists()
    broken.write_text(lines[0] + "\n{not json\n")
    existing = tmp_path / "results.sqlite"
    code, _, err = cli("import", broken, existing)
    assert code == 1 and "line 2: not JSON" in err
    with ResultsReader(existing) as store:
        assert store.count() == 12 and len(store.runs()) == 1
