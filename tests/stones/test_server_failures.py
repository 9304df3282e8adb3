"""The live path when the server is down, slow, odd or busy: one line for the page, never a traceback.

Real HTTP servers on 127.0.0.1 (the standard library's), each answering the way a broken server would.
The happy path is tested against the real llama-server in test_live_llama.py.
"""
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from stones import server
from stones.recorded import Recording
from stones.server import ServerConfig, ServerUnavailable
from stones.sources import NotAvailable, Sources
from testkit.servers import free_port


def serve(handler_body):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (the standard library's name)
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            status, body = handler_body(self)
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True  # a slow handler still sleeping does not hold up the test's end
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


@pytest.fixture
def http_server():
    started = []

    def start(handler_body):
        httpd, url = serve(handler_body)
        started.append(httpd)
        return url

    yield start
    for httpd in started:
        httpd.shutdown()
        httpd.server_close()


LEGACY = {"choices": [{"text": " was", "logprobs": {"tokens": [" was"], "token_logprobs": [-0.7],
                                                      "top_logprobs": [{" was": -0.7, " is": -1.2, ",": -2.0}]}}]}


def test_a_server_with_the_legacy_openai_shape_works(http_server):
    url = http_server(lambda h: (200, json.dumps(LEGACY).encode()))
    answer = server.next_tokens(ServerConfig(url), "The king")
    assert [c.token for c in answer.candidates] == [" was", " is", ","]
    assert answer.source == "live"


def test_a_server_that_is_down_is_named_so():
    with pytest.raises(ServerUnavailable, match="cannot be reached"):
        server.next_tokens(ServerConfig(f"http://127.0.0.1:{free_port()}", timeout=2), "The king")


def test_a_slow_server_times_out(http_server):
    url = http_server(lambda h: (time.sleep(2), (200, b"{}"))[1])
    started = time.monotonic()
    with pytest.raises(ServerUnavailable, match="within 0.5 s"):
        server.next_tokens(ServerConfig(url, timeout=0.5), "The king")
    assert time.monotonic() - started < 1.8


@pytest.mark.parametrize(("status", "body", "message"), [
    (500, b"{}", "HTTP 500"), (200, b"<html>", "not JSON"), (200, b'{"choices": []}', "no token probabilities"),
])
def test_odd_answers_are_one_line(http_server, status, body, message):
    url = http_server(lambda h: (status, body))
    with pytest.raises(ServerUnavailable, match=message):
        server.next_tokens(ServerConfig(url), "The king")


def test_a_busy_server_tells_the_next_reader_instead_of_queueing(http_server):
    url = http_server(lambda h: (time.sleep(2.5), (200, json.dumps(LEGACY).encode()))[1])
    config = ServerConfig(url, timeout=5, slots=1)
    first = threading.Thread(target=server.next_tokens, args=(config, "The king"))
    first.start()
    time.sleep(0.3)
    started = time.monotonic()
    with pytest.raises(ServerUnavailable, match="busy"):
        server.next_tokens(config, "The queen")
    assert time.monotonic() - started < server.QUEUE_WAIT + 0.5
    first.join()


def test_without_a_server_only_recorded_texts_have_a_landscape():
    sources = Sources(Recording(["The king"], {"The king": ()}), None)
    assert sources.next_tokens("The king").source == "recorded"
    with pytest.raises(NotAvailable, match="no live model server"):
        sources.next_tokens("The bishop")


def test_the_configuration_comes_from_the_environment_and_is_checked():
    assert ServerConfig.from_env({}) is None
    config = ServerConfig.from_env({"STONES_SERVER_URL": "http://127.0.0.1:8088/", "STONES_SERVER_API": "llama.cpp"})
    assert (config.url, config.api) == ("http://127.0.0.1:8088", "llama.cpp")
    for bad in ({"STONES_SERVER_URL": "file:///etc"}, {"STONES_SERVER_URL": "http://x", "STONES_SERVER_API": "y"},
                {"STONES_SERVER_URL": "http://x", "STONES_SERVER_TIMEOUT": "999"}):
        with pytest.raises(ValueError):
            ServerConfig.from_env(bad)
