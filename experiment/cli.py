"""``python -m experiment``: run a configuration, show statistics, export and import JSON Lines.

Exit codes: 0 done; 1 the run failed (a fatal provider error, an unusable file); 2 bad usage or a bad
configuration (nothing was written); 3 the budget stopped the run before the end (re-run to resume);
130 interrupted (re-run to resume).

Further subcommands plug in without editing this file: a module ``experiment.analysis_cli`` (owned by the
trace analyzer), if present, must define ``register(subparsers)`` that adds its parser and sets
``func=callable(args) -> int`` on it.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import shlex
import signal
import sqlite3
import sys
from dataclasses import replace
from pathlib import Path

from experiment import __version__
from experiment.config import ConfigError, api_keys, load_config
from experiment.importers.jsonl import export_jsonl
from experiment.machine_provenance import machine_provenance
from experiment.plan import planned_count
from experiment.report import accuracy_grids, cells_table, summary_text
from experiment.result_files import ResultsReader, read_file
from experiment.results import ResultsError, ResultsWriter, Run
from experiment.results.files import remove_database

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_BUDGET, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
PLUGIN_MODULES = ("experiment.analysis_cli",)


def fail(message: str, code: int = EXIT_FAILED) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1, got {value}")
    return value


def _apply_overrides(config, args):
    runner = config.runner
    for name in ("concurrency", "max_requests", "max_tokens"):
        value = getattr(args, name, None)
        if value is not None:
            runner = replace(runner, **{name: value})
    database = Path(args.db) if getattr(args, "db", None) else config.database
    return replace(config, runner=runner, database=database)


def cmd_run(args: argparse.Namespace) -> int:
    from experiment.runner import Runner  # keeps `--help` and the other commands light

    try:
        config = _apply_overrides(load_config(Path(args.config)), args)
        keys = api_keys(config)
    except ConfigError as error:
        return fail(str(error), EXIT_USAGE)
    if not config.database.parent.is_dir():
        return fail(f"folder {config.database.parent} for the database does not exist", EXIT_USAGE)
    try:
        store = _open_for_writing(config.database)
    except ResultsError as error:
        return fail(str(error))
    runner = Runner(config, store, keys, show_progress=False if args.no_progress else None)
    with store, _sigterm_as_interrupt():
        print(f"database: {config.database}", file=sys.stderr)
        try:
            summary = runner.run(_new_run(config, args.argv))
        except KeyboardInterrupt:
            print(f"\ninterrupted: {runner.summary.recorded} records were written to {config.database}; "
                  "run the same command again to resume", file=sys.stderr)
            return EXIT_INTERRUPTED
        except (sqlite3.Error, OSError) as error:
            return fail(f"cannot write to {config.database}: {error}; the records written so far are kept")
        print(summary_text(summary))
        print()
        labels = {m.label for m in config.models}
        rows = [r for r in store.outcome_rows() if r["model_label"] in labels and r["variant"] in config.variants]
        print(accuracy_grids(_accuracy_of(rows)))
    if summary.fatal:
        return fail(summary.stopped)
    return EXIT_BUDGET if summary.stopped else EXIT_OK


def _open_for_writing(path: Path) -> ResultsWriter:
    writer = ResultsWriter(path)
    try:
        writer.lock_for_writing()
    except ResultsError:
        writer.close()
        raise
    return writer


def _new_run(config, argv: list[str]) -> Run:
    """The run's row: configuration, command line and machine; no environment, so no keys."""
    command = shlex.join(["python", "-m", "experiment", *argv])
    provenance = {"machine": machine_provenance(),
                  "models": {m.label: m.provenance for m in config.models if m.provenance}}
    return Run(name=config.name, fingerprint=config.fingerprint(), command=command, config=config.as_dict(),
               provenance=provenance, runner_version=__version__)


@contextlib.contextmanager
def _sigterm_as_interrupt():
    """Treat SIGTERM like Ctrl-C while running, so a stopped run says where it is and exits with 130."""
    def handler(signum, frame):
        raise KeyboardInterrupt
    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def cmd_plan(args: argparse.Namespace) -> int:
    from experiment.runner import Runner

    try:
        config = _apply_overrides(load_config(Path(args.config)), args)
    except ConfigError as error:
        return fail(str(error), EXIT_USAGE)
    if not config.database.exists():
        print(f"{planned_count(config)} items planned, none answered yet ({config.database} does not exist)")
        return EXIT_OK
    try:
        with ResultsReader(config.database) as reader:
            planned, done = Runner(config, reader, {}, show_progress=False).pending()
    except ResultsError as error:
        return fail(str(error))
    print(f"{planned} items planned, {done} answered, {planned - done} to ask ({config.database})")
    return EXIT_OK


def _accuracy_of(rows: list[dict]):
    import pandas as pd

    from experiment.metrics import CELL, accuracy

    return accuracy(pd.DataFrame(rows, columns=[*CELL, "outcome"]))


def cmd_stats(args: argparse.Namespace) -> int:
    from experiment.analysis import ANALYZER_VERSION
    from experiment.metrics import cells as cell_metrics
    from experiment.reasoning_models import by_kind

    try:
        with ResultsReader(Path(args.database)) as reader:
            table = reader.light_table(ANALYZER_VERSION)
    except ResultsError as error:
        return fail(str(error))
    if table.empty:
        print("no records yet")
        return EXIT_OK
    if args.by == "kind":
        table = by_kind(table)
    cells = cell_metrics(table)
    print(accuracy_grids(cells) if args.format == "grid" else cells_table(cells, args.format))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    destination = Path(args.output)
    if not destination.parent.is_dir():
        return fail(f"folder {destination.parent} does not exist", EXIT_USAGE)
    try:
        with ResultsReader(Path(args.database)) as reader:
            count = export_jsonl(reader, destination, records_only=args.records_only)
    except (ResultsError, OSError) as error:
        return fail(str(error))
    print(f"exported {count} records to {destination}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    """Import a file recorded by this project or by another tool; all or nothing, the DB untouched on error.

    The file is parsed whole before the database is opened, so a bad file never creates it."""
    from experiment.importers import ImportFailure, write_import

    source, target = Path(args.file), Path(args.database)
    if not source.is_file():
        return fail(f"{source} does not exist", EXIT_USAGE)
    if not target.parent.is_dir():
        return fail(f"folder {target.parent} for the database does not exist", EXIT_USAGE)
    created = not target.exists()
    command = shlex.join(["python", "-m", "experiment", *args.argv])
    try:
        parsed = read_file(source, args.format, command=command, licence=args.licence, notice=args.notice)
    except ImportFailure as error:
        return fail(f"{error}; nothing was imported")
    except (OSError, UnicodeDecodeError) as error:
        return fail(f"{source}: {error}; nothing was imported")
    try:
        with ResultsWriter(target) as writer:
            added, skipped = write_import(parsed, writer)
    except ImportFailure as error:  # a value that does not fit the database (write_import rolled back)
        if created:
            remove_database(target)
        return fail(f"{error}; nothing was imported")
    except (ResultsError, OSError, UnicodeDecodeError, sqlite3.Error, OverflowError) as error:
        if created:
            remove_database(target)
        return fail(f"{source}: {error}; nothing was imported")
    print(parsed.report(added, skipped, target))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m experiment",
                                     description="Multiplication experiment: ask models, record, grade.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="ask every unanswered item of a configuration (resumes)")
    run.add_argument("config", help="configuration file (TOML)")
    run.add_argument("--db", help="database file (default: the configuration's 'database')")
    run.add_argument("--concurrency", type=positive_int, help="requests in flight")
    run.add_argument("--max-requests", type=positive_int, help="stop after this many HTTP requests")
    run.add_argument("--max-tokens", type=positive_int, help="stop after this many tokens")
    run.add_argument("--no-progress", action="store_true", help="no progress bar")
    run.set_defaults(func=cmd_run)

    plan = commands.add_parser("plan", help="count planned, answered and remaining items; asks nothing")
    plan.add_argument("config")
    plan.add_argument("--db")
    plan.set_defaults(func=cmd_plan)

    stats = commands.add_parser(
        "stats", help="accuracy per cell with Wilson 95%% intervals, digit accuracy and median tokens")
    stats.add_argument("database")
    stats.add_argument("--format", choices=("grid", "table", "csv", "json"), default="table")
    stats.add_argument("--by", choices=("model", "kind"), default="model",
                       help="one row per model (default), or pooled by kind: reasoning models and the others, "
                            "as experiment/reasoning_models.csv says (what the page draws for many models)")
    stats.set_defaults(func=cmd_stats)

    export = commands.add_parser("export", help="write a database as JSON Lines")
    export.add_argument("database")
    export.add_argument("output")
    export.add_argument("--records-only", action="store_true",
                        help="only record lines, without the 'kind' field (for tools that read plain records)")
    export.set_defaults(func=cmd_export)

    importer = commands.add_parser(
        "import", help="add a run to a database: this project's JSON Lines export, a promptfoo export "
                       "(promptfoo eval -o out.json) or an Inspect AI log (.eval or .json)")
    importer.add_argument("file", help="the file to import (format detected from its content)")
    importer.add_argument("database")
    importer.add_argument("--format", choices=("jsonl", "promptfoo", "inspect"),
                          help="skip detection and read the file as this format")
    importer.add_argument("--licence", help="the data's licence (e.g. MIT), kept in the run's provenance; "
                                            "default: read from a LICENSE file beside the input")
    importer.add_argument("--notice", help="a copyright or attribution notice to keep with the run")
    importer.set_defaults(func=cmd_import)

    for name in PLUGIN_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue
        module.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser().parse_args(argv)
    args.argv = argv
    return args.func(args)
