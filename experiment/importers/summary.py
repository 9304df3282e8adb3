"""What an import found, counted as it parses, and printed for the person who ran it.

The counts are the checks a careful reader of an export would make by hand: how many records, models and
cells; where the recorded verdict and the project's grade differ, and why; how many finish reasons were
inferred (truncations above all); how many recorded expected values were not the product.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


@dataclass(slots=True)
class ImportSummary:
    source: str
    format: str
    records: int = 0
    models: set = field(default_factory=set)
    cells: set = field(default_factory=set)
    outcomes: Counter = field(default_factory=Counter)
    disagreements: Counter = field(default_factory=Counter)  # reason -> count
    disagreements_by_model: Counter = field(default_factory=Counter)
    truncations_inferred: Counter = field(default_factory=Counter)  # model -> count
    finishes_inferred: int = 0
    wrong_expected: Counter = field(default_factory=Counter)  # "a x b: recorded e, true p" -> records
    reasoning_in_output: Counter = field(default_factory=Counter)  # model -> records whose output is reasoning
    reasoning_tokens: Counter = field(default_factory=Counter)  # model -> reasoning tokens reported
    notes: list = field(default_factory=list)

    def add(self, record: dict, *, disagreement: str | None, recorded_expected: int | None,
            reasoning_in_output: bool) -> None:
        model = record["model_label"]
        self.records += 1
        self.models.add(model)
        self.cells.add((record["m"], record["n"]))
        self.outcomes[record["outcome"]] += 1
        if disagreement:
            self.disagreements[disagreement] += 1
            self.disagreements_by_model[model] += 1
        if record["finish_reason_inferred"]:
            self.finishes_inferred += 1
            if record["finish_reason"] == "length":
                self.truncations_inferred[model] += 1
        if recorded_expected is not None and recorded_expected != record["product"]:
            key = f"{record['a']} x {record['b']}: recorded {recorded_expected}, true {record['product']}"
            self.wrong_expected[key] += 1
        if reasoning_in_output:
            self.reasoning_in_output[model] += 1
        if record["reasoning_tokens"]:
            self.reasoning_tokens[model] += record["reasoning_tokens"]

    @property
    def disagreement_count(self) -> int:
        return sum(self.disagreements.values())

    def text(self, added: int | None = None, skipped: int | None = None) -> str:
        """The lines printed after an import (``added``/``skipped`` once it has been written)."""
        lines = [f"{self.source} ({self.format}): {_count(self.records, 'record')}, "
                 f"{_count(len(self.models), 'model')}, {_count(len(self.cells), 'cell')} (m x n digits)"]
        if added is not None:
            lines.append(f"written: {added} new records ({skipped} were already there)")
        lines.append("outcomes (this project's grading): "
                     + ", ".join(f"{k} {v}" for k, v in sorted(self.outcomes.items())))
        lines.append(f"recorded verdicts that differ from this project's grading: {self.disagreement_count}")
        for reason, count in self.disagreements.most_common():
            lines.append(f"  {count:4d}  {reason}")
        truncated = sum(self.truncations_inferred.values())
        lines.append(f"finish reasons inferred (none recorded): {self.finishes_inferred}, of which "
                     f"truncations: {truncated}")
        for model, count in sorted(self.truncations_inferred.items()):
            lines.append(f"  {count:4d}  {model}")
        wrong = sum(self.wrong_expected.values())
        lines.append(f"recorded expected values that are not a x b: {wrong} records")
        for problem, count in sorted(self.wrong_expected.items()):
            lines.append(f"  {count:4d}  {problem}")
        if self.reasoning_in_output:
            lines.append("outputs that are the model's reasoning, without its answer (the token counts show "
                         "it): " + ", ".join(f"{m} {c}" for m, c in sorted(self.reasoning_in_output.items())))
        if self.reasoning_tokens:
            lines.append("reasoning tokens reported: " + ", ".join(
                f"{m} {c:,}" for m, c in sorted(self.reasoning_tokens.items())))
        lines.extend(self.notes)
        return "\n".join(lines)
