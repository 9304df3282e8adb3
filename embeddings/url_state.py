"""The explorer's and the compare page's query strings, a public interface: blog links depend on these keys.

Every view setting round-trips through `to_query` and `from_query`. Each page declares its keys in one table
(`KEYS`, `compare_keys`), read by the one function every page uses (`links.query.read_query`): anything
invalid falls back to its default with the same notice, and no value is ever used as a path or passed to a
shell.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from embeddings.catalogue import DEFAULT_MODEL, get_spec
from embeddings.context import CONTEXT_SIZES, MAX_CONTEXT
from embeddings.neighbours import MAX_NEIGHBOURS
from embeddings.reduce import METHODS, UMAP_METRICS
from embeddings.words import MAX_INPUT_CHARS, MAX_WORD_CHARS, clean_text, format_words
from links.query import Key, choice, float_in, int_choice, int_in, read_query, shown

DEFAULT_WORDS = ("king", "queen", "man", "woman", "apple", "banana", "orange", "paris", "london", "human")
VIEWS = ("full", "figure")
MAX_URL_VALUE = MAX_INPUT_CHARS


@dataclass(frozen=True)
class ViewState:
    """One picture, fully described. Field names are the query keys, except `neighbours`: its public key
    keeps the spelling `neighbors` that published links use (see `KEYS`)."""

    words: tuple[str, ...] = DEFAULT_WORDS
    model: str = DEFAULT_MODEL
    method: str = "pca"
    dims: int = 2
    neighbours: int = 0
    context: int = 0
    focus: str = ""
    view: str = "full"
    analogy: str = ""
    perplexity: float = 30.0
    n_neighbors: int = 15
    min_dist: float = 0.1
    metric: str = "cosine"


DEFAULTS = ViewState()
METHOD_KEYS = {"tsne": ("perplexity",), "umap": ("n_neighbors", "min_dist", "metric"), "pca": ()}


def to_query(state: ViewState) -> dict[str, str]:
    """The keys that describe this picture; parameters of other methods are left out to keep links short."""
    query = {
        "words": _join_words(state.words),
        "model": state.model,
        "method": state.method,
        "dims": str(state.dims),
        "neighbors": str(state.neighbours),
        "context": str(state.context),
    }
    for key in METHOD_KEYS[state.method]:
        query[key] = _format(getattr(state, key))
    if state.analogy:
        query["analogy"] = state.analogy
    if state.focus:
        query["focus"] = state.focus
    if state.view != "full":
        query["view"] = state.view
    return query


def from_query(params: Mapping[str, str | list[str]]) -> tuple[ViewState, list[str]]:
    """A valid state from any query string, and a notice for each value that was not accepted."""
    values, notices = read_query(params, KEYS)
    return ViewState(**values), notices


def _join_words(words: tuple[str, ...]) -> str:
    """Comma-separated, as published links have them; a word holding a comma ("Washington, D.C.") is quoted."""
    return ",".join(f'"{w}"' if "," in w else w for w in words)


_URL_WORD = re.compile(r'"([^"]*)"|([^,]+)')


def _words(raw: str) -> tuple[str, ...]:
    """Split on commas outside double quotes; quotes are never part of a word (the text box cannot make one)."""
    parts = (m.group(1) if m.group(1) is not None else m.group(2) for m in _URL_WORD.finditer(clean_text(raw)))
    words = tuple(dict.fromkeys(w for w in (" ".join(part.replace('"', " ").split()) for part in parts) if w))
    if not words:
        raise ValueError("no words.")
    return words


def _model(raw: str) -> str:
    try:
        return get_spec(raw).name
    except KeyError:
        raise ValueError(f"{shown(raw)} is not a model this app knows.") from None


def _text(limit: int) -> callable:
    def parse(raw: str) -> str:
        text = " ".join(clean_text(raw).split())
        if len(text) > limit:
            raise ValueError(f"longer than {limit} characters.")
        return text

    return parse


def _format(value: object) -> str:
    """Short (`30`, `0.1`) where that is exact, as links have always been; else every digit, to round-trip."""
    if not isinstance(value, float):
        return str(value)
    short = f"{value:g}"
    return short if float(short) == value else repr(value)


KEYS = tuple(replace(key, bound=MAX_URL_VALUE) for key in (
    Key("words", _words, DEFAULTS.words),
    Key("model", _model, DEFAULTS.model),
    Key("method", choice(METHODS), DEFAULTS.method),
    Key("dims", lambda raw: int(choice(("2", "3"))(raw)), DEFAULTS.dims),
    Key("neighbors", int_in(0, MAX_NEIGHBOURS), DEFAULTS.neighbours, field="neighbours"),
    Key("context", int_choice(CONTEXT_SIZES), DEFAULTS.context),
    Key("focus", _text(MAX_WORD_CHARS), DEFAULTS.focus),
    Key("view", choice(VIEWS), DEFAULTS.view),
    Key("analogy", _text(200), DEFAULTS.analogy),
    Key("perplexity", float_in(1.0, 100.0), DEFAULTS.perplexity),
    Key("n_neighbors", int_in(2, 100), DEFAULTS.n_neighbors),
    Key("min_dist", float_in(0.0, 1.0), DEFAULTS.min_dist),
    Key("metric", choice(UMAP_METRICS), DEFAULTS.metric),
))
_PARSERS = {key.name: key.parse for key in KEYS}
FIELD_OF_KEY = {key.name: key.field for key in KEYS if key.field}  # URL key -> field, where they differ
assert max(CONTEXT_SIZES) == MAX_CONTEXT


# The compare page (/compare): `a`, `b` (catalogue names of ready models), `words`, `method`, `dims`.
MAX_COMPARE_TEXT = 5000
PREFERRED_SECOND = "word2vec-google-news-300"


@dataclass(frozen=True)
class CompareState:
    a: str
    b: str
    words: str  # the text box's content: `parse_words` reads it
    method: str = "pca"
    dims: int = 2


def compare_to_query(a: str, b: str, words: list[str] | tuple[str, ...], method: str, dims: int) -> dict[str, str]:
    return {"a": a, "b": b, "words": format_words(words), "method": method, "dims": str(dims)}


def compare_keys(ready: list[str], default_words: str = "") -> tuple[Key, ...]:
    """The compare page's keys: models only among `ready` (the first and a second by default), the rest bounded."""
    first = DEFAULT_MODEL if DEFAULT_MODEL in ready else ready[0]
    second = PREFERRED_SECOND if PREFERRED_SECOND in ready else next((m for m in ready if m != ready[0]), ready[0])

    def model(raw: str) -> str:
        if raw not in ready:
            raise ValueError(f"model {shown(raw)} is not available here.")
        return raw

    return tuple(replace(key, bound=MAX_URL_VALUE) for key in (
        Key("a", model, first),
        Key("b", model, second),
        Key("words", _compare_words, default_words),
        Key("method", choice(METHODS), "pca"),
        Key("dims", lambda raw: int(choice(("2", "3"))(raw)), 2),
    ))


def _compare_words(raw: str) -> str:
    """The text box's content, at most MAX_COMPARE_TEXT characters of it."""
    words = raw[:MAX_COMPARE_TEXT]
    # links from before quoting: "king,queen" reads the same with or without a space after each comma
    return words if '"' in words else words.replace(",", ", ")[:MAX_COMPARE_TEXT]


def compare_from_query(query: Mapping[str, str | list[str]], ready: list[str],
                       default_words: str = "") -> tuple[CompareState, list[str]]:
    """The compare page's settings from any query string, and a notice for each value that was not used."""
    values, notices = read_query(query, compare_keys(ready, default_words))
    return CompareState(**values), notices
