"""Write tests/analysis/fresh/traces.jsonl: traces in wordings and layouts the analyzer was not developed on.

    .venv/bin/python -m tests.analysis.fresh.build

Each style below writes one reply the way a given model family writes long multiplication (DeepSeek-R1 prose,
Qwen markdown, Llama stacks, Claude steps, Gemini bullets, o1-style summaries, LaTeX align blocks), in the
notations where the analyzer was weakest: digit rows (a reply cut at the token limit, a row added without its
shift), column work with a row left out, cross products of split operands with a misread chunk, LaTeX align
blocks with a wrong sum or cut off. The numbers come from Python arithmetic: the slip is injected where it
happens and every later number is computed from the values written before it. The first wrong number is put
between markers in the text, which become the label's offsets; `labels.py` checks each label again.

The split is fixed before any analysis (`split_of`): a record is held out when sha256(id) % 10 < 3. Tune on
the other 70% only; the held-out figure is measured, never tuned to.
"""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

PATH = Path(__file__).with_name("traces.jsonl")
F1, F2 = "\x01", "\x02"   # the first wrong number
A1, A2 = "\x03", "\x04"   # another number of the same wrong step that also locates it
PLACE = ["ones", "tens", "hundreds", "thousands", "ten-thousands", "hundred-thousands"]


def split_of(record_id: str) -> str:
    return "held" if int(hashlib.sha256(record_id.encode()).hexdigest(), 16) % 10 < 3 else "tune"


def c(n: int) -> str:
    return f"{n:,}"


def tex(n: int, sep: str = "\\,") -> str:
    return f"{n:,}".replace(",", sep)


SHOULD: list[int] = []   # the value the first wrong number should have had, set where it is marked


def first(text: str, should: int | None = None) -> str:
    if should is not None:
        SHOULD.append(should)
    return F1 + text + F2


def stated_total(written: str, err: str, product: int) -> str:
    """The total as a trace states it: after a left-out row or a wrong sum, marked as its first wrong number."""
    return first(written, product) if err in ("missing_row", "sum") else written


def also(text: str) -> str:
    return A1 + text + A2


def operands(rng: random.Random, da: int, db: int, zeros: bool = False) -> tuple[int, int]:
    def num(d: int) -> int:
        while True:
            n = rng.randrange(10 ** (d - 1), 10 ** d)
            if zeros or "0" not in str(n) and len(set(str(n))) == d:
                return n
    return num(da), num(db)


class Rows:
    """The rows of a x b one per multiplier digit (ones first), with at most one slip."""

    def __init__(self, a: int, b: int, err: str, rng: random.Random) -> None:
        self.a, self.b, self.err = a, b, err
        self.digits = [int(d) for d in reversed(str(b))]
        n = len(self.digits)
        self.bad = rng.randrange(1, n) if err in ("shift", "missing_row", "sum") else None
        # the row as added: its value and its shift
        self.prod = [a * d for d in self.digits]
        self.shifted = [a * d * 10 ** i for i, d in enumerate(self.digits)]
        self.added = list(self.shifted)
        if err == "shift":
            self.added[self.bad] = self.prod[self.bad] * 10 ** (self.bad - 1)
        self.order = [i for i in range(n) if not (err == "missing_row" and i == self.bad)]
        self.sums: list[int] = []
        acc = self.added[self.order[0]]
        for k, i in enumerate(self.order[1:]):
            acc += self.added[i]
            if err == "sum" and k == min(self.bad, len(self.order) - 1) - 1:
                acc += rng.choice([-1, 1]) * 10 ** rng.randrange(1, 4)
            self.sums.append(acc)
        self.total = acc

    def restated(self, text: str) -> str:
        """The total restated after the last sum: with the last row left out, it still shows the gap."""
        return also(text) if self.err == "missing_row" and self.bad == len(self.digits) - 1 else text

    def short(self, i: int) -> int:
        """How many places the row of a shift error was moved (one short of its place)."""
        return i - 1


def running(R: Rows, fmt=str, mark_term=also) -> list[tuple[str, str, str]]:
    """The running sums as (previous, added row, sum) texts, the first wrong one marked: a wrong sum, the sum
    that should have added a left-out row (the last sum when the last row is left out), the row added
    without its shift."""
    out = []
    prev = R.added[R.order[0]]
    marked = False
    n = len(R.order) - 1
    for k, i in enumerate(R.order[1:]):
        s = R.sums[k]
        right = R.a * R.b if k == n - 1 else sum(R.shifted[j] for j in range(len(R.digits)) if j <= i)
        val = fmt(s)
        due = (R.err == "sum" and s != sum(R.added[j] for j in R.order[:k + 2])) or \
            (R.err == "missing_row" and (i > R.bad or (k == n - 1 and R.bad > i)))
        if not marked and due:
            val, marked = first(val, right), True
        term = fmt(R.added[i])
        if R.err == "shift" and i == R.bad:
            term = mark_term(term)
        out.append((fmt(prev), term, val))
        prev = s
    return out


def cut(text: str, rng: random.Random, lo: float = 0.45, hi: float = 0.85) -> str:
    """Cut a right reply at a space between lo and hi of its length, as at the token limit."""
    return cut_between(text, 0, len(text), rng, lo, hi)


def cut_between(text: str, start: int, end: int, rng: random.Random, lo: float, hi: float, at: str = " ") -> str:
    """Cut `text` at the last `at` before a point between lo and hi of the way from `start` to `end`: the token
    limit reached inside the working."""
    stop = text.rfind(at, start, int(start + (end - start) * rng.uniform(lo, hi)))
    return text[:stop + 1]


def as_answer(text: str, err: str, rng: random.Random, lo: float, hi: float) -> tuple[str, str]:
    """(reasoning, answer) of a reply written whole as its answer, cut between lo and hi for a truncation."""
    return "", cut(text, rng, lo, hi) if err == "truncation" else text


# ---------------------------------------------------------------------------------------------------------
# digit rows, one per multiplier digit


def r1_prose(a: int, b: int, err: str, rng: random.Random) -> tuple[str, str]:
    R = Rows(a, b, err, rng)
    out = [f"Okay, so I need to multiply {a} by {b}. Let me do it the long way, one digit of {b} at a time.\n\n"]
    lines = []
    for i, d in enumerate(R.digits):
        p = R.prod[i]
        if err == "missing_row" and i == R.bad:
            continue
        if i == 0:
            lines.append(f"Starting with the ones digit, which is {d}: {a} times {d} is {p}.")
        elif err == "shift" and i == R.bad and i == 1:
            lines.append(f"Now, multiply by the {PLACE[i]} digit, {d}. {a} × {d} = {first(str(p), R.shifted[i])}.")
        elif err == "shift" and i == R.bad:
            lines.append(f"Now, multiply by the {PLACE[i]} digit, {d}. {a} × {d} = {p}, and since it's the "
                         f"{PLACE[i]} place I shift it {i - 1} place{'s' if i > 2 else ''} to the left, so it becomes "
                         f"{first(str(R.added[i]), R.shifted[i])}.")
        else:
            lines.append(f"Now, multiply by the {PLACE[i]} digit, {d}. {a} × {d} = {p}, and since it's the "
                         f"{PLACE[i]} place I shift it {i} place{'s' if i > 1 else ''} to the left, so it becomes "
                         f"{R.shifted[i]}.")
    out.append("\n\n".join(lines))
    out.append("\n\nHmm, let me add these up.\n\n")
    acc_txt = [f"{p} + {t} = {v}." for p, t, v in running(R)]
    out.append(" Then ".join(acc_txt))
    out.append(f"\n\nSo {a} × {b} should be {R.restated(str(R.total))}. "
               "Let me double-check the rows... yes, that looks right.\n")
    reasoning = "".join(out)
    answer = f"The product of {a} and {b} is **{R.total}**."
    return reasoning, answer


def qwen_next_row(a: int, b: int, err: str, rng: random.Random) -> tuple[str, str]:
    R = Rows(a, b, err, rng)
    parts = " + ".join(str(d * 10 ** i) for i, d in reversed(list(enumerate(R.digits))))
    out = [f"To compute ${a} \\times {b}$, I multiply {a} by each digit of {b}, shifting each row.\n\n"
           f"We have {b} = {parts}.\n\n"]
    for i, d in enumerate(R.digits):
        if err == "missing_row" and i == R.bad:
            continue
        m = d * 10 ** i
        if i == 0:
            out.append(f"First row (×{m}): {a} × {m} = {c(R.shifted[i])}\n")
        elif err == "shift" and i == R.bad and i == 1:
            out.append(f"Next row (×{m}): {a} × {d} = {first(c(R.prod[i]), R.shifted[i])}\n")
        elif err == "shift" and i == R.bad:
            out.append(f"Next row (×{m}): {a} × {d} = {c(R.prod[i])}, shifted: {first(c(R.added[i]), R.shifted[i])}\n")
        else:
            out.append(f"Next row (×{m}): {a} × {m} = {c(R.shifted[i])}\n")
    out.append("\nAdding the rows:\n")
    out += [f"- {p} + {t} = {v}\n" for p, t, v in running(R, c)]
    out.append(f"\nTherefore ${a} \\times {b} = {R.restated(c(R.total))}$.")
    text = "".join(out)
    return "", text + f"\n\n**Answer:** $\\boxed{{{R.total}}}$"


def llama_stack(a: int, b: int, err: str, rng: random.Random) -> tuple[str, str]:
    R = Rows(a, b, err, rng)
    width = len(str(R.total)) + 2
    lines = [f"Let's multiply {a} by {b} using long multiplication.", "", "```",
             str(a).rjust(width), ("x " + str(b)).rjust(width), "-" * width]
    for i, d in enumerate(R.digits):
        if err == "missing_row" and i == R.bad:
            continue
        note = "" if i == 0 else f", shifted {i} place{'s' if i > 1 else ''}"
        val = str(R.added[i])
        shown = R.added[i]
        if err == "shift" and i == R.bad:
            val = first(val, R.shifted[i])
        lines.append(str(shown).rjust(width).replace(str(shown), val) + f"   ({a} x {d}{note})")
    lines += ["-" * width]
    tot = str(R.total)
    tot = stated_total(tot, err, a * b)
    lines += [str(R.total).rjust(width).replace(str(R.total), tot), "```", ""]
    if err == "shift":
        lines.append(f"So {a} x {b} = {R.total}.")
    else:
        lines.append(f"Adding the partial products gives {R.restated(str(R.total))}, so {a} x {b} = {R.total}.")
    return "", "\n".join(lines)


def claude_steps(a: int, b: int, err: str, rng: random.Random) -> tuple[str, str]:
    R = Rows(a, b, err, rng)
    out = [f"I'll multiply {c(a)} × {c(b)} digit by digit.\n\n"]
    step = 1
    for i, d in enumerate(R.digits):
        if err == "missing_row" and i == R.bad:
            continue
        out.append(f"**Step {step}: Multiply by the {PLACE[i]} digit ({d})**\n")
        if i == 0:
            out.append(f"{c(a)} × {d} = {c(R.prod[i])}\n\n")
        elif err == "shift" and i == R.bad and i == 1:
            out.append(f"{c(a)} × {d} = {first(c(R.prod[i]), R.shifted[i])}\n\n")
        elif err == "shift" and i == R.bad:
            out.append(f"{c(a)} × {d} = {c(R.prod[i])} → shift {i - 1} place{'s' if i > 2 else ''} left: "
                       f"{first(c(R.added[i]), R.shifted[i])}\n\n")
        else:
            out.append(f"{c(a)} × {d} = {c(R.prod[i])} → shift {i} place{'s' if i > 1 else ''} left: "
                       f"{c(R.shifted[i])}\n\n")
        step += 1
    out.append(f"**Step {step}: Add the partial products**\n")
    terms = []
    for i in R.order:
        t = c(R.added[i])
        terms.append(also(t) if err == "shift" and i == R.bad else t)
    total = c(R.total)
    total = stated_total(total, err, a * b)
    out.append(" + ".join(terms) + f" = {total}\n\n")
    out.append(f"**{c(a)} × {c(b)} = {R.restated(c(R.total))}**")
    return "", "".join(out)


def gemini_bullets(a: int, b: int, err: str, rng: random.Random) -> tuple[str, str]:
    R = Rows(a, b, err, rng)
    out = [f"Here's how to multiply {a} by {b}:\n\n**1. Partial products**\n\n"]
    for i, d in enumerate(R.digits):
        if err == "missing_row" and i == R.bad:
            continue
        if i == 0:
            out.append(f"*   Multiply by {d} ({PLACE[i]} place): {a} × {d} = {R.prod[i]}\n")
        elif err == "shift" and i == R.bad and i == 1:
            out.append(f"*   Multiply by {d} ({PLACE[i]} place): {a} × {d} = {first(str(R.prod[i]), R.shifted[i])}\n")
        elif err == "shift" and i == R.bad:
            zeros = "a zero" if i == 2 else f"{i - 1} zeros"
            out.append(f"*   Multiply by {d} ({PLACE[i]} place): {a} × {d} = {R.prod[i]}, then add {zeros}: "
                       f"{first(str(R.added[i]), R.shifted[i])}\n")
        else:
            zeros = "a zero" if i == 1 else f"{i} zeros"
            out.append(f"*   Multiply by {d} ({PLACE[i]} place): {a} × {d} = {R.prod[i]}, then add {zeros}: "
                       f"{R.shifted[i]}\n")
    out.append("\n**2. Add them up**\n\n")
    out += [f"*   {p} + {t} = {v}\n" for p, t, v in running(R)]
    out.append(f"\nSo, {a} × {b} = **{R.restated(str(R.total))}**")
    return "", "".join(out)


def md_table(a: int, b: int, err: str, rng: random.Random) -> tuple[str, str]:
    R = Rows(a, b, err, rng)
    out = [f"Let me set this up as a table of partial products for {a} × {b}.\n\n",
           "| Digit of multiplier | Place | Product | Shifted |\n|---|---|---|---|\n"]
    for i, d in enumerate(R.digits):
        if err == "missing_row" and i == R.bad:
            continue
        sh = str(R.added[i])
        if err == "shift" and i == R.bad:
            sh = first(sh, R.shifted[i])
        out.append(f"| {d} | {PLACE[i]} | {R.prod[i]} | {sh} |\n")
    out.append("\nNow add the shifted column: ")
    terms = [also(str(R.added[i])) if err == "shift" and i == R.bad else str(R.added[i]) for i in R.order]
    tot = str(R.total)
    tot = stated_total(tot, err, a * b)
    out.append(" + ".join(terms) + f" = {tot}.\n\nSo the product is {R.restated(str(R.total))}.")
    return "", "".join(out)


def r1_cut_rows(a: int, b: int, err: str, rng: random.Random, style: int) -> tuple[str, str]:
    """Digit rows cut at the token limit, every written step right."""
    writer = [r1_prose, qwen_next_row, claude_steps, gemini_bullets][style]
    reasoning, answer = writer(a, b, "none", rng)
    text = reasoning if reasoning else answer
    text = text.split("\n\nSo")[0] if style == 0 else text
    return (cut(text, rng), "") if style == 0 else ("", cut(text, rng))


# ---------------------------------------------------------------------------------------------------------
# column work, position by position


def column_rows(a: int, d: int, i: int, wording: int) -> tuple[list[str], int]:
    lines = []
    carry = 0
    digits = [int(x) for x in reversed(str(a))]
    out_digits = []
    for pos, x in enumerate(digits):
        t = x * d + carry
        w, nc = t % 10, t // 10
        if wording == 0:
            lines.append(f"position {pos}: {x}x{d} + carry {carry} = {t}, write {w} carry {nc}")
        elif wording == 1:
            lines.append(f"  {d} × {x} = {x * d}, plus carry {carry} → {t}; write {w}, carry the {nc}")
        else:
            lines.append(f"| {pos} | {x} × {d} + {carry} | {t} | {w} | {nc} |")
        out_digits.append(w)
        carry = nc
    if carry:
        lines.append(f"bring down the final carry {carry}" if wording != 2 else
                     f"| final | carry | {carry} | {carry} | 0 |")
    return lines, a * d


def column_work(a: int, b: int, err: str, rng: random.Random, wording: int) -> tuple[str, str]:
    R = Rows(a, b, err, rng)
    out = [f"Let me multiply {a} × {b} column by column, one row per digit of {b}.\n\n"]
    for i, d in enumerate(R.digits):
        if err == "missing_row" and i == R.bad:
            continue
        head = (f"Row {i + 1}: {a} × {d} ({PLACE[i]} digit)" if wording != 1 else
                f"Multiplying by {d} (the {PLACE[i]} digit):")
        out.append(head + "\n")
        if wording == 2:
            out.append("| pos | product | total | write | carry |\n|---|---|---|---|---|\n")
        lines, p = column_rows(a, d, i, wording)
        out.append("\n".join(lines) + "\n")
        if i == 0:
            out.append(f"Row = {p}\n\n")
        else:
            out.append(f"Row = {p}, shifted {i} place{'s' if i > 1 else ''}: {R.shifted[i]}\n\n")
    out.append("Now add the rows:\n")
    out += [f"{p} + {t} = {v}\n" for p, t, v in running(R)]
    out.append(f"\nFinal answer: {R.total}")
    text = "".join(out)
    return "", text


# ---------------------------------------------------------------------------------------------------------
# cross products of split operands


def cross(a: int, b: int, err: str, rng: random.Random, wording: int) -> tuple[str, str]:
    k = len(str(a)) // 2 if wording != 1 else 4
    a_hi, a_lo = divmod(a, 10 ** k)
    b_hi, b_lo = divmod(b, 10 ** k)
    ah, bh = a_hi * 10 ** k, b_hi * 10 ** k
    pairs = [(ah, bh), (ah, b_lo), (a_lo, bh), (a_lo, b_lo)]
    bad = rng.randrange(1, 4) if err == "misread" else None
    rows = []
    for j, (x, y) in enumerate(pairs):
        y_read = y
        if j == bad:
            ds = str(y).rstrip("0") if y >= 10 ** k else str(y)
            zeros = len(str(y)) - len(ds)
            # swap two adjacent digits that differ, or change one digit
            s = list(ds)
            for p in range(len(s) - 1):
                if s[p] != s[p + 1]:
                    s[p], s[p + 1] = s[p + 1], s[p]
                    break
            else:
                s[-1] = str((int(s[-1]) + 2) % 10 or 3)
            y_read = int("".join(s) + "0" * zeros)
        rows.append((x, y, y_read, x * y_read))
    total = sum(r[3] for r in rows)
    out = []
    if wording == 0:
        out.append(f"Let me split both numbers: {a} = {ah} + {a_lo} and {b} = {bh} + {b_lo}.\n\n"
                   f"Then {a} × {b} = ({ah} + {a_lo})({bh} + {b_lo}), which expands into four cross products:\n\n")
        for j, (x, y, yr, v) in enumerate(rows):
            ys = first(str(yr), y) if j == bad else str(yr)
            vs = also(str(v)) if j == bad else str(v)
            out.append(f"- {x} × {ys} = {vs}\n")
        out.append(f"\nAdding them: {' + '.join(str(r[3]) for r in rows)} = {total}.\n\n")
        out.append(f"So {a} × {b} = {total}.")
        return "", "".join(out)
    if wording == 1:
        out.append(f"Write {a} = {a_hi} \\times 10^{k} + {a_lo} and {b} = {b_hi} \\times 10^{k} + {b_lo}.\n\n"
                   f"The cross terms:\n")
        names = ["high × high", "high × low", "low × high", "low × low"]
        for j, (x, y, yr, _v) in enumerate(rows):
            xs = x // 10 ** k if x >= 10 ** k else x
            yrs = yr // 10 ** k if y >= 10 ** k else yr
            ys = first(str(yrs), y // 10 ** k if y >= 10 ** k else y) if j == bad else str(yrs)
            vv = xs * yrs
            vs = also(str(vv)) if j == bad else str(vv)
            out.append(f"{names[j]}: {xs} × {ys} = {vs}\n")
        hh = rows[0][3] // 10 ** (2 * k)
        mid = (rows[1][3] + rows[2][3]) // 10 ** k
        ll = rows[3][3]
        out.append(f"\nCombine: {hh} \\times 10^{2 * k} + {mid} \\times 10^{k} + {ll} = {total}.\n")
        return f"Okay, the user wants {a} times {b}. Splitting into 4-digit chunks seems easiest.\n\n" + "".join(out), \
            f"{a} × {b} = {total}"
    # o1-style summary
    out.append(f"**Split:** {a} = {ah} + {a_lo}, {b} = {bh} + {b_lo}\n\n**Cross products:**\n")
    for j, (x, y, yr, v) in enumerate(rows):
        ys = first(c(yr), y) if j == bad else c(yr)
        vs = also(c(v)) if j == bad else c(v)
        out.append(f"* {c(x)} × {ys} = {vs}\n")
    out.append(f"\n**Sum:** {' + '.join(c(r[3]) for r in rows)} = {c(total)}\n\n**Result:** {c(total)}")
    return "", "".join(out)


# ---------------------------------------------------------------------------------------------------------
# LaTeX align blocks


def align_chain(a: int, b: int, err: str, rng: random.Random, wording: int) -> tuple[str, str]:
    e = "sum" if err == "sum" else ("none" if err == "truncation" else err)
    R = Rows(a, b, e, rng)
    places = [i for i in reversed(range(len(R.digits)))]
    sep = "\\," if wording == 0 else "{,}"
    terms = [R.shifted[i] for i in places]
    lines = []
    lines.append(f"{a} \\times {b} &= {a} \\times ({' + '.join(str(R.digits[i] * 10 ** i) for i in places)}) \\\\")
    lines.append("&= " + " + ".join(f"{a} \\times {R.digits[i] * 10 ** i}" for i in places) + " \\\\")
    lines.append("&= " + " + ".join(tex(t, sep) for t in terms) + " \\\\")
    # add from the top, left to right
    acc = terms[0]
    marked = False
    for n in range(1, len(terms)):
        acc += terms[n]
        if e == "sum" and n == min(R.bad, len(terms) - 1) and not marked:
            acc += rng.choice([-1, 1]) * 10 ** rng.randrange(1, 4)
            v = first(tex(acc, sep), sum(terms[:n + 1]))
            marked = True
        else:
            v = tex(acc, sep)
        rest = terms[n + 1:]
        note = " \\quad \\text{(adding the first rows)}" if wording == 1 and n == 1 else ""
        lines.append("&= " + " + ".join([v] + [tex(t, sep) for t in rest]) + note + " \\\\")
    lines[-1] = lines[-1].rstrip(" \\")
    total = acc
    body = "\n".join(lines)
    env = "align*" if wording == 0 else "aligned"
    if wording == 0:
        block = f"\\begin{{align*}}\n{body}\n\\end{{align*}}"
    else:
        block = f"$$\n\\begin{{aligned}}\n{body}\n\\end{{aligned}}\n$$"
    intro = (f"<think>\nI'll expand {b} by place value and add the rows one at a time.\n</think>\n\n"
             if wording == 1 else f"We expand {b} into its place values:\n\n")
    text = intro + block + f"\n\nTherefore, the product is $\\boxed{{{total}}}$."
    if err == "truncation":
        return "", cut_between(text, text.index("&=") + 2, text.index(f"\\end{{{env}}}"), rng, 0.4, 0.9)
    del env
    return "", text


def align_rows_block(a: int, b: int, err: str, rng: random.Random) -> tuple[str, str]:
    e = "sum" if err == "sum" else "none"
    R = Rows(a, b, e, rng)
    rows = "\n".join(f"{a} \\times {R.digits[i] * 10 ** i} &= {tex(R.shifted[i], ',')} \\\\" for i in
                     reversed(range(len(R.digits))))
    sums = [f"{p} + {t} &= {v} \\\\" for p, t, v in running(R, lambda n: tex(n, ","))]
    sums[-1] = sums[-1].rstrip(" \\")
    text = (f"Hmm, okay. Let me lay out the rows for {a} times {b} first, starting from the units digit.\n\n"
            "Partial products:\n\\[\n\\begin{align*}\n" + rows.rstrip(" \\") + "\n\\end{align*}\n\\]\n\n"
            "Let me add these up from the smallest:\n\\[\n\\begin{align*}\n" + "\n".join(sums) +
            "\n\\end{align*}\n\\]\n")
    if err == "truncation":
        return cut_between(text, text.index("Let me add"), len(text), rng, 0.3, 0.8), ""
    return text, f"So the answer is $\\boxed{{{R.total}}}$."


# ---------------------------------------------------------------------------------------------------------

# ---------------------------------------------------------------------------------------------------------
# second batch (written after the first was tuned on, before any analysis of these): digit work with every
# carry then a stack, LaTeX arrays, align with powers of ten, cross products in LaTeX, R1 "wait" restarts


def digit_stack(a: int, b: int, err: str, rng: random.Random) -> tuple[str, str]:
    """Llama/Qwen digit work: every digit product with its carry in words, then the rows stacked and added."""
    R = Rows(a, b, "none" if err == "truncation" else err, rng)
    out = [f"Sure! Let's work out {a} × {b} digit by digit.\n\n"]
    for i, d in enumerate(R.digits):
        if err == "missing_row" and i == R.bad:
            continue
        out.append(f"Multiplying {a} by {d} ({PLACE[i]} digit of {b}):\n")
        carry = 0
        for x in reversed(str(a)):
            t = int(x) * d + carry
            if carry:
                out.append(f"- {d} times {x} is {int(x) * d}, plus the {carry} carried makes {t}. Write {t % 10}, "
                           f"carry the {t // 10}.\n")
            else:
                out.append(f"- {d} times {x} is {t}. Write {t % 10}, carry the {t // 10}.\n")
            carry = t // 10
        if carry:
            out.append(f"- Bring down the {carry}.\n")
        if i == 0:
            out.append(f"That row is {R.prod[i]}.\n\n")
        elif err == "shift" and i == R.bad:
            shown = first(str(R.added[i]), R.shifted[i])
            places = f"{i - 1 or 'no'} place{'s' if i != 2 else ''}"
            out.append(f"That row is {R.prod[i]}; shifted {places}, it is {shown}.\n\n")
        else:
            out.append(f"That row is {R.prod[i]}; shifted {i} place{'s' if i > 1 else ''} it is {R.shifted[i]}.\n\n")
    width = len(str(R.total)) + 1
    out.append("Now stack the rows and add:\n\n```\n")
    for i in R.order:
        out.append(str(R.added[i]).rjust(width) + "\n")
    out.append("-" * width + "\n")
    tot = str(R.total)
    tot = stated_total(tot, err, a * b)
    out.append(str(R.total).rjust(width).replace(str(R.total), tot) + "\n```\n\n")
    out.append(f"So {a} × {b} = {R.restated(str(R.total))}.")
    return as_answer("".join(out), err, rng, 0.4, 0.9)


def latex_array(a: int, b: int, err: str, rng: random.Random) -> tuple[str, str]:
    """A DeepSeek/Qwen-math column layout as a LaTeX array with \\hline, rows ones first."""
    R = Rows(a, b, "none" if err == "truncation" else err, rng)
    lines = [f"We line up the multiplication:\n\n$$\n\\begin{{array}}{{r}}\n{tex(a, '{,}')} \\\\\n"
             f"\\times\\ {tex(b, '{,}')} \\\\\n\\hline\n"]
    for i in R.order:
        v = tex(R.added[i], "{,}")
        if err == "shift" and i == R.bad:
            v = first(v, R.shifted[i])
        lines.append(f"{v} \\\\\n")
    tot = tex(R.total, "{,}")
    tot = stated_total(tot, err, a * b)
    lines.append(f"\\hline\n{tot}\n\\end{{array}}\n$$\n\n")
    lines.append(f"Each row is {a} times one digit of {b}, moved left by its place. "
                 f"The product is $\\boxed{{{R.total}}}$.")
    text = "".join(lines)
    if err == "truncation":
        return "", cut_between(text, text.index("\\hline"), text.index("\\end{array}"), rng, 0.4, 0.95, at="\n")
    return "", text


def align_pow(a: int, b: int, err: str, rng: random.Random) -> tuple[str, str]:
    """An align block in powers of ten: a x d x 10^{k} rows, then one sum per line, `\\text{}` notes."""
    e = "none" if err == "truncation" else err
    R = Rows(a, b, e, rng)
    lines = ["\\begin{align}"]
    for i in reversed(range(len(R.digits))):
        pw = f" \\times 10^{{{i}}}" if i else ""
        lines.append(f"{a} \\times {R.digits[i]}{pw} &= {tex(R.prod[i], ',')}{pw} = {tex(R.shifted[i], ',')} \\\\")
    terms = [R.shifted[i] for i in reversed(range(len(R.digits)))]
    acc = prev = terms[0]
    marked = False
    for n in range(1, len(terms)):
        acc += terms[n]
        right = sum(terms[:n + 1])
        if e == "sum" and n == min(R.bad, len(terms) - 1):
            acc += rng.choice([-1, 1]) * 10 ** rng.randrange(1, 4)
        v = tex(acc, ",")
        if acc != right and not marked:
            v, marked = first(v, right), True
        lines.append(f"{tex(prev, ',')} + {tex(terms[n], ',')} &= {v} \\\\")
        prev = acc
    lines[-1] = lines[-1].rstrip(" \\")
    lines.append("\\end{align}")
    text = (f"Hmm, let me redo this more carefully with place values for ${a} \\times {b}$:\n\n" + "\n".join(lines) +
            f"\n\nSo the product is {acc}.\n")
    if err == "truncation":
        return cut_between(text, text.index("\\begin{align}"), text.index("\\end{align}"), rng, 0.45, 0.95), ""
    return text, f"$$\\boxed{{{acc}}}$$"


def cross_latex(a: int, b: int, err: str, rng: random.Random) -> tuple[str, str]:
    """Both operands split into a round part and a small part, the four products in an align block."""
    k = 2
    a_hi, a_lo = divmod(a, 10 ** k)
    b_hi, b_lo = divmod(b, 10 ** k)
    ah, bh = a_hi * 10 ** k, b_hi * 10 ** k
    pairs = [(ah, bh), (ah, b_lo), (a_lo, bh), (a_lo, b_lo)]
    bad = rng.randrange(1, 4) if err == "misread" else None
    rows = []
    for j, (x, y) in enumerate(pairs):
        yr = y
        if j == bad:
            ds = str(y)
            digits = [p for p in range(len(ds)) if ds[p] != "0"]
            p = digits[0]
            yr = int(ds[:p] + str((int(ds[p]) + rng.choice([1, 2])) % 10 or 1) + ds[p + 1:])
        rows.append((x, y, yr, x * yr))
    total = sum(r[3] for r in rows)
    out = [f"Write ${a} = {ah} + {a_lo}$ and ${b} = {bh} + {b_lo}$. Then\n\\[\n\\begin{{aligned}}\n"
           f"{a} \\times {b} &= ({ah} + {a_lo})({bh} + {b_lo}) \\\\\n"
           f"&= {ah} \\cdot {bh} + {ah} \\cdot {b_lo} + {a_lo} \\cdot {bh} + {a_lo} \\cdot {b_lo}\n"
           "\\end{aligned}\n\\]\nComputing each product:\n"]
    for j, (x, y, yr, v) in enumerate(rows):
        ys = first(str(yr), y) if j == bad else str(yr)
        vs = also(tex(v)) if j == bad else tex(v)
        out.append(f"- ${x} \\cdot {ys} = {vs}$\n")
    out.append(f"\nAdding: ${' + '.join(tex(r[3]) for r in rows)} = {tex(total)}$.\n\n"
               f"**Final answer:** $\\boxed{{{total}}}$")
    return "", "".join(out)


def r1_wait_cut(a: int, b: int, err: str, rng: random.Random) -> tuple[str, str]:
    """R1 thinking with a slip it catches ("Hmm, wait"), cut at the token limit after the fix, all else right."""
    R = Rows(a, b, "none", rng)
    out = [f"Okay, let's see. I need to compute {a} times {b}. I'll go digit by digit through {b}, "
           "starting from the right.\n\n"]
    slip_row = rng.randrange(1, len(R.digits))
    for i, d in enumerate(R.digits):
        if i == slip_row:
            wrong = R.prod[i] + 10 * rng.choice([-1, 1])
            out.append(f"Next, the {PLACE[i]} digit is {d}. {a} × {d}... that's {wrong}. Hmm, wait, let me check that. "
                       f"{a} × {d}: actually it's {R.prod[i]}, not {wrong}. Shifted by {i}: {R.shifted[i]}.\n\n")
        elif i == 0:
            out.append(f"The ones digit is {d}. {a} × {d} = {R.prod[i]}.\n\n")
        else:
            out.append(f"Then the {PLACE[i]} digit, {d}: {a} × {d} = {R.prod[i]}, so with {i} zero"
                       f"{'s' if i > 1 else ''} that's {R.shifted[i]}.\n\n")
    out.append("Now let me add them up step by step. ")
    out.append(" ".join(f"{p} plus {t} is {v}." for p, t, v in running(R)))
    out.append(f" So the answer should be {R.total}.")
    text = "".join(out)
    return cut_between(text, text.index(" not "), len(text), rng, 0.3, 0.9), ""


# ---------------------------------------------------------------------------------------------------------
# third batch (written after the second was tuned on, before any analysis of these)


def o1_summary(a: int, b: int, err: str, rng: random.Random) -> tuple[str, str]:
    """An o1-style visible summary: bullet rows with the place in parentheses, then one sum line."""
    R = Rows(a, b, "none" if err == "truncation" else err, rng)
    out = [f"**Approach:** long multiplication, one partial product per digit of {c(b)}.\n\n**Partial products:**\n"]
    for i, d in enumerate(R.digits):
        if err == "missing_row" and i == R.bad:
            continue
        v = c(R.added[i])
        if err == "shift" and i == R.bad:
            v = first(v, R.shifted[i])
        out.append(f"• {c(a)} × {d} ({PLACE[i]}) → {v}\n")
    terms = [also(c(R.added[i])) if err == "shift" and i == R.bad else c(R.added[i]) for i in R.order]
    tot = c(R.total)
    tot = stated_total(tot, err, a * b)
    out.append(f"\n**Sum:** {' + '.join(terms)} = {tot}\n\n**Answer:** {c(R.total)}")
    return as_answer("".join(out), err, rng, 0.4, 0.8)


def gemini_calc_table(a: int, b: int, err: str, rng: random.Random) -> tuple[str, str]:
    """Gemini's table of steps: | Step | Calculation | Result |, each row a x (digit x place value)."""
    R = Rows(a, b, "none" if err == "truncation" else err, rng)
    out = [f"Let's break down ${a} \\times {b}$.\n\n| Step | Calculation | Result |\n| :--- | :--- | ---: |\n"]
    step = 1
    for i, d in enumerate(R.digits):
        if err == "missing_row" and i == R.bad:
            continue
        m = d * 10 ** i
        v = c(R.added[i])
        if err == "shift" and i == R.bad:
            v = first(v, R.shifted[i])
        out.append(f"| {step}. {PLACE[i].capitalize()} | {a} × {m} | {v} |\n")
        step += 1
    terms = [also(c(R.added[i])) if err == "shift" and i == R.bad else c(R.added[i]) for i in R.order]
    tot = c(R.total)
    tot = stated_total(tot, err, a * b)
    out.append(f"| {step}. Total | {' + '.join(terms)} | **{tot}** |\n\n")
    out.append(f"So, ${a} \\times {b} = {R.restated(c(R.total))}$.")
    return as_answer("".join(out), err, rng, 0.4, 0.85)


def column_hmm(a: int, b: int, err: str, rng: random.Random) -> tuple[str, str]:
    """DeepSeek-R1 thinking column by column ("carry the 3"), one slip caught with "Hmm, wait", then the
    rows added in one line."""
    R = Rows(a, b, err, rng)
    out = [f"Let me compute {a} × {b} by hand.\n\n"]
    slip_at = 0
    for i, d in enumerate(R.digits):
        if err == "missing_row" and i == R.bad:
            continue
        out.append(f"Now, multiply by the {PLACE[i]} digit, {d}.\n")
        carry = 0
        for pos, x in enumerate(reversed(str(a))):
            t = int(x) * d + carry
            if i == slip_at and pos == 1 and t >= 10:
                wrong = t + 1
                out.append(f"{x} times {d} is {int(x) * d}, plus {carry} is {wrong}... Hmm, wait, no: "
                           f"{int(x) * d} + {carry} is {t}. Write {t % 10}, carry the {t // 10}.\n")
                slip_at = -1
            else:
                out.append(f"{x} times {d} is {int(x) * d}, plus {carry} is {t}. "
                           f"Write {t % 10}, carry the {t // 10}.\n")
            carry = t // 10
        if carry:
            out.append(f"Bring down the {carry}.\n")
        if i == 0:
            out.append(f"So this row is {R.prod[i]}.\n\n")
        else:
            out.append(f"So this row is {R.prod[i]}, and with {i} zero{'s' if i > 1 else ''} it's {R.shifted[i]}.\n\n")
        if slip_at == 0:
            slip_at = i + 1
    terms = [str(R.added[i]) for i in R.order]
    tot = str(R.total)
    tot = stated_total(tot, err, a * b)
    out.append(f"Let me add these up: {' + '.join(terms)} = {tot}.\n\nSo the product is {R.restated(str(R.total))}.")
    return "".join(out), f"{a} × {b} = {R.total}"


def cross_chunks3(a: int, b: int, err: str, rng: random.Random) -> tuple[str, str]:
    """Both operands in 3-digit chunks times 10^3; four chunk products, one of them with a misread chunk."""
    a_hi, a_lo = divmod(a, 1000)
    b_hi, b_lo = divmod(b, 1000)
    bad = rng.randrange(1, 4) if err == "misread" else None
    pairs = [(a_hi, b_hi, 6), (a_hi, b_lo, 3), (a_lo, b_hi, 3), (a_lo, b_lo, 0)]
    out = [f"Hmm, {a} × {b}. Let me write {a} = {a_hi} × 10^3 + {a_lo} and {b} = {b_hi} × 10^3 + {b_lo}.\n\n"
           "Then I need four products:\n"]
    vals = []
    for j, (x, y, e) in enumerate(pairs):
        yr = y
        if j == bad:
            ds = list(str(y))
            ds[0], ds[-1] = ds[-1], ds[0]
            if ds == list(str(y)) or ds[0] == "0":
                ds[-1] = str((int(ds[-1]) + 3) % 10)
            yr = int("".join(ds))
        v = x * yr
        vals.append(v * 10 ** e)
        ys = first(str(yr), y) if j == bad else str(yr)
        vs = also(str(v)) if j == bad else str(v)
        out.append(f"{x} × {ys} = {vs}\n")
    total = sum(vals)
    out.append(f"\nPutting them at their places: {vals[0]} + {vals[1]} + {vals[2]} + {vals[3]} = {total}.\n")
    return "".join(out), f"**{total}**"


def align_spacing(a: int, b: int, err: str, rng: random.Random) -> tuple[str, str]:
    """An aligned chain with `\\[2pt]` spacing and `,\\!` groups, the rows then summed two at a time."""
    e = "none" if err == "truncation" else err
    R = Rows(a, b, e, rng)
    places = list(reversed(range(len(R.digits))))
    terms = [R.shifted[i] for i in places]
    g = lambda n: tex(n, ",\\!")  # noqa: E731
    lines = [f"{a} \\times {b} &= " + " + ".join(f"{a} \\times {R.digits[i] * 10 ** i}" for i in places) + " \\\\[2pt]",
             "&= " + " + ".join(g(t) for t in terms) + " \\\\[2pt]"]
    acc = terms[0]
    marked = False
    for n in range(1, len(terms)):
        acc += terms[n]
        right = sum(terms[:n + 1])
        if e == "sum" and n == min(R.bad, len(terms) - 1):
            acc += rng.choice([-1, 1]) * 10 ** rng.randrange(1, 4)
        v = g(acc)
        if acc != right and not marked:
            v, marked = first(v, right), True
        lines.append("&= " + " + ".join([v] + [g(t) for t in terms[n + 1:]]) + " \\\\[2pt]")
    lines[-1] = lines[-1][:-len(" \\\\[2pt]")]
    text = ("Expanding by place value:\n\n$$\n\\begin{aligned}\n" + "\n".join(lines) + "\n\\end{aligned}\n$$\n\n"
            f"Hence the product is $\\mathbf{{{g(acc)}}}$.")
    if err == "truncation":
        return "", cut_between(text, text.index("&=") + 2, text.index("\\end{aligned}"), rng, 0.45, 0.95)
    return "", text


CASES: list[tuple[str, str, tuple[int, int], dict]] = []
for _err in ("none", "shift", "missing_row", "sum", "shift"):
    CASES.append(("r1_prose", _err, (5, 3), {}))
    CASES.append(("qwen_next_row", _err, (4, 3), {}))
    CASES.append(("claude_steps", _err, (4, 4), {}))
    CASES.append(("gemini_bullets", _err, (5, 3), {}))
for _err in ("none", "shift", "missing_row"):
    CASES.append(("llama_stack", _err, (4, 3), {}))
    CASES.append(("md_table", _err, (5, 3), {}))
for _s in range(4):
    CASES.append(("cut_rows", "truncation", (5, 3 + _s % 2), {"style": _s}))
    CASES.append(("cut_rows", "truncation", (4, 4), {"style": _s}))
for _w in range(3):
    for _err in ("none", "missing_row", "missing_row"):
        CASES.append(("column", _err, (4, 3), {"wording": _w}))
for _w in range(3):
    for _err in ("none", "misread", "misread"):
        CASES.append(("cross", _err, (6, 6) if _w != 1 else (8, 8), {"wording": _w}))
for _w in range(2):
    for _err in ("none", "sum", "sum", "truncation", "truncation"):
        CASES.append(("align_chain", _err, (5, 3), {"wording": _w}))
for _err in ("none", "sum", "truncation"):
    CASES.append(("align_rows", _err, (4, 4), {}))
# a second batch, written before any analysis: digit work and stacks cut at the token limit
for _w in range(3):
    CASES.append(("column", "truncation", (4, 3), {"wording": _w}))
CASES.append(("llama_stack", "truncation", (5, 3), {}))
CASES.append(("md_table", "truncation", (4, 4), {}))
CASES.append(("column", "missing_row", (3, 4), {"wording": 0}))
CASES.append(("cross", "misread", (6, 6), {"wording": 2}))
# the second batch (ids 72 on)
for _err in ("none", "truncation", "truncation", "shift", "shift", "missing_row"):
    CASES.append(("digit_stack", _err, (4, 3) if _err != "shift" else (4, 4), {}))
for _err in ("none", "truncation", "shift", "shift", "missing_row"):
    CASES.append(("latex_array", _err, (4, 3), {}))
for _err in ("none", "sum", "sum", "truncation", "truncation"):
    CASES.append(("align_pow", _err, (4, 3), {}))
for _err in ("none", "misread", "misread", "misread"):
    CASES.append(("cross_latex", _err, (4, 4), {}))
for _ in range(4):
    CASES.append(("r1_wait_cut", "truncation", (5, 3), {}))
for _w in range(3):
    CASES.append(("column", "missing_row", (4, 4), {"wording": _w}))
# the third batch (ids 99 on)
for _err in ("none", "shift", "missing_row", "truncation"):
    CASES.append(("o1_summary", _err, (5, 4), {}))
for _err in ("none", "shift", "missing_row", "truncation"):
    CASES.append(("gemini_calc_table", _err, (4, 3), {}))
for _err in ("none", "missing_row", "missing_row", "sum"):
    CASES.append(("column_hmm", _err, (4, 3), {}))
for _err in ("none", "misread", "misread", "misread"):
    CASES.append(("cross_chunks3", _err, (6, 6), {}))
for _err in ("none", "sum", "sum", "truncation", "truncation"):
    CASES.append(("align_spacing", _err, (5, 3), {}))


def strip(text: str) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    firsts, alsos = [], []
    out = []
    pos = 0
    i = 0
    open_at = None
    while i < len(text):
        ch = text[i]
        if ch in (F1, A1):
            open_at = pos
        elif ch == F2:
            firsts.append((open_at, pos))
        elif ch == A2:
            alsos.append((open_at, pos))
        else:
            out.append(ch)
            pos += 1
        i += 1
    return "".join(out), firsts, alsos


def render(n: int, style: str, err: str, digits: tuple[int, int], opts: dict) -> dict:
    rng = random.Random(f"fresh-{n}-{style}-{err}")
    SHOULD.clear()
    a, b = operands(rng, *digits)
    if style == "cut_rows":
        reasoning, answer = r1_cut_rows(a, b, err, rng, opts["style"])
    elif style == "column":
        if err == "truncation":
            reasoning, answer = column_work(a, b, "none", rng, opts["wording"])
            answer = cut(answer, rng)
        else:
            reasoning, answer = column_work(a, b, err, rng, opts["wording"])
    elif style == "cross":
        reasoning, answer = cross(a, b, err, rng, opts["wording"])
    elif style == "align_chain":
        reasoning, answer = align_chain(a, b, err, rng, opts["wording"])
    elif style == "align_rows":
        reasoning, answer = align_rows_block(a, b, err, rng)
    elif style in ("digit_stack", "latex_array", "align_pow", "cross_latex", "r1_wait_cut", "o1_summary",
                   "gemini_calc_table", "column_hmm", "cross_chunks3", "align_spacing"):
        reasoning, answer = globals()[style](a, b, err, rng)
    elif err == "truncation":
        reasoning, answer = globals()[style](a, b, "none", rng)
        answer = cut(answer, rng, 0.35, 0.75)
    else:
        reasoning, answer = globals()[style](a, b, err, rng)
    finish = "length" if err == "truncation" else "stop"
    record: dict = {"id": f"fresh-{n:02d}-{style}", "style": style, "error": err, "a": a, "b": b}
    fw = None
    also_ = []
    fields = {}
    for source, text in (("reasoning", reasoning), ("answer", answer)):
        plain, firsts, alsos = strip(text)
        fields[source] = plain
        for s, e in firsts:
            if fw is None:
                fw = {"source": source, "start": s, "end": e, "text": plain[s:e]}
        also_ += [{"source": source, "start": s, "end": e, "text": plain[s:e]} for s, e in alsos]
    final = None
    if finish != "length":
        import re
        nums = re.findall(r"\d[\d,]*", fields["answer"].replace(",\\!", ",").replace("{,}", ",").replace("\\,", ","))
        final = int(nums[-1].replace(",", "")) if nums else None
    outcome = "truncated" if finish == "length" else ("correct" if final == a * b else "wrong")
    record.update({"reasoning": fields["reasoning"], "answer": fields["answer"], "finish_reason": finish,
                   "outcome": outcome, "final": final, "first_wrong": fw, "also_locates": also_ if fw else [],
                   "fixed_slips": [], "split": split_of(record["id"])})
    if fw is not None:
        fw["should_be"] = SHOULD[0]
        fw["claimed"] = int("".join(ch for ch in fw["text"] if ch.isdigit()))
    return record


def build() -> list[dict]:
    return [render(n, *case) for n, case in enumerate(CASES)]


def main() -> None:
    records = build()
    PATH.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    wrong = sum(r["first_wrong"] is not None for r in records)
    held = sum(r["split"] == "held" for r in records)
    print(f"{len(records)} traces ({len(records) - wrong} without a wrong step, {wrong} wrong; {held} held out)"
          f" -> {PATH}")


if __name__ == "__main__":
    main()
