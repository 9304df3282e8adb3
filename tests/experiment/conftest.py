"""Fixtures for the experiment tests: a real fault-injecting model server on 127.0.0.1, configuration
files written the way a user writes them, and the command line run in-process or as a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fake_provider import FakeProvider, serve_in_thread  # noqa: E402

from experiment.cli import main  # noqa: E402

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def provider() -> Iterator[FakeProvider]:
    server = FakeProvider()
    serve_in_thread(server)
    yield server
    server.shutdown()
    server.server_close()


def config_text(base_url: str, database: Path, *, provider: str = "openai-chat", model: str = "fake-model",
                a_digits: str = "[1, 2]", b_digits: str = "[1, 2]", samples: int = 3,
                variants: str = '["plain"]', runner: dict | None = None, api_key_env: str | None = None,
                params: str = "") -> str:
    key_line = f'api_key_env = "{api_key_env}"' if api_key_env else ""
    settings = {"concurrency": 4, "timeout": 2, "max_retries": 4, "backoff_base": 0.01, "backoff_max": 0.05,
                **(runner or {})}
    runner_lines = "\n".join(f"{name} = {value}" for name, value in settings.items())
    return f"""
name = "test-run"
seed = 7
samples = {samples}
a_digits = {a_digits}
b_digits = {b_digits}
variants = {variants}
database = "{database}"

[runner]
{runner_lines}

[[models]]
label = "fake"
provider = "{provider}"
base_url = "{base_url}"
model = "{model}"
{key_line}
[models.params]
max_tokens = 64
{params}
"""


@pytest.fixture
def make_config(tmp_path: Path, provider: FakeProvider):
    """Write a configuration file pointing at the fake provider; keyword arguments change its text."""
    def write(name: str = "run.toml", **changes) -> Path:
        path = tmp_path / name
        database = changes.pop("database", tmp_path / "results.sqlite")
        path.write_text(config_text(changes.pop("base_url", provider.base_url), database, **changes))
        return path
    return write


@pytest.fixture
def cli(capsys):
    """Run ``python -m experiment`` in-process; returns (exit code, stdout, stderr)."""
    def run(*args: str) -> tuple[int, str, str]:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err
    return run


def run_subprocess(*args: str, env: dict | None = None, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "experiment", *map(str, args)], cwd=REPO,
                            env={**os.environ, **(env or {})}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kwargs)
