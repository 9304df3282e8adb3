"""Trace analysis: did the model follow long multiplication, and where did it first go wrong?

    >>> analysis = analyze_trace(4567, 892, reasoning, answer)
    >>> analysis.category, analysis.first_wrong
    >>> analysis.to_json()

The pipeline is parse (claims/) -> check (check.py) -> verdict (verdict.py). Results carry
ANALYZER_VERSION so that stored analyses can be recomputed when the analyzer improves.
"""

from __future__ import annotations

from experiment.analysis.trace import ANALYZER_VERSION, TraceAnalysis, analyze_trace
from experiment.analysis.verdict import CATEGORIES

__all__ = ["ANALYZER_VERSION", "CATEGORIES", "TraceAnalysis", "analyze_trace"]
