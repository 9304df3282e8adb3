"""A fault-injecting model server on 127.0.0.1 for the tests and the benchmark.

It answers multiplication prompts in the shape of OpenAI Chat Completions, OpenAI Completions or Anthropic
Messages (chosen by the request path), correctly unless told otherwise, and injects the failures a real
provider produces: 429 with Retry-After, 5xx, a hang past the client's timeout, a dropped connection,
malformed JSON, an answer cut at the token limit, a rejected key. Faults are queued and consumed one per
request, so a test says exactly which requests fail. Run as a script it serves until killed and prints
its port (for the benchmark, which needs it in another process).
"""

from __future__ import annotations

import argparse
import json
import re
import socket
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_OPERANDS = re.compile(r"product of (\d+) and (\d+)")


def correct_answer(a: int, b: int) -> str:
    return f"Final Answer: {a * b}"


class FakeProvider(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, port: int = 0) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.lock = threading.Lock()
        self.faults: deque[str] = deque()
        self.answer: Callable[[int, int], str] = correct_answer
        self.chat_reasoning: str | None = None  # reasoning_content | reasoning | reasoning_details | think
        self.latency = 0.0
        self.hang_seconds = 2.0
        self.retry_after = "1"
        self.asked: Counter = Counter()  # prompt text -> requests that got an answer
        self.requests = 0
        self.auth_headers: set[str] = set()
        self.keep_log = True

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"

    def next_fault(self) -> str | None:
        with self.lock:
            self.requests += 1
            return self.faults.popleft() if self.faults else None

    def handle_error(self, request, client_address) -> None:
        """A client killed mid-request (the kill -9 tests) resets its connection: expected, not worth a traceback."""
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)

    def record(self, prompt: str, auth: str | None) -> None:
        if not self.keep_log:
            return
        with self.lock:
            self.asked[prompt] += 1
            if auth:
                self.auth_headers.add(auth)


def _usage(prompt: str, text: str) -> tuple[int, int]:
    return len(prompt.split()), max(1, len(text.split()))


def chat_body(model: str, prompt: str, text: str, finish: str, style: str | None) -> dict:
    message: dict = {"role": "assistant", "content": text}
    thinking = "I multiply the numbers step by step."
    if style in ("reasoning_content", "reasoning"):
        message[style] = thinking
    elif style == "reasoning_details":
        message["reasoning_details"] = [{"type": "reasoning.text", "text": thinking}]
    elif style == "think":
        message["content"] = f"<think>{thinking}</think>\n{text}"
    prompt_tokens, completion_tokens = _usage(prompt, text)
    return {"id": "chatcmpl-1", "object": "chat.completion", "created": 0, "model": model,
            "choices": [{"index": 0, "message": message, "finish_reason": finish}],
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                      "total_tokens": prompt_tokens + completion_tokens,
                      "completion_tokens_details": {"reasoning_tokens": 7 if style else 0}}}


def completion_body(model: str, prompt: str, text: str, finish: str) -> dict:
    prompt_tokens, completion_tokens = _usage(prompt, text)
    return {"id": "cmpl-1", "object": "text_completion", "created": 0, "model": model,
            "choices": [{"index": 0, "text": text, "finish_reason": finish}],
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                      "total_tokens": prompt_tokens + completion_tokens}}


def messages_body(model: str, prompt: str, text: str, finish: str) -> dict:
    prompt_tokens, completion_tokens = _usage(prompt, text)
    return {"id": "msg_1", "type": "message", "role": "assistant", "model": model,
            "content": [{"type": "thinking", "thinking": "Long multiplication, digit by digit.",
                         "signature": "c2lnbmF0dXJl"},
                        {"type": "text", "text": text}],
            "stop_reason": "max_tokens" if finish == "length" else "end_turn",
            "usage": {"input_tokens": prompt_tokens, "output_tokens": completion_tokens}}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    wbufsize = 1 << 16  # headers and body leave in one write: no delayed-ACK stall per request
    server: FakeProvider

    def log_message(self, *args) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        request = json.loads(self.rfile.read(length))
        server = self.server
        fault = server.next_fault()
        if server.latency:
            time.sleep(server.latency)
        if fault == "429":
            return self._send(429, b'{"error": {"message": "rate limited"}}', {"Retry-After": server.retry_after})
        if fault in ("500", "503"):
            return self._send(int(fault), b'{"error": {"message": "server error"}}')
        if fault == "401":
            return self._send(401, b'{"error": {"message": "invalid api key"}}')
        if fault == "400":
            return self._send(400, b'{"error": {"message": "bad request"}}')
        if fault == "hang":
            time.sleep(server.hang_seconds)
            self.close_connection = True
            return
        if fault == "drop":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        if fault == "malformed":
            return self._send(200, b'{"choices": [{"message": ')
        if "messages" in request:
            prompt = request["messages"][-1]["content"]
        else:
            prompt = request["prompt"]
        a, b = (int(x) for x in _OPERANDS.findall(prompt)[-1])
        text, finish = server.answer(a, b), "stop"
        if fault == "truncate":
            text, finish = f"Let me work this out. {a} x {b} = {str(a * b)[:1]}", "length"
        server.record(prompt, self.headers.get("Authorization") or self.headers.get("x-api-key"))
        model = request.get("model", "fake")
        if self.path.endswith("/chat/completions"):
            body = chat_body(model, prompt, text, finish, server.chat_reasoning)
        elif self.path.endswith("/completions"):
            body = completion_body(model, prompt, text, finish)
        elif self.path.endswith("/messages"):
            body = messages_body(model, prompt, text, finish)
        else:
            return self._send(404, b'{"error": {"message": "no such endpoint"}}')
        self._send(200, json.dumps(body).encode())


def serve_in_thread(server: FakeProvider) -> threading.Thread:
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    return thread


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="serve the fake provider on 127.0.0.1 until killed")
    parser.add_argument("--port", type=int, default=0)
    arguments = parser.parse_args()
    provider = FakeProvider(arguments.port)
    provider.keep_log = False
    print(provider.server_address[1], flush=True)
    provider.serve_forever()
