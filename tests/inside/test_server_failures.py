"""/steps and /contexts when the server is slow, busy or odd: one line for the page, never a traceback.

Real HTTP servers on 127.0.0.1 (the standard library's), each answering the way a broken server would. The happy
paths are tested against the real llama-server in test_*_live_llama.py.
"""
import json
import threading
import time

import pytest

from inside.contexts.sentences import Sentence, WordInSentences
from inside.contexts.server import EmbeddingConfig
from inside.contexts.sources import ContextSources
from inside.contexts.sources import NotAvailable as NoVectors
from inside.steps.sources import NotAvailable as NoAnswer
from inside.steps.sources import StepsSources
from inside.steps.working import Problem
from stones.server import ServerConfig
from tests.stones.test_server_failures import http_server  # noqa: F401 (the fixture)

ONE_SENTENCE = WordInSentences("bank", (Sentence("-", "The bank is closed."),))


def slow(handler):
    time.sleep(3)
    return 200, b"{}"


def test_a_slow_server_is_a_message_within_its_timeout(http_server):  # noqa: F811
    url = http_server(slow)
    started = time.monotonic()
    with pytest.raises(NoAnswer, match="did not answer within 0.5 s"):
        StepsSources(None, ServerConfig(url, api="llama.cpp", timeout=0.5)).answer(Problem(12, 34))
    with pytest.raises(NoVectors, match="did not answer within 0.5 s"):
        ContextSources(None, EmbeddingConfig(url, timeout=0.5)).vectors(ONE_SENTENCE)
    assert time.monotonic() - started < 5


def test_a_server_that_answers_without_probabilities_is_a_message(http_server):  # noqa: F811
    url = http_server(lambda h: (200, json.dumps({"content": "408"}).encode()))
    with pytest.raises(NoAnswer, match="held no token probabilities"):
        StepsSources(None, ServerConfig(url, api="llama.cpp")).answer(Problem(12, 34))


def test_a_server_started_without_embeddings_is_named_as_such(http_server):  # noqa: F811
    body = {"error": {"code": 501, "message": "This server does not support embeddings. Start it with `--embeddings`"}}
    url = http_server(lambda h: (501, json.dumps(body).encode()))
    with pytest.raises(NoVectors, match="not started for embeddings"):
        ContextSources(None, EmbeddingConfig(url)).vectors(ONE_SENTENCE)


def test_readers_beyond_the_servers_slots_are_told_it_is_busy(http_server):  # noqa: F811
    url = http_server(slow)
    config = EmbeddingConfig(url, timeout=5, slots=1)
    errors = []

    def read():
        try:
            ContextSources(None, config).vectors(ONE_SENTENCE)
        except NoVectors as error:
            errors.append(str(error))

    threads = [threading.Thread(target=read) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert any("busy with other readers" in e for e in errors)
