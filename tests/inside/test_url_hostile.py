"""/steps and /contexts from any URL a reader can craft: a valid state and short notices, never an exception;
and every state survives its own link."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from embeddings.reduce import METHODS
from inside.contexts import url_state as contexts_urls
from inside.contexts.sentences import EXAMPLES, parse_lines
from inside.steps import url_state as steps_urls
from inside.steps.working import check_problem
from tests.hostile.strategies import any_text, url_value

STEPS_KEYS = ["a", "b", "wrong_row", "wrong_by", "figure", "view", "embed"]
CONTEXTS_KEYS = ["word", "sentences", "method", "neighbors", "figure", "view", "embed"]


def queries(keys: list[str]):
    return st.dictionaries(st.one_of(st.sampled_from(keys), any_text), url_value, max_size=len(keys) + 2)


@given(queries(STEPS_KEYS))
def test_steps_reads_any_url_as_a_problem_it_can_ask(query):
    state, notices = steps_urls.from_query(query)
    check_problem(state.a, state.b, state.problem.wrong)
    assert state.figure in steps_urls.FIGURES and state.view in steps_urls.VIEWS
    assert all(len(n) < 400 for n in notices)


@given(st.integers(1, 99_999), st.integers(1, 99_999), st.integers(0, 50), st.sampled_from(steps_urls.FIGURES))
def test_every_steps_state_survives_its_own_link(a, b, seed, figure):
    from inside.steps.working import seeded_wrong_step

    wrong = seeded_wrong_step(a, b, seed)
    state = steps_urls.StepsState(a, b, wrong.row + 1, wrong.by, figure)
    assert steps_urls.from_query(steps_urls.to_query(state)) == (state, [])


@given(queries(CONTEXTS_KEYS))
def test_contexts_reads_any_url_as_a_valid_state(query):
    state, notices = contexts_urls.from_query(query)
    assert state.method in METHODS and 0 <= state.neighbors <= contexts_urls.MAX_NEIGHBOURS
    found, line_notices = parse_lines(state.word, state.sentences)  # never raises for a state from a URL
    assert all(len(n) < 400 for n in notices + line_notices)


@given(st.sampled_from(list(EXAMPLES)), st.sampled_from(METHODS), st.integers(0, 30))
def test_every_contexts_state_survives_its_own_link(word, method, neighbors):
    state = contexts_urls.ContextsState(word, "sense: a " + word, method, neighbors)
    assert contexts_urls.from_query(contexts_urls.to_query(state)) == (state, [])
