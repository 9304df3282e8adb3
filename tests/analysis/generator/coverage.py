"""The coverage matrix: an analyzer scored on generated traces, per notation and error kind.

A wrong trace is located right when the analyzer's first error that stuck overlaps the injected step
(same field of the reply, overlapping characters); a right trace when the analyzer reports no error that
stuck; a truncated one when it reports no wrong step and calls the trace truncated.

`read_verdict` is the one function that knows the analyzer's output; when the analyzer's types change,
only it changes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from tests.analysis.generator.generate import generate
from tests.analysis.generator.model import ErrorKind, GeneratedTrace, Source, Span, Split
from tests.analysis.generator.notations import NOTATIONS, Notation

KIND_ORDER = tuple(ErrorKind)
SHORT = {
    ErrorKind.NONE: "right", ErrorKind.SPLIT: "split", ErrorKind.MULTIPLIER_DIGIT: "digit",
    ErrorKind.PARTIAL_PRODUCT: "pprod", ErrorKind.SHIFT: "shift", ErrorKind.COPY: "copy",
    ErrorKind.CARRY: "carry", ErrorKind.SUM: "sum", ErrorKind.MISSING_ROW: "miss", ErrorKind.EXTRA_ROW: "extra",
    ErrorKind.ANSWER_MISMATCH: "answr", ErrorKind.TRUNCATION: "trunc",
}


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the scorer reads of an analysis: the first error that stuck (None: none), whether the trace
    was called truncated, whether it followed the algorithm, and the analyzer's category name."""

    first_wrong: Span | None
    truncated: bool
    followed_algorithm: bool
    category: str
    fixed: Span | None = None  # an error the analyzer says the model fixed itself (a self-corrected trace)


def read_verdict(trace: GeneratedTrace) -> Verdict:
    """Analyse the trace with experiment.analysis and read its `TraceVerdict`: its `first_wrong` is the first
    error that stuck, or, for a right answer (correct, self-corrected), an error the model fixed."""
    from experiment.analysis import analyze_trace
    from experiment.analysis.kinds import Category

    verdict = analyze_trace(trace.a, trace.b, trace.reasoning, trace.answer, trace.finish_reason).verdict()
    first = verdict.first_wrong
    stuck = first is not None and verdict.category not in (Category.CORRECT, Category.SELF_CORRECTED)
    span = Span(Source(first.source.value), first.span[0], first.span[1]) if first is not None else None
    return Verdict(span if stuck else None, verdict.category is Category.TRUNCATED, verdict.followed_algorithm,
                   verdict.category.value, None if stuck else span)


def located_right(trace: GeneratedTrace, verdict: Verdict) -> bool:
    expected = trace.expected
    if expected.kind is ErrorKind.TRUNCATION:
        if expected.first_wrong is not None:  # cut after a slip, before the model took it back
            return verdict.truncated and verdict.first_wrong is not None and verdict.first_wrong.overlaps(
                expected.first_wrong)
        return verdict.first_wrong is None and verdict.truncated
    if expected.first_wrong is None:
        return verdict.first_wrong is None
    return verdict.first_wrong is not None and verdict.first_wrong.overlaps(expected.first_wrong)


@dataclass
class Cell:
    total: int = 0
    right: int = 0
    followed_right: int = 0
    false_fixes: int = 0  # right traces without a slip that the analyzer calls self-corrected
    unslipped: int = 0    # right traces without a slip
    misses: list[tuple[GeneratedTrace, Verdict]] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 1.0


@dataclass
class Matrix:
    split: Split
    per_cell: int
    cells: dict[tuple[str, ErrorKind], Cell]
    seconds: float = 0.0

    @property
    def traces(self) -> int:
        return sum(c.total for c in self.cells.values())

    def cell(self, notation: str, kind: ErrorKind) -> Cell | None:
        return self.cells.get((notation, kind))


def cells(notations: Iterable[Notation] = NOTATIONS) -> list[tuple[str, ErrorKind]]:
    """Every (notation, kind) that the generator can write, in matrix order."""
    return [(n.name, k) for n in notations for k in KIND_ORDER if k in n.kinds]


def score_cell(notation: str, kind: ErrorKind, split: Split, per_cell: int,
               read: Callable[[GeneratedTrace], Verdict] = read_verdict, start: int = 0) -> Cell:
    cell = Cell()
    for index in range(start, start + per_cell):
        trace = generate(notation, kind, index, split)
        verdict = read(trace)
        cell.total += 1
        ok = located_right(trace, verdict)
        cell.right += ok
        cell.followed_right += verdict.followed_algorithm == trace.expected.followed_algorithm
        cell.unslipped += kind is ErrorKind.NONE and trace.expected.fixed is None
        cell.false_fixes += kind is ErrorKind.NONE and trace.expected.fixed is None and verdict.fixed is not None
        if not ok:
            cell.misses.append((trace, verdict))
    return cell


def coverage(split: Split, per_cell: int, notations: Iterable[Notation] = NOTATIONS,
             read: Callable[[GeneratedTrace], Verdict] = read_verdict) -> Matrix:
    began = time.perf_counter()
    matrix = Matrix(split, per_cell, {key: score_cell(*key, split, per_cell, read) for key in cells(notations)})
    matrix.seconds = time.perf_counter() - began
    return matrix


def format_matrix(matrix: Matrix, notations: Iterable[Notation] = NOTATIONS) -> str:
    """Rows: notations; columns: error kinds ("right": right traces reported clean). Each cell is the
    share located right, in percent ("-": the notation cannot show that error). The last columns: the
    notation's worst cell and how often its followed-algorithm call agrees with the expectation."""
    notations = list(notations)
    head = f"{'notation':14}" + "".join(f"{SHORT[k]:>6}" for k in KIND_ORDER) + f"{'worst':>7}{'follow':>7}"
    lines = [f"coverage matrix, {matrix.split.value} ({matrix.per_cell} traces per cell, {matrix.traces:,} traces, "
             f"{matrix.seconds:.1f} s): % located right", head]
    for n in notations:
        row = f"{n.name:14}"
        shares, followed, total = [], 0, 0
        for k in KIND_ORDER:
            cell = matrix.cell(n.name, k)
            if cell is None:
                row += f"{'-':>6}"
                continue
            shares.append(cell.share)
            followed += cell.followed_right
            total += cell.total
            row += f"{cell.share * 100:6.0f}"
        row += f"{min(shares) * 100:7.0f}{followed / max(total, 1) * 100:7.0f}"
        lines.append(row)
    foot = f"{'all':14}"
    for k in KIND_ORDER:
        column = [c for (name, kind), c in matrix.cells.items() if kind is k]
        right, total = sum(c.right for c in column), sum(c.total for c in column)
        foot += f"{right / total * 100:6.0f}" if total else f"{'-':>6}"
    lines.append(foot)
    wrong = [c for (_, k), c in matrix.cells.items() if k is not ErrorKind.NONE]
    right = [c for (_, k), c in matrix.cells.items() if k is ErrorKind.NONE]
    lines.append(f"wrong traces located right: {sum(c.right for c in wrong)}/{sum(c.total for c in wrong)}"
                 f" = {sum(c.right for c in wrong) / max(1, sum(c.total for c in wrong)):.1%};"
                 f" right traces clean: {sum(c.right for c in right)}/{sum(c.total for c in right)}"
                 f" = {sum(c.right for c in right) / max(1, sum(c.total for c in right)):.1%};"
                 f" cells >= 95%: {sum(c.share >= 0.95 for c in matrix.cells.values())}/{len(matrix.cells)}")
    right = [c for (_, k), c in matrix.cells.items() if k is ErrorKind.NONE]
    where = ", ".join(f"{n} {c.false_fixes}" for (n, k), c in matrix.cells.items()
                      if k is ErrorKind.NONE and c.false_fixes)
    lines.append(f"false alarms: right traces without a slip called self-corrected: "
                 f"{sum(c.false_fixes for c in right)}/{sum(c.unslipped for c in right)}"
                 + (f" ({where})" if where else ""))
    return "\n".join(lines)
