"""Which of a sentence's token vectors is the word's.

A word may be one token (" bank") or several (" ech", "olocation"). A model that reads left to right has read
the whole word only at its last token, so the word's vector in a sentence is the vector at the last token that
overlaps the word's characters.
"""
from __future__ import annotations

import numpy as np

from inside.contexts.sentences import find_word


class NotFound(ValueError):
    """The word is not in the sentence's tokens (the sentence does not use it, or the pieces do not spell it)."""


def token_spans(pieces: tuple[str, ...]) -> list[tuple[int, int]]:
    spans, start = [], 0
    for piece in pieces:
        spans.append((start, start + len(piece)))
        start += len(piece)
    return spans


def word_tokens(word: str, text: str, pieces: tuple[str, ...]) -> list[int]:
    """The indices of the tokens that spell the word's first occurrence in `text`."""
    span = find_word(word, text)
    if span is None:
        raise NotFound(f"the sentence does not use “{word}”")
    joined = "".join(pieces)
    offset = joined.find(text) if joined != text else 0
    if offset < 0:
        raise NotFound("the server's tokens do not spell the sentence")
    start, end = span[0] + offset, span[1] + offset
    found = [i for i, (a, b) in enumerate(token_spans(pieces)) if a < end and b > start]
    if not found:
        raise NotFound(f"no token of the sentence covers “{word}”")
    return found


def word_vector(word: str, text: str, pieces: tuple[str, ...], vectors: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """The word's vector in this sentence (at its last token) and the tokens that spell it."""
    found = word_tokens(word, text, pieces)
    return np.asarray(vectors[found[-1]], dtype=np.float32), [pieces[i] for i in found]
