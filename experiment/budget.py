"""A spending limit on requests and tokens that stops a run cleanly instead of mid-item."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Budget:
    """``max_requests`` counts every HTTP request, retries included; ``max_tokens`` counts prompt and
    completion tokens as the provider reports them. Requests already sent when the limit is reached are
    allowed to finish and are recorded."""

    max_requests: int | None = None
    max_tokens: int | None = None
    requests: int = 0
    tokens: int = 0

    @property
    def exhausted(self) -> str | None:
        """Why no further request may be sent, or None."""
        if self.max_requests is not None and self.requests >= self.max_requests:
            return f"request budget of {self.max_requests} reached"
        if self.max_tokens is not None and self.tokens >= self.max_tokens:
            return f"token budget of {self.max_tokens} reached"
        return None

    def take_request(self) -> bool:
        if self.exhausted:
            return False
        self.requests += 1
        return True

    def spend_tokens(self, prompt_tokens: int | None, completion_tokens: int | None) -> None:
        self.tokens += (prompt_tokens or 0) + (completion_tokens or 0)
