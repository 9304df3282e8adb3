"""The query string as a public interface: blog links depend on these keys, so they stay stable.

Every view setting round-trips through `to_query` and `from_query`. Values from a URL are untrusted: each is
validated against a closed set or a range, anything else falls back to its default with a notice, and no
value is ever used as a path or passed to a shell.
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

from embeddings.catalogue import DEFAULT_MODEL, get_spec
from embeddings.context import CONTEXT_SIZES, MAX_CONTEXT
from embeddings.neighbours import MAX_NEIGHBOURS
from embeddings.reduce import METHODS, UMAP_METRICS
from embeddings.words import MAX_INPUT_CHARS, MAX_WORD_CHARS, clean_text, format_words

DEFAULT_WORDS = ("king", "queen", "man", "woman", "apple", "banana", "orange", "paris", "london", "human")
VIEWS = ("full", "figure")
MAX_URL_VALUE = MAX_INPUT_CHARS


@dataclass(frozen=True)
class ViewState:
    """One picture, fully described. Field names are the query keys, except `neighbours`: its public key
    keeps the spelling `neighbors` that published links use (see `FIELD_OF_KEY`)."""

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
FIELD_OF_KEY = {"neighbors": "neighbours"}  # URL key -> field, where they differ
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
    notices: list[str] = []
    values: dict[str, object] = {}
    known = {f.name for f in fields(ViewState)}
    for key in params:
        field = FIELD_OF_KEY.get(key, key)
        if field not in known or key in FIELD_OF_KEY.values():
            continue
        raw = params[key]
        raw = (raw[-1] if raw else "") if isinstance(raw, list) else raw
        if not isinstance(raw, str) or len(raw) > MAX_URL_VALUE:
            notices.append(f"The URL's `{key}` value is too long and was ignored.")
            continue
        try:
            values[field] = _PARSERS[key](raw)
        except ValueError as error:
            notices.append(f"The URL's `{key}` value was not used: {error} The default was used instead.")
    return replace(DEFAULTS, **values), notices


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
        raise ValueError(f"{_shown(raw)} is not a model this app knows.") from None


def _choice(options: tuple) -> callable:
    def parse(raw: str) -> str:
        if raw not in options:
            raise ValueError(f"{_shown(raw)} is not one of {', '.join(map(str, options))}.")
        return raw

    return parse


def _int_in(low: int, high: int) -> callable:
    def parse(raw: str) -> int:
        try:
            value = int(raw)
        except ValueError:
            raise ValueError(f"{_shown(raw)} is not a whole number.") from None
        if not low <= value <= high:
            raise ValueError(f"{_shown(raw)} is outside {low}..{high}.")
        return value

    return parse


def _float_in(low: float, high: float) -> callable:
    def parse(raw: str) -> float:
        try:
            value = float(raw)
        except ValueError:
            raise ValueError(f"{_shown(raw)} is not a number.") from None
        if not math.isfinite(value) or not low <= value <= high:
            raise ValueError(f"{_shown(raw)} is outside {low:g}..{high:g}.")
        return value

    return parse


def _context(raw: str) -> int:
    value = _int_in(0, MAX_CONTEXT)(raw)
    if value not in CONTEXT_SIZES:
        raise ValueError(f"{value} is not one of {', '.join(map(str, CONTEXT_SIZES))}.")
    return value


def _text(limit: int) -> callable:
    def parse(raw: str) -> str:
        text = " ".join(clean_text(raw).split())
        if len(text) > limit:
            raise ValueError(f"longer than {limit} characters.")
        return text

    return parse


def _shown(raw: str) -> str:
    """A bad value, shortened and quoted, safe to print back to the reader: at most 40 characters of it, and
    at most 80 once repr has spelled out the control and unassigned characters as escapes."""
    shown = repr(raw[:40] + ("…" if len(raw) > 40 else ""))
    return shown if len(shown) <= 80 else shown[:78] + "…" + shown[0]


def _format(value: object) -> str:
    """Short (`30`, `0.1`) where that is exact, as links have always been; else every digit, to round-trip."""
    if not isinstance(value, float):
        return str(value)
    short = f"{value:g}"
    return short if float(short) == value else repr(value)


_PARSERS = {
    "words": _words,
    "model": _model,
    "method": _choice(METHODS),
    "dims": lambda raw: int(_choice(("2", "3"))(raw)),
    "neighbors": _int_in(0, MAX_NEIGHBOURS),
    "context": _context,
    "focus": _text(MAX_WORD_CHARS),
    "view": _choice(VIEWS),
    "analogy": _text(200),
    "perplexity": _float_in(1.0, 100.0),
    "n_neighbors": _int_in(2, 100),
    "min_dist": _float_in(0.0, 1.0),
    "metric": _choice(UMAP_METRICS),
}


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


def compare_from_query(query: Mapping[str, str | list[str]], ready: list[str],
                       default_words: str = "") -> tuple[CompareState, list[str]]:
    """The compare page's settings from any query string: models only among `ready`, the rest bounded."""
    def get(key: str) -> str | None:
        value = query.get(key)
        value = (value[-1] if value else None) if isinstance(value, list) else value
        return value if isinstance(value, str) else None

    notices: list[str] = []
    second = PREFERRED_SECOND if PREFERRED_SECOND in ready else next((m for m in ready if m != ready[0]), ready[0])
    chosen = {}
    for key, default in (("a", DEFAULT_MODEL if DEFAULT_MODEL in ready else ready[0]), ("b", second)):
        value = get(key)
        if value is not None and value not in ready:
            notices.append(f"Model {_shown(value)} is not available here; showing {default}.")
        chosen[key] = value if value in ready else default
    words = get("words")
    words = default_words if words is None else words[:MAX_COMPARE_TEXT]
    # links from before quoting: "king,queen" reads the same with or without a space after each comma
    words = words if '"' in words else words.replace(",", ", ")[:MAX_COMPARE_TEXT]
    method = get("method") if get("method") in METHODS else "pca"
    return CompareState(chosen["a"], chosen["b"], words, method, 3 if get("dims") == "3" else 2), notices
