"""What every session of the /steps page shares: the recording, the live server, the recorded figure's answers."""
from __future__ import annotations

import streamlit as st

from inside.steps import recorded
from inside.steps.answers import StepsAnswer
from inside.steps.by_size import SizeRow, by_size
from inside.steps.sources import StepsSources
from stones import server
from ui.recorded_and_live import recording_and_server, server_env


def sources() -> tuple[StepsSources, str]:
    """The recorded problems and the operator's live server (the one /stones asks); a one-line problem or "".

    Keyed on the server's environment variables, so a changed configuration is read again.
    """
    return _sources(server_env("STONES_SERVER_"))


@st.cache_resource(show_spinner=False)
def _sources(env: tuple[tuple[str, str], ...]) -> tuple[StepsSources, str]:
    recording, config, problem = recording_and_server(recorded.load, server.ServerConfig.from_env, env)
    return StepsSources(recording, config), problem


def figure_rows(sources: StepsSources) -> tuple[list[SizeRow], list[StepsAnswer]]:
    """The recorded problems of the figure against digits, answered once per process."""
    return _figure_rows(id(sources), sources)


@st.cache_resource(show_spinner=False)
def _figure_rows(_key: int, _sources: StepsSources) -> tuple[list[SizeRow], list[StepsAnswer]]:
    if _sources.recording is None:
        return [], []
    answers = [_sources.answer(p) for p in _sources.recording.figure]
    return by_size(answers), answers
