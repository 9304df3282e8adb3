"""Splitting a recorded output into the working (reasoning) and the answer, wherever the provider put them.

In order: ``<think>`` tags in the text (``split_think_tags``); a separate reasoning field; and the case the
token counts prove, where a tool wrote the model's reasoning into the output and dropped its answer (the
provider reported, say, 226 reasoning tokens and 2 answer tokens, and the output is 968 characters: it
cannot be the 2-token answer). Otherwise the whole output is the answer. With no reasoning text,
visibility is ``hidden`` when reasoning happened out of sight: reasoning tokens were reported, or a
documented reasoning model (``experiment.reasoning_models``) gave a short reply (OpenAI's o-series). A
reasoning model whose long output is its working, with no tags and no token split (DeepSeek-R1 through
promptfoo), keeps it as the answer with visibility ``none``: nothing says where the working ends.
"""

from __future__ import annotations

from dataclasses import dataclass

from experiment.clients.reasoning import split_think_tags
from experiment.reasoning_models import is_reasoning_model

MAX_CHARS_PER_TOKEN = 10  # a generous bound: English text averages about 4 characters per token
SHORT_REPLY_CHARS = 300


def _short_reply(output: str) -> bool:
    """A reply too short to hold a reasoning model's working: its reasoning happened out of sight."""
    return len(output.strip()) < SHORT_REPLY_CHARS


@dataclass(frozen=True, slots=True)
class Split:
    answer: str
    reasoning: str
    visibility: str
    source: str | None
    reasoning_in_output: bool = False  # the output is the reasoning; the answer is not in the export
    answer_missing: bool = False  # ... and the provider reported answer tokens that the export lacks


def split_reply(output: str, *, model: str, reasoning_field: str | None = None,
                reasoning_tokens: int | None = None, answer_tokens: int | None = None) -> Split:
    """``answer_tokens`` are output tokens *besides* reasoning, when the provider counted them apart."""
    tagged = split_think_tags(output)
    if tagged is not None:
        return Split(answer=tagged[1], reasoning=tagged[0], visibility="full", source="think_tags")
    if reasoning_field and reasoning_field.strip():
        return Split(answer=output, reasoning=reasoning_field.strip(), visibility="full", source="reasoning")
    if (reasoning_tokens and answer_tokens is not None and output.strip()
            and len(output) > MAX_CHARS_PER_TOKEN * max(answer_tokens, 1)):
        return Split(answer="", reasoning=output.strip(), visibility="full", source="output",
                     reasoning_in_output=True, answer_missing=answer_tokens > 0)
    if reasoning_tokens:
        return Split(answer=output, reasoning="", visibility="hidden", source="usage")
    if is_reasoning_model(model) and _short_reply(output):
        return Split(answer=output, reasoning="", visibility="hidden", source=None)
    return Split(answer=output, reasoning="", visibility="none", source=None)
