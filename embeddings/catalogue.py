"""The models a reader may choose: names are the public interface (`?model=`), never file paths.

The catalogue is every source's models (embeddings/sources/), the embedded default first. It is built once
and built again only when a source says its models changed (the operator edited models.toml, or converted
one of its models): asking for a spec on every URL a reader opens costs a few `stat` calls, no parsing.
"""
from __future__ import annotations

import threading
from collections.abc import Hashable, Sequence

from embeddings.sources import BUILT_IN, SOURCES, ModelSource
from embeddings.spec import DEFAULT_MODEL, ModelSpec

__all__ = ["DEFAULT_MODEL", "Catalogue", "all_specs", "config_errors", "get_spec", "is_built_in"]


class Catalogue:
    """The models of some sources, by name; of two entries with one name, the earlier source's is kept."""

    def __init__(self, sources: Sequence[ModelSource], default: str = DEFAULT_MODEL) -> None:
        self._sources = tuple(sources)
        self._default = default
        self._lock = threading.Lock()
        self._stamp: Hashable | None = None
        self._specs: dict[str, ModelSpec] = {}

    def _current(self) -> dict[str, ModelSpec]:
        stamp = tuple(source.stamp() for source in self._sources)
        if stamp != self._stamp:
            with self._lock:
                specs: dict[str, ModelSpec] = {}
                for source in self._sources:
                    for spec in source.specs():
                        specs.setdefault(spec.name, spec)
                self._specs, self._stamp = specs, tuple(source.stamp() for source in self._sources)
        return self._specs

    def get(self, name: str) -> ModelSpec:
        """The spec of a catalogue model; KeyError with the known names for anything else."""
        specs = self._current()
        try:
            return specs[name]
        except KeyError:
            raise KeyError(f"Unknown model {name!r}; known models: {', '.join(sorted(specs))}") from None

    def all(self) -> list[ModelSpec]:
        """Every model: the default first, then each source's in the sources' order."""
        specs = self._current()
        default = specs[self._default]
        return [default] + [s for s in specs.values() if s is not default]

    def errors(self) -> list[str]:
        return [error for source in self._sources for error in source.errors()]


CATALOGUE = Catalogue(SOURCES)
_BUILT_IN_NAMES = frozenset(s.name for source in BUILT_IN for s in source.specs())


def get_spec(name: str) -> ModelSpec:
    """The spec of a catalogue model; KeyError with the known names for anything else."""
    return CATALOGUE.get(name)


def all_specs() -> list[ModelSpec]:
    """Every model: the embedded default first, then gensim-data's, then the operator's local files."""
    return CATALOGUE.all()


def is_built_in(name: str) -> bool:
    """Names that a local configuration may not take over."""
    return name in _BUILT_IN_NAMES


def config_errors() -> list[str]:
    """What is wrong in the operator's configuration (models.toml), one line each."""
    return CATALOGUE.errors()
