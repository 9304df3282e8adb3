"""The operator's own vector files, registered by name in a TOML file; readers only ever see the names.

The file is `models.toml` at the project root, or the path in `EMBEDDINGS_MODELS_FILE`. One table per model:

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
"""
from __future__ import annotations

import json
import logging
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from embeddings.paths import PROJECT_ROOT, models_dir

log = logging.getLogger(__name__)
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


@dataclass(frozen=True)
class LocalSource:
    """Where the operator's file is and how to read it: kept out of ModelSpec, which the page sees."""

    name: str
    path: Path
    format: str


_logged_stamp: tuple | None = None


def config_path() -> Path:
    return Path(os.environ.get("EMBEDDINGS_MODELS_FILE") or PROJECT_ROOT / "models.toml")


def _load() -> tuple[list, dict[str, LocalSource], list[str]]:
    """Parsed on every call (a few small files), so a conversion or an edit shows up without a restart."""
    global _logged_stamp
    path = config_path()
    specs, sources, errors = parse_config(path)
    stamp = (str(path), path.stat().st_mtime_ns if path.exists() else None)
    if errors and stamp != _logged_stamp:
        for error in errors:
            log.warning("%s", error)
        _logged_stamp = stamp
    return specs, sources, errors


def local_specs() -> list:
    return _load()[0]


def local_source(name: str) -> LocalSource | None:
    return _load()[1].get(name)


def config_errors() -> list[str]:
    return _load()[2]


def parse_config(path: Path) -> tuple[list, dict[str, LocalSource], list[str]]:
    """Specs and sources of the valid entries, and one message per invalid one."""
    from embeddings.catalogue import ModelSpec, is_built_in
    from embeddings.convert import FORMATS

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
        if is_built_in(name):
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
            source="local",
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
        meta = json.loads((models_dir() / name / "model.json").read_text())
        return int(meta["count"]), int(meta["dims"])
    except (OSError, ValueError, KeyError):
        return 0, 0
