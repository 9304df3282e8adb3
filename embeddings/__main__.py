"""Operator commands: `python -m embeddings list`, `python -m embeddings fetch NAME` and `python -m embeddings warm`.

Failures are one line on stderr and a non-zero exit (1), never a traceback: an operator runs these by hand
and in provisioning scripts.
"""
from __future__ import annotations

import argparse
import sys

from embeddings import local_models, models
from embeddings.catalogue import ModelSpec, all_specs


def _size(n: int | None) -> str:
    if not n:
        return "-"
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:,.0f} {unit}" if unit == "B" else f"{n:,.1f} {unit}"
        n /= 1000
    return str(n)


def _status(spec: ModelSpec) -> str:
    if spec.source == "embedded":
        return "ready (embedded)"
    if models.is_ready(spec):
        return "ready"
    return "not converted" if spec.source == "local" else "can be fetched"


def list_models() -> int:
    out = sys.stdout
    rows = [("NAME", "STATUS", "DIMS", "WORDS", "DOWNLOAD", "SOURCE")]
    for spec in all_specs():
        words = f"{spec.vocab_size:,}" if spec.vocab_size else "?"
        rows.append((spec.name, _status(spec), str(spec.dims or "?"), words, _size(spec.download_bytes), spec.source))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip(), file=out)
    print("\nFetch one with: python -m embeddings fetch NAME", file=out)
    for error in local_models.config_errors():
        print(f"warning: {error}", file=sys.stderr)
    return 0


def fetch_model(name: str, *, keep_download: bool, progress: bool) -> int:
    from embeddings.fetch import fetch

    result = fetch(name, progress=progress, keep_download=keep_download)
    print(result.message)
    return 0


def warm_maps(sizes: list[int], methods: list[str]) -> int:
    """Fit the vocabulary maps readers will ask for (default settings, 2D and 3D) for every ready model,
    into cache/maps, before the first reader: what a public server does at start (deploy/README.md)."""
    import time

    from embeddings.context import CONTEXT_SIZES, load_or_fit
    from embeddings.reduce import ReductionParams

    unknown = [n for n in sizes if n not in CONTEXT_SIZES[1:]]
    if unknown:
        print(f"error: context sizes are {', '.join(map(str, CONTEXT_SIZES[1:]))}; got {unknown}", file=sys.stderr)
        return 2
    for spec in all_specs():
        if spec.source != "embedded" and not models.is_ready(spec):
            continue
        kv = models.load(spec.name)
        for n in sizes:
            for method in methods:
                for dims in (2, 3):
                    start = time.perf_counter()
                    load_or_fit(kv, spec.name, n, ReductionParams(method=method, dims=dims))
                    print(f"{spec.name}: {n} words, {method} {dims}D ready ({time.perf_counter() - start:.1f} s)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m embeddings", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="what is ready, what can be fetched, with sizes")
    fetch = commands.add_parser("fetch", help="download (or convert) a catalogue model into cache/")
    fetch.add_argument("name", help="a catalogue name, as shown by `list`")
    fetch.add_argument("--keep-download", action="store_true", help="keep the downloaded .gz in cache/downloads/")
    fetch.add_argument("--no-progress", action="store_true", help="no progress bars (for logs)")
    warm = commands.add_parser("warm", help="fit the vocabulary maps of every ready model before readers come")
    warm.add_argument("--context", default="500,1000", help="context sizes, comma-separated (default 500,1000)")
    warm.add_argument("--methods", default="pca,tsne,umap", help="methods, comma-separated (default all three)")
    args = parser.parse_args(argv)

    from embeddings.gensim_data import FetchError

    try:
        if args.command == "list":
            return list_models()
        if args.command == "warm":
            return warm_maps([int(n) for n in args.context.split(",") if n.strip().isdigit()],
                             [m.strip() for m in args.methods.split(",") if m.strip() in ("pca", "tsne", "umap")])
        return fetch_model(args.name, keep_download=args.keep_download, progress=not args.no_progress)
    except FetchError as e:
        print(f"error: {e}", file=sys.stderr)
    except KeyboardInterrupt:
        print("error: interrupted; run the same command again to resume", file=sys.stderr)
    except OSError as e:
        print(f"error: {e.strerror or e} ({e.filename or ''})".replace(" ()", ""), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
