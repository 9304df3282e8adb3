"""Replies written the way specific reasoning models write long multiplication.

Each style takes a `Calc` (the numbers, with at most one slip) and a random source for its phrasing and
returns (reasoning, answer, finish_reason). The phrasings imitate what the models are known to write;
none is taken from the analyzer's corpora or generator.
"""

from __future__ import annotations

import random

from tests.analysis.realistic.calc import (
    FIXED_CLOSE,
    FIXED_OPEN,
    Calc,
    Num,
    change_digit,
    comma,
    plain,
    spaced,
    tex_brace,
    tex_space,
    tex_thin,
)

Reply = tuple[str, str, str]
TEX_FORMS = (tex_thin, tex_space, tex_brace)
PLACE = {0: "ones", 1: "tens", 2: "hundreds", 3: "thousands", 4: "ten-thousands", 5: "hundred-thousands",
         6: "millions", 7: "ten-millions", 8: "hundred-millions", 9: "billions"}


def _rows_sum_prose(c: Calc, form, rng: random.Random) -> str:
    """Adding rows in sentences, the way R1 and QwQ think aloud."""
    out = []
    rows = [p.row for p in c.parts]
    if not c.sums:
        return ""
    out.append(rng.choice(("Now add them up. ", "Now, adding all these together:\n\n", "Adding step by step.\n\n")))
    acc = rows[0]
    for j, s in enumerate(c.sums):
        nxt = rows[j + 1]
        phr = rng.choice(("{x} + {y} = {s}", "First, {x} + {y} = {s}", "{x} plus {y} is {s}"))
        if j > 0:
            phr = rng.choice(("Then {x} + {y} = {s}", "Next, add {y}: {x} + {y} = {s}", "{x} + {y} = {s}"))
        out.append(phr.format(x=c.fmt(acc, form), y=c.fmt(nxt, form), s=c.fmt(s, form)) + ".\n\n")
        acc = s
    return "".join(out)


def r1(c: Calc, rng: random.Random, *, inline_think: bool = False, restart: bool = False,
       cut: int | None = None) -> Reply:
    """DeepSeek-R1 / R1-distill: long thinking in prose with 'Wait,' checks, then a LaTeX summary."""
    a, b = c.a, c.b
    f = rng.choice((plain, comma))
    t = [rng.choice((
        f"Okay, so I need to multiply {comma(a)} by {comma(b)}. Hmm, that's a pretty big multiplication. "
        "Let me think about how to approach this. Maybe breaking it down into smaller parts would help. ",
        f"Alright, so I need to calculate {a} multiplied by {b}. Hmm, let's see. Both numbers are kind of big, "
        "so doing this in my head might be tricky. Maybe I can break it down using the distributive property. ",
        f"Okay, let me try to figure out {a} times {b}. I remember that breaking numbers into parts makes this "
        "easier. ",
    ))]
    t.append(f"Let me write {comma(b)} as " + " + ".join(comma(p.mult.should) for p in c.parts[::-1]) + ". "
             f"Then I can multiply {comma(a)} by each part and add the results together.\n\n")
    for i, p in enumerate(c.parts[::-1]):
        if restart and i == 1:
            slip = change_digit(p.row.should, rng)
            t.append(f"{rng.choice(('Next', 'Then', 'Now'))}, {comma(a)} × {comma(p.mult.should)}. "
                     f"That's {FIXED_OPEN}{f(slip)}{FIXED_CLOSE}. Wait, no, let me check that again. ")
            t.append(f"{comma(a)} × {p.digit} = {f(a * p.digit)}, so times {comma(10 ** p.place)} gives "
                     f"{c.fmt(p.row, f)}. Yeah, that's right.\n\n")
            continue
        lead = ("First", "Next", "Then", "Now", "After that")[min(i, 4)]
        if p.place and not p.row.first and rng.random() < 0.5:
            t.append(f"{lead}, {comma(a)} × {c.fmt(p.mult, comma)}. Well, {comma(a)} × {p.digit} is "
                     f"{f(p.row.value // 10 ** p.place)}, so adding {p.place} zero{'s' if p.place > 1 else ''} gives "
                     f"{c.fmt(p.row, f)}.\n\n")
        else:
            t.append(f"{lead}, {comma(a)} × {c.fmt(p.mult, comma)} = {c.fmt(p.row, f)}.\n\n")
    if rng.random() < 0.5:
        t.append("Wait, let me double-check these. " + rng.choice((
            "Yeah, they look right.\n\n", "Multiplying each part again... okay, same numbers.\n\n")))
    t.append(_rows_sum_prose(c, f, rng))
    total = c.fmt(c.total, f)
    t.append(rng.choice((f"So the total is {total}. ", f"So, {a} × {b} = {total}. ")))
    t.append(rng.choice(("Let me verify once more by a rough estimate: it should be a bit more than "
                         f"{comma(round(a, -len(str(a)) + 1) * round(b, -len(str(b)) + 1))}, which fits.\n",
                         "I think that's correct.\n")))
    reasoning = "".join(t)
    if cut is not None:
        return reasoning[:cut].rstrip(FIXED_CLOSE), "", "length"
    tf = rng.choice(TEX_FORMS)
    ans = [rng.choice((f"To multiply \\( {a} \\) by \\( {b} \\), we break \\( {b} \\) into parts by place value:\n\n",
                       f"To calculate \\( {tf(a)} \\times {tf(b)} \\), use the distributive property:\n\n"))]
    ans.append("\\[\n\\begin{align*}\n")
    lines = [f"{tf(a)} \\times {c.fmt(p.mult, tf)} &= {c.fmt(p.row, tf)} \\\\" for p in c.parts[::-1]]
    ans.append("\n".join(lines) + "\n\\end{align*}\n\\]\n\n")
    rows = " + ".join(c.fmt(p.row, tf) for p in c.parts[::-1])
    ans.append(f"Adding these results:\n\\[\n{rows} = {c.fmt(c.total, tf)}\n\\]\n\n")
    ans.append(f"Thus, the product of \\( {a} \\) and \\( {b} \\) is \\(\\boxed{{{c.fmt(c.final, plain)}}}\\).")
    answer = "".join(ans)
    if inline_think:
        return "", "<think>\n" + reasoning + "</think>\n\n" + answer, "stop"
    return reasoning, answer, "stop"


def qwq(c: Calc, rng: random.Random, *, cut: int | None = None) -> Reply:
    """QwQ: very long, chatty thinking; column-by-column checks of a row; restates everything."""
    a, b = c.a, c.b
    t = [f"So I need to multiply {a} by {b}. That's a pretty big multiplication, but I can handle it step "
         "by step. I'll use the standard long multiplication method, multiplying by each digit of the second "
         f"number and adding the results.\n\nFirst, let's write down the numbers:\n\n{a}\n\n× {b}\n\n"]
    t.append(f"I'll start from the rightmost digit of {b}, which is {str(b)[-1]}.\n\n")
    for i, p in enumerate(c.parts):
        name = PLACE.get(p.place, f"10^{p.place}")
        if i == 0 and p.place == 0 and c.parts[0].row.value == c.parts[0].row.should and len(str(a)) <= 6:
            t.append(f"Multiply {a} by {p.digit}:\n\n")
            carry = 0
            for ch in reversed(str(a)):
                prod = int(ch) * p.digit + carry
                carry_txt = f" plus carry {carry}" if carry else ""
                t.append(f"{ch} × {p.digit} = {int(ch) * p.digit}{carry_txt}"
                         + (f", that's {prod}" if carry else "")
                         + f", write down {prod % 10}, carry over {prod // 10}.\n\n")
                carry = prod // 10
            t.append(f"So, {a} × {p.digit} = {c.fmt(p.row)}.\n\n")
            continue
        if p.place == 0:
            t.append(f"Multiply {a} by {c.fmt(p.mult)}: that gives {c.fmt(p.row)}.\n\n")
        else:
            if rng.random() < 0.5:
                digit = Num(p.digit, p.mult.should // 10 ** p.place, p.mult.first)
                t.append(f"Next, the {name} digit is {c.fmt(digit)}, so {a} × {p.mult.value} = {c.fmt(p.row)}.\n\n")
            else:
                t.append(f"Now, multiply {a} by {c.fmt(p.mult)} (since it's in the {name} place): "
                         f"{c.fmt(p.row)}.\n\n")
    t.append("Now, I need to add all these up:\n\n" + "\n\n".join(c.fmt(p.row) for p in c.parts) + "\n\n")
    t.append("Let's add them step by step.\n\n")
    acc = c.parts[0].row
    for j, s in enumerate(c.sums):
        t.append(f"{c.fmt(acc)} + {c.fmt(c.parts[j + 1].row)} = {c.fmt(s)}\n\n")
        acc = s
    t.append(f"So, the final product is {c.fmt(c.total)}.\n\nWait a minute, let me double-check that addition "
             "to make sure I didn't make any mistakes.\n\n")
    acc = c.parts[0].row
    for j, s in enumerate(c.sums[:2]):
        t.append(f"{acc.value} + {c.parts[j + 1].row.value} is {s.value}, yes.\n\n")
        acc = s
    t.append("Everything seems to check out.\n\n")
    reasoning = "".join(t)
    if cut is not None:
        return reasoning[:cut], "", "length"
    ans = (f"To multiply \\(a = {a}\\) by \\(b = {b}\\), we multiply by each digit of {b} and add:\n\n"
           + "\n".join(f"- \\({a} \\times {p.mult.value} = {comma(p.row.value)}\\)" for p in c.parts)
           + f"\n\nAdding: \\({comma(c.total.value)}\\)\n\n**Final Answer**\n\n"
           + f"\\[ \\boxed{{{c.fmt(c.final, comma)}}} \\]")
    return reasoning, ans, "stop"


def o_mini(c: Calc, rng: random.Random) -> Reply:
    """o1/o3-mini: terse markdown, rows biggest first, the answer in bold at the end."""
    a, b = c.a, c.b
    f = comma
    lines = [rng.choice((f"We can compute {f(a)} × {f(b)} by splitting {f(b)}:\n",
                         f"**Compute {f(a)} × {f(b)}.**\n\nBreak {f(b)} into "
                         + " + ".join(f(p.mult.should) for p in c.parts[::-1]) + ".\n"))]
    for p in c.parts[::-1]:
        lines.append(f"- {f(a)} × {c.fmt(p.mult, f)} = {c.fmt(p.row, f)}")
    if c.sums:
        lines.append("\nAdd step by step:\n")
        acc = c.parts[0].row
        for j, s in enumerate(c.sums):
            lines.append(f"- {c.fmt(acc, f)} + {c.fmt(c.parts[j + 1].row, f)} = {c.fmt(s, f)}")
            acc = s
    lines.append(f"\n**{f(a)} × {f(b)} = {c.fmt(c.final, f)}**")
    return "", "\n".join(lines), "stop"


def claude(c: Calc, rng: random.Random) -> Reply:
    """Claude: a short intro, a markdown table of partial products, bold sum and answer."""
    a, b = c.a, c.b
    f = rng.choice((comma, plain))
    out = [rng.choice((f"I'll multiply {f(a)} × {f(b)} using long multiplication.\n\n",
                       f"I'll calculate {f(a)} × {f(b)} step by step.\n\n"))]
    out.append(f"**Breaking down {f(b)} by place value:**\n\n| Place | Calculation | Partial product |\n"
               "|---|---|---|\n")
    for p in c.parts:
        out.append(f"| {PLACE.get(p.place, p.place)} | {f(a)} × {c.fmt(p.mult, f)} | "
                   f"{c.fmt(p.row, f)} |\n")
    out.append("\n**Adding the partial products:**\n\n")
    acc = c.parts[0].row
    for j, s in enumerate(c.sums):
        out.append(f"- {c.fmt(acc, f)} + {c.fmt(c.parts[j + 1].row, f)} = {c.fmt(s, f)}\n")
        acc = s
    out.append(f"\n**{f(a)} × {f(b)} = {c.fmt(c.final, f)}**")
    return "", "".join(out), "stop"


def gemini(c: Calc, rng: random.Random) -> Reply:
    """Gemini: '*' lists, inline $...$, a bolded result."""
    a, b = c.a, c.b
    out = [f"Here's how to calculate ${a} \\times {b}$:\n\n**1. Break down the multiplication:**\n\n"
           f"We can rewrite ${b}$ as ${' + '.join(str(p.mult.should) for p in c.parts[::-1])}$.\n\n"
           "**2. Multiply each part:**\n\n"]
    for p in c.parts[::-1]:
        out.append(f"*   ${a} \\times {c.fmt(p.mult)} = {c.fmt(p.row)}$\n")
    rows = " + ".join(c.fmt(p.row) for p in c.parts[::-1])
    tot = c.total
    # Gemini adds all rows in one line; a wrong sum shows there
    if c.err.value == "sum":
        tot = Num(c.total.value, c.product, first=True)
        c.total.first = False
    out.append(f"\n**3. Add the results:**\n\n${rows} = {c.fmt(tot)}$\n\n")
    out.append(f"Therefore, ${a} \\times {b} = \\mathbf{{{c.fmt(c.final)}}}$")
    return "", "".join(out), "stop"


def gpt4_cot(c: Calc, rng: random.Random, variant: int = 0) -> Reply:
    """GPT-4 chain of thought on 4 x 4 digits: one fixed template, digit by digit with shifts."""
    a, b = c.a, c.b
    bs = str(b)
    names = ("units", "tens", "hundreds", "thousands")
    out = [("Let's break down the multiplication step by step:\n\n" if variant == 0 else
            f"To multiply {a} by {b}, we can use the long multiplication method.\n\n")]
    for i, p in enumerate(c.parts):
        shift = p.place
        single = Num(p.row.value // 10 ** shift, p.row.should // 10 ** shift, p.row.first, p.row.also)
        shown = Num(p.mult.value // 10 ** shift, p.mult.should // 10 ** shift, p.mult.first)
        if shift == 0:
            out.append(f"{i + 1}. Multiply {a} by the {names[p.place]} digit of {b} ({c.fmt(shown)}): "
                       f"{a} × {shown.value} = {c.fmt(p.row)}\n")
        else:
            if p.row.first and c.err.value == "shift":
                out.append(f"{i + 1}. Multiply {a} by the {names[p.place]} digit of {b} ({p.digit}) and shift "
                           f"{shift} place{'s' if shift > 1 else ''} to the left: {a} × {p.digit} = "
                           f"{p.row.should // 10 ** shift}, shifted: {c.fmt(p.row)}\n")
                continue
            out.append(f"{i + 1}. Multiply {a} by the {names[p.place]} digit of {b} ({c.fmt(shown)}) and shift "
                       f"{shift} place{'s' if shift > 1 else ''} to the left: {a} × {shown.value} = "
                       f"{c.fmt(single)}, shifted: {p.row.value}\n")
    out.append("\nNow add all these results:\n" + " + ".join(str(p.row.value) for p in c.parts)
               + f" = {c.fmt(c.total)}\n\n")
    out.append(f"So, {a} × {b} = {c.fmt(c.final)}." if variant == 0 else f"Therefore, the answer is {c.fmt(c.final)}.")
    del bs
    return "", "".join(out), "stop"


def qwen_math(c: Calc, rng: random.Random, *, split_at: int, split_err: int = 0) -> Reply:
    """Qwen-math: the first operand split into high and low chunks by a power of ten, `\\times 10^{k}`,
    a boxed result. `split_err` adds that much to the high chunk (a split that does not add up); every
    later number is computed from the written chunks. Errors read from c.err: partial_product (the high
    product), sum (the last addition), copy (the boxed answer transposed)."""
    from tests.analysis.realistic.calc import transpose
    a, b, k = c.a, c.b, split_at
    hi_true, lo = divmod(a, 10 ** k)
    hi = hi_true + split_err
    hi_num = Num(hi, hi_true, first=bool(split_err))
    p_hi = Num(hi * b, hi_true * b)
    if c.err.value == "partial_product":
        p_hi.value = change_digit(p_hi.should, rng)
        p_hi.first = True
    p_lo = Num(lo * b, lo * b)
    shifted = Num(p_hi.value * 10 ** k, hi_true * b * 10 ** k)
    total = Num(shifted.value + p_lo.value, a * b)
    if c.err.value == "sum":
        total.value += rng.choice((1, -1)) * 10 ** (k + 1)
        total.first = True
    final = Num(total.value, a * b)
    if c.err.value == "copy":
        final.value = transpose(total.value, rng)
        final.first = True
    c.final = final
    tf = rng.choice(TEX_FORMS)
    out = (f"To find the product of \\({a}\\) and \\({b}\\), we split \\({a}\\) into two parts:\n\\[\n"
           f"{a} = {c.fmt(hi_num)} \\times 10^{{{k}}} + {lo}\n\\]\n"
           f"Then\n\\[\n{a} \\times {b} = {hi} \\times {b} \\times 10^{{{k}}} + {lo} \\times {b}\n\\]\n"
           f"First, we calculate \\({hi} \\times {b}\\):\n\\[\n{hi} \\times {b} = {c.fmt(p_hi, tf)}\n\\]\n"
           f"Next, \\({lo} \\times {b}\\):\n\\[\n{lo} \\times {b} = {c.fmt(p_lo, tf)}\n\\]\n"
           f"Now shift the first product:\n\\[\n{tf(p_hi.value)} \\times 10^{{{k}}} = {c.fmt(shifted, tf)}\n\\]\n"
           f"Adding the two results:\n\\[\n{tf(shifted.value)} + {tf(p_lo.value)} = {c.fmt(total, tf)}\n\\]\n"
           f"Thus, the product is \\(\\boxed{{{c.fmt(final)}}}\\).")
    return "", out, "stop"


def answer_first(c: Calc, rng: random.Random) -> Reply:
    """The answer up front in bold or boxed, then a short breakdown."""
    a, b = c.a, c.b
    head = rng.choice((f"**{comma(c.final.value)}**\n\n", f"$$\\boxed{{{c.final.value}}}$$\n\n",
                       f"{a} × {b} = **{comma(c.final.value)}**\n\n"))
    body = [rng.choice(("Here's the breakdown:\n\n", "**Work:**\n\n", "Breakdown:\n"))]
    for p in c.parts[::-1]:
        body.append(f"- {comma(a)} × {c.fmt(p.mult, comma)} = {c.fmt(p.row, comma)}\n")
    body.append(f"\nSum: {' + '.join(comma(p.row.value) for p in c.parts[::-1])} = {c.fmt(c.total, comma)}")
    return "", head + "".join(body), "stop"


def ran_code(c: Calc, rng: random.Random) -> Reply:
    """A reply that says it ran the computation, with no working at all."""
    a, b = c.a, c.b
    text = rng.choice((
        lambda: f"Using a calculator-style computation, running {a} * {b} yields {c.fmt(c.final)}.\n\n"
                f"**Answer: {c.final.value}**",
        lambda: f"I ran this in Python:\n\n```python\nprint({a} * {b})\n```\n\nOutput: `{c.fmt(c.final)}`\n\n"
                f"So {a} × {b} = {c.final.value}.",
        lambda: f"Computing this directly gives {c.fmt(c.final, comma)}.\n\nSo the product of {comma(a)} and "
                f"{comma(b)} is **{comma(c.final.value)}**.",
    ))()
    return "", text, "stop"


def mismatch(c: Calc, rng: random.Random) -> Reply:
    """Working that ends right (or wrong), then a 'verification' and a different final answer."""
    a, b = c.a, c.b
    out = [f"Let me compute {a} × {b}.\n\n"]
    for p in c.parts[::-1]:
        out.append(f"{a} × {c.fmt(p.mult)} = {c.fmt(p.row)}\n")
    out.append(f"\nTotal: {' + '.join(str(p.row.value) for p in c.parts[::-1])} = {c.fmt(c.total)}\n\n")
    out.append(rng.choice(("Let me verify this with a different grouping... yes, that matches.\n\n",
                           "Double-checking with an estimate: close enough.\n\n")))
    final = c.fmt(c.final)
    out.append(rng.choice((f"**Final answer: {final}**", f"The answer is $\\boxed{{{final}}}$.")))
    return "", "".join(out), "stop"


def small(c: Calc, rng: random.Random) -> Reply:
    """2-digit problems written in one line, as every model does."""
    a, b = c.a, c.b
    p1, p0 = (c.parts[1], c.parts[0]) if len(c.parts) > 1 else (c.parts[0], None)
    if p0 is None:
        return "", f"{a} × {b} = {c.fmt(c.final)}", "stop"
    text = rng.choice((
        lambda: f"{a} × {b} = {a} × {c.fmt(p1.mult)} + {a} × {c.fmt(p0.mult)} = {c.fmt(p1.row)} + {c.fmt(p0.row)}"
                f" = {c.fmt(c.total)}\n\nSo the answer is **{c.fmt(c.final)}**.",
        lambda: f"\\( {a} \\times {b} = {a} \\times ({p1.mult.should} + {p0.mult.should}) \\)\n"
                f"\\( = {c.fmt(p1.row)} + {c.fmt(p0.row)} \\)\n\\( = {c.fmt(c.total)} \\)\n\n"
                f"The answer is \\(\\boxed{{{c.fmt(c.final)}}}\\).",
    ))()
    return "", text, "stop"


def european(c: Calc, rng: random.Random) -> Reply:
    """A European-style reply with spaces between digit groups and '·' for times."""
    a, b = c.a, c.b
    out = [f"Calculation of {spaced(a)} · {spaced(b)}:\n\n"]
    for p in c.parts[::-1]:
        out.append(f"{spaced(a)} · {c.fmt(p.mult, spaced)} = {c.fmt(p.row, spaced)}\n")
    out.append(f"\nSum = {c.fmt(c.total, spaced)}\n\nResult: **{c.fmt(c.final, spaced)}**")
    return "", "".join(out), "stop"
