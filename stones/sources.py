"""Where a distribution comes from: the recorded examples first (the same answer on every deployment), then
the live server when one is configured, its answers kept in a small shared cache.
"""
from __future__ import annotations

import threading
from collections import OrderedDict

from stones import server
from stones.distribution import NextTokens
from stones.recorded import Recording

LIVE_CACHE = 512


class NotAvailable(Exception):
    """No distribution for this text: not recorded, and no live server could give one. One line, for the page."""


class Sources:
    def __init__(self, recording: Recording | None, config: server.ServerConfig | None):
        self.recording = recording
        self.config = config
        self._cache: OrderedDict[str, NextTokens] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def live(self) -> bool:
        return self.config is not None

    def next_tokens(self, text: str) -> NextTokens:
        """The distribution after `text`; NotAvailable with the reason when there is none."""
        found = self.recording.get(text) if self.recording else None
        if found is not None:
            return found
        with self._lock:
            if text in self._cache:
                self._cache.move_to_end(text)
                return self._cache[text]
        if self.config is None:
            raise NotAvailable("this text is not among the recorded examples, and no live model server is set up")
        try:
            answer = server.next_tokens(self.config, text)
        except server.ServerUnavailable as error:
            raise NotAvailable(f"the live model is unavailable: {error}") from None
        with self._lock:
            self._cache[text] = answer
            while len(self._cache) > LIVE_CACHE:
                self._cache.popitem(last=False)
        return answer

    def landing_tokens(self, next_tokens: NextTokens) -> set[str] | None:
        """The tokens a stone may land on after this text: all (None) when a live server can continue any,
        else only those whose continuation is recorded."""
        if self.live or next_tokens.source == "live" or self.recording is None:
            return None
        return self.recording.continued(next_tokens.text)
