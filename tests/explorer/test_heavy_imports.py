"""A reader's t-SNE or UMAP request imports nothing: every module it needs was imported before, under
embeddings.heavy_imports' lock (a module first imported inside a session can be seen half-done by another, and
openTSNE's first fit imported pynndescent and compiled its numba code, 5-20 s, inside the request)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys
import numpy as np
from embeddings import heavy_imports
from embeddings.reduce import ReductionParams, reduce
heavy_imports.load({library!r})
before = set(sys.modules)
reduce(np.random.default_rng(0).normal(size=(40, 8)), ReductionParams(method={method!r}))
print(json.dumps(sorted(set(sys.modules) - before)))
"""


@pytest.mark.parametrize(("method", "library"), [("tsne", "openTSNE"), ("umap", "umap")])
def test_a_reduction_imports_nothing_after_its_library_is_loaded(method: str, library: str) -> None:
    run = subprocess.run([sys.executable, "-c", PROBE.format(method=method, library=library)], cwd=ROOT,
                         capture_output=True, text=True, timeout=300, check=True)
    imported = json.loads(run.stdout.strip().splitlines()[-1])
    assert imported == [], f"a {method} request imported {imported[:10]}"
