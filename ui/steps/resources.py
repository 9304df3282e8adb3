"""What every session of the /steps page shares: the recording, the live server, the recorded figure's answers."""
from __future__ import annotations

import os

import streamlit as st

from inside.steps import recorded
from inside.steps.answers import StepsAnswer
from inside.steps.by_size import SizeRow, by_size
from inside.steps.sources import StepsSources
from stones import server


def sources() -> tuple[StepsSources, str]:
    """The recorded problems and the operator's live server (the one /stones asks); a one-line problem or "".

    Keyed on the server's environment variables, so a changed configuration is read again.
    """
    return _sources(tuple((k, v) for k, v in sorted(os.environ.items()) if k.startswith("STONES_SERVER_")))


@st.cache_resource(show_spinner=False)
def _sources(server_env: tuple[tuple[str, str], ...]) -> tuple[StepsSources, str]:
    problems = []
    recording, config = None, None
    try:
        recording = recorded.load()
    except ValueError as error:
        problems.append(str(error))
    try:
        config = server.ServerConfig.from_env(dict(server_env))
    except ValueError as error:
        problems.append(f"the live model server is not used: {error}")
    return StepsSources(recording, config), "; ".join(problems)


def figure_rows(sources: StepsSources) -> tuple[list[SizeRow], list[StepsAnswer]]:
    """The recorded problems of the figure against digits, answered once per process."""
    return _figure_rows(id(sources), sources)


@st.cache_resource(show_spinner=False)
def _figure_rows(_key: int, _sources: StepsSources) -> tuple[list[SizeRow], list[StepsAnswer]]:
    if _sources.recording is None:
        return [], []
    answers = [_sources.answer(p) for p in _sources.recording.figure]
    return by_size(answers), answers
