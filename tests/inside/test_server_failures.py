"""/steps when the server is slow, busy or odd: one line for the page, never a traceback.

Real HTTP servers on 127.0.0.1 (the standard library's), each answering the way a broken server would. The happy
paths are tested against the real llama-server in test_*_live_llama.py.
"""
import json
import time

import pytest

from inside.steps.sources import NotAvailable as NoAnswer
from inside.steps.sources import StepsSources
from inside.steps.working import Problem
from stones.server import ServerConfig
from tests.stones.test_server_failures import http_server  # noqa: F401 (the fixture)


def slow(handler):
    time.sleep(3)
    return 200, b"{}"


def test_a_slow_server_is_a_message_within_its_timeout(http_server):  # noqa: F811
    url = http_server(slow)
    started = time.monotonic()
    with pytest.raises(NoAnswer, match="did not answer within 0.5 s"):
        StepsSources(None, ServerConfig(url, api="llama.cpp", timeout=0.5)).answer(Problem(12, 34))
    assert time.monotonic() - started < 5


def test_a_server_that_answers_without_probabilities_is_a_message(http_server):  # noqa: F811
    url = http_server(lambda h: (200, json.dumps({"content": "408"}).encode()))
    with pytest.raises(NoAnswer, match="held no token probabilities"):
        StepsSources(None, ServerConfig(url, api="llama.cpp")).answer(Problem(12, 34))
