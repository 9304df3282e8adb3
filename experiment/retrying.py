"""Asking again: exponential backoff with full jitter, or exactly what ``Retry-After`` asks for.

Full jitter (a uniform wait between zero and the exponential ceiling) keeps many workers that failed
together from retrying together. A server's ``Retry-After`` wins over the schedule, capped so a bogus
value cannot stall the run for hours.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from experiment.clients import Client, PermanentError, Reply, TransientError
from experiment.prompts import Prompt


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    max_retries: int = 6
    base: float = 1.0
    ceiling: float = 60.0
    max_retry_after: float = 300.0

    def delay(self, retry: int, retry_after: float | None, rng: random.Random) -> float:
        """Seconds to wait before retry number ``retry`` (0-based)."""
        if retry_after is not None:
            return min(retry_after, self.max_retry_after)
        return rng.uniform(0, min(self.ceiling, self.base * 2**retry))


@dataclass(slots=True)
class Exchange:
    """How an item's requests ended: a reply, or the last error; ``requests`` counts every HTTP request."""

    reply: Reply | None = None
    error: str | None = None
    error_status: int | None = None
    error_body: str | None = None
    fatal: bool = False
    retries: int = 0
    requests: int = 0
    out_of_budget: bool = False


async def ask_with_retries(client: Client, http: httpx.AsyncClient, prompt: Prompt, timeout: float,
                           policy: RetryPolicy, may_send: Callable[[], bool],
                           rng: random.Random | None = None) -> Exchange:
    """Ask until an answer, a permanent error, exhausted retries, or ``may_send`` says the budget is spent."""
    rng = rng or random.Random()
    exchange = Exchange()
    while True:
        if not may_send():
            exchange.out_of_budget = True
            return exchange
        exchange.requests += 1
        try:
            exchange.reply = await client.ask(http, prompt, timeout)
            return exchange
        except PermanentError as error:
            exchange.error, exchange.error_status, exchange.error_body = str(error), error.status, error.body
            exchange.fatal = error.fatal
            return exchange
        except TransientError as error:
            exchange.error, exchange.error_status, exchange.error_body = str(error), error.status, error.body
            if exchange.retries >= policy.max_retries:
                exchange.error = f"gave up after {exchange.retries} retries: {error}"
                return exchange
            await asyncio.sleep(policy.delay(exchange.retries, error.retry_after, rng))
            exchange.retries += 1
