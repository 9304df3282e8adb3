"""The /steps page's controls and state: seeded once from the URL, written back after every run, so that a
copied link reproduces the page."""
from __future__ import annotations

from dataclasses import replace

import streamlit as st

from inside.steps.url_state import MAX_WRONG_BY, StepsState, from_query, to_query
from inside.steps.working import MAX_OPERAND_DIGITS, Problem, check_problem, seeded_wrong_step
from ui.seeded_state import fields_of, seeded_state

STATE = "_steps_state"
NOTICES = "_steps_url_notices"
ERROR = "_steps_input_error"
SEED = "_steps_wrong_seed"
WIDGETS = {"steps_a": "a", "steps_b": "b", "steps_wrong_row": "wrong_row", "steps_wrong_by": "wrong_by"}
MAX_OPERAND = 10**MAX_OPERAND_DIGITS - 1


def state() -> StepsState:
    """From the URL on the first run of a session, then as the widgets left it."""
    return seeded_state(STATE, NOTICES, from_query, fields_of(WIDGETS))


def notices() -> list[str]:
    return st.session_state.get(NOTICES, [])


def input_error() -> str | None:
    return st.session_state.pop(ERROR, None)


def set_state(new: StepsState) -> None:
    st.session_state[STATE] = new
    for key, field in WIDGETS.items():
        st.session_state[key] = getattr(new, field)


def problem_inputs() -> None:
    cols = st.columns([1, 1, 1, 1.4, 1.6])
    cols[0].number_input("a", 1, MAX_OPERAND, step=1, key="steps_a", on_change=_from_widgets)
    cols[1].number_input("b", 1, MAX_OPERAND, step=1, key="steps_b", on_change=_from_widgets)
    cols[2].number_input("Wrong row", 1, MAX_OPERAND_DIGITS, step=1, key="steps_wrong_row", on_change=_from_widgets,
                         help="Which partial product of the working is written wrong: 1 is the units row.")
    cols[3].number_input("Wrong by", -MAX_WRONG_BY, MAX_WRONG_BY, step=1, key="steps_wrong_by",
                         on_change=_from_widgets, help="How far off that row is written (negative: too small).")
    cols[4].button("Another wrong step", on_click=_seeded, icon=":material/casino:",
                   help="A seeded slip of one digit in one row, as people and models make them.")


def picked_example(problems: dict[str, Problem]) -> None:
    chosen = problems.get(st.session_state.get("steps_example") or "")
    if chosen is not None:
        set_state(replace(st.session_state[STATE], a=chosen.a, b=chosen.b, wrong_row=chosen.wrong.row + 1,
                          wrong_by=chosen.wrong.by))


def _from_widgets() -> None:
    s = st.session_state
    new = replace(s[STATE], a=int(s.steps_a), b=int(s.steps_b), wrong_row=int(s.steps_wrong_row),
                  wrong_by=int(s.steps_wrong_by))
    try:
        check_problem(new.a, new.b, new.problem.wrong)
    except ValueError as error:
        if (new.a, new.b) == (s[STATE].a, s[STATE].b):  # the wrong step itself: keep the problem, say why
            s[ERROR] = f"That wrong step was not used: {error}."
            set_state(s[STATE])
            return
        new = replace(new, wrong_row=1, wrong_by=10)  # a new problem: its first row, 10 too large
        try:
            check_problem(new.a, new.b, new.problem.wrong)
        except ValueError as second:
            s[ERROR] = f"Not used: {second}."
            set_state(s[STATE])
            return
    s.steps_example = None
    set_state(new)


def _seeded() -> None:
    s = st.session_state
    s[SEED] = s.get(SEED, 0) + 1
    current = s[STATE]
    wrong = seeded_wrong_step(current.a, current.b, s[SEED])
    set_state(replace(current, wrong_row=wrong.row + 1, wrong_by=wrong.by))


def write_url(current: StepsState) -> None:
    query = to_query(current)
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)
