"""Fixtures for the experiment tests: a real fault-injecting model server on 127.0.0.1, configuration
files written the way a user writes them, and the command line run in-process or as a subprocess."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from experiment.cli import main
from tests.experiment.fake_provider import FakeProvider, serve_in_thread
from tests.experiment.helpers import config_text


@pytest.fixture
def provider() -> Iterator[FakeProvider]:
    server = FakeProvider()
    serve_in_thread(server)
    yield server
    server.shutdown()
    server.server_close()


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
