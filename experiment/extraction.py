"""Finding the model's final answer in what it wrote.

Rules, in order: the last ``Final Answer:`` line (or the line after a bare ``Final Answer`` heading), the last
``\\boxed{}``, the last "the answer is ..." phrase, an equation ``a x b = ...`` closing the reply, a reply
that is nothing but a number, and a closing statement of what the multiplication gives (``Twelve times
twelve is 144.``). Numbers are normalised from the ways models write them: thousands grouped with
commas, spaces, thin or no-break spaces, apostrophes, LaTeX ``\\,`` and ``{,}``, Markdown bold, ``$...$``,
``\\text{}``. Anything else is left unparsed rather than guessed: a guess would be graded as the model's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import partial

_FINAL_ANSWER = re.compile(r"final\s+answer\s*(?:is\s*)?[:：]?", re.IGNORECASE)
_BOXED = re.compile(r"\\boxed\s*\{")
_PHRASE = re.compile(
    r"(?:answer|product|result)\s*(?:is|=|:)\s*(?:equal\s+to\s+)?", re.IGNORECASE
)
_SAID_EQUALS = re.compile(r"\s+(?:is\s+equal\s+to|equals|is)(?=\s|:|$)", re.IGNORECASE)
_LATEX_WRAPPER = re.compile(r"\\(?:text|mathbf|mathrm|textbf|mathit|operatorname)\s*\{([^{}]*)\}")
_LATEX_SPACE = re.compile(r"\\[,!;: ]|\\quad|\\qquad|~")
_GROUP_SEPARATORS = ",'\u00a0\u2009\u202f\u2007 "
# A number as written, dress included (1,234 / 1\\,234 / 56{,}088 / 56088.0): where a found value stands.
_WRITTEN_NUMBER = re.compile(r"-?\d(?:\d|\{,\}|\\,|[,.'\u00a0\u2009\u202f\u2007 ](?=\d))*")
_NUMBER = re.compile(
    r"-?\d{1,3}(?:\.\d{3}){2,}(?![\d.])"  # 1.234.567 (dots as thousands separators)
    r"|-?\d{1,3}(?:[,'\u00a0\u2009\u202f\u2007 ]\d{3})+(?![\d])"  # 1,234,567 / 1 234 567 / 1'234'567
    r"|-?\d+(?:\.\d+)?"
)

_DOTTED = re.compile(r"-?\d{1,3}(?:\.\d{3}){2,}")  # 1.234.567: the dots separate thousands
# A bare number, maybe grouped in threes with commas: what `parse_number` reads most often (an answer line,
# a number as written), and what its rules read as the digits without the commas.
_PLAIN_NUMBER = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+")


@dataclass(frozen=True, slots=True)
class Extraction:
    """What was found: the integer (None when the text holds no integer), the text it came from, the rule
    that found it, and whether the answer line was finished (a newline followed it), which tells a complete
    answer from one cut by the token limit. ``start``/``end``: where the number stands in the text that was
    searched (character offsets, end exclusive), None when no value was found."""

    value: int | None
    text: str | None
    rule: str | None
    line_complete: bool = False
    start: int | None = None
    end: int | None = None


NOTHING = Extraction(value=None, text=None, rule=None)


def clean_math(text: str) -> str:
    """Remove the Markdown and LaTeX dress around numbers, keeping the characters of the numbers."""
    if not _may_be_dressed(text):
        return text  # the common case (an answer line, a number as written): nothing below would change it
    text = text.replace("{,}", ",").replace("\u2212", "-")
    text = _LATEX_SPACE.sub("", text)
    previous = None
    while previous != text:
        previous = text
        text = _LATEX_WRAPPER.sub(r"\1", text)
        text = _unbox(text)
    for mark in ("$", "**", "__", "\\(", "\\)", "\\[", "\\]", "`"):
        text = text.replace(mark, "")
    return text


def _may_be_dressed(text: str) -> bool:
    """Whether `clean_math` could change the text: every dress it removes holds one of these characters
    ("{,}", the minus sign, a LaTeX command or space, "~", "$", "**", "__", "`")."""
    return ("\\" in text or "$" in text or "*" in text or "_" in text or "`" in text or "~" in text
            or "{" in text or "\u2212" in text)


def _unbox(text: str) -> str:
    match = _BOXED.search(text)
    if not match:
        return text
    inner, end = _braced(text, match.end())
    return text[: match.start()] + inner + text[end:]


def _braced(text: str, start: int) -> tuple[str, int]:
    """The content of a brace group opened just before ``start``, and the index after its closing brace."""
    depth = 1
    for index in range(start, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return text[start:index], index + 1
    return text[start:], len(text)


def parse_number(text: str) -> int | None:
    """The first number in ``text`` as an integer; None if there is none or it is not a whole number."""
    if _PLAIN_NUMBER.fullmatch(text):
        return int(text.replace(",", ""))  # the common case, read as the rules below read it
    cleaned = clean_math(text)
    if "=" in cleaned:
        cleaned = cleaned.rsplit("=", 1)[1]
    match = _NUMBER.search(cleaned)
    if not match:
        return None
    token = match.group(0)
    if _DOTTED.fullmatch(token):
        token = token.replace(".", "")
    for separator in _GROUP_SEPARATORS:
        token = token.replace(separator, "")
    try:
        number = Decimal(token)
    except InvalidOperation:
        return None
    if number != number.to_integral_value():
        return None
    return int(number)


def _span(text: str, start: int, end: int, value: int) -> tuple[int, int]:
    """Where ``value`` is written in ``text[start:end]``: the first written number that reads as it, after
    the segment's last "=" when there is one (parse_number reads from there), else anywhere in it."""
    segment = text[start:end]
    equals = segment.rfind("=") + 1
    for skip in (equals, 0):
        for match in _WRITTEN_NUMBER.finditer(segment, skip):
            if parse_number(match.group(0)) == value:
                return start + match.start(), start + match.end()
    return start, end


def _found(text: str, rule: str, start: int, end: int, value: int, complete: bool) -> Extraction:
    """The extraction of ``value``, read from ``text[start:end]`` by ``rule``."""
    where = _span(text, start, end, value)
    return Extraction(value=value, text=text[start:end].strip(), rule=rule, line_complete=complete,
                      start=where[0], end=where[1])


def _final_answer(text: str) -> Extraction | None:
    matches = list(_FINAL_ANSWER.finditer(text))
    for match in reversed(matches):
        line_end = text.find("\n", match.end())
        start, end = match.end(), line_end if line_end != -1 else len(text)
        complete = line_end != -1
        if not clean_math(text[start:end]).strip(" \t*#:"):
            # "### Final Answer" as a heading: the answer is on the next non-empty line.
            start = end
            while start < len(text) and text[start] == "\n":
                start += 1
            next_end = text.find("\n", start) if line_end != -1 else -1
            end = next_end if next_end != -1 else len(text)
            start = min(start, end)
            complete = next_end != -1
        value = parse_number(text[start:end])
        if value is not None:
            return _found(text, "final_answer", start, end, value, complete)
    if matches:
        return Extraction(value=None, text=text[matches[-1].end() :].strip()[:200], rule="final_answer")
    return None


def _boxed(text: str) -> Extraction | None:
    matches = list(_BOXED.finditer(text))
    for match in reversed(matches):
        inner, _ = _braced(text, match.end())
        value = parse_number(inner)
        if value is not None:
            return _found(text, "boxed", match.end(), match.end() + len(inner), value, True)
    return None


def _phrase(text: str) -> Extraction | None:
    for match in reversed(list(_PHRASE.finditer(text))):
        line_end = text.find("\n", match.end())
        end = line_end if line_end != -1 else len(text)
        value = parse_number(text[match.end() : end])
        if value is not None:
            return _found(text, "phrase", match.end(), end, value, line_end != -1)
    return None


def _closing_equation(text: str, operands: tuple[int, int] | None) -> Extraction | None:
    """``a x b = 56,088`` on the last non-empty line: how many replies without a label end. The equation
    may be said in words (``123 times 456 is 56088.``, ``The product of 123 and 456 equals 56,088``) or
    broken after its verb or a colon (``... 123 and 456 is`` then ``56088`` on the last line). Only when
    the left side names both operands, so that an intermediate step is never taken for the answer."""
    lines = [line for line in text.strip().splitlines() if line.strip()]
    if operands is None or not lines:
        return None
    last = _SAID_EQUALS.sub(" = ", clean_math(lines[-1]))
    if "=" not in last and len(lines) >= 2 and _bare_number(lines[-1]) is not None:
        head = _SAID_EQUALS.sub(" = ", clean_math(lines[-2]).rstrip() + " ")
        if head.rstrip().endswith(("=", ":")):
            last = head.rstrip().rstrip(":=") + " = " + clean_math(lines[-1])
    if "=" not in last:
        return None
    left, rest = last.rsplit("=", 1)
    digits_left = re.sub(r"[,'\u00a0\u2009\u202f\u2007 ]", "", left)
    if not _names_all(digits_left, operands):
        return None
    value = parse_number(rest)
    if value is None:
        return None
    line_start = text.rindex(lines[-1])
    line_end = line_start + len(lines[-1])
    # the value stands after the last "=" or "is"/"equals" of the last line, or is the whole last line
    said = [m.end() for m in _SAID_EQUALS.finditer(text, line_start, line_end)]
    equals = max([text.rfind("=", line_start, line_end) + 1, *said]) or line_start
    found = _found(text, "closing_equation", max(equals, line_start), line_end, value, text.endswith("\n"))
    return replace(found, text=rest.strip())


_DIGIT_RUN = re.compile(r"\d+")


def _names_all(text: str, operands: tuple[int, int]) -> bool:
    r"""Every operand stands in `text` as a whole number, not inside a longer run of digits: a search for
    `(?<!\d)N(?!\d)` per operand, read off the runs of digits once. That pattern is new for every problem,
    so the `re` module would compile two patterns per reply (its cache holds 512 and each reply of a run
    is read once). (A negative operand, never a problem's, is searched for with that pattern.)"""
    runs = set(_DIGIT_RUN.findall(text))
    return all(str(x) in runs if x >= 0 else re.search(rf"(?<!\d){x}(?!\d)", text) is not None
               for x in operands)


_STATEMENT_VERB = re.compile(r"(?:\bis\s+equal\s+to|\bequals|\bis|=|:)$", re.IGNORECASE)
_MULTIPLICATION_WORD = re.compile(r"\b(?:times|multiplied|multiplying|multiplication|product|result|answer)\b"
                                  r"|[×*·]|(?<![a-z])x(?![a-z])", re.IGNORECASE)
_NUMBER_DRESS = " \t\n*$`"


def _closing_statement(text: str, operands: tuple[int, int] | None) -> Extraction | None:
    """The reply's last number, when the sentence that holds it says what the multiplication gives:
    ``Twelve times twelve is 144.``, ``The result of the multiplication is 97573069552.``, ``Here is the
    result:`` then the number on its own line, followed by nothing but words (``I hope that helps!``).
    The sentence must speak of multiplying (times, multiplied, product, result, answer, x, ×) and the number
    must come straight after its verb, and any number the sentence names before it must be an operand
    (``123 x 50 = 6150`` is a step, not the answer), so that a number merely mentioned last is never taken
    for the answer."""
    numbers = list(_WRITTEN_NUMBER.finditer(text))
    if not numbers:
        return None
    last = numbers[-1]
    value = parse_number(last.group(0))
    rest = text[last.end():].lstrip("*$` \t")
    if value is None or (rest and rest[0] not in ".!\n"):  # "..., which is even": the sentence goes on
        return None
    lead = text[:last.start()].rstrip(_NUMBER_DRESS)
    verb = _STATEMENT_VERB.search(lead)
    if verb is None:
        return None
    sentence = re.split(r"(?<=[.!?])\s+|\n", lead[:verb.start()].rstrip())[-1]
    if not _MULTIPLICATION_WORD.search(sentence):
        return None
    named = {parse_number(m.group(0)) for m in _WRITTEN_NUMBER.finditer(sentence)}
    if named - set(operands or ()):
        return None
    complete = "\n" in text[last.end():] or bool(text[last.end():].strip())
    return Extraction(value=value, text=text[last.start():last.end()], rule="closing_statement",
                      line_complete=complete, start=last.start(), end=last.end())


def _bare_number(text: str) -> Extraction | None:
    stripped = clean_math(text).strip().rstrip(".")
    if stripped and _NUMBER.fullmatch(stripped):
        value = parse_number(stripped)
        if value is not None:
            return _found(text, "bare_number", 0, len(text), value, True)
    return None


def extract_answer(text: str, operands: tuple[int, int] | None = None, marked_only: bool = False) -> Extraction:
    """The model's final answer in ``text`` by the first rule that finds a number; ``operands`` (a, b)
    enable the closing-equation rule and let a closing statement name them. With ``marked_only``, only the
    rules that need the model to mark its answer (``Final Answer:``, ``\\boxed{}``, "the answer is") are
    tried: what the analyzer asks of a reasoning, where an unmarked number is no answer."""
    labelled = _final_answer(text)
    if labelled is not None and labelled.value is not None:
        return labelled
    # Each rule runs only when the rules before it found nothing: the later ones read the whole reply.
    rules: list[Callable[[str], Extraction | None]] = [_boxed, _phrase]
    if not marked_only:
        rules += [partial(_closing_equation, operands=operands), _bare_number,
                  partial(_closing_statement, operands=operands)]
    for rule in rules:
        found = rule(text)
        if found is not None:
            return found
    return labelled or NOTHING
