"""The explorer on a case-sensitive word2vec model with phrases: an operator's local file, converted for real."""
import subprocess
import sys

import numpy as np
import pytest

from tests.conftest import PROJECT
from tests.explorer.test_page import assert_no_traceback, figure, labels, messages, run_page

WORDS = ["New_York", "Paris", "London", "NASA", "king", "queen", "Berlin", "Rome"]


@pytest.fixture(scope="module")
def word2vec_model(tmp_path_factory, monkeypatch_module):
    folder = tmp_path_factory.mktemp("w2v")
    rng = np.random.default_rng(7)
    lines = [f"{len(WORDS)} 20"] + [w + " " + " ".join(f"{v:.5f}" for v in rng.normal(size=20)) for w in WORDS]
    (folder / "tiny.txt").write_text("\n".join(lines) + "\n")
    (folder / "models.toml").write_text(
        '[models.tiny-word2vec]\npath = "tiny.txt"\nformat = "word2vec-text"\nlowercase = false\n'
        'phrases_joined_by = "_"\ntitle = "A tiny word2vec-format model"\n'
    )
    monkeypatch_module.setenv("EMBEDDINGS_MODELS_FILE", str(folder / "models.toml"))
    result = subprocess.run([sys.executable, "-m", "embeddings", "fetch", "tiny-word2vec"],
                            cwd=PROJECT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return "tiny-word2vec"


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_phrases_and_case_follow_the_model_and_the_page_says_so(word2vec_model):
    at = run_page(model=word2vec_model, words='"new york",paris,nasa,King')
    assert_no_traceback(at)
    assert labels(figure(at)) == ["New_York", "Paris", "NASA", "king"]
    text = messages(at)
    assert "New_York" in text and "case-sensitive" in text


def test_the_model_is_offered_by_name_only(word2vec_model):
    at = run_page(model=word2vec_model, words="Paris,London,Rome")
    assert_no_traceback(at)
    chooser = at.selectbox(key="w_model")
    assert chooser.value == word2vec_model
    assert chooser.options == ["glove-wiki-gigaword-50 (50d)", "gemma-3-270m (640d)", "tiny-word2vec (20d)"]  # names
