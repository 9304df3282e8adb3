"""Reasoning that arrives inside the visible text, as ``<think>...</think>``.

Some servers strip the opening tag (it is part of the chat template's prompt), leaving only ``</think>``:
everything before it is then reasoning. An opening tag without a closing one means the model was still
thinking when it stopped, so all of it is reasoning and there is no answer yet.
"""

from __future__ import annotations

import re

_OPEN = re.compile(r"<(think|thinking|reasoning)>", re.IGNORECASE)
_CLOSE = re.compile(r"</(think|thinking|reasoning)>", re.IGNORECASE)


def split_think_tags(content: str) -> tuple[str, str] | None:
    """(reasoning, answer) when ``content`` carries think tags, else None."""
    closes = list(_CLOSE.finditer(content))
    if closes:
        last_close = closes[-1]
        head = content[: last_close.start()]
        opening = _OPEN.search(head)
        reasoning = head[opening.end():] if opening else head
        reasoning = _CLOSE.sub("", _OPEN.sub("", reasoning))
        return reasoning.strip(), content[last_close.end():].strip()
    opening = _OPEN.search(content)
    if opening:
        return content[opening.end():].strip(), ""
    return None
