"""The live path against the real llama-server serving the real Gemma 3 270M, on 127.0.0.1.

scripts/test.sh builds the server once per machine (scripts/build_llama_server.sh) before pytest runs, so
these tests fail, rather than skip, when it is missing.
"""
import json

import pytest
from streamlit.testing.v1 import AppTest

from stones import server
from stones.recorded import load
from stones.server import ServerConfig
from stones.tokens import WORD, read_token
from testkit.llama import start_llama_server
from tests.conftest import PROJECT


@pytest.fixture(scope="module")
def llama():
    started = start_llama_server()
    try:
        yield started
    finally:
        started.stop()


def test_the_openai_endpoint_gives_gemmas_top_next_tokens(llama):
    answer = server.next_tokens(ServerConfig(llama.url), "The king and the")
    assert answer.source == "live" and len(answer.candidates) == 40
    probabilities = [c.probability for c in answer.candidates]
    assert probabilities == sorted(probabilities, reverse=True) and 0.3 < sum(probabilities) <= 1.0 + 1e-6
    words = [read_token(c.token).word for c in answer.candidates[:10] if read_token(c.token).kind == WORD]
    assert "queen" in [w.lower() for w in words], words  # Gemma continues "The king and the" with "queen"


def test_both_endpoints_give_the_same_probabilities(llama):
    openai = server.next_tokens(ServerConfig(llama.url, api="openai"), "The queen")
    native = server.next_tokens(ServerConfig(llama.url, api="llama.cpp"), "The queen")
    top = {c.token: c.probability for c in native.candidates}
    for c in openai.candidates[:10]:
        assert c.probability == pytest.approx(top[c.token], abs=2e-3)


def test_the_shipped_recording_is_what_this_model_and_server_answer(llama):
    recording = load()
    for example in recording.examples:
        live = server.next_tokens(ServerConfig(llama.url), example)
        shipped = recording.get(example)
        assert [c.token for c in live.candidates[:3]] == [c.token for c in shipped.candidates[:3]], example
        for a, b in zip(live.candidates[:3], shipped.candidates[:3]):
            assert a.probability == pytest.approx(b.probability, abs=0.02)


def test_the_page_answers_any_prompt_from_the_live_server(llama, monkeypatch):
    monkeypatch.setenv("STONES_SERVER_URL", llama.url)
    at = AppTest.from_file(str(PROJECT / "app_pages" / "stones_page.py"), default_timeout=180)
    at.query_params["prompt"] = "My favourite fruit is the"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    labels = [t for trace in spec["data"] if trace["name"] == "next-word candidates" for t in trace["text"] if t]
    assert {"apple", "banana", "orange", "mango", "strawberry"} & set(labels), labels
    next(b for b in at.button if b.label == "Take the most likely").click().run()
    next(b for b in at.button if b.label == "Toss a stone").click().run()
    assert not at.exception
    raw = dict(at.query_params)["tosses"]
    tosses = json.loads(raw[-1] if isinstance(raw, list) else raw)
    assert len(tosses) == 2
    assert "Answered by the **live model server**" in " ".join(m.value for m in at.markdown)


def test_the_recorder_writes_a_readable_recording_with_its_provenance(llama, tmp_path):
    from durable.checksums import sha256_of
    from stones.record import EXAMPLES, main

    out = tmp_path / "recording.json"
    code = main(["--url", llama.url, "--model-file", str(llama.model), "--branches", "2", "--depth", "1",
                 "--server-version", "llama-server (test)", "--out", str(out)])
    assert code == 0
    recording = load(out)
    assert recording.examples == EXAMPLES and len(recording.distributions) == 3 * len(EXAMPLES)
    assert recording.provenance["model_sha256"] == sha256_of(llama.model) == load().provenance["model_sha256"]
    for example in EXAMPLES:
        assert len(recording.continued(example)) == 2


def test_the_recorder_writes_nothing_when_the_server_is_gone(tmp_path):
    from stones.record import main
    from testkit.llama import gemma_model
    from testkit.servers import free_port

    out = tmp_path / "recording.json"
    gone = f"http://127.0.0.1:{free_port()}"
    assert main(["--url", gone, "--model-file", str(gemma_model()), "--out", str(out)]) == 1
    assert not out.exists()
