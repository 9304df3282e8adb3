"""Keep what lives as long as the server out of the garbage collector's way.

Streamlit runs a full collection (`gc.collect(2)`) after every script run, so after every reader's view, unless
`runner.postScriptGC` is off; it is, in .streamlit/config.toml: even with what is frozen here left out, it walked the
loaded models' vocabularies and the cached figures after every view (a tenth of a server's CPU under a burst of
readers, bench/bench_load.py). Python's own collector still runs full collections as objects accumulate, and a full
collection walks every container object the process holds: after the preload, about 300,000 of them (the modules,
plotly's and pandas' tables, the parsers' grammars), 0.2 s of CPU each time on this machine. None of those objects
can become garbage: they live until the process ends. `gc.freeze()` moves them into the permanent generation, which
collections skip; what sessions create later is still collected.
"""
from __future__ import annotations

import gc


def freeze_long_lived() -> int:
    """Leave every object alive now out of later collections (after the imports and the model are in); the
    number of objects frozen so far."""
    gc.freeze()  # without a collection first: that took 0.2-0.4 s of the first reader's view
    return gc.get_freeze_count()
