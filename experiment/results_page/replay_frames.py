"""A trace replayed: what is on screen when the model has written up to a given character.

The model's text is its reasoning followed by its answer (a base model writes everything in the answer).
Positions run over that text, 0 .. len(reasoning) + len(answer). Each step the analyzer recognised becomes
a mark, drawn once the model has written the step's number: right (its value is correct), wrong (local
error or propagated) or unchecked. The first error that stuck carries its own highlight, the one a reader
jumps to.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from experiment.analysis.kinds import Label, Source
from experiment.analysis.result import LocatedStep, TraceVerdict
from experiment.results_page import plain_words

RIGHT_LABELS = frozenset({Label.CORRECT, Label.RESTORED})
WRONG_LABELS = frozenset({Label.LOCAL_ERROR, Label.PROPAGATED})

STYLE = """
<style>
.replay { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.92rem; line-height: 1.55;
          white-space: pre-wrap; word-break: break-word; border: 1px solid #ddd; border-radius: 6px;
          padding: 0.6rem 0.8rem; max-height: 28rem; overflow-y: auto; background: #fcfcfc; }
.replay .source { font-family: sans-serif; font-size: 0.75rem; color: #777; text-transform: uppercase; }
.replay .step { border-radius: 3px; padding: 0 1px; }
.replay .step.right { background: #c8e6c9; }
.replay .step.wrong { background: #ffcdd2; }
.replay .step.unchecked { background: #eeeeee; }
.replay .step.first-error { background: #e53935; color: white; font-weight: bold; outline: 2px solid #b71c1c; }
.replay .cursor { display: inline-block; width: 0.55em; background: #555; animation: blink 1s steps(1) infinite; }
@keyframes blink { 50% { opacity: 0; } }
.digits { border-collapse: collapse; font-family: ui-monospace, monospace; font-size: 1.05rem; }
.digits td { border: 1px solid #ccc; width: 1.6em; text-align: center; padding: 2px; }
.digits td.match { background: #c8e6c9; } .digits td.miss { background: #ffcdd2; }
.digits th { font-family: sans-serif; font-size: 0.75rem; font-weight: normal; color: #666; padding-right: 6px; }
</style>
"""


@dataclass(frozen=True, slots=True)
class Mark:
    """A recognised step, with its span in the model's whole text (reasoning, then answer)."""

    start: int
    end: int
    index: int
    kind: str
    claimed: int | None
    true: int | None
    verdict: str  # "right", "wrong" or "unchecked"
    first_error: bool


@dataclass(frozen=True, slots=True)
class Replay:
    reasoning: str
    answer: str
    marks: tuple[Mark, ...]

    @property
    def length(self) -> int:
        return len(self.reasoning) + len(self.answer)

    @property
    def first_error(self) -> Mark | None:
        return next((m for m in self.marks if m.first_error), None)

    def clamp(self, position: int) -> int:
        return max(0, min(int(position), self.length))

    def visible_marks(self, position: int) -> list[Mark]:
        """Steps already written at `position`: a step appears once its whole number is on screen."""
        return [m for m in self.marks if m.end <= position]

    def next_stop(self, position: int) -> int:
        """Where "step" goes: the end of the next recognised step, or the end of the text."""
        return next((m.end for m in self.marks if m.end > position), self.length)

    def previous_stop(self, position: int) -> int:
        return next((m.end for m in reversed(self.marks) if m.end < position), 0)

    def first_error_stop(self) -> int | None:
        error = self.first_error
        return error.end if error is not None else None


def verdict_of(label: Label) -> str:
    if label in RIGHT_LABELS:
        return "right"
    if label in WRONG_LABELS:
        return "wrong"
    return "unchecked"


def build_replay(reasoning: str, answer: str, verdict: TraceVerdict | None) -> Replay:
    """The replay of one record from its analysis (None: no marks, text only)."""
    reasoning, answer = reasoning or "", answer or ""
    if verdict is None:
        return Replay(reasoning=reasoning, answer=answer, marks=())
    first = verdict.first_wrong
    first_key = (first.source, first.span) if first is not None else None

    def mark(step: LocatedStep, label: Label, first_error: bool) -> Mark:
        offset = len(reasoning) if step.source is Source.ANSWER else 0
        return Mark(start=step.span[0] + offset, end=step.span[1] + offset, index=step.index, kind=step.kind.value,
                    claimed=step.claimed, true=step.true, verdict=verdict_of(label), first_error=first_error)

    marks = [mark(step, step.label, (step.source, step.span) == first_key) for step in verdict.steps]
    if first is not None and not any(m.first_error for m in marks):
        marks.append(mark(first, Label.LOCAL_ERROR, True))
    return Replay(reasoning=reasoning, answer=answer, marks=tuple(_without_overlaps(marks)))


def _without_overlaps(marks: list[Mark]) -> list[Mark]:
    """One mark per piece of text; where two steps claim the same number, the first error wins."""
    kept: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (m.start, not m.first_error, m.end)):
        if kept and mark.start < kept[-1].end:
            if mark.first_error and not kept[-1].first_error:
                kept[-1] = mark
            continue
        kept.append(mark)
    return kept


def render_html(replay: Replay, position: int, *, cursor: bool = True) -> str:
    """The text written up to `position`, with the marks of the steps written so far."""
    position = replay.clamp(position)
    marks = replay.visible_marks(position)
    parts = [STYLE, '<div class="replay" data-testid="replay-text">']
    blocks = [("reasoning", replay.reasoning, 0), ("answer", replay.answer, len(replay.reasoning))]
    for name, text, offset in blocks:
        if not text:
            continue
        shown = max(0, min(position - offset, len(text)))
        if shown == 0 and offset > 0:
            break
        if replay.reasoning:
            parts.append(f'<div class="source">{name}</div>')
        parts.append(_marked(text[:shown], [m for m in marks if offset <= m.start < offset + len(text)], offset))
        if offset + shown < offset + len(text):
            break
        parts.append("\n")
    if cursor and position < replay.length:
        parts.append('<span class="cursor">&nbsp;</span>')
    parts.append("</div>")
    return "".join(parts)


def _marked(text: str, marks: list[Mark], offset: int) -> str:
    out, at = [], 0
    for mark in marks:
        start, end = mark.start - offset, mark.end - offset
        out.append(html.escape(text[at:start]))
        classes = f"step {mark.verdict}" + (" first-error" if mark.first_error else "")
        title = f"step {mark.index + 1}: {plain_words.step_kind(mark.kind)}, wrote {mark.claimed}" + (
            f", should be {mark.true}" if mark.true is not None and mark.claimed != mark.true else "")
        anchor = ' id="first-error"' if mark.first_error else ""
        out.append(f'<span class="{classes}"{anchor} title="{html.escape(title, quote=True)}">'
                   f"{html.escape(text[start:end])}</span>")
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)


def steps_table(replay: Replay, position: int) -> list[dict]:
    """The steps written so far, as rows for a table beside the text."""
    rows = []
    for mark in replay.visible_marks(replay.clamp(position)):
        symbol = {"right": "✓", "wrong": "✗", "unchecked": "·"}[mark.verdict]
        rows.append({"step": mark.index + 1, "": symbol + (" first error" if mark.first_error else ""),
                     "kind": plain_words.step_kind(mark.kind), "wrote": str(mark.claimed),
                     "true": "" if mark.true is None else str(mark.true)})
    return rows


def digits_html(pairs) -> str:
    """The answer over the truth, one cell per digit, matches green and misses red."""
    if not pairs:
        return ""
    said = "".join(f'<td class="{"match" if p.matches else "miss"}">{html.escape(p.said) or "&nbsp;"}</td>'
                   for p in pairs)
    true = "".join(f"<td>{p.true or '&nbsp;'}</td>" for p in pairs)
    return (f'{STYLE}<table class="digits" data-testid="answer-digits"><tr><th>answer</th>{said}</tr>'
            f"<tr><th>true</th>{true}</tr></table>")
