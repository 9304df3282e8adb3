"""The /stones page's controls and state: seeded once from the URL, the tosses kept in the session, the URL
written back after every run so that a copied link reproduces the page.
"""
from __future__ import annotations

from dataclasses import replace

import streamlit as st

from embeddings import catalogue, models
from embeddings.reduce import METHOD_TITLES, METHODS
from stones.distribution import MAX_TEMPERATURE, MIN_TEMPERATURE
from stones.url_state import MAP_SIZES, MAX_SEED, StonesState, from_query, to_query
from stones.walk import MAX_PROMPT_CHARS, normalise_prompt
from ui.navigation import page_links
from ui.seeded_state import fields_of, seeded_state

STATE = "_stones_state"
NOTICES = "_stones_url_notices"
WIDGETS = {"stones_prompt": "prompt", "stones_seed": "seed", "stones_temperature": "temperature",
           "stones_model": "model", "stones_method": "method", "stones_context": "context"}


def state() -> StonesState:
    """The page's state: from the URL on the first run of a session, then as the widgets and tosses left it."""
    return seeded_state(STATE, NOTICES, from_query, fields_of(WIDGETS))


def notices() -> list[str]:
    return st.session_state.get(NOTICES, [])


def set_state(new: StonesState) -> None:
    st.session_state[STATE] = new


def sidebar() -> None:
    ready = models.ready_names()
    if st.session_state.stones_model not in ready:
        st.session_state.stones_model = catalogue.DEFAULT_MODEL
    with st.sidebar:
        page_links()
        st.divider()
        st.selectbox("Map of the words of", ready, key="stones_model", on_change=_from_widgets,
                     help="The embedding model whose vocabulary is the map; only models ready on this server.")
        st.radio("Layout", METHODS, key="stones_method", format_func=METHOD_TITLES.get, horizontal=True,
                 on_change=_from_widgets)
        st.select_slider("Words on the map (most frequent)", MAP_SIZES, key="stones_context",
                         format_func=lambda n: f"{n:,}", on_change=_from_widgets)


def prompt_and_dials() -> None:
    left, middle, right = st.columns([6, 2, 1])
    left.text_input("The beginning of a sentence", key="stones_prompt", max_chars=MAX_PROMPT_CHARS,
                    on_change=_new_prompt, help="Type and press Enter; the stones tossed so far are cleared.")
    middle.slider("Temperature", MIN_TEMPERATURE, MAX_TEMPERATURE, step=0.1, key="stones_temperature",
                  on_change=_from_widgets,
                  help="Below 1 the landscape narrows onto the likeliest words; above 1 it spreads out.")
    right.number_input("Seed", 0, MAX_SEED, step=1, key="stones_seed", on_change=_from_widgets,
                       help="Fixes where each tossed stone lands, so a shared link tosses alike.")


def picked_example() -> None:
    prompt = st.session_state.get("stones_example")
    if prompt:
        st.session_state.stones_prompt = prompt
        set_state(replace(st.session_state[STATE], prompt=prompt, tosses=()))


def _new_prompt() -> None:
    try:
        prompt = normalise_prompt(st.session_state.stones_prompt)
    except ValueError:
        prompt = st.session_state.stones_prompt[:MAX_PROMPT_CHARS]
    set_state(replace(st.session_state[STATE], prompt=prompt, tosses=()))
    st.session_state.stones_example = None  # the typed prompt is no longer the example


def _from_widgets() -> None:
    s = st.session_state
    set_state(replace(s[STATE], seed=int(s.stones_seed), temperature=round(float(s.stones_temperature), 2),
                      model=s.stones_model, method=s.stones_method, context=int(s.stones_context)))


def write_url(current: StonesState) -> None:
    query = to_query(current)
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)
