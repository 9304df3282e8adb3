"""analyze_trace: one trace in, one TraceAnalysis out."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, replace
from typing import Any

from experiment.analysis.answer import locate_answer
from experiment.analysis.check import Checker, Step
from experiment.analysis.claims import Claim, number_spans, parse_claims
from experiment.analysis.expr import Num, Product, Sum, evaluate
from experiment.analysis.kinds import Category, Label, Source, StepKind
from experiment.analysis.notation import Plain, plain_text
from experiment.analysis.result import FirstWrong, LocatedStep, TraceVerdict
from experiment.analysis.tokens import Token, parser_stream, tokenize
from experiment.analysis.verdict import ALGORITHM_KINDS, as_int, decide

ANALYZER_VERSION = "1.2.6"

# Reasoning and answer are parsed as one text, so that work written in the visible answer (models
# without a separate reasoning channel, base models) counts too; spans are reported per field.
_JOIN = "\n\n"


@dataclass(slots=True)
class TraceAnalysis:
    a: int
    b: int
    followed_algorithm: bool
    category: str
    answer: int | None
    trace_result: int | None
    first_wrong: Step | None
    steps: list[Step]
    reasoning: Plain
    answer_text: Plain

    @property
    def reasoning_length(self) -> int:
        return len(self.reasoning.text)

    def _located(self, step: Step, as_type: type[LocatedStep] = LocatedStep) -> LocatedStep:
        offset = self.reasoning_length + len(_JOIN)
        in_answer = step.start >= offset
        shift = offset if in_answer else 0
        plain = self.answer_text if in_answer else self.reasoning
        return as_type(index=step.index, kind=StepKind(step.kind), claimed=step.claimed, own=as_int(step.own),
                       true=step.true, label=Label(step.label), span=plain.span(step.start - shift, step.end - shift),
                       source=Source.ANSWER if in_answer else Source.REASONING, verification=step.verification)

    def verdict(self) -> TraceVerdict:
        """The typed result: what the command line prints, the store keeps and the page reads."""
        labels: dict[Label, int] = {}
        for step in self.steps:
            label = Label(step.label)
            labels[label] = labels.get(label, 0) + 1
        first = self._located(self.first_wrong, FirstWrong) if self.first_wrong is not None else None
        return TraceVerdict(
            analyzer_version=ANALYZER_VERSION,
            followed_algorithm=self.followed_algorithm,
            category=Category(self.category),
            answer=self.answer,
            answer_correct=self.answer == self.a * self.b if self.answer is not None else False,
            trace_result=self.trace_result,
            first_wrong=first,  # type: ignore[arg-type]
            labels=labels,
            steps=tuple(self._located(step) for step in self.steps),
        )

    def to_json(self) -> dict[str, Any]:
        """The JSON form documented in results/README.md ("Trace analysis format"): `verdict().to_dict()`."""
        return self.verdict().to_dict()


def _in_plain(found: tuple[int, int, int] | None, plain: Plain, shift: int) -> tuple[int, int, int] | None:
    """A (value, start, end) found in the reply, in the joined plain text's offsets."""
    if found is None:
        return None
    return found[0], plain.plain_offset(found[1]) + shift, plain.plain_offset(found[2]) + shift


def _locate(reasoning: Plain, answer: Plain, raw_reasoning: str, raw_answer: str, offset: int,
            answer_value: int | None, operands: tuple[int, int], cut: bool = False) -> tuple[int, int, int] | None:
    """(value, start, end) of the final answer in the joined plain text, read by the grader's rules from
    the reply as written. In a reply cut at the token limit (`cut`), only a marked answer counts: its last
    number is wherever the cut fell."""
    located = None
    if raw_answer.strip():
        located = _in_plain(locate_answer(raw_answer, marked_only=cut, operands=operands), answer, offset)
    if located is None:
        located = _in_plain(locate_answer(raw_reasoning, marked_only=True), reasoning, 0)
    if answer_value is None or (located is not None and located[0] == answer_value):
        return located
    # The grader read another number: trust its value, and point at its last occurrence.
    for text, shift in ((answer.text, offset), (reasoning.text, 0)):
        spans = [(s, e) for value, s, e in number_spans(text) if value == answer_value]
        if spans:
            return answer_value, spans[-1][0] + shift, spans[-1][1] + shift
    return answer_value, offset, offset + len(answer.text)


def _adds_up(claim: Claim) -> bool:
    """ "Sum: A + B + C = N" whose N is the final answer: the sum is the working's result and is checked as
    such (the answer then restates it); any other claim at the answer is the answer itself."""
    return (claim.kind == "equation" and isinstance(claim.expr, Sum) and len(claim.expr.terms) >= 2
            and not claim.decomposition)


def _states_product(claim: Claim, a: int, b: int) -> bool:
    """ "1234 x 5678 = 7006652", "the product is 7006652": a claim of the whole product."""
    if claim.kind in ("result", "sum"):
        return True
    expr = claim.expr
    return (claim.kind == "equation" and isinstance(expr, Product) and len(expr.factors) == 2
            and all(isinstance(f, Num) for f in expr.factors)
            and sorted(f.value for f in expr.factors) == sorted((a, b)))  # type: ignore[union-attr]


_OPERATOR_AFTER = re.compile(r"\s*(?:[x×*·⋅]|\\times|\\cdot|times\b|multiplied\b)")


# A reply cut inside a thousands group: "495,62" is read as 495 and a stray 62.
_BROKEN_GROUP = re.compile(r"(\d),(\d{1,2})$")

# What an expression is written with: digits, operators, brackets and the spaces between them. No word, no
# "=", no line break and no sentence mark: those end one.
_EXPRESSION_CHARS = frozenset("0123456789 \t+-−×*·⋅xX/()[]{}^")


@dataclass(frozen=True)
class _Cut:
    """Where a reply cut at the token limit stops, for the claims that reach it (a reply not cut: nowhere)."""

    number_end: int = -1  # the end of the number it stops in or right after ("= 1816599360 +"); -1: none
    expression_from: int = sys.maxsize  # where the expression it stops in begins (`_unfinished_from`)
    broken_group: re.Match[str] | None = None  # "= 495,62": the number read is "495", cut in its next group
    inside_number: bool = False  # cut inside the number's digits, not after them: it can only go on as digits

    @classmethod
    def of(cls, text: str) -> _Cut:
        written = text.rstrip().rstrip("+-−×*·=").rstrip()
        after_separator = written[-1:] == "," and written[-2:-1].isdigit()  # "= 247{,}286{,}"
        if after_separator:
            written = written[:-1]
        broken_group = _BROKEN_GROUP.search(written)
        if broken_group is not None:
            number_end = broken_group.end(1)
        else:
            number_end = len(written) if written[-1:].isdigit() else -1
        return cls(number_end, _unfinished_from(written), broken_group, broken_group is not None or after_separator)


def _unfinished_from(written: str) -> int:
    """Where the expression a cut reply ends in begins ("= 963 × 20088 = 963 × 20000 +": after the last "="): a
    claim that ends inside it was cut before its value was written in full, as a number ("= 495") or as the
    first terms of an expression ("= 420,007,850 x 80 + 420,007,850 x"). A comma is part of it only inside a
    number ("4,730"): "= 7, plus" ended the value."""
    i = len(written)
    while i > 0 and (written[i - 1] in _EXPRESSION_CHARS
                     or (written[i - 1] == "," and i < len(written) and written[i].isdigit())):
        i -= 1
    return i


_CLOSING_WORDS = frozenset(("so", "thus", "therefore", "hence", "is", "equals", "be", "yes"))


def _closing_number(text: str, offset: int) -> tuple[int, int, int] | None:
    """A reply whose last line is a bare number ("The final answer is:\n\n97408265472")."""
    tokens = tokenize(text[-400:])
    shift = offset + max(0, len(text) - 400)
    while tokens and tokens[-1].kind in ("sep", "para", "nl"):
        tokens.pop()
    if tokens and tokens[-1].kind == "num" and (
        len(tokens) == 1 or tokens[-2].kind in ("nl", "para", "rel", "colon") or tokens[-2].text in _CLOSING_WORDS
        or (len(tokens) >= 3 and tokens[-2].kind == "comma" and tokens[-3].text in _CLOSING_WORDS)
    ):
        last = tokens[-1]
        return last.value, last.start + shift, last.end + shift  # type: ignore[return-value]
    return None


def _stated_product(claims: list[Claim], answer: str, offset: int, a: int, b: int,
                    located: tuple[int, int, int] | None, cut: bool = False) -> tuple[int, int, int] | None:
    """The final answer when no marker gives it, or when the marker is followed by the problem itself
    ("Answer: 1234 multiplied by 5678 equals 7006652"): the last statement of the whole product in the
    answer ("So 12 times 12 equals 144", "the result of 123 times 456 is 56088"), or a closing bare number.
    A located operand that starts a computation is not an answer."""
    if located is not None and located[0] in (a, b) and _OPERATOR_AFTER.match(answer, located[2] - offset):
        # "First partial product: 987654321 multiplied by 9": the operand starts a computation.
        starts = [c for c in claims if c.step_start == located[1] and c.expr is not None]
        stated = [c for c in starts if _states_product(c, a, b) and c.claimed not in (a, b)]
        if stated:
            return stated[-1].claimed, stated[-1].start, stated[-1].end
        located = None
    if located is not None or cut:
        return located
    # A total ("adding up all the results we get N") is the answer only when nothing is computed after it.
    candidates = [(c.start, (c.claimed, c.start, c.end)) for c in claims
                  if c.start >= offset and _states_product(c, a, b) and c.claimed not in (a, b) and not c.verification
                  and (c.kind != "sum" or c is claims[-1])]
    closing = _closing_number(answer, offset)
    if closing is not None and closing[0] not in (a, b):
        candidates.append((closing[1], closing))
    return max(candidates)[1] if candidates else None


# "approximately 42,700,000", "≈ 4.3 million": an estimate is not a statement of the answer
_ESTIMATE_BEFORE = re.compile(r"(?:approx\w*|about|roughly|around|nearly|estimate\w*|≈|~)\W*$", re.IGNORECASE)


def _numbers(tokens: list[Token], end: int) -> list[tuple[int, int, int]]:
    """`number_spans` of the text up to `end` (the end of a line: the reasoning's, or the whole text's),
    read from the parser's tokens of the text: it lexes every line with a digit in full, as number_spans
    does, and no token spans a line break, so the text is not lexed again."""
    return [(tok.value, tok.start, tok.end) for tok in tokens if tok.kind == "num" and tok.end <= end]  # type: ignore[misc]


def _first_statement(step: Step, text: str, spans: list[tuple[int, int, int]]) -> Step:
    """The step moved to the first place its value is written (`spans`: number_spans(text)), if earlier."""
    for value, start, end in spans:
        if value == step.claimed and not _ESTIMATE_BEFORE.search(text, max(0, start - 30), start):
            if start < step.start:
                return replace(step, start=start, end=end, step_start=start)
            break
    return step


# Words with which a model takes back what it just wrote: a pause that says the step was wrong ("Wait, no!",
# "Hold on, 46 is wrong", "Hmm, that doesn't look right"), or words that say so alone ("I made a mistake",
# "let me redo this row", "scratch that", "I misread the digit", "that can't be right"). A pause alone ("wait, I
# mean the places of 8765", "hold on", "let me double-check") retracts nothing: the model may go on to confirm.
_WRONG = (r"(?:no\b|not (?:right|correct|\d)|wrong|incorrect|off\b|a mistake|an error|mistaken|slipped|miscalculat\w*"
          r"|doesn'?t (?:look|seem) right|let me (?:re-?\w+|fix|correct|check|double[- ]check|start)|redo\b|again\b)")
_RETRACTION = re.compile(
    rf"\b(?:(?:wait|hold on|hmm+|oops|whoops|actually|no)\b[^.\n]{{0,40}}?{_WRONG}"
    r"|no,? wait\b|(?:that|this|it)'?s? (?:is |was )?(?:not (?:right|correct)|wrong|incorrect|off\b|a mistake|an error)"
    r"|(?:can'?t|cannot|doesn'?t|does not) (?:be right|look right|seem right|add up)"
    r"|made (?:a mistake|an error)|my (?:mistake|error|bad)\b|mistake here|scratch that|correction\b|messed up"
    r"|mis-?(?:calculat|count|cop|read|add|multipl|plac|writ|shift|align)\w*|w?h?oops"
    r"|let me (?:redo|re-?do|recompute|recalculate|re-?add|fix|correct|re-?evaluate|try (?:that |this |it )?again)\b"
    r"|recomput\w*|recalculat\w*)",
    re.IGNORECASE)


def _written_splits(claims: list[Claim], a: int, b: int) -> list[list[int]]:
    """The parts of each split of an operand written as an equation ("37,245,868 = 37,240,000 + 5,868",
    "661,001,655 = 66,100 × 10^4 + 1,655")."""
    splits = []
    for claim in claims:
        if claim.claimed in (a, b) and isinstance(claim.expr, Sum) and len(claim.expr.terms) >= 2 and all(
                sign > 0 for sign, _ in claim.expr.terms):
            parts = [evaluate(term, lambda n: n.value) for _, term in claim.expr.terms]
            if all(isinstance(p, int) and p > 0 for p in parts) and sum(parts) == claim.claimed:  # type: ignore[arg-type]
                splits.append(parts)
    return splits  # type: ignore[return-value]


def retractions(steps: list[Step], text: str) -> dict[int, int]:
    """Wrong steps the model took back: step index -> where the words that retract it end. The words come
    right after the step: on its line or the next one, with no step between them but those of the step's
    own line (the carry and the digit a slipped product gives, "plus carry 0 is 18; write 8, carry 1").
    A reply cut after the retraction, before the recomputation, has no error that stuck there."""
    found: dict[int, int] = {}
    local = Label.LOCAL_ERROR  # (an enum member looked up once, not once per step)
    for step in steps:
        if step.label != local:
            continue
        line_end = text.find("\n", step.end)
        line_end = len(text) if line_end < 0 else line_end
        next_end = text.find("\n", line_end + 1)
        window_end = len(text) if next_end < 0 else next_end
        match = _RETRACTION.search(text, step.end, window_end)
        if match is None:
            continue
        if match.start() > line_end and any(line_end < other.start < match.start() for other in steps):
            continue  # a step of the next line comes before the words: they are about that one
        found[step.index] = match.end()
    return found


def analyze_trace(a: int, b: int, reasoning: str, answer: str, finish_reason: str | None = None,
                  answer_value: int | None = None) -> TraceAnalysis:
    """Analyse one trace of the problem a x b. `finish_reason == "length"` marks a truncated trace.
    `answer_value`, when given, is the final answer as the grader read it; the analyzer then agrees with
    the grade instead of reading the answer itself."""
    raw_reasoning = reasoning or ""
    raw_answer = answer or ""
    plain_reasoning, plain_answer = plain_text(raw_reasoning), plain_text(raw_answer)
    # From here on the analyzer reads the plain text; spans go back to the reply in TraceAnalysis.
    reasoning, answer = plain_reasoning.text, plain_answer.text
    text = reasoning + _JOIN + answer
    offset = len(reasoning) + len(_JOIN)
    cut = finish_reason == "length"
    located = _locate(plain_reasoning, plain_answer, raw_reasoning, raw_answer, offset, answer_value, (a, b), cut)
    tokens, kinds, words = parser_stream(text)
    claims, decompositions = parse_claims(text, tokens, (kinds, words))
    stop = _Cut.of(text) if cut else _Cut()
    if answer_value is None and answer.strip():
        located = _stated_product(claims, answer, offset, a, b, located, cut)
    checker = Checker(a, b, decompositions)
    for claim in claims:
        if located is not None and claim.start == located[1] and not _adds_up(claim):
            continue
        at_cut = claim.end == stop.number_end
        if at_cut and stop.broken_group is not None:
            # the digits written so far are the number read and the group it was cut in
            claim = replace(claim, claimed=int(f"{claim.claimed}{stop.broken_group.group(2)}"))
        checker.check(claim, fragment=at_cut or stop.expression_from <= claim.end,
                      in_digits=at_cut and stop.inside_number)
    checker.finish()
    trace_result = checker.full.claimed if checker.full is not None else None
    if located is not None:
        checker.check_answer(*located)
    steps = checker.steps
    # Cut by the token limit, or ended with work but no answer at all: truncated. An answer that is
    # there but cannot be read is unparsed instead.
    truncated = finish_reason == "length" or (
        located is None and not answer.strip() and bool(_numbers(tokens, len(reasoning))))
    unread = 0
    if not any(s.kind in ALGORITHM_KINDS for s in steps):
        known = {a, b, located[0] if located else None}
        unread = sum(1 for value, _, _ in _numbers(tokens, len(reasoning)) if value not in known)
    verdict = decide(steps, a, b, located[0] if located else None, truncated, unread, retractions(steps, text),
                     decompositions + _written_splits(claims, a, b))
    first = verdict.first_wrong
    if first is not None and (verdict.category == "no_algorithm" or (
            verdict.category == "answer_mismatch" and first.kind == StepKind.ANSWER)):
        # No working, or a final answer that contradicts it: the wrong number is first stated where it is
        # first written ("running it prints N", a boxed answer at the top of the reply)
        verdict.first_wrong = _first_statement(first, text, _numbers(tokens, len(text)))
    return TraceAnalysis(
        a=a,
        b=b,
        followed_algorithm=verdict.followed_algorithm,
        category=verdict.category,
        answer=located[0] if located else None,
        trace_result=trace_result,
        first_wrong=verdict.first_wrong,
        steps=steps,
        reasoning=plain_reasoning,
        answer_text=plain_answer,
    )
