"""What every client shares: the reply it returns, the two kinds of failure, and the HTTP exchange.

A failure is either transient (429, 5xx, a timeout, a dropped connection, a body that is not the JSON that
was promised: asking again may work) or permanent (asking again gives the same answer). A permanent failure
that no other item can escape either (bad key, unknown model or endpoint) is ``fatal`` and stops the run,
rather than recording the same error for every remaining item.
"""

from __future__ import annotations

import email.utils
import json
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import timezone

import httpx

from experiment.prompts import Prompt

FATAL_STATUSES = frozenset({401, 403, 404})
TRANSIENT_STATUSES = frozenset({408, 409, 425, 429, 500, 502, 503, 504, 520, 522, 524, 529})
MAX_STORED_BODY = 100_000


@dataclass(slots=True)
class Reply:
    """A model's reply, split into the visible answer and the reasoning wherever the provider put it.

    ``reasoning_visibility`` is ``full`` (the model's own reasoning text), ``summary`` (a provider's summary
    of it), ``hidden`` (reasoning happened, shown only as a token count or an encrypted blob) or ``none``.
    ``raw`` is the response body exactly as received.
    """

    answer: str
    reasoning: str
    reasoning_visibility: str
    reasoning_source: str | None
    finish_reason: str | None
    prompt_tokens: int | None
    completion_tokens: int | None
    reasoning_tokens: int | None
    refused: bool
    raw: str
    http_status: int
    latency_s: float = 0.0


class TransientError(Exception):
    """Worth asking again, after ``retry_after`` seconds when the server said so."""

    def __init__(self, message: str, *, status: int | None = None, retry_after: float | None = None,
                 body: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after
        self.body = body


class PermanentError(Exception):
    """Asking again gives the same answer; ``fatal`` when every other item would fail the same way."""

    def __init__(self, message: str, *, status: int | None = None, fatal: bool = False,
                 body: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.fatal = fatal
        self.body = body


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


def token_count(usage: dict, *names: str) -> int | None:
    for name in names:
        value = usage.get(name)
        if isinstance(value, int):
            return value
    return None


class Client(ABC):
    """One configured model behind one HTTP API. Subclasses say how to ask and how to read the reply."""

    path: str = ""

    def __init__(self, base_url: str, model: str, params: dict, api_key: str | None) -> None:
        self.url = base_url.rstrip("/") + self.path
        self.model = model
        self.params = dict(params)
        self._api_key = api_key

    def __repr__(self) -> str:  # never show the key, even in a traceback or a debugger
        return f"{type(self).__name__}(url={self.url!r}, model={self.model!r})"

    @abstractmethod
    def headers(self) -> dict[str, str]:
        """Request headers, including the credentials (which go nowhere but the request)."""

    @abstractmethod
    def body(self, prompt: Prompt) -> dict:
        """The JSON request body for ``prompt``."""

    @abstractmethod
    def parse(self, data: dict, prompt: Prompt) -> Reply:
        """Read a successful response body; raises KeyError/TypeError/IndexError on an unexpected shape."""

    async def ask(self, http: httpx.AsyncClient, prompt: Prompt, timeout: float) -> Reply:
        """Send one request and read the reply, turning every failure into Transient- or PermanentError."""
        started = time.perf_counter()
        try:
            response = await http.post(self.url, json=self.body(prompt), headers=self.headers(),
                                       timeout=timeout)
        except httpx.TimeoutException as error:
            raise TransientError(f"timed out after {timeout:g} s ({type(error).__name__})") from None
        except (httpx.TransportError, httpx.DecodingError) as error:  # refused, reset, dropped, proxy, bad gzip
            raise TransientError(f"connection failed: {type(error).__name__}: {error}") from None
        latency = time.perf_counter() - started
        text = response.text[:MAX_STORED_BODY]
        self._raise_for_status(response, text)
        try:
            data = json.loads(response.content)
        except ValueError:
            raise TransientError("response is not valid JSON", status=response.status_code, body=text) from None
        if not isinstance(data, dict):
            raise TransientError("response is not a JSON object", status=response.status_code, body=text)
        if "error" in data and not data.get("choices") and not data.get("content"):
            raise TransientError(f"provider error in a 200 response: {str(data['error'])[:300]}",
                                 status=response.status_code, body=text)
        try:
            reply = self.parse(data, prompt)
        except (KeyError, TypeError, IndexError, AttributeError) as error:
            raise TransientError(f"unexpected response shape ({type(error).__name__}: {error})",
                                 status=response.status_code, body=text) from None
        reply.raw = response.text
        reply.http_status = response.status_code
        reply.latency_s = latency
        return reply

    @staticmethod
    def _raise_for_status(response: httpx.Response, text: str) -> None:
        status = response.status_code
        if status < 400:
            return
        summary = f"HTTP {status}: {text[:300]}"
        if status in TRANSIENT_STATUSES:
            raise TransientError(summary, status=status, body=text,
                                 retry_after=parse_retry_after(response.headers.get("retry-after")))
        raise PermanentError(summary, status=status, fatal=status in FATAL_STATUSES, body=text)
