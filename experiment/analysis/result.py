"""The analyzer's output as typed records: `TraceVerdict` for a trace, `LocatedStep` for each step and
`FirstWrong` for the first error that stuck. One `to_dict`/`from_dict` pair is the JSON form (the
`analyze` command's lines, the `analysis` column of the results store, what the page reads); stored
analyses of every earlier analyzer version read back through `from_dict`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from experiment.analysis.kinds import Category, Label, Source, StepKind, parse_kind


@dataclass(slots=True, frozen=True)
class LocatedStep:
    """One checked step, located in the record: `span` is [start, end) in the field `source`."""

    index: int
    kind: StepKind
    claimed: int
    own: int | None
    true: int | None
    label: Label
    span: tuple[int, int]
    source: Source
    verification: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "kind": self.kind.value, "claimed": self.claimed, "own": self.own,
                "true": self.true, "label": self.label.value, "span": [self.span[0], self.span[1]],
                "source": self.source.value, "verification": self.verification}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LocatedStep:
        span = data.get("span") or (0, 0)
        return cls(index=int(data.get("index", -1)), kind=parse_kind(StepKind, data["kind"], "step kind"),
                   claimed=int(data["claimed"]), own=_int(data.get("own")), true=_int(data.get("true")),
                   label=parse_kind(Label, data.get("label", "unchecked"), "label"),
                   span=(int(span[0]), int(span[1])),
                   source=parse_kind(Source, data.get("source", "reasoning"), "source"),
                   verification=bool(data.get("verification", False)))


@dataclass(slots=True, frozen=True)
class FirstWrong(LocatedStep):
    """The first error that stuck: a wrong step (or a miscopy) that the model did not later recompute
    right, or, in a self-corrected trace, the first error it fixed."""


@dataclass(slots=True, frozen=True)
class TraceVerdict:
    """The analysis of one trace (results/README.md, "Trace analysis format")."""

    analyzer_version: str
    followed_algorithm: bool
    category: Category
    answer: int | None
    answer_correct: bool
    trace_result: int | None
    first_wrong: FirstWrong | None
    labels: dict[Label, int] = field(default_factory=dict)
    steps: tuple[LocatedStep, ...] = ()

    def to_dict(self, brief: bool = False) -> dict[str, Any]:
        """The JSON-ready form; `brief` leaves out the steps."""
        out: dict[str, Any] = {
            "analyzer_version": self.analyzer_version,
            "followed_algorithm": self.followed_algorithm,
            "category": self.category.value,
            "answer": self.answer,
            "answer_correct": self.answer_correct,
            "trace_result": self.trace_result,
            "first_wrong": self.first_wrong.to_dict() if self.first_wrong is not None else None,
            "labels": {label.value: count for label, count in self.labels.items()},
        }
        if not brief:
            out["steps"] = [step.to_dict() for step in self.steps]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TraceVerdict:
        """Reads what to_dict wrote, in this version or any earlier one (analyzer 1.0 and 1.1 wrote the
        same fields; a field an old line lacks takes its empty value)."""
        first = data.get("first_wrong")
        return cls(
            analyzer_version=str(data.get("analyzer_version", "")),
            followed_algorithm=bool(data.get("followed_algorithm", False)),
            category=parse_kind(Category, data["category"], "category"),
            answer=_int(data.get("answer")),
            answer_correct=bool(data.get("answer_correct", False)),
            trace_result=_int(data.get("trace_result")),
            first_wrong=FirstWrong.from_dict(first) if first else None,
            labels={parse_kind(Label, k, "label"): int(v) for k, v in (data.get("labels") or {}).items()},
            steps=tuple(LocatedStep.from_dict(step) for step in data.get("steps") or ()),
        )


def _int(value: Any) -> int | None:
    return None if value is None else int(value)
