"""One analogy with its baselines, on the real GloVe, and from the command line."""
from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from embeddings.analogy_baselines import explain, ordinal, verdict
from embeddings.neighbours import parse_analogy
from tests.conftest import PROJECT


def analogy(text: str):
    return parse_analogy(text, lowercase=True)


def test_king_man_woman_left_in_puts_king_first(glove):
    report = explain(glove, analogy("king - man + woman"))
    assert report.answer.word == "queen"
    assert [(c.word, c.is_input) for c in report.with_inputs[:2]] == [("king", True), ("queen", False)]
    assert report.answer_rank_with_inputs == 2
    # the query words' similarities are those of the same 3CosAdd vector gensim ranks the vocabulary by
    sims = glove.to_gensim().most_similar(positive=["king", "woman"], negative=["man"], topn=None)
    assert report.with_inputs[0].similarity == pytest.approx(float(sims[glove.get_index("king")]), abs=1e-5)
    order = np.argsort(-sims)[:5]
    assert [c.word for c in report.with_inputs] == [glove.index_to_key[i] for i in order]


def test_baseline_is_the_last_words_neighbours_without_the_query_words(glove):
    report = explain(glove, analogy("king - man + woman"))
    assert report.last_word == "woman"
    near = [w for w, _ in glove.most_similar("woman", topn=12) if w not in ("king", "man")][:10]
    assert [c.word for c in report.last_neighbours] == near
    assert report.answer_rank_among_last is None
    assert report.verdict.startswith("queen is not among the 10 nearest words to woman")
    assert "king (0.89) comes first and queen (0.85) 2nd" in report.verdict


def test_verdict_when_the_answer_is_a_neighbour_of_the_last_word(glove):
    """`big - small + large`'s answer is already among the nearest words of `large`: the verdict says so."""
    report = explain(glove, analogy("small - big + large"))
    assert report.answer_rank_among_last is not None
    rank = report.answer_rank_among_last
    assert report.last_neighbours[rank - 1].word == report.answer.word
    assert rank == 1  # `larger` is large's nearest word in GloVe 50d (the 2nd-or-later case is checked below)
    assert report.verdict.startswith("larger is already the nearest word to large: this analogy needs none")


def test_verdict_is_worded_from_the_numbers(glove):
    from dataclasses import replace

    report = explain(glove, analogy("king - man + woman"))
    moved = replace(report, answer_rank_among_last=2)
    assert verdict(moved).startswith("queen is also the 2nd nearest word to woman: this analogy needs little")
    assert ordinal(1) == "1st" and ordinal(11) == "11th" and ordinal(23) == "23rd"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "embeddings", *args], capture_output=True, text=True, cwd=PROJECT,
                          timeout=120)


def test_command_line_json_and_errors():
    done = run_cli("analogy", "king - man + woman", "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["answer"] == "queen" and data["with_inputs"][0]["word"] == "king"
    assert data["last_word"] == "woman" and len(data["last_neighbours"]) == 10 and data["verdict"]
    bad = run_cli("analogy", "king - zzzqx + woman")
    assert bad.returncode == 1 and bad.stderr.strip() == "error: Not in the model's vocabulary: zzzqx"
    assert "Traceback" not in bad.stderr and not bad.stdout


def test_the_analogies_command_prints_the_three_accuracies_per_section():
    done = run_cli("analogies", "--restrict", "2000", "--no-cache")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("glove-wiki-gigaword-50: gensim's questions-words.txt, the first 2,000 words")
    header = next(line for line in lines if line.startswith("section"))
    assert header.split() == ["section", "questions", "left", "out", "left", "in", "baseline"]
    total = next(line for line in lines if line.startswith("Total accuracy")).split()
    assert len(total) == 6 and all(cell.endswith("%") for cell in total[3:])
    as_json = json.loads(run_cli("analogies", "--restrict", "2000", "--format", "json").stdout)
    assert len(as_json["sections"]) == 14 and as_json["total"]["questions"] == int(total[2].replace(",", ""))
    bad = run_cli("analogies", "--restrict", "0")
    assert bad.returncode == 1 and bad.stderr == "error: --restrict must be a positive number of words\n"
