"""Helpers shared by the experiment tests: a configuration file's text and the command line as a process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


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


def _as_in_a_terminal() -> None:
    """Ctrl-C as a user's shell delivers it: a job started in the background inherits SIGINT ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run_subprocess(*args: str, env: dict | None = None, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "experiment", *map(str, args)], cwd=REPO,
                            env={**os.environ, **(env or {})}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, preexec_fn=_as_in_a_terminal, **kwargs)
