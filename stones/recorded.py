"""Recorded distributions: the page works without a model server, from the real model's own answers.

`results/stones-gemma3-270m.json` holds, for each example prompt, the top next-token probabilities after the
prompt and after each of its likeliest continuations a few tosses deep (the tree a reader can walk without a
live server), with the provenance of the recording: model file and its SHA-256, server version and
parameters, date. `python -m stones record` (scripts/record_stones.sh) writes it again. The file is JSON with
one candidate per line, so a new recording reads as a diff.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from embeddings.paths import PROJECT_ROOT
from llama.recording import layout, read_recording, write_recording
from stones.distribution import Candidate, NextTokens, ordered

FORMAT = "stones-recording/1"
DEFAULT_PATH = PROJECT_ROOT / "results" / "stones-gemma3-270m.json"


@dataclass
class Recording:
    """Example prompts, the distributions recorded after texts that start with them, and their provenance."""

    examples: list[str]
    distributions: dict[str, tuple[Candidate, ...]]
    provenance: dict = field(default_factory=dict)
    branches: int = 0
    depth: int = 0

    def get(self, text: str) -> NextTokens | None:
        found = self.distributions.get(text)
        return None if found is None else NextTokens(text, found, "recorded")

    def continued(self, text: str) -> set[str]:
        """The candidate tokens after `text` whose own distribution is recorded: where a stone can land."""
        return {c.token for c in self.distributions.get(text, ()) if text + c.token in self.distributions}


def load(path: Path = DEFAULT_PATH) -> Recording:
    """Read a recording; ValueError with one line for a file that is not one."""
    data = read_recording(path, FORMAT)
    try:
        distributions = {
            text: ordered([Candidate(str(t), float(p)) for t, p in pairs])
            for text, pairs in data["distributions"].items()
        }
        return Recording(list(data["examples"]), distributions, dict(data.get("provenance", {})),
                         int(data.get("branches", 0)), int(data.get("depth", 0)))
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"{path} is damaged: {error}") from None


def dumps(recording: Recording) -> str:
    """JSON for a diff: header fields indented, then one text per block and one candidate per line."""
    head = {"format": FORMAT, "provenance": recording.provenance, "examples": recording.examples,
            "branches": recording.branches, "depth": recording.depth}
    blocks = []
    for text in sorted(recording.distributions):
        rows = [f"   [{json.dumps(c.token, ensure_ascii=False)}, {c.probability:.6g}]"
                for c in recording.distributions[text]]
        blocks.append(f"  {json.dumps(text, ensure_ascii=False)}: [\n" + ",\n".join(rows) + "\n  ]")
    return layout(head, "distributions", blocks)


def save(recording: Recording, path: Path = DEFAULT_PATH) -> None:
    """Write atomically: a stopped recording never leaves a half-written file in place of the old one."""
    write_recording(dumps(recording), path)
