"""The /steps query string: every setting round-trips, anything invalid falls back with a notice."""
import pytest

from inside.steps.url_state import DEFAULTS, StepsState, from_query, to_query


def test_every_setting_round_trips():
    state = StepsState(a=1234, b=5678, wrong_row=3, wrong_by=-200, figure="digits", view="figure")
    assert from_query(to_query(state)) == (state, [])
    assert from_query({}) == (DEFAULTS, [])
    assert to_query(DEFAULTS) == {"a": "12", "b": "34", "wrong_row": "1", "wrong_by": "10"}


@pytest.mark.parametrize("query,key", [
    ({"a": "0"}, "a"), ({"b": "100000"}, "b"), ({"a": "1e3"}, "a"), ({"wrong_by": "0"}, "wrong_by"),
    ({"figure": "pie"}, "figure"), ({"view": "<script>"}, "view"), ({"a": "9" * 50}, "a"),
])
def test_a_bad_value_falls_back_to_its_default_with_a_notice(query, key):
    state, notices = from_query(query)
    assert getattr(state, key) == getattr(DEFAULTS, key)
    assert len(notices) == 1 and f"`{key}`" in notices[0]


def test_a_wrong_step_that_does_not_fit_the_problem_falls_back_to_the_first_row():
    state, notices = from_query({"a": "12", "b": "7", "wrong_row": "2", "wrong_by": "30"})
    assert (state.a, state.b, state.wrong_row, state.wrong_by) == (12, 7, 1, 10)
    assert notices and "1..1" in notices[0]
