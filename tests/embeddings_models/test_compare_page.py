"""The comparison page through Streamlit's AppTest, on two small local models the test registers."""
from __future__ import annotations

import json

import numpy as np
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from embeddings.__main__ import main as cli
from embeddings.paths import PROJECT_ROOT
from embeddings.sources.language_model import LanguageModelEmbeddings
from testkit import apptest

WORDS = ["king", "queen", "man", "woman", "apple", "banana", "New_York"]


@pytest.fixture
def two_models(isolated):
    """The same geometry in two different coordinate systems (a rotation): different numbers, same structure."""
    rng = np.random.default_rng(0)
    a = rng.normal(size=(len(WORDS), 12))
    rotation, _ = np.linalg.qr(rng.normal(size=(12, 12)))
    for name, vectors in (("space-a", a), ("space-b", a @ rotation)):
        text = "\n".join(w + " " + " ".join(f"{x:.6f}" for x in row) for w, row in zip(WORDS, vectors))
        (isolated / f"{name}.txt").write_text(text + "\n")
    (isolated / "models.toml").write_text(
        '[models.space-a]\npath = "space-a.txt"\nformat = "glove-text"\nphrases_joined_by = "_"\n'
        '[models.space-b]\npath = "space-b.txt"\nformat = "glove-text"\nphrases_joined_by = "_"\n')
    assert cli(["fetch", "space-a", "--no-progress"]) == 0 and cli(["fetch", "space-b", "--no-progress"]) == 0
    st.cache_resource.clear()
    st.cache_data.clear()


def run_page(**query) -> AppTest:
    return apptest.run_page(PROJECT_ROOT / "app_pages" / "compare_page.py", 120, **query)


def test_same_structure_in_two_coordinate_systems_agrees_fully(two_models):
    at = run_page(a="space-a", b="space-b", words='king,queen,man,woman,apple,"New York",zebra')
    assert not at.exception, [e.value for e in at.exception]
    assert at.metric[0].value == "1.00"
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert len(charts) == 4  # a scatter and a heatmap per model
    heat_a, heat_b = charts[1]["data"][0], charts[3]["data"][0]
    assert list(heat_a["x"]) == list(heat_b["x"]) == ["king", "queen", "man", "woman", "apple", "New_York"]
    assert "joins the words of a phrase" in " ".join(c.value for c in at.caption)
    assert any("zebra" in i.value for i in at.info)  # unknown words are reported and left out
    numbers = [c.value for c in at.code]
    assert numbers[0] != numbers[1]  # the raw numbers of "king" differ between the two models


def test_hostile_query_values_fall_back_with_a_notice(two_models):
    at = run_page(a="../../etc/passwd", b="space-b", words="<script>alert(1)</script>,king,queen", method="rm -rf")
    assert not at.exception, [e.value for e in at.exception]
    assert any("not available here" in w.value for w in at.warning)
    assert at.radio(key="c_method").value == "pca"


def test_a_model_is_never_compared_with_itself_by_default_nor_called_different_from_itself(two_models):
    from embeddings.compare import numbers_sentence

    at = run_page(a="space-a", b="space-a", words="king,queen,man")
    assert not at.exception, [e.value for e in at.exception]
    text = " ".join(m.value for m in at.markdown)
    assert "nothing in common" not in text and "compares space-a with itself" in text
    vector = np.arange(5.0)
    assert "nothing in common" in numbers_sentence("king", "x", vector, "y", vector + 1)
    assert "nothing in common" not in numbers_sentence("king", "x", vector, "y", vector.copy())


def test_a_server_with_one_model_says_so_instead_of_comparing_it_with_itself(isolated, monkeypatch):
    """Two models always ship, so one alone is a fault: Gemma's package gone. Injected, so the test never skips."""
    monkeypatch.setattr(LanguageModelEmbeddings, "is_ready", lambda self, spec: False)
    st.cache_resource.clear()
    at = run_page()
    assert not at.exception, [e.value for e in at.exception]
    assert [o.split()[0] for o in at.selectbox(key="c_a").options] == ["glove-wiki-gigaword-50"]
    assert any("Only one model is ready" in i.value for i in at.info)
    assert not at.metric and len(at.get("plotly_chart")) == 2  # its map and its similarities, once
    assert "nothing in common" not in " ".join(m.value for m in at.markdown)
