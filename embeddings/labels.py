"""Where each word's label goes in a 2D figure, so that labels overlap neither each other nor the points.

The server never knows how wide the reader's screen is: the same figure is drawn 1,400 pixels wide on a desk
and 300 pixels wide in a phone's iframe. So a placement is checked in several frames (plot-area sizes in
pixels) at once and only accepted when it is clear in all of them. Label boxes are estimated from the font
size and the characters, the way plotly.js positions a scatter trace's text (`textposition`) beside its
marker. The search is greedy and deterministic: same points, same labels, same picture.

Required labels (the entered words) are placed first, most crowded first; one that fits in none of the eight
positions around its point gets a leader line to a free spot further away, and only when even that fails is
it drawn where it overlaps least. Optional labels (neighbours, analogy answers) are drawn only where they fit;
the others are left to hover.
"""
from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# Plotly's positions around a point, in the order they are preferred.
POSITIONS = (
    "top center", "bottom center", "middle right", "middle left",
    "top right", "top left", "bottom right", "bottom left",
)
# Figure widths (pixels) a placement must hold in: a 320-pixel phone (less the page's 16-pixel padding each
# side) up to a wide desktop page.
FIGURE_WIDTHS = (288, 400, 560, 800, 1100, 1500)
PAD_PX = 1.5  # clear space kept around each label box
LEADER_RADII = (26, 40, 58, 80, 110)
LEADER_ANGLES = 16
ASCENT, DESCENT = 1.02, 0.3  # of the font size, above and below the baseline: wide fonts (Verdana, DejaVu)
_NARROW = set("iljtfr.,;:'!|I ")
_WIDE = set("mwMW@%")


@dataclass(frozen=True)
class Frame:
    """A plot area of `width` x `height` pixels showing the axis ranges."""

    width: float
    height: float


@dataclass(frozen=True)
class Placement:
    """`position` is a plotly textposition, or None when the label is not drawn beside its point. `leader` is
    the label centre's offset in pixels (x right, y down) when it is drawn apart with a line to its point."""

    position: str | None = None
    leader: tuple[float, float] | None = None
    overlaps: bool = False  # drawn although it could not be placed clear of everything

    @property
    def shown(self) -> bool:
        return self.position is not None or self.leader is not None


def text_width_px(text: str, font_px: float) -> float:
    """A generous estimate of the text's width: wide fonts' average advances, so narrower ones fit too; CJK
    ideographs and kana take a full em."""
    return sum(_advance(c) for c in text) * font_px


def _advance(c: str) -> float:
    if unicodedata.east_asian_width(c) in ("W", "F"):
        return 1.0
    return 0.36 if c in _NARROW else 0.92 if c in _WIDE else 0.74 if c.isupper() else 0.62


def label_box(position: str, px: float, py: float, width: float, font_px: float, marker_px: float) -> tuple:
    """The box (left, top, right, bottom) plotly.js draws `position`'s text in, for a marker at (px, py).

    Mirrors plotly.js `Drawing.textPointPosition`: the text sits `marker_px / 2 / 0.8 + 1` pixels from the
    point's centre, its baseline shifted by a fraction of the font size.
    """
    r = marker_px / 2 / 0.8 + 1 if marker_px else 0.0
    vertical, horizontal = position.split()
    if horizontal == "left":
        left = px - r - width
    elif horizontal == "right":
        left = px + r
    else:
        left = px - width / 2
    baseline = {"top": py - r - 0.25 * font_px, "middle": py + 0.25 * font_px,
                "bottom": py + r + 0.75 * font_px}[vertical]
    return (left, baseline - ASCENT * font_px, left + width, baseline + DESCENT * font_px)


def centred_box(cx: float, cy: float, width: float, font_px: float) -> tuple:
    height = (ASCENT + DESCENT) * font_px
    return (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)


def place_labels(
    texts: Sequence[str],
    xs: Sequence[float],
    ys: Sequence[float],
    required: Sequence[bool],
    marker_px: Sequence[float],
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    *,
    font_px: float = 12,
    frames: Sequence[Frame] | None = None,
    plot_height: float = 560,
    max_optional: int = 150,
    leaders: bool = True,
    first: Sequence[bool] | None = None,
) -> list[Placement]:
    """One placement per point. Every point's marker is an obstacle, whether its label is shown or not.
    Without `leaders` (a 3D scene, where plotly has no leader lines) a crowded label takes its least bad spot.
    Labels marked `first` (an analogy's answer) are placed before every other, so they get the best spots."""
    n = len(texts)
    if n == 0:
        return []
    frames = list(frames or [Frame(w, plot_height) for w in FIGURE_WIDTHS])
    sizes = np.array([[f.width, f.height, f.width, f.height] for f in frames], float)  # (F, 4)
    xs, ys = np.asarray(xs, float), np.asarray(ys, float)
    pixels = np.stack([_to_pixels(xs, ys, x_range, y_range, f) for f in frames])  # (F, n, 2)
    corners = np.concatenate([pixels, pixels], axis=2)  # (F, n, 4): a box offset from a point is corners + offset
    widths = [text_width_px(t, font_px) for t in texts]
    markers = np.asarray(marker_px, float)
    half = np.stack([-markers, -markers, markers, markers], axis=1) / 2
    search = _Search(corners, sizes, corners + half[None])
    result: list[Placement] = [Placement() for _ in range(n)]

    crowding = _crowding(pixels[0], widths, font_px)
    first = list(first) if first is not None else [False] * n
    must = sorted((i for i in range(n) if required[i]), key=lambda i: (not first[i], -crowding[i], i))
    optional = sorted((i for i in range(n) if not required[i]), key=lambda i: (crowding[i], i))[:max_optional]

    for i in must + optional:
        offsets = [np.asarray(label_box(p, 0.0, 0.0, widths[i], font_px, markers[i])) for p in POSITIONS]
        choice = next((k for k, o in enumerate(offsets) if search.clear(i, o)), None)
        if choice is not None:
            result[i], chosen = Placement(position=POSITIONS[choice]), offsets[choice]
        elif not required[i]:
            continue
        elif (leader := _leader(i, search, widths[i], font_px) if leaders else None) is not None:
            result[i], chosen = Placement(leader=leader[0]), leader[1]
        else:
            k = min(range(len(POSITIONS)), key=lambda k: (search.overlap(i, offsets[k]), k))
            result[i], chosen = Placement(position=POSITIONS[k], overlaps=True), offsets[k]
        search.place(i, chosen)
    return result


class _Search:
    """The boxes placed so far in every frame at once: arrays of shape (frames, boxes, 4)."""

    def __init__(self, corners: np.ndarray, sizes: np.ndarray, dots: np.ndarray):
        self.corners, self.sizes, self.dots = corners, sizes, dots
        self.placed = np.empty((corners.shape[0], 0, 4))

    def clear(self, i: int, offset: np.ndarray) -> bool:
        """Inside every frame, clear of every placed label and of every other point's marker."""
        box = self.corners[:, i] + offset  # (F, 4)
        if (box[:, :2] < 0).any() or (box[:, 2:] > self.sizes[:, 2:]).any():
            return False
        if self.placed.shape[1] and _hits(box, self.placed).any():
            return False
        hit = _hits(box, self.dots)
        hit[:, i] = False
        return not hit.any()

    def overlap(self, i: int, offset: np.ndarray) -> float:
        """Total area of overlap with the labels already placed, over all frames: what the last resort minimises."""
        if not self.placed.shape[1]:
            return 0.0
        b, o = (self.corners[:, i] + offset)[:, None, :], self.placed
        w = np.clip(np.minimum(b[..., 2], o[..., 2]) - np.maximum(b[..., 0], o[..., 0]), 0, None)
        h = np.clip(np.minimum(b[..., 3], o[..., 3]) - np.maximum(b[..., 1], o[..., 1]), 0, None)
        return float((w * h).sum())

    def place(self, i: int, offset: np.ndarray) -> None:
        self.placed = np.concatenate([self.placed, (self.corners[:, i] + offset)[:, None, :]], axis=1)


def _to_pixels(xs, ys, x_range, y_range, frame: Frame) -> np.ndarray:
    (x0, x1), (y0, y1) = x_range, y_range
    px = (xs - x0) / ((x1 - x0) or 1.0) * frame.width
    py = (y1 - ys) / ((y1 - y0) or 1.0) * frame.height
    return np.stack([px, py], axis=1)


def _hits(box: np.ndarray, others: np.ndarray) -> np.ndarray:
    """(F, 4) against (F, k, 4): which of the others each frame's box touches (with PAD_PX to spare)."""
    b = box[:, None, :]
    return ((b[..., 0] - PAD_PX < others[..., 2]) & (others[..., 0] < b[..., 2] + PAD_PX)
            & (b[..., 1] - PAD_PX < others[..., 3]) & (others[..., 1] < b[..., 3] + PAD_PX))


def _leader(i: int, search: _Search, width: float, font_px: float):
    """The nearest free spot on rings around the point, for a label drawn apart with a line to its point."""
    for radius in LEADER_RADII:
        for step in range(LEADER_ANGLES):
            angle = -math.pi / 2 + 2 * math.pi * step / LEADER_ANGLES  # from straight up, clockwise
            dx, dy = round(radius * math.cos(angle) * 1.6, 1), round(radius * math.sin(angle), 1)  # wide labels
            offset = np.asarray(centred_box(dx, dy, width, font_px))
            if search.clear(i, offset):
                return (dx, dy), offset
    return None


def _crowding(pix: np.ndarray, widths: list[float], font_px: float) -> np.ndarray:
    """How many points lie within a label's reach of each point (in the narrowest frame), counted on a grid
    of label-sized cells so that thousands of neighbours cost no n x n matrix."""
    cell = np.array([max(widths) + font_px, 3 * font_px])
    cells = np.floor(pix / cell).astype(np.int64)
    counts: dict[tuple[int, int], int] = {}
    for c in map(tuple, cells):
        counts[c] = counts.get(c, 0) + 1
    around = [(dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
    return np.array([sum(counts.get((cx + dx, cy + dy), 0) for dx, dy in around) - 1 for cx, cy in cells])
