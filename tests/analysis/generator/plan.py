"""The arithmetic of one trace, with the injected error applied where it happens and carried downstream.

A plan is what the model computed, not what it should have: every step after the injected one is
computed from the values written before it, as a model does. `first_wrong` names the injected step by a
key; the renderers tag the text of each step with its key, so the key becomes a span in the trace.

Keys: ("split", s), ("row", r) (the row's product), ("shift", r) (the row moved to its place),
("pos", r, j) (position j of row r in digit work), ("carry", r, j), ("sum", j) (running sum adding row
j, j >= 1), ("total",) (the working's stated total), ("answer",) (the final stated answer).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from enum import Enum

from tests.analysis.generator.model import ErrorKind

Key = tuple


class Structure(Enum):
    DIGITS = "digits"  # the multiplier split into its place values, one row per nonzero digit
    CHUNKS = "chunks"  # one operand split into multi-digit chunks times powers of ten
    CROSS = "cross"    # both operands split in two: four cross products


@dataclass(slots=True)
class Part:
    coef: int
    power: int

    @property
    def value(self) -> int:
        return self.coef * 10**self.power


@dataclass(slots=True)
class SplitStep:
    role: str  # "a" or "b"
    whole: int
    parts: list[Part]


@dataclass(slots=True)
class Position:
    """One digit of the multiplicand times the row's digit: product + carry_in = value -> write, carry_out."""

    digit: int
    multiplier: int
    carry_in: int
    product: int
    value: int
    write: int
    carry_out: int


@dataclass(slots=True)
class Row:
    x: int          # the multiplicand as written
    y: int          # the multiplier digit or chunk as written (misread in a MULTIPLIER_DIGIT error)
    power: int      # the row's place: its product is moved by 10**power
    unshifted: int  # x * y as written
    shifted: int    # the row moved to its place, as written
    positions: list[Position] = field(default_factory=list)  # digit work, when y is one digit
    x_role: str = "a"  # which operand x is (a part of)
    x_power: int = 0   # in cross products: the power of x's part (the row's power = x_power + y_power)
    duplicate: bool = False

    @property
    def y_power(self) -> int:
        return self.power - self.x_power


@dataclass(slots=True)
class Plan:
    a: int
    b: int
    structure: Structure
    splits: list[SplitStep]
    rows: list[Row]
    running: list[int]  # running[0] = rows[0].shifted, running[j] = running[j-1] + rows[j].shifted (as written)
    answer: int
    kind: ErrorKind
    first_wrong: Key | None
    claimed: int | None  # the wrong number at the first wrong step, when it states one

    @property
    def total(self) -> int:
        return self.running[-1]


def change_digit(n: int, rng: random.Random) -> int:
    """n with one digit changed (never the leading one to 0); never n itself nor n shifted by places."""
    s = str(n)
    while True:
        i = rng.randrange(len(s))
        choices = [d for d in "0123456789" if d != s[i] and not (i == 0 and d == "0" and len(s) > 1)]
        if i == 0 and len(s) == 1:
            choices = [d for d in choices if d != "0"]
        m = int(s[:i] + rng.choice(choices) + s[i + 1:])
        if m != n and not _shifted(m, n):
            return m


def _shifted(m: int, n: int) -> bool:
    return any(m == n * 10**k or n == m * 10**k for k in range(1, 4))


def _transposable(s: str) -> list[int]:
    return [i for i in range(len(s) - 1) if s[i] != s[i + 1] and not (i == 0 and s[1] == "0")]


def transpose(n: int, rng: random.Random) -> int:
    """n with two adjacent, different digits swapped (never moving a 0 to the front); a number with no
    such pair (7777777) gets one digit changed instead."""
    s = str(n)
    pairs = _transposable(s)
    if not pairs:
        return change_digit(n, rng)
    i = rng.choice(pairs)
    return int(s[:i] + s[i + 1] + s[i] + s[i + 2:])


def digit_work(x: int, d: int, slip_at: int | None = None, carry_at: int | None = None,
               rng: random.Random | None = None) -> tuple[list[Position], int]:
    """x times the digit d position by position from the ones, with an optional slip in one digit product
    (`slip_at`) or one wrong carry (`carry_at`); returns the positions and the row value they write."""
    positions: list[Position] = []
    carry = 0
    for j, ch in enumerate(reversed(str(x))):
        digit = int(ch)
        product = digit * d
        if j == slip_at and rng is not None:
            product = rng.choice([p for p in {digit * (d + 1), digit * (d - 1), product + 1, product - 1,
                                              product + 10} if p >= 0 and p != product])
        value = product + carry
        write, carry_out = value % 10, value // 10
        if j == carry_at:
            carry_out = carry_out + 1 if carry_out == 0 or (rng is not None and rng.random() < 0.5) else carry_out - 1
        positions.append(Position(digit, d, carry, product, value, write, carry_out))
        carry = carry_out
    row = sum(p.write * 10**j for j, p in enumerate(positions)) + carry * 10**len(positions)
    return positions, row


def place_parts(n: int) -> list[Part]:
    """The nonzero place values of n, highest first (892 -> 800, 90, 2)."""
    s = str(n)
    return [Part(int(c), len(s) - 1 - i) for i, c in enumerate(s) if c != "0"]


def chunk_parts(n: int, width: int) -> list[Part]:
    """n in chunks of `width` digits from the right, highest first, zero chunks left out."""
    s = str(n)
    parts = []
    end = len(s)
    power = 0
    while end > 0:
        start = max(0, end - width)
        coef = int(s[start:end])
        if coef:
            parts.append(Part(coef, power))
        power += end - start
        end = start
    return parts[::-1]


def halves(n: int, power: int) -> list[Part]:
    """n = hi x 10^power + lo."""
    return [Part(n // 10**power, power), Part(n % 10**power, 0)]


@dataclass(slots=True)
class _Layout:
    splits: list[SplitStep]
    rows: list[Row]


def _layout(a: int, b: int, structure: Structure, rng: random.Random, ones_first: bool = False) -> _Layout:
    """The right splits and rows (before any error). Digit work goes ones first, as on paper; prose
    either way."""
    if structure is Structure.DIGITS:
        parts = place_parts(b)
        if ones_first or rng.random() < 0.5:
            parts = parts[::-1]  # ones first, as in written long multiplication
        return _Layout([SplitStep("b", b, parts)], [Row(a, p.coef, p.power, 0, 0) for p in parts])
    if structure is Structure.CHUNKS:
        role = rng.choice(("a", "b"))
        whole, other = (a, b) if role == "a" else (b, a)
        if rng.random() < 0.5:
            parts = halves(whole, len(str(whole)) // 2)
        else:
            parts = chunk_parts(whole, rng.choice((2, 3)))
        rows = [Row(other, p.coef, p.power, 0, 0, x_role="b" if role == "a" else "a") for p in parts]
        return _Layout([SplitStep(role, whole, parts)], rows)
    a_parts = halves(a, len(str(a)) // 2)
    b_parts = halves(b, len(str(b)) // 2)
    rows = [Row(pa.coef, pb.coef, pa.power + pb.power, 0, 0, x_power=pa.power) for pa in a_parts for pb in b_parts]
    return _Layout([SplitStep("a", a, a_parts), SplitStep("b", b, b_parts)], rows)


def operands(structure: Structure, rng: random.Random, digit_level: bool) -> tuple[int, int]:
    """Operands whose layout has at least two rows, and (for CHUNKS and CROSS) nonzero low parts."""
    while True:
        if structure is Structure.DIGITS:
            la = rng.randint(3, 6) if digit_level else rng.randint(3, 9)
            lb = rng.randint(2, 4) if digit_level else rng.randint(2, 5)
        else:
            la, lb = rng.randint(4, 10), rng.randint(3, 9)
        a = rng.randint(10 ** (la - 1), 10**la - 1)
        b = rng.randint(10 ** (lb - 1), 10**lb - 1)
        if structure is Structure.CHUNKS:
            layouts = [halves(n, len(str(n)) // 2) for n in (a, b)]
            layouts += [chunk_parts(n, w) for n in (a, b) for w in (2, 3)]
        else:
            layouts = [s.parts for s in _layout(a, b, structure, random.Random(0)).splits]
        if all(len(parts) >= 2 and all(p.coef > 0 for p in parts) for parts in layouts):
            return a, b


def build_plan(a: int, b: int, structure: Structure, kind: ErrorKind, rng: random.Random,
               digit_level: bool) -> Plan:
    """The computation of a x b as `structure`, with `kind` injected (NONE: none). `digit_level`: the
    notation writes every digit product, so a partial product goes wrong at one digit product."""
    layout = _layout(a, b, structure, rng, ones_first=digit_level)
    splits, rows = layout.splits, layout.rows
    first_wrong: Key | None = None
    claimed: int | None = None

    if kind is ErrorKind.SPLIT:
        s = rng.randrange(len(splits))
        p = rng.randrange(len(splits[s].parts))
        part = splits[s].parts[p]
        part.coef = change_digit(part.coef, rng)
        first_wrong, claimed = ("split", s), None
        rows = _rows_from_splits(structure, splits, rows)

    misread = rng.randrange(len(rows)) if kind is ErrorKind.MULTIPLIER_DIGIT else None
    if misread is not None:
        row = rows[misread]
        # Often another digit of the multiplier (read from the wrong place): then a row also looks missing.
        others = sorted({int(c) for c in str(b) if c != "0"} - {row.y})
        if row.y < 10 and others and rng.random() < 0.5:
            row.y = rng.choice(others)
        else:
            row.y = rng.choice([d for d in range(1, 10) if d != row.y]) if row.y < 10 else change_digit(row.y, rng)
        first_wrong = ("row", misread)

    slip = rng.randrange(len(rows)) if kind in (ErrorKind.PARTIAL_PRODUCT, ErrorKind.CARRY) else None
    for r, row in enumerate(rows):
        row.positions, value = digit_work(row.x, row.y) if row.y < 10 else ([], row.x * row.y)
        if r == slip and kind is ErrorKind.CARRY:
            n = len(str(row.x))
            j = rng.randrange(max(1, n - 1))
            row.positions, value = digit_work(row.x, row.y, carry_at=j, rng=rng)
            first_wrong, claimed = ("carry", r, j), row.positions[j].carry_out
        elif r == slip and digit_level:
            j = rng.randrange(len(str(row.x)))
            row.positions, value = digit_work(row.x, row.y, slip_at=j, rng=rng)
            first_wrong, claimed = ("pos", r, j), row.positions[j].value
        elif r == slip:
            value = change_digit(value, rng)
            first_wrong, claimed = ("row", r), value
        row.unshifted = value
        row.shifted = value * 10**row.power
        if r == misread:
            claimed = row.shifted

    if kind is ErrorKind.SHIFT:
        shiftable = [r for r, row in enumerate(rows) if row.power >= 1]
        tens = [r for r in shiftable if rows[r].power == 1]
        r = rng.choice(tens or shiftable)
        rows[r].shifted = rows[r].unshifted * 10 ** (rows[r].power - 1)
        first_wrong, claimed = ("shift", r), rows[r].shifted

    if kind is ErrorKind.MISSING_ROW:
        r = rng.randrange(1, len(rows))
        del rows[r]
        first_wrong = ("sum", r) if r < len(rows) else ("total",)
    if kind is ErrorKind.EXTRA_ROW:
        r = rng.randrange(len(rows))
        dup = Row(rows[r].x, rows[r].y, rows[r].power, rows[r].unshifted, rows[r].shifted, list(rows[r].positions),
                  rows[r].x_role, rows[r].x_power, duplicate=True)
        rows.append(dup)
        first_wrong = ("sum", len(rows) - 1)

    running = [rows[0].shifted]
    sum_error = rng.randrange(1, len(rows)) if kind is ErrorKind.SUM else None
    for j in range(1, len(rows)):
        value = running[-1] + rows[j].shifted
        if j == sum_error:
            value = change_digit(value, rng)
            first_wrong, claimed = ("sum", j), value
        running.append(value)
    if kind in (ErrorKind.MISSING_ROW, ErrorKind.EXTRA_ROW):
        claimed = running[first_wrong[1]] if first_wrong[0] == "sum" else running[-1]

    answer = running[-1]
    if kind is ErrorKind.COPY:
        answer = transpose(answer, rng)
        first_wrong, claimed = ("answer",), answer
    elif kind is ErrorKind.ANSWER_MISMATCH:
        answer = change_digit(answer, rng)
        first_wrong, claimed = ("answer",), answer
    return Plan(a, b, structure, splits, rows, running, answer, kind, first_wrong, claimed)


def _rows_from_splits(structure: Structure, splits: list[SplitStep], rows: list[Row]) -> list[Row]:
    """Rows rebuilt from the written (wrong) split: a model multiplies the parts it wrote."""
    if structure is Structure.CROSS:
        a_parts, b_parts = splits[0].parts, splits[1].parts
        return [Row(pa.coef, pb.coef, pa.power + pb.power, 0, 0, x_power=pa.power) for pa in a_parts for pb in b_parts]
    return [Row(row.x, p.coef, p.power, 0, 0, x_role=row.x_role) for row, p in zip(rows, splits[0].parts, strict=True)]

