"""Start the app with its heavy imports and the default model loaded before the first reader asks.

    python -m ui.launcher app.py [streamlit options]     (what scripts/app.sh runs)

`streamlit run app.py` imports gensim, scipy, scikit-learn and plotly and opens the model inside the first
session's run: its reader waits for all of it (bench/bench_browser.py: 2.0 times a minimal Streamlit app; 1.8
with this launcher).
This launcher starts Streamlit's own command line in this process (`streamlit.web.cli`, the `streamlit run`
command, so every option works the same) and meanwhile, in a background thread, imports those packages, opens
the default model into the app's shared cache (`ui.resources.model`) and draws one default view without
Streamlit, so that the lazy imports inside PCA and plotly are done too. It starts once Streamlit's runtime
is up, so it does not slow the server's own start-up. The server answers at once; the
browser spends the next second loading Streamlit's page, and by the time the first run starts the imports are
in `sys.modules` (a run that starts earlier waits on Python's import lock for the module being imported, then
goes on: nothing is done twice).
"""
from __future__ import annotations

import logging
import sys
import threading
import time

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


def preload() -> None:
    """Everything the first page needs that does not depend on the reader: imports, the model, one scene."""
    wait_for_server()
    started = time.perf_counter()
    # Outside a session Streamlit warns that there is no script run context yet: expected here, and harmless.
    quiet = [logging.getLogger(name) for name in ("streamlit.runtime.caching.cache_data_api",
                                                   "streamlit.runtime.scriptrunner_utils.script_run_context")]
    levels = [logger.level for logger in quiet]
    for logger in quiet:
        logger.setLevel(logging.ERROR)
    try:
        from embeddings import catalogue, figures, scene, url_state  # noqa: F401
        from embeddings.reduce import ReductionParams
        from ui import explorer_controls, figure_export, resources  # noqa: F401

        TIMINGS["imports"] = time.perf_counter() - started
        kv = resources.model(catalogue.DEFAULT_MODEL)  # the app's own cache: sessions get this very object
        TIMINGS["model"] = time.perf_counter() - started
        words = [w for w in url_state.DEFAULT_WORDS if w in kv.key_to_index]
        drawn = scene.build_scene(kv, scene.SceneRequest(catalogue.DEFAULT_MODEL, tuple(words), ReductionParams()))
        figures.scatter(drawn).to_plotly_json()
        TIMINGS["first scene"] = time.perf_counter() - started
    except Exception as error:  # never stop the server: the first session will do it and report any error
        print(f"launcher: preloading failed ({type(error).__name__}: {error}); the first page will load it",
              file=sys.stderr)
    finally:
        for logger, level in zip(quiet, levels):
            logger.setLevel(level)
        PRELOADED.set()
        if TIMINGS:
            print("launcher: preloaded " + ", ".join(f"{k} at {v:.2f} s" for k, v in TIMINGS.items()), file=sys.stderr)


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
