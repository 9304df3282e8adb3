"""A long LaTeX trace (~30,000 characters) for the analyzer's worst-case timing: one right multiplication
worked again and again (by place values, chunks and cross products; display and inline math, align
blocks) between "Wait, let me recompute" restarts, as long reasoning-model traces are."""

from __future__ import annotations

import random

from tests.analysis.generator.model import ErrorKind, Split
from tests.analysis.generator.plan import Structure, build_plan
from tests.analysis.generator.render_other import render_align
from tests.analysis.generator.render_rows import render_rows
from tests.analysis.generator.style import Family
from tests.analysis.generator.surface import Voice

RESTARTS = ("\n\nWait, let me recompute everything from the start to be sure.\n\n",
            "\n\nHmm, let me double-check by redoing the whole computation.\n\n",
            "\n\nActually, let me verify this once more, carefully.\n\n")


def long_latex_trace(target: int = 30_000, seed: int = 0) -> tuple[int, int, str, str]:
    """(a, b, reasoning, answer): a right 12 x 12-digit multiplication, rewritten until `target` characters."""
    rng = random.Random(seed)
    a, b = rng.randint(10**11, 10**12 - 1), rng.randint(10**11, 10**12 - 1)
    pieces: list[str] = []
    answer = ""
    while sum(map(len, pieces)) < target:
        # Each attempt another method or wording, so that few lines repeat (an analyzer may cache lines).
        voice = Voice(rng, Split.DEV)
        structure = (Structure.DIGITS, Structure.CHUNKS, Structure.CROSS)[len(pieces) % 3]
        plan = build_plan(a, b, structure, ErrorKind.NONE, rng, digit_level=False)
        if structure is Structure.DIGITS and rng.random() < 0.5:
            reasoning, final = render_align(plan, voice)
        else:
            reasoning, final = render_rows(plan, voice, rng.choice((Family.LATEX_DISPLAY, Family.LATEX_INLINE)))
        pieces.append(reasoning.value)
        answer = final.value
    return a, b, rng.choice(RESTARTS).join(pieces), answer
