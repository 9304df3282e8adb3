"""Make UMAP's numba code cacheable on disk, so a fresh server process does not recompile it.

umap-learn decorates most of its functions with `numba.njit(...)` without `cache=True`, so every new process
compiles them again (about 10 s on this machine). Importing umap inside `cached_jit()` gives those functions
`cache=True` (unless they say otherwise); numba then keeps the compiled code in NUMBA_CACHE_DIR (`cache/numba`)
and later processes load it instead of compiling. Functions numba cannot cache are compiled as before.
"""
from __future__ import annotations

import functools
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def _with_cache(decorator: Callable) -> Callable:
    @functools.wraps(decorator)
    def patched(*args, **kwargs):
        if args and callable(args[0]) and not kwargs:  # bare @numba.njit
            return decorator(cache=True)(args[0])
        kwargs.setdefault("cache", True)
        return decorator(*args, **kwargs)

    return patched


@contextmanager
def cached_jit() -> Iterator[None]:
    import numba

    original = numba.njit, numba.jit
    numba.njit, numba.jit = _with_cache(numba.njit), _with_cache(numba.jit)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", numba.NumbaWarning)  # "cannot cache ...": compiled as before
            yield
    finally:
        numba.njit, numba.jit = original
