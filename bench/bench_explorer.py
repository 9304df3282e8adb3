"""Explorer benchmarks: model load, warm compute per interaction, first UMAP in a fresh process.

Run: .venv/bin/python bench/bench_explorer.py [--skip-text-loader]
Goals (issue 2): load <= 1 s (vs ~50 s for gensim's text loader); PCA <= 100 ms for 1,000 points; UMAP <= 1.5 s
for 300 points; t-SNE <= 3 s for 1,000 points; cached context map <= 300 ms; first UMAP in a fresh process <= 4 s.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from embeddings.paths import cache_dir, configure_numba_cache

ROOT = Path(__file__).resolve().parent.parent

configure_numba_cache()

MODEL = "glove-wiki-gigaword-50"


def in_fresh_process(code: str, env: dict[str, str] | None = None) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
        env={**os.environ, **(env or {})},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


LOAD = """
import json, time
t0 = time.perf_counter()
from embeddings.models import load
t1 = time.perf_counter()
kv = load("glove-wiki-gigaword-50"); kv.most_similar("human", topn=1)
t2 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "load": t2 - t1}))
"""

TEXT_LOAD = """
import json, sys, time
from gensim.models import KeyedVectors
t = time.perf_counter()
kv = KeyedVectors.load_word2vec_format(sys.argv[1] if len(sys.argv) > 1 else %r, binary=False, no_header=True)
print(json.dumps({"load": time.perf_counter() - t}))
"""

FIRST_UMAP = """
import json, time
t0 = time.perf_counter()
from embeddings.models import load
from embeddings.reduce import ReductionParams, reduce
kv = load("glove-wiki-gigaword-50")
t1 = time.perf_counter()
reduce(kv.vectors[2000:2300], ReductionParams(method="umap"))
print(json.dumps({"first_umap": time.perf_counter() - t1, "with_imports": time.perf_counter() - t0}))
"""


def model_load(skip_text: bool) -> None:
    in_fresh_process(LOAD)  # make sure the one-time conversion into the cache has happened
    runs = [in_fresh_process(LOAD) for _ in range(5)]
    load = statistics.median(r["load"] for r in runs)
    imports = statistics.median(r["import"] for r in runs)
    print(f"model load, fresh process (median of 5): {load * 1000:.0f} ms (goal <= 1000 ms); "
          f"importing gensim and the app's modules adds {imports * 1000:.0f} ms")
    if skip_text:
        return
    text = cache_dir() / "bench" / "glove.6B.50d.txt"
    if not text.exists():
        from embeddings.models import load as load_model

        kv = load_model(MODEL)
        text.parent.mkdir(parents=True, exist_ok=True)
        tmp = text.with_suffix(".tmp")
        kv.save_word2vec_format(str(tmp), binary=False, write_header=False)
        tmp.rename(text)
    gensim_text = in_fresh_process(TEXT_LOAD % str(text))["load"]
    print(f"gensim text loader on the same 400,000 x 50 vectors: {gensim_text:.1f} s; ratio {gensim_text / load:.0f}x")


def timed(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def warm_compute() -> None:
    from embeddings.context import load_or_fit
    from embeddings.models import load
    from embeddings.reduce import ReductionParams
    from embeddings.scene import SceneRequest, build_scene, find_neighbourhood

    kv = load(MODEL)
    words = [w for w in kv.index_to_key[1000:3000] if w.isalpha()]
    hoods = {n: find_neighbourhood(kv, SceneRequest(MODEL, tuple(words[:n]))) for n in (50, 300, 1000)}

    def scene(n: int, **params) -> None:
        """A change of layout: the page reuses the cached neighbourhood (words, groups, hover) of the words."""
        build_scene(kv, SceneRequest(MODEL, tuple(words[:n]), ReductionParams(**params)), hoods[n])

    scene(50, method="umap")  # warm: imports and numba
    scene(50, method="tsne")
    cases = [("PCA, 1,000 points", 1000, {"method": "pca"}, 0.1),
             ("UMAP, 300 points", 300, {"method": "umap"}, 1.5),
             ("UMAP 3D, 300 points", 300, {"method": "umap", "dims": 3}, 1.5),
             ("t-SNE, 1,000 points", 1000, {"method": "tsne"}, 3.0),
             ("t-SNE 3D, 1,000 points", 1000, {"method": "tsne", "dims": 3}, 3.0)]
    for label, n, params, goal in cases:
        seconds = timed(lambda n=n, params=params: scene(n, **params))
        print(f"warm compute, {label}: {seconds * 1000:.0f} ms (goal <= {goal * 1000:.0f} ms)")
    for n in (200, 1000):
        request = SceneRequest(MODEL, tuple(words[:n]))
        seconds = timed(lambda request=request: find_neighbourhood(kv, request))
        print(f"new words: hover neighbours of {n} words (one scan of 400,000 words): {seconds * 1000:.0f} ms")

    for method in ("pca", "umap", "tsne"):
        params = ReductionParams(method=method)
        load_or_fit(kv, MODEL, 2000, params)  # fitted once (or already on disk)
        request = SceneRequest(MODEL, tuple(words[:20]), params, context=2000)
        seconds = timed(lambda request=request: build_scene(kv, request), repeat=5)
        print(f"cached context map (2,000 words, {method}), 20 entered words: {seconds * 1000:.0f} ms (goal <= 300 ms)")


def first_umap() -> None:
    warm = in_fresh_process(FIRST_UMAP)
    print(f"first UMAP (300 points) in a fresh process, numba cache in {os.environ['NUMBA_CACHE_DIR']}: "
          f"{warm['first_umap']:.2f} s (goal <= 4 s); {warm['with_imports']:.2f} s including imports and model load")
    with tempfile.TemporaryDirectory() as empty:
        cold = in_fresh_process(FIRST_UMAP, env={"NUMBA_CACHE_DIR": empty})
    print(f"first UMAP with an empty numba cache (what plain umap-learn does every time): {cold['first_umap']:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-text-loader", action="store_true", help="skip the ~50 s gensim text-format load")
    args = parser.parse_args()
    model_load(args.skip_text_loader)
    warm_compute()
    first_umap()


if __name__ == "__main__":
    main()
