"""The /stones query string: everything round-trips, anything bad falls back with a notice."""
import json

import pytest

from stones.url_state import DEFAULTS, StonesState, from_query, to_query
from stones.walk import MAX_PROMPT_CHARS, MAX_TOSSES


def test_a_state_round_trips_through_the_query_string():
    state = StonesState(prompt="The queen", tosses=(" was", ",", " and"), seed=42, temperature=0.7,
                        method="umap", context=2000, view="figure")
    again, notices = from_query(to_query(state))
    assert (again, notices) == (state, [])


def test_tossed_new_lines_and_spaces_survive_the_link():
    state = StonesState(prompt="The queen", tosses=(".", "\n\n", " ", "The"))
    assert from_query(to_query(state)) == (state, [])


def test_the_default_link_is_short():
    assert "tosses" not in to_query(DEFAULTS) and "view" not in to_query(DEFAULTS)


@pytest.mark.parametrize(("key", "value"), [
    ("temperature", "9"), ("temperature", "hot"), ("seed", "-1"), ("context", "1234"), ("method", "mds"),
    ("model", "../../etc/passwd"), ("tosses", "not json"), ("tosses", json.dumps([" a"] * (MAX_TOSSES + 1))),
    ("tosses", json.dumps([1, 2])), ("prompt", "x" * (MAX_PROMPT_CHARS + 1)), ("prompt", "   "),
])
def test_bad_values_fall_back_to_defaults_with_a_notice(key, value):
    state, notices = from_query({"prompt": "The king", key: value})
    assert getattr(state, key) == getattr(DEFAULTS, key) or key == "prompt" and state.prompt == "The king"
    assert len(notices) == 1 and f"`{key}`" in notices[0]


def test_tosses_without_their_prompt_are_dropped():
    state, _ = from_query({"tosses": json.dumps([" was"])})
    assert state.tosses == ()


def test_the_prompt_is_normalised():
    state, _ = from_query({"prompt": "  The \n king  "})
    assert state.prompt == "The king"


def test_stochastic_layouts_keep_to_the_explorers_budget():
    from embeddings.scene import MAX_STOCHASTIC_POINTS
    from stones.url_state import map_size

    assert map_size(StonesState(method="pca", context=5000)) == 5000
    assert map_size(StonesState(method="umap", context=5000)) == MAX_STOCHASTIC_POINTS
    assert map_size(StonesState(method="tsne", context=1000)) == 1000
