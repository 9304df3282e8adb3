"""The /steps page's query string, declared in one table (`KEYS`) and read by `links.query.read_query`, as every
page's.

`a`, `b`: the operands (1..99,999); `wrong_row`: which row of the working is written wrong (1 = the units row);
`wrong_by`: how far off it is (negative: too small); `figure`: which figure the embedded view shows (`answers`,
the landscape over the answers, or `digits`, P(right answer) against digits); `view`: `full` or `figure`.
Anything invalid falls back to its default with a notice; a wrong step that does not fit the problem falls back
to the first row, 10 too large.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from inside.steps.working import MAX_OPERAND_DIGITS, Problem, WrongStep, check_problem
from links.query import Key, choice, int_in, read_state, unless_default

VIEWS = ("full", "figure")
FIGURES = ("answers", "digits")
MAX_URL_VALUE = 40
MAX_WRONG_BY = 10 ** (2 * MAX_OPERAND_DIGITS)


@dataclass(frozen=True)
class StepsState:
    a: int = 12
    b: int = 34
    wrong_row: int = 1  # 1-based, as the reader counts rows
    wrong_by: int = 10
    figure: str = "answers"
    view: str = "full"

    @property
    def problem(self) -> Problem:
        return Problem(self.a, self.b, WrongStep(self.wrong_row - 1, self.wrong_by))


DEFAULTS = StepsState()


def to_query(state: StepsState) -> dict[str, str]:
    query = {"a": str(state.a), "b": str(state.b), "wrong_row": str(state.wrong_row), "wrong_by": str(state.wrong_by)}
    return query | unless_default(state, DEFAULTS, "figure", "view")


def from_query(params: Mapping[str, str | list[str]]) -> tuple[StepsState, list[str]]:
    state, notices = read_state(params, KEYS, StepsState)
    try:
        check_problem(state.a, state.b, state.problem.wrong)
    except ValueError as error:
        notices.append(f"The URL's wrong step was not used: {error}. The first row, 10 too large, was used instead.")
        state = replace(state, wrong_row=1, wrong_by=10)
    return state, notices


def _wrong_by(raw: str) -> int:
    value = int_in(-MAX_WRONG_BY, MAX_WRONG_BY)(raw)
    if value == 0:
        raise ValueError("0 is no error")
    return value


KEYS = (
    Key("a", int_in(1, 10**MAX_OPERAND_DIGITS - 1), DEFAULTS.a, bound=MAX_URL_VALUE),
    Key("b", int_in(1, 10**MAX_OPERAND_DIGITS - 1), DEFAULTS.b, bound=MAX_URL_VALUE),
    Key("wrong_row", int_in(1, MAX_OPERAND_DIGITS), DEFAULTS.wrong_row, bound=MAX_URL_VALUE),
    Key("wrong_by", _wrong_by, DEFAULTS.wrong_by, bound=MAX_URL_VALUE),
    Key("figure", choice(FIGURES), DEFAULTS.figure, bound=MAX_URL_VALUE),
    Key("view", choice(VIEWS), DEFAULTS.view, bound=MAX_URL_VALUE),
)
