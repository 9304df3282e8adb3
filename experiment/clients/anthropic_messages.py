"""Anthropic Messages with extended thinking.

Reasoning comes as ``thinking`` blocks before the ``text`` blocks. Claude 3.7 Sonnet returns its full
thinking; Claude 4 and later return a summary of it, so those are labelled ``summary``. ``redacted_thinking``
blocks (and thinking blocks with no text) are reasoning that happened but is not shown: ``hidden``.
"""

from __future__ import annotations

from experiment.clients.base import Client, Reply, token_count
from experiment.prompts import Prompt

API_VERSION = "2023-06-01"
DEFAULT_MAX_TOKENS = 4096
FULL_THINKING_MODELS = ("claude-3-7",)


def thinking_visibility(model: str, has_text: bool, has_hidden: bool) -> str:
    if has_text:
        return "full" if model.startswith(FULL_THINKING_MODELS) else "summary"
    return "hidden" if has_hidden else "none"


class AnthropicMessagesClient(Client):
    path = "/messages"

    def headers(self) -> dict[str, str]:
        headers = {"anthropic-version": API_VERSION}
        if self._api_key:
            headers["x-api-key"] = self._api_key
        return headers

    def body(self, prompt: Prompt) -> dict:
        body = {"model": self.model, "max_tokens": DEFAULT_MAX_TOKENS,
                "messages": [{"role": "user", "content": prompt.text}]}
        body.update(self.params)
        return body

    def parse(self, data: dict, prompt: Prompt) -> Reply:
        blocks = data["content"]
        thinking = [b.get("thinking") or "" for b in blocks if b["type"] == "thinking"]
        hidden = any(b["type"] == "redacted_thinking" for b in blocks) or (bool(thinking) and not any(thinking))
        text = "".join(b.get("text") or "" for b in blocks if b["type"] == "text")
        reasoning = "\n\n".join(t for t in thinking if t)
        usage = data.get("usage") or {}
        visibility = thinking_visibility(self.model, bool(reasoning), hidden)
        return Reply(
            answer=text,
            reasoning=reasoning,
            reasoning_visibility=visibility,
            reasoning_source="thinking_blocks" if visibility != "none" else None,
            finish_reason=data.get("stop_reason"),
            prompt_tokens=token_count(usage, "input_tokens"),
            completion_tokens=token_count(usage, "output_tokens"),
            reasoning_tokens=None,
            refused=data.get("stop_reason") == "refusal",
            raw="",
            http_status=0,
        )
