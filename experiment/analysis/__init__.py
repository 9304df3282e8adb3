"""Trace analysis: did the model follow long multiplication, and where did it first go wrong?

    >>> analysis = analyze_trace(4567, 892, reasoning, answer)
    >>> analysis.category, analysis.first_wrong
    >>> analysis.to_json()

The pipeline is parse (claims/) -> check (check.py) -> verdict (verdict.py). Results carry
ANALYZER_VERSION so that stored analyses can be recomputed when the analyzer improves.

Its modules are imported from their compiled build where there is one for their current source
(compiled.py, built by scripts/build_analyzer.py): the same code, a quarter faster.
"""

from __future__ import annotations

from experiment.analysis import compiled

compiled.install()  # before any module it compiles is imported

from experiment.analysis.trace import ANALYZER_VERSION, TraceAnalysis, analyze_trace  # noqa: E402
from experiment.analysis.verdict import CATEGORIES  # noqa: E402

__all__ = ["ANALYZER_VERSION", "CATEGORIES", "TraceAnalysis", "analyze_trace"]
