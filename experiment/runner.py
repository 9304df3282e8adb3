"""Running a configuration: ask every unfinished item, with bounded concurrency, and record each answer
the moment it arrives.

A fixed pool of ``concurrency`` workers pulls items from one lazy iterator, so memory does not grow with
the size of the plan, and at most ``concurrency`` requests are in flight, which is also all a crash can lose.
The run ends when the plan is done, the budget is spent (in-flight requests finish and are recorded), or a
fatal error (bad key, unknown model) makes every further request pointless. Many failed items in a row
(a server that is down) also stop it: each would otherwise spend its full retry schedule, for hours.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx

from experiment.budget import Budget
from experiment.clients import Client, make_client
from experiment.config import RunConfig
from experiment.plan import Item, plan_items
from experiment.progress import Progress
from experiment.records import make_record
from experiment.results import ResultsWriter, Run
from experiment.retrying import RetryPolicy, ask_with_retries


@dataclass(slots=True)
class RunSummary:
    planned: int = 0
    already_finished: int = 0
    pending: int = 0
    recorded: int = 0
    outcomes: Counter = field(default_factory=Counter)
    requests: int = 0
    tokens: int = 0
    elapsed_s: float = 0.0
    stopped: str | None = None
    fatal: bool = False

    @property
    def complete(self) -> bool:
        return self.stopped is None and self.recorded == self.pending


class Runner:
    def __init__(self, config: RunConfig, store: ResultsWriter, keys: dict[str, str | None],
                 show_progress: bool | None = None) -> None:
        self.config = config
        self.store = store
        self.clients: dict[str, Client] = {
            m.label: make_client(m.provider, m.base_url, m.model, m.params, keys.get(m.label))
            for m in config.models
        }
        settings = config.runner
        self.policy = RetryPolicy(settings.max_retries, settings.backoff_base, settings.backoff_max,
                                  settings.max_retry_after)
        self.budget = Budget(settings.max_requests, settings.max_tokens)
        self.show_progress = show_progress
        self.summary = RunSummary()
        self._rng = random.Random()
        self._errors_in_a_row = 0
        self.max_errors_in_a_row = max(5, 2 * settings.concurrency)

    def pending(self) -> tuple[int, int]:
        """(planned, already finished) for this configuration, from the store."""
        finished = self.store.finished_keys()
        planned = done = 0
        for item in plan_items(self.config):
            planned += 1
            done += item.key in finished
        return planned, done

    def run(self, run: Run) -> RunSummary:
        """Record ``run`` and ask everything not yet answered. Ctrl-C propagates as KeyboardInterrupt
        after the records already committed are safe on disk."""
        return asyncio.run(self._run(run))

    async def _run(self, run: Run) -> RunSummary:
        summary = self.summary
        summary.planned, summary.already_finished = self.pending()
        summary.pending = summary.planned - summary.already_finished
        self.store.add_run(run)
        finished = self.store.finished_keys()
        items = (item for item in plan_items(self.config) if item.key not in finished)
        progress = Progress(summary.pending, self.show_progress)
        started = time.perf_counter()
        concurrency = self.config.runner.concurrency
        limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
        try:
            async with httpx.AsyncClient(limits=limits, timeout=self.config.runner.timeout) as http:
                workers = [asyncio.create_task(self._work(items, http, run.run_id, progress))
                           for _ in range(concurrency)]
                await asyncio.gather(*workers)
        finally:
            progress.close()
            summary.elapsed_s = time.perf_counter() - started
            summary.requests, summary.tokens = self.budget.requests, self.budget.tokens
        return summary

    async def _work(self, items: Iterator[Item], http: httpx.AsyncClient, run_id: str,
                    progress: Progress) -> None:
        summary = self.summary
        for item in items:
            if summary.stopped:
                return
            exchange = await ask_with_retries(self.clients[item.model.label], http, item.prompt,
                                              self.config.runner.timeout, self.policy,
                                              self.budget.take_request, self._rng)
            if exchange.out_of_budget:
                summary.stopped = summary.stopped or self.budget.exhausted
                return
            if exchange.fatal:
                # Not recorded: the item was never really asked, and the next run must ask it.
                summary.stopped, summary.fatal = f"model {item.model.label!r}: {exchange.error}", True
                return
            if exchange.reply is not None:
                self.budget.spend_tokens(exchange.reply.prompt_tokens, exchange.reply.completion_tokens)
            record = make_record(item, exchange, run_id)
            self.store.add_record(record)
            summary.recorded += 1
            summary.outcomes[record.outcome] += 1
            progress.advance(record.outcome)
            self._errors_in_a_row = self._errors_in_a_row + 1 if record.outcome == "error" else 0
            if self._errors_in_a_row >= self.max_errors_in_a_row and not summary.stopped:
                summary.stopped = (f"{self._errors_in_a_row} items in a row failed, the last with: "
                                   f"{exchange.error}")
                summary.fatal = True
