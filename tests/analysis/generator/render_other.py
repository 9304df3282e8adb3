"""LaTeX align blocks (a chain of `&=` lines), and replies that say they ran code and show no working."""

from __future__ import annotations

from tests.analysis.generator.model import ErrorKind, Source
from tests.analysis.generator.plan import Plan
from tests.analysis.generator.style import Family, make_style
from tests.analysis.generator.surface import Piece, Text, Voice, format_number

ALIGN_INTRO = (
    "Let me compute \\({A} \\times {B}\\) by splitting the second factor into its place values.\n\n",
    "We expand using the distributive property:\n\n",
    "Distribute over the digits of the multiplier:\n\n",
    "Using the distributive law,\n\n",
    "Split the multiplier and distribute:\n\n",
    "Here is the full computation.\n\n",
)
ENVIRONMENTS = (("\\begin{align*}\n", "\n\\end{align*}\n"), ("\\begin{align}\n", "\n\\end{align}\n"),
                ("$$\n\\begin{aligned}\n", "\n\\end{aligned}\n$$\n"))
ALIGN_ANSWER = ("**Final Answer:** \\(\\boxed{{{T}}}\\)", "\\[\n\\boxed{{{T}}}\n\\]", "$\\boxed{{{T}}}$",
                "The final answer is $\\boxed{{{T}}}$.", "**Answer:** \\(\\boxed{{{T}}}\\)", "\\(\\boxed{{{T}}}\\)")


ROWS_HEAD = ("Split the multiplier: \\[ {E} \\]\nThe partial products:\n\n",
             "First, \\( {E} \\). Then each part:\n\n",
             "Since \\( {E} \\), the rows are\n\n",
             "We have \\[ {E} \\]\nso\n\n",
             "Write \\( {E} \\) and multiply each part:\n\n",
             "Decompose: \\( {E} \\).\n\n")
SUMS_HEAD = ("\nAdding them up:\n\n", "\nNow the sum:\n\n", "\nThen add:\n\n", "\nSumming:\n\n",
             "\nNext, the running total:\n\n", "\nAnd the additions:\n\n")


def render_align(plan: Plan, voice: Voice) -> tuple[Text, Text]:
    """One chain of `&=` lines (split, expansion, rows, running sums), or an align block of the rows and
    another of the sums."""
    if voice.chance(0.5):
        return _align_chain(plan, voice)
    return _align_blocks(plan, voice)


def _align_blocks(plan: Plan, voice: Voice) -> tuple[Text, Text]:
    st = make_style(voice, Family.LATEX_DISPLAY)
    reasoning, answer = Text(Source.REASONING), Text(Source.ANSWER)
    n = lambda v: format_number(v, st.numbers)  # noqa: E731
    reasoning.add(voice.pick(ALIGN_INTRO).format(A=n(plan.a), B=n(plan.b)))
    split = plan.splits[0]
    equation = f"{n(split.whole)} = {' + '.join(n(p.value) for p in split.parts)}"
    reasoning.fill(voice.pick(ROWS_HEAD), E=Piece(equation, (("split", 0),)))
    begin, end = voice.any(ENVIRONMENTS)
    reasoning.add(begin)
    for r, row in enumerate(plan.rows):
        reasoning.add(" \\\\\n" if r else "")
        reasoning.add(f"{st.product(n(row.x), n(row.y * 10**row.power))} &= {n(row.shifted)}", ("row", r), ("shift", r))
    reasoning.add(end)
    reasoning.add(voice.pick(SUMS_HEAD))
    reasoning.add(begin)
    for j in range(1, len(plan.rows)):
        reasoning.add(" \\\\\n" if j > 1 else "")
        keys = (("sum", j),) + ((("total",),) if j == len(plan.rows) - 1 else ())
        reasoning.add(f"{n(plan.running[j - 1])} + {n(plan.rows[j].shifted)} &= {n(plan.running[j])}", *keys)
    reasoning.add(end)
    if len(plan.rows) == 1:
        reasoning.add(f"\\[ \\text{{Total}} = {n(plan.total)} \\]\n", ("total",))
    number = n(plan.answer) if voice.chance(0.5) else str(plan.answer)
    answer.fill(voice.pick(ALIGN_ANSWER), T=Piece(number, (("answer",),)))
    return reasoning, answer


def _align_chain(plan: Plan, voice: Voice) -> tuple[Text, Text]:
    st = make_style(voice, Family.LATEX_DISPLAY)
    reasoning, answer = Text(Source.REASONING), Text(Source.ANSWER)
    n = lambda v: format_number(v, st.numbers)  # noqa: E731
    t = st.times
    reasoning.add(voice.pick(ALIGN_INTRO).format(A=n(plan.a), B=n(plan.b)))
    begin, end = voice.any(ENVIRONMENTS)
    reasoning.add(begin)
    reasoning.add(f"{n(plan.a)}{t}{n(plan.b)} &= {n(plan.a)}{t}")
    parts = " + ".join(n(p.value) for p in plan.splits[0].parts)
    left, right = voice.any((("(", ")"), ("(", ")"), ("\\left(", "\\right)")))
    reasoning.add(f"{left}{parts}{right}", ("split", 0))
    reasoning.add(" \\\\\n&= ")
    reasoning.begin(("listing",))  # where a left-out or doubled row first shows
    for r, row in enumerate(plan.rows):
        reasoning.add(" + " if r else "")
        reasoning.add(st.product(n(row.x), n(row.y * 10**row.power)), ("factor", r))
    reasoning.end()
    reasoning.add(" \\\\\n&= ")
    for r, row in enumerate(plan.rows):
        reasoning.add(" + " if r else "")
        reasoning.add(n(row.shifted), ("row", r), ("shift", r))
    if voice.chance(0.4):
        reasoning.add(voice.pick((" && \\text{(partial products)}", " \\quad \\text{each row}",
                                  " && \\text{(the rows)}")))
    for j in range(1, len(plan.rows)):
        reasoning.add(" \\\\\n&= ")
        rest = "".join(" + " + n(row.shifted) for row in plan.rows[j + 1:])
        keys = (("sum", j),) + ((("total",),) if j == len(plan.rows) - 1 else ())
        reasoning.add(n(plan.running[j]) + rest, *keys)
    reasoning.add(end)
    number = n(plan.answer) if voice.chance(0.5) else str(plan.answer)
    answer.fill(voice.pick(ALIGN_ANSWER), T=Piece(number, (("answer",),)))
    return reasoning, answer


CODE_INTRO = (
    "I'll just compute this directly with Python:\n\n```python\nprint({a} * {b})\n```\n\n",
    "Let me run this in code.\n\n```python\n>>> {a} * {b}\n```\n\n",
    "I ran the multiplication in a Python interpreter: `{a} * {b}`.\n\n",
    "Using a quick script:\n\n```\nresult = {a} * {b}\nprint(result)\n```\n\n",
    "I computed it with code (`{a}*{b}`).\n\n",
    "Calculating with a tool: {a} × {b}.\n\n",
)
CODE_RESULT = ("Running this computation yields {N}.\n", "Output: {N}\n", "The interpreter returns {N}.\n",
               "It prints {N}.\n", "The result of the code is {N}.\n", "The tool gives {N}.\n")
CODE_ANSWER = ("The product is {N}.", "**{N}**", "Final Answer: {N}", "{a} × {b} = {N}",
               "Answer: {N}", "So the answer is {N}.")


def render_ran_code(plan: Plan, voice: Voice) -> tuple[Text, Text]:
    """No working: a wrong reported result is itself the first wrong number (ANSWER_MISMATCH here means the
    'computed' output is wrong); a COPY error transposes the output when it is copied as the answer."""
    reasoning, answer = Text(Source.REASONING), Text(Source.ANSWER)
    reasoning.add(voice.pick(CODE_INTRO).format(a=plan.a, b=plan.b))
    reported = plan.answer if plan.kind is ErrorKind.ANSWER_MISMATCH else plan.total
    reasoning.fill(voice.pick(CODE_RESULT), N=Piece(str(reported), (("total",), ("answer",))
                   if plan.kind is not ErrorKind.COPY else (("total",),)))
    answer.fill(voice.pick(CODE_ANSWER), a=str(plan.a), b=str(plan.b), N=Piece(str(plan.answer), (("answer",),)))
    return reasoning, answer
