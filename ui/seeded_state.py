"""How /stones, /steps and /contexts keep a page's state in the reader's session: read from the URL on the
session's first run, then as the widgets (and the page's own buttons) left it."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

State = TypeVar("State")


def seeded_state(state_key: str, notices_key: str, from_query: Callable[[dict[str, str]], tuple[State, list[str]]],
                 widget_values: Callable[[State], dict[str, Any]]) -> State:
    """The page's state, seeded once per session from the URL (its notices kept under `notices_key`); widgets
    dropped while another page was shown get their value back from it."""
    if state_key not in st.session_state:
        st.session_state[state_key], st.session_state[notices_key] = from_query(st.query_params.to_dict())
    current = st.session_state[state_key]
    for key, value in widget_values(current).items():
        if key not in st.session_state:
            st.session_state[key] = value
    return current


def fields_of(widgets: dict[str, str]) -> Callable[[Any], dict[str, Any]]:
    """The widgets' values read from the state's fields, for `widgets` as {widget key: field name}."""
    return lambda current: {key: getattr(current, field) for key, field in widgets.items()}
