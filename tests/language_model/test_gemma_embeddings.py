"""Gemma 3 270M's input token embeddings, a model that ships: read from the real GGUF package with ggml's gguf
library, whole words only, converted once into the cache (this test session's own), analogies, the compare page."""
from __future__ import annotations

import json
import time

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from embeddings import catalogue, model_store, models
from embeddings.gguf_embeddings import TENSOR, assembled_gguf, is_whole_word, whole_word_rows
from embeddings.neighbours import parse_analogy, solve_analogy
from embeddings.paths import PROJECT_ROOT, cache_dir
from embeddings.sources.language_model import NAME


@pytest.fixture(scope="module")
def gemma():
    """Converted from the installed package on first use, exactly as a fresh clone's first reader does it."""
    assert models.is_ready(catalogue.get_spec(NAME))  # no operator step: it ships with the app
    return models.load(NAME)


def test_whole_words_are_the_marker_followed_by_letters():
    words = ["▁king", "▁King", "▁well-known", "▁don't", "▁Zürich"]
    not_words = ["king", "▁12", "▁,", "▁", "<eos>", "▁2nd", "▁-king", "dom", "▁½"]  # a letter first
    assert all(map(is_whole_word, words)) and not any(map(is_whole_word, not_words))
    tokens = ["<pad>", "▁the", "ing", "▁King", "▁the", "▁x"]
    assert whole_word_rows(tokens, np.array([3, 1, 1, 1, 1, 6])) == [1, 3]  # normal tokens, each word once


def test_the_model_holds_the_whole_word_tokens_case_sensitive(gemma):
    assert (len(gemma.index_to_key), gemma.vector_size) == (115_724, 640)
    assert {"human", "Human", "king", "queen", "Paris", "Zürich"} <= set(gemma.key_to_index)
    assert not any(k.startswith("▁") or not k[0].isalpha() for k in gemma.index_to_key)
    assert gemma.index_to_key[:5] == ["t", "a", "s", "c", "the"]  # the tokenizer's order: most frequent first


def test_the_vectors_are_the_q8_0_rows_dequantised(gemma):
    """Checked against Q8_0 decoded by hand (blocks of 32: a float16 scale, then 32 int8), not by gguf."""
    from gguf import GGUFReader

    with assembled_gguf(cache_dir() / "downloads") as path:
        reader = GGUFReader(path)
        field = reader.fields["tokenizer.ggml.tokens"]
        token_id = next(n for n, i in enumerate(field.data) if bytes(field.parts[i]) == "▁human".encode())
        tensor = next(t for t in reader.tensors if t.name == TENSOR)
        assert tensor.tensor_type.name == "Q8_0"
        raw = np.asarray(tensor.data[token_id]).reshape(20, 34)
    scale = raw[:, :2].copy().view(np.float16).astype(np.float32)
    expected = (scale * raw[:, 2:].copy().view(np.int8).astype(np.float32)).reshape(-1)
    assert np.array_equal(np.asarray(gemma["human"]), expected)


def test_converted_once_with_checksums(gemma):
    folder = models.model_path(NAME).parent
    meta = json.loads((folder / model_store.MARKER).read_text())
    assert "sha256" in json.dumps(meta)
    started = time.perf_counter()
    again = models.load(NAME)  # opened, not converted again
    assert time.perf_counter() - started < 10 and np.array_equal(again["king"], gemma["king"])
    assert not list((cache_dir() / "downloads").glob(".gemma-*"))  # the assembled GGUF is gone


def test_king_minus_man_plus_woman_is_queen(gemma):
    analogy = parse_analogy("king - man + woman", lowercase=False, is_known=gemma.__contains__)
    assert solve_analogy(gemma, analogy, topn=3)[0][0] == "queen"


def test_the_compare_page_opens_on_glove_against_gemma(gemma):
    at = AppTest.from_file(str(PROJECT_ROOT / "app_pages" / "compare_page.py"), default_timeout=180).run()
    assert not at.exception, [e.value for e in at.exception]
    assert (at.selectbox(key="c_a").value, at.selectbox(key="c_b").value) == ("glove-wiki-gigaword-50", NAME)
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert len(charts) == 4 and NAME in charts[2]["layout"]["title"]["text"]
    assert not any("Only one model" in i.value for i in at.info)


def test_the_stones_landscape_on_the_language_models_own_map(gemma, monkeypatch):
    from stones.recorded import load

    for key in ("STONES_SERVER_URL", "STONES_SERVER_API", "STONES_SERVER_MODEL"):
        monkeypatch.delenv(key, raising=False)
    at = AppTest.from_file(str(PROJECT_ROOT / "app_pages" / "stones_page.py"), default_timeout=300)
    at.query_params["prompt"] = load().examples[0]
    at.query_params["model"] = NAME
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    drawn = {t["name"]: t for t in json.loads(at.get("plotly_chart")[0].proto.spec)["data"]}
    candidates = [t for t in drawn["next-word candidates"]["text"] if t]
    assert candidates and all(word in gemma.key_to_index for word in candidates)  # Gemma's own keys
    assert any(f"most frequent words of {NAME}" in c.value for c in at.caption)
