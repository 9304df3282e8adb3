"""Start the app with its imports and the default model loaded before the first reader asks.

    python -m ui.launcher app.py [streamlit options]     (what scripts/app.sh runs)

This launcher starts Streamlit's own command line in this process (`streamlit.web.cli`, the `streamlit run`
command, so every option works the same) and meanwhile, in a background thread, imports what the default page
needs (`ui.page_modules.preload_page`) and opens the default model into the app's shared cache
(`ui.resources.model`). It starts once Streamlit's runtime is up, so it does not slow the server's own start-up;
the browser spends the next second or two loading Streamlit's page, and a session that starts before the imports
are done waits for them at the top of app.py (`ui.page_modules.gate`): no session sees a module half-imported.
The other pages' modules follow the first reader's page (as under `streamlit run`), or come once the server has
been idle a few seconds. Each part ready is one line in the server's log ("launcher: preloaded ... at 1.23 s").

It does no more than that on purpose. The server also serves the page's scripts while it preloads, and
whatever the preload does in that second the browser waits for: drawing a view in advance (plotly builds its
validators on first use) made the first figure later, not sooner (bench/bench_browser.py). The heavy libraries
only t-SNE and UMAP views need (openTSNE, umap-learn, pynndescent, numba) are never imported by the server: the
fit worker, started after the first page (`ui.resources.warm_up`), imports them in its own process
(`embeddings.fit_worker`).
"""
from __future__ import annotations

import logging
import sys
import threading
import time
from pathlib import Path

from ui.navigation import DEFAULT

ROOT = Path(__file__).resolve().parent.parent
# A first reader's browser starts its session about two seconds after the server is up: until well after that,
# importing every page's modules would only make it wait (bench/bench_browser.py).
IDLE_BEFORE_THE_REST_S = 4.0
PRELOADED = threading.Event()
TIMINGS: dict[str, float] = {}


def wait_for_server(timeout: float = 15.0) -> None:
    """Until Streamlit's runtime has started: its start-up is on every reader's critical path, so the preload
    does not compete with it for the GIL; it overlaps the browser's loading of the page instead."""
    from streamlit.runtime import Runtime, RuntimeState

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if Runtime.exists() and Runtime.instance().state != RuntimeState.INITIAL:
            return
        time.sleep(0.01)


def _open_default_model() -> None:
    from embeddings import catalogue
    from ui import resources

    resources.model(catalogue.DEFAULT_MODEL)


def preload() -> None:
    """What every first page needs and no reader chooses: the default page's modules and the default model;
    then the other pages' modules."""
    wait_for_server()
    started = time.perf_counter()
    # Outside a session Streamlit warns that there is no script run context yet: expected here, and harmless.
    quiet = [logging.getLogger(name) for name in ("streamlit.runtime.caching.cache_data_api",
                                                   "streamlit.runtime.scriptrunner_utils.script_run_context")]
    levels = [logger.level for logger in quiet]
    for logger in quiet:
        logger.setLevel(logging.ERROR)
    try:
        from ui import page_modules

        # The default page's imports and the default model (the app's own cache: sessions get this very object),
        # while sessions that arrive meanwhile wait (page_modules.gate); the other pages' modules after the
        # first reader's page, or once the server is idle.
        page_modules.preload_page(ROOT / DEFAULT.file, then=_open_default_model)
        _report("the default page's imports and model", started)
        time.sleep(IDLE_BEFORE_THE_REST_S)
        page_modules.preload()
        _report("every page's modules", started)
    except Exception as error:  # never stop the server: the first session will do it and report any error
        print(f"launcher: preloading failed ({type(error).__name__}: {error}); the first page will load it",
              file=sys.stderr)
    finally:
        for logger, level in zip(quiet, levels):
            logger.setLevel(level)
        PRELOADED.set()


def _report(what: str, started: float) -> None:
    """One line in the server's log as each part is ready: whoever reads it (and the launcher's test) sees what
    was loaded before the first session asked."""
    TIMINGS[what] = time.perf_counter() - started
    print(f"launcher: preloaded {what} at {TIMINGS[what]:.2f} s", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv) or ["app.py"]
    # Streamlit first, in this thread: it imports pandas and plotly, and plotly looks pandas up in sys.modules
    # without importing it, so a pandas half-imported by the other thread would break it.
    from streamlit.web import cli

    threading.Thread(target=preload, name="preload", daemon=True).start()

    sys.argv = ["streamlit", "run", *args]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
