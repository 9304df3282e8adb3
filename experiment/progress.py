"""The progress bar: counts per outcome and tqdm's estimate of the time left, on standard error."""

from __future__ import annotations

import sys
from collections import Counter

from tqdm import tqdm


class Progress:
    """A thin tqdm wrapper; ``enabled=None`` shows the bar only on a terminal, so logs stay clean."""

    def __init__(self, total: int, enabled: bool | None = None) -> None:
        disable = (not sys.stderr.isatty()) if enabled is None else not enabled
        self._bar = tqdm(total=total, unit="item", desc="asking", disable=disable, file=sys.stderr,
                         dynamic_ncols=True, mininterval=0.25)
        self._counts: Counter = Counter()

    def advance(self, outcome: str) -> None:
        self._counts[outcome] += 1
        self._bar.set_postfix(self._counts, refresh=False)
        self._bar.update(1)

    def close(self) -> None:
        self._bar.close()
