"""The finish reason of a reply whose source recorded none: inferred, and said to be inferred.

Evidence in order of strength. 1) Output tokens (completion plus reasoning) against the token limit: at or
above it, the reply was cut (``length``); below it, it was not (``stop``). 2) Only a total (prompt plus
output, as promptfoo keeps for cached replies): below the limit, not cut; at or above it, the prompt's
share is unknown, so the text decides. 3) The text: prose that stops mid-sentence or mid-number (no
closing punctuation, or a dangling ``=``, ``+`` or comma) was cut, unless its last line states an answer
(``Final Answer: 144``). A short one-line reply is never judged by its text alone, since a bare ``144`` is
a finished answer. Each inference returns the sentence stored in
``finish_reason_inferred``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CLOSING = set(".!?)]}\"'`*_|>»”’…")
_DANGLING = re.compile(r"(?:[=+\-×*,:(]|(?<![a-z])x|\b(?:and|the|a|to|of|by|is|then|so|with|gives|plus|times))\s*$",
                       re.IGNORECASE)
_ANSWER_LINE = re.compile(r"(?:final\s+answer|answer|result|product|boxed)\b.*\d\W*$", re.IGNORECASE)
SHORT_REPLY_CHARS = 100


@dataclass(frozen=True, slots=True)
class Finish:
    reason: str | None
    inferred: str | None  # None when the provider recorded the reason


def stops_mid_sentence(text: str) -> bool:
    """True for prose that ends without closing punctuation or on a dangling operator or word."""
    stripped = text.strip()
    if not stripped or ("\n" not in stripped and len(stripped) < SHORT_REPLY_CHARS):
        return False
    stripped = stripped.rstrip("*_` ")  # Markdown emphasis closing the last line
    if not stripped:
        return False
    if _ANSWER_LINE.search(stripped.splitlines()[-1]):
        return False  # "Final Answer: 144", "the product is 56,088": an answer, however it ends
    if _DANGLING.search(stripped):
        return True
    return stripped[-1] not in _CLOSING and not stripped.endswith("$$")


def infer_finish(recorded: str | None, *, limit: int | None, limit_source: str, output_tokens: int | None,
                 total_tokens: int | None, text: str) -> Finish:
    """The recorded reason if any; otherwise the inference, with the sentence that says how it was made."""
    if recorded:
        return Finish(recorded, None)
    limit_text = f"the limit of {limit:,} ({limit_source})" if limit else ""
    cut_text = stops_mid_sentence(text)
    ending = "the output stops mid-sentence" if cut_text else "the output ends like a finished reply"
    if limit and output_tokens is not None:
        if output_tokens >= limit:
            return Finish("length", f"no finish reason recorded: {output_tokens:,} output tokens reached {limit_text}")
        return Finish("stop", f"no finish reason recorded: {output_tokens:,} output tokens, below {limit_text}")
    if limit and total_tokens is not None:
        if total_tokens < limit:
            return Finish("stop", f"no finish reason recorded: {total_tokens:,} tokens in all (prompt and "
                                  f"output), below {limit_text}")
        return Finish("length" if cut_text else "stop",
                      f"no finish reason recorded: {total_tokens:,} tokens in all (prompt and output, no split "
                      f"recorded) reach {limit_text}, and {ending}")
    what = "no token limit known" if not limit else "no token counts recorded"
    if cut_text:
        return Finish("length", f"no finish reason recorded, {what}: {ending}")
    return Finish("stop", f"no finish reason recorded, {what}: {ending}")
