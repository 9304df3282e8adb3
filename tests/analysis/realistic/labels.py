"""Check every label of traces.jsonl against Python arithmetic, independently of how the traces were built.

    .venv/bin/python -m tests.analysis.realistic.labels

For each record: the outcome agrees with the stated final answer and a x b; the labelled substring is at
its offset and is a number other than the value it should have; every equation written before the
labelled line holds (slips the model fixed at once aside); every later equation holds too, or restates
the wrong value (a model carrying its slip forward); a right trace has no false equation at all.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

PATH = Path(__file__).with_name("traces.jsonl")
_EXPR = re.compile(r"[\d\s*+\-()^]+")


def records(path: Path = PATH) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def number(text: str) -> int:
    return int(re.sub(r"[^\d]", "", text))


def normalise(line: str, european: bool = False) -> str:
    s = line.replace("**", " ")
    s = re.sub(r"\\text\{[^}]*\}|\\mathbf|\\boxed|\\left|\\right", " ", s)
    s = s.replace(",\\!", "").replace("{,}", "").replace("\\!", "")
    s = re.sub(r"(?<=\d)\\,(?=\d)", "", s)
    s = re.sub(r"\\times|\\cdot|×|·", "*", s).replace("−", "-")
    s = re.sub(r"10\^\{(\d+)\}", r"10^\1", s)
    s = re.sub(r"(?<=\d),(?=\d{3}(?:\D|$))", "", s)
    if european:
        s = re.sub(r"(?<=\d) (?=\d{3}(?:\D|$))", "", s)
    s = re.sub(r"\\[()\[\]]|\$|&|\\\\|`", " ", s)
    return s.replace("{", "(").replace("}", ")")


def evaluate(expr: str) -> int | None:
    expr = expr.strip().strip("-").strip()   # an arrow '->' or a dash next to the expression
    if not re.search(r"\d", expr) or expr.count("(") != expr.count(")"):
        return None
    try:
        value = eval(expr.replace("^", "**"), {"__builtins__": {}}, {})  # noqa: S307 - digits and operators only
    except (SyntaxError, TypeError, ValueError):
        return None
    return value if isinstance(value, int) else None


@dataclass(frozen=True)
class Equation:
    line_start: int
    left: str
    right: str
    holds: bool


def equations(text: str, european: bool = False) -> list[Equation]:
    """Every 'expr = expr' in the text, a chain continuing on a line that starts with '='."""
    out: list[Equation] = []
    last_right = ""
    pos = 0
    for raw in text.split("\n"):
        line = normalise(raw, european)
        segments = line.split("=")
        for i in range(len(segments) - 1):
            left_seg, right_seg = segments[i], segments[i + 1]
            lm = re.search(r"[\d\s*+\-()^]*$", left_seg)
            left = lm.group(0) if lm else ""
            if i == 0 and not re.search(r"\d", left) and not left_seg.strip(" (\t"):
                left = last_right
            rm = _EXPR.match(right_seg)
            right = rm.group(0) if rm else ""
            lv, rv = evaluate(left), evaluate(right)
            if lv is None or rv is None:
                continue
            holds = lv == rv
            if not holds and i + 2 < len(segments) and "+" in right:
                # 'x×d = 36 + 5 = 41': a chain that adds a carry; the product is the first term
                holds = lv == evaluate(right.split("+")[0])
            out.append(Equation(pos, left.strip(), right.strip(), holds))
            last_right = right
        pos += len(raw) + 1
    return out


def problems(r: dict) -> list[str]:
    errs: list[str] = []
    a, b = r["a"], r["b"]
    truncated = r["finish_reason"] == "length"
    if truncated != (r["outcome"] == "truncated"):
        errs.append("outcome and finish_reason disagree")
    if not truncated:
        stated = r["final"]
        if stated is None or str(stated) not in re.sub(r"[^\d]", "", r["answer"]) and str(stated) not in r["answer"]:
            errs.append("the final answer is not in the answer text")
        if (stated == a * b) != (r["outcome"] == "correct"):
            errs.append(f"outcome {r['outcome']} but final {stated} vs a*b {a * b}")
    fw = r["first_wrong"]
    fields = {"reasoning": r["reasoning"], "answer": r["answer"]}
    if r["outcome"] == "correct" and fw is not None:
        errs.append("a right answer with a wrong step that stuck")
    if r["outcome"] == "wrong" and fw is None:
        errs.append("a wrong answer with no first wrong step")
    cut_line = None
    if fw is not None:
        text = fields[fw["source"]]
        if text[fw["start"]:fw["end"]] != fw["text"]:
            errs.append("the labelled substring is not at its offset")
        if number(fw["text"]) != fw["claimed"] or fw["claimed"] == fw["should_be"]:
            errs.append("the labelled number is not wrong")
        if fw["should_be"] not in _right_values(r, a, b):
            errs.append(f"should_be {fw['should_be']} is no value of this problem")
        cut_line = (fw["source"], text.rfind("\n", 0, fw["start"]) + 1)
    for also in r["also_locates"]:
        if fields[also["source"]][also["start"]:also["end"]] != also["text"]:
            errs.append("an also-locates substring is not at its offset")
    fixed_lines = {(f["source"], fields[f["source"]].rfind("\n", 0, f["start"]) + 1) for f in r["fixed_slips"]}
    european = r["style"] == "european"
    after = False
    for source in ("reasoning", "answer"):
        text = fields[source]
        last_line = text.rfind("\n") + 1 if truncated else len(text) + 1
        for eq in equations(text, european):
            if (source, eq.line_start) in fixed_lines or eq.holds or eq.line_start >= last_line:
                continue   # a slip fixed at once; a true equation; the line cut by the token limit
            if _states_result(eq, r, a, b):
                continue
            if cut_line is not None and (after or (source, eq.line_start) >= cut_line and
                                         (source == cut_line[0] or source == "answer")):
                if _restates(eq, fw, a, b):
                    continue
                errs.append(f"a second, independent error after the labelled one: {eq.left} = {eq.right}")
            else:
                errs.append(f"a false equation before the first wrong step: {eq.left} = {eq.right}")
        if cut_line is not None and cut_line[0] == source:
            after = True
    return errs


def _states_result(eq: Equation, r: dict, a: int, b: int) -> bool:
    """'a x b = N' or 'rows = N' with N the reply's final answer: the reply's result, not a step (it is
    as wrong as the working's error or the answer itself)."""
    whole = evaluate(eq.left) == a * b and re.fullmatch(r"\(?\s*\d+\s*\*\s*\d+\s*\)?", eq.left)
    return bool(whole) or (r["final"] is not None and evaluate(eq.right) == r["final"] and r["first_wrong"] is not None
                           and r["first_wrong"]["claimed"] != r["final"])


def _restates(eq: Equation, fw: dict, a: int, b: int) -> bool:
    """A later false equation that carries the slip: it restates the wrong number."""
    claimed = str(fw["claimed"])
    return any(claimed in re.sub(r"\s", "", side) for side in (eq.left, eq.right)) or fw["text"] in (eq.left + eq.right)


def _right_values(r: dict, a: int, b: int) -> set[int]:
    """Values a step of this problem can rightly have: the product, a's split chunks, a times any part of
    b (digit or chunk at any place, or a chunk of a times b), sums of such rows, digits of b."""
    values = {a * b}
    sb, sa = str(b), str(a)
    for i in range(len(sb)):
        for j in range(i + 1, len(sb) + 1):
            part = int(sb[i:j]) * 10 ** (len(sb) - j)
            values |= {part, int(sb[i:j]), a * part, a * int(sb[i:j])}
    for k in range(1, len(sa)):
        hi, lo = divmod(a, 10 ** k)
        values |= {hi, lo, hi * 10 ** k, hi * b, hi * b * 10 ** k}
        if k < len(sb):
            bh, bl = divmod(b, 10 ** k)
            for x in (hi, hi * 10 ** k, lo):
                for y in (bh, bh * 10 ** k, bl):
                    values |= {x * y, x * y * 10 ** k}
    values |= {int(x) * int(y) for x in sa for y in sb} | set(range(10))   # digit products and carries
    # running sums of rows (any order of the digit rows, from the ones or from the top)
    rows = [a * int(d) * 10 ** p for p, d in enumerate(reversed(sb)) if d != "0"]
    for seq in (rows, rows[::-1]):
        acc = 0
        for x in seq:
            acc += x
            values.add(acc)
    return values


def main() -> int:
    bad = 0
    recs = records()
    for r in recs:
        for e in problems(r):
            bad += 1
            print(f"{r['id']}: {e}")
    print(f"{len(recs)} records checked, {bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
