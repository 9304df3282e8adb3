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
from embeddings.projections import AXIS_NAMES, DEFAULT_DIRECTIONS, MAX_AXIS_CHARS, Projection, parse_direction
from embeddings.reduce import ALL_METHODS, METHODS, UMAP_METRICS
from embeddings.words import MAX_INPUT_CHARS, MAX_WORD_CHARS, clean_text, format_words
from links.query import Key, choice, float_in, int_choice, int_in, read_query, refused, shown

DEFAULT_WORDS = ("king", "queen", "man", "woman", "apple", "banana", "orange", "paris", "london", "human")
VIEWS = ("full", "figure")
TRUST_SHADING = ("on", "off")
MAX_URL_VALUE = MAX_INPUT_CHARS
MAX_DIMENSION = 100_000  # an axis number beyond the model's own dimensions falls back (see `fit_to_model`)


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
    axes: tuple[int, ...] = ()  # method=dimensions: the dimensions drawn, from 1; empty: the first `dims`
    x: str = DEFAULT_DIRECTIONS[0]  # method=axes: the direction of each axis, as in the analogy field
    y: str = DEFAULT_DIRECTIONS[1]
    z: str = DEFAULT_DIRECTIONS[2]

    @property
    def dimensions(self) -> tuple[int, ...]:
        """The dimensions method=dimensions draws: `axes`, or else the first `dims` of them."""
        return self.axes or tuple(range(1, self.dims + 1))

    @property
    def directions(self) -> tuple[str, ...]:
        return (self.x, self.y, self.z)[: self.dims]

    @property
    def projection(self) -> Projection | None:
        """Raw dimensions or meaning axes (no reduction), or None for PCA, t-SNE and UMAP."""
        if self.method == "dimensions":
            return Projection("dimensions", axes=self.dimensions)
        if self.method == "axes":
            return Projection("axes", expressions=self.directions)
        return None
    trust: str = "on"  # `off`: no trust outlines or hover lines, for the essay's clean figures


DEFAULTS = ViewState()
METHOD_KEYS = {"tsne": ("perplexity",), "umap": ("n_neighbors", "min_dist", "metric"), "pca": (),
               "dimensions": ("axes",), "axes": AXIS_NAMES}


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
    for key in METHOD_KEYS[state.method][: state.dims if state.method == "axes" else None]:
        query[key] = _format(state.dimensions if key == "axes" else getattr(state, key))
    if state.analogy:
        query["analogy"] = state.analogy
    if state.focus:
        query["focus"] = state.focus
    if state.view != "full":
        query["view"] = state.view
    if state.trust != DEFAULTS.trust:
        query["trust"] = state.trust
    return query


def from_query(params: Mapping[str, str | list[str]]) -> tuple[ViewState, list[str]]:
    """A valid state from any query string, and a notice for each value that was not accepted."""
    values, notices = read_query(params, KEYS)
    state = ViewState(**values)
    if state.method == "dimensions" and state.axes:
        state = replace(state, dims=len(state.axes))  # `axes=1,2,3` is a 3D figure, whatever `dims` says
    return fit_to_model(state, get_spec(state.model).dims, notices)


def fit_to_model(state: ViewState, size: int | None, notices: list[str] | None = None
                 ) -> tuple[ViewState, list[str]]:
    """Dimensions beyond the model's own (`axes=51` on a 50-dimensional model) fall back to the first ones,
    with a notice: checked against the catalogue when the URL is read, and against the opened model."""
    notices = [] if notices is None else notices
    beyond = [a for a in state.axes if size and a > size]
    if beyond:
        notices.append(refused("axes", f"{state.model} has {size} dimensions, not {beyond[0]}."))
        state = replace(state, axes=tuple(range(1, len(state.axes) + 1)))
    return state, notices


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


def _axes(raw: str) -> tuple[int, ...]:
    """`1,2` or `1,2,3`: the dimensions to draw, numbered from 1 as the essay counts them."""
    parts = [p.strip() for p in raw.split(",")]
    if not 2 <= len(parts) <= 3:
        raise ValueError(f"{shown(raw)} is not two or three dimensions, such as 1,2 or 1,2,3.")
    axes = tuple(int_in(1, MAX_DIMENSION)(p) for p in parts)
    if len(set(axes)) != len(axes):
        raise ValueError(f"{shown(raw)} names a dimension twice.")
    return axes


def _direction(raw: str) -> str:
    """An axis of meaning, checked for its form here; its words are looked up in the model by the page."""
    text = _text(MAX_AXIS_CHARS)(raw)
    parse_direction(text)
    return text


def _format(value: object) -> str:
    """Short (`30`, `0.1`) where that is exact, as links have always been; else every digit, to round-trip."""
    if isinstance(value, tuple):
        return ",".join(map(str, value))
    if not isinstance(value, float):
        return str(value)
    short = f"{value:g}"
    return short if float(short) == value else repr(value)


KEYS = tuple(replace(key, bound=MAX_URL_VALUE) for key in (
    Key("words", _words, DEFAULTS.words),
    Key("model", _model, DEFAULTS.model),
    Key("method", choice(ALL_METHODS), DEFAULTS.method),
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
    Key("axes", _axes, DEFAULTS.axes),
    Key("x", _direction, DEFAULTS.x),
    Key("y", _direction, DEFAULTS.y),
    Key("z", _direction, DEFAULTS.z),
    Key("trust", choice(TRUST_SHADING), DEFAULTS.trust),
))
_PARSERS = {key.name: key.parse for key in KEYS}
FIELD_OF_KEY = {key.name: key.field for key in KEYS if key.field}  # URL key -> field, where they differ
assert max(CONTEXT_SIZES) == MAX_CONTEXT


# The compare page (/compare): `a`, `b` (catalogue names of ready models), `words`, `method`, `dims`.
MAX_COMPARE_TEXT = 5000
# The second model when a link names none: the language model's own map, which ships with the app, so a
# compare link shows the same picture on every server (word2vec, when an operator fetched it, is the next choice)
PREFERRED_SECOND = ("gemma-3-270m", "word2vec-google-news-300")


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
    second = next((m for m in PREFERRED_SECOND if m in ready), None) or next((m for m in ready if m != ready[0]),
                                                                             ready[0])

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
