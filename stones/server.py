"""The live path: the top next-token probabilities from a model server, bounded in time and in concurrency.

Two endpoints are spoken, so that any server with one of them works:
- "openai" (the default): an OpenAI-compatible legacy Completions endpoint, `POST {url}/v1/completions` with
  `max_tokens: 1` and `logprobs: N` (llama.cpp's llama-server, vLLM, and others);
- "llama.cpp": llama-server's own `POST {url}/completion` with `n_probs: N`.
Both give the model's probabilities (a softmax of its logits) for the N likeliest next tokens.

The operator configures the server by environment variables, never the reader:
STONES_SERVER_URL (e.g. http://127.0.0.1:8088; unset = recorded examples only), STONES_SERVER_API ("openai"
or "llama.cpp"), STONES_SERVER_MODEL (the model name some servers require), STONES_SERVER_TIMEOUT (seconds
per request, default 4) and STONES_SERVER_SLOTS (requests in flight at once, default 2). A reader waits at
most `QUEUE_WAIT` seconds for a free slot and is then told the server is busy, so no reader queues work
for the others.
"""
from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass

from llama import server as llama_server
from llama.server import ServerUnavailable, env_bounds, env_url, post_json, slot
from stones.distribution import MAX_CANDIDATES, Candidate, NextTokens, from_logprobs

APIS = ("openai", "llama.cpp")
DEFAULT_TIMEOUT = 4.0
PREFIX = "STONES_SERVER"
QUEUE_WAIT = 1.0


@dataclass(frozen=True)
class ServerConfig:
    url: str
    api: str = "openai"
    model: str = ""
    timeout: float = DEFAULT_TIMEOUT
    slots: int = 2

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ServerConfig | None:
        """The operator's configuration, or None when no server is configured; ValueError on a bad value."""
        env = os.environ if env is None else env
        url = env_url(env, PREFIX)
        if url is None:
            return None
        api = env.get("STONES_SERVER_API", "openai").strip() or "openai"
        if api not in APIS:
            raise ValueError(f"STONES_SERVER_API must be one of {', '.join(APIS)}")
        timeout, slots = env_bounds(env, PREFIX, DEFAULT_TIMEOUT)
        return cls(url, api, env.get("STONES_SERVER_MODEL", "").strip(), timeout, slots)


def request_body(config: ServerConfig, text: str, n: int) -> tuple[str, dict]:
    """The endpoint and JSON body that ask for one token and the top-n probabilities after `text`."""
    if config.api == "llama.cpp":
        return "/completion", {"prompt": text, "n_predict": 1, "n_probs": n, "temperature": 0.0,
                               "cache_prompt": True}
    body = {"prompt": text, "max_tokens": 1, "logprobs": n, "temperature": 0.0}
    if config.model:
        body["model"] = config.model
    return "/v1/completions", body


def parse_response(api: str, payload: dict) -> list[tuple[str, float]]:
    """(token, log-probability) pairs of the first generated position, from any of the shapes servers use."""
    try:
        if api == "llama.cpp":
            first = payload["completion_probabilities"][0]
            if "top_logprobs" in first:  # llama.cpp since late 2024
                return [(e["token"], e["logprob"]) for e in first["top_logprobs"]]
            # earlier llama.cpp: probabilities, not log-probabilities
            return [(e["tok_str"], math.log(max(e["prob"], 1e-300))) for e in first["probs"]]
        logprobs = payload["choices"][0]["logprobs"]
        if logprobs.get("content"):  # llama.cpp's OpenAI-compatible endpoint: the chat-style shape
            return [(e["token"], e["logprob"]) for e in logprobs["content"][0]["top_logprobs"]]
        top = logprobs["top_logprobs"][0]  # the legacy OpenAI shape: {token: logprob}
        return [(token, logprob) for token, logprob in top.items()]
    except (KeyError, IndexError, TypeError, AttributeError):
        raise ServerUnavailable("the model server's answer held no token probabilities") from None


def next_tokens(config: ServerConfig, text: str, n: int = MAX_CANDIDATES) -> NextTokens:
    """Ask the server for the top-n next tokens after `text`; ServerUnavailable with a one-line reason."""
    path, body = request_body(config, text, n)
    with slot(PREFIX, config.slots, QUEUE_WAIT):
        payload = post_json(config.url + path, body, config.timeout)
    candidates: tuple[Candidate, ...] = from_logprobs(parse_response(config.api, payload), limit=n)
    if not candidates:
        raise ServerUnavailable("the model server returned no candidates")
    return NextTokens(text, candidates, "live")


def server_version(config: ServerConfig) -> str:
    """What the server says it is (llama-server's /props build_info), for the provenance of a recording."""
    return llama_server.server_version(config.url, config.timeout, ("build_info", "model_path"))
