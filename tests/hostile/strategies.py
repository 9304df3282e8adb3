"""Hypothesis strategies for what a hostile reader types or puts in a URL: arbitrary text mixed with the
tricks that break parsers (markup, control and format characters, bidi overrides, zero-width joiners,
characters NFKC expands, lone surrogates' neighbours, huge runs) and huge or malformed numbers."""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("hostile", max_examples=150, deadline=None, suppress_health_check=_QUIET)
# HYPOTHESIS_PROFILE=thorough: ten times the examples, for a search before a release
settings.register_profile("thorough", max_examples=1500, deadline=None, suppress_health_check=_QUIET)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "hostile"))

TRICKS = [
    "<img src=x onerror=window.__pwned=1>", "<script>alert(1)</script>", "</div><b>", "&lt;", "&#x3C;",
    "`", "``", "**bold**", "[a](javascript:alert(1))", "$x$", "{{7*7}}", "%s", "%00", "\\", "'", '"', '""',
    ",", ";", " ", "\n", "\t", "\r\n", "\x00", "\x1b[31m", "\x7f", "\u200b", "\u200d", "\u2028", "\ufeff",
    "\u202e", "\u2066", "\ufdfa", "\u0130", "ß", "ﬃ", "e\u0301", "\U0001f600", "\U0001f468\u200d\U0001f469",
    "\uff0c", "\uff02", "＋", "－", "+", "-", "--", "+-", "=", "%2C", "..", "../../etc/passwd", "/c/en/",
    "king", "queen", "New York", "well-known", "9" * 400, "1e309", "nan", "inf", "-0", "0x10", "١٢",
]

hostile_text = st.lists(st.one_of(st.text(max_size=30), st.sampled_from(TRICKS)), max_size=40).map("".join)
huge_text = st.builds(lambda piece, n: piece * n, st.sampled_from(TRICKS + ["a", "a,", "\"a b\" "]),
                      st.integers(min_value=1000, max_value=60_000))
any_text = st.one_of(hostile_text, huge_text, st.text())
numbers_as_text = st.one_of(st.integers().map(str), st.floats().map(repr), st.sampled_from(
    ["", " 3 ", "3.0", "1e309", "-1e309", "nan", "NaN", "inf", "+5", "٣", "²", "0b1", "1_000", "9" * 5000]))
url_value = st.one_of(any_text, numbers_as_text, st.lists(st.one_of(any_text, numbers_as_text), max_size=3))
