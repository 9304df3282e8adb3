"""/contexts against the real llama-server serving the real Gemma 3 270M for embeddings (`--embeddings --pooling
none`), on 127.0.0.1; and the clear messages of a server started without embeddings, or gone."""
import subprocess
import time

import httpx
import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from inside.contexts import server
from inside.contexts.recorded import load
from inside.contexts.sentences import Sentence, WordInSentences
from inside.contexts.server import EmbeddingConfig
from inside.contexts.sources import ContextSources, NotAvailable
from testkit.llama import SERVER_ARGS, binary, gemma_model, start_llama_server
from testkit.servers import free_port, stop_process
from tests.conftest import PROJECT


@pytest.fixture(scope="module")
def embedding_server():
    port = free_port()
    command = [str(binary()), "-m", str(gemma_model()), "--host", "127.0.0.1", "--port", str(port), *SERVER_ARGS,
               "--embeddings", "--pooling", "none"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert process.poll() is None, "llama-server exited"
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        yield url
    finally:
        stop_process(process, timeout=15)


def test_one_vector_per_token_and_the_word_found_among_them(embedding_server):
    answer = server.token_vectors(EmbeddingConfig(embedding_server, timeout=30), "We sat on the bank of the river.")
    assert answer.pieces[:7] == ("We", " sat", " on", " the", " bank", " of", " the")
    assert answer.vectors.shape == (len(answer.pieces), 640)


def test_the_shipped_recording_is_what_this_model_and_server_answer(embedding_server):
    recording = load()
    live = ContextSources(None, EmbeddingConfig(embedding_server, timeout=30))
    for word in ("bank", "bat"):
        found = recording.examples[word]
        got = live.vectors(WordInSentences(word, found.sentences[:3]))
        for sentence, vector in zip(found.sentences[:3], got.vectors):
            shipped = recording.get(word, sentence.text).vector
            cosine = float(vector @ shipped / np.linalg.norm(vector) / np.linalg.norm(shipped))
            assert cosine > 0.999, (word, sentence.text, cosine)


def test_the_page_reads_the_readers_own_sentences_from_the_live_server(embedding_server, monkeypatch):
    monkeypatch.setenv("CONTEXTS_SERVER_URL", embedding_server)
    monkeypatch.setenv("CONTEXTS_SERVER_TIMEOUT", "30")
    at = AppTest.from_file(str(PROJECT / "app_pages" / "contexts_page.py"), default_timeout=300)
    at.query_params.update({"word": "spring", "sentences": "season: Flowers bloom in spring.\nseason: Spring rain "
                            "fell on the fields.\nwater: We drank from a cold spring in the hills.\nwater: The spring "
                            "fed a small stream."})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.warning, [w.value for w in at.warning]
    assert "Within one sense" in " ".join(m.value for m in at.markdown)


def test_a_server_without_embeddings_is_a_clear_message():
    completion_only = start_llama_server()
    try:
        live = ContextSources(None, EmbeddingConfig(completion_only.url, timeout=30))
        with pytest.raises(NotAvailable, match="not started for embeddings"):
            live.vectors(WordInSentences("bank", (Sentence("-", "The bank is closed."),)))
    finally:
        completion_only.stop()


def test_a_server_that_is_gone_is_a_clear_message():
    live = ContextSources(None, EmbeddingConfig(f"http://127.0.0.1:{free_port()}", timeout=2))
    with pytest.raises(NotAvailable, match="cannot be reached"):
        live.vectors(WordInSentences("bank", (Sentence("-", "The bank is closed."),)))


def test_the_recorder_writes_nothing_when_the_server_is_gone(tmp_path):
    from inside.contexts.record import main

    out = tmp_path / "contexts.json"
    assert main(["--url", f"http://127.0.0.1:{free_port()}", "--model-file", str(gemma_model()), "--out",
                 str(out)]) == 1
    assert not out.exists()
