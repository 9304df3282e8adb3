"""The experiment page's selection: seeded from the URL once, kept in widgets, written back to the URL.

Widgets keep their values in st.session_state under `x_*` keys (`_x_*` for the page's own bookkeeping);
saved links depend on them and on the query keys of experiment/results_page/url_state.py.
"""
from __future__ import annotations

from dataclasses import replace

import streamlit as st

from experiment.results_page import sources, url_state
from experiment.results_page.url_state import SPEEDS, Selection
from ui.experiment.resources import UPLOAD_NAME


def seed_from_url() -> Selection:
    if "_x_seeded" not in st.session_state:
        selection, notices = url_state.from_query(st.query_params.to_dict())
        st.session_state._x_seeded = selection
        st.session_state._x_notices = notices
        st.session_state.x_tab = selection.tab
        st.session_state.x_speed = selection.speed if selection.speed in SPEEDS else min(
            SPEEDS, key=lambda s: abs(s - selection.speed))
        st.session_state.x_pos = selection.pos
        st.session_state.x_playing = False
    return st.session_state._x_seeded


def notice(text: str) -> None:
    st.session_state.setdefault("_x_notices", []).append(text)


def seeded_choice(key: str, options: list, wanted, label: str):
    """Put the URL's value into a widget once; a value that does not exist here becomes a notice."""
    if key in st.session_state and st.session_state[key] in options:
        return
    if wanted and wanted not in options and key not in st.session_state:
        shown = options[0] if options else "none"
        notice(f"{label} {str(wanted)[:60]!r} is not in the chosen results; showing {shown}.")
    st.session_state[key] = wanted if wanted in options else (options[0] if options else None)


def url_sources(available: list[sources.Source], seeded: Selection,
                default: list[sources.Source] | None = None) -> list[sources.Source]:
    """The results a link names (`run`), else `default` (all of them when it is empty); a name not on this
    server becomes a notice. The page's picker starts here and its embeds use it as it is, so that an
    embed draws from the same runs as the page with the same link."""
    names = [s.name for s in available]
    wanted = [n for n in seeded.run if n in names]
    for missing in (n for n in seeded.run if n not in names):
        notice(f"Results {missing[:60]!r} are not on this server.")
    chosen = set(wanted) or {s.name for s in default or available}
    return [s for s in available if s.name in chosen]


def choose_sources(available: list[sources.Source], seeded: Selection,
                   default: list[sources.Source] | None = None) -> list[sources.Source]:
    """The results the reader looks at: a picker that starts on url_sources."""
    names = [s.name for s in available]
    if "x_runs" not in st.session_state:
        st.session_state.x_runs = [s.name for s in url_sources(available, seeded, default)]
    st.multiselect("Results", names, key="x_runs", help="Runs under the results folder of this server.")
    return [s for s in available if s.name in st.session_state.x_runs]


def current_selection(seeded: Selection, chosen: list[sources.Source], default_names: list[str]) -> Selection:
    """The view as the widgets hold it; `run` is left out of the link only when the chosen results are the
    ones a link without `run` opens on (`default_names`), so the link reopens exactly these runs."""
    state = st.session_state
    runs = tuple(s.name for s in chosen if not s.name.startswith(UPLOAD_NAME))
    cell = url_state.parse_cell(state.get("x_cell") or "") if state.get("x_cell") not in (None, "all") else None
    comparing = state.get("x_tab") == "compare" and state.get("x_arm1") and state.get("x_arm2")
    arm1 = state.x_arm1.split(" · ", 1) if comparing else [state.get("x_model") or "", state.get("x_variant") or ""]
    arm2 = state.x_arm2.split(" · ", 1) if comparing else [seeded.model2, seeded.variant2]
    return replace(
        seeded, run=() if set(runs) == set(default_names) else runs, tab=state.get("x_tab", "overview"),
        model=arm1[0], variant=arm1[1], model2=arm2[0], variant2=arm2[1],
        cell=cell, outcome="" if state.get("x_outcome") in (None, "all") else state.x_outcome,
        category="" if state.get("x_category") in (None, "all") else state.x_category,
        problem=state.get("x_problem") or "", pos=int(state.get("x_pos", 0)), speed=int(state.get("x_speed", 100)))


def write_url(selection: Selection) -> None:
    """Keep the address bar in step with the view (Streamlit keeps `embed` by itself)."""
    query = url_state.to_query(selection)
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)
