"""From a tokenizer's pieces to the words of an embedding model: which candidates land on the map.

A language model predicts tokens, not words. Its tokenizer writes the start of a word with a marker:
SentencePiece (Gemma, Llama 2) puts "▁" before a word-initial piece, byte-level BPE (GPT-2 and its heirs)
puts "Ġ", and a server that decodes pieces to text (llama.cpp's llama-server, vLLM) gives a leading space
instead. The conventions, applied to each candidate next token:

- a piece that starts with a marker and then holds only letters (inner hyphens and apostrophes allowed) is
  the start of a new word: that word, case-folded for a lower-case embedding model (GloVe), prefixed with the
  model's key prefix (ConceptNet's "/c/en/"), lands on the map if the map holds it;
- a piece with no marker continues the word the text ends with (a sub-word piece: "king" + "dom"), except
  at the very start of a text, where there is no word to continue;
- punctuation, digits, white space and special tokens ("<eos>") are not words;
- a word-initial piece is taken as the whole word: the model may go on to spell a longer word ("▁kin" + "g"),
  which the map cannot know from one token. The page says so.

Everything that is not a word on the map is "off the map", and its share of the probability is stated.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

WORD_MARKERS = ("▁", "Ġ", " ")
_LETTERS = re.compile(r"^[^\W\d_](?:[^\W_]|['’-](?=[^\W_]))*$")
_SPECIAL = re.compile(r"^<[^<>\s]+>$|^\[[A-Z_]+\]$")  # <eos>, <end_of_turn>, [SEP]

WORD = "word"
PIECE = "sub-word piece"
PUNCTUATION = "punctuation, digits or spaces"
SPECIAL = "special token"
NOT_IN_MAP = "word not on the map"
KINDS = (WORD, NOT_IN_MAP, PIECE, PUNCTUATION, SPECIAL)


@dataclass(frozen=True)
class TokenWord:
    """What one candidate token is: its kind, and for a word the word as the reader reads it."""

    kind: str
    word: str = ""


def read_token(token: str, *, at_start: bool = False) -> TokenWord:
    """Classify a token piece by the tokenizer conventions above (before any look-up in a map)."""
    if _SPECIAL.match(token):
        return TokenWord(SPECIAL)
    marked = token[:1] in WORD_MARKERS
    body = token[1:] if marked else token
    if marked:
        body = body.lstrip("▁Ġ ")  # "▁▁word" is still one word after white space
    if not body or not _LETTERS.match(body):
        return TokenWord(PUNCTUATION)
    if not marked and not at_start:
        return TokenWord(PIECE, body)
    return TokenWord(WORD, body)


def map_key(word: str, *, lowercase: bool, key_prefix: str = "") -> str:
    """The embedding model's key for a word: case-folded for a lower-case model, with its key prefix."""
    return key_prefix + (word.casefold() if lowercase else word)


def decoded(token: str) -> str:
    """The piece as text: the markers become the space they stand for."""
    return token.replace("▁", " ").replace("Ġ", " ")
