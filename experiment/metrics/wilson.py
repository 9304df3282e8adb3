"""The Wilson score interval: the one interval every share in the project is shown with."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

Z_95 = 1.959963984540054


def wilson_interval(successes: ArrayLike, trials: ArrayLike, z: float = Z_95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of successes / trials, element-wise (scalars give 0-d arrays); NaN where there
    are no trials. Unlike the normal approximation it stays inside [0, 1] at 0/n and n/n, which is where
    most cells of a hard multiplication grid are."""
    successes = np.asarray(successes, dtype=float)
    trials = np.asarray(trials, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = successes / trials
        denominator = 1 + z * z / trials
        centre = (p + z * z / (2 * trials)) / denominator
        half = z * np.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    low = np.where(trials > 0, np.clip(centre - half, 0.0, 1.0), np.nan)
    high = np.where(trials > 0, np.clip(centre + half, 0.0, 1.0), np.nan)
    return low, high
