"""Claim: one assertion the readers found, with the span of the claimed value.

Its own module because every reader makes claims and the checker and trace read them: the readers import
it from here, never from the package, so the package's `__init__` can import the readers without a cycle.
"""

from __future__ import annotations

from dataclasses import dataclass

from experiment.analysis.expr import Node, Num


@dataclass(slots=True, eq=False)
class Claim:
    """One assertion. `kind` is the parser's view of its shape:

    - "equation": `expr` evaluates to `claimed` ("4567 x 8 = 36536");
    - "carry" / "write": the carry or the written digit of the value `ref` ("56 ... carry 5");
    - "shift": `ref` moved left by the place value it belongs to ("41103, shifted: 411030");
    - "sum": the sum of the partial products so far, without writing them ("adding up: 4073764");
    - "result": a stated product without a computation ("the product is 4073764").
    """

    kind: str
    claimed: int
    start: int
    end: int
    step_start: int
    expr: Node | None = None
    ref: Num | None = None
    verification: bool = False
    decomposition: bool = False
    place: int = -1  # the place the model says a multiplier digit stands at ("the hundreds digit": 2)
    row: int = -1  # in a written-out layout "N / x M / ---": the k-th row under the rule (units row 0)
    layout: tuple[int, int] | None = None  # (N, M) of that layout
    expansion: bool = False  # a decomposition read from the rows of an expansion, not written as a split
