"""The notation layer and what it lets the analyzer read (analyzer 1.2, issue 17).

Every trace here is written for this test in the LaTeX and Markdown that open reasoning models write
(DeepSeek-R1 and QwQ style: `\\[ \\begin{align*} ... \\end{align*} \\]`, `\\boxed{}`, numbers grouped with
`{,}`, `,\\!` and `\\,`), with operands in no corpus file. Each asserts what the replay shows a reader: the
first wrong step, as the model's own characters.
"""

from __future__ import annotations

import random

import pytest
from pylatexenc.latexwalker import LatexNode, LatexWalker

from experiment.analysis import analyze_trace
from experiment.analysis.notation import _CONTEXT, _MASKED, _Builder, _simple_tex_line, _walk_tex_line, _Walker


def reply(a: int, b: int, text: str, finish_reason: str | None = None) -> dict:
    return analyze_trace(a, b, "", text, finish_reason).to_json()


def first_wrong_text(text: str, result: dict) -> str:
    start, end = result["first_wrong"]["span"]
    return text[start:end]


def test_grouped_tex_numbers_are_read_whole_and_highlighted_as_written() -> None:
    text = ("\\[\n\\begin{align*}\n6127 \\times 5000 &= 30{,}635{,}000 \\\\\n6127 \\times 300 &= 1{,}838{,}100 \\\\\n"
            "6127 \\times 8 &= 49{,}016\n\\end{align*}\n\\]\n"
            "Adding: \\( 30{,}635{,}000 + 1{,}838{,}100 + 49{,}016 = 32{,}522{,}216 \\)\n\n"
            "So the answer is $\\boxed{32522216}$.")
    result = reply(6127, 5308, text)
    assert result["category"] == "addition_error"
    assert first_wrong_text(text, result) == "32{,}522{,}216"
    assert result["first_wrong"]["true"] == 6127 * 5308


def test_thin_spaces_inside_numbers_join_their_digit_groups() -> None:
    right = 2_801_446 * 7
    text = (f"First \\( 2,\\!801,\\!446 \\times 7 = 19,\\!610,\\!112 \\)."
            f" Check: \\( 2\\,801\\,446 \\times 7 = 19\\,610\\,122 \\).\n\nFinal: $\\boxed{{{right}}}$")
    result = reply(2801446, 7, text)
    assert result["category"] == "self_corrected"
    assert first_wrong_text(text, result) == "19,\\!610,\\!112"


def test_an_align_block_continued_with_ampersand_equals_is_one_chain() -> None:
    text = ("\\begin{align*}\n4096 \\cdot 738 &= 4096 \\cdot 700 + 4096 \\cdot 38 \\\\\n"
            "&= 2{,}867{,}200 + 155{,}648 \\\\\n&= 3{,}022{,}848\n\\end{align*}\n"
            "The final answer is \\(\\boxed{3022848}\\).")
    assert reply(4096, 738, text)["category"] == "correct"


def test_a_split_into_chunks_by_a_power_of_ten_that_does_not_add_up_is_the_first_error() -> None:
    text = ("Let me write \\(71{,}294{,}385 = 7129 \\times 10^{4} + 4835\\).\n"
            f"\\(7129 \\times 206 = {7129 * 206}\\), so \\(7129 \\times 10^4 \\times 206 = {7129 * 206 * 10**4}\\).\n"
            f"\\(4835 \\times 206 = {4835 * 206}\\).\n"
            f"Sum: \\({7129 * 206 * 10**4} + {4835 * 206} = {7129 * 206 * 10**4 + 4835 * 206}\\).\n"
            f"\\(\\boxed{{{7129 * 206 * 10**4 + 4835 * 206}}}\\)")
    result = reply(71294385, 206, text)
    assert result["first_wrong"]["kind"] == "decomposition"
    assert (result["first_wrong"]["claimed"], result["first_wrong"]["true"]) == (71294835, 71294385)
    assert first_wrong_text(text, result) == "7129 \\times 10^{4} + 4835"


def test_a_right_chunked_split_with_its_chunks_shifted_is_correct() -> None:
    a, b = 58102944, 3071
    hi, lo = 5810, 2944
    text = (f"Write $58{{,}}102{{,}}944 = {hi} \\times 10^4 + {lo}$.\n"
            f"${hi} \\times {b} = {hi * b}$, shifted: ${hi * b} \\times 10^{{4}} = {hi * b * 10**4}$.\n"
            f"${lo} \\times {b} = {lo * b}$.\n"
            f"Total: ${hi * b * 10**4} + {lo * b} = {a * b}$.\n\n$\\boxed{{{a * b}}}$")
    assert reply(a, b, text)["category"] == "correct"


def test_a_misread_hundreds_digit_is_the_first_error_though_it_looks_like_rounding_up() -> None:
    a, b = 5167, 438
    rows = [a * 500, a * 30, a * 8]  # 500 read for the 4 hundreds of 438
    text = (f"- ${a} \\times 500 = {rows[0]}$\n- ${a} \\times 30 = {rows[1]}$\n- ${a} \\times 8 = {rows[2]}$\n\n"
            f"Sum: ${rows[0]} + {rows[1]} + {rows[2]} = {sum(rows)}$\n\n$$\\boxed{{{sum(rows)}}}$$")
    result = reply(a, b, text)
    assert result["category"] == "copy_error"
    assert (result["first_wrong"]["kind"], result["first_wrong"]["claimed"], result["first_wrong"]["true"]) == (
        "copy", 500, 400)


def test_a_digit_read_at_a_named_place_is_checked() -> None:
    text = ("Row for the ones digit (3):\n8 × 3 = 24, write 4, carry 2\n1 × 3 = 3, plus carry 2 is 5; write 5\n"
            "Row value: 54\n\nRow for the tens digit (5):\n8 × 5 = 40, write 0, carry 4\n"
            "1 × 5 = 5, plus carry 4 is 9; write 9\nRow value: 90\nWith its zeros: 900\n\n"
            "54 + 900 = 954\n\nFinal Answer: 954")
    result = reply(18, 57, text)
    assert (result["first_wrong"]["kind"], result["first_wrong"]["claimed"], result["first_wrong"]["true"]) == (
        "copy", 3, 7)
    assert result["category"] == "copy_error"


def test_a_reply_that_reports_running_code_locates_the_wrong_number_where_first_stated() -> None:
    text = "I ran it in Python: `4410 * 387` printed 1706570.\n\nSo the answer is **1706570**."
    result = reply(4410, 387, text)
    assert result["category"] == "no_algorithm"
    assert result["first_wrong"]["span"] == [text.index("1706570"), text.index("1706570") + 7]


def test_a_row_left_out_of_an_align_expansion_is_an_omitted_partial_where_it_is_left_out() -> None:
    a = 70356
    text = ("\\begin{align*}\n"
            f"{a} \\times 923 &= {a} \\times (900 + 20 + 3) \\\\\n"
            f"&= {a} \\times 900 + {a} \\times 3 \\\\\n"
            f"&= {a * 900} + {a * 3} \\\\\n&= {a * 903}\n\\end{{align*}}\n"
            f"So the answer is $\\boxed{{{a * 903}}}$.")
    result = reply(a, 923, text)
    assert result["category"] == "omitted_partial"
    assert first_wrong_text(text, result) == "900 + 70356 \\times 3"


def test_a_row_added_without_its_shift_is_located_in_the_sum() -> None:
    a = 4183
    text = f"\\[ {a} \\times 6 = {a * 6} \\]\n\\[ {a} \\times 2 = {a * 2} \\]\n\\[ {a * 6} + {a * 2} = {a * 8} \\]\n"
    result = reply(a, 26, text + f"Answer: $\\boxed{{{a * 8}}}$")
    assert result["category"] == "shift_error"
    start = text.rindex(str(a * 2))
    assert result["first_wrong"]["span"] == [start, start + len(str(a * 2))]


def test_a_cut_align_block_whose_steps_are_right_has_no_wrong_step() -> None:
    a, b = 3094, 827
    text = ("\\[\n\\begin{aligned}\n3094 \\times 827 &= 3094 \\times (800 + 20 + 7) \\\\\n"
            f"&= {a * 800} + {a * 20} + {a * 7} \\\\\n&= {a * 820}")
    result = reply(a, b, text, "length")
    assert result["category"] == "truncated"
    assert result["first_wrong"] is None


def _tree(value: object) -> object:
    """A walker's nodes as plain values: every field the reader could read, but the parsing state object."""
    if isinstance(value, LatexNode):
        return (type(value).__name__, *((name, _tree(getattr(value, name))) for name in value._fields
                                         if name != "parsing_state"))
    if isinstance(value, (list, tuple)):
        return tuple(_tree(item) for item in value)
    if hasattr(value, "argnlist"):
        return value.argspec, _tree(value.argnlist)
    return getattr(value, "specials_chars", value)


@pytest.mark.parametrize("line", [
    "We compute $1234 \\times 56$ by long multiplication.\n",
    "6054 \\times 10 &= 60\\,540 \\\\\n",
    "  &= 3{,}653{,}600 + 411{,}030 ~ 9{,}134 \\\\ [2pt]\n",
    "\\[ 1234 \\times 6 = 7\\,404 \\] and \\( a \\cdot b \\)\n",
    "\\frac12 + \\frac{3}{4}, \\sqrt[3]{8}, \\text {a  b}, \\textbf{x}*y \\\\* z\n",
    "Therefore $1234 \\times 56 = \\boxed{69\\,104}$.   ",
    "\\begin{align*} x &= 1 \\end{align*} % 50% done } {\n",
    "$$ unclosed \\left( 12 \\right] \\%\\$ \\_ a_b^c \\ \\, end",
])
def test_the_tex_walker_reads_plain_runs_into_the_nodes_pylatexenc_reads(line: str) -> None:
    """_Walker reads a run of plain characters as one token; the nodes must be pylatexenc's own."""
    masked = line.translate(_MASKED)
    ours = _Walker(masked, latex_context=_CONTEXT, tolerant_parsing=True).get_latex_nodes()
    theirs = LatexWalker(masked, latex_context=_CONTEXT, tolerant_parsing=True).get_latex_nodes()
    assert _tree(ours) == _tree(theirs)


def _read(line: str, fast: bool) -> tuple[str, tuple] | None:
    """The plain text and segments of a line, read without the walker (None if the line is not of the
    common shape) or by it."""
    out = _Builder()
    if fast:
        if not _simple_tex_line(line, out):
            return None
    else:
        _walk_tex_line(line, out)
    return "".join(out.parts), tuple(out.segments)


@pytest.mark.parametrize("line", [
    "$729 \\times 60 = 43\\,740$ and $729 \\times 5 = 3\\,645$.\n",
    "Sum: $3\\,618\\,900 + 12\\,063 = 3\\,630\\,963$.\n",
    "\\[ 7\\,404 + 61\\,700 = 69\\,104 \\]\n",
    "Adding: \\( 30{,}635{,}000 + 1{,}838{,}100 \\)",
    "42\\,378 + 60\\,540 &= 102\\,818 \\\\\n",
    "&= 3{,}653{,}600 + 411{,}030 + 9{,}134 \\\\  \n",
    "6054 \\times 7 & 42\\,378 \\\\",
    "Therefore $1234 \\times 56 = \\boxed{69\\,104}$.\n",
    "= 59{,}000 + 590{,}000 \\quad \\text{each row} \\\\\n",
    "x \\text{ , } y \\text{,} z $3 \\cdot4$ \\times\n",  # a comma group; \cdot glued; \times eating the break
])
def test_a_line_of_the_common_shape_reads_as_the_walker_reads_it(line: str) -> None:
    """The lines read without the walker (_simple_tex_line) give the walker's plain text and map."""
    fast = _read(line, fast=True)
    if "\\quad" in line:
        assert fast is None  # another macro: the walker's to read
        return
    assert fast is not None and fast == _read(line, fast=False)


def test_random_lines_of_the_common_shape_read_as_the_walker_reads_them() -> None:
    """Lines built at random from the pieces of the common shape and from pieces outside it: every line
    read without the walker reads as the walker reads it, and most lines of the shape are."""
    rng = random.Random(17)
    inner = ["1", "23", " ", "  ", "+", "=", "x", "(", ")", "-", "'", "^", "\\times", "\\times ", "\\cdot ", "\\,",
             "\\;", "\\:", "\\!", "{,}", "&", "&= ", "\\boxed{1{,}234}", "\\boxed{12\\,3}", "\\boxed{ , }",
             "\\text{ by }", "\\text{,}", "\\text{ , }", "\\text{}", "\\timesx", "\\quad", "{", "}", "%", "~", "é"]
    fast = 0
    for _ in range(4000):
        parts = []
        for _ in range(rng.randint(1, 3)):
            parts.append(rng.choice(["", "So ", " and ", "12\\,3 ", "&= ", "\\times "]))
            opener, closer = rng.choice([("$", "$"), ("\\[", "\\]"), ("\\(", "\\)"), ("", "")])
            parts.append(opener + "".join(rng.choice(inner) for _ in range(rng.randint(0, 6))) + closer)
        line = "".join(parts) + rng.choice(["", "\n", ".\n", " \n", " \\\\\n", "\\\\*\n", "\\\\[2pt]\n"])
        read = _read(line, fast=True)
        if read is not None:
            fast += 1
            assert read == _read(line, fast=False), line
    assert fast >= 500
