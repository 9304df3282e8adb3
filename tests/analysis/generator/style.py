"""The per-trace writing style: number format, multiplication sign, math delimiters, shared phrasing."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from tests.analysis.generator.surface import TEX_STYLES, NumberStyle, Piece, Voice, format_number, power_of_ten


class Family(Enum):
    PLAIN = "plain"
    MARKDOWN = "markdown"
    LATEX_INLINE = "latex_inline"
    LATEX_DISPLAY = "latex_display"


@dataclass(slots=True)
class Style:
    voice: Voice
    family: Family
    numbers: NumberStyle
    times: str  # with its spaces
    open: str   # math delimiters ("" in plain text)
    close: str
    inline_open: str = ""  # for numbers inside a sentence (display-math traces still write these inline)
    inline_close: str = ""
    multiplier_first: bool = False  # rows written "800 × 4567" rather than "4567 × 800"

    def product(self, x: str, y: str) -> str:
        return f"{y}{self.times}{x}" if self.multiplier_first else f"{x}{self.times}{y}"

    def n(self, value: int, *keys: tuple) -> Piece:
        return Piece(format_number(value, self.numbers), keys)

    def pow10(self, k: int) -> str:
        if self.family in (Family.PLAIN, Family.MARKDOWN):
            return self.voice.any(("10^" + str(k), "10^" + str(k), "10**" + str(k))) if k > 1 else "10"
        return power_of_ten(k, self.voice)

    def fields(self, **kw: str | Piece) -> dict[str, str | Piece]:
        """Template fields: {o}/{c} open and close inline math, {t} is the multiplication sign."""
        return {"o": self.inline_open, "c": self.inline_close, "t": self.times, **kw}

    @property
    def display(self) -> bool:
        return self.family is Family.LATEX_DISPLAY

    @property
    def latex(self) -> bool:
        return self.family in (Family.LATEX_INLINE, Family.LATEX_DISPLAY)


def make_style(voice: Voice, family: Family) -> Style:
    style = _make_style(voice, family)
    style.multiplier_first = voice.any((False, False, False, True))
    return style


def _make_style(voice: Voice, family: Family) -> Style:
    if family is Family.PLAIN:
        return Style(voice, family, voice.any((NumberStyle.COMMAS, NumberStyle.PLAIN)),
                     voice.any((" × ", " x ", " * ")), "", "")
    if family is Family.MARKDOWN:
        return Style(voice, family, voice.any((NumberStyle.COMMAS, NumberStyle.COMMAS, NumberStyle.PLAIN)),
                     voice.any((" × ", " x ", " × ")), "", "")
    numbers = voice.any(TEX_STYLES)
    times = voice.any((" \\times ", " \\times ", " \\cdot "))
    inline = voice.any((("\\( ", " \\)"), ("$", "$"), ("\\(", "\\)")))
    if family is Family.LATEX_INLINE:
        open_, close = inline
    else:
        open_, close = voice.any((("\n\\[\n", "\n\\]\n"), ("\n\\[ ", " \\]\n"), ("\n$$", "$$\n")))
    return Style(voice, family, numbers, times, open_, close, *inline)


PLACES = ("ones", "tens", "hundreds", "thousands", "ten-thousands", "hundred-thousands", "millions",
          "ten-millions", "hundred-millions", "billions", "ten-billions")


def place_name(power: int) -> str:
    return PLACES[power] if power < len(PLACES) else f"10^{power}"
