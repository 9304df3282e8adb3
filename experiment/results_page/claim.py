"""The essay's claim, stated from the chosen results: how many wrong answers the reasoning models gave, how
many of those came after the model wrote out every partial product, and what their first error that stuck
was; and, as plainly, what these results cannot show (reasoning the provider hid, replies cut at a token
limit, cells that hold one problem). Every number is computed from the table the page draws, with the
metrics' own definitions (experiment/metrics/), so the sentences change with the runs chosen."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from experiment import metrics
from experiment.results_page import featured, plain_words

# A reasoning model whose every recorded reply is shorter than this (in characters) has its working hidden:
# the provider returned the answer and kept the reasoning (OpenAI's o-series, Gemini, Claude's thinking).
HIDDEN_BELOW_CHARS = 200

DEFINITIONS = (
    "**How to read the figures.** A problem is *a* × *b*; *m* and *n* are the numbers of digits of *a* and "
    "of *b*, so *m* + *n* is the total number of digits. A *cell* is every problem with the same *m* and *n*. "
    "*Accuracy* is right answers over the answers that count (right, wrong, or with no readable number); a "
    "reply cut off at the token limit, refused or failed is not counted, neither right nor wrong. A *95% "
    "interval* (Wilson score interval) is the range the share would likely fall in with more problems like "
    "these. A *partial product* is one row of long multiplication (*a* times one digit of *b*, shifted); "
    "*the first error that stuck* is the first wrong step the model did not correct later. ★ marks a "
    "reasoning model (the list, with a source for each: `experiment/reasoning_models.csv`)."
)


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


@dataclass(slots=True)
class Claim:
    """What the page states first, for one table (with `kind`, see overview.with_series)."""

    reasoning_models: int
    wrong: int  # wrong answers (grader's outcome) of reasoning models, with a trace analysis
    followed: int  # of those, how many came after every partial product was written
    unwritten: int = 0  # of those, how many came with no working written out (the analyzer's no_algorithm)
    first_errors: list[tuple[str, int]] = field(default_factory=list)  # first error kind (plain words), count
    clearest: pd.Series | None = None  # the record the page features (featured.featured_record)
    hidden: list[str] = field(default_factory=list)  # reasoning models whose working was not recorded
    truncated: int = 0  # replies of reasoning models cut at the token limit
    one_problem_cells: int = 0
    cells: int = 0
    largest_cell: tuple[int, int, str, str] | None = None  # m, n, a, b of the largest one-problem cell

    def sentences(self) -> str:
        """The claim in one or two sentences, numbers first."""
        if self.reasoning_models == 0:
            return ("These results hold no reasoning model, so they cannot test the essay's claim; choose "
                    "results with one (★ in the list).")
        if self.wrong == 0:
            return f"The {_count(self.reasoning_models, 'reasoning model')} in these results gave no wrong answer."
        text = (f"Of {_count(self.wrong, 'wrong answer')} by reasoning models, "
                f"{self.followed:,} came after the model wrote out every partial product")
        if self.followed and self.first_errors:
            parts = [f"{what} in {count:,}" if self.followed > 1 else what for what, count in self.first_errors[:3]]
            text += f"; the first error that stuck was {_join(parts)}"
        if self.unwritten:
            text += f"; the other {self.unwritten:,} came with no working written out"
        return text + "."

    def limits(self) -> list[str]:
        """What these results cannot show, each in one sentence."""
        said = []
        if self.hidden:
            named = self.hidden[:4] + ([f"{len(self.hidden) - 4} others"] if len(self.hidden) > 4 else [])
            said.append(f"For {len(self.hidden)} of the {_count(self.reasoning_models, 'reasoning model')} "
                        f"({_join(named)}) the results "
                        "hold only the final answer, a few dozen characters: their provider kept the reasoning "
                        "hidden, so whether they worked the problem out step by step cannot be seen.")
        if self.truncated:
            said.append(f"{_count(self.truncated, 'reply', 'replies')} of reasoning models "
                        f"{'was' if self.truncated == 1 else 'were'} cut off at the token limit before an answer: "
                        "not counted as wrong, and not as right.")
        if self.one_problem_cells and self.largest_cell:
            m, n, a, b = self.largest_cell
            every = (f"Each of the {self.cells:,} cells" if self.one_problem_cells == self.cells
                     else f"{self.one_problem_cells:,} of the {self.cells:,} cells")
            said.append(f"{every} holds one problem (the {m} × {n} cell is "
                        f"{a} × {b} alone), so a cell's accuracy is the share of models that got that one "
                        "problem right, not a rate: a line that climbs back at many digits is one easier "
                        "problem, not better skill.")
        return said


def _join(parts: list[str]) -> str:
    return "" if not parts else parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def claim(table: pd.DataFrame) -> Claim:
    reasoning = table[table["kind"] == "reasoning"]
    wrong = metrics.analysed(reasoning)
    wrong = wrong[wrong["outcome"] == "wrong"]
    followed = wrong[wrong["followed_algorithm"].fillna(0).astype(bool)]
    kinds = Counter(plain_words.step_kind(k) for k in followed["first_wrong_kind"].dropna())
    return Claim(
        reasoning_models=reasoning["model_label"].nunique(), wrong=len(wrong), followed=len(followed),
        unwritten=int((wrong["category"] == "no_algorithm").sum()),
        first_errors=kinds.most_common(), clearest=featured.featured_record(table),
        hidden=hidden_reasoning(reasoning), truncated=int((reasoning["outcome"] == "truncated").sum()),
        **one_problem_cells(table))


def hidden_reasoning(reasoning: pd.DataFrame) -> list[str]:
    """Reasoning models none of whose replies, as recorded, is long enough to hold any working."""
    written = reasoning.assign(_chars=reasoning["reasoning_chars"].fillna(0) + reasoning["answer_chars"].fillna(0))
    answered = written[written["outcome"] != "error"]
    longest = answered.groupby("model_label")["_chars"].max()
    return sorted(longest[longest < HIDDEN_BELOW_CHARS].index)


def one_problem_cells(table: pd.DataFrame) -> dict:
    problems = table.drop_duplicates(["m", "n", "a", "b"]).groupby(["m", "n"])
    sizes = problems.size()
    single = sizes[sizes == 1]
    if single.empty:
        return {"cells": len(sizes)}
    m, n = max(single.index, key=lambda mn: (mn[0] + mn[1], mn))
    row = table[(table["m"] == m) & (table["n"] == n)].iloc[0]
    return {"one_problem_cells": len(single), "cells": len(sizes),
            "largest_cell": (int(m), int(n), str(row["a"]), str(row["b"]))}
