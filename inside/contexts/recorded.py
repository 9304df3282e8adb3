"""Recorded vectors: /contexts works without a model server, from the real model's own last layer.

`results/contexts-gemma3-270m.json` holds, for each example word and each of its sentences, the sense, the tokens
that spell the word and the word's last-layer vector (640 numbers, 5 significant digits), with the provenance of
the recording (model file and its SHA-256, server version and arguments, date). `python -m inside.contexts record`
(scripts/record_contexts.sh) writes it again. One sentence a line, so a new recording reads as a diff.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from embeddings.paths import PROJECT_ROOT
from inside.contexts.sentences import Sentence, WordInSentences
from llama.recording import layout, read_recording, write_recording

FORMAT = "contexts-recording/1"
DEFAULT_PATH = PROJECT_ROOT / "results" / "contexts-gemma3-270m.json"


@dataclass(frozen=True)
class WordVector:
    """The word's vector in one sentence, and the tokens that spell it there."""

    tokens: tuple[str, ...]
    vector: np.ndarray


@dataclass
class ContextsRecording:
    examples: dict[str, WordInSentences]
    vectors: dict[tuple[str, str], WordVector]  # (word, lower-cased; sentence) -> its vector there
    provenance: dict = field(default_factory=dict)

    def get(self, word: str, text: str) -> WordVector | None:
        return self.vectors.get((word.casefold(), text))


def load(path: Path = DEFAULT_PATH) -> ContextsRecording:
    """Read a recording; ValueError with one line for a file that is not one."""
    data = read_recording(path, FORMAT)
    try:
        examples, vectors = {}, {}
        for word, rows in data["words"].items():
            examples[word] = WordInSentences(word, tuple(Sentence(str(r["sense"]), str(r["text"])) for r in rows))
            for r in rows:
                vector = np.asarray(r["vector"], dtype=np.float32)
                if vector.ndim != 1 or not np.isfinite(vector).all():
                    raise ValueError(f"a vector of {word!r} is not a list of numbers")
                vectors[(word.casefold(), str(r["text"]))] = WordVector(tuple(map(str, r["tokens"])), vector)
        return ContextsRecording(examples, vectors, dict(data.get("provenance", {})))
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"{path} is damaged: {error}") from None


def dumps(recording: ContextsRecording) -> str:
    head = {"format": FORMAT, "provenance": recording.provenance}
    blocks = []
    for word, found in recording.examples.items():
        rows = []
        for s in found.sentences:
            v = recording.get(word, s.text)
            numbers = ",".join(f"{x:.5g}" for x in v.vector.tolist())
            rows.append(f'   {{"sense": {json.dumps(s.sense, ensure_ascii=False)}, '
                        f'"text": {json.dumps(s.text, ensure_ascii=False)}, '
                        f'"tokens": {json.dumps(list(v.tokens), ensure_ascii=False)}, "vector": [{numbers}]}}')
        blocks.append(f"  {json.dumps(word, ensure_ascii=False)}: [\n" + ",\n".join(rows) + "\n  ]")
    return layout(head, "words", blocks)


def save(recording: ContextsRecording, path: Path = DEFAULT_PATH) -> None:
    """Write atomically: a stopped recording never leaves a half-written file in place of the old one."""
    write_recording(dumps(recording), path)
