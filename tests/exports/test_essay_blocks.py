"""The essay's code blocks: a word's vector as a ```python block, and the grid of two, on the page and from the
command line."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from embeddings import essay_blocks
from tests.conftest import PROJECT
from tests.explorer.test_page import assert_no_traceback, run_page

HUMAN_START = "[  0.61854,   0.11915,  -0.46786,   0.31368,    1.0334,   0.95964,\n"


def vector(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    return subprocess.run([sys.executable, "-m", "embeddings", "vector", *args], capture_output=True, text=True,
                          env=env, cwd=PROJECT, timeout=240)


def numbers_of(block: str) -> list[float]:
    body = block.split("\n", 1)[1].rsplit("```", 1)[0]
    return [float(n) for n in re.findall(r"-?[\d.]+(?:e-?\d+)?", body)]


def test_the_block_is_six_numbers_a_line_to_five_significant_digits(glove):
    block = essay_blocks.vector_block("human", "glove-wiki-gigaword-50", glove["human"].tolist())
    lines = block.splitlines()
    assert lines[0] == '```python title="The word \'human\' according to glove-wiki-gigaword-50"'
    assert lines[1] + "\n" == HUMAN_START and lines[-1] == "```"
    assert [len(re.findall(r"[-\d.e]+", line)) for line in lines[1:-1]] == [6] * 8 + [2]
    assert numbers_of(block) == [float(f"{v:.5g}") for v in glove["human"].tolist()]  # the file's own digits
    assert essay_blocks.number(2.5e-05) == "2.5e-05" and essay_blocks.number(-0.0) == "0.0"


def test_the_command_prints_the_block_and_the_grid():
    done = vector("human")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith('```python title="The word \'human\'') and HUMAN_START in done.stdout
    grid = vector("king", "--grid", "--method", "dimensions", "--axes", "2,1", "--words", "queen,man")
    assert grid.returncode == 0, grid.stderr
    assert grid.stdout.startswith('<div class="grid" markdown>\n\n```python title="High dimensional point '
                                  "corresponding to word 'king'\"\n")
    assert grid.stdout.rstrip().endswith("```\n\n</div>")
    low = grid.stdout.split("Translated low dimensional point corresponding to word 'king'\"\n")[1]
    assert low.startswith("[0.68607, 0.50451]\n")  # dimensions 2 and 1 of king, as chosen


@pytest.mark.parametrize("args, message", [
    (("kingg",), "'kingg' is not in glove-wiki-gigaword-50; did you mean king"),
    (("king", "--model", "nope"), "--model: 'nope' is not a model this app knows"),
    (("king", "--grid", "--method", "dimensions", "--axes", "1,60"), "--axes: glove-wiki-gigaword-50 has 50 "
                                                                      "dimensions, not 60"),
])
def test_bad_input_is_one_line_and_exit_1(args, message):
    done = vector(*args)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.strip() == f"error: {message}" or done.stderr.startswith(f"error: {message}")
    assert len(done.stderr.strip().splitlines()) == 1


def test_the_word_vector_tab_offers_both_blocks():
    at = run_page(words="king,queen,man,woman", focus="king")
    assert_no_traceback(at)
    assert not any(c.value.startswith("```python") for c in at.code)  # nothing sent before it is opened
    at.session_state["w_essay_block"] = True
    codes = [c.value for c in at.run().code]
    assert_no_traceback(at)
    single = next(c for c in codes if c.startswith("```python"))
    grid = next(c for c in codes if c.startswith('<div class="grid" markdown>'))
    assert "The word 'king' according to glove-wiki-gigaword-50" in single
    low = grid.split("Translated low dimensional point corresponding to word 'king'")[1]
    assert len(numbers_of(low)) == 2  # PCA, 2D: where the figure draws king
