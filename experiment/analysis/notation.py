"""The notation layer: a reply as plain text of numbers, operators and lines, mapped back to the reply.

Reasoning models write the same arithmetic in many notations: plain text, Markdown, and LaTeX (inline
`\\( \\)` and `$ $`, display `\\[ \\]` and `$$ $$`, `align*` blocks continued with `&=`, `\\boxed{}`,
`\\text{}`, numbers grouped with thin spaces `3,\\!200,\\!000`, `3\\,200\\,000`, `3{,}200{,}000`, powers of ten
`10^{6}`). The parser reads one notation, plain text; this module turns every reply into it, so that a
new way of writing a number or an operator is taught here once and never to the parser.

The TeX is read by pylatexenc's LatexWalker (node positions included), line by line and only in the lines
that hold TeX (a backslash or a dollar sign), since the walker reads a few microseconds per character and
most of a reply is prose. Every character of the plain text keeps the span of the reply's characters it came
from (`Plain.span`), so the replay highlights the model's own characters.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from pylatexenc.latexwalker import (
    LatexCharsNode,
    LatexCommentNode,
    LatexEnvironmentNode,
    LatexGroupNode,
    LatexMacroNode,
    LatexMathNode,
    LatexSpecialsNode,
    LatexToken,
    LatexWalker,
    get_default_latex_context_db,
)
from pylatexenc.macrospec import SpecialsSpec


@dataclass(slots=True)
class Plain:
    """Plain text with its way back to the reply. Segments are (plain start, reply start, reply end,
    copied): a copied segment maps character for character; another one (an operator read from a macro,
    a line break read from `\\\\`) maps every character to the whole reply span it stands for."""

    text: str
    reply_length: int
    segments: list[tuple[int, int, int, bool]] = field(default_factory=list)
    _plain_starts: list[int] = field(default_factory=list)
    _reply_starts: list[int] = field(default_factory=list)

    @property
    def identity(self) -> bool:
        return not self.segments

    def _segment(self, i: int) -> tuple[int, int, int, bool]:
        return self.segments[max(0, bisect_right(self._plain_starts, i) - 1)]

    def reply_start(self, i: int) -> int:
        """Offset in the reply of plain character i."""
        if self.identity:
            return i
        if i >= len(self.text):
            return self.reply_length
        p, s, e, copied = self._segment(i)
        return s + (i - p) if copied else s

    def reply_end(self, i: int) -> int:
        """End offset in the reply of the plain characters before i (an exclusive end)."""
        if self.identity or i <= 0:
            return i if self.identity else 0
        p, s, e, copied = self._segment(i - 1)
        return s + (i - p) if copied else e

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The reply's span of the plain characters [start, end)."""
        if self.identity:
            return start, end
        if end <= start:
            at = self.reply_start(start)
            return at, at
        return self.reply_start(start), self.reply_end(end)

    def plain_offset(self, reply_offset: int) -> int:
        """The plain offset of a reply offset: the first plain character at or after it."""
        if self.identity:
            return reply_offset
        k = bisect_right(self._reply_starts, reply_offset) - 1
        if k < 0:
            return 0
        p, s, e, copied = self.segments[k]
        if copied:
            return p + min(reply_offset - s, e - s)
        return p if reply_offset == s else self._next_start(k)

    def _next_start(self, k: int) -> int:
        return self.segments[k + 1][0] if k + 1 < len(self.segments) else len(self.text)


class _Builder:
    """Collects plain text and its segments in reply order."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.segments: list[tuple[int, int, int, bool]] = []
        self.length = 0
        self.last = ""  # the last plain character written

    def copy(self, reply: str, start: int, end: int) -> None:
        if end <= start:
            return
        segments = self.segments
        if segments and segments[-1][3] and segments[-1][2] == start:
            p, s, _, _ = segments[-1]
            segments[-1] = (p, s, end, True)
        else:
            segments.append((self.length, start, end, True))
        text = reply[start:end]
        self.parts.append(text)
        self.length += len(text)
        self.last = text[-1]

    def put(self, text: str, start: int, end: int) -> None:
        """Text that stands for the reply's characters [start, end) without copying them."""
        if not text:
            return
        self.segments.append((self.length, start, end, False))
        self.parts.append(text)
        self.length += len(text)
        self.last = text[-1]

    def extend(self, text: str, segments, shift: int) -> None:
        """Add text read elsewhere, whose segments start at plain 0 and at reply offset `shift`."""
        if not text:
            return
        base = self.length
        for p, s, e, copied in segments:
            if copied and self.segments and self.segments[-1][3] and self.segments[-1][2] == s + shift \
                    and self.segments[-1][0] + (self.segments[-1][2] - self.segments[-1][1]) == base + p:
                q, r, _, _ = self.segments[-1]
                self.segments[-1] = (q, r, e + shift, True)
            else:
                self.segments.append((base + p, s + shift, e + shift, copied))
        self.parts.append(text)
        self.length += len(text)
        self.last = text[-1]

    def build(self, reply: str) -> Plain:
        plain = Plain("".join(self.parts), len(reply), self.segments)
        plain._plain_starts = [seg[0] for seg in self.segments]
        plain._reply_starts = [seg[1] for seg in self.segments]
        return plain


# ---- what each macro stands for ---------------------------------------------------------------------
_OPERATORS = {
    "times": " × ", "cdot": " × ", "ast": " × ", "otimes": " × ", "bullet": " × ",
    "div": " ÷ ", "approx": " ≈ ", "sim": " ≈ ", "simeq": " ≈ ", "thickapprox": " ≈ ", "cong": " ≈ ",
    "to": " → ", "rightarrow": " → ", "Rightarrow": " → ", "implies": " → ", "longrightarrow": " → ",
    "Longrightarrow": " → ", "mapsto": " → ", "quad": " ", "qquad": " ", "neq": " ≠ ", "ne": " ≠ ",
    "leq": " ≤ ", "le": " ≤ ", "geq": " ≥ ", "ge": " ≥ ", "pm": " ± ", "cdots": " ... ", "ldots": " ... ",
    "dots": " ... ", "checkmark": " ✓ ", "surd": " ✓ ", "newline": "\n", "cr": "\n", "hline": "\n---\n",
    "midrule": "\n---\n", "toprule": "\n---\n", "bottomrule": "\n---\n", "cline": "\n---\n", "minus": " - ",
    "%": "%", "$": "$", "#": "#", "&": "&", "_": "_", "{": "(", "}": ")", "langle": "(", "rangle": ")",
    "lbrace": "(", "rbrace": ")",
}
# A rule that starts a line (`\\ \n\\hline`) stands on that line.
_RULES = {name: _OPERATORS[name][1:] for name in ("hline", "midrule", "toprule", "bottomrule", "cline")}
# Thin spaces: inside a number they group its digits (3,\!200 or 3\,200); elsewhere a space.
_SPACES = frozenset((",", ";", ":", "!", " ", "thinspace", "medspace", "negthinspace", "enspace", "nobreakspace"))
# Macros whose arguments are never read (a label, a colour, an invisible box, a width).
_SILENT = frozenset(("phantom", "hphantom", "vphantom", "label", "tag", "color", "hspace", "vspace", "ref",
                     "eqref", "cite", "footnote", "hfill", "vfill", "noindent", "nonumber", "notag"))
# Sizes and delimiters: `\left(` is the bracket after it, `\Big|` the bar.
_SIZES = frozenset(("left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl",
                    "biggr", "middle", "displaystyle", "textstyle", "scriptstyle", "limits", "nolimits"))
_NOTHING = "\u200b"  # a zero-width space: a character the lexer drops that keeps a line from being blank
_FRACTIONS = frozenset(("frac", "dfrac", "tfrac", "cfrac"))


class _TexReader:
    """Emits the plain form of the nodes of one TeX block."""

    def __init__(self, reply: str, out: _Builder) -> None:
        self.reply = reply
        self.out = out

    def nodes(self, nodes) -> None:
        for node in nodes:
            if node is not None:
                self.node(node)

    def node(self, node) -> None:
        out, reply = self.out, self.reply
        start, end = node.pos, node.pos + node.len
        if isinstance(node, LatexCharsNode):
            out.copy(reply, start, end)
        elif isinstance(node, LatexMacroNode):
            self.macro(node, start, end)
        elif isinstance(node, LatexGroupNode):
            inner = node.nodelist or []
            if len(inner) == 1 and isinstance(inner[0], LatexCharsNode) and reply[inner[0].pos:end - 1].strip() == ",":
                out.copy(reply, inner[0].pos, inner[0].pos + 1)  # 3{,}200
            else:
                self.nodes(inner)
        elif isinstance(node, LatexMathNode):
            display = node.displaytype == "display"
            opener, closer = start + len(node.delimiters[0]), end - len(node.delimiters[1])
            self.line_break(start, opener) if display else out.put(" ", start, opener)
            self.nodes(node.nodelist or [])
            self.line_break(closer, end) if display else out.put(" ", closer, end)
        elif isinstance(node, LatexEnvironmentNode):
            self.line_break(start, start)
            self.nodes(node.nodelist or [])
            self.line_break(end, end)
        elif isinstance(node, LatexSpecialsNode):
            chars = node.specials_chars
            if chars == "&":
                # `&=` continues an aligned line; `&` between cells separates them.
                out.put(" " if reply.startswith("=", end) else " & ", start, end)
            elif chars == "~":
                self.space(start, end)
            else:
                out.copy(reply, start, end)
        elif isinstance(node, LatexCommentNode):
            out.copy(reply, start, end)

    def line_break(self, start: int, end: int) -> None:
        """A line ends here (`\\\\`, a display, an environment), unless the reply ends the line itself: no
        blank line is made, since a blank line is a new paragraph to the parser."""
        rest = self.reply[end:end + 40].lstrip(" \t")
        if self.out.last in ("\n", ""):
            self.out.put(_NOTHING, start, end)  # not a space: a line of spaces is a blank line
        elif rest.startswith("\n") or not rest:
            self.out.put(" ", start, end)
        else:
            self.out.put("\n", start, end)

    def space(self, start: int, end: int) -> None:
        """A thin space between digit groups joins them (3\\,200); any other is a space."""
        after = self.reply[end:end + 1]
        if (self.out.last.isdigit() or self.out.last == ",") and (after.isdigit() or self.reply.startswith("{,}", end)):
            return
        self.out.put(" ", start, end)

    def macro(self, node, start: int, end: int) -> None:
        name = node.macroname
        out = self.out
        args = [arg for arg in (node.nodeargd.argnlist if node.nodeargd is not None else []) if arg is not None]
        if name in _SPACES:
            self.space(start, end)
        elif name == "\\":
            self.line_break(start, end)
        elif name in _RULES and out.last in ("\n", ""):
            out.put(_RULES[name], start, end)  # a rule on a line of its own: no blank line above it
        elif name in _OPERATORS:
            out.put(_OPERATORS[name], start, end)
        elif name in _SIZES:
            pass
        elif name in _SILENT:
            pass
        elif name in _FRACTIONS and len(args) == 2:
            out.put("(", start, args[0].pos)
            self.node(args[0])
            out.put(")/(", args[0].pos + args[0].len, args[1].pos)
            self.node(args[1])
            out.put(")", end, end)
        elif args:
            # \text{...}, \textbf{...}, \mathrm{...}, \sqrt{...}: their arguments, read as they are
            out.put(" ", start, start)
            self.nodes(args)
        else:
            out.put(" ", start, end)  # an unknown macro, or one whose argument follows as a group


# A percent sign is a comment in TeX and a percent sign in prose: the walker gets a copy without them.
_MASKED = str.maketrans({"%": " "})
_LINES = re.compile(r"[^\n]*\n?")


# The default macros and environments, and only the specials a reply's arithmetic uses (alignment and a
# tie): the walker tests every character for every special, and "--" or "``" mean nothing here.
_CONTEXT = get_default_latex_context_db().filter_context(keep_which=["macros", "environments"])
_CONTEXT.add_context_category("arithmetic-specials", specials=[SpecialsSpec("&"), SpecialsSpec("~")])

# A run of characters that are each a 'char' token to the walker: none opens a macro, a comment, a group,
# math or a special of _CONTEXT, and the spaces inside it are not at its ends (a space before another
# token is that token's, and a line's last space ends the stream).
_SPECIAL_STARTS = "".join(sorted({spec.specials_chars[0] for spec in _CONTEXT.iter_specials_specs()}))
_PLAIN = r"[^\s\\%{}$\[\]" + re.escape(_SPECIAL_STARTS) + "]"
_PLAIN_RUN = re.compile(r"([^\S\n\r]*)(" + _PLAIN + r"+(?:[^\S\n\r]+" + _PLAIN + "+)*)")


class _Walker(LatexWalker):
    """The LatexWalker, reading a run of plain characters as one 'char' token where it reads nodes (it
    reads them one by one, a few microseconds each): it joins the characters of consecutive 'char'
    tokens into one LatexCharsNode, so the nodes are the same. Every other read (a macro's argument, a
    star, an optional argument) is the walker's own."""

    def get_token(self, pos, include_brace_chars=None, environments=True, keep_inline_math=None,
                  parsing_state=None, **kwargs):
        if parsing_state is not None and include_brace_chars is None and environments and not kwargs:
            run = _PLAIN_RUN.match(self.s, pos)
            if run is not None and run.end() - run.start(2) > 1:
                return LatexToken(tok="char", arg=run.group(2), pos=run.start(2), len=run.end() - run.start(2),
                                  pre_space=run.group(1))
        return super().get_token(pos, include_brace_chars=include_brace_chars, environments=environments,
                                 keep_inline_math=keep_inline_math, parsing_state=parsing_state, **kwargs)


# The common shape of a line of TeX: prose and math ($...$, \[...\], \(...\)) of numbers and operators,
# \times and \cdot, thin spaces, {,}, \boxed{...} of a number, \text{...} of words, the & of an aligned line
# and a \\ ending it ("$729 \times 60 = 43\,740$", "42\,378 + 60\,540 &= 102\,818 \\"), in ASCII. The walker's
# nodes of such a line are known without reading it: a chars node for every other character, the math
# delimiters, each macro (with the spaces after a named one, the line's last break too: its post_space;
# \boxed is no macro it knows, so it reads no argument), the groups, the & special. `_simple_tex_line`
# emits, in order, what _TexReader emits for those nodes.
_SIMPLE_CHAR = r"[^\\$%{}\[\]&~\s]| "
_SIMPLE_ATOM = (rf"(?:{_SIMPLE_CHAR}|\\(?:times|cdot)(?![A-Za-z])|\\[,;:!]|\{{,\}}|&"
                rf"|\\boxed\{{(?=[^}}]*\d)(?:{_SIMPLE_CHAR}|\\(?:times|cdot)(?![A-Za-z])|\\[,;:!]|\{{,\}})*\}}"
                rf"|\\text\{{(?:{_SIMPLE_CHAR})*\}})")
_SIMPLE_LINE = re.compile(
    rf"(?:{_SIMPLE_ATOM}|\$(?!\$){_SIMPLE_ATOM}+\$(?!\$)|\\\[{_SIMPLE_ATOM}*\\\]|\\\({_SIMPLE_ATOM}*\\\))*"
    r"(?:\\\\ *)?\n?"
)
_SIMPLE_PIECE = re.compile(r"\$|\\\\|\\[\[\]()]|\\(times|cdot)\s*|\\[,;:!]|\{,\}|&|\\boxed|[{}]|\\text\{([^}]*)\}")


def _simple_tex_line(line: str, out: _Builder) -> bool:
    """Emit the plain form of a line of the common shape (see _SIMPLE_LINE) as the walker's nodes would
    make it, and say so; False, with nothing emitted, for any other line."""
    if not line.isascii() or _SIMPLE_LINE.fullmatch(line) is None:
        return False
    reader = _TexReader(line, out)
    copied_to = 0
    for piece in _SIMPLE_PIECE.finditer(line):
        start, end = piece.span()
        out.copy(line, copied_to, start)  # a chars node
        copied_to = end
        text = piece.group()
        if text in ("$", "\\(", "\\)"):
            out.put(" ", start, end)  # inline math opened or closed
        elif text in ("\\[", "\\]", "\\\\"):
            reader.line_break(start, end)  # display math opened or closed, an aligned line ended
        elif text == "{,}":
            out.copy(line, start + 1, start + 2)  # 3{,}200
        elif text in ("{", "}"):
            pass  # the group after \boxed: its braces stand for nothing
        elif text == "&":
            out.put(" " if line.startswith("=", end) else " & ", start, end)
        elif text == "\\boxed":
            out.put(" ", start, end)  # a macro the walker does not know, without arguments
        elif piece.group(1):
            out.put(_OPERATORS[piece.group(1)], start, end)
        elif text.startswith("\\text"):
            # \text{...}: a space where it starts, then its words (a group of a lone comma is that comma)
            body_start, body_end = piece.span(2)
            out.put(" ", start, start)
            out.copy(line, body_start, body_start + 1 if line[body_start:body_end].strip() == "," else body_end)
        else:
            reader.space(start, end)
    out.copy(line, copied_to, len(line))
    return True


# "\end{align*}" alone on its line: the walker reads it as nothing (an environment it did not see begin),
# whatever the environment's name; such a line is known to read as nothing without asking it.
_ENV_END = re.compile(r"\\end\{[A-Za-z]+\*?\}\n?")


@lru_cache(maxsize=8192)
def _tex_line(line: str) -> tuple[str, tuple[tuple[int, int, int, bool], ...]]:
    """The plain form of one line that holds TeX, with its segments relative to the line. Lines are
    read one by one (an environment or a display opened on one line is closed by the walker at the
    line's end, and its closing line reads as nothing), and the same line read twice is read once:
    reasoning models repeat their lines when they recompute. A line of the common shape is read without
    the walker (`_simple_tex_line`: the walker reads a few microseconds per character)."""
    out = _Builder()
    if _ENV_END.fullmatch(line) is None and not _simple_tex_line(line, out):
        _walk_tex_line(line, out)
    if not "".join(out.parts).strip() and line.strip():
        # "\\end{align*}" alone: a line with nothing to read, but not a blank line (a new paragraph)
        body = len(line.rstrip("\n"))
        out = _Builder()
        out.put(_NOTHING, 0, body)
        out.copy(line, body, len(line))
    return "".join(out.parts), tuple(out.segments)


def _walk_tex_line(line: str, out: _Builder) -> None:
    """Emit the plain form of a line as pylatexenc's walker reads it."""
    try:
        walker = _Walker(line.translate(_MASKED), latex_context=_CONTEXT, tolerant_parsing=True)
        nodes, pos, length = walker.get_latex_nodes()
    except Exception:  # noqa: BLE001 - a line the walker cannot read stays as written
        nodes, pos, length = [], 0, 0
    _TexReader(line, out).nodes(nodes)
    # what the walker read, including what it read as nothing (a lone "\\end{align}")
    read_to = max(nodes[-1].pos + nodes[-1].len if nodes else 0, pos + length)
    out.copy(line, read_to, len(line))


def plain_text(reply: str) -> Plain:
    """The reply in the parser's notation, with the map back to the reply's characters."""
    if "\\" not in reply and "$" not in reply:
        return Plain(reply, len(reply))
    out = _Builder()
    copied_from = 0
    for match in _LINES.finditer(reply):
        line = match.group()
        if "\\" not in line and "$" not in line and "{,}" not in line:
            continue  # no TeX (a line of an array may hold only a number grouped with {,})
        start = match.start()
        out.copy(reply, copied_from, start)
        text, segments = _tex_line(line)
        out.extend(text, segments, start)
        copied_from = match.end()
    out.copy(reply, copied_from, len(reply))
    return out.build(reply)


def clear_line_cache() -> None:
    """Forget the lines read so far (benchmarks measure reading TeX afresh)."""
    _tex_line.cache_clear()
