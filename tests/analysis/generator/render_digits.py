"""Digit work: every digit product and carry written. Column work position by position, digit-by-digit
rows with a stacked addition of the shifted rows, and the fixed chain-of-thought template of GPT-4
multiplication studies (every digit named by its place)."""

from __future__ import annotations

from tests.analysis.generator.model import Source
from tests.analysis.generator.plan import Plan, Row, digit_work
from tests.analysis.generator.style import place_name
from tests.analysis.generator.surface import Piece, Text, Voice

COLUMN_INTRO = (
    "I'll multiply {a} by each digit of {b}, ones digit first, writing every position.\n\n",
    "Column method. Top number {a}, bottom number {b}. Go digit by digit.\n\n",
    "Let me do {a} x {b} by hand, position by position.\n\n",
    "Long multiplication of {a} by {b}, keeping track of every carry.\n\n",
    "We multiply {a} by the digits of {b} one at a time.\n\n",
    "Work it column by column: {a} times {b}.\n\n",
)
COLUMN_HEAD = (
    "Row for the {place} digit ({d}):\n",
    "Multiply by {d} (the {place} digit of {b}):\n",
    "{place} digit {d}:\n",
    "Now the {place} digit, which is {d}:\n",
    "Digit {d} ({place} place):\n",
    "Next digit of {b}: {d} ({place}).\n",
)
POSITION = (
    "pos{j} (digit {x}): {x}x{d} + {ci} = {v} -> digit {w}, {C}\n",
    "Position {j}: {x} × {d} + {ci} = {v}, write {w}, {C}\n",
    "{x}*{d} + {ci} = {v} → write {w}, {C}\n",
    "pos{j}: {x}·{d} + {ci} = {v} -> {w}, {C}\n",
    "Position {j} (digit {x}): {x} × {d} = {pr}, plus carry {ci} is {v}; write {w}, {C}\n",
    "col {j}: {x}x{d}+{ci} = {v}, digit {w}, {C}\n",
)
CARRY = ("carry {co}", "carry {co}", "carry {co}")
LEAD = ("final carry {co} -> leading digits {co}\n", "then write the final carry {co} in front\n",
        "leftover carry {co} goes in front\n", "final carry {co}\n", "bring down the carry {co}\n",
        "the last carry {co} is written in front\n")
ROW_VALUE = ("Row value: {u}\n", "So {a} x {d} = {u}\n", "This row reads {u}.\n", "Row = {u}\n",
             "That gives {u} for this digit.\n", "So the row is {u}.\n")
SHIFTED = ("Shifted {k} place(s): {s}\n", "With its zeros: {s}\n", "Moved into place: {s}\n",
           "Shifted left by {k}: {s}\n", "Append {k} zero(s): {s}\n", "In place: {s}\n")
SUM_HEAD = ("\nNow add the rows:\n", "\nAdding the shifted rows:\n", "\nSum of the rows:\n",
            "\nNow the addition.\n", "\nAdd them up:\n", "\nFinally, add:\n")
SUM_STEP = ("{p} + {r} = {s}\n", "{p} + {r} = {s}\n", "{p} + {r} gives {s}\n")
TOTAL = ("\nSo {a} x {b} = {t}.\n", "\nThe product is {t}.\n", "\nResult: {t}\n",
         "\nTherefore the answer is {t}.\n", "\nSo the product comes to {t}.\n", "\nFinal: {t}\n")
ANSWER = ("Final Answer: {T}", "**Final Answer:** {T}", "The answer is {T}.", "**{T}**", "Answer: {T}",
          "{T}")


def render_column(plan: Plan, voice: Voice) -> tuple[Text, Text]:
    reasoning, answer = Text(Source.REASONING), Text(Source.ANSWER)
    reasoning.add(voice.pick(COLUMN_INTRO).format(a=plan.a, b=plan.b))
    head, position, lead, value, shifted = (voice.pick(t) for t in (COLUMN_HEAD, POSITION, LEAD, ROW_VALUE, SHIFTED))
    restart = voice.rng.randrange(len(plan.rows)) if voice.chance(0.4) else None
    for r, row in enumerate(plan.rows):
        if r == restart:
            _slipped_start(reasoning, row, head, position, plan.b, voice)
        reasoning.begin(("row", r))
        reasoning.add(head.format(place=place_name(row.power), d=row.y, b=plan.b))
        _positions(reasoning, r, row, position, voice)
        if row.positions[-1].carry_out:
            reasoning.add(lead.format(co=row.positions[-1].carry_out))
        reasoning.add(value.format(u=row.unshifted, a=row.x, d=row.y))
        reasoning.end()
        if row.power:
            reasoning.fill(shifted, ("shift", r), k=str(row.power), s=str(row.shifted))
        reasoning.add("\n")
    _running_sums(reasoning, plan, voice)
    answer.fill(voice.pick(ANSWER), T=Piece(str(plan.answer), (("answer",),)))
    return reasoning, answer


COLUMN_RESTART = (
    "Wait, no! {x}x{d} is {pr}, not {bad}. Let me recompute this row.\n\n",
    "Hmm, that's wrong: {x} times {d} is {pr}. Redo the row from the start:\n\n",
    "Wait, that's not right. Let me redo this digit.\n\n",
    "No wait, {x}×{d} = {pr}. Recomputing:\n\n",
    "Wait, no! I slipped there. Let's recompute.\n\n",
    "Hold on, {bad} is wrong. Starting this row again:\n\n",
)


def _slipped_start(text: Text, row: Row, head: str, template: str, b: int, voice: Voice) -> None:
    """A row begun with a slip in one digit product, stopped there and restarted (untagged: the model fixed
    it; the recomputation that follows is the row that sticks)."""
    j = voice.rng.randrange(len(row.positions))
    slipped, _ = digit_work(row.x, row.y, slip_at=j, rng=voice.rng)
    text.begin(("slip",))
    text.add(head.format(place=place_name(row.power), d=row.y, b=b))
    carry = voice.pick(CARRY)
    for k, p in enumerate(slipped[: j + 1]):
        # the slipped product (or the value it makes with the carry, whichever the template writes first)
        slip = (("slip_value",),) if k == j else ()
        text.fill(template, j=str(k), x=str(p.digit), d=str(p.multiplier), ci=str(p.carry_in),
                  v=Piece(str(p.value), slip), w=str(p.write), C=carry.format(co=p.carry_out),
                  pr=Piece(str(p.product), slip))
    p = slipped[j]
    text.add(voice.pick(COLUMN_RESTART).format(x=p.digit, d=p.multiplier, pr=p.digit * p.multiplier, bad=p.product),
             ("retraction",))
    text.end()


def _positions(text: Text, r: int, row: Row, template: str, voice: Voice) -> None:
    carry = voice.pick(CARRY)
    for j, p in enumerate(row.positions):
        c = Piece(carry.format(co=p.carry_out), (("carry", r, j),))
        text.fill(template, ("pos", r, j), j=str(j), x=str(p.digit), d=str(p.multiplier), ci=str(p.carry_in),
                  v=str(p.value), w=str(p.write), C=c, pr=str(p.product))


def _running_sums(text: Text, plan: Plan, voice: Voice) -> None:
    text.add(voice.pick(SUM_HEAD))
    step = voice.pick(SUM_STEP)
    for j in range(1, len(plan.rows)):
        text.fill(step, ("sum", j), p=str(plan.running[j - 1]), r=str(plan.rows[j].shifted), s=str(plan.running[j]))
    text.fill(voice.pick(TOTAL), ("total",), a=str(plan.a), b=str(plan.b), t=str(plan.total))


DIGIT_INTRO = (
    "Okay, let me multiply {a} by {b} step by step, one digit of {b} at a time.\n\n",
    "Let's do this the long way: {a} times each digit of {b}, then add the shifted rows.\n\n",
    "I'll write out every digit product and carry for {a} × {b}.\n\n",
    "Multiplying {a} by {b} digit by digit.\n\n",
    "Let me carefully compute {a} × {b} by long multiplication.\n\n",
    "Long multiplication: {a} × {b}.\n\n",
)
DIGIT_HEAD = ("Now {a} × {d}:\n", "Multiply {a} by {d}:\n", "Digit {d}:\n", "Next, {a} × {d}.\n",
              "Taking the digit {d}:\n", "For {d}:\n")
DIGIT_STEP = (
    "{x} × {d} = {pr}, plus carry {ci} = {v}, write {w} {C}.\n",
    "{x} × {d} = {pr}; {pr} + {ci} = {v}; write {w}, {C}.\n",
    "{x} times {d} is {pr}, add {ci}: {v}. Write {w}, {C}.\n",
    "{x} × {d} + {ci} = {v}, write {w}, {C}.\n",
    "{x} × {d} = {pr}, + {ci} = {v}; put down {w}, {C}.\n",
    "{x}×{d} = {pr} (+{ci}) = {v} → {w}, {C}.\n",
)
DIGIT_CARRY = ("carry {co}", "carry the {co}", "carry {co}")
DIGIT_ROW = ("So {a} × {d} = {u}.\n\n", "That row: {u}.\n\n", "Row: {u}.\n\n", "{a} × {d} = {u}.\n\n",
             "This gives {u}.\n\n", "Partial product: {u}.\n\n")
STACK_HEAD = ("Now stack the shifted rows and add:\n\n", "Lining up the rows:\n\n", "Adding:\n\n",
              "Stacked:\n\n", "Now the addition, with each row shifted:\n\n", "Rows in place:\n\n")


def render_digit_rows(plan: Plan, voice: Voice) -> tuple[Text, Text]:
    reasoning, answer = Text(Source.REASONING), Text(Source.ANSWER)
    reasoning.add(voice.pick(DIGIT_INTRO).format(a=plan.a, b=plan.b))
    head, step, row_value, carry = (voice.pick(t) for t in (DIGIT_HEAD, DIGIT_STEP, DIGIT_ROW, DIGIT_CARRY))
    for r, row in enumerate(plan.rows):
        if row.duplicate:
            continue  # a row copied twice into the stack below
        reasoning.begin(("row", r))
        reasoning.add(head.format(a=row.x, d=row.y))
        for j, p in enumerate(row.positions):
            c = Piece(carry.format(co=p.carry_out), (("carry", r, j),))
            reasoning.fill(step, ("pos", r, j), x=str(p.digit), d=str(p.multiplier), pr=str(p.product),
                           ci=str(p.carry_in), v=str(p.value), w=str(p.write), C=c)
        reasoning.add(row_value.format(a=row.x, d=row.y, u=row.unshifted))
        reasoning.end()
    reasoning.add(voice.pick(STACK_HEAD))
    width = len(str(max(plan.total, *(r.shifted for r in plan.rows)))) + 2
    fence = voice.chance(0.5)
    if fence:
        reasoning.add("```\n")
    for r, row in enumerate(plan.rows):
        sign = "+ " if r == len(plan.rows) - 1 else "  "
        line = sign + str(row.shifted).rjust(width - 2)
        reasoning.add(line[: width - len(str(row.shifted))])
        reasoning.add(str(row.shifted), ("shift", r))
        reasoning.add("\n")
    reasoning.add("-" * width + "\n")
    keys = tuple(("sum", j) for j in range(1, len(plan.rows))) + (("total",),)
    reasoning.add(str(plan.total).rjust(width), *keys)
    reasoning.add("\n")
    if fence:
        reasoning.add("```\n")
    reasoning.fill(voice.pick(TOTAL), a=str(plan.a), b=str(plan.b), t=str(plan.total))
    answer.fill(voice.pick(ANSWER), T=Piece(str(plan.answer), (("answer",),)))
    return reasoning, answer


GPT4_DIGIT = (
    "{n}. Multiply {d} by the digit in the {place} place of {a}, which is {x}. This gives {x} x {d} = {pr}. "
    "Write down the result {w} and carry over the {co} to the next step.\n",
    "{n}. Multiply {d} by the digit in the {place} place of {a}, which is {x}. Add the carryover from the "
    "previous step to account for this. This gives ({x} x {d}) + {ci} = {v}. Write down the result {w} and "
    "carry over the {co} to the next step.\n",
)
GPT4_HEAD = (
    "Let's multiply {a} by the digit in the {place} place of {b}, which is {d}.\n\n",
    "Let's multiply {a} by the digit in the {place} place of {b}, which is {d}.\n\n",
    "Now let's multiply {a} by the digit in the {place} place of {b}, which is {d}.\n\n",
)


def render_gpt4(plan: Plan, voice: Voice) -> tuple[Text, Text]:
    """The whole reply is the answer (no reasoning channel), in one fixed template."""
    reasoning, answer = Text(Source.REASONING), Text(Source.ANSWER)
    answer.add("Let's perform the multiplication step by step:\n\n")
    head = voice.pick(GPT4_HEAD)
    for r, row in enumerate(plan.rows):
        answer.begin(("row", r))
        answer.add(head.format(a=row.x, place=place_name(row.power), b=plan.b, d=row.y))
        for j, p in enumerate(row.positions):
            template = GPT4_DIGIT[0] if j == 0 else GPT4_DIGIT[1]
            first, rest = template.split("Write down", 1)
            answer.fill(first + "Write down", ("pos", r, j), n=str(j + 1), d=str(p.multiplier),
                        place=place_name(j), a=str(row.x), x=str(p.digit), pr=str(p.value), ci=str(p.carry_in),
                        v=str(p.value))
            text = rest.format(w=p.write, co=p.carry_out)
            carry_at = text.index("carry over")
            answer.add(text[:carry_at])
            answer.add(text[carry_at:carry_at + len(f"carry over the {p.carry_out}")], ("carry", r, j))
            answer.add(text[carry_at + len(f"carry over the {p.carry_out}"):])
        last = row.positions[-1]
        if last.carry_out:
            answer.add(f"{len(row.positions) + 1}. Since there are no more digits in {row.x}, write down the "
                       f"carried over {last.carry_out}.\n")
        answer.add(f"\nSo, {row.x} x {row.y} = {row.unshifted}.\n")
        answer.end()
        if row.power:
            answer.fill("Shifting by {k} place{s}, {x} x {yy} = {v}.\n", ("shift", r), k=str(row.power),
                        s="s" if row.power > 1 else "", x=str(row.x), yy=str(row.y * 10**row.power), v=str(row.shifted))
        answer.add("\n")
    answer.add("Now, let's add all the partial products:\n")
    terms = " + ".join(str(r.shifted) for r in plan.rows)
    keys = tuple(("sum", j) for j in range(1, len(plan.rows))) + (("total",),)
    answer.fill("{e}\n", *keys, e=f"{terms} = {plan.total}")
    answer.add(f"\nTherefore, {plan.a} x {plan.b} = ")
    answer.add(str(plan.answer), ("answer",))
    answer.add(".")
    return reasoning, answer
