"""The 3D view's box and camera, chosen from the data so that every labelled point is in the frame.

Plotly draws a 3D scene in perspective with a fixed vertical field of view (45 degrees): in a narrow frame (a
phone, a blog's iframe) the sides are cut off, so the camera must stand further back than plotly's default.
The box is scaled to `aspectratio` (each axis's range maps to a length of `aspect[i]` about the origin) and
the camera looks at its centre from the direction of plotly's default eye (1.25, 1.25, 1.25).
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from embeddings.labels import ASCENT, DESCENT, Frame

FOVY = math.pi / 4  # plotly.js gl-plot3d
DIRECTION = np.array([1.0, 1.0, 1.0]) / math.sqrt(3)  # plotly's default eye, (1.25, 1.25, 1.25), normalised
UP = np.array([0.0, 0.0, 1.0])
MIN_ASPECT = 0.35  # an axis with little spread is still drawn with some depth
EDGE_PX = 4


def aspect_ratio(ranges: Sequence[tuple[float, float]]) -> tuple[float, float, float]:
    """Box proportions that follow the data's spread (distances in the picture mean something), so that no
    axis is flattened to nothing."""
    spans = np.array([hi - lo for lo, hi in ranges], float)
    spans = spans / (spans.max() or 1.0)
    return tuple(round(float(max(MIN_ASPECT, s)), 4) for s in spans)


def to_world(points: np.ndarray, ranges, aspect) -> np.ndarray:
    """Data coordinates to plotly's scene coordinates: each range centred on 0 with length aspect[i]."""
    lo = np.array([r[0] for r in ranges], float)
    hi = np.array([r[1] for r in ranges], float)
    return (points - (lo + hi) / 2) / np.where(hi > lo, hi - lo, 1.0) * np.asarray(aspect, float)


def project(points_world: np.ndarray, eye: np.ndarray, frame: Frame) -> np.ndarray:
    """Pixel positions (x right, y down) in a plot area of `frame`'s size, camera at `eye` looking at 0."""
    forward = -eye / np.linalg.norm(eye)
    right = np.cross(forward, UP)
    right /= np.linalg.norm(right)
    up = np.cross(right, forward)
    rel = points_world - eye
    depth = rel @ forward
    half_h = math.tan(FOVY / 2)
    aspect = frame.width / frame.height
    x_ndc = (rel @ right) / (depth * half_h * aspect)
    y_ndc = (rel @ up) / (depth * half_h)
    return np.stack([(x_ndc + 1) / 2 * frame.width, (1 - y_ndc) / 2 * frame.height], axis=1)


def fits(pixels: np.ndarray, frame: Frame, label_widths: Sequence[float], font_px: float) -> bool:
    """Every point, and its label drawn above it ("top center"), inside the frame."""
    half = np.asarray(label_widths, float) / 2 + EDGE_PX
    above = (ASCENT + DESCENT) * font_px + 6 + EDGE_PX
    x, y = pixels[:, 0], pixels[:, 1]
    return bool(np.all(x - half >= 0) and np.all(x + half <= frame.width)
                and np.all(y - above >= 0) and np.all(y + EDGE_PX <= frame.height))


def fitting_eye(points: np.ndarray, ranges, aspect, frame: Frame, label_widths: Sequence[float],
                font_px: float) -> tuple[float, float, float]:
    """The nearest camera, along plotly's default direction, that shows every point and its label in `frame`
    (the narrowest frame the figure is drawn in): wider frames then show them too."""
    world = to_world(np.asarray(points, float), ranges, aspect)
    box_radius = float(np.linalg.norm(np.asarray(aspect, float) / 2))
    near, far = 2.5 * box_radius, 60.0  # never nearer than plotly's default (2.165 for a unit cube)
    if fits(project(world, DIRECTION * near, frame), frame, label_widths, font_px):
        distance = near
    else:
        for _ in range(40):  # bisection: the further away, the smaller the picture
            mid = (near + far) / 2
            if fits(project(world, DIRECTION * mid, frame), frame, label_widths, font_px):
                far = mid
            else:
                near = mid
        distance = far
    return tuple(round(float(c), 4) for c in DIRECTION * distance)
