"""Bad input gets a clear message and a non-zero exit, never a traceback, and leaves no file behind."""

import pytest

from tests.experiment.helpers import config_text


@pytest.mark.parametrize("change, message", [
    (lambda t: t.replace("samples = 3", "sampels = 3"), "unknown key 'sampels'"),
    (lambda t: t.replace("samples = 3", "samples = 0"), "'samples'"),
    (lambda t: t.replace("samples = 3", "samples = 100"), "more than the 81 distinct problems"),
    (lambda t: t.replace("samples = 3", 'samples = "three"'), "must be an integer"),
    (lambda t: t.replace("a_digits = [1, 2]", "a_digits = [3, 1]"), "1 <= first <= last"),
    (lambda t: t.replace('["plain"]', '["cot"]'), "unknown prompt variant 'cot'"),
    (lambda t: t.replace('provider = "openai-chat"', 'provider = "gemini"'), "provider 'gemini'"),
    (lambda t: t.replace("base_url = \"http", "base_url = \"ftp"), "must start with http"),
    (lambda t: t.replace("concurrency = 4", "concurrency = 0"), "at least 1"),
    (lambda t: t + "\n[[models]]\nlabel = 'fake'\nprovider = 'anthropic'\nbase_url = 'http://x'\nmodel = 'y'\n",
     "labels must be unique"),
    (lambda t: t.replace('model = "fake-model"', 'model = "fake-model"\napi_key_env = "sk-ant-0123456789abcdefghij"'),
     "NAME of an environment variable"),
    (lambda t: t + "\nthis is not toml", "not valid TOML"),
])
def test_a_bad_configuration_is_explained_and_nothing_is_written(cli, tmp_path, change, message):
    database = tmp_path / "results.sqlite"
    path = tmp_path / "bad.toml"
    path.write_text(change(config_text("http://127.0.0.1:9/v1", database)))
    code, out, err = cli("run", path)
    assert code == 2
    assert message in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == [path]


def test_a_missing_key_variable_is_named_before_anything_is_asked(cli, make_config, tmp_path, monkeypatch):
    monkeypatch.delenv("NO_SUCH_KEY_VARIABLE", raising=False)
    code, _, err = cli("run", make_config(api_key_env="NO_SUCH_KEY_VARIABLE"))
    assert code == 2 and "environment variable NO_SUCH_KEY_VARIABLE is not set" in err
    assert not (tmp_path / "results.sqlite").exists()


def test_missing_files_and_folders(cli, tmp_path):
    assert cli("run", tmp_path / "nope.toml")[0] == 2
    assert "does not exist" in cli("stats", tmp_path / "nope.sqlite")[2]
    assert not (tmp_path / "nope.sqlite").exists()


@pytest.mark.parametrize("args", [[], ["fly"], ["run"], ["run", "x.toml", "--concurrency", "zero"],
                                  ["run", "x.toml", "--max-requests", "-1"], ["stats", "x", "--format", "xml"]])
def test_bad_command_lines_exit_2_with_usage(cli, args):
    with pytest.raises(SystemExit) as exit:
        cli(*args)
    assert exit.value.code == 2


def test_a_file_that_is_not_a_results_database_is_refused(cli, tmp_path):
    text = tmp_path / "notes.sqlite"
    text.write_text("just some notes, not a database" * 100)
    code, _, err = cli("stats", text)
    assert code == 1 and "not an experiment results database" in err and "Traceback" not in err


def test_a_database_from_a_newer_version_is_refused(cli, tmp_path):
    import sqlite3
    path = tmp_path / "future.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    code, _, err = cli("stats", path)
    assert code == 1 and "schema version 99" in err
