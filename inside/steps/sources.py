"""Where the next-digit probabilities come from: the recording first (the same answer on every deployment), then
the operator's live completion server, the one /stones asks (`STONES_SERVER_*`; `stones.server` bounds each
request's time and the requests in flight for every session of the process).

A live answer is bounded as a whole too: at most `MAX_LIVE_REQUESTS` requests and `LIVE_BUDGET` seconds, so a
slow server gives the reader a message, not a page that waits for minutes.
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict

from inside.steps.answers import StepsAnswer, answer
from inside.steps.digits import Ask, NextDigit, next_digit
from inside.steps.recorded import StepsRecording
from inside.steps.working import CONTEXTS, Problem, context_text
from stones import server
from stones.distribution import MAX_CANDIDATES

MAX_LIVE_REQUESTS = 400  # a 5 x 5 problem asks about 250 in its four contexts
LIVE_BUDGET = 90.0  # seconds for one problem's four contexts
LIVE_CACHE = 4096  # next-digit answers kept, shared by every session


class NotAvailable(Exception):
    """No answer for this problem: not recorded, and no live server could give one. One line, for the page."""


class _Budget:
    def __init__(self, requests: int, seconds: float):
        self.left, self.deadline = requests, time.monotonic() + seconds
        self.lock = threading.Lock()

    def spend(self) -> None:
        with self.lock:
            self.left -= 1
            if self.left < 0:
                raise NotAvailable(f"the problem needs more than {MAX_LIVE_REQUESTS} requests to the model server")
        if time.monotonic() > self.deadline:
            raise NotAvailable(f"the model server took longer than {LIVE_BUDGET:g} s for this problem")


class StepsSources:
    def __init__(self, recording: StepsRecording | None, config: server.ServerConfig | None):
        self.recording = recording
        self.config = config
        self._cache: OrderedDict[str, NextDigit] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def live(self) -> bool:
        return self.config is not None

    def is_recorded(self, problem: Problem) -> bool:
        return self.recording is not None and all(self.recording.has(context_text(problem, c)) for c in CONTEXTS)

    def answer(self, problem: Problem) -> StepsAnswer:
        """The problem in its four contexts; NotAvailable with the reason when there is no answer."""
        if self.is_recorded(problem):
            return answer(problem, self._recorded, "recorded", beam=self.recording.beam_of(problem))
        if self.config is None:
            raise NotAvailable("this problem is not among the recorded ones, and no live model server is set up")
        budget = _Budget(MAX_LIVE_REQUESTS, LIVE_BUDGET)
        return answer(problem, lambda text: self._live(text, budget), "live", workers=self.config.slots)

    def ask_in(self, text: str) -> Ask:
        """What comes next after `text` and some digits: recorded when the text is, else live, within a budget."""
        if self.recording is not None and self.recording.has(text):
            return self._recorded(text)
        if self.config is None:
            raise NotAvailable("this context is not recorded, and no live model server is set up")
        return self._live(text, _Budget(MAX_LIVE_REQUESTS, LIVE_BUDGET))

    def _recorded(self, text: str) -> Ask:
        def ask(digits: str) -> NextDigit:
            found = self.recording.get(text, digits)
            if found is None:
                raise NotAvailable("the recording lacks a question this page asks; re-record it "
                                   "(scripts/record_steps.sh)")
            return found

        return ask

    def _live(self, text: str, budget: _Budget) -> Ask:
        def ask(digits: str) -> NextDigit:
            key = text + digits
            with self._lock:
                if key in self._cache:
                    self._cache.move_to_end(key)
                    return self._cache[key]
            budget.spend()
            try:
                tokens = server.next_tokens(self.config, key, MAX_CANDIDATES)
            except server.ServerUnavailable as error:
                raise NotAvailable(f"the live model is unavailable: {error}") from None
            found = next_digit((c.token, c.probability) for c in tokens.candidates)
            with self._lock:
                self._cache[key] = found
                while len(self._cache) > LIVE_CACHE:
                    self._cache.popitem(last=False)
            return found

        return ask
