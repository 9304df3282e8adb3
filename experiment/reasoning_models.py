"""Which models count as reasoning models, from a table that names where each fact is stated.

The table (``reasoning_models.csv`` beside this file) has one row per model pattern: a shell glob, whether
models that match it reason before they answer, and the source (a provider's model page or a document).
It is data, not code, so that a reader can check every claim and a new model needs one line. The answer
matters for imported runs: a reasoning model whose export holds no reasoning text hid it (``hidden``),
while a chat model had none (``none``).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).with_name("reasoning_models.csv")


@dataclass(frozen=True, slots=True)
class ReasoningFact:
    pattern: str
    reasoning: bool
    source: str


@lru_cache(maxsize=4)
def load_table(path: Path = TABLE) -> tuple[ReasoningFact, ...]:
    """The rows in file order; lines starting with ``#`` are comments."""
    with open(path, encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    facts = []
    for row in csv.DictReader(lines):
        value = row["reasoning"].strip().lower()
        if value not in ("yes", "no"):
            raise ValueError(f"{path}: reasoning must be yes or no for {row['pattern']!r}, got {value!r}")
        facts.append(ReasoningFact(row["pattern"].strip().lower(), value == "yes", row["source"].strip()))
    return tuple(facts)


def reasoning_fact(model: str) -> ReasoningFact | None:
    """The first row whose pattern matches ``model``, its last path part, or either without a provider
    prefix (``openai:o3``); None if none does."""
    name = model.strip().lower()
    names = [name, name.rsplit("/", 1)[-1]]
    if ":" in name.split("/", 1)[0]:  # a provider prefix (openai:o3, openrouter:openai/o3-mini)
        bare = name.split(":", 1)[1]
        names += [bare, bare.rsplit("/", 1)[-1]]
    for fact in load_table():
        if any(fnmatchcase(candidate, fact.pattern) for candidate in names):
            return fact
    return None


def is_reasoning_model(model: str) -> bool | None:
    """True for a documented reasoning model, False for a documented non-reasoning one, None if unknown."""
    fact = reasoning_fact(model)
    return fact.reasoning if fact else None


# The kinds of model the figures and `stats --by kind` pool by, with their labels.
KINDS = {"reasoning": "reasoning models", "other": "non-reasoning models", "unknown": "models of unknown kind"}


def model_kind(label: str, model: str = "") -> str:
    """"reasoning", "other" or "unknown" (a key of KINDS), by the model's label, else its provider's name."""
    kind = is_reasoning_model(label)
    if kind is None and model:
        kind = is_reasoning_model(model)
    return "unknown" if kind is None else "reasoning" if kind else "other"


def by_kind(table):
    """A record table (pandas) whose `model_label` is the kind of model, for statistics pooled by kind."""
    models = table[["model_label", "model"]].drop_duplicates()
    kinds = {row.model_label: KINDS[model_kind(row.model_label, row.model)] for row in models.itertuples()}
    return table.assign(model_label=table["model_label"].map(kinds))
