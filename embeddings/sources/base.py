"""The one thing every model source is: an object that offers models and knows how to make them ready.

Like the one extension point of simonw/llm (a plugin registers models; each model knows how to run), a
source says which models it offers (`specs`), whether one is ready (`is_ready`), opens it (`load`), makes it
ready on an operator's command (`fetch`), and decides what happens when its converted files are damaged
(`when_damaged`): rebuild on the spot when what it was made from is on this machine and cheap to read again,
otherwise refuse with what the operator must do (`advice`). Loading is the same for every source: the
converted flat files under `cache/models/NAME/`, memory-mapped (model_store.py).

A new kind of model (a language model's token embeddings read from its GGUF file, say) is one new subclass
in this folder, listed in `embeddings/sources/__init__.py`: nothing else changes.
"""
from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path

from embeddings import model_store
from embeddings.convert import ConversionError, convert_file
from embeddings.gensim_data import FetchError
from embeddings.neighbour_index import INDEX_MIN_FLOATS
from embeddings.paths import model_folder
from embeddings.spec import ModelSpec, SourceKind
from embeddings.vectors import WordVectors

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FetchOptions:
    """How `python -m embeddings fetch` was asked to work."""

    progress: bool = True
    keep_download: bool = False
    index_min_floats: int = INDEX_MIN_FLOATS


@dataclass(frozen=True)
class FetchResult:
    name: str
    did_work: bool
    message: str


class ModelSource(ABC):
    """Base of every source. Subclasses set `kind` and give `specs` and `fetch`; the rest has defaults."""

    kind: SourceKind
    # a converted model without recorded checksums is opened (with a warning) unless the source can rebuild it
    require_checksums: bool = False

    @abstractmethod
    def specs(self) -> list[ModelSpec]:
        """The models this source offers, in the order a reader would browse them."""

    def stamp(self) -> Hashable:
        """Changes whenever `specs()` would answer differently (the catalogue re-reads the source then)."""
        return ()

    def errors(self) -> list[str]:
        """What is wrong with the source's configuration, one line each (shown by `python -m embeddings list`)."""
        return []

    def is_ready(self, spec: ModelSpec) -> bool:
        """Whether `load` can open the model without a download or conversion."""
        return model_store.is_complete(model_folder(spec.name))

    def load(self, spec: ModelSpec) -> WordVectors:
        """The converted model, memory-mapped read-only, once its checksums hold."""
        folder = model_folder(spec.name)
        if not model_store.is_complete(folder):
            return self.when_missing(spec)
        try:
            return model_store.open_model(folder, require_checksums=self.require_checksums)
        except model_store.DamagedModel as error:
            return self.when_damaged(spec, error)

    def when_missing(self, spec: ModelSpec) -> WordVectors:
        raise FileNotFoundError(f"Model {spec.name!r} is not ready on this server. An operator can fetch it with: "
                                f"python -m embeddings fetch {spec.name}")

    def when_damaged(self, spec: ModelSpec, error: model_store.DamagedModel) -> WordVectors:
        """Never draw from damaged files: by default refuse, saying what the operator must do."""
        message = f"Model {spec.name!r} is damaged and was not used: {error}. {self.advice(spec)}"
        log.error("%s", message)
        raise model_store.DamagedModel(message) from None

    def advice(self, spec: ModelSpec) -> str:
        """What an operator does about a damaged model (looked up on disk only, never on the network)."""
        return f"An operator can convert it again with: python -m embeddings fetch {spec.name}"

    @abstractmethod
    def fetch(self, spec: ModelSpec, options: FetchOptions) -> FetchResult:
        """Make the model ready (called with the model's fetch lock held); FetchError for the operator."""


class ShippedModel(ModelSource):
    """A model made from a package installed with the app: always ready, converted on first use, and rebuilt on
    the spot when its converted files are damaged, since what it is made from is on this machine."""

    require_checksums = True  # it can be rebuilt, so a conversion that cannot be verified counts as damaged
    package: str  # the PyPI package it is made from, named in the log and the operator's advice

    @abstractmethod
    def build(self, spec: ModelSpec) -> WordVectors:
        """Convert the model from its package into the cache and open it."""

    def is_ready(self, spec: ModelSpec) -> bool:
        return True

    def when_missing(self, spec: ModelSpec) -> WordVectors:
        return self.build(spec)

    def when_damaged(self, spec: ModelSpec, error: model_store.DamagedModel) -> WordVectors:
        log.error("Model %r is damaged and was not used: %s. Rebuilding it from the %s package.", spec.name,
                  error, self.package)
        model_store.discard(model_folder(spec.name))
        return self.build(spec)

    def advice(self, spec: ModelSpec) -> str:
        return f"It is rebuilt from the {self.package} package on its next use."

    def fetch(self, spec: ModelSpec, options: FetchOptions) -> FetchResult:
        self.load(spec)
        return FetchResult(spec.name, True, f"{spec.name} converted from the {self.package} package")


def convert(name: str, source: Path, fmt: str, options: FetchOptions) -> None:
    """Convert a vector file into the cache; a file that is not what its format says is a FetchError."""
    try:
        convert_file(name, source, fmt, progress=options.progress, index_min_floats=options.index_min_floats)
    except ConversionError as e:
        raise FetchError(f"{name}: cannot convert: {e}") from None


def remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass
