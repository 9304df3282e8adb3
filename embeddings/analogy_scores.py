"""How good analogies are in a model: the 19,544 questions of Mikolov et al. that ship with gensim, scored three
ways, per section and overall.

- **left out**: gensim's `KeyedVectors.evaluate_word_analogies` (3CosAdd, the query words left out, the same
  vocabulary restriction and the same case folding); the same counts, question for question;
- **left in**: the same ranking with the query words left in (usually one of them comes first);
- **baseline**: the nearest word of the last word alone (`c` in `b - a + c`), the query words left out as for
  the answer: what the offset adds over no offset at all (Linzen 2016).

Vectorised: the similarities of a block of questions to the whole vocabulary are one float32 matrix product
(BLAS, ~30 MFLOP a question at 50 dimensions and 300,000 words: that product is nearly all the time), and each
question's 9 best are found without sorting its row: the vocabulary is cut into stripes, the 9th-largest stripe
maximum is a floor that at least 9 similarities reach, and only the stripes whose maximum reaches it are looked
into. gensim's rule is then applied to all questions at once. Where two candidates are too close for the float32
product to tell apart as gensim's sums do, that question is re-ranked exactly as gensim computes it (a few in a
thousand). No faiss here: its OpenMP threads are set per request by the server, and BLAS's own are left alone.
"""
from __future__ import annotations

import importlib.util
import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from embeddings.paths import cache_dir
from embeddings.vectors import WordVectors

DEFAULT_RESTRICT = 300_000
GENSIM_TOP = 5  # gensim looks at its 5 best answers and takes the first that is not a query word
NEAR_TIE = 1e-5  # candidates closer than this are re-ranked as gensim sums them
BATCH = 1024
SCORES_VERSION = 1


def questions_file() -> Path:
    """gensim's copy of the test set, found without importing gensim (0.6 s of imports)."""
    spec = importlib.util.find_spec("gensim")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("gensim is not installed: its questions-words.txt holds the analogy questions")
    return Path(next(iter(spec.submodule_search_locations))) / "test" / "test_data" / "questions-words.txt"


@dataclass(frozen=True)
class Section:
    """One section's counts; `questions` are those whose four words are all in the restricted vocabulary."""

    name: str
    questions: int
    skipped: int
    left_out: int
    left_in: int
    baseline: int

    def accuracy(self, correct: int) -> float:
        return correct / self.questions if self.questions else 0.0

    @property
    def left_out_accuracy(self) -> float:
        return self.accuracy(self.left_out)

    @property
    def left_in_accuracy(self) -> float:
        return self.accuracy(self.left_in)

    @property
    def baseline_accuracy(self) -> float:
        return self.accuracy(self.baseline)


@dataclass(frozen=True)
class AnalogyScores:
    model: str
    restrict: int
    sections: tuple[Section, ...]
    total: Section
    seconds: float

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> AnalogyScores:
        return cls(data["model"], int(data["restrict"]), tuple(Section(**s) for s in data["sections"]),
                   Section(**data["total"]), float(data["seconds"]))


@dataclass(frozen=True)
class Questions:
    """The test set as rows of the model: one row per question whose words are all known."""

    sections: tuple[str, ...]
    section_of: np.ndarray  # (n,) index into `sections`
    abcd: np.ndarray  # (n, 4) canonical rows of a, b, c and the expected d
    skipped: tuple[int, ...]  # per section


def read_questions(kv: WordVectors, restrict: int, path: Path | None = None,
                   ok_vocab: dict[str, int] | None = None) -> Questions:
    """The questions as gensim reads them: upper-cased, each word standing for the most frequent of its case
    variants among the first `restrict` words; a question with any other word is skipped."""
    if ok_vocab is None:
        ok_vocab = canonical_rows(kv, restrict)[1]
    sections: list[str] = []
    rows: list[tuple[int, int, int, int]] = []
    section_of: list[int] = []
    skipped: list[int] = []
    for line_no, line in enumerate((path or questions_file()).read_text(encoding="utf-8").splitlines()):
        if line.startswith(": "):
            sections.append(line.lstrip(": ").strip())
            skipped.append(0)
            continue
        words = [w.upper() for w in line.split()]
        if len(words) != 4:
            continue
        if not sections:
            raise ValueError(f"Missing section header before line #{line_no}")
        found = [ok_vocab.get(w) for w in words]
        if None in found:
            skipped[-1] += 1
            continue
        rows.append(tuple(found))  # type: ignore[arg-type]
        section_of.append(len(sections) - 1)
    return Questions(tuple(sections), np.asarray(section_of, dtype=np.int64),
                     np.asarray(rows, dtype=np.int64).reshape(-1, 4), tuple(skipped))


def canonical_rows(kv: WordVectors, restrict: int) -> tuple[np.ndarray, dict[str, int]]:
    """For each of the first `restrict` rows, the row that stands for its upper-cased form (its most frequent
    case variant), and that mapping itself, as gensim's `case_insensitive=True` builds it."""
    end = min(restrict, len(kv))
    upper = [key.upper() for key in kv.index_to_key[:end]]  # one slice: a converted model decodes it in one go
    ok_vocab: dict[str, int] = {}
    for i in range(end - 1, -1, -1):  # reversed, so the first occurrence wins
        ok_vocab[upper[i]] = i
    return np.fromiter((ok_vocab[k] for k in upper), dtype=np.int64, count=end), ok_vocab


def score(kv: WordVectors, model: str, restrict: int = DEFAULT_RESTRICT, path: Path | None = None) -> AnalogyScores:
    """The three accuracies per section and overall (see the module's docstring)."""
    start = time.perf_counter()
    restrict = min(restrict, len(kv))
    canonical, ok_vocab = canonical_rows(kv, restrict)
    questions = read_questions(kv, restrict, path, ok_vocab)
    kv.fill_norms()
    vectors = np.ascontiguousarray(kv.vectors[:restrict], dtype=np.float32)
    norms = np.asarray(kv.norms[:restrict], dtype=np.float32)
    unit = vectors / np.where(norms > 0, norms, 1)[:, None]
    abcd = questions.abcd
    a, b, c = (unit[abcd[:, i]] for i in range(3))
    queries = (b + c - a) / 3
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    ranked = _ranked(vectors, norms, unit, queries)
    left_in = canonical[ranked[:, 0]] == abcd[:, 3]
    left_out = _is_gensims_answer(ranked, abcd, canonical)
    # the baseline's query is the last word alone: one search per distinct word, not per question
    lasts, which = np.unique(abcd[:, 2], return_inverse=True)
    baseline = _is_gensims_answer(_ranked(vectors, norms, unit, unit[lasts])[which.ravel()], abcd, canonical)
    sections = []
    for i, name in enumerate(questions.sections):
        mine = questions.section_of == i
        sections.append(Section(name, int(mine.sum()), questions.skipped[i], int(left_out[mine].sum()),
                                int(left_in[mine].sum()), int(baseline[mine].sum())))
    total = Section("Total accuracy", len(abcd), sum(questions.skipped), int(left_out.sum()), int(left_in.sum()),
                    int(baseline.sum()))
    return AnalogyScores(model, restrict, tuple(sections), total, time.perf_counter() - start)


TAKE = GENSIM_TOP + 3 + 1  # gensim's 5, the 3 query rows it leaves out, and one more to see a tie at the 5th
BLOCK_CELLS = 1 << 24  # similarities held at once (64 MB of float32): questions per block = this / vocabulary
STRIPE = 2048  # the vocabulary is cut into stripes whose best similarities bound each question's TAKE best


def _ranked(vectors: np.ndarray, norms: np.ndarray, unit: np.ndarray, queries: np.ndarray) -> np.ndarray:
    """The TAKE best rows of each unit query, best first, in the order gensim's sums put them."""
    queries = np.ascontiguousarray(queries, dtype=np.float32)
    take = min(TAKE, len(unit))  # a vocabulary (restriction) of fewer words has only that many
    rows = np.empty((len(queries), take), dtype=np.int64)
    sims = np.empty((len(queries), take), dtype=np.float32)
    block = max(1, min(len(queries), BLOCK_CELLS // len(unit)))
    product = np.empty((block, len(unit)), dtype=np.float32)  # reused: no fresh pages to fault in per block
    for lo in range(0, len(queries), block):
        part = queries[lo : lo + block]
        np.matmul(part, unit.T, out=product[: len(part)])
        sims[lo : lo + block], rows[lo : lo + block] = _best(product[: len(part)])
    for i in np.flatnonzero(np.any(np.diff(sims, axis=1) > -NEAR_TIE, axis=1)):
        exact = (vectors @ queries[i]) / norms  # gensim's own sums: dot(vectors, mean) / norms
        best = np.argpartition(-exact, take - 1)[:take]
        rows[i] = best[np.argsort(-exact[best], kind="stable")]
    return rows


def _best(sims: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's TAKE largest similarities and their columns, largest first, without sorting whole rows: the
    TAKE-th largest of the stripes' maxima is a floor that at least TAKE similarities reach, and only the few
    stripes whose maximum reaches it are looked into."""
    n, width = sims.shape
    take = min(TAKE, width)
    whole = width - width % STRIPE
    stripes = sims[:, :whole].reshape(n, -1, STRIPE)
    tail = sims[:, whole:]  # the last, shorter stripe
    maxima = np.concatenate([stripes.max(axis=2), tail.max(axis=1, keepdims=True, initial=-np.inf)], axis=1)
    if maxima.shape[1] >= take:
        floor = np.partition(maxima, -take, axis=1)[:, -take]
    else:  # a vocabulary of fewer than TAKE stripes: every similarity is a candidate
        floor = np.full(n, -np.inf, dtype=sims.dtype)
    row, stripe = np.nonzero(maxima[:, :-1] >= floor[:, None])
    inside, offset = np.nonzero(stripes[row, stripe] >= floor[row, None])
    tail_row, tail_col = np.nonzero(tail >= floor[:, None])
    row = np.concatenate([row[inside], tail_row])
    col = np.concatenate([stripe[inside] * STRIPE + offset, whole + tail_col])
    value = sims[row, col]
    order = np.lexsort((col, -value, row))  # by question, then largest first; equal ones by column
    first = np.searchsorted(row[order], np.arange(n))
    pick = order[first[:, None] + np.arange(take)]
    return value[pick], col[pick]


def _is_gensims_answer(ranked: np.ndarray, abcd: np.ndarray, canonical: np.ndarray) -> np.ndarray:
    """gensim's rule, per question: of its 5 best rows other than the query rows, the first whose upper-cased word
    is not a query word (the last of the 5 when all are) must be the expected word."""
    inputs = abcd[:, None, :3]
    kept = ~(ranked[:, :, None] == inputs).any(axis=2)
    kept &= np.cumsum(kept, axis=1) <= GENSIM_TOP
    words = canonical[ranked]
    fresh = kept & ~(words[:, :, None] == inputs).any(axis=2)
    last = ranked.shape[1] - 1 - np.argmax(kept[:, ::-1], axis=1)
    at = np.where(fresh.any(axis=1), np.argmax(fresh, axis=1), last)
    return kept.any(axis=1) & (words[np.arange(len(ranked)), at] == abcd[:, 3])


def cache_path(model: str, restrict: int) -> Path:
    return cache_dir() / "analogies" / f"{model}-{restrict}-v{SCORES_VERSION}.json"


def read_cached(model: str, restrict: int = DEFAULT_RESTRICT) -> AnalogyScores | None:
    """The stored scores, or None when there are none (or they cannot be read: they are then computed again)."""
    try:
        return AnalogyScores.from_dict(json.loads(cache_path(model, restrict).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def cached(kv: WordVectors, model: str, restrict: int = DEFAULT_RESTRICT, *, store: bool = True) -> AnalogyScores:
    """The model's scores, computed once and kept in cache/analogies/ (the same for every reader; `store=False`
    on a public server, whose readers never write files). Written whole, through a temporary file, so a reader
    never sees half of it."""
    found = read_cached(model, restrict)
    if found is not None:
        return found
    scores = score(kv, model, restrict)
    if store:
        path = cache_path(model, restrict)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{time.time_ns()}.part")
        partial.write_text(json.dumps(scores.to_dict()), encoding="utf-8")
        partial.replace(path)
    return scores
