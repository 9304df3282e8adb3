"""The second batch of realistic styles: the structures of issue 17 the first batch lacked.

Column work position by position (o3-mini / R1 when asked to be careful), a recomputation after "Wait"
that is itself wrong and sticks, a multiplier taken in 3-digit chunks each split again (Qwen-math on
10 digits), both operands split with cross products in `{,}`-grouped TeX, QwQ finding a discrepancy by a
second method and fixing it, GPT-4's template with two misread rows, a bare boxed answer with partial
working, one `align*` chain continued with `&=` and `\\text{}`, and replies cut inside an align block.
"""

from __future__ import annotations

import random

from tests.analysis.realistic.calc import (
    FIXED_CLOSE,
    FIXED_OPEN,
    Calc,
    Num,
    change_digit,
    column_row,
    comma,
    recompute,
    tex_brace,
    tex_thin,
)
from tests.analysis.realistic.styles import PLACE, Reply, r1

ARROW = ("→", "->", "⇒")


def columns(c: Calc, rng: random.Random, slip: str | None, row_at: int) -> Reply:
    """Each row digit by digit with its carry; `slip` in row `row_at`."""
    a, b = c.a, c.b
    arrow = rng.choice(ARROW)
    cols = []
    for i, p in enumerate(c.parts):
        steps, value = column_row(a, p.digit, slip if i == row_at else None, rng)
        cols.append(steps)
        p.row.value = value * 10 ** p.place
        if i == row_at and slip:
            p.row.should = a * p.digit * 10 ** p.place
    recompute(c)
    out = [rng.choice((f"Let me do this carefully, digit by digit.\n\n{a} × {b}\n\n",
                       f"I'll multiply {a} by each digit of {b}, writing every carry.\n\n"))]
    for p, steps in zip(c.parts, cols):
        out.append(f"**× {p.digit} ({PLACE.get(p.place, p.place)} digit):**\n")
        for pos, x, carry, prod, cout in steps:
            last = pos == len(steps) - 1
            total = prod.value + carry
            digit_txt = f"write {total}" if last else f"digit {total % 10}, carry {c.fmt(cout)}"
            out.append(f"- pos{pos} (digit {x}): {x}×{p.digit} = {c.fmt(prod)}"
                       f"{f' + {carry} = {total}' if carry else ''} {arrow} {digit_txt}\n")
        row_val = p.row.value // 10 ** p.place
        shift = f", shifted {p.place}: {c.fmt(p.row)}" if p.place else ""
        out.append(f"Row: {row_val if p.place else c.fmt(p.row)}{shift}\n\n")
    out.append("Now the sum of the rows:\n\n")
    acc = c.parts[0].row
    for j, s in enumerate(c.sums):
        out.append(f"{c.fmt(acc)} + {c.fmt(c.parts[j + 1].row)} = {c.fmt(s)}\n")
        acc = s
    out.append(f"\nSo {a} × {b} = **{c.fmt(c.final)}**.")
    return "", "".join(out), "stop"


def restart_sticks(c: Calc, rng: random.Random, row_at: int) -> Reply:
    """R1 thinking: a row first computed right, then 'Wait, no' and a wrong recomputation that sticks."""
    a, b = c.a, c.b
    p = c.parts[row_at]
    d, place = p.digit, p.place
    good = a * d
    bad = change_digit(good, rng)
    single = Num(bad, good, first=True)
    p.row.value = bad * 10 ** place
    p.row.should = good * 10 ** place
    p.row.first = False
    p.row.also = True   # 'so a x 7000 = <row>': the same step as the wrong a x 7
    recompute(c)
    t = [f"Okay, I need to compute {a} × {b}. Let me break {b} into "
         + " + ".join(str(q.mult.value) for q in c.parts[::-1]) + ".\n\n"]
    for q in c.parts[::-1]:
        if q is p:
            t.append(f"{a} × {q.mult.value}: that's {good * 10 ** place}. Wait, no, hold on. Let me recompute "
                     f"{a} × {d} more carefully. {a} × {d} = {c.fmt(single)}. So {a} × {q.mult.value} = "
                     f"{c.fmt(q.row)}. Okay.\n\n")
        else:
            t.append(f"{a} × {q.mult.value} = {c.fmt(q.row)}.\n\n")
    t.append("Now adding:\n\n")
    acc = c.parts[0].row
    for j, s in enumerate(c.sums):
        t.append(f"{c.fmt(acc)} + {c.fmt(c.parts[j + 1].row)} = {c.fmt(s)}\n\n")
        acc = s
    t.append(f"So the answer should be {c.fmt(c.total)}.\n")
    answer = (f"\\[\n{a} \\times {b} = {tex_thin(c.total.value)}\n\\]\n\n"
              f"**Answer:** \\(\\boxed{{{c.fmt(c.final)}}}\\)")
    return "".join(t), answer, "stop"


def chunk_mult(c: Calc, rng: random.Random, slip: str | None) -> Reply:
    """b in 3-digit chunks, each chunk split again into hundreds, tens, ones; chunk products shifted by
    `\\times 10^{3k}`. `slip`: "inner" (a wrong inner product), "digit" (a chunk part misread),
    "sum" (a chunk's parts added wrong)."""
    a, b = c.a, c.b
    chunks = []
    rest, k = b, 0
    while rest:
        rest, ch = divmod(rest, 1000)
        chunks.append((ch, k))
        k += 3
    chunks.reverse()
    several = [i for i, (ch, _) in enumerate(chunks) if sum(x != "0" for x in f"{ch:03d}") > 1]
    at = rng.choice(several) if slip in ("digit", "sum") and several else rng.randrange(len(chunks))
    out = [f"Let's write \\(b = {b}\\) in groups of three digits:\n\\[\n{b} = "
           + " + ".join(f"{ch} \\times 10^{{{k}}}" if k else str(ch) for ch, k in chunks) + "\n\\]\n\n"]
    values: list[Num] = []
    for i, (ch, k) in enumerate(chunks):
        parts = [(int(x) * 10 ** (2 - j)) for j, x in enumerate(f"{ch:03d}") if x != "0"]
        shown = [Num(q, q) for q in parts]
        prods = [Num(a * q, a * q) for q in parts]
        if i == at and slip == "digit" and len(parts) > 1:
            q = parts[0]
            lead = q // 10 ** (len(str(q)) - 1)
            wrong = (lead - 1 if lead == 9 else lead + 1) * 10 ** (len(str(q)) - 1)
            shown[0] = Num(wrong, q, first=True)
            prods[0] = Num(a * wrong, a * q, also=True)
        elif i == at and slip == "inner":
            j = rng.randrange(len(parts))
            prods[j] = Num(change_digit(a * parts[j], rng), a * parts[j], first=True)
        total = Num(sum(p.value for p in prods), a * ch)
        if i == at and slip == "sum" and len(parts) > 1:
            total.value += rng.choice((1, -1)) * 10 ** rng.randrange(1, 3)
            total.first = True
        if len(parts) == 1:
            out.append(f"For the chunk \\({ch}\\):\n\\[\n{a} \\times {ch} = {c.fmt(total, tex_brace)}\n\\]\n")
        else:
            out.append(f"For the chunk \\({ch}\\):\n\\[\n{a} \\times {ch} = "
                       + " + ".join(f"{a} \\times {c.fmt(s)}" for s in shown) + " = "
                       + " + ".join(c.fmt(p, tex_brace) for p in prods) + f" = {c.fmt(total, tex_brace)}\n\\]\n")
        if k:
            big = Num(total.value * 10 ** k, a * ch * 10 ** k)
            out.append(f"then \\({tex_brace(total.value)} \\times 10^{{{k}}} = {c.fmt(big, tex_brace)}\\).\n\n")
            values.append(big)
        else:
            values.append(total)
            out.append("\n")
    grand = Num(sum(v.value for v in values), a * b)
    out.append("Adding the shifted chunk products:\n\\[\n" + " + ".join(tex_brace(v.value) for v in values)
               + f" = {c.fmt(grand, tex_brace)}\n\\]\n\n")
    c.final = Num(grand.value, a * b)
    out.append(f"\\[\n\\boxed{{{c.fmt(c.final)}}}\n\\]")
    return "", "".join(out), "stop"


def cross(c: Calc, rng: random.Random, k: int, slip: str | None) -> Reply:
    """Both operands split at 10^k; four cross products written as grouped numbers; `slip`: "split"
    (a's high part off), "product" (one cross product wrong), "sum" (the last addition)."""
    a, b = c.a, c.b
    a1t, a0 = divmod(a, 10 ** k)
    b1, b0 = divmod(b, 10 ** k)
    a1 = a1t + (rng.choice((1, -1)) if slip == "split" else 0)
    f = rng.choice((tex_brace, tex_thin))
    A1 = Num(a1 * 10 ** k, a1t * 10 ** k, first=slip == "split")
    terms = [(A1, Num(b1 * 10 ** k, b1 * 10 ** k)), (A1, Num(b0, b0)),
             (Num(a0, a0), Num(b1 * 10 ** k, b1 * 10 ** k)), (Num(a0, a0), Num(b0, b0))]
    shoulds = [a1t * b1 * 10 ** (2 * k), a1t * b0 * 10 ** k, a0 * b1 * 10 ** k, a0 * b0]
    prods = [Num(x.value * y.value, s) for (x, y), s in zip(terms, shoulds)]
    if slip == "product":
        j = rng.randrange(4)
        prods[j].value = change_digit(prods[j].should, rng)
        prods[j].first = True
    total = Num(sum(p.value for p in prods), a * b)
    if slip == "sum":
        total.value += rng.choice((1, -1)) * 10 ** (k + 1)
        total.first = True
    out = [f"We split both numbers:\n\\[\n{a} = {c.fmt(A1, f)} + {f(a0)}, \\qquad {b} = {f(b1 * 10 ** k)} + {f(b0)}\n"
           "\\]\nMultiplying out the four cross products:\n\\[\n\\begin{aligned}\n"]
    for (x, y), p in zip(terms, prods):
        out.append(f"{f(x.value)} \\times {f(y.value)} &= {c.fmt(p, f)} \\\\\n")
    out.append("\\end{aligned}\n\\]\nSumming:\n\\[\n" + " + ".join(f(p.value) for p in prods)
               + f" = {c.fmt(total, f)}\n\\]\n")
    c.final = Num(total.value, a * b)
    out.append(f"So \\({a} \\times {b} = \\boxed{{{c.fmt(c.final)}}}\\).")
    return "", "".join(out), "stop"


def qwq_discrepancy(c: Calc, rng: random.Random) -> Reply:
    """QwQ: long multiplication with a slip, a check by another split that disagrees, the slip found and
    fixed; the final answer is right (an error that did not stick)."""
    a, b = c.a, c.b
    i = rng.randrange(len(c.parts))
    p = c.parts[i]
    slip = change_digit(p.row.should // 10 ** p.place, rng) * 10 ** p.place
    rows = [q.row.value for q in c.parts]
    rows_bad = rows.copy()
    rows_bad[i] = slip
    t = [f"Alright, I need to find {a} times {b}. Let's use long multiplication.\n\n"]
    for q, v in zip(c.parts, rows_bad):
        txt = FIXED_OPEN + str(v) + FIXED_CLOSE if q is p else str(v)
        t.append(f"{a} × {q.mult.value} = {txt}\n\n")
    bad_total = sum(rows_bad)
    t.append(f"Adding these up: {' + '.join(map(str, rows_bad))} = {FIXED_OPEN}{bad_total}{FIXED_CLOSE}\n\n")
    h, lo = divmod(b, 10 ** (len(str(b)) // 2))
    kk = len(str(b)) // 2
    t.append(f"Let me verify this another way. {b} = {h * 10 ** kk} + {lo}.\n\n{a} × {h * 10 ** kk} = "
             f"{a * h * 10 ** kk}\n\n{a} × {lo} = {a * lo}\n\nSum: {a * h * 10 ** kk} + {a * lo} = {a * b}\n\n")
    t.append(f"Hmm, that's different from {FIXED_OPEN}{bad_total}{FIXED_CLOSE}. There must be a mistake somewhere. "
             f"Let me check {a} × {p.mult.value} again: "
             + (f"{a} × {p.digit} = {a * p.digit}, so " if p.place else "")
             + f"{a} × {p.mult.value} = {p.row.value}, not {FIXED_OPEN}{slip}{FIXED_CLOSE}. I see, that was the "
             "error.\n\n"
             f"Corrected sum: {' + '.join(map(str, rows))} = {a * b}.\n\nNow both methods agree.\n")
    answer = f"The product of {comma(a)} and {comma(b)} is **{comma(c.final.value)}**."
    return "".join(t), answer, "stop"


def gpt4_two_misreads(c: Calc, rng: random.Random) -> Reply:
    """GPT-4's template with two rows multiplied by misread digits; the first in reading order is the
    first wrong step."""
    a, b = c.a, c.b
    names = ("units", "tens", "hundreds", "thousands")
    picks = sorted(rng.sample(range(len(c.parts)), 2))
    out = ["Let's break down the multiplication step by step:\n\n"]
    rows = []
    for i, p in enumerate(c.parts):
        d = p.digit
        shown = Num(d, d)
        if i in picks:
            shown = Num(d % 9 + 1, d, first=i == picks[0])
        row = a * shown.value
        rows.append(row * 10 ** p.place)
        also = Num(row, a * d, also=i == picks[0])
        tail = f", shifted: {row * 10 ** p.place}" if p.place else ""
        shift = f" and shift {p.place} place{'s' if p.place > 1 else ''} to the left" if p.place else ""
        out.append(f"{i + 1}. Multiply {a} by the {names[p.place]} digit of {b} ({c.fmt(shown)}){shift}: "
                   f"{a} × {shown.value} = {c.fmt(also)}{tail}\n")
    total = sum(rows)
    out.append(f"\nNow add all these results:\n{' + '.join(map(str, rows))} = {total}\n\nSo, {a} × {b} = {total}.")
    c.final = Num(total, a * b)
    return "", "".join(out), "stop"


def boxed_bare(c: Calc, rng: random.Random, wrong: bool) -> Reply:
    """A boxed answer first, then rows and no total: the answer is stated, not computed."""
    a, b = c.a, c.b
    c.final = Num(change_digit(a * b, rng) if wrong else a * b, a * b, first=wrong)
    out = [f"\\[\n\\boxed{{{c.fmt(c.final, tex_thin)}}}\n\\]\n\nTo see this, split {b}:\n\n"]
    for p in c.parts[::-1]:
        out.append(f"- \\({a} \\times {p.mult.value} = {tex_thin(p.row.value)}\\)\n")
    out.append("\nand these add up to the number above.")
    return "", "".join(out), "stop"


def align_chain(c: Calc, rng: random.Random) -> Reply:
    """One align* chain: the distributive split, the rows in one line, then the total, with `\\text{}`."""
    a, b = c.a, c.b
    f = rng.choice((tex_thin, tex_brace))
    parts = c.parts[::-1]
    out = ["\\[\n\\begin{align*}\n"
           f"{f(a)} \\times {f(b)} &= {f(a)} \\times ({' + '.join(f(p.mult.value) for p in parts)}) \\\\\n"
           f"&= {' + '.join(c.fmt(p.row, f) for p in parts)} \\\\\n"
           f"&= {c.fmt(c.total, f)} \\quad \\text{{(adding the partial products)}}\n"
           "\\end{align*}\n\\]\n\n"
           f"The result is \\(\\boxed{{{c.fmt(c.final, f)}}}\\)."]
    return "", "".join(out), "stop"


def r1_cut_in_align(c: Calc, rng: random.Random, inline: bool) -> Reply:
    """R1 whose answer (after a full thinking) is cut by the token limit inside the align block."""
    reasoning, answer, _ = r1(c, rng, inline_think=inline)
    cut = answer.index("\\end{align*}") - rng.randrange(8, 20)
    return reasoning, answer[:cut], "length"


def r1_rich(c: Calc, rng: random.Random, slip: str | None) -> Reply:
    """R1 thinking with the side computations real traces are full of: an estimate in scientific
    notation, a row by subtraction (a x 900 = a x 1000 - a x 100) or by halves (a x 7 = a x 4 + a x 3),
    a division check and a digit count. `slip`: "trick" (the subtraction or the halves added wrong) or
    "sum" (a running sum, injected by the Calc)."""
    a, b = c.a, c.b
    i = max(range(len(c.parts)), key=lambda j: (c.parts[j].digit, j))
    p = c.parts[i]
    d, place = p.digit, p.place
    est_a, est_b = float(f"{a:.2g}"), float(f"{b:.2g}")
    est = est_a * est_b
    mant, exp = f"{est:.2e}".split("e")
    t = [f"Okay, so I need to compute {comma(a)} × {comma(b)}. First, a rough estimate so I know what to expect: "
         f"about {est_a:g} × {est_b:g} ≈ {mant} × 10^{int(exp)}. So the answer should have around "
         f"{int(exp) + 1} digits.\n\nLet me break {comma(b)} down: "
         + " + ".join(comma(q.mult.value) for q in c.parts[::-1]) + ".\n\n"]
    for q in c.parts[::-1]:
        if q is not p:
            t.append(f"{comma(a)} × {comma(q.mult.value)} = {c.fmt(q.row, comma)}.\n\n")
            continue
        if d >= 8:
            big, small = a * 10 ** (place + 1), a * (10 - d) * 10 ** place
            good = big - small
            val = change_digit(good, rng) if slip == "trick" else good
            row = Num(val, good, first=slip == "trick")
            t.append(f"For {comma(a)} × {comma(q.mult.value)}, it's easier to subtract: {comma(a)} × "
                     f"{comma(10 ** (place + 1))} − {comma(a)} × {comma((10 - d) * 10 ** place)} = {comma(big)} − "
                     f"{comma(small)} = {c.fmt(row, comma)}.\n\n")
        else:
            h = d // 2 + 1
            good = a * d
            val = change_digit(good, rng) if slip == "trick" else good
            single = Num(val, good, first=slip == "trick")
            row = Num(val * 10 ** place, good * 10 ** place)
            t.append(f"For {comma(a)} × {d}, split it as {h} + {d - h}: {comma(a)} × {h} = {comma(a * h)} and "
                     f"{comma(a)} × {d - h} = {comma(a * (d - h))}, so {comma(a)} × {d} = {comma(a * h)} + "
                     f"{comma(a * (d - h))} = {c.fmt(single, comma)}."
                     + (f" Then × {comma(10 ** place)} gives {c.fmt(row, comma)}.\n\n" if place else "\n\n"))
        q.row.value, q.row.should = row.value, row.should
    if slip == "trick":
        recompute(c)
    t.append("Now add everything, starting from the smallest:\n\n")
    acc = c.parts[0].row
    for j, s in enumerate(c.sums):
        t.append(f"{c.fmt(acc, comma)} + {c.fmt(c.parts[j + 1].row, comma)} = {c.fmt(s, comma)}\n\n")
        acc = s
    digits = len(str(c.total.value))
    article = "an" if str(digits).startswith("8") or digits in (11, 18) else "a"
    t.append(f"So the total is {c.fmt(c.total, comma)}. That's {article} {digits}-digit number, consistent with the "
             f"estimate. Quick check by division: {comma(c.total.value)} ÷ {comma(b)} ≈ "
             f"{c.total.value / b:,.1f}, and {comma(a)} is what we started with, so it looks right.\n")
    answer = (f"**Estimate:** \\( \\approx {mant} \\times 10^{{{int(exp)}}} \\)\n\n**Partial products:**\n\n"
              + "\n".join(f"- \\( {tex_thin(a)} \\times {tex_thin(q.mult.value)} = {tex_thin(q.row.value)} \\)"
                          for q in c.parts[::-1])
              + f"\n\n**Sum:** \\( {tex_thin(c.total.value)} \\)\n\n\\[\n\\boxed{{{c.fmt(c.final, tex_thin)}}}\n\\]")
    return "".join(t), answer, "stop"
