"""Where models come from: one object per kind of source, each with the same few methods (sources/base.py).

    SOURCES            the sources, in the order the catalogue lists their models
    source_for(spec)   the source that serves a model

The embedded package's GloVe serves its name offline, so the gensim-data release of the same name is left
out; the operator's local files may not take a built-in name. A new kind of source (a language model's token
embeddings read from its GGUF file, `SourceKind.LANGUAGE_MODEL`, is one: language_model.py) is a `ModelSource`
subclass in a module here, added to `SOURCES` below.
"""
from __future__ import annotations

from embeddings.sources.base import FetchOptions, FetchResult, ModelSource
from embeddings.sources.embedded import EmbeddedPackage
from embeddings.sources.gensim_release import GensimRelease
from embeddings.sources.language_model import LanguageModelEmbeddings
from embeddings.sources.local_file import LocalFiles
from embeddings.spec import ModelSpec, SourceKind

EMBEDDED = EmbeddedPackage()
LANGUAGE_MODEL = LanguageModelEmbeddings()  # ships too: listed right after the default
GENSIM_DATA = GensimRelease(served_elsewhere=frozenset(s.name for s in EMBEDDED.specs()))
BUILT_IN: tuple[ModelSource, ...] = (EMBEDDED, LANGUAGE_MODEL, GENSIM_DATA)
LOCAL = LocalFiles(reserved={s.name for source in BUILT_IN for s in source.specs()})
SOURCES: tuple[ModelSource, ...] = (*BUILT_IN, LOCAL)
_BY_KIND = {source.kind: source for source in SOURCES}

__all__ = ["BUILT_IN", "LOCAL", "SOURCES", "FetchOptions", "FetchResult", "ModelSource", "source_for"]


def source_for(spec: ModelSpec) -> ModelSource:
    try:
        return _BY_KIND[SourceKind(spec.source)]
    except (KeyError, ValueError):
        raise KeyError(f"{spec.name}: no source serves models of kind {spec.source!r}") from None
