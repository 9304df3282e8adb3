"""Size of the essay's ```plotly block (embeddings/plotly_block.py) against plotly.py's own JSON, for figures of
the explorer in 2D and 3D.

Run: .venv/bin/python bench/bench_export.py
"""
from __future__ import annotations

import time

from embeddings.figures import scatter
from embeddings.models import load
from embeddings.plotly_block import plotly_block
from embeddings.reduce import ReductionParams
from embeddings.scene import SceneRequest, build_scene

TWENTY = ("king", "queen", "man", "woman", "prince", "princess", "apple", "banana", "orange", "grape", "paris",
          "london", "berlin", "rome", "human", "animal", "dog", "cat", "car", "train")


def main() -> None:
    kv = load("glove-wiki-gigaword-50")
    cases = [("10 words, 2D", TWENTY[:10], 2, 0), ("20 words, 3D", TWENTY, 3, 0),
             ("20 words + 10 neighbours each, 3D", TWENTY, 3, 10)]
    for label, words, dims, neighbours in cases:
        scene = build_scene(kv, SceneRequest("glove-wiki-gigaword-50", words, ReductionParams(dims=dims),
                                             neighbours=neighbours))
        fig = scatter(scene, title=label)
        started = time.perf_counter()
        block = plotly_block(fig)
        took = time.perf_counter() - started
        print(f"{label} ({len(scene.points)} points): plotly block {len(block.encode()):,} bytes "
              f"(plotly.py's JSON {len(fig.to_json().encode()):,} bytes), made in {1000 * took:.1f} ms")


if __name__ == "__main__":
    main()
