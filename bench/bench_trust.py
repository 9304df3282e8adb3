"""What showing trust adds to a view: 200 points, measured (embeddings/trust.py) and drawn (outline and hover).

Run: .venv/bin/python bench/bench_trust.py [--points 200] [--rounds 15]
Prints, for PCA and t-SNE in 2D and 3D: the best time (of --rounds; the machine is shared) of `trust.measure` on
the view's 200 points, and of the figure with trust shown against the figure without it; the sum is what a
reader's view waits for (goal: under 50 ms for 200 points). Also a 5,000-word context map, measured once per
cached scene.
"""
from __future__ import annotations

import argparse
import os
import time

from embeddings import models, trust
from embeddings.figures import scatter
from embeddings.reduce import ReductionParams
from embeddings.scene import SceneRequest, build_scene

MODEL = "glove-wiki-gigaword-50"


def best_ms(action, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def view_row(kv, words: tuple[str, ...], method: str, dims: int, rounds: int) -> str:
    scene = build_scene(kv, SceneRequest(MODEL, words, ReductionParams(method=method, dims=dims)), store_maps=False)
    vectors = kv[scene.words]
    measure = best_ms(lambda: trust.measure(vectors, scene.coords), rounds)
    scatter(scene)  # label placement is cached per view: time the figure, not the first placement
    shown = best_ms(lambda: scatter(scene, trust=True), rounds)
    clean = best_ms(lambda: scatter(scene, trust=False), rounds)
    return (f"{method} {dims}D{'':<4} {measure:>7.1f} ms {shown:>7.1f} ms {clean:>8.1f} ms "
            f"{measure + max(shown - clean, 0):>5.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    kv = models.load(MODEL)
    words = tuple(kv.index_to_key[i] for i in range(1000, 1000 + args.points))
    print(f"{args.points} points, {MODEL}, best of {args.rounds}; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores")
    print(f"{'view':<10} {'measure':>9} {'figure on':>10} {'figure off':>11} {'added':>8}")
    for method in ("pca", "tsne"):
        for dims in (2, 3):
            print(view_row(kv, words, method, dims, args.rounds))
    scene = build_scene(kv, SceneRequest(MODEL, words[:10], context=5000), store_maps=False)
    vectors = kv[scene.words]
    print(f"context map of {len(scene.words):,} points (PCA): measure "
          f"{best_ms(lambda: trust.measure(vectors, scene.coords), 3):.0f} ms (once per cached scene)")


if __name__ == "__main__":
    main()
