"""The query string: stable keys, a lossless round trip, and hostile values that fall back with a notice."""
import pytest

from embeddings.url_state import DEFAULTS, FIELD_OF_KEY, ViewState, from_query, to_query


def test_round_trip_keeps_every_setting():
    state = ViewState(words=("king", "New York"), method="umap", dims=3, neighbours=5, context=1000,
                      focus="king", view="figure", analogy="king - man + woman", n_neighbors=7,
                      min_dist=0.25, metric="euclidean")
    restored, notices = from_query(to_query(state))
    assert notices == []
    assert restored == state


def test_public_keys_are_stable():
    query = to_query(ViewState(focus="king", view="figure"))
    assert {"words", "model", "method", "dims", "neighbors", "context", "focus", "view"} <= set(query)
    assert query["model"] == "glove-wiki-gigaword-50"


def test_published_neighbors_key_sets_the_neighbours_and_only_that_spelling_does():
    state, notices = from_query({"words": "king", "neighbors": "7"})
    assert (state.neighbours, notices) == (7, [])
    assert to_query(state)["neighbors"] == "7"
    assert from_query({"words": "king", "neighbours": "7"})[0].neighbours == DEFAULTS.neighbours


@pytest.mark.parametrize(
    "key, value",
    [
        ("model", "../../etc/passwd"),
        ("model", "/tmp/x.bin"),
        ("method", "lda"),
        ("dims", "4"),
        ("dims", "2; rm -rf /"),
        ("neighbors", "-1"),
        ("neighbors", "100000"),
        ("context", "1234"),
        ("context", "9999999"),
        ("view", "admin"),
        ("perplexity", "nan"),
        ("min_dist", "inf"),
        ("metric", "$(reboot)"),
        ("words", " , ,"),
        ("focus", "x" * 500),
    ],
)
def test_hostile_values_fall_back_to_defaults_with_a_notice(key, value):
    state, notices = from_query({key: value})
    field = FIELD_OF_KEY.get(key, key)
    assert getattr(state, field) == getattr(DEFAULTS, field)
    assert len(notices) == 1 and f"`{key}`" in notices[0]


def test_unknown_keys_are_ignored_and_repeated_keys_take_the_last():
    state, notices = from_query({"utm_source": "blog", "method": ["pca", "umap"]})
    assert state.method == "umap" and notices == []


def test_oversized_values_are_refused():
    state, notices = from_query({"words": "a," * 20_000})
    assert state.words == DEFAULTS.words and notices
