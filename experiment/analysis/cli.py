"""The analyzer's commands for `python -m experiment`:

    analyze [FILE|-] [-o OUT] [--brief]   JSON Lines with a, b, reasoning, answer -> one analysis per line
    analyze --db DB                       analyse a results database, storing analyses beside the records
    reanalyze DB [DB ...] [--force]       bring every record up to the current analyzer version
    analysis-summary DB [--json]          per model and per cell: wrong answers that followed the
                                          algorithm, where the first error fell, error categories

Bad input never ends in a traceback: each unusable line is reported with its number, the good lines
are still analysed, and the exit code is 2.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from durable.atomic import atomic_writer
from experiment.analysis.storage import analyse_database
from experiment.analysis.summary import format_summary, load_table, summarise
from experiment.analysis.trace import ANALYZER_VERSION, analyze_trace
from experiment.reasoning_models import by_kind
from experiment.results import ResultsError

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2
REQUIRED_FIELDS = ("a", "b", "reasoning", "answer")
ECHOED_FIELDS = ("record_id", "id")  # copied to the output so results can be joined back
MAX_REPORTED_ERRORS = 20


class InputError(ValueError):
    """One line of input that cannot be analysed, with the reason in words."""


@dataclass(slots=True)
class TraceInput:
    line: int
    a: int
    b: int
    reasoning: str
    answer: str
    finish_reason: str | None
    echo: dict[str, Any]


def _operand(record: dict[str, Any], name: str) -> int:
    value = record[name]
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise InputError(f"field {name!r} must be a whole number, got {json.dumps(value)}")
    if isinstance(value, str):
        text = value.strip()
        if not text.isdigit():
            raise InputError(f"field {name!r} must be a whole number, got {json.dumps(value)}")
        value = int(text)
    if value < 1:
        raise InputError(f"field {name!r} must be a positive whole number, got {value}")
    return value


def _text(record: dict[str, Any], name: str) -> str:
    value = record[name]
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(f"field {name!r} must be a string, got {type(value).__name__}")
    return value


def parse_line(number: int, line: str) -> TraceInput | None:
    """One JSON Lines record -> TraceInput (None for a run's header line of an export); InputError if bad."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, got {type(record).__name__}")
    if record.get("kind") == "run":  # `python -m experiment export` starts each run with its description
        return None
    missing = [name for name in REQUIRED_FIELDS if name not in record]
    if missing:
        raise InputError(f"missing field{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    finish = record.get("finish_reason")
    return TraceInput(
        line=number,
        a=_operand(record, "a"),
        b=_operand(record, "b"),
        reasoning=_text(record, "reasoning"),
        answer=_text(record, "answer"),
        finish_reason=finish if isinstance(finish, str) else None,
        echo={k: record[k] for k in ECHOED_FIELDS if k in record},
    )


def read_traces(lines: Iterable[str]) -> Iterator[TraceInput | tuple[int, InputError]]:
    """Traces in input order; a bad line yields (line number, error) instead of stopping the stream."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            trace = parse_line(number, line)
        except InputError as error:
            yield number, error
            continue
        if trace is not None:
            yield trace


def analyse_stream(lines: Iterable[str], out: IO[str], err: IO[str], source: str, brief: bool = False) -> int:
    """Analyse JSON Lines from `lines` into `out`; report bad lines on `err`. Returns the exit code."""
    bad = 0
    for item in read_traces(lines):
        if isinstance(item, tuple):
            bad += 1
            if bad <= MAX_REPORTED_ERRORS:
                print(f"error: {source}, line {item[0]}: {item[1]}", file=err)
            continue
        verdict = analyze_trace(item.a, item.b, item.reasoning, item.answer, item.finish_reason).verdict()
        result = verdict.to_dict(brief=brief)
        out.write(json.dumps({**item.echo, **result}) + "\n")
    if bad > MAX_REPORTED_ERRORS:
        print(f"error: {source}: {bad - MAX_REPORTED_ERRORS} more bad lines not shown", file=err)
    if bad:
        print(f"error: {source}: {bad} line{'s' if bad > 1 else ''} could not be analysed", file=err)
        return EXIT_BAD_INPUT
    return EXIT_OK


def cmd_analyze(args: argparse.Namespace) -> int:
    if args.db:
        return _reanalyze([args.db], force=False)
    source = "stdin" if args.input == "-" else args.input
    try:
        handle = sys.stdin if args.input == "-" else open(args.input, encoding="utf-8")
    except OSError as error:
        print(f"error: cannot read {args.input}: {error.strerror}", file=sys.stderr)
        return EXIT_BAD_INPUT
    output = atomic_writer(args.output, "w") if args.output else contextlib.nullcontext(sys.stdout)
    try:
        # a file output appears whole when the analysis ends, or not at all if it is killed or fails
        with output as out:
            return analyse_stream(handle, out, sys.stderr, source, brief=args.brief)
    except UnicodeDecodeError:
        print(f"error: {source} is not UTF-8 text", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return EXIT_OK  # the reader (e.g. `head`) has all it wanted
    except OSError as error:
        print(f"error: cannot write {args.output}: {error.strerror or error}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        if handle is not sys.stdin:
            handle.close()


def _reanalyze(paths: list[str], force: bool) -> int:
    for path in paths:
        try:
            analysed, kept = analyse_database(Path(path), force=force)
        except ResultsError as error:
            print(f"error: {error}", file=sys.stderr)
            return EXIT_FAILED
        print(f"{path}: analysed {analysed} records with analyzer {ANALYZER_VERSION}; "
              f"{kept} already had this version")
    return EXIT_OK


def cmd_reanalyze(args: argparse.Namespace) -> int:
    return _reanalyze(args.databases, force=args.force)


def cmd_summary(args: argparse.Namespace) -> int:
    try:
        table, computed = load_table(Path(args.database))
    except ResultsError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILED
    summary = summarise(by_kind(table) if args.by == "kind" else table)
    if not summary.models:
        print(f"{args.database}: no trace to analyse (every record is a failed request, or there are none)",
              file=sys.stderr)
        return EXIT_FAILED
    if computed:
        print(f"note: {computed} records have no stored analysis by analyzer {ANALYZER_VERSION} and were analysed "
              f"in memory; `python -m experiment reanalyze {args.database}` stores them", file=sys.stderr)
    print(json.dumps(summary.to_json(), indent=2) if args.json else format_summary(summary))
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add analyze, reanalyze and analysis-summary to `python -m experiment`."""
    analyze = subparsers.add_parser(
        "analyze", help="analyse reasoning traces (JSON Lines with a, b, reasoning, answer)",
        description="Reads JSON Lines with the fields a, b, reasoning, answer (others ignored; finish_reason "
                    "is used when present) and writes one analysis per line. Format: results/README.md.")
    analyze.add_argument("input", nargs="?", default="-", help="JSON Lines file, or - for stdin (default)")
    analyze.add_argument("-o", "--output", help="write here instead of stdout")
    analyze.add_argument("--brief", action="store_true", help="leave out the list of every recognised step")
    analyze.add_argument("--db", help="analyse the records of this results database and store the analyses in it")
    analyze.set_defaults(func=cmd_analyze)

    reanalyze = subparsers.add_parser(
        "reanalyze", help="analyse every stored record with the current analyzer version")
    reanalyze.add_argument("databases", nargs="+", metavar="DB")
    reanalyze.add_argument("--force", action="store_true", help="recompute analyses that already have this version")
    reanalyze.set_defaults(func=cmd_reanalyze)

    summary = subparsers.add_parser("analysis-summary", help="trace analysis per model and per cell")
    summary.add_argument("database")
    summary.add_argument("--json", action="store_true")
    summary.add_argument("--by", choices=("model", "kind"), default="model",
                         help="per model (default), or pooled by kind: reasoning models and the others")
    summary.set_defaults(func=cmd_summary)


add_analyze_parser = register


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry point, for when the analyzer is used without the runner's command line."""
    parser = argparse.ArgumentParser(prog="python -m experiment.analysis")
    register(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))
    args = parser.parse_args(argv)
    return args.func(args)
