"""The arithmetic behind a realistic trace: the parts of the multiplier, the rows, the sums and the stated
answer, with at most one error of the kind real models make, and every later step computed FROM the
wrong value (as a model carries its slip forward).

A number is a `Num`: the value written and the value it should have (from a and b alone). The first
number whose value is wrong is the first wrong step; `fmt` wraps its first occurrence in markers that
`build.py` turns into character offsets.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from enum import Enum

FIRST_OPEN, FIRST_CLOSE = "\x01", "\x02"   # the first wrong number
ALSO_OPEN, ALSO_CLOSE = "\x03", "\x04"     # a number of the same wrong step that also locates it
FIXED_OPEN, FIXED_CLOSE = "\x05", "\x06"   # a slip the model fixed at once (not an error that stuck)


class Err(str, Enum):
    NONE = "none"
    PARTIAL_PRODUCT = "partial_product"   # a row's product is wrong
    CARRY = "carry"                       # a carry dropped inside a row
    DIGIT = "multiplier_digit"            # a multiplier digit misread
    SHIFT = "shift"                       # a row written without its shift
    SUM = "sum"                           # a wrong addition of rows
    SPLIT = "split"                       # a split that does not add up to the operand
    COPY = "copy"                         # two digits transposed when the total is copied
    MISMATCH = "answer_mismatch"          # the final answer contradicts the working
    RAN_CODE = "ran_code"                 # a claimed computation with no working, wrong answer
    TRUNCATED = "truncation"              # cut at the token limit (steps right)


@dataclass
class Num:
    value: int
    should: int
    first: bool = False
    also: bool = False

    @property
    def wrong(self) -> bool:
        return self.value != self.should


@dataclass
class Part:
    """One part of the multiplier (a digit at its place, or a chunk)."""

    digit: int           # the digit or chunk as read (without its place)
    place: int           # the power of ten
    mult: Num            # digit * 10**place as written
    row: Num             # a * mult as written


@dataclass
class Calc:
    a: int
    b: int
    parts: list[Part]
    sums: list[Num]      # running sums: parts[0]+parts[1], then + parts[2], ...
    total: Num
    final: Num
    err: Err
    marked: set[int] = field(default_factory=set)
    first_num: Num | None = None

    def fmt(self, num: Num, form=str) -> str:
        """The number in a format; its first occurrence wrapped in markers when it is the first wrong
        step (or a number that also locates it)."""
        text = form(num.value)
        if num.first and id(num) not in self.marked:
            self.marked.add(id(num))
            self.first_num = self.first_num or num
            return FIRST_OPEN + text + FIRST_CLOSE
        if num.also and id(num) not in self.marked:
            self.marked.add(id(num))
            return ALSO_OPEN + text + ALSO_CLOSE
        return text

    @property
    def product(self) -> int:
        return self.a * self.b


def digit_parts(b: int) -> list[tuple[int, int]]:
    """(digit, place) of b from the ones up, zero digits left out."""
    return [(int(ch), p) for p, ch in enumerate(reversed(str(b))) if ch != "0"]


def chunk_parts(b: int, width: int) -> list[tuple[int, int]]:
    """b cut into chunks of `width` digits from the ones up: (chunk, place)."""
    out, place = [], 0
    while b:
        chunk = b % 10 ** width
        if chunk:
            out.append((chunk, place))
        b //= 10 ** width
        place += width
    return out


def change_digit(n: int, rng: random.Random, avoid_first: bool = True) -> int:
    s = list(str(n))
    lo = 1 if avoid_first and len(s) > 1 else 0
    # A slip in the middle of the number, where real models slip; never at the trailing zeros.
    hi = len(s.copy()) - 1
    while hi > lo and s[hi] == "0":
        hi -= 1
    i = rng.randrange(lo, hi + 1)
    old = int(s[i])
    s[i] = str((old + rng.choice((1, 2, 9, 8))) % 10)
    if i == 0 and s[0] == "0":
        s[0] = "1"
    m = int("".join(s))
    return m if m != n else n + 10 ** (len(str(n)) - 1 - i)


def transpose(n: int, rng: random.Random) -> int:
    s = list(str(n))
    pairs = [i for i in range(len(s) - 1) if s[i] != s[i + 1]]
    i = rng.choice(pairs[len(pairs) // 3:] or pairs)
    s[i], s[i + 1] = s[i + 1], s[i]
    return int("".join(s))


def dropped_carry(a: int, d: int, rng: random.Random) -> int:
    """a * d computed digit by digit with one carry forgotten."""
    digits = [int(c) for c in reversed(str(a))]
    places = []
    carry = 0
    for i, x in enumerate(digits):
        carry = (x * d + carry) // 10
        if carry and i < len(digits) - 1:
            places.append(i)
    drop = rng.choice(places)
    out, carry = 0, 0
    for i, x in enumerate(digits):
        p = x * d + carry
        out += (p % 10) * 10 ** i
        carry = 0 if i == drop else p // 10
    return out + carry * 10 ** len(digits)


def make_calc(a: int, b: int, parts: list[tuple[int, int]], err: Err, rng: random.Random,
              where: int | None = None, misread: int | None = None) -> Calc:
    """Rows in the order given, running sums left to right; `where` picks the row or sum that slips."""
    out: list[Part] = []
    n = len(parts)
    at = where if where is not None else rng.randrange(n)
    for i, (d, place) in enumerate(parts):
        mult = Num(d * 10 ** place, d * 10 ** place)
        row = Num(a * d * 10 ** place, a * d * 10 ** place)
        if i == at and err is Err.PARTIAL_PRODUCT:
            row.value = change_digit(row.should // 10 ** place, rng) * 10 ** place
            row.first = True
        elif i == at and err is Err.CARRY:
            row.value = dropped_carry(a, d, rng) * 10 ** place
            row.first = True
        elif i == at and err is Err.DIGIT:
            # a digit read from the neighbouring place of b, else the digit next to it on the keypad
            neighbours = [x for x, _ in parts[max(0, i - 1):i + 2] if x != d and x < 10]
            near = [x for x in (d - 1, d + 1) if 1 <= x <= 9]
            wrong = misread if misread is not None else rng.choice(neighbours or near)
            mult.value = wrong * 10 ** place
            mult.first = True
            row.value = a * wrong * 10 ** place
            row.also = True
            d = wrong
        elif i == at and err is Err.SHIFT:
            row.value = row.should // 10
            row.first = True
        out.append(Part(d, place, mult, row))
    sums: list[Num] = []
    running = out[0].row.value
    should = out[0].row.should
    s_at = where if where is not None else rng.randrange(max(1, n - 1))
    for j in range(1, n):
        running += out[j].row.value
        should += out[j].row.should
        num = Num(running, should)
        if err is Err.SUM and j - 1 == s_at:
            k = rng.randrange(2, max(3, len(str(running)) - 2))
            num.value = running + rng.choice((1, -1)) * 10 ** k
            num.first = True
            running = num.value
        sums.append(num)
    if n == 1:
        total = Num(out[0].row.value, out[0].row.should)
    else:
        total = sums[-1]
    final = Num(total.value, a * b)
    if err is Err.COPY:
        final.value = transpose(total.value, rng)
        final.first = True
    elif err is Err.MISMATCH:
        final.value = change_digit(total.value, rng)
        final.first = True
    elif err is Err.RAN_CODE:
        final.value = change_digit(a * b, rng)
        final.first = True
    return Calc(a, b, out, sums, total, final, err)


# ---- number formats models use -----------------------------------------------------------------------

def plain(n: int) -> str:
    return str(n)


def comma(n: int) -> str:
    return f"{n:,}"


def tex_thin(n: int) -> str:
    return f"{n:,}".replace(",", ",\\!")


def tex_space(n: int) -> str:
    return f"{n:,}".replace(",", "\\,")


def tex_brace(n: int) -> str:
    return f"{n:,}".replace(",", "{,}")


def spaced(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def recompute(c: Calc) -> None:
    """The running sums, total and final answer again from the rows as written (after a style changed
    a row's value): the model adds what it wrote."""
    running, should = c.parts[0].row.value, c.parts[0].row.should
    for j, s in enumerate(c.sums):
        running += c.parts[j + 1].row.value
        should += c.parts[j + 1].row.should
        s.value, s.should = running, should
    if c.sums:
        c.total = c.sums[-1]
    else:
        c.total = Num(c.parts[0].row.value, c.parts[0].row.should)
    c.final = Num(c.total.value, c.a * c.b)


ColumnStep = tuple[int, int, int, Num, Num]


def column_row(a: int, d: int, slip: str | None, rng: random.Random) -> tuple[list[ColumnStep], int]:
    """a x d position by position: (position, digit of a, carry in, product Num, carry-out Num) and the
    row's value. `slip`: "carry" (a carry written one off, used at the next position) or "product" (a
    digit product wrong); later positions follow from what was written."""
    digits = [int(ch) for ch in reversed(str(a))]
    candidates = [i for i, x in enumerate(digits[:-1]) if x * d >= 10 or slip == "product"]
    at = rng.choice(candidates) if slip and candidates else -1
    steps, carry, value = [], 0, 0
    true_carry = 0
    for i, x in enumerate(digits):
        prod = Num(x * d, x * d)
        if i == at and slip == "product":
            prod.value = x * d + rng.choice((1, -1, 10)) if x * d else x * d + 1
            prod.value = max(prod.value, 0)
            prod.first = True
        total = prod.value + carry
        out_carry = Num(total // 10, (x * d + true_carry) // 10 if i <= at or at < 0 else total // 10)
        if i == at and slip == "carry":
            out_carry.value = total // 10 + rng.choice((1, -1)) if total // 10 else 1
            out_carry.first = True
        steps.append((i, x, carry, prod, out_carry))
        value += (total % 10) * 10 ** i
        true_carry = (x * d + true_carry) // 10
        carry = out_carry.value
    value += carry * 10 ** len(digits)
    return steps, value
