"""The run configuration file (TOML): which models, which grid, how many samples, which prompts.

Everything is checked before anything is written or asked, and every mistake is reported as a
``ConfigError`` whose message names the file and the key, so a typo costs a second, not a half-run.
The file names the environment variable that holds each API key, never the key itself.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path

from experiment.clients import PROVIDERS
from experiment.problems import cell_capacity
from experiment.prompts import VARIANTS

MAX_DIGITS = 100
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class ConfigError(ValueError):
    """A configuration the runner cannot honour; the message is meant for the person who wrote it."""


@dataclass(frozen=True)
class ModelConfig:
    label: str
    provider: str
    base_url: str
    model: str
    params: dict = field(default_factory=dict)
    api_key_env: str | None = None
    provenance: dict = field(default_factory=dict)

    def identity(self) -> dict:
        """What makes two answers comparable: same label, API, model and sampling parameters."""
        return {"label": self.label, "provider": self.provider, "model": self.model, "params": self.params}


@dataclass(frozen=True)
class RunnerSettings:
    concurrency: int = 4
    timeout: float = 120.0
    max_retries: int = 6
    backoff_base: float = 1.0
    backoff_max: float = 60.0
    max_retry_after: float = 300.0
    max_requests: int | None = None
    max_tokens: int | None = None


@dataclass(frozen=True)
class RunConfig:
    name: str
    seed: int
    samples: int
    a_digits: tuple[int, int]
    b_digits: tuple[int, int]
    variants: tuple[str, ...]
    models: tuple[ModelConfig, ...]
    runner: RunnerSettings
    database: Path
    path: Path

    def as_dict(self) -> dict:
        """The configuration as stored with the run: plain JSON, key variable names only, no keys."""
        data = asdict(self)
        data["database"] = str(self.database)
        data["path"] = str(self.path)
        return data

    def fingerprint(self) -> str:
        """Identifies the plan (not the runner settings): runs with the same fingerprint resume each other."""
        plan = {k: v for k, v in self.as_dict().items() if k not in ("runner", "database", "path")}
        for model in plan["models"]:
            model.pop("provenance", None)
        return hashlib.sha256(json.dumps(plan, sort_keys=True).encode()).hexdigest()[:16]


TOP_KEYS = {"name", "seed", "samples", "a_digits", "b_digits", "variants", "database", "runner", "models"}
MODEL_KEYS = {"label", "provider", "base_url", "model", "params", "api_key_env", "provenance"}
RUNNER_KEYS = set(RunnerSettings.__dataclass_fields__)


def _check_keys(table: dict, allowed: set[str], where: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise ConfigError(f"unknown key {unknown[0]!r} in {where} (allowed: {', '.join(sorted(allowed))})")


def _require(table: dict, key: str, kind: type | tuple[type, ...], where: str):
    if key not in table:
        raise ConfigError(f"missing key {key!r} in {where}")
    return _typed(table[key], kind, f"{key!r} in {where}")


def _typed(value, kind: type | tuple[type, ...], what: str):
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(value, bool) and bool not in kinds:
        raise ConfigError(f"{what} must be {_kind_names(kinds)}, not a boolean")
    if float in kinds and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kinds):
        raise ConfigError(f"{what} must be {_kind_names(kinds)}, got {value!r}")
    return value


def _kind_names(kinds: tuple[type, ...]) -> str:
    names = {int: "an integer", float: "a number", str: "a string", list: "a list", dict: "a table"}
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _digit_range(value, what: str) -> tuple[int, int]:
    if isinstance(value, int) and not isinstance(value, bool):
        value = [value, value]
    if (not isinstance(value, list) or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)):
        raise ConfigError(f"{what} must be [first, last] digit counts, e.g. [1, 5], got {value!r}")
    first, last = value
    if not 1 <= first <= last <= MAX_DIGITS:
        raise ConfigError(f"{what} must satisfy 1 <= first <= last <= {MAX_DIGITS}, got {value!r}")
    return first, last


def _model(table, index: int) -> ModelConfig:
    where = f"[[models]] #{index + 1}"
    table = _typed(table, dict, where)
    _check_keys(table, MODEL_KEYS, where)
    label = _require(table, "label", str, where)
    where = f"model {label!r}"
    provider = _require(table, "provider", str, where)
    if provider not in PROVIDERS:
        raise ConfigError(f"provider {provider!r} of {where} is not one of: {', '.join(PROVIDERS)}")
    base_url = _require(table, "base_url", str, where)
    if not re.match(r"https?://[^/\s]+", base_url):
        raise ConfigError(f"base_url of {where} must start with http:// or https://, got {base_url!r}")
    key_env = table.get("api_key_env")
    if key_env is not None:
        key_env = _typed(key_env, str, f"api_key_env of {where}")
        if not _ENV_NAME.fullmatch(key_env):
            raise ConfigError(f"api_key_env of {where} must be the NAME of an environment variable, "
                              f"not {'a key' if len(key_env) > 20 else repr(key_env)}")
    return ModelConfig(
        label=label,
        provider=provider,
        base_url=base_url,
        model=_require(table, "model", str, where),
        params=_typed(table.get("params", {}), dict, f"params of {where}"),
        api_key_env=key_env,
        provenance=_typed(table.get("provenance", {}), dict, f"provenance of {where}"),
    )


def _runner(table) -> RunnerSettings:
    table = _typed(table, dict, "[runner]")
    _check_keys(table, RUNNER_KEYS, "[runner]")
    values = {}
    for name in RunnerSettings.__dataclass_fields__:
        if name not in table:
            continue
        kind = int if name in ("concurrency", "max_retries", "max_requests", "max_tokens") else float
        value = _typed(table[name], kind, f"{name!r} in [runner]")
        if value < (1 if name == "concurrency" else 0):
            raise ConfigError(f"{name!r} in [runner] must be {'at least 1' if name == 'concurrency' else 'positive'}")
        values[name] = value
    if values.get("concurrency", 1) > 1024:
        raise ConfigError("'concurrency' in [runner] must be at most 1024")
    return RunnerSettings(**values)


def parse_config(data: dict, path: Path) -> RunConfig:
    """Validate a parsed TOML document; ``path`` anchors the relative database path."""
    where = str(path)
    _check_keys(data, TOP_KEYS, where)
    samples = _require(data, "samples", int, where)
    if samples < 1:
        raise ConfigError(f"'samples' in {where} must be at least 1")
    a_digits = _digit_range(_require(data, "a_digits", (int, list), where), "'a_digits'")
    b_digits = _digit_range(_require(data, "b_digits", (int, list), where), "'b_digits'")
    capacity = cell_capacity(a_digits[0], b_digits[0])
    if samples > capacity:
        raise ConfigError(f"'samples' = {samples} is more than the {capacity} distinct problems of cell "
                          f"{a_digits[0]}x{b_digits[0]}")
    variants = _require(data, "variants", list, where)
    if not variants:
        raise ConfigError("'variants' must name at least one prompt variant")
    for variant in variants:
        if variant not in VARIANTS:
            raise ConfigError(f"unknown prompt variant {variant!r} (known: {', '.join(VARIANTS)})")
    models_table = _require(data, "models", list, where)
    if not models_table:
        raise ConfigError(f"{where} defines no [[models]]")
    models = tuple(_model(table, i) for i, table in enumerate(models_table))
    labels = [m.label for m in models]
    if len(set(labels)) != len(labels):
        raise ConfigError(f"model labels must be unique, got {labels}")
    name = _typed(data.get("name", path.stem), str, "'name'")
    database = Path(_typed(data.get("database", f"{path.stem}.sqlite"), str, "'database'"))
    return RunConfig(
        name=name,
        seed=_require(data, "seed", int, where),
        samples=samples,
        a_digits=a_digits,
        b_digits=b_digits,
        variants=tuple(dict.fromkeys(variants)),
        models=models,
        runner=_runner(data.get("runner", {})),
        database=database if database.is_absolute() else path.parent / database,
        path=path,
    )


def load_config(path: Path) -> RunConfig:
    """Read and validate a configuration file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"configuration file {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read configuration file {path}: {error}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path} is not valid TOML: {error}") from None
    return parse_config(data, path)


def api_keys(config: RunConfig, environ: os._Environ | dict | None = None) -> dict[str, str | None]:
    """Each model's key from the environment, checked up front so a missing key fails before any request."""
    environ = os.environ if environ is None else environ
    keys: dict[str, str | None] = {}
    for model in config.models:
        if model.api_key_env is None:
            keys[model.label] = None
            continue
        value = environ.get(model.api_key_env)
        if not value:
            raise ConfigError(f"environment variable {model.api_key_env} is not set "
                              f"(it holds the API key of model {model.label!r})")
        keys[model.label] = value
    return keys
