"""The work list of a run: every (model, prompt variant, problem) of the configuration, in a stable order.

An item's key is a hash of what was asked and of whom (model label, provider, model name, parameters, the
verbatim prompt, the operands). Two runs that would send the same request share the key, which is how a
re-run knows what it must not ask again, whatever else changed in the file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass

from experiment.config import ModelConfig, RunConfig
from experiment.problems import Problem, grid_problems
from experiment.prompts import Prompt, render


@dataclass(frozen=True, slots=True)
class Item:
    model: ModelConfig
    problem: Problem
    prompt: Prompt
    key: str


def item_key(model: ModelConfig, prompt: Prompt, problem: Problem) -> str:
    identity = {"model": model.identity(), "prompt": prompt.text, "a": problem.a, "b": problem.b}
    return hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()[:32]


def plan_items(config: RunConfig) -> Iterator[Item]:
    """All items, generated lazily: a 100,000-item plan is never held in memory at once."""
    a_digits = range(config.a_digits[0], config.a_digits[1] + 1)
    b_digits = range(config.b_digits[0], config.b_digits[1] + 1)
    for model in config.models:
        for variant in config.variants:
            for problem in grid_problems(config.seed, a_digits, b_digits, config.samples):
                prompt = render(variant, problem.a, problem.b)
                yield Item(model=model, problem=problem, prompt=prompt, key=item_key(model, prompt, problem))


def planned_count(config: RunConfig) -> int:
    cells = (config.a_digits[1] - config.a_digits[0] + 1) * (config.b_digits[1] - config.b_digits[0] + 1)
    return len(config.models) * len(config.variants) * cells * config.samples
