"""OpenAI-compatible Chat Completions: OpenAI, DeepSeek, OpenRouter, vLLM, llama.cpp's server, Ollama's /v1.

They agree on ``choices[0].message.content`` and disagree on where reasoning goes: DeepSeek, vLLM and
llama.cpp use ``reasoning_content``; OpenRouter and Ollama ``reasoning`` and/or ``reasoning_details``
(text, summary or encrypted pieces); many open models leave ``<think>`` tags in the content; OpenAI's own
reasoning models show only ``usage.completion_tokens_details.reasoning_tokens``.
"""

from __future__ import annotations

from experiment.clients.base import Client, Reply, token_count
from experiment.clients.reasoning import split_think_tags
from experiment.prompts import Prompt


def text_of(content: object) -> str:
    """Message content as text; some servers send a list of typed parts instead of a string."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(part.get("text") or "" for part in content if isinstance(part, dict))
    raise TypeError(f"message content of type {type(content).__name__}")


def reasoning_from_details(details: list) -> tuple[str, str | None]:
    """(text, visibility) from OpenRouter's ``reasoning_details`` pieces."""
    texts = [d.get("text") or "" for d in details if d.get("type") == "reasoning.text"]
    summaries = [d.get("summary") or "" for d in details if d.get("type") == "reasoning.summary"]
    encrypted = any(d.get("type") == "reasoning.encrypted" for d in details)
    if any(texts):
        return "".join(texts), "full"
    if any(summaries):
        return "\n".join(summaries), "summary"
    return "", "hidden" if encrypted else None


def openai_usage(data: dict) -> tuple[int | None, int | None, int | None]:
    usage = data.get("usage") or {}
    details = usage.get("completion_tokens_details") or {}
    return (token_count(usage, "prompt_tokens"), token_count(usage, "completion_tokens"),
            token_count(details, "reasoning_tokens"))


class OpenAIChatClient(Client):
    path = "/chat/completions"

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._api_key}"} if self._api_key else {}

    def body(self, prompt: Prompt) -> dict:
        return {"model": self.model, "messages": [{"role": "user", "content": prompt.text}], **self.params}

    def parse(self, data: dict, prompt: Prompt) -> Reply:
        choice = data["choices"][0]
        message = choice.get("message") or {}
        content = text_of(message.get("content"))
        prompt_tokens, completion_tokens, reasoning_tokens = openai_usage(data)
        reasoning, visibility, source = "", None, None
        for field in ("reasoning_content", "reasoning"):
            value = message.get(field)
            if isinstance(value, str) and value:
                reasoning, visibility, source = value, "full", field
                break
        if not reasoning and isinstance(message.get("reasoning_details"), list):
            reasoning, visibility = reasoning_from_details(message["reasoning_details"])
            source = "reasoning_details" if visibility else None
        if not reasoning:
            split = split_think_tags(content)
            if split is not None:
                reasoning, content = split
                visibility, source = "full", "think_tags"
        if not reasoning and not visibility and reasoning_tokens:
            visibility, source = "hidden", "usage"
        return Reply(
            answer=content,
            reasoning=reasoning,
            reasoning_visibility=visibility or "none",
            reasoning_source=source,
            finish_reason=choice.get("finish_reason"),
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            reasoning_tokens=reasoning_tokens,
            refused=bool(message.get("refusal")),
            raw="",
            http_status=0,
        )
