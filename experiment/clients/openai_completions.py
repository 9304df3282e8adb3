"""OpenAI-compatible Completions, for base models that continue text instead of following instructions.

A base model given the few-shot prompt writes its working and then a ``Final Answer:`` line, all in one
text. The working is kept as the reasoning (source ``completion``) and the answer starts at the last final
answer line, so the trace analyzer reads the steps the same way for every kind of model.
"""

from __future__ import annotations

import re

from experiment.clients.base import Client, Reply
from experiment.clients.openai_chat import openai_usage
from experiment.clients.reasoning import split_think_tags
from experiment.prompts import Prompt

_FINAL_LINE = re.compile(r"^[^\n]*final\s+answer", re.IGNORECASE | re.MULTILINE)


def split_working(text: str) -> tuple[str, str]:
    """(working, answer): the answer is the last line that names the final answer, and what follows."""
    lines = list(_FINAL_LINE.finditer(text))
    if not lines:
        return text, ""
    start = lines[-1].start()
    return text[:start], text[start:]


class OpenAICompletionsClient(Client):
    path = "/completions"

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._api_key}"} if self._api_key else {}

    def body(self, prompt: Prompt) -> dict:
        return {"model": self.model, "prompt": prompt.text, **self.params}

    def parse(self, data: dict, prompt: Prompt) -> Reply:
        choice = data["choices"][0]
        text = choice["text"]
        if not isinstance(text, str):
            raise TypeError("choices[0].text is not a string")
        prompt_tokens, completion_tokens, reasoning_tokens = openai_usage(data)
        split = split_think_tags(text)
        if split is not None:
            reasoning, answer = split
            visibility, source = "full", "think_tags"
        elif prompt.continues_working:
            reasoning, answer = split_working(text)
            visibility, source = ("full", "completion") if reasoning.strip() else ("none", None)
        else:
            reasoning, answer, visibility, source = "", text, "none", None
        return Reply(
            answer=answer,
            reasoning=reasoning,
            reasoning_visibility=visibility,
            reasoning_source=source,
            finish_reason=choice.get("finish_reason"),
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            reasoning_tokens=reasoning_tokens,
            refused=False,
            raw="",
            http_status=0,
        )
