"""What verifying a cached model's checksums costs, paid once per server process when the model is opened.

Run: .venv/bin/python bench/bench_checksums.py [--large-gb 3.9] [--written]
Prints: opening the embedded GloVe model (95 MB of files) with and without verification, warm page cache, median
of 5; the full SHA-256 rate; and the size + sampled-blocks check of a file as large as word2vec's matrix
(3.9 GB by default; created sparse in a temporary folder, so the figure is the sampling's own cost; with
--written the file is really written first, and the figure includes reading 64 MiB of it from the page cache
or the disk, whichever holds it).
"""
from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from durable import checksums
from embeddings import model_store, models

MODEL = "glove-wiki-gigaword-50"


def median_ms(action, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large-gb", type=float, default=3.9)
    parser.add_argument("--written", action="store_true", help="write the large file instead of a sparse one")
    args = parser.parse_args()

    models.load(MODEL)  # converted if need be; its files are now in the page cache
    folder = models.model_path(MODEL).parent
    total = sum(p.stat().st_size for p in folder.iterdir())
    meta = model_store.read_meta(folder)
    verified = median_ms(lambda: model_store.open_model(folder))
    meta_files = meta.pop("files")
    unverified = median_ms(lambda: _open_unverified(folder))
    verify_only = median_ms(lambda: checksums.verify_folder(folder, meta_files))
    print(f"embedded model, {total / 1e6:.0f} MB in {len(meta_files)} files")
    print(f"  open with checksums verified:   {verified:7.1f} ms (median of 5, warm page cache)")
    print(f"  open without verification:      {unverified:7.1f} ms")
    print(f"  verification alone:             {verify_only:7.1f} ms = {total / verify_only / 1e6:.2f} GB/s SHA-256")

    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "vectors.f32"
        size = int(args.large_gb * 1e9)
        with open(big, "wb") as handle:
            if args.written:
                block = np.random.default_rng(0).bytes(64 << 20)
                for _ in range(size // len(block)):
                    handle.write(block)
            handle.truncate(size)
        record = checksums.describe(big)
        first = median_ms(lambda: checksums.verify(big, record), repeat=1)
        sampled = median_ms(lambda: checksums.verify(big, record))
        kind = "written file" if args.written else "sparse file, no disk reads"
        print(f"{args.large_gb} GB file: scheme {record['scheme']} ({checksums.SAMPLES} blocks of "
              f"{checksums.BLOCK >> 20} MiB + size), verified in {sampled:.1f} ms (median of 5; first "
              f"{first:.1f} ms; {kind})")
        print(f"  a full SHA-256 of it at the rate above would take {size / (total / verify_only) / 1000:.1f} s")


def _open_unverified(folder: Path) -> None:
    """open_model without its checks, for comparison: what opening cost before checksums."""
    original = model_store.verify
    model_store.verify = lambda f, require_checksums=False: model_store.read_meta(f)
    try:
        model_store.open_model(folder)
    finally:
        model_store.verify = original


if __name__ == "__main__":
    os.environ.setdefault("EMBEDDINGS_CACHE_DIR", tempfile.mkdtemp(prefix="bench-checksums-"))
    main()
