"""Every module a page can need, imported once per server process, and the gate that keeps sessions from seeing
one half-imported.

Streamlit runs each reader's session in its own thread. A module first imported inside a session is, for a
while, in `sys.modules` half-done: Python makes a second `import` of it wait, but code that looks a module up
in `sys.modules` without importing it does not wait. plotly's validators do that for pandas (and narwhals for
pyarrow), so a figure built while another session imported pandas failed with "partially initialized module
'pandas' has no attribute 'Series'" (tests/deploy/test_fresh_burst.py).

So no page runs while a module is being imported, whichever way the server was started:
- the server's first page runs alone (`gate()` holds every other session back), importing what it needs in its
  own thread; every other page's modules are imported after it, still alone, and only then do the other
  sessions run: at once if one is waiting, otherwise a few seconds later (`REST_AFTER_S`), while the first
  reader's browser draws the figure (a second of imports then made that figure later, bench/bench_browser.py);
  the first page waiting for every page's modules (one to two seconds) made a first figure 1.37 times a
  minimal app's;
- the launcher (scripts/app.sh), as soon as Streamlit's runtime is up and while the first reader's browser is
  still loading the page, imports what the default page needs and opens the default model (`preload_page()`),
  and every other page's modules once the server has been idle a few seconds (`preload()`); a session that
  arrives meanwhile waits (`gate()`).
"Every module" includes what libraries import lazily on first use (plotly's property classes, narwhals' pandas
backend: `LAZY_PACKAGES`); tests/test_no_late_imports.py opens every kind of view once they are in and fails on
any module a view still imports. The heavy libraries only t-SNE and UMAP views need (two seconds of imports) are
not imported by the server at all: those fits, and the analogy scores, run in a worker process that imports them
(embeddings/fit_worker.py), started after the first page.
"""
from __future__ import annotations

import ast
import importlib
import pkgutil
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ui.collector import freeze_long_lived

PAGES_DIR = Path(__file__).resolve().parent.parent / "app_pages"
# pandas first: plotly and narwhals look it (and pyarrow, which it imports) up without importing it. Then what
# the pages import inside functions: plotly's subplots (the experiment page), faiss (neighbours) and the app's
# own modules imported lazily. The heavy libraries (t-SNE, UMAP and pynndescent) are the fit worker's.
LIBRARIES = ("pandas", "pyarrow", "plotly.graph_objects", "plotly.subplots", "faiss")
APP_MODULES = ("embeddings.saved_figures", "embeddings.url_state", "embeddings.sources", "embeddings.convert",
               "embeddings.neighbour_index")
# What libraries import on first use, inside whichever page uses it first (tests/test_no_late_imports.py finds
# them): plotly's figure classes import the classes of their nested properties lazily, one module each; plotly
# reads pandas columns through narwhals' pandas backend, Streamlit's tables convert them with pyarrow's pandas
# layer; numpy's .npz reader decodes names as cp437. Whole packages for the trace types the pages draw, so that a
# property a page starts using is in already.
LAZY_PACKAGES = ("plotly.graph_objs.layout", "plotly.graph_objs.scatter", "plotly.graph_objs.scatter3d",
                 "plotly.graph_objs.heatmap", "plotly.graph_objs.bar", "_plotly_utils.colors",
                 "narwhals._pandas_like")
LAZY_MODULES = ("plotly.colors", "narwhals._duration", "narwhals._namespace", "narwhals.stable.v1._namespace",
                "pandas.core.reshape.reshape", "pyarrow.pandas_compat", "pyarrow.vendored.version", "encodings.cp437")
# A figure given a template builds a class for every trace type the template styles (plotly's default template is
# Streamlit's own, registered when streamlit is imported)
TEMPLATES = ("plotly_white",)


def page_imports(pages: list[Path] | None = None) -> list[tuple[str, tuple[str, ...]]]:
    """What the page files (every page, unless given) import, as (module, names of a `from` import), in the
    order first met: read from the files, so that a page's new import is preloaded without anyone remembering
    to list it."""
    found: list[tuple[str, tuple[str, ...]]] = []
    for path in sorted(PAGES_DIR.glob("*.py")) if pages is None else pages:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                found.extend((alias.name, ()) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level and node.module != "__future__":
                found.append((node.module, tuple(alias.name for alias in node.names)))
    return list(dict.fromkeys(found))


def import_all() -> dict[str, float]:
    """Import every module a page can need; the seconds each group took (the launcher prints them)."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    for name in LIBRARIES:
        importlib.import_module(name)
    timings["libraries"] = time.perf_counter() - started
    _import_pages(None)
    for name in APP_MODULES:
        importlib.import_module(name)
    timings["pages' modules"] = time.perf_counter() - started
    import_lazy_parts()
    timings["libraries' lazy parts"] = time.perf_counter() - started
    return timings


def import_lazy_parts() -> None:
    """What the libraries would import inside the first page that uses it (`LAZY_PACKAGES`, `LAZY_MODULES`, and
    the classes a template builds): 0.15 s, once."""
    for name in LAZY_MODULES:
        importlib.import_module(name)
    for package in LAZY_PACKAGES:
        path = importlib.import_module(package).__path__
        for module in pkgutil.walk_packages(path, package + "."):
            importlib.import_module(module.name)
    import plotly.graph_objects as go
    import plotly.io

    for template in (plotly.io.templates.default, *TEMPLATES):
        go.Figure(layout={"template": template})


def _import_pages(pages: list[Path] | None) -> None:
    for name, names in page_imports(pages):
        __import__(name, fromlist=names)  # as the `from` statement does: its names that are modules too


def one_thread_per_request() -> None:
    """A server runs many readers' requests at once on a few cores: faiss' OpenMP threads and BLAS's own only
    contend there (a 7-word neighbour query took 140 ms with faiss' threads, 50 ms without, on 2 busy cores)."""
    import faiss
    from threadpoolctl import threadpool_limits

    faiss.omp_set_num_threads(1)
    threadpool_limits(limits=1, user_api="blas")


_GATE = threading.Lock()  # held while modules are imported, and by the server's first page
_PRELOADED = threading.Event()
TIMINGS: dict[str, float] = {}
# After the server's first page, its reader's browser is still drawing the figure: the rest is imported a little
# later, unless another session is waiting for it (then at once).
REST_AFTER_S = 3.0
_WAITERS = threading.Condition()
_waiting = 0


def preload() -> dict[str, float]:
    """Import every module a page can need, once per process, while no page runs; the seconds each group took."""
    with _GATE:
        _preload_holding_the_gate()
    return TIMINGS


def _preload_holding_the_gate() -> None:
    if _PRELOADED.is_set():
        return
    try:
        TIMINGS.update(import_all())
        one_thread_per_request()
        freeze_long_lived()  # every collection after a reader's view skips what was imported (ui/collector.py)
    finally:  # a module that fails to import fails the page that needs it, with its own message
        _PRELOADED.set()


def preload_page(page: Path, then: Callable[[], object] = lambda: None) -> None:
    """For the launcher, before any session: import what one page (the default one) imports, then `then`
    (opening the default model), while no page runs. Not `LIBRARIES` (pandas, pyarrow, faiss: half a second
    that page does not need, which made the launcher's first figure later than `streamlit run`'s), nor the other
    pages' modules: the browser loads the page in about a second and a half, and a first reader arriving before
    every page's modules were in (two seconds on a busy server) waited for them. They follow that reader's page,
    as under `streamlit run` (`gate`), or `preload()` once the server has been idle a while."""
    with _GATE:
        if _PRELOADED.is_set():
            return
        _import_pages([page])
        then()


def is_preloaded() -> bool:
    return _PRELOADED.is_set()


@contextmanager
def gate() -> Iterator[None]:
    """Around every page run. Once everything is imported it costs nothing and sessions run side by side; before
    that, the first session to arrive runs its page alone and then imports the rest (in the background: its
    reader already has the page), and every other session waits until that is done."""
    if _PRELOADED.is_set():
        yield
        return
    _pass_the_gate()
    if _PRELOADED.is_set():  # another session, or the launcher, imported everything while this one waited
        _GATE.release()
        yield
        return
    try:
        yield
    finally:
        threading.Thread(target=_import_the_rest, name="page-modules", daemon=True).start()


def _pass_the_gate() -> None:
    """Acquire the gate; a session that has to wait for it says so, so that the rest is imported at once."""
    global _waiting
    if _GATE.acquire(blocking=False):
        return
    with _WAITERS:
        _waiting += 1
        _WAITERS.notify_all()
    try:
        _GATE.acquire()
    finally:
        with _WAITERS:
            _waiting -= 1


def _import_the_rest() -> None:
    with _WAITERS:
        _WAITERS.wait_for(lambda: _waiting > 0, timeout=REST_AFTER_S)
    try:
        _preload_holding_the_gate()
    finally:
        _GATE.release()
