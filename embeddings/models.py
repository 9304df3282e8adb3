"""Loading models: once converted into flat files under `cache/` (model_store.py), then memory-mapped.

A reader's request never parses a text file of vectors: conversion happens once (on first use for the
embedded model, through `python -m embeddings fetch` for downloaded and local ones), and every later load maps
the same flat files read-only (see model_store.py), so all sessions and processes share one copy in the page
cache and opening word2vec's 3,000,000 keys builds no Python list or dict.

A converted model whose files fail their checksums is never drawn from. What happens instead is its source's
decision (embeddings/sources/): the embedded model is rebuilt from its package on the spot (a second or two);
a fetched or local one cannot be on a reader's request, so the error says what the operator must do, and
whether what it was converted from is still on this server.
"""
from __future__ import annotations

from pathlib import Path

from embeddings import model_store
from embeddings.catalogue import get_spec
from embeddings.paths import model_folder
from embeddings.sources import source_for
from embeddings.spec import ModelSpec
from embeddings.vectors import WordVectors


def model_path(name: str) -> Path:
    """The converted model's marker file, written last; its large arrays sit beside it as flat files."""
    return model_folder(name) / model_store.MARKER


def is_ready(spec: ModelSpec) -> bool:
    """Whether the model can be opened without a download or conversion: embedded models always can."""
    return source_for(spec).is_ready(spec)


def load(name: str) -> WordVectors:
    """Open a catalogue model read-only and memory-mapped (KeyError for a name not in the catalogue)."""
    spec = get_spec(name)
    return source_for(spec).load(spec)


def rebuild_advice(spec: ModelSpec) -> str:
    """What an operator does about a damaged model, saying whether what it was made from is still here."""
    return source_for(spec).advice(spec)
