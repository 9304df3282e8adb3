"""Scoring the analyzer against a hand-labelled corpus.

A first wrong step is "right" when the analyzer and the label agree that there is none, or when both
name the same claimed value at the same place in the text (the predicted span overlaps the labelled
passage). Categories are scored separately, as a confusion table, because a right location with a
debatable category is a different kind of miss from a wrong location.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from experiment.analysis.trace import analyze_trace


@dataclass(slots=True)
class CorpusScore:
    total: int = 0
    first_wrong_right: int = 0
    category_right: int = 0
    wrong_total: int = 0   # traces labelled with a first wrong step
    wrong_found: int = 0   # ... whose first wrong step the analyzer found (same value, same place)
    right_total: int = 0   # traces labelled without one
    right_clean: int = 0   # ... on which the analyzer reports no wrong step
    confusion: Counter = field(default_factory=Counter)  # (labelled, predicted) -> count
    misses: list[dict[str, Any]] = field(default_factory=list)

    @property
    def first_wrong_share(self) -> float:
        return self.first_wrong_right / self.total if self.total else 0.0

    @property
    def category_share(self) -> float:
        return self.category_right / self.total if self.total else 0.0

    @property
    def wrong_found_share(self) -> float:
        """Of the traces with an error, how many had it found where it is: the analyzer's recall."""
        return self.wrong_found / self.wrong_total if self.wrong_total else 1.0

    @property
    def right_clean_share(self) -> float:
        """Of the traces without an error, how many were left without one: no false alarms."""
        return self.right_clean / self.right_total if self.right_total else 1.0


def load_corpus(path: Path) -> list[dict[str, Any]]:
    """The records of one JSON Lines file, or of every `*.jsonl` file in a folder (in name order)."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    records: list[dict[str, Any]] = []
    for file in files:
        with file.open(encoding="utf-8") as handle:
            records += [json.loads(line) for line in handle if line.strip()]
    return records


def _labelled_span(record: dict[str, Any], label: dict[str, Any]) -> tuple[str, int, int]:
    source = label.get("source", "reasoning")
    text = record[source]
    start = -1
    for _ in range(label.get("occurrence", 1)):
        start = text.index(label["at"], start + 1)
    return source, start, start + len(label["at"])


def first_wrong_matches(record: dict[str, Any], predicted: dict[str, Any] | None) -> bool:
    label = record["label"]["first_wrong"]
    if label is None or predicted is None:
        return label is None and predicted is None
    source, start, end = _labelled_span(record, label)
    p_start, p_end = predicted["span"]
    return (
        predicted["claimed"] == label["claimed"]
        and predicted["source"] == source
        and p_start < end
        and start < p_end
    )


def score_corpus(records: list[dict[str, Any]]) -> CorpusScore:
    score = CorpusScore()
    for record in records:
        result = analyze_trace(record["a"], record["b"], record["reasoning"], record["answer"],
                               record.get("finish_reason")).to_json()
        score.total += 1
        location_ok = first_wrong_matches(record, result["first_wrong"])
        labelled = record["label"]["category"]
        score.first_wrong_right += location_ok
        if record["label"]["first_wrong"] is None:
            score.right_total += 1
            score.right_clean += result["first_wrong"] is None
        else:
            score.wrong_total += 1
            score.wrong_found += location_ok
        score.category_right += labelled == result["category"]
        score.confusion[(labelled, result["category"])] += 1
        if not location_ok or labelled != result["category"]:
            score.misses.append({"id": record["id"], "labelled": labelled, "predicted": result["category"],
                                 "label_first_wrong": record["label"]["first_wrong"],
                                 "first_wrong": result["first_wrong"]})
    return score


def format_score(score: CorpusScore) -> str:
    """The score and the category confusion as plain text (rows: labelled, columns: predicted)."""
    lines = [
        f"traces: {score.total}",
        f"first wrong step right: {score.first_wrong_right}/{score.total} = {score.first_wrong_share:.1%}",
        f"category right: {score.category_right}/{score.total} = {score.category_share:.1%}",
        f"traces with an error, first wrong step found: {score.wrong_found}/{score.wrong_total}"
        f" = {score.wrong_found_share:.1%}",
        f"traces without an error, no error reported: {score.right_clean}/{score.right_total}"
        f" = {score.right_clean_share:.1%}",
        "",
        "category confusion (labelled -> predicted: count)",
    ]
    for (labelled, predicted), count in sorted(score.confusion.items()):
        mark = "" if labelled == predicted else "   <-- differs"
        lines.append(f"  {labelled:22s} -> {predicted:22s} {count:3d}{mark}")
    if score.misses:
        lines += ["", "misses:"]
        lines += [f"  {m['id']}: labelled {m['labelled']}, predicted {m['predicted']}" for m in score.misses]
    return "\n".join(lines)
