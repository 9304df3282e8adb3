"""Score an analyzer on the realistic held-out traces.

A wrong trace is located right when the analyzer's first error that stuck overlaps the labelled first
wrong number (or a number of the same step, e.g. the row of a misread multiplier digit), in the same
field of the reply. A right trace is right when the analyzer reports no error that stuck; a truncated
one when it reports no wrong step and calls the trace truncated. The analyzer is read through one
adapter (`read`), the same reading as tests/analysis/generator/coverage.py's `read_verdict`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tests.analysis.realistic.labels import records

_NO_ERROR_CATEGORIES = ("correct", "self_corrected")


@dataclass(frozen=True)
class Reading:
    """What the scorer reads of an analysis: the first error that stuck (field, start, end, claimed) or
    None, the category, whether the trace was called truncated."""

    first_wrong: tuple[str, int, int, int | None] | None
    category: str
    truncated: bool


def cases(recs: list[dict], known_misses: frozenset[str]) -> list:
    """One pytest case per record, the known misses marked xfail (not strict: a fix shows as XPASS)."""
    import pytest

    return [pytest.param(r, id=r["id"], marks=pytest.mark.xfail(reason="known miss", strict=False))
            if r["id"] in known_misses else pytest.param(r, id=r["id"]) for r in recs]


def read(record: dict) -> Reading:
    """Analyse with whatever `experiment.analysis` is importable (this branch's, or another tree's put
    first on sys.path by bench/bench_realistic.py)."""
    from experiment.analysis import analyze_trace

    result = analyze_trace(record["a"], record["b"], record["reasoning"], record["answer"],
                           record["finish_reason"]).to_json()
    first = result["first_wrong"]
    stuck = first is not None and result["category"] not in _NO_ERROR_CATEGORIES
    span = (first["source"], first["span"][0], first["span"][1], first.get("claimed")) if stuck else None
    return Reading(span, result["category"], result["category"] == "truncated")


@dataclass(frozen=True)
class Outcome:
    record: dict
    reading: Reading
    ok: bool
    reason: str


def judge(record: dict, reading: Reading) -> Outcome:
    fw = record["first_wrong"]
    got = reading.first_wrong
    where = _describe(record, got)
    if record["outcome"] == "truncated" and fw is None:
        ok = got is None and reading.truncated
        reason = "" if ok else (f"cut trace with right steps: flagged {where} ({reading.category})" if got else
                                f"cut trace not called truncated (category {reading.category})")
        return Outcome(record, reading, ok, reason)
    if fw is None:
        ok = got is None
        return Outcome(record, reading, ok, "" if ok else f"right trace: flagged {where} ({reading.category})")
    targets = [fw, *record["also_locates"]]
    ok = got is not None and any(t["source"] == got[0] and got[1] < t["end"] and t["start"] < got[2] for t in targets)
    if ok:
        return Outcome(record, reading, True, "")
    expected = f"{fw['source']}[{fw['start']}:{fw['end']}] {fw['text']!r}"
    if got is None:
        return Outcome(record, reading, False, f"{record['error']}: no error found (category {reading.category}); "
                                               f"expected {expected}")
    return Outcome(record, reading, False, f"{record['error']}: flagged {where} ({reading.category}); "
                                           f"expected {expected}")


def _describe(record: dict, got: tuple[str, int, int, int | None] | None) -> str:
    if got is None:
        return "nothing"
    text = record[got[0]][got[1]:got[2]]
    return f"{got[0]}[{got[1]}:{got[2]}] {text!r}"


@dataclass
class Score:
    outcomes: list[Outcome] = field(default_factory=list)

    def _of(self, wrong: bool) -> list[Outcome]:
        return [o for o in self.outcomes if (o.record["first_wrong"] is not None) == wrong]

    @property
    def clean(self) -> tuple[int, int]:
        """Traces without a wrong step (right, or cut with right steps) reported as such."""
        group = self._of(False)
        return sum(o.ok for o in group), len(group)

    @property
    def located(self) -> tuple[int, int]:
        group = self._of(True)
        return sum(o.ok for o in group), len(group)

    @property
    def misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]


def score(reader: Callable[[dict], Reading] = read, recs: list[dict] | None = None) -> Score:
    result = Score()
    for record in recs if recs is not None else records():
        result.outcomes.append(judge(record, reader(record)))
    return result
