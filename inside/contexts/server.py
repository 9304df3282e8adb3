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
import threading
from collections.abc import Mapping
from dataclasses import dataclass

import httpx
import numpy as np

DEFAULT_TIMEOUT = 6.0
MAX_TIMEOUT = 30.0
QUEUE_WAIT = 2.0


class ServerUnavailable(Exception):
    """The live server could not answer: down, slow, busy, or not started for embeddings. One line."""


@dataclass(frozen=True)
class EmbeddingConfig:
    url: str
    timeout: float = DEFAULT_TIMEOUT
    slots: int = 2

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> EmbeddingConfig | None:
        """The operator's configuration, or None when no server is configured; ValueError on a bad value."""
        env = os.environ if env is None else env
        url = env.get("CONTEXTS_SERVER_URL", "").strip().rstrip("/")
        if not url:
            return None
        if not url.startswith(("http://", "https://")):
            raise ValueError("CONTEXTS_SERVER_URL must start with http:// or https://")
        try:
            timeout = float(env.get("CONTEXTS_SERVER_TIMEOUT", DEFAULT_TIMEOUT))
            slots = int(env.get("CONTEXTS_SERVER_SLOTS", 2))
        except ValueError:
            raise ValueError("CONTEXTS_SERVER_TIMEOUT and CONTEXTS_SERVER_SLOTS must be numbers") from None
        if not 0 < timeout <= MAX_TIMEOUT or not 1 <= slots <= 16:
            raise ValueError(f"CONTEXTS_SERVER_TIMEOUT must be in (0, {MAX_TIMEOUT:g}], CONTEXTS_SERVER_SLOTS in 1..16")
        return cls(url, timeout, slots)


@dataclass(frozen=True)
class TokenVectors:
    """A sentence's tokens (as text) and one last-layer vector for each."""

    pieces: tuple[str, ...]
    vectors: np.ndarray  # (tokens, dims)


_gates: dict[int, threading.BoundedSemaphore] = {}
_gates_lock = threading.Lock()


def _gate(slots: int) -> threading.BoundedSemaphore:
    """One semaphore per process (per slot count): every session of the app shares the server's slots."""
    with _gates_lock:
        return _gates.setdefault(slots, threading.BoundedSemaphore(slots))


def _post(config: EmbeddingConfig, path: str, body: dict) -> object:
    try:
        response = httpx.post(config.url + path, json=body, timeout=config.timeout)
    except httpx.TimeoutException:
        raise ServerUnavailable(f"the model server did not answer within {config.timeout:g} s") from None
    except httpx.HTTPError:
        raise ServerUnavailable("the model server cannot be reached") from None
    if response.status_code == 501 or (response.status_code >= 400 and "embedding" in response.text.lower()):
        raise ServerUnavailable("the model server was not started for embeddings (it needs `--embeddings "
                                "--pooling none`)")
    if response.status_code != 200:
        raise ServerUnavailable(f"the model server answered HTTP {response.status_code}")
    try:
        return response.json()
    except ValueError:
        raise ServerUnavailable("the model server's answer is not JSON") from None


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
    gate = _gate(config.slots)
    if not gate.acquire(timeout=QUEUE_WAIT):
        raise ServerUnavailable("the model server is busy with other readers; try again in a moment")
    try:
        pieces = parse_pieces(_post(config, "/tokenize", {"content": text, "with_pieces": True}))
        vectors = parse_vectors(_post(config, "/embedding", {"content": text}), len(pieces))
    finally:
        gate.release()
    return TokenVectors(pieces, vectors)


def server_version(config: EmbeddingConfig) -> str:
    try:
        props = httpx.get(config.url + "/props", timeout=config.timeout).json()
        return str(props.get("build_info") or "unknown")
    except (httpx.HTTPError, ValueError, AttributeError):
        return "unknown"
