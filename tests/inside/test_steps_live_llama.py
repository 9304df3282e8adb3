"""/steps against the real llama-server serving the real Gemma 3 270M, on 127.0.0.1.

scripts/test.sh builds the server once per machine before pytest runs, so these tests fail, rather than skip,
when it is missing.
"""
import httpx
import pytest
from streamlit.testing.v1 import AppTest

from inside.steps.digits import next_digit, score
from inside.steps.recorded import load
from inside.steps.sources import StepsSources
from inside.steps.working import Context, Problem, WrongStep, context_text
from stones import server
from stones.server import ServerConfig
from testkit.llama import start_llama_server
from tests.conftest import PROJECT


@pytest.fixture(scope="module")
def llama():
    started = start_llama_server(threads=1)
    try:
        yield started
    finally:
        started.stop()


@pytest.fixture(scope="module")
def config(llama):
    return ServerConfig(llama.url, timeout=30.0)


def test_gemma_writes_the_space_then_one_token_per_digit(llama):
    answer = httpx.post(f"{llama.url}/tokenize", json={"content": "Final Answer: 40812\n", "with_pieces": True},
                        timeout=30).json()
    pieces = [t["piece"] for t in answer["tokens"]]
    assert pieces[-7:] == [" ", "4", "0", "8", "1", "2", "\n"]


def test_after_the_answer_cue_the_next_tokens_are_digits(config):
    text = context_text(Problem(12, 34), Context.WORKING)
    step = next_digit((c.token, c.probability) for c in server.next_tokens(config, text).candidates)
    assert sum(step.digits.values()) > 0.9 and step.end < 0.1


def test_the_shipped_recording_is_what_this_model_and_server_answer(config):
    """The right answer and the wrong step's, teacher-forced in every context (the beam search is left to the page
    test: it makes the most requests). Within 10%: llama-server's numbers vary a little with how it batches a
    request (the same request gives 0.896 and 0.905), and the answer multiplies four of them."""
    recording = load()
    problem = recording.examples[0]
    live, shipped = StepsSources(None, config), StepsSources(recording, None)
    for context in Context:
        text = context_text(problem, context)
        for answer in (str(problem.product), str(problem.led_to)):
            now, then = score(live.ask_in(text), answer), score(shipped.ask_in(text), answer)
            assert now.probability == pytest.approx(then.probability, rel=0.1, abs=0.01), (context, answer)


def test_the_page_answers_a_problem_that_is_not_recorded_from_the_live_server(llama, monkeypatch):
    monkeypatch.setenv("STONES_SERVER_URL", llama.url)
    monkeypatch.setenv("STONES_SERVER_TIMEOUT", "30")
    at = AppTest.from_file(str(PROJECT / "app_pages" / "steps_page.py"), default_timeout=300)
    at.query_params.update({"a": "7", "b": "13", "wrong_row": "2", "wrong_by": "10"})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.warning, [w.value for w in at.warning]
    table = at.dataframe[0].value
    assert list(table["context"]) == [c.title for c in Context]
    assert all(0.0 <= p <= 1.0 for p in table.iloc[:, 1])
    assert "Answered by the **live model server**" in " ".join(m.value for m in at.markdown)


def test_the_recorder_writes_nothing_when_the_server_is_gone(tmp_path):
    from inside.steps.record import main
    from testkit.llama import gemma_model
    from testkit.servers import free_port

    out = tmp_path / "steps.json"
    assert main(["--url", f"http://127.0.0.1:{free_port()}", "--model-file", str(gemma_model()), "--out",
                 str(out)]) == 1
    assert not out.exists()


def test_a_problem_too_big_for_the_live_budget_is_a_message_not_a_wait(config, monkeypatch):
    from inside.steps import sources as steps_sources

    monkeypatch.setattr(steps_sources, "MAX_LIVE_REQUESTS", 5)
    with pytest.raises(steps_sources.NotAvailable, match="more than 5 requests"):
        StepsSources(None, config).answer(Problem(4321, 8765, WrongStep(0, 10)))
