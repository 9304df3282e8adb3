"""The notations of the coverage matrix: how each is written, which plan it writes, which errors it can show."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tests.analysis.generator.model import ErrorKind
from tests.analysis.generator.plan import Plan, Structure
from tests.analysis.generator.render_digits import render_column, render_digit_rows, render_gpt4
from tests.analysis.generator.render_other import render_align, render_ran_code
from tests.analysis.generator.render_rows import render_rows
from tests.analysis.generator.style import Family
from tests.analysis.generator.surface import Text, Voice

Renderer = Callable[[Plan, Voice], tuple[Text, Text]]

ALL = frozenset(ErrorKind)
NO_CARRY = ALL - {ErrorKind.CARRY}
NO_SPLIT = ALL - {ErrorKind.SPLIT}


@dataclass(frozen=True, slots=True)
class Notation:
    name: str
    description: str
    structure: Structure
    render: Renderer
    kinds: frozenset[ErrorKind]
    digit_level: bool = False   # every digit product is written: a partial product goes wrong at one of them
    followed_algorithm: bool = True


def _family(*families: Family, **options: bool) -> Renderer:
    def render(plan: Plan, voice: Voice) -> tuple[Text, Text]:
        return render_rows(plan, voice, voice.rng.choice(families), **options)
    return render


NOTATIONS: tuple[Notation, ...] = (
    Notation("plain", "rows of partial products in plain text, running sums", Structure.DIGITS,
             _family(Family.PLAIN), NO_CARRY),
    Notation("markdown", "headings, bold, lists or a table of the rows", Structure.DIGITS,
             _family(Family.MARKDOWN), NO_CARRY),
    Notation("latex_inline", "prose with \\( \\) and $ $ math, TeX-grouped numbers", Structure.DIGITS,
             _family(Family.LATEX_INLINE), NO_CARRY),
    Notation("latex_display", "\\[ \\] and $$ display math, \\boxed{} answer", Structure.DIGITS,
             _family(Family.LATEX_DISPLAY), NO_CARRY),
    Notation("restarts", "prose rows with a slip and 'Wait, no! ... let me recompute'", Structure.DIGITS,
             _family(Family.PLAIN, Family.LATEX_INLINE, restarts=True), NO_CARRY),
    Notation("chunked", "an operand split in multi-digit chunks times powers of ten", Structure.CHUNKS,
             _family(Family.PLAIN, Family.LATEX_INLINE, Family.LATEX_DISPLAY), NO_CARRY),
    Notation("cross", "both operands split in two: four cross products", Structure.CROSS,
             _family(Family.PLAIN, Family.LATEX_INLINE, Family.LATEX_DISPLAY), NO_CARRY),
    Notation("answer_first", "the answer first, then the working", Structure.DIGITS,
             _family(Family.PLAIN, Family.MARKDOWN, Family.LATEX_INLINE, answer_first=True),
             NO_CARRY - {ErrorKind.TRUNCATION}),
    Notation("latex_align", "an align* block: the split, the rows and the sums as a chain of &= lines",
             Structure.DIGITS, render_align, NO_CARRY),
    Notation("column", "column work position by position with every carry (pos0 (digit 8): ...)",
             Structure.DIGITS, render_column, NO_SPLIT, digit_level=True),
    Notation("digit_rows", "digit-by-digit rows, then the shifted rows stacked and added", Structure.DIGITS,
             render_digit_rows, NO_SPLIT, digit_level=True),
    Notation("gpt4_template", "the fixed chain-of-thought template of GPT-4 studies, all in the answer",
             Structure.DIGITS, render_gpt4, NO_SPLIT, digit_level=True),
    Notation("ran_code", "'I ran code': the result stated, no working", Structure.DIGITS, render_ran_code,
             frozenset({ErrorKind.NONE, ErrorKind.COPY, ErrorKind.ANSWER_MISMATCH}), followed_algorithm=False),
)
BY_NAME = {n.name: n for n in NOTATIONS}
