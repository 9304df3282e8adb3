"""The operator's own vector files, registered by name in a TOML file; readers only ever see the names.

The file is `models.toml` at the project root, or the path in `EMBEDDINGS_MODELS_FILE` (paths.models_file).
One table per model:

    [models.my-vectors]
    path = "/srv/vectors/my-vectors.bin"   # absolute, or relative to the TOML file
    format = "word2vec-binary"             # word2vec-binary, word2vec-text, fasttext-vec, glove-text
    lowercase = false                      # true if the keys are all lower-case (the page folds input)
    phrases_joined_by = "_"                # optional: "New York" is stored as New_York
    title = "My vectors"                   # optional
    description = "..."                    # optional
    licence = "..."                        # optional

`python -m embeddings fetch my-vectors` converts the file once into the cache, like a downloaded model.
A bad entry is skipped with a message (shown by `python -m embeddings list`), never a broken page.

The file is parsed again only when it changes, or when one of its models is converted (a model's size is
read from its conversion): `stamp` is a few `stat` calls, cheap enough for every URL a reader opens.
"""
from __future__ import annotations

import json
import logging
import os
import re
import tomllib
from collections.abc import Collection, Hashable
from dataclasses import dataclass
from pathlib import Path

from embeddings.convert import FORMATS
from embeddings.gensim_data import FetchError
from embeddings.model_store import MARKER
from embeddings.paths import model_folder, models_file
from embeddings.sources.base import FetchOptions, FetchResult, ModelSource, convert
from embeddings.spec import ModelSpec, SourceKind

log = logging.getLogger(__name__)
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


@dataclass(frozen=True)
class LocalSource:
    """Where the operator's file is and how to read it: kept out of ModelSpec, which the page sees."""

    name: str
    path: Path
    format: str


@dataclass(frozen=True)
class _Parsed:
    stamp: Hashable
    specs: list[ModelSpec]
    sources: dict[str, LocalSource]
    errors: list[str]


def _stat(path: Path) -> tuple[int, int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_ino, status.st_size, status.st_mtime_ns


class LocalFiles(ModelSource):
    kind = SourceKind.LOCAL

    def __init__(self, reserved: Collection[str] = ()) -> None:
        self._reserved = frozenset(reserved)  # built-in names, which a local entry may not take over
        self._parsed: _Parsed | None = None

    def stamp(self) -> Hashable:
        return self._stamp(self._parsed.sources if self._parsed is not None else ())

    @staticmethod
    def _stamp(names: Collection[str]) -> Hashable:
        path = models_file()
        return (str(path), _stat(path), tuple((str(model_folder(n)), _stat(model_folder(n) / MARKER)) for n in names))

    def _current(self) -> _Parsed:
        parsed = self._parsed
        if parsed is None or parsed.stamp != self._stamp(parsed.sources):
            specs, sources, errors = parse_config(models_file(), self._reserved)
            for error in errors:
                log.warning("%s", error)
            parsed = self._parsed = _Parsed(self._stamp(sources), specs, sources, errors)
        return parsed

    def specs(self) -> list[ModelSpec]:
        return self._current().specs

    def errors(self) -> list[str]:
        return self._current().errors

    def source(self, name: str) -> LocalSource | None:
        return self._current().sources.get(name)

    def advice(self, spec: ModelSpec) -> str:
        fetch = f"python -m embeddings fetch {spec.name}"
        source = self.source(spec.name)
        if source is not None and source.path.is_file():
            return f"Its file {source.path} is still here: an operator can convert it again with: {fetch}"
        where = source.path if source is not None else "(not in models.toml any more)"
        return (f"The file it was converted from, {where}, is gone from this server, so it cannot be rebuilt "
                f"here: put the file back, then run: {fetch}")

    def fetch(self, spec: ModelSpec, options: FetchOptions) -> FetchResult:
        source = self.source(spec.name)
        if source is None or not source.path.is_file():
            where = source.path if source else "models.toml"
            raise FetchError(f"{spec.name}: the file {where} does not exist")
        convert(spec.name, source.path, source.format, options)
        return FetchResult(spec.name, True, f"{spec.name} converted from {source.path}")


def parse_config(path: Path, reserved: Collection[str] = ()
                 ) -> tuple[list[ModelSpec], dict[str, LocalSource], list[str]]:
    """Specs and sources of the valid entries, and one message per invalid one (`reserved`: names taken)."""
    if not path.exists():
        return [], {}, []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        return [], {}, [f"{path}: cannot read the models file: {e}"]
    specs, sources, errors = [], {}, []
    for name, entry in (data.get("models") or {}).items():
        where = f"{path}: [models.{name}]"
        if not NAME_PATTERN.match(name):
            errors.append(f"{where}: a name is letters, digits, '.', '_' and '-' (at most 64)")
            continue
        if name in reserved:
            errors.append(f"{where}: {name!r} is a built-in model name; choose another")
            continue
        if not isinstance(entry, dict) or "path" not in entry or "format" not in entry:
            errors.append(f"{where}: needs `path` and `format`")
            continue
        if entry["format"] not in FORMATS:
            errors.append(f"{where}: unknown format {entry['format']!r}; one of {', '.join(FORMATS)}")
            continue
        file = Path(entry["path"]).expanduser()
        file = file if file.is_absolute() else (path.parent / file)
        shape = _converted_shape(name)
        specs.append(ModelSpec(
            name=name,
            title=str(entry.get("title", name)),
            dims=shape[1],
            vocab_size=shape[0],
            lowercase=bool(entry.get("lowercase", False)),
            source=SourceKind.LOCAL,
            licence=str(entry.get("licence", "as stated by the operator of this server")),
            description=str(entry.get("description", "A model provided by the operator of this server.")),
            phrases_joined_by=entry.get("phrases_joined_by"),
            file_format=entry["format"],
        ))
        sources[name] = LocalSource(name, file.resolve(), entry["format"])
    return specs, sources, errors


def _converted_shape(name: str) -> tuple[int, int]:
    """Count and dims once converted (0, 0 before): the file itself is never opened on a reader's request."""
    try:
        meta = json.loads((model_folder(name) / MARKER).read_text())
        return int(meta["count"]), int(meta["dims"])
    except (OSError, ValueError, KeyError):
        return 0, 0
