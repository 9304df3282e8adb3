"""Recorded answers: /steps works without a model server, from the real model's own probabilities.

`results/steps-gemma3-270m.json` holds, for each recorded problem (the page's examples and the problems of the
figure against digits), every next-digit question the page asks in its four contexts: the context's text, the
digits so far, and what Gemma 3 270M gave (each digit's probability, the number's end, the top tokens'
coverage), with the provenance of the recording (model file and its SHA-256, server version and arguments,
date). `python -m inside.steps record` (scripts/record_steps.sh) writes it again. One question a line, so a new
recording reads as a diff.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from embeddings.paths import PROJECT_ROOT
from inside.steps.digits import NextDigit
from inside.steps.working import Problem, WrongStep
from llama.recording import layout, read_recording, write_recording

FORMAT = "steps-recording/1"
DEFAULT_PATH = PROJECT_ROOT / "results" / "steps-gemma3-270m.json"


@dataclass
class StepsRecording:
    examples: list[Problem]  # the page's examples, the first one opens the page
    figure: list[Problem]  # the problems of the figure against digits
    asked: dict[str, dict[str, NextDigit]]  # context text -> digits so far -> what came next
    provenance: dict = field(default_factory=dict)
    beam: int = 0  # the beam the examples were searched with
    figure_beam: int = 0  # and the figure's problems (which need only the right answer and the wrong step's)

    def beam_of(self, problem: Problem) -> int:
        return self.beam if problem in self.examples or problem not in self.figure else self.figure_beam

    def has(self, text: str) -> bool:
        return text in self.asked

    def get(self, text: str, digits: str) -> NextDigit | None:
        return self.asked.get(text, {}).get(digits)


def _problem(entry: dict) -> Problem:
    return Problem(int(entry["a"]), int(entry["b"]), WrongStep(int(entry["wrong_row"]), int(entry["wrong_by"])))


def _entry(problem: Problem) -> dict:
    return {"a": problem.a, "b": problem.b, "wrong_row": problem.wrong.row, "wrong_by": problem.wrong.by}


def load(path: Path = DEFAULT_PATH) -> StepsRecording:
    """Read a recording; ValueError with one line for a file that is not one."""
    data = read_recording(path, FORMAT)
    try:
        asked = {text: {digits: NextDigit({str(d): float(p) for d, p in row[2].items()}, float(row[0]), float(row[1]))
                        for digits, row in questions.items()}
                 for text, questions in data["asked"].items()}
        return StepsRecording([_problem(e) for e in data["examples"]], [_problem(e) for e in data["figure"]], asked,
                              dict(data.get("provenance", {})), int(data["beam"]), int(data["figure_beam"]))
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as error:
        raise ValueError(f"{path} is damaged: {error!r}") from None


def dumps(recording: StepsRecording) -> str:
    """JSON for a diff: the header indented, then one block per context and one line per question in it."""
    head = {"format": FORMAT, "provenance": recording.provenance, "beam": recording.beam,
            "figure_beam": recording.figure_beam,
            "examples": [_entry(p) for p in recording.examples], "figure": [_entry(p) for p in recording.figure]}
    blocks = []
    for text in sorted(recording.asked):
        rows = []
        for digits, step in sorted(recording.asked[text].items(), key=lambda e: (len(e[0]), e[0])):
            probabilities = json.dumps({d: float(f"{p:.6g}") for d, p in step.digits.items()}, separators=(",", ":"))
            rows.append(f"   {json.dumps(digits)}: [{step.end:.6g}, {step.coverage:.6g}, {probabilities}]")
        blocks.append(f"  {json.dumps(text, ensure_ascii=False)}: {{\n" + ",\n".join(rows) + "\n  }")
    return layout(head, "asked", blocks)


def save(recording: StepsRecording, path: Path = DEFAULT_PATH) -> None:
    """Write atomically: a stopped recording never leaves a half-written file in place of the old one."""
    write_recording(dumps(recording), path)
