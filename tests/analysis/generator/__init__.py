"""A generator of long-multiplication traces in the notations reasoning models write, each with one
injected error at a known place: the trace analyzer's development corpus (issue 17, item 3).

    >>> trace = generate("latex_align", ErrorKind.SHIFT, index=0, split=Split.DEV)
    >>> trace.reasoning, trace.answer, trace.expected.first_wrong

`coverage.py` scores an analyzer on it: the coverage matrix (notation x error kind).
"""

from __future__ import annotations

from tests.analysis.generator.generate import generate, stable_seed
from tests.analysis.generator.model import ErrorKind, Expected, GeneratedTrace, Outcome, Source, Span, Split
from tests.analysis.generator.notations import BY_NAME, NOTATIONS, Notation

__all__ = ["BY_NAME", "NOTATIONS", "ErrorKind", "Expected", "GeneratedTrace", "Notation", "Outcome", "Source",
           "Span", "Split", "generate", "stable_seed"]
