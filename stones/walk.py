"""A walk: the reader's prompt and the stones tossed after it, each an appended token, with its bounds.

The prompt is normalised once (white space collapsed, trailing space dropped) so that the next word comes
with its own leading space, as tokenizers write it; the texts asked about are the prompt and each longer
text after a toss. The bounds keep a reader from making the server do unbounded work.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from embeddings.words import clean_text
from stones.landscape import WordMap
from stones.tokens import WORD, map_key, read_token

MAX_PROMPT_CHARS = 200
MAX_TOSSES = 10
MAX_TOKEN_CHARS = 48


def normalise_prompt(raw: str) -> str:
    """The prompt as asked: NFKC, control characters out, white space collapsed; ValueError when too long."""
    text = " ".join(clean_text(raw).split())
    if len(text) > MAX_PROMPT_CHARS:
        raise ValueError(f"the prompt is longer than {MAX_PROMPT_CHARS} characters")
    return text


def check_tosses(tosses: tuple[str, ...]) -> tuple[str, ...]:
    if len(tosses) > MAX_TOSSES:
        raise ValueError(f"at most {MAX_TOSSES} stones are tossed")
    for token in tosses:
        if not token or len(token) > MAX_TOKEN_CHARS or clean_text(token) != token:
            raise ValueError("a tossed token is empty, too long or holds control characters")  # "\n" is fine
    return tuple(tosses)


@dataclass(frozen=True)
class Stone:
    """One tossed stone: its number (1 = first), the token, and where it lies if it is a word on the map."""

    number: int
    token: str
    word: str
    x: float | None
    y: float | None

    @property
    def on_map(self) -> bool:
        return self.x is not None


def texts(prompt: str, tosses: tuple[str, ...]) -> list[str]:
    """The text before each toss, and after the last: len(tosses) + 1 texts."""
    out = [prompt]
    for token in tosses:
        out.append(out[-1] + token)
    return out


def stones(prompt: str, tosses: tuple[str, ...], word_map: WordMap) -> list[Stone]:
    """The stones tossed so far, each placed on the map when it is a word the map holds."""
    index = word_map.index()
    placed = []
    for number, (before, token) in enumerate(zip(texts(prompt, tosses), tosses), start=1):
        read = read_token(token, at_start=not before)
        key = map_key(read.word, lowercase=word_map.lowercase, key_prefix=word_map.key_prefix)
        if read.kind == WORD and key in index:
            x, y = (float(v) for v in np.asarray(word_map.coords[index[key]])[:2])
            placed.append(Stone(number, token, read.word, x, y))
        else:
            placed.append(Stone(number, token, read.word, None, None))
    return placed
