"""The /stones page's query string: prompt, tosses, seed, temperature and the map, validated like the explorer's.

`tosses` is a JSON list of the tokens appended, exactly as tossed (" king", ","), so a shared link shows the
same stones whatever server answers; `seed` fixes where the next stone lands. The keys are declared in one
table (`KEYS`) and read by the function every page uses (`links.query.read_query`): anything invalid falls
back to its default with the same notice as on the explorer.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from embeddings.catalogue import DEFAULT_MODEL, get_spec
from embeddings.context import CONTEXT_SIZES
from embeddings.reduce import METHODS
from embeddings.scene import MAX_STOCHASTIC_POINTS
from links.query import Key, choice, int_choice, int_in, read_state, shown, unless_default
from stones.distribution import check_temperature
from stones.walk import MAX_PROMPT_CHARS, MAX_TOKEN_CHARS, MAX_TOSSES, check_tosses, normalise_prompt

VIEWS = ("full", "figure")
MAP_SIZES = tuple(n for n in CONTEXT_SIZES if n >= 1000)
MAX_SEED = 2**31 - 1
MAX_URL_VALUE = 2_000


@dataclass(frozen=True)
class StonesState:
    prompt: str = "The king"
    tosses: tuple[str, ...] = ()
    seed: int = 1
    temperature: float = 1.0
    model: str = DEFAULT_MODEL
    method: str = "pca"
    context: int = max(MAP_SIZES)
    view: str = "full"


DEFAULTS = StonesState()


def map_size(state: StonesState) -> int:
    """The words on the map as drawn: t-SNE and UMAP lay out at most the explorer's budget for a reader's
    request (seconds, not minutes, when the map is not fitted yet); PCA any of the sizes."""
    return state.context if state.method == "pca" else min(state.context, MAX_STOCHASTIC_POINTS)


def to_query(state: StonesState) -> dict[str, str]:
    query = {"prompt": state.prompt, "seed": str(state.seed), "temperature": f"{state.temperature:g}",
             "model": state.model, "method": state.method, "context": str(state.context)}
    if state.tosses:
        query["tosses"] = json.dumps(list(state.tosses), ensure_ascii=False, separators=(",", ":"))
    return query | unless_default(state, DEFAULTS, "view")


def from_query(params: Mapping[str, str | list[str]]) -> tuple[StonesState, list[str]]:
    return read_state(params, KEYS, StonesState)


def _tosses(raw: str) -> tuple[str, ...]:
    try:
        value = json.loads(raw)
    except ValueError:
        raise ValueError("not a JSON list of tokens") from None
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        raise ValueError("not a JSON list of tokens")
    return check_tosses(tuple(value))


def _prompt(raw: str) -> str:
    text = normalise_prompt(raw)
    if not text:
        raise ValueError("empty")
    return text


def _float_temperature(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{shown(raw)} is not a number") from None
    return round(check_temperature(value), 2)


def _model(raw: str) -> str:
    try:
        return get_spec(raw).name
    except KeyError:
        raise ValueError(f"{shown(raw)} is not a model this app knows") from None


KEYS = (
    Key("prompt", _prompt, DEFAULTS.prompt),
    Key("tosses", _tosses, DEFAULTS.tosses, requires="prompt"),  # tosses belong to a prompt
    Key("seed", int_in(0, MAX_SEED), DEFAULTS.seed),
    Key("temperature", _float_temperature, DEFAULTS.temperature),
    Key("model", _model, DEFAULTS.model),
    Key("method", choice(METHODS), DEFAULTS.method),
    Key("context", int_choice(MAP_SIZES), DEFAULTS.context),
    Key("view", choice(VIEWS), DEFAULTS.view),
)
assert MAX_URL_VALUE > MAX_PROMPT_CHARS and MAX_URL_VALUE > MAX_TOSSES * (MAX_TOKEN_CHARS + 3)
