"""Rows of partial products written in prose, Markdown or LaTeX (inline or display math): the split,
one row per part, the running sums, the total and the final answer. Also the chunked and cross-product
structures (their rows are products of chunks times powers of ten), prose with restarts, and replies
that open with the answer."""

from __future__ import annotations

from testkit.longtrace import PROSE
from tests.analysis.generator.model import ErrorKind, Source
from tests.analysis.generator.plan import Plan, Row, Structure, change_digit
from tests.analysis.generator.style import Family, Style, make_style, place_name
from tests.analysis.generator.surface import Piece, Text, Voice, format_number

INTRO = (
    "Okay, so I need to multiply {o}{A}{c} by {o}{B}{c}. Let me break it down using long multiplication.\n\n",
    "Let's compute {o}{A}{t}{B}{c} step by step.\n\n",
    "Alright, I need the product of {o}{A}{c} and {o}{B}{c}. I'll split it up and add the pieces.\n\n",
    "We want {o}{A}{t}{B}{c}. Let me work it out carefully, piece by piece.\n\n",
    "Hmm, {o}{A}{c} times {o}{B}{c}. That's a big one, so let me go slowly.\n\n",
    "To multiply {o}{A}{c} by {o}{B}{c}, I'll use the distributive property.\n\n",
)
SPLIT = (
    "First, I'll split the number into parts: {E}{p}\n\n",
    "Break it into pieces: {E}{p}\n",
    "Write {E}{p}\n",
    "Let me decompose it: {E}{p}\n\n",
    "Notice that {E}{p}\n",
    "Split it up as {E}{p}\n\n",
)
ROW_ONE = (
    "{E}{p}\n",
    "Multiply by the {place} part: {E}{p}\n",
    "Next, {E}{p}\n",
    "For the {place} part: {E}{p}\n",
    "Then {E}{p}\n",
    "Now the {place} part: {E}{p}\n",
)
ROW_TWO = (
    "{E1}, so {E2}{p}\n",
    "{E1}; shifting it gives {E2}{p}\n",
    "First {E1}{p} Putting the zeros back: {E2}{p}\n",
    "{E1}, therefore {E2}{p}\n",
    "{E1}, and moving it to its place, {E2}{p}\n",
    "{E1}, which makes {E2}{p}\n",
)
RESTART = (
    "{E}{p} Wait, no! That's not right, let me recompute.\n",
    "{E}{p} Hmm, wait, that doesn't look right. Let me redo it.\n",
    "{E}... no wait, I made a mistake there. Recomputing:\n",
    "{E}{p} Hold on, let me double-check that one.\n",
    "{E}{p} Wait, no! Let me recompute this row.\n",
    "{E}{p} Hmm, actually no, that's off. Again:\n",
)
RESTART_SUM = (
    "{E}{p} Wait, no! That's not right, let me add again.\n",
    "{E}{p} Hmm, wait, that sum looks off. Redo:\n",
    "{E}... no wait, I added wrong. Again:\n",
    "{E}{p} Hold on, let me re-add that.\n",
    "{E}{p} Wait, no! Let me recompute this sum.\n",
    "{E}{p} Hmm, actually no, the carry is off there. Again:\n",
)
EXPAND = ("So {E}{p}\n", "That means {E}{p}\n", "By the distributive property, {E}{p}\n", "Hence {E}{p}\n",
          "Therefore {E}{p}\n", "This gives {E}{p}\n")
ESTIMATE = (
    "\nSanity check: {o}{ar}{t}{br} = {est}{c}, so the size looks right{p}\n",
    "\nRough check: {ar} times {br} is {est}, close enough{p}\n",
    "\nCheck: {o}{A}{t}{B} {approx} {ar}{t}{br} = {est}{c}, which is in the same range{p}\n",
    "\nAs an estimate, {o}{ar}{t}{br} = {est}{c}; the result is in that range{p}\n",
    "\nEstimating: {o}{A}{t}{B} {approx} {est}{c}, consistent{p}\n",
    "\nOrder of magnitude: about {est}, and that matches{p}\n",
)
SUM_HEADER = (
    "\nNow add them up:\n",
    "\nNow let's add the partial products.\n",
    "\nAdding everything:\n",
    "\nTime to sum the rows.\n",
    "\nLet me add these together step by step.\n",
    "\nNow sum:\n",
)
SUM_STEP = (
    "{E}{p}\n",
    "Then {E}{p}\n",
    "Adding the next one: {E}{p}\n",
    "{E}{p}\n",
    "Next, {E}{p}\n",
    "Plus the next row: {E}{p}\n",
)
SUM_LINE = (
    "\nAdding them: {E}{p}\n",
    "\nSum: {E}{p}\n",
    "\nNow add: {E}{p}\n",
    "\nAll together: {E}{p}\n",
    "\nSumming the partial products: {E}{p}\n",
    "\nTotal of the rows: {E}{p}\n",
)
TOTAL = (
    "\nSo the product is {o}{T}{c}{p}\n",
    "\nTherefore, {o}{A}{t}{B} = {T}{c}{p}\n",
    "\nSo {o}{A}{t}{B} = {T}{c}{p}\n",
    "\nThat gives {o}{T}{c}{p}\n",
    "\nThus the result is {o}{T}{c}{p}\n",
    "\nSo the answer should be {o}{T}{c}{p}\n",
)
TOTAL_TEX = TOTAL + (
    "\n{o}\\text{{Total}} = {T}{c}{p}\n",
    "\n{o}\\text{{product}} = {T}{c}{p}\n",
    "\n{o}\\text{{so the product is }} {T}{c}{p}\n",
)
ROW_TWO_DISPLAY = ("{E1}so{E2}", "{E1}Shifting it into place:{E2}", "{E1}which makes{E2}", "{E1}and so{E2}",
                   "{E1}Moving it to its place:{E2}", "{E1}Hence{E2}")
VERIFY = (
    "\nLet me double-check the addition once more. Yes, that looks right.\n",
    "\nQuick sanity check: the last digits match, and the size is about right.\n",
    "\nLet me verify... okay, that checks out.\n",
    "\nDouble-checking each partial product... everything seems fine.\n",
    "\nVerifying by estimation: the magnitude looks right.\n",
    "\nLet me re-add to be sure. Yes.\n",
)
ANSWER_PLAIN = ("Final Answer: {T}", "**Final Answer:** {T}", "The answer is {T}.", "**Answer:** {T}",
                "The product is **{T}**.", "Result: {T}")
ANSWER_TEX = ("**Final Answer:** \\(\\boxed{{{T}}}\\)", "$\\boxed{{{T}}}$", "The final answer is \\(\\boxed{{{T}}}\\).",
              "\\[\n\\boxed{{{T}}}\n\\]", "**Answer:** $\\boxed{{{T}}}$", "\\(\\boxed{{{T}}}\\)")
ANSWER_FIRST = ("**Answer:** {T}\n\nHere's the working:\n\n", "The product is {T}.\n\nWorking:\n\n",
                "{T}\n\nLet me show how I got it.\n\n", "**Result:** {T}\n\nSteps:\n\n",
                "Answer: {T}\n\nExplanation:\n\n", "The result is {T}. Here is how:\n\n")
ANSWER_FIRST_TEX = ("\\(\\boxed{{{T}}}\\)\n\nHere's the working:\n\n", "**Answer:** $\\boxed{{{T}}}$\n\nWorking:\n\n",
                    "\\[\n\\boxed{{{T}}}\n\\]\n\nLet me show how I got it.\n\n")
MD_HEAD = ("### Step {k}: {what}\n\n", "**Step {k}: {what}**\n\n", "#### {what}\n\n")


def render_rows(plan: Plan, voice: Voice, family: Family, *, restarts: bool = False,
                answer_first: bool = False) -> tuple[Text, Text]:
    st = make_style(voice, family)
    reasoning, answer = Text(Source.REASONING), Text(Source.ANSWER)
    work = answer if answer_first else reasoning
    if answer_first:
        template = voice.pick(ANSWER_FIRST_TEX if st.latex else ANSWER_FIRST)
        number = st.n(plan.answer) if not st.latex else Piece(str(plan.answer))
        answer.fill(template, T=Piece(number.text, (("answer",),)))
    p = "" if family is Family.LATEX_DISPLAY else "."
    f = st.fields(A=st.n(plan.a), B=st.n(plan.b), p=p)
    work.fill(voice.pick(INTRO), **f)
    if restarts or voice.chance(0.3):
        work.add(voice.pick(PROSE).format(a=plan.a, b=plan.b) + "\n\n")
    step = 1
    if family is Family.MARKDOWN:
        work.fill(voice.pick(MD_HEAD), k=str(step), what="Split the numbers")
        step += 1
    for s in range(len(plan.splits)):
        work.fill(voice.pick(SPLIT), E=Piece(_split_eq(plan, s, st), (("split", s),)), p=p)
    if plan.structure is not Structure.CROSS and voice.chance(0.3):
        _expansion(work, plan, st, p)
    if family is Family.MARKDOWN:
        work.fill(voice.pick(MD_HEAD), k=str(step), what="Partial products")
        step += 1
    restart_row = restart_sum = None
    if restarts and (len(plan.rows) < 2 or voice.chance(0.6)):
        restart_row = voice.rng.randrange(len(plan.rows))
    elif restarts:
        restart_sum = voice.rng.randrange(1, len(plan.rows))
    if family is Family.MARKDOWN and voice.chance(0.5):
        _rows_table(work, plan, st)
    else:
        bullet = voice.any(("- ", "", "* ")) if family is Family.MARKDOWN else ""
        for r, row in enumerate(plan.rows):
            if r == restart_row:
                slip = change_digit(row.shifted, voice.rng)
                work.add(bullet)
                _restart(work, voice.pick(RESTART), _combined(row, st, slip).text, p)
            work.add(bullet)
            _row(work, r, row, plan, st, p)
    if family is Family.MARKDOWN:
        work.fill(voice.pick(MD_HEAD), k=str(step), what="Add them up")
    _sums(work, plan, st, p, restart_sum)
    total = st.n(plan.total)
    if family is Family.MARKDOWN and voice.chance(0.5):
        total = Piece("**" + total.text + "**")
    work.fill(voice.pick(TOTAL_TEX if st.latex else TOTAL), ("total",),
              **st.fields(A=st.n(plan.a), B=st.n(plan.b), T=total, p=p))
    if voice.chance(0.25):
        _estimate(work, plan, st, p)
    if plan.kind is ErrorKind.ANSWER_MISMATCH and not answer_first:
        work.add(voice.pick(VERIFY))
    # The final answer; a reply that opened with it states it again at the end (marked, so that a grader
    # reads it), and its first statement, at the top, is the step.
    if answer_first:
        answer.add("\n")
    number = st.n(plan.answer) if not st.latex or voice.chance(0.5) else Piece(str(plan.answer))
    answer.fill(voice.pick(ANSWER_TEX if st.latex else ANSWER_PLAIN), T=Piece(number.text, (("answer",),)))
    return reasoning, answer


def _split_eq(plan: Plan, s: int, st: Style) -> str:
    split = plan.splits[s]
    terms = []
    for part in split.parts:
        if plan.structure is Structure.DIGITS or part.power == 0:
            terms.append(format_number(part.value, st.numbers))
        elif st.voice.chance(0.6):
            terms.append(format_number(part.coef, st.numbers) + st.times + st.pow10(part.power))
        else:
            terms.append(format_number(part.value, st.numbers))
    return f"{st.open}{format_number(split.whole, st.numbers)} = {' + '.join(terms)}{st.close}"


def _factor(row: Row, st: Style) -> tuple[str, str]:
    """The row's two factors as written, shifted to their places (4567 and 800; 4821 x 10^4 and 5129)."""
    x, y = format_number(row.x * 10**row.x_power, st.numbers), format_number(row.y * 10**row.y_power, st.numbers)
    return x, y


def _combined(row: Row, st: Style, value: int) -> Piece:
    x = format_number(row.x * 10**row.x_power, st.numbers)
    y = format_number(row.y * 10**row.y_power, st.numbers)
    return Piece(f"{st.open}{st.product(x, y)} = {format_number(value, st.numbers)}{st.close}")


def _row(work: Text, r: int, row: Row, plan: Plan, st: Style, p: str) -> None:
    voice = st.voice
    keys = (("row", r), ("shift", r))
    if row.power == 0 or (voice.chance(0.4) and plan.structure is not Structure.CHUNKS):
        piece = _combined(row, st, row.shifted)
        work.fill(voice.pick(ROW_ONE), E=Piece(piece.text, keys), p=p, place=place_name(row.power))
        return
    x, y = format_number(row.x, st.numbers), format_number(row.y, st.numbers)
    e1 = Piece(f"{st.open}{st.product(x, y)} = {format_number(row.unshifted, st.numbers)}{st.close}",
               (("row", r),))
    if plan.structure is Structure.DIGITS and voice.chance(0.6):
        e2_text = _combined(row, st, row.shifted).text  # 4567 x 800 = 3,653,600
    else:  # 36,536 x 100 = 3,653,600; 24,726,609 x 10^{4} = ...
        ten = st.pow10(row.power) if plan.structure is not Structure.DIGITS or voice.chance(0.3) \
            else format_number(10**row.power, st.numbers)
        e2_text = (f"{st.open}{format_number(row.unshifted, st.numbers)}{st.times}{ten}"
                   f" = {format_number(row.shifted, st.numbers)}{st.close}")
    template = voice.pick(ROW_TWO_DISPLAY if st.display else ROW_TWO)
    work.fill(template, ("row_block", r), E1=e1, E2=Piece(e2_text, (("shift", r),)), p=p)


def _rows_table(work: Text, plan: Plan, st: Style) -> None:
    voice = st.voice
    work.add(voice.pick(("| Part | Product |\n|---|---|\n", "| Multiplication | Result |\n| --- | ---: |\n",
                         "| Step | Value |\n|:--|--:|\n")))
    for r, row in enumerate(plan.rows):
        x, y = _factor(row, st)
        work.fill("| {e} | {v} |\n", ("row", r), ("shift", r), e=st.product(x, y),
                  v=format_number(row.shifted, st.numbers))


def _sums(work: Text, plan: Plan, st: Style, p: str, restart: int | None = None) -> None:
    """Running sums, or one sum line; `restart`: the sum first written with a slip, then recomputed."""
    voice = st.voice
    n = len(plan.rows)
    if voice.chance(0.35):
        terms = " + ".join(format_number(r.shifted, st.numbers) for r in plan.rows)
        keys = tuple(("sum", j) for j in range(1, n)) + (("total",),)
        if restart is not None:
            slip = f"{st.open}{terms} = {format_number(change_digit(plan.total, voice.rng), st.numbers)}{st.close}"
            _restart(work, "\n" + voice.pick(RESTART_SUM), slip, p)
        e = Piece(f"{st.open}{terms} = {format_number(plan.total, st.numbers)}{st.close}", keys)
        work.fill(voice.pick(SUM_LINE), E=e, p=p)
        return
    work.add(voice.pick(SUM_HEADER))
    for j in range(1, n):
        left = (f"{st.open}{format_number(plan.running[j - 1], st.numbers)} + "
                f"{format_number(plan.rows[j].shifted, st.numbers)}")
        if j == restart:
            slip = f"{left} = {format_number(change_digit(plan.running[j], voice.rng), st.numbers)}{st.close}"
            _restart(work, voice.pick(RESTART_SUM), slip, p)
        e = Piece(f"{left} = {format_number(plan.running[j], st.numbers)}{st.close}", (("sum", j),))
        work.fill(voice.pick(SUM_STEP), E=e, p=p)


def _restart(work: Text, template: str, slip: str, p: str) -> None:
    """A step written with a slip, then retracted ("{E}. Wait, no! ... let me recompute"). The slip's equation
    is tagged ("slip_value",) and the retraction, from its first word on, ("retraction",): a reply cut between
    the two ends on a wrong step it never took back (`generate._truncate`)."""
    before, after = template.split("{E}")
    after = after.replace("{p}", p)
    lead = len(after) - len(after.lstrip(" .…,;:!?"))
    work.begin(("slip",))
    work.add(before)
    work.add(slip, ("slip_value",))
    work.add(after[:lead])
    work.add(after[lead:], ("retraction",))
    work.end()


def _expansion(work: Text, plan: Plan, st: Style, p: str) -> None:
    """"So 4567 x 892 = 4567 x 800 + 4567 x 90 + 4567 x 2": where a row left out or doubled first shows,
    and where a misread multiplier is first written."""
    before, after = st.voice.pick(EXPAND).split("{E}")
    work.add(before)
    work.begin(("listing",))
    work.add(f"{st.open}{st.product(format_number(plan.a, st.numbers), format_number(plan.b, st.numbers))} = ")
    for r, row in enumerate(plan.rows):
        x, y = _factor(row, st)
        work.add(" + " if r else "")
        work.add(st.product(x, y), ("factor", r))
    work.add(st.close)
    work.end()
    work.add(after.format(p=p))


def _estimate(work: Text, plan: Plan, st: Style, p: str) -> None:
    """A true estimate from the operands rounded to two figures: numbers that are no step of the working."""
    ar, br = (round(n, 2 - len(str(n))) for n in (plan.a, plan.b))
    approx = "\\approx" if st.latex else "≈"
    work.fill(st.voice.pick(ESTIMATE), **st.fields(A=st.n(plan.a), B=st.n(plan.b), ar=st.n(ar), br=st.n(br),
                                                    est=st.n(ar * br), approx=approx, p=p))
