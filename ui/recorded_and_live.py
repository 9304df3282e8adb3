"""What /stones, /steps and /contexts each read first: the recording that ships with the app and the operator's
live model server. Read the same way for all three: each one that cannot be read is a line of the page's
problem, never an exception, so that the page shows whichever of the two it has."""
from __future__ import annotations

import os
from collections.abc import Callable
from typing import TypeVar

Recording = TypeVar("Recording")
Config = TypeVar("Config")


def server_env(prefix: str) -> tuple[tuple[str, str], ...]:
    """The server's environment variables, as a cache key: a changed configuration is read again."""
    return tuple((k, v) for k, v in sorted(os.environ.items()) if k.startswith(prefix))


def recording_and_server(load: Callable[[], Recording], configure: Callable[[dict[str, str]], Config],
                         env: tuple[tuple[str, str], ...]) -> tuple[Recording | None, Config | None, str]:
    """The recording, the server's configuration (None for either that cannot be read) and a one-line problem
    with either, or ""."""
    problems = []
    recording, config = None, None
    try:
        recording = load()
    except ValueError as error:
        problems.append(str(error))
    try:
        config = configure(dict(env))
    except ValueError as error:
        problems.append(f"the live model server is not used: {error}")
    return recording, config, "; ".join(problems)
