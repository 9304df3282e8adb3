"""The analogy test set scored three ways, checked question for question against gensim on the real GloVe."""
from __future__ import annotations

import numpy as np
import pytest

from embeddings import analogy_scores
from embeddings.analogy_scores import score
from testkit.analogy_cache import sample_questions

RESTRICT = 100_000
EVERY = 40  # every 40th question of each section: about 490 questions, all 14 sections


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """A part of gensim's file, sections kept, so that gensim's own (slow, one question at a time) evaluation
    runs in seconds."""
    return sample_questions(tmp_path_factory.mktemp("questions") / "questions-sample.txt", EVERY)


@pytest.fixture(scope="module")
def gensim_glove(glove):
    return glove.to_gensim()


@pytest.fixture(scope="module")
def ours(glove, sample):
    return score(glove, "glove-wiki-gigaword-50", RESTRICT, sample)


def test_left_out_equals_gensims_evaluate_word_analogies(ours, gensim_glove, sample):
    total, sections = gensim_glove.evaluate_word_analogies(str(sample), restrict_vocab=RESTRICT)
    assert [s.name for s in ours.sections] == [s["section"] for s in sections[:-1]]
    assert [(s.left_out, s.questions) for s in ours.sections] == [
        (len(s["correct"]), len(s["correct"]) + len(s["incorrect"])) for s in sections[:-1]]
    assert ours.total.left_out_accuracy == pytest.approx(total, abs=1e-12)
    assert ours.total.questions > 450


def _gensim_rule(ranked: list[str], question: list[str]) -> str:
    """gensim's: the first of the 5 answers whose upper-cased word is not a query word."""
    predicted = ""
    for word in ranked[:5]:
        predicted = word.upper()
        if predicted not in question[:3]:
            break
    return predicted


def test_left_in_and_baseline_follow_their_definitions(ours, gensim_glove, sample):
    """Recounted one question at a time with gensim's own most_similar."""
    ok = {k.upper() for k in gensim_glove.index_to_key[:RESTRICT]}
    left_in = baseline = 0
    for line in sample.read_text().splitlines():
        if line.startswith(": "):
            continue
        question = line.upper().split()
        if not set(question) <= ok:
            continue
        a, b, c, d = (w.lower() for w in question)  # GloVe is lower-cased: a word is its own upper-case form
        sims = gensim_glove.most_similar(positive=[b, c], negative=[a], topn=None, restrict_vocab=RESTRICT)
        left_in += gensim_glove.index_to_key[int(np.argmax(sims))].upper() == question[3]
        near = gensim_glove.most_similar(positive=[c], topn=8, restrict_vocab=RESTRICT)
        baseline += _gensim_rule([w for w, _ in near if w not in (a, b)], question) == question[3]
    assert (ours.total.left_in, ours.total.baseline) == (left_in, baseline)
    assert ours.total.baseline < ours.total.left_out  # the offset does add something in GloVe


def test_case_variants_stand_for_their_most_frequent_form():
    """As gensim's case_insensitive: `Paris` is the word PARIS when it comes first, and a later `paris`
    is then a case variant of a query word, never an answer."""
    from embeddings.vectors import WordVectors

    keys = ["Paris", "France", "Rome", "Italy", "paris", "italy"]
    vectors = np.eye(6, dtype=np.float32) + 0.01
    canonical, ok_vocab = analogy_scores.canonical_rows(WordVectors(keys, vectors), 6)
    assert ok_vocab["PARIS"] == 0 and ok_vocab["ITALY"] == 3
    assert canonical.tolist() == [0, 1, 2, 3, 0, 3]


def test_scores_are_cached_on_disk(glove, monkeypatch, tmp_path):
    monkeypatch.setenv("EMBEDDINGS_CACHE_DIR", str(tmp_path))
    calls = []
    real = analogy_scores.score
    monkeypatch.setattr(analogy_scores, "score", lambda *a, **k: calls.append(1) or real(*a, **k))
    first = analogy_scores.cached(glove, "glove-wiki-gigaword-50", 2000)
    second = analogy_scores.cached(glove, "glove-wiki-gigaword-50", 2000)
    assert first == second and len(calls) == 1
    assert list((tmp_path / "analogies").iterdir())[0].name == "glove-wiki-gigaword-50-2000-v1.json"


def test_a_vocabulary_smaller_than_the_nine_best_still_scores(tmp_path):
    """A restriction to fewer words than the 9 candidates looked at: every word is a candidate, none invented."""
    from embeddings.vectors import WordVectors

    keys = ["paris", "france", "rome", "italy", "berlin", "germany"]
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(6, 8)).astype(np.float32)
    vectors[3] = vectors[2] + vectors[1] - vectors[0]  # italy = rome + france - paris: the answer
    questions = tmp_path / "q.txt"
    questions.write_text(": capitals\nparis france rome italy\nparis france berlin germany\nparis france x y\n")
    result = score(WordVectors(keys, vectors), "tiny", 6, questions)
    assert (result.total.questions, result.total.skipped) == (2, 1)
    assert result.sections[0].left_out >= 1  # rome + france - paris finds italy


def _plain_ranking(vectors: np.ndarray, abc: np.ndarray) -> np.ndarray:
    """The reference: each query's similarity to every word as gensim computes it (one product per query), the
    whole row sorted, the first 9 kept."""
    norms = np.linalg.norm(vectors, axis=1)
    unit = vectors / norms[:, None]
    ranked = []
    for query in analogy_scores._gensims_queries(unit, abc):
        ranked.append(np.argsort(-((vectors @ query) / norms), kind="stable")[: analogy_scores.TAKE])
    return np.asarray(ranked)


def _fast_ranking(vectors: np.ndarray, abc: np.ndarray) -> np.ndarray:
    """The tiled sums' ranking, every near tie settled as gensim's sums order it."""
    norms = np.linalg.norm(vectors, axis=1)
    unit = vectors / norms[:, None]
    rows, sims = analogy_scores._ranked(unit, abc)
    analogy_scores._settle_near_ties(vectors, norms, unit, abc, rows, sims)
    return rows


def test_the_fast_ranking_equals_a_plain_one_on_glove(glove, sample):
    """The sample's questions and each of their last words alone, ranked by the tiled sums and by sorting
    gensim's similarities to the whole vocabulary: the same 9 rows in the same order, question for question."""
    questions = analogy_scores.read_questions(glove, RESTRICT, sample)
    lasts = np.unique(questions.abcd[:, 2])
    abc = np.concatenate([questions.abcd[:, :3], np.repeat(lasts[:, None], 3, axis=1)])
    vectors = np.ascontiguousarray(glove.vectors[:RESTRICT], dtype=np.float32)
    np.testing.assert_array_equal(_fast_ranking(vectors, abc), _plain_ranking(vectors, abc))


@pytest.mark.parametrize("tile", [analogy_scores.TILE, 7])
def test_the_fast_ranking_equals_a_plain_one_across_tiles(monkeypatch, tile):
    """Random words, so that the answers fall anywhere, in the last, shorter tile too; and tiles of 7 words,
    so that a question's best are found across many tiles: the ranking never depends on the tiling."""
    monkeypatch.setattr(analogy_scores, "TILE", tile)
    rng = np.random.default_rng(1)
    vectors = rng.normal(size=(1300, 16)).astype(np.float32)
    abc = rng.choice(1300, size=(300, 3))
    abc[:20] = abc[:20, 2:]  # some words alone, as the baseline asks
    np.testing.assert_array_equal(_fast_ranking(vectors, abc), _plain_ranking(vectors, abc))


def test_only_near_ties_that_gensims_rule_reads_are_re_ranked():
    """A ranking whose float32 sums put two rows in the wrong order, as close as a near tie: re-ranked when the
    tie is at or above the deepest row gensim's rule reads there, left as it is when below (no count can change)."""
    rng = np.random.default_rng(2)
    vectors = rng.normal(size=(400, 16)).astype(np.float32)
    norms = np.linalg.norm(vectors, axis=1)
    unit = vectors / norms[:, None]
    abc = rng.choice(400, size=(2, 3), replace=False)
    right = _plain_ranking(vectors, abc)
    wrong = right.copy()
    wrong[:, [5, 6]] = wrong[:, [6, 5]]
    sims = np.tile(np.linspace(0.9, 0.1, analogy_scores.TAKE, dtype=np.float32), (2, 1))
    sims[:, 6] = sims[:, 5]  # the swapped pair reads as a near tie
    rows = wrong.copy()
    analogy_scores._settle_near_ties(vectors, norms, unit, abc, rows, sims, np.array([5, 4]))
    np.testing.assert_array_equal(rows, [right[0], wrong[1]])
