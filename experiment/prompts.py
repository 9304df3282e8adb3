"""The prompt variants. The rendered text is stored verbatim with every record, so a template may change
later without making old records ambiguous; the variant name only says which family a prompt came from.
"""

from __future__ import annotations

from dataclasses import dataclass

PLAIN = (
    "Calculate the product of {a} and {b}. "
    "Please provide the final answer in the format: Final Answer: [result]"
)

ALGORITHM = (
    "Calculate the product of {a} and {b} using long multiplication. "
    "Write out every step: multiply {a} by each digit of {b}, write each partial product shifted by the "
    "place value of that digit, and after adding each partial product write the running sum. "
    "Please provide the final answer in the format: Final Answer: [result]"
)

# A base model has no instructions to follow, only a pattern to continue: one worked example in the
# compact long-multiplication layout, then the question, ending where the model's own working begins.
FEW_SHOT = (
    "Multiply the two numbers with long multiplication, then give the final answer.\n"
    "\n"
    "Question: Calculate the product of 347 and 26.\n"
    "Working:\n"
    "347 x 6 = 2082\n"
    "347 x 20 = 6940\n"
    "2082 + 6940 = 9022\n"
    "Final Answer: 9022\n"
    "\n"
    "Question: Calculate the product of {a} and {b}.\n"
    "Working:\n"
)

TEMPLATES: dict[str, str] = {"plain": PLAIN, "algorithm": ALGORITHM, "few-shot": FEW_SHOT}
VARIANTS: tuple[str, ...] = tuple(TEMPLATES)


@dataclass(frozen=True, slots=True)
class Prompt:
    """A rendered prompt; ``continues_working`` says the reply starts inside the model's working."""

    variant: str
    text: str

    @property
    def continues_working(self) -> bool:
        return self.variant == "few-shot"


def render(variant: str, a: int, b: int) -> Prompt:
    """The prompt of ``variant`` for ``a`` x ``b``; an unknown variant is a configuration error upstream."""
    return Prompt(variant=variant, text=TEMPLATES[variant].format(a=a, b=b))
