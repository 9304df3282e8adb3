"""One analogy told honestly: its answer, what the vectors say with the query words left in, and the baseline.

`king - man + woman = queen` is drawn with the query words left out of the answers (gensim's 3CosAdd). Left in,
the nearest vector to `king - man + woman` is usually `king` itself; and often the answer is simply one of the
nearest words of the last word (`woman`), with no offset needed (Linzen 2016, "Issues in evaluating semantic
spaces using word analogies"; Nissim, van Noord and van der Goot 2020, "Fair is better than sensational").
A reader who sees only the answer is told more than the vectors say: `explain` gives the numbers and a verdict
worded from them.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, replace

import numpy as np

from embeddings.neighbours import Analogy
from embeddings.vectors import WordVectors

BASELINE_NEIGHBOURS = 10
ANSWERS = 5


@dataclass(frozen=True)
class Candidate:
    word: str
    similarity: float
    rank: int  # 1-based
    is_input: bool = False


@dataclass(frozen=True)
class AnalogyReport:
    """Everything the page, the command line and the exports say about one analogy."""

    analogy: str
    answers: tuple[Candidate, ...]  # query words left out (gensim's answer)
    with_inputs: tuple[Candidate, ...]  # the same ranking with the query words left in
    answer_rank_with_inputs: int | None  # where the answer comes once the query words are left in
    last_word: str  # the baseline's word: the last word added (`woman` in `king - man + woman`)
    last_neighbours: tuple[Candidate, ...]  # its nearest words, the query words left out as for the answer
    answer_rank_among_last: int | None  # the answer's rank among them, None when not among them
    verdict: str

    @property
    def answer(self) -> Candidate | None:
        return self.answers[0] if self.answers else None

    def to_dict(self) -> dict:
        return {**asdict(self), "answer": self.answer.word if self.answer else None}


def last_word(analogy: Analogy) -> str:
    """The word the answer is compared with: the last one added (`c` in `b - a + c`), or the only one added."""
    return analogy.positive[-1]


def explain(kv: WordVectors, analogy: Analogy, *, topn: int = ANSWERS,
            baseline_k: int = BASELINE_NEIGHBOURS) -> AnalogyReport:
    """The analogy's answers with and without its query words, and the nearest words of its last word.

    Both rankings come from one vector of similarities (gensim's 3CosAdd), so "left in" and "left out" differ
    only by the query words; the baseline leaves the query words out too, so it differs from the answer only by
    the offset. Raises KeyError for a query word the model does not know.
    """
    inputs = list(dict.fromkeys([*analogy.positive, *analogy.negative]))
    missing = [w for w in inputs if w not in kv.key_to_index]
    if missing:
        raise KeyError(f"Not in the model's vocabulary: {', '.join(missing)}")
    found = kv.most_similar(positive=list(analogy.positive), negative=list(analogy.negative), topn=topn)
    answers = tuple(Candidate(w, float(s), rank) for rank, (w, s) in enumerate(found, start=1))
    # Every word that is not a query word keeps its place among the answers: left in, the query words are
    # merged into that list by their own similarity to the same vector (no second scan of the vocabulary).
    query = _query_vector(kv, analogy)
    merged = sorted([(a.similarity, False, a.word) for a in answers]
                    + [(float(kv.get_vector(w, norm=True) @ query), True, w) for w in inputs],
                    key=lambda item: -item[0])
    with_inputs = tuple(Candidate(w, s, rank, is_input)
                        for rank, (s, is_input, w) in enumerate(merged[:topn], start=1))
    answer_rank_with_inputs = None
    if answers:
        answer_rank_with_inputs = 1 + sum(s > answers[0].similarity for s, is_input, _ in merged if is_input)
    last = last_word(analogy)
    near_last = [(w, s) for w, s in kv.most_similar(positive=[last], topn=baseline_k + len(inputs))
                 if w not in inputs][:baseline_k]
    last_neighbours = tuple(Candidate(w, float(s), rank) for rank, (w, s) in enumerate(near_last, start=1))
    rank_among_last = next((c.rank for c in last_neighbours if answers and c.word == answers[0].word), None)
    report = AnalogyReport(str(analogy), answers, with_inputs, answer_rank_with_inputs, last, last_neighbours,
                           rank_among_last, "")
    return replace(report, verdict=verdict(report))


def _query_vector(kv: WordVectors, analogy: Analogy) -> np.ndarray:
    """gensim's 3CosAdd query: the unit vectors of the added words minus those subtracted, made unit length."""
    vector = (sum(kv.get_vector(w, norm=True) for w in analogy.positive)
              - sum((kv.get_vector(w, norm=True) for w in analogy.negative), np.zeros(kv.vector_size)))
    return vector / np.linalg.norm(vector)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def verdict(report: AnalogyReport) -> str:
    """One sentence a reader understands, worded from the numbers: how much of the answer the offset made."""
    answer = report.answer
    if answer is None:
        return "The model gives no answer."
    rank = report.answer_rank_among_last
    if rank == 1:
        first = (f"{answer.word} is already the nearest word to {report.last_word}: "
                 "this analogy needs none of the offset")
    elif rank is not None:
        first = (f"{answer.word} is also the {ordinal(rank)} nearest word to {report.last_word}: "
                 "this analogy needs little of the offset")
    else:
        first = (f"{answer.word} is not among the {len(report.last_neighbours)} nearest words to "
                 f"{report.last_word}: the offset brought it there")
    top = report.with_inputs[0] if report.with_inputs else None
    if top is not None and top.is_input:
        second = (f"with the query words left in, {top.word} ({top.similarity:.2f}) comes first and "
                  f"{answer.word} ({answer.similarity:.2f}) {ordinal(report.answer_rank_with_inputs or 0)}")
    else:
        second = "it stays first with the query words left in"
    return f"{first}; {second}."
