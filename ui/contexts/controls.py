"""The /contexts page's controls and state: seeded once from the URL, written back after every run."""
from __future__ import annotations

from dataclasses import replace

import streamlit as st

from embeddings.reduce import METHOD_TITLES, METHODS
from inside.contexts.sentences import EXAMPLES, MAX_SENTENCE_CHARS, MAX_SENTENCES, MAX_WORD_CHARS, example, to_lines
from inside.contexts.url_state import MAX_NEIGHBOURS, ContextsState, from_query, to_query
from ui.seeded_state import seeded_state

STATE = "_contexts_state"
NOTICES = "_contexts_url_notices"
MAX_TEXT = MAX_SENTENCES * (MAX_SENTENCE_CHARS + 30)


def state() -> ContextsState:
    """From the URL on the first run of a session, then as the widgets left it."""
    return seeded_state(STATE, NOTICES, from_query, _widget_values)


def _widget_values(current: ContextsState) -> dict:
    lines = current.sentences or (to_lines(example(current.word)) if current.word in EXAMPLES else "")
    return {"contexts_word": current.word, "contexts_lines": lines, "contexts_method": current.method,
            "contexts_neighbors": current.neighbors}


def notices() -> list[str]:
    return st.session_state.get(NOTICES, [])


def set_state(new: ContextsState) -> None:
    st.session_state[STATE] = new
    for key, value in _widget_values(new).items():
        st.session_state[key] = value


def inputs() -> None:
    left, right = st.columns([1, 3])
    left.text_input("The word", key="contexts_word", max_chars=MAX_WORD_CHARS, on_change=_new_word,
                    help="One word; the sentences must use it.")
    left.radio("Layout", METHODS, key="contexts_method", format_func=METHOD_TITLES.get, horizontal=True,
               on_change=_from_widgets)
    left.slider("Nearest input vectors", 0, MAX_NEIGHBOURS, key="contexts_neighbors", on_change=_from_widgets,
                help="How many of the word's nearest input vectors the right-hand panel shows.")
    right.text_area(f"Sentences that use it, one a line (at most {MAX_SENTENCES}); start a line with its sense "
                    "and a colon to colour it: `river: We sat on the bank.`", key="contexts_lines", height=230,
                    max_chars=MAX_TEXT, on_change=_from_widgets)


def picked_example() -> None:
    word = st.session_state.get("contexts_example")
    if word:
        set_state(replace(st.session_state[STATE], word=word, sentences=""))


def _new_word() -> None:
    word = " ".join(st.session_state.contexts_word.split())
    new = replace(st.session_state[STATE], word=word, sentences="")
    if word not in EXAMPLES:  # keep the reader's sentences for a word of their own
        new = replace(new, sentences=st.session_state.contexts_lines)
    st.session_state.contexts_example = word if word in EXAMPLES else None
    set_state(new)


def _from_widgets() -> None:
    s = st.session_state
    current = s[STATE]
    lines = s.contexts_lines
    unchanged = current.word in EXAMPLES and lines.strip() == to_lines(example(current.word))
    set_state(replace(current, sentences="" if unchanged else lines, method=s.contexts_method,
                      neighbors=int(s.contexts_neighbors)))


def write_url(current: ContextsState) -> None:
    query = to_query(current)
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)
