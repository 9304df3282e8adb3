"""Every page's query string, from any URL a reader can craft: a valid state and short notices, never an
exception; and every state a page can be in survives its own link (same URL, same picture)."""
from __future__ import annotations

import math
import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from embeddings import catalogue
from embeddings import url_state as explorer_urls
from embeddings.context import CONTEXT_SIZES
from embeddings.neighbours import MAX_NEIGHBOURS
from embeddings.reduce import METHODS, UMAP_METRICS
from embeddings.words import MAX_WORD_CHARS, parse_words
from experiment.results_page import url_state as experiment_urls
from stones import url_state as stones_urls
from stones.walk import MAX_PROMPT_CHARS, MAX_TOKEN_CHARS, MAX_TOSSES
from tests.hostile.strategies import any_text, hostile_text, numbers_as_text, url_value

EXPLORER_KEYS = ["words", "model", "method", "dims", "neighbors", "neighbours", "context", "focus", "view",
                 "analogy", "perplexity", "n_neighbors", "min_dist", "metric", "embed", "x"]
EXPERIMENT_KEYS = ["run", "tab", "model", "variant", "model2", "variant2", "cell", "outcome", "category",
                   "problem", "pos", "speed", "view", "figure", "embed"]
COMPARE_KEYS = ["a", "b", "words", "method", "dims", "c"]


def queries(keys: list[str]):
    return st.dictionaries(st.one_of(st.sampled_from(keys), any_text), url_value, max_size=len(keys) + 2)


def no_control_characters(text: str) -> bool:
    return not any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in text)


@given(queries(EXPLORER_KEYS))
@example({"words": "<img src=x onerror=window.__pwned=1>", "analogy": "<script>alert(1)</script> - a + b"})
@example({"perplexity": "1e309", "min_dist": "nan", "neighbors": "9" * 5000, "dims": ["2", "3", "x"]})
def test_the_explorer_reads_any_url_as_a_valid_state(query):
    state, notices = explorer_urls.from_query(query)
    catalogue.get_spec(state.model)
    assert state.method in METHODS and state.dims in (2, 3) and state.view in explorer_urls.VIEWS
    assert 0 <= state.neighbours <= MAX_NEIGHBOURS and state.context in CONTEXT_SIZES
    assert math.isfinite(state.perplexity) and 1 <= state.perplexity <= 100
    assert 2 <= state.n_neighbors <= 100 and 0 <= state.min_dist <= 1 and state.metric in UMAP_METRICS
    assert state.words and all(w and no_control_characters(w) and "," not in w for w in state.words)
    assert len(state.focus) <= MAX_WORD_CHARS and len(state.analogy) <= 200
    assert no_control_characters(state.focus + state.analogy)
    assert all(len(n) < 300 for n in notices)


def as_from_a_link(text: str) -> str:
    """An analogy as a state read from a link holds it (empty if the link's was refused)."""
    try:
        return explorer_urls._PARSERS["analogy"](text)
    except ValueError:
        return ""


explorer_states = st.builds(
    explorer_urls.ViewState,
    words=hostile_text.map(lambda t: tuple(parse_words(t, lowercase=False).words) or ("king",)),
    model=st.sampled_from([s.name for s in catalogue.all_specs()]),
    method=st.sampled_from(METHODS),
    dims=st.sampled_from((2, 3)),
    neighbours=st.integers(0, MAX_NEIGHBOURS),
    context=st.sampled_from(CONTEXT_SIZES),
    focus=hostile_text.map(lambda t: (parse_words(t, lowercase=False).words or [""])[0]),
    view=st.sampled_from(explorer_urls.VIEWS),
    # as a link leaves it: what the page then holds (the box's own text is normalised on the way in)
    analogy=hostile_text.map(lambda t: as_from_a_link(t[:200])),
    perplexity=st.floats(1, 100),
    n_neighbors=st.integers(2, 100),
    min_dist=st.floats(0, 1),
    metric=st.sampled_from(UMAP_METRICS),
)


def relevant(state: explorer_urls.ViewState) -> explorer_urls.ViewState:
    """Parameters of the other methods are left out of a link on purpose: they do not change the picture."""
    from dataclasses import replace

    defaults = explorer_urls.DEFAULTS
    kept = set(explorer_urls.METHOD_KEYS[state.method])
    return replace(state, **{k: getattr(defaults, k) for k in ("perplexity", "n_neighbors", "min_dist", "metric")
                             if k not in kept})


@given(explorer_states)
@example(explorer_urls.ViewState(words=("Washington, D.C.", "New York", "a;b"), method="tsne", perplexity=30.123456789))
def test_every_explorer_state_survives_its_own_link(state):
    again, notices = explorer_urls.from_query(explorer_urls.to_query(state))
    assert notices == []
    assert again == relevant(state)


@given(queries(EXPERIMENT_KEYS))
@example({"cell": "99999x1", "pos": "-" + "9" * 5000, "speed": "1e9", "run": "," * 5000})
@example({"model": "<img src=x onerror=window.__pwned=1>", "tab": "<script>", "problem": "\x00\u202e"})
def test_the_experiment_page_reads_any_url_as_a_valid_selection(query):
    selection, notices = experiment_urls.from_query(query)
    assert selection.tab in experiment_urls.TABS and selection.view in experiment_urls.VIEWS
    assert 0 <= selection.pos <= 10**9
    assert min(experiment_urls.SPEEDS) <= selection.speed <= max(experiment_urls.SPEEDS)
    assert selection.cell is None or all(0 <= d <= 99 for d in selection.cell)
    for name in ("model", "variant", "model2", "variant2", "outcome", "category", "problem", "figure"):
        assert len(getattr(selection, name)) <= experiment_urls.MAX_TEXT
    assert len(",".join(selection.run)) <= experiment_urls.MAX_TEXT
    assert all(len(n) < 400 and "<member" not in n for n in notices)
    share = experiment_urls.share_url("http://localhost:8501/experiment", selection)
    assert share.startswith("http://localhost:8501/experiment")


plain_value = st.text(max_size=40).map(str.strip).filter(lambda s: "," not in s)
selections = st.builds(
    experiment_urls.Selection,
    run=st.lists(plain_value.filter(bool), max_size=4, unique=True).map(tuple),
    tab=st.sampled_from(experiment_urls.TABS),
    model=plain_value, variant=plain_value, model2=plain_value, variant2=plain_value,
    cell=st.one_of(st.none(), st.tuples(st.integers(0, 99), st.integers(0, 99))),
    outcome=plain_value, category=plain_value, problem=plain_value,
    pos=st.integers(0, 10**9),
    speed=st.sampled_from(experiment_urls.SPEEDS),
    view=st.sampled_from(experiment_urls.VIEWS),
    figure=plain_value.filter(bool),
)


@given(selections)
def test_every_experiment_selection_survives_its_own_link(selection):
    again, notices = experiment_urls.from_query(experiment_urls.to_query(selection))
    assert notices == []
    assert again == selection


READY = ["glove-wiki-gigaword-50", "word2vec-google-news-300"]


@given(queries(COMPARE_KEYS))
@example({"a": "<img src=x onerror=window.__pwned=1>", "words": "\"a, b\"," * 5000, "dims": "3" * 400})
def test_the_compare_page_reads_any_url_as_valid_settings(query):
    state, notices = explorer_urls.compare_from_query(query, READY)
    assert state.a in READY and state.b in READY
    assert state.method in METHODS and state.dims in (2, 3)
    assert len(state.words) <= explorer_urls.MAX_COMPARE_TEXT
    assert all(len(n) < 300 for n in notices)


@given(st.sampled_from(READY), st.sampled_from(READY), hostile_text, st.sampled_from(METHODS), st.sampled_from((2, 3)))
@example("glove-wiki-gigaword-50", "glove-wiki-gigaword-50", '"New York", "Washington, D.C.", "a;b"', "pca", 2)
def test_the_compare_page_survives_its_own_link(a, b, text, method, dims):
    words = parse_words(text, lowercase=False, max_words=50).words
    query = explorer_urls.compare_to_query(a, b, words, method, dims)
    state, notices = explorer_urls.compare_from_query(query, READY)
    assert notices == []
    assert (state.a, state.b, state.method, state.dims) == (a, b, method, dims)
    assert parse_words(state.words, lowercase=False, max_words=50).words == words


@given(numbers_as_text)
def test_numbers_from_a_url_are_numbers_in_range_or_a_notice(raw):
    state, notices = explorer_urls.from_query({"perplexity": raw, "neighbors": raw, "pos": raw})
    assert math.isfinite(state.perplexity)
    selection, _ = experiment_urls.from_query({"pos": raw, "speed": raw})
    assert 0 <= selection.pos <= 10**9


STONES_KEYS = ["prompt", "tosses", "seed", "temperature", "model", "method", "context", "view", "embed"]


@given(queries(STONES_KEYS))
@example({"prompt": [], "tosses": []})  # a key with no value at all (`?prompt`), as some link shorteners send
@example({"tosses": '[" king", ","]', "prompt": "<script>alert(1)</script>", "seed": "9" * 5000})
@example({"temperature": "nan", "context": "1e309", "method": ["pca", "umap", "x"]})
def test_the_stones_page_reads_any_url_as_a_valid_state(query):
    state, notices = stones_urls.from_query(query)
    catalogue.get_spec(state.model)
    assert state.method in METHODS and state.view in stones_urls.VIEWS and state.context in stones_urls.MAP_SIZES
    assert state.prompt and len(state.prompt) <= MAX_PROMPT_CHARS and no_control_characters(state.prompt)
    assert len(state.tosses) <= MAX_TOSSES and all(0 < len(t) <= MAX_TOKEN_CHARS for t in state.tosses)
    assert 0 <= state.seed <= stones_urls.MAX_SEED and math.isfinite(state.temperature)
    assert all(len(n) < 300 for n in notices)


stones_states = st.builds(
    stones_urls.StonesState,
    prompt=hostile_text.map(lambda t: " ".join(t.split())[:MAX_PROMPT_CHARS]).filter(
        lambda t: t and stones_urls.from_query({"prompt": t})[0].prompt == t),
    tosses=st.lists(st.sampled_from([" king", ",", " the", "\n", " queen", "'s", " 😀"]),
                    max_size=MAX_TOSSES).map(tuple),
    seed=st.integers(0, stones_urls.MAX_SEED),
    temperature=st.sampled_from([0.1, 0.5, 1.0, 1.5, 2.0]),
    method=st.sampled_from(METHODS),
    context=st.sampled_from(stones_urls.MAP_SIZES),
    view=st.sampled_from(stones_urls.VIEWS),
)


@given(stones_states)
def test_every_stones_state_survives_its_own_link(state):
    again, notices = stones_urls.from_query(stones_urls.to_query(state))
    assert notices == []
    assert again == state
