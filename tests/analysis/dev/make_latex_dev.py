"""Writes latex_dev.jsonl: LaTeX-heavy traces in the style of open reasoning models (DeepSeek-R1, QwQ),
written for developing the notation layer (issue 17), each labelled by where its first error is.

    .venv/bin/python tests/analysis/dev/make_latex_dev.py

The numbers are computed here so that every step is right except the one error each trace is written
with; the label says which characters hold it. These are development traces (the tuning side).
"""

from __future__ import annotations

import json
from pathlib import Path


def g(n: int, sep: str = "{,}") -> str:
    return f"{n:,}".replace(",", sep)


def rec(id_, a, b, reasoning, answer, category, claimed=None, at=None, occurrence=1, source="reasoning",
        finish_reason=None):
    label = {"category": category, "first_wrong": None}
    if claimed is not None:
        label["first_wrong"] = {"claimed": claimed, "at": at, "occurrence": occurrence, "source": source}
    out = {"id": id_, "style": "latex", "source": "latex-dev", "a": a, "b": b, "reasoning": reasoning,
           "answer": answer, "label": label}
    if finish_reason:
        out["finish_reason"] = finish_reason
    return out


records = []
TS = ',\\!'
THIN = '\\,'

# 1. align* by place values, right, numbers grouped with {,}
a, b = 4821, 367
rows = [a * 300, a * 60, a * 7]
r = (f"Okay, so I need to compute ${a} \\times {b}$. Let me break {b} into place values.\n\n"
     f"\\[\n\\begin{{align*}}\n{a} \\times {b} &= {a} \\times (300 + 60 + 7) \\\\\n"
     f"&= {a} \\times 300 + {a} \\times 60 + {a} \\times 7 \\\\\n"
     f"&= {g(rows[0])} + {g(rows[1])} + {g(rows[2])} \\\\\n&= {g(sum(rows))}\n\\end{{align*}}\n\\]\n\n"
     f"So the product is $\\boxed{{{a*b}}}$.")
records.append(rec("ld_align_right", a, b, r, f"\\boxed{{{g(a*b)}}}", "correct"))

# 2. same, wrong partial product written with thin spaces \,
a, b = 7396, 458
rows = [a * 400, a * 50, a * 8]
bad = rows[1] + 1000
r = (f"Let me compute \\({a} \\times {b}\\).\n\n\\[\n{a} \\times 400 = {g(rows[0], THIN)}\n\\]\n"
     f"\\[\n{a} \\times 50 = {g(bad, THIN)}\n\\]\n\\[\n{a} \\times 8 = {g(rows[2], THIN)}\n\\]\n"
     f"Adding: \\[ {g(rows[0], THIN)} + {g(bad, THIN)} + {g(rows[2], THIN)} = "
     f"{g(rows[0]+bad+rows[2], THIN)} \\]\n\n**Final Answer**\n\\[\n\\boxed{{{rows[0]+bad+rows[2]}}}\n\\]")
records.append(rec("ld_thinspace_partial", a, b, r, "", "wrong_partial_product", bad, g(bad, "\\,")))

# 3. split by chunks with powers of ten, cross products, right
a, b = 48213377, 5061
hi, lo = 4821, 3377
r = (f"We want $48{{,}}213{{,}}377 \\times 5{{,}}061$. Write $48213377 = {hi} \\times 10^{{4}} + {lo}$.\n\n"
     f"Then\n\\[\n{hi} \\times 5061 = {g(hi*5061, TS)}\n\\]\nso ${hi} \\times 5061 \\times 10^{{4}} = "
     f"{g(hi*5061*10**4, TS)}$.\n\nAnd ${lo} \\times 5061 = {g(lo*5061, TS)}$.\n\n"
     f"Total: ${g(hi*5061*10**4, TS)} + {g(lo*5061, TS)} = {g(a*b, TS)}$.\n\n"
     f"Therefore the answer is $\\boxed{{{g(a*b)}}}$.")
records.append(rec("ld_chunks_right", a, b, r, "", "correct"))

# 4. chunk split that does not add up
a, b = 62874419, 3208
r = (f"Let's split $62{{,}}874{{,}}419 = 6287 \\times 10^4 + 4491$ to make it easier.\n\n"
     f"$6287 \\times 3208 = {g(6287*3208)}$, so $6287 \\times 10^4 \\times 3208 = {g(6287*3208*10**4)}$.\n\n"
     f"$4491 \\times 3208 = {g(4491*3208)}$.\n\nSum: ${g(6287*3208*10**4)} + {g(4491*3208)} = "
     f"{g(6287*3208*10**4 + 4491*3208)}$.\n\n\\(\\boxed{{{6287*3208*10**4 + 4491*3208}}}\\)")
records.append(rec("ld_chunk_split_wrong", a, b, r, "", "copy_error", 62874491, "6287 \\times 10^4 + 4491"))

# 5. multiplier in multi-digit chunks: a x 513 = a x 500 + a x 10 + a x 3, right
a, b = 90417, 513
r = (f"To compute \\( {a} \\times {b} \\), write \\( {b} = 500 + 10 + 3 \\):\n"
     f"\\[\n\\begin{{aligned}}\n{a} \\times 500 &= {g(a*500)} \\\\\n{a} \\times 10 &= {g(a*10)} \\\\\n"
     f"{a} \\times 3 &= {g(a*3)}\n\\end{{aligned}}\n\\]\n"
     f"Adding these: \\( {g(a*500)} + {g(a*10)} + {g(a*3)} = {g(a*b)} \\).\n\nThe answer is \\( \\boxed{{{a*b}}} \\).")
records.append(rec("ld_multiplier_chunks_right", a, b, r, "", "correct"))

# 6. misread multiplier digit row: x 700 where b has 6 hundreds
a, b = 3819, 642
rows_bad = [a * 700, a * 40, a * 2]
r = (f"Let me do ${a} \\times {b}$ step by step.\n\n"
     f"- ${a} \\times 700 = {g(rows_bad[0])}$\n- ${a} \\times 40 = {g(rows_bad[1])}$\n"
     f"- ${a} \\times 2 = {g(rows_bad[2])}$\n\n"
     f"Sum: ${g(rows_bad[0])} + {g(rows_bad[1])} + {g(rows_bad[2])} = {g(sum(rows_bad))}$\n\n"
     f"$$\\boxed{{{sum(rows_bad)}}}$$")
records.append(rec("ld_misread_row", a, b, r, "", "copy_error", 700, "700"))

# 7. answer first, then working, right
a, b = 2743, 86
r = (f"$$\\boxed{{{g(a*b)}}}$$\n\nWorking: ${a} \\times 80 = {g(a*80)}$ and ${a} \\times 6 = {g(a*6)}$, "
     f"so ${g(a*80)} + {g(a*6)} = {g(a*b)}$.")
records.append(rec("ld_answer_first_right", a, b, "", r, "correct"))

# 8. "I ran code", no working, wrong stated answer
a, b = 58213, 9074
wrong = a * b + 90000
r = (f"I computed this with a quick Python check: running `{a} * {b}` yields {wrong}.\n\n"
     f"So the answer is $\\boxed{{{wrong}}}$.")
records.append(rec("ld_ran_code_wrong", a, b, "", r, "no_algorithm", wrong, str(wrong), source="answer"))

# 9. final answer contradicts the working's right total
a, b = 6178, 2934
total = a * b
final = total + 100
r = (f"\\[\n\\begin{{align*}}\n{a} \\times 2000 &= {g(a*2000)} \\\\\n{a} \\times 900 &= {g(a*900)} \\\\\n"
     f"{a} \\times 30 &= {g(a*30)} \\\\\n{a} \\times 4 &= {g(a*4)}\n\\end{{align*}}\n\\]\n"
     f"Sum: ${g(a*2000)} + {g(a*900)} + {g(a*30)} + {g(a*4)} = {g(total)}$.\n\n"
     f"Let me verify by estimating: $6000 \\times 3000 = 18{{,}}000{{,}}000$, close enough.\n\n"
     f"**Final Answer:** $\\boxed{{{g(final)}}}$")
records.append(rec("ld_final_contradicts", a, b, "", r, "answer_mismatch", final, g(final), source="answer"))

# 10. tens row added without its shift
a, b = 5274, 38
r = (f"First, \\( {a} \\times 8 = {g(a*8)} \\).\nThen \\( {a} \\times 3 = {g(a*3)} \\) (this is the tens digit).\n"
     f"Adding: \\( {g(a*8)} + {g(a*3)} = {g(a*8 + a*3)} \\).\n\nSo \\( {a} \\times {b} = \\boxed{{{a*8 + a*3}}} \\).")
# the row as written in the sum (the generator's convention, tests/analysis/generator/README.md)
records.append(rec("ld_tens_unshifted", a, b, r, "", "shift_error", a * 3, g(a * 3), occurrence=2))

# 11. digits transposed when copying the answer
a, b = 7123, 4562
total = a * b
s = str(total)
swapped = int(s[:3] + s[4] + s[3] + s[5:])
r = (f"\\[\n{a} \\times {b} = {a} \\times 4000 + {a} \\times 500 + {a} \\times 60 + {a} \\times 2\n\\]\n"
     f"\\[\n= {g(a*4000)} + {g(a*500)} + {g(a*60)} + {g(a*2)} = {g(total)}\n\\]\n\n"
     f"Thus, the product is $\\boxed{{{swapped}}}$.")
records.append(rec("ld_transposed_copy", a, b, r, "", "answer_mismatch", swapped, str(swapped)))

# 12. truncated, every step right
a, b = 83927, 6154
r = (f"Okay, let me multiply $83{{,}}927 \\times 6{{,}}154$.\n\n\\[\n\\begin{{align*}}\n"
     f"83927 \\times 6000 &= {g(a*6000)} \\\\\n83927 \\times 100 &= {g(a*100)} \\\\\n"
     f"83927 \\times 50 &= {g(a*50)} \\\\\n"
     f"83927 \\times 4 &= {g(a*4)}\n\\end{{align*}}\n\\]\nNow adding: ${g(a*6000)} + {g(a*100)} = {g(a*6100)}$, then "
     f"${g(a*6100)} + {g(a*50)} = {g(a*6150)}$, then ${g(a*6150)} + {g(a*4)} = 516")
records.append(rec("ld_truncated_right", a, b, r, "", "truncated", finish_reason="length"))

# 13. column work position by position with a restart: the recomputation stuck
a, b = 4729, 6
r = ("Let's do it column by column.\n\n"
     "pos0 (digit 9): $9 \\times 6 + 0 = 54$ → digit 4, carry 5\n"
     "pos1 (digit 2): $2 \\times 6 + 5 = 17$ → digit 7, carry 1\n"
     "pos2 (digit 7): $7 \\times 6 + 1 = 42$ → digit 2, carry 4\n"
     "Wait, no! $7 \\times 6 + 1 = 43$. Let me recompute: $7 \\times 6 + 1 = 43$ → digit 3, carry 4\n"
     "pos3 (digit 4): $4 \\times 6 + 4 = 28$ → digit 8, carry 2\n\n"
     f"So the result is $\\boxed{{{a*b}}}$.")
records.append(rec("ld_column_restart_right", a, b, r, "", "self_corrected", 42, "42"))

# 14. cross products of split operands, right; then one wrong
a, b = 3000042, 6000017
r = (f"Split both: $3{{,}}000{{,}}042 = 3{{,}}000{{,}}000 + 42$ and $6{{,}}000{{,}}017 = 6{{,}}000{{,}}000 + 17$.\n\n"
     f"\\[\n\\begin{{align*}}\n3{{,}}000{{,}}000 \\times 6{{,}}000{{,}}000 &= 18{{,}}000{{,}}000{{,}}000{{,}}000 \\\\\n"
     f"3{{,}}000{{,}}000 \\times 17 &= 51{{,}}000{{,}}000 \\\\\n"
     f"42 \\times 6{{,}}000{{,}}000 &= 252{{,}}000{{,}}000 \\\\\n"
     f"42 \\times 17 &= 714\n\\end{{align*}}\n\\]\n"
     f"Sum: $18{{,}}000{{,}}000{{,}}000{{,}}000 + 51{{,}}000{{,}}000 + 252{{,}}000{{,}}000 + 714 = {g(a*b)}$.\n\n"
     f"$\\boxed{{{a*b}}}$")
records.append(rec("ld_cross_right", a, b, r, "", "correct"))
bad_cross = r.replace("252{,}000{,}000 \\\\", "242{,}000{,}000 \\\\").replace(
    f"+ 252{{,}}000{{,}}000 + 714 = {g(a*b)}", f"+ 242{{,}}000{{,}}000 + 714 = {g(a*b - 10**7)}").replace(
    f"\\boxed{{{a*b}}}", f"\\boxed{{{a*b - 10**7}}}")
records.append(rec("ld_cross_wrong", a, b, bad_cross, "", "wrong_partial_product", 242000000, "242{,}000{,}000"))

# 15. sum wrong inside align with \cdot
a, b = 918, 274
rows = [a * 200, a * 70, a * 4]
badsum = sum(rows) + 10
r = (f"\\begin{{align}}\n{a} \\cdot 200 &= {rows[0]} \\\\\n{a} \\cdot 70 &= {rows[1]} \\\\\n{a} \\cdot 4 &= {rows[2]}\n"
     f"\\end{{align}}\nAdding them: ${rows[0]} + {rows[1]} + {rows[2]} = {badsum}$.\n\n"
     f"The final answer is $\\boxed{{{badsum}}}$.")
records.append(rec("ld_cdot_sum_wrong", a, b, r, "", "addition_error", badsum, str(badsum)))

# 16. scientific powers of ten: \times 10^{3}
a, b = 6421, 3005
r = (f"${a} \\times 3005 = {a} \\times 3 \\times 10^{{3}} + {a} \\times 5$.\n\n"
     f"${a} \\times 3 = {a*3}$, so ${a} \\times 3 \\times 10^{{3}} = {g(a*3000, ',')}$.\n"
     f"${a} \\times 5 = {a*5}$.\n\nTotal: ${g(a*3000, ',')} + {a*5} = {g(a*3000 + a*5 + 1000, ',')}$.\n\n"
     f"\\boxed{{{a*3000 + a*5 + 1000}}}")
records.append(rec("ld_pow10_sum_wrong", a, b, r, "", "addition_error", a * 3000 + a * 5 + 1000,
                   g(a * 3000 + a * 5 + 1000, ",")))

Path(__file__).with_name("latex_dev.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
print(len(records), "traces")
