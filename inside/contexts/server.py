"""The live path of /contexts: one vector per token of a sentence from llama-server's last layer.

llama-server started with `--embeddings --pooling none` answers `POST /embedding` with one vector per token of
the input (the model's last layer, after its final norm); `POST /tokenize` with `with_pieces` says which text
each token is, so the word's tokens can be found. A server started without `--embeddings` answers the first with
an error, and one with pooling returns a single vector per sentence: both are a clear message.

The operator configures the server by environment variables, never the reader: CONTEXTS_SERVER_URL (e.g.
http://127.0.0.1:8090; unset = recorded examples only), CONTEXTS_SERVER_TIMEOUT (seconds per request, default 6,
at most 30) and CONTEXTS_SERVER_SLOTS (requests in flight at once for the whole app, default 2). A reader waits at
most `QUEUE_WAIT` seconds for a free slot and is then told the server is busy.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

import httpx
import numpy as np

from llama import server as llama_server
from llama.server import ServerUnavailable, env_bounds, env_url, post_json, slot

DEFAULT_TIMEOUT = 6.0
PREFIX = "CONTEXTS_SERVER"
QUEUE_WAIT = 2.0


@dataclass(frozen=True)
class EmbeddingConfig:
    url: str
    timeout: float = DEFAULT_TIMEOUT
    slots: int = 2

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> EmbeddingConfig | None:
        """The operator's configuration, or None when no server is configured; ValueError on a bad value."""
        env = os.environ if env is None else env
        url = env_url(env, PREFIX)
        if url is None:
            return None
        timeout, slots = env_bounds(env, PREFIX, DEFAULT_TIMEOUT)
        return cls(url, timeout, slots)


@dataclass(frozen=True)
class TokenVectors:
    """A sentence's tokens (as text) and one last-layer vector for each."""

    pieces: tuple[str, ...]
    vectors: np.ndarray  # (tokens, dims)


def _refused(response: httpx.Response) -> None:
    if response.status_code == 501 or (response.status_code >= 400 and "embedding" in response.text.lower()):
        raise ServerUnavailable("the model server was not started for embeddings (it needs `--embeddings "
                                "--pooling none`)")


def _post(config: EmbeddingConfig, path: str, body: dict) -> object:
    return post_json(config.url + path, body, config.timeout, _refused)


def parse_pieces(payload: object) -> tuple[str, ...]:
    try:
        return tuple(str(t["piece"]) for t in payload["tokens"])
    except (KeyError, TypeError):
        raise ServerUnavailable("the model server's /tokenize answer holds no token pieces") from None


def parse_vectors(payload: object, tokens: int) -> np.ndarray:
    """The per-token vectors of `POST /embedding`, without the start-of-text token's, one row per token."""
    try:
        first = payload[0] if isinstance(payload, list) else payload
        rows = first["embedding"]
        matrix = np.asarray(rows, dtype=np.float32)
    except (KeyError, TypeError, IndexError, ValueError):
        raise ServerUnavailable("the model server's /embedding answer holds no vectors") from None
    if matrix.ndim != 2:
        raise ServerUnavailable("the model server returns one vector per sentence, not per token: start it with "
                                "`--pooling none`")
    if len(matrix) == tokens + 1:  # the start-of-text token the server adds
        matrix = matrix[1:]
    if len(matrix) != tokens or not np.isfinite(matrix).all():
        raise ServerUnavailable(f"the model server returned {len(matrix)} vectors for {tokens} tokens")
    return matrix


def token_vectors(config: EmbeddingConfig, text: str) -> TokenVectors:
    """Ask the server for the sentence's tokens and their last-layer vectors; ServerUnavailable with a reason."""
    with slot(PREFIX, config.slots, QUEUE_WAIT):
        pieces = parse_pieces(_post(config, "/tokenize", {"content": text, "with_pieces": True}))
        vectors = parse_vectors(_post(config, "/embedding", {"content": text}), len(pieces))
    return TokenVectors(pieces, vectors)


def server_version(config: EmbeddingConfig) -> str:
    return llama_server.server_version(config.url, config.timeout)
