"""The /contexts page's query string, declared in one table (`KEYS`) and read by `links.query.read_query`, as every
page's.

`word`: the word (default `bank`); `sentences`: the reader's sentences, one a line (`sense: sentence`), absent
when the word's example sentences are shown; `method`: `pca`, `tsne` or `umap`; `neighbors`: how many nearest
input vectors the fixed-vector panel shows (0..30); `figure`: which figure the embedded view shows
(`contexts`, the word in its sentences, or `input`, its one input vector); `view`: `full` or `figure`.
Anything invalid falls back to its default with a notice.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from embeddings.reduce import METHODS
from inside.contexts.sentences import (
    DEFAULT_WORD,
    MAX_SENSE_CHARS,
    MAX_SENTENCE_CHARS,
    MAX_SENTENCES,
    MAX_WORD_CHARS,
    check_word,
    clean,
)
from links.query import Key, choice, int_in, read_state, unless_default

VIEWS = ("full", "figure")
FIGURES = ("contexts", "input")
MAX_NEIGHBOURS = 30
MAX_URL_VALUE = MAX_SENTENCES * (MAX_SENTENCE_CHARS + MAX_SENSE_CHARS + 3)


@dataclass(frozen=True)
class ContextsState:
    word: str = DEFAULT_WORD
    sentences: str = ""  # "" = the word's example sentences
    method: str = "pca"
    neighbors: int = 10
    figure: str = "contexts"
    view: str = "full"


DEFAULTS = ContextsState()


def to_query(state: ContextsState) -> dict[str, str]:
    query = {"word": state.word, "method": state.method, "neighbors": str(state.neighbors)}
    return query | unless_default(state, DEFAULTS, "sentences", "figure", "view")


def from_query(params: Mapping[str, str | list[str]]) -> tuple[ContextsState, list[str]]:
    return read_state(params, KEYS, ContextsState)


def _sentences(raw: str) -> str:
    """Lines kept as lines, each cleaned; which of them are used is `sentences.parse_lines`' to say."""
    return "\n".join(line for line in (clean(x) for x in raw.splitlines()) if line)


KEYS = (
    Key("word", check_word, DEFAULTS.word, bound=MAX_WORD_CHARS * 4),
    Key("sentences", _sentences, DEFAULTS.sentences, bound=MAX_URL_VALUE),
    Key("method", choice(METHODS), DEFAULTS.method),
    Key("neighbors", int_in(0, MAX_NEIGHBOURS), DEFAULTS.neighbors),
    Key("figure", choice(FIGURES), DEFAULTS.figure),
    Key("view", choice(VIEWS), DEFAULTS.view),
)
