"""Operator commands: `python -m embeddings list`, `fetch NAME`, `warm` (the vocabulary maps, before readers
come), `figures save|list|check` (the essay's saved figures, figures/saved.json), `vector WORD` (a word's
numbers as the essay's ```python block, or with --grid beside where a method puts it), and `analogy`,
`analogies` (one analogy with its baselines; the model's scores on the standard test set).

Failures are one line on stderr and a non-zero exit (1), never a traceback: an operator runs these by hand
and in provisioning scripts.
"""
from __future__ import annotations

import argparse
import re
import sys

from embeddings import analogy_cli, models
from embeddings.catalogue import all_specs, config_errors
from embeddings.saved_figures import ESSAY_SECTIONS
from embeddings.spec import ModelSpec, SourceKind


def _size(n: int | None) -> str:
    if not n:
        return "-"
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:,.0f} {unit}" if unit == "B" else f"{n:,.1f} {unit}"
        n /= 1000
    return str(n)


def _status(spec: ModelSpec) -> str:
    if spec.source == SourceKind.EMBEDDED:
        return "ready (embedded)"
    if spec.source == SourceKind.LANGUAGE_MODEL:
        return "ready (ships with the app)"
    if models.is_ready(spec):
        return "ready"
    return "not converted" if spec.source == SourceKind.LOCAL else "can be fetched"


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
    for error in config_errors():
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
        if not models.is_ready(spec):
            continue
        kv = models.load(spec.name)
        for n in sizes:
            for method in methods:
                for dims in (2, 3):
                    start = time.perf_counter()
                    load_or_fit(kv, spec.name, n, ReductionParams(method=method, dims=dims))
                    print(f"{spec.name}: {n} words, {method} {dims}D ready ({time.perf_counter() - start:.1f} s)")
    return 0
def figures_command(args: argparse.Namespace) -> int:
    """`figures save NAME URL`, `figures list`, `figures check`: see embeddings/saved_figures.py."""
    from embeddings import saved_figures as saved

    path = saved.figures_file()
    figures = saved.load_all(path)
    if args.action == "list":
        if not figures:
            print(f"No saved figures in {path}. Save one with: python -m embeddings figures save NAME URL")
        for figure in figures.values():
            state = figure.state
            print(f"{figure.name}  {figure.url}  ({state.model}, {state.method}, {state.dims}D, "
                  f"{len(figure.points)} points)\n    {figure.caption}")
        return 0
    if args.action == "save":
        saved.check_name(args.name)
        if args.name in figures and not args.replace:
            raise saved.SavedFigureError(f"{args.name!r} is already saved; add --replace to overwrite it")
        state = saved.state_from_url(args.url, figures)
        figure = saved.record(args.name, args.caption, state, saved.scene_for(models.load(state.model), state),
                              section=args.section or "", block=args.block or "")
        saved.write_all({**figures, figure.name: figure}, path)
        print(f"Saved {figure.name} ({len(figure.points)} points) in {path}; its link: {figure.url}")
        return 0
    failed = 0
    for figure in figures.values():
        state = figure.state
        try:
            changes = saved.moved(figure, saved.scene_for(models.load(state.model), state))
        except (saved.SavedFigureError, FileNotFoundError) as error:
            changes = [str(error)]
        failed += bool(changes)
        print(f"{'MOVED' if changes else 'ok'}  {figure.name}" + "".join(f"\n    {c}" for c in changes[:10]))
    print(f"{len(figures) - failed} of {len(figures)} saved figures re-created unchanged")
    return 1 if failed else 0


def vector_command(args: argparse.Namespace) -> int:
    """The essay's block of one word; with --grid, beside its place in the chosen view (the explorer's scene
    of the word and --words, computed as the page computes it)."""
    from embeddings import essay_blocks
    from embeddings.catalogue import get_spec
    from embeddings.saved_figures import SavedFigureError, scene_for
    from embeddings.url_state import DEFAULT_WORDS, from_query
    from embeddings.word_forms import display_label
    from embeddings.words import lookup, parse_words

    query = {"model": args.model, "method": args.method, "dims": args.dims, "axes": args.axes,
             "x": args.x, "y": args.y, "z": args.z}
    state, notices = from_query({k: v for k, v in query.items() if v is not None})
    if notices:
        raise SavedFigureError(re.sub(r"^The URL's `(\w+)` value (was not used:|is) ", r"--\1: ", notices[0])
                               .replace(" The default was used instead.", ""))
    spec = get_spec(state.model)
    kv = models.load(state.model)
    found = lookup(kv, list(parse_words(args.word, lowercase=spec.lowercase).words)[:1], spec=spec, suggest=True)
    if not found.found:
        close = found.suggestions.get(found.missing[0] if found.missing else args.word, [])
        raise SavedFigureError(f"{args.word!r} is not in {state.model}"
                               + (f"; did you mean {', '.join(close)}?" if close else ""))
    key = found.found[0]
    vector = [float(v) for v in kv[key]]
    if not args.grid:
        print(essay_blocks.vector_block(display_label(spec, key), state.model, vector), end="")
        return 0
    others = list(parse_words(args.words, lowercase=spec.lowercase).words) if args.words else list(DEFAULT_WORDS)
    state = from_query({**{k: v for k, v in query.items() if v is not None},
                        "words": ",".join(dict.fromkeys([key, *others]))})[0]
    coords = scene_for(kv, state).coordinates_of(key)
    print(essay_blocks.grid_block(display_label(spec, key), vector, list(coords.values())), end="")
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
    figures = commands.add_parser("figures", help="the essay's saved figures (figures/saved.json)")
    actions = figures.add_subparsers(dest="action", required=True)
    save = actions.add_parser("save", help="save the view of an explorer URL under NAME, with its coordinates")
    save.add_argument("name", help="lower-case letters, digits and dashes; the figure's link is /?figure=NAME")
    save.add_argument("url", help="the explorer's link to the view (or only its query, words=...&method=...)")
    save.add_argument("--caption", required=True, help="what the reader should see in the figure")
    save.add_argument("--replace", action="store_true", help="overwrite a figure of the same name")
    save.add_argument("--section", help="the essay's section the gallery shows it under: "
                                        + "; ".join(ESSAY_SECTIONS))
    save.add_argument("--block", choices=("vector", "grid"), help="the figure is the essay's code block of its "
                      "focus word (the URL's focus, else its first word): its numbers, or the grid of its numbers "
                      "beside its place in the view")
    actions.add_parser("list", help="the saved figures, their links and captions")
    actions.add_parser("check", help="re-create every saved figure; exit 1 if any point moved")
    vector = commands.add_parser("vector", help="a word's numbers as the essay's ```python block (--grid: beside "
                                                "where a method puts it)")
    vector.add_argument("word")
    vector.add_argument("--model", help="a catalogue name (default glove-wiki-gigaword-50)")
    vector.add_argument("--grid", action="store_true", help="the high-dimensional and the translated point, "
                        'side by side in mkdocs-material\'s <div class="grid" markdown>')
    vector.add_argument("--method", help="pca (default), tsne, umap, dimensions, axes: for --grid")
    vector.add_argument("--dims", help="2 (default) or 3")
    vector.add_argument("--words", help="the other words of the view, comma-separated (default: the explorer's)")
    vector.add_argument("--axes", help="method dimensions: the dimensions drawn, e.g. 1,2")
    for axis in ("x", "y", "z"):
        vector.add_argument(f"--{axis}", help=f"method axes: the {axis} axis, e.g. 'woman - man'")
    analogy_cli.add_commands(commands)
    args = parser.parse_args(argv)

    from embeddings.gensim_data import FetchError
    from embeddings.saved_figures import SavedFigureError

    try:
        if args.command == "list":
            return list_models()
        if args.command == "warm":
            return warm_maps([int(n) for n in args.context.split(",") if n.strip().isdigit()],
                             [m.strip() for m in args.methods.split(",") if m.strip() in ("pca", "tsne", "umap")])
        if args.command == "figures":
            return figures_command(args)
        if args.command == "vector":
            return vector_command(args)
        if args.command in ("analogy", "analogies"):
            return analogy_cli.run(args)
        return fetch_model(args.name, keep_download=args.keep_download, progress=not args.no_progress)
    except analogy_cli.AnalogyInputError as e:
        return analogy_cli.fail(e)
    except (FetchError, SavedFigureError) as e:
        print(f"error: {e}", file=sys.stderr)
    except KeyboardInterrupt:
        print("error: interrupted; run the same command again to resume", file=sys.stderr)
    except OSError as e:
        print(f"error: {e.strerror or e} ({e.filename or ''})".replace(" ()", ""), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
