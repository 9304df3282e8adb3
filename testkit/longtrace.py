"""Long, realistic traces built from short ones: reasoning-model prose and restarts around the arithmetic.

Real traces of long multiplication by reasoning models run to 1,000-10,000 characters, most of it prose
("Hmm, let me think about how to approach this...", "Wait, let me make sure...") between the lines that
carry numbers. `pad_trace` wraps a (short) trace in such prose, paragraph by paragraph, without adding any
arithmetic of its own, so the padded trace must get the same analysis as the short one; with
`restarts=True` it also repeats the trace's own work after a "Wait, let me recompute" paragraph, as
rambling traces do (realistic for speed measurements, but a repeat can change what a trace means).

Used by tests/analysis/test_analysis_long.py and bench/bench_analyzer.py.
"""

from __future__ import annotations

import random

# Paragraphs in the style of published reasoning-model traces. `{a}` and `{b}` are the operands; nothing
# else here is a number, an operator or a claim, so the prose adds no step to a trace.
PROSE = (
    "Okay, so I need to multiply {a} by {b}. Hmm, that's a pretty big multiplication. Let me think about "
    "how to approach this. I remember that long multiplication involves breaking the problem down into "
    "smaller parts, multiplying each part, and then adding everything together at the end.",
    "Alright, let me recall how long multiplication works. You take the bottom number, go digit by digit "
    "from right to left, multiply the whole top number by that digit, and shift each row one place further "
    "to the left than the one before. Then you add up all the rows.",
    "Hmm, wait. Before I go on, I want to make sure I have the place values straight, because it is really "
    "easy to lose track of the zeros when the numbers get this long.",
    "Let me think about whether there's a smarter way to do this. Maybe I could round one of the numbers "
    "and then adjust, but that usually introduces more chances for mistakes. I think the plain method is "
    "safer here, even if it takes a bit longer.",
    "Wait, hold on. I should be careful here. When I write the rows down I need to keep the digits lined "
    "up properly, otherwise the final addition will be off. Let me slow down a little.",
    "So the plan is: first handle each digit of {b}, one at a time, then combine the pieces. I'll keep "
    "track of the intermediate values as I go so that I can look back at them later if something seems "
    "off.",
    "Hmm, I'm a little worried about the carries. Every time a product goes past nine I need to carry the "
    "tens into the next column, and forgetting even one of them would throw off everything after it.",
    "Actually, let me step back for a moment and think about the size of the answer. Both numbers are "
    "fairly large, so the product should be large as well. That gives me a rough sense of what to expect "
    "before I get into the details.",
    "Okay, I think I've got the approach. Let me just go through it slowly and carefully, writing out each "
    "piece instead of doing too much in my head at once.",
    "Wait, did I do that part right? It's easy to mix up which digit I'm on. Going back over it in my head, "
    "I think the order was right, so let me keep going.",
    "Hmm, this is getting long, but that's fine. Being methodical is more important than being quick "
    "here. The main thing is not to drop a digit or misplace a zero.",
    "Let me also think about the last digits. The last digit of the product depends only on the last "
    "digits of {a} and {b}, which is a quick way to catch some mistakes at the end.",
    "Alternatively, I could split {a} into its thousands and the rest and use the distributive property. "
    "That works too, but I'd rather stick with one method all the way through so I don't confuse myself.",
    "Okay, moving on. I'll now go through the remaining pieces in the same way, keeping each intermediate "
    "value written down clearly.",
)
RESTART = (
    "Wait, that doesn't look right to me. Let me recompute this from the beginning, more carefully this "
    "time, and compare with what I had.",
    "Hmm, hold on. I'm not fully sure about that. Let me redo the whole thing step by step to be safe.",
    "Actually, wait. Let me start over and go through it again, since I might have slipped somewhere.",
)


def _operand(n: int, rng: random.Random) -> str:
    return f"{n:,}" if rng.random() < 0.5 else str(n)


def pad_trace(a: int, b: int, reasoning: str, target: int, seed: int = 0, restarts: bool = False) -> str:
    """`reasoning` grown to about `target` characters with prose paragraphs put between its paragraphs
    (and before and after them); with `restarts`, the trace's work is also repeated after a restart."""
    rng = random.Random(seed)
    work = [p for p in reasoning.split("\n\n") if p.strip()]
    if not work:
        work = [reasoning] if reasoning else []

    def prose() -> str:
        return rng.choice(PROSE).format(a=_operand(a, rng), b=_operand(b, rng))

    body: list[str] = [prose(), *work]
    length = sum(len(p) + 2 for p in body)
    while length < target:
        if restarts and work and rng.random() < 0.35:
            addition = [rng.choice(RESTART), *work]
        else:
            # Prose goes between paragraphs of the work, never inside one.
            addition = [prose()]
        place = rng.randint(0, len(body)) if not restarts else len(body)
        body[place:place] = addition
        length += sum(len(p) + 2 for p in addition)
    return "\n\n".join(body)
