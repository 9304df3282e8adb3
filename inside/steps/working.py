"""The four contexts the answer is asked in, as the text the model reads, in the experiment's few-shot style.

Every context ends where the answer begins (`ANSWER_CUE`), so the model's next tokens are the answer's digits:
- the question alone: one solved example with its answer only, then the question;
- the question with correct working: the experiment's few-shot prompt (`experiment.prompts.FEW_SHOT`) and
  the long multiplication written out in its layout, one row per nonzero digit of b, units first, then the
  running sums (`347 x 6 = 2082`, `347 x 20 = 6940`, `2082 + 6940 = 9022`);
- the working stopped before the final sum: the same without its last line, so the model must add the rows;
- the working with one wrong step: one row off by `WrongStep.by`, and every sum after it computed from the
  wrong row, so the working leads to `Problem.led_to` instead of the product.

The question alone gets a solved example too, without working, so each context shows the model the shape of
the answer it asks for; only the working differs.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from enum import StrEnum

from experiment.prompts import FEW_SHOT
from experiment.results_page.long_multiplication import long_multiplication

MAX_OPERAND_DIGITS = 5  # 5 x 5 digits: a 10-digit answer, about 30 requests a context on a live server
ANSWER_CUE = "Final Answer: "  # Gemma writes the space as a token of its own, then one token per digit

QUESTION_ALONE = (
    "Multiply the two numbers, then give the final answer.\n"
    "\n"
    "Question: Calculate the product of 347 and 26.\n"
    "Final Answer: 9022\n"
    "\n"
    "Question: Calculate the product of {a} and {b}.\n"
)


class Context(StrEnum):
    QUESTION = "question"
    WORKING = "working"
    NO_SUM = "no-sum"
    WRONG = "wrong"

    @property
    def title(self) -> str:
        return CONTEXT_TITLES[self]


CONTEXT_TITLES = {
    Context.QUESTION: "the question alone",
    Context.WORKING: "with correct working",
    Context.NO_SUM: "working stopped before the final sum",
    Context.WRONG: "working with one wrong step",
}
CONTEXTS = tuple(Context)


@dataclass(frozen=True)
class WrongStep:
    """One partial product written wrong: row `row` (0 = the units row) is `by` more than it should be."""

    row: int = 0
    by: int = 10


@dataclass(frozen=True)
class Problem:
    """a x b, and the wrong step its fourth context makes."""

    a: int
    b: int
    wrong: WrongStep = WrongStep()

    @property
    def product(self) -> int:
        return self.a * self.b

    @property
    def led_to(self) -> int:
        """The answer that the working with the wrong step adds up to."""
        return self.product + self.wrong.by

    @property
    def digits(self) -> tuple[int, int]:
        return len(str(self.a)), len(str(self.b))

    def rows(self) -> list[tuple[int, int]]:
        """(part of b, a x part), units first: the rows of the long multiplication."""
        return [(row.part, row.value) for row in long_multiplication(self.a, self.b).rows]


def check_problem(a: int, b: int, wrong: WrongStep) -> Problem:
    """A problem the page can ask; ValueError with one line for the reader otherwise."""
    for name, value in (("a", a), ("b", b)):
        if not 1 <= value < 10**MAX_OPERAND_DIGITS:
            raise ValueError(f"{name} must be a whole number from 1 to {10**MAX_OPERAND_DIGITS - 1:,}")
    rows = long_multiplication(a, b).rows
    if not 0 <= wrong.row < len(rows):
        raise ValueError(f"the wrong step's row must be 1..{len(rows)} ({a} x {b} has {len(rows)} rows)")
    value = rows[wrong.row].value
    if wrong.by == 0:
        raise ValueError("the wrong step must be off by something other than 0")
    if not 1 <= value + wrong.by <= 10 * a * b:
        raise ValueError(f"a row of {value} off by {wrong.by} is not a partial product one could write")
    return Problem(a, b, wrong)


def seeded_wrong_step(a: int, b: int, seed: int) -> WrongStep:
    """A slip in one digit of one row, as people and models make them: a digit 1 or 2 off, never a trailing
    zero of the row (those come from the place, not the multiplication) nor a leading digit turned 0."""
    rng = random.Random(f"wrong-step:{seed}:{a}x{b}")
    rows = long_multiplication(a, b).rows
    row = rng.randrange(len(rows))
    value, part = rows[row].value, rows[row].part
    text = str(value)
    zeros = len(str(part)) - 1
    place = rng.randrange(zeros, len(text))  # 10**place: which digit slips
    digit = int(text[len(text) - 1 - place])
    leading = place == len(text) - 1
    choices = [d for d in (digit - 2, digit - 1, digit + 1, digit + 2) if 0 <= d <= 9 and not (leading and d == 0)]
    return WrongStep(row, (rng.choice(choices) - digit) * 10**place)


def working_lines(a: int, rows: list[tuple[int, int]]) -> list[str]:
    """The rows, then the running sums: the few-shot example's layout for any number of rows."""
    lines = [f"{a} x {part} = {value}" for part, value in rows]
    total = rows[0][1]
    for _, value in rows[1:]:
        lines.append(f"{total} + {value} = {total + value}")
        total += value
    return lines


def context_text(problem: Problem, context: Context) -> str:
    """The text the model reads in this context, ending with the answer cue (the answer's digits come next)."""
    if context is Context.QUESTION:
        return QUESTION_ALONE.format(a=problem.a, b=problem.b) + ANSWER_CUE
    rows = problem.rows()
    if context is Context.WRONG:
        part, value = rows[problem.wrong.row]
        rows[problem.wrong.row] = (part, value + problem.wrong.by)
    lines = working_lines(problem.a, rows)
    if context is Context.NO_SUM and len(rows) > 1:
        lines = lines[:-1]
    return FEW_SHOT.format(a=problem.a, b=problem.b) + "".join(line + "\n" for line in lines) + ANSWER_CUE


def wrong_line(problem: Problem) -> tuple[str, str]:
    """The wrong step as written, and as it should be: for the page's caption."""
    part, value = problem.rows()[problem.wrong.row]
    return f"{problem.a} x {part} = {value + problem.wrong.by}", f"{problem.a} x {part} = {value}"
