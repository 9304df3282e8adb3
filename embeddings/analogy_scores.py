"""How good analogies are in a model: the 19,544 questions of Mikolov et al. that ship with gensim, scored three
ways, per section and overall.

- **left out**: gensim's `KeyedVectors.evaluate_word_analogies` (3CosAdd, the query words left out, the same
  vocabulary restriction and the same case folding); the same counts, question for question;
- **left in**: the same ranking with the query words left in (usually one of them comes first);
- **baseline**: the nearest word of the last word alone (`c` in `b - a + c`), the query words left out as for
  the answer: what the offset adds over no offset at all (Linzen 2016).

Vectorised without a product per question: every query `b - a + c` is a sum of three of the ~900 distinct words
the questions use, so its similarity to a word is the sum of theirs, divided by the length of `b - a + c`. The
similarities of those basis words to the vocabulary are one float32 matrix product (BLAS), taken a tile of
512 words at a time so that each tile stays in a core's cache while every question reads its three rows of it
(embeddings/analogy_kernel.py, compiled by numba) and folds the tile into its running 9 best words. A question
costs three additions a word instead of a 50- to 640-term product (~30 MFLOP a question for GloVe 50 before),
and no block of similarities is written to memory and read again. The baseline's queries (one per distinct last
word) are scored in the same pass, and gensim's rule is then applied to all questions at once. Where two
candidates are too close for float32 sums to tell apart as gensim's do, and so near the top that gensim's rule
reads them, the ranking is redone exactly as gensim computes it (7 of GloVe 50's 19,960 rankings). No faiss
here: its OpenMP threads are set per request by the server.
"""
from __future__ import annotations

import importlib.util
import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from embeddings import heavy_imports
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
    # the baseline's query is the last word alone (a = b = c): one per distinct word, in the same pass
    lasts, which = np.unique(abcd[:, 2], return_inverse=True)
    which = which.ravel() + len(abcd)  # each question's baseline ranking
    abc = np.concatenate([abcd[:, :3], np.repeat(lasts[:, None], 3, axis=1)])
    ranked, sims = _ranked(unit, abc)
    # gensim's rule reads a ranking only down to the row it picks (the left-in answer is the first row): a near tie
    # further down cannot change a count, so only rankings with one above their deepest pick are re-ranked
    deepest = np.zeros(len(abc), dtype=np.int64)
    deepest[: len(abcd)] = _gensims_pick(ranked[: len(abcd)], abcd, canonical)[0]
    np.maximum.at(deepest, which, _gensims_pick(ranked[which], abcd, canonical)[0])
    _settle_near_ties(vectors, norms, unit, abc, ranked, sims, deepest)
    left_in = canonical[ranked[: len(abcd), 0]] == abcd[:, 3]
    left_out = _is_gensims_answer(ranked[: len(abcd)], abcd, canonical)
    baseline = _is_gensims_answer(ranked[which], abcd, canonical)
    sections = []
    for i, name in enumerate(questions.sections):
        mine = questions.section_of == i
        sections.append(Section(name, int(mine.sum()), questions.skipped[i], int(left_out[mine].sum()),
                                int(left_in[mine].sum()), int(baseline[mine].sum())))
    total = Section("Total accuracy", len(abcd), sum(questions.skipped), int(left_out.sum()), int(left_in.sum()),
                    int(baseline.sum()))
    return AnalogyScores(model, restrict, tuple(sections), total, time.perf_counter() - start)


TAKE = GENSIM_TOP + 3 + 1  # gensim's 5, the 3 query rows it leaves out, and one more to see a tie at the 5th
TILE = 512  # vocabulary words per tile: ~900 basis words x 512 float32 similarities fit a core's 2 MB L2 cache


def _ranked(unit: np.ndarray, abc: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The TAKE best rows of each query `b - a + c` (rows of `abc`; a = b = c for one word alone), best first, and
    their cosine similarities, as float32 sums give them (_settle_near_ties puts near ties in gensim's order)."""
    take = min(TAKE, len(unit))  # a vocabulary (restriction) of fewer words has only that many
    words, index = np.unique(abc, return_inverse=True)
    first, second, third = (np.ascontiguousarray(index.reshape(abc.shape)[:, i]) for i in range(3))
    basis = np.ascontiguousarray(unit[words])
    sums = np.full((len(abc), take), -np.inf, dtype=np.float32)  # products with b - a + c: not yet divided
    rows = np.zeros((len(abc), take), dtype=np.int64)
    tile = np.empty((len(words), TILE), dtype=np.float32)  # reused: no fresh pages to fault in per tile
    fold_tile = heavy_imports.load("embeddings.analogy_kernel").fold_tile  # numba code: as the server imports it
    # one BLAS thread: a tile's product (25-300 MFLOP) is too small for a second thread to pay for its waking and
    # waiting (GloVe 50's 586 products: 2.8 s with two threads on a busy machine, 0.4 s with one); a server runs
    # one anyway (ui/page_modules.one_thread_per_request)
    with threadpool_limits(limits=1, user_api="blas"):
        for lo in range(0, len(unit), TILE):
            part = unit[lo : lo + TILE]
            np.matmul(basis, part.T, out=tile[:, : len(part)])
            fold_tile(tile[:, : len(part)], first, second, third, lo, sums, rows)
    lengths = np.linalg.norm(basis[second] - basis[first] + basis[third], axis=1)
    return rows, sums / np.where(lengths > 0, lengths, 1)[:, None]


def _settle_near_ties(vectors: np.ndarray, norms: np.ndarray, unit: np.ndarray, abc: np.ndarray,
                      rows: np.ndarray, sims: np.ndarray, deepest: np.ndarray | None = None) -> None:
    """Re-rank, in place and exactly as gensim computes it, each ranking in which two rows down to its `deepest`
    position (all when None) are too close for float32 sums to order as gensim's sums do."""
    near = -np.diff(sims, axis=1) < NEAR_TIE  # (rows, pairs): pair k is positions k and k + 1
    if deepest is not None:
        near &= np.arange(near.shape[1]) <= deepest[:, None]
    settle = np.flatnonzero(near.any(axis=1))
    take = rows.shape[1]
    for i, query in zip(settle, _gensims_queries(unit, abc[settle])):
        exact = (vectors @ query) / norms  # gensim's own sums: dot(vectors, mean) / norms
        best = np.argpartition(-exact, take - 1)[:take]
        rows[i] = best[np.argsort(-exact[best], kind="stable")]


def _gensims_queries(unit: np.ndarray, abc: np.ndarray) -> np.ndarray:
    """The unit query vectors gensim ranks by: the mean of b, c and -a, made unit length; a word alone as it is."""
    a, b, c = (unit[abc[:, i]] for i in range(3))
    queries = (b + c - a) / 3
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    alone = (abc[:, 0] == abc[:, 1]) & (abc[:, 1] == abc[:, 2])
    return np.where(alone[:, None], c, queries)


def _gensims_pick(ranked: np.ndarray, abcd: np.ndarray, canonical: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """gensim's rule, per question: of its 5 best rows other than the query rows, the first whose upper-cased word
    is not a query word (the last of the 5 when all are). Its position in `ranked`, and whether there is one."""
    inputs = abcd[:, None, :3]
    kept = ~(ranked[:, :, None] == inputs).any(axis=2)
    kept &= np.cumsum(kept, axis=1) <= GENSIM_TOP
    fresh = kept & ~(canonical[ranked][:, :, None] == inputs).any(axis=2)
    last = ranked.shape[1] - 1 - np.argmax(kept[:, ::-1], axis=1)
    return np.where(fresh.any(axis=1), np.argmax(fresh, axis=1), last), kept.any(axis=1)


def _is_gensims_answer(ranked: np.ndarray, abcd: np.ndarray, canonical: np.ndarray) -> np.ndarray:
    """Whether gensim's pick (above) is the expected word."""
    at, found = _gensims_pick(ranked, abcd, canonical)
    return found & (canonical[ranked[np.arange(len(ranked)), at]] == abcd[:, 3])


def cache_path(model: str, restrict: int) -> Path:
    return cache_dir() / "analogies" / f"{model}-{restrict}-v{SCORES_VERSION}.json"


def read_cached(model: str, restrict: int = DEFAULT_RESTRICT) -> AnalogyScores | None:
    """The stored scores, or None when there are none (or they cannot be read: they are then computed again)."""
    try:
        return AnalogyScores.from_dict(json.loads(cache_path(model, restrict).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def cached_by_name(model: str, restrict: int = DEFAULT_RESTRICT, *, store: bool = True) -> AnalogyScores:
    """`cached` for the model of this name, opened here: what a server's worker process runs
    (embeddings/fit_worker.py), so that the server never imports numba."""
    from embeddings import models

    return cached(models.load(model), model, restrict, store=store)


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
