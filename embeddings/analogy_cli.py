"""`python -m embeddings analogy "king - man + woman"` and `python -m embeddings analogies`: one analogy with
its baselines, and the model's scores on the standard test set, as text or JSON."""
from __future__ import annotations

import argparse
import json
import sys

from embeddings import models
from embeddings.analogy_baselines import AnalogyReport, explain
from embeddings.analogy_scores import DEFAULT_RESTRICT, AnalogyScores, cached, score
from embeddings.catalogue import DEFAULT_MODEL, get_spec
from embeddings.neighbours import parse_analogy


class AnalogyInputError(ValueError):
    """An analogy or option the command cannot use: one line on stderr, exit 1."""


def add_commands(commands: argparse._SubParsersAction) -> None:
    one = commands.add_parser("analogy", help="one analogy: its answer, the query words left in, the baseline")
    one.add_argument("text", help='the analogy, e.g. "king - man + woman"')
    one.add_argument("--model", default=DEFAULT_MODEL, help=f"a catalogue name (default {DEFAULT_MODEL})")
    one.add_argument("--format", choices=("text", "json"), default="text")
    many = commands.add_parser("analogies", help="accuracy on gensim's questions-words.txt, three ways")
    many.add_argument("--model", default=DEFAULT_MODEL, help=f"a catalogue name (default {DEFAULT_MODEL})")
    many.add_argument("--restrict", type=int, default=DEFAULT_RESTRICT,
                      help=f"only questions within the first N words, as gensim (default {DEFAULT_RESTRICT:,})")
    many.add_argument("--format", choices=("text", "json"), default="text")
    many.add_argument("--no-cache", action="store_true", help="compute again instead of reading cache/analogies/")


def run(args: argparse.Namespace) -> int:
    try:
        spec = get_spec(args.model)
    except KeyError:
        raise AnalogyInputError(f"{args.model!r} is not a catalogue model (see: python -m embeddings list)") from None
    if not models.is_ready(spec):
        raise AnalogyInputError(f"{spec.name} is not ready on this machine: python -m embeddings fetch {spec.name}")
    kv = models.load(spec.name)
    if args.command == "analogy":
        try:
            analogy = parse_analogy(args.text, lowercase=spec.lowercase, is_known=kv.__contains__)
            report = explain(kv, analogy)
        except (ValueError, KeyError) as error:
            raise AnalogyInputError(str(error).strip("'\"")) from None
        print(json.dumps(report.to_dict(), indent=1) if args.format == "json" else report_text(report))
        return 0
    if args.restrict < 1:
        raise AnalogyInputError("--restrict must be a positive number of words")
    scores = score(kv, spec.name, args.restrict) if args.no_cache else cached(kv, spec.name, args.restrict)
    print(json.dumps(scores.to_dict(), indent=1) if args.format == "json" else scores_text(scores))
    return 0


def report_text(report: AnalogyReport) -> str:
    lines = [f"{report.analogy} ≈ {report.answer.word if report.answer else '?'}", "",
             "answers, query words left out (as gensim):"]
    lines += [f"  {c.rank}. {c.word} {c.similarity:.4f}" for c in report.answers]
    lines += ["", "the same ranking, query words left in:"]
    lines += [f"  {c.rank}. {c.word} {c.similarity:.4f}{'  (query word)' if c.is_input else ''}"
              for c in report.with_inputs]
    lines += ["", f"baseline: nearest words to {report.last_word} alone (query words left out):"]
    lines += [f"  {c.rank}. {c.word} {c.similarity:.4f}" for c in report.last_neighbours]
    lines += ["", report.verdict]
    return "\n".join(lines)


def scores_text(scores: AnalogyScores) -> str:
    rows = [("section", "questions", "left out", "left in", "baseline")]
    for s in (*scores.sections, scores.total):
        rows.append((s.name, f"{s.questions:,}", f"{s.left_out_accuracy:.1%}", f"{s.left_in_accuracy:.1%}",
                     f"{s.baseline_accuracy:.1%}"))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = [f"{scores.model}: gensim's questions-words.txt, the first {scores.restrict:,} words "
             f"({scores.total.skipped:,} questions with other words skipped)", ""]
    lines += ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(r, widths)))
              for r in rows]
    lines += ["", "left out: the query words left out of the answers (gensim's evaluate_word_analogies); "
              "left in: the same, query words allowed; baseline: the nearest word of the last word alone.",
              f"computed in {scores.seconds:.1f} s ({scores.total.questions / max(scores.seconds, 1e-9):,.0f} "
              "questions a second)"]
    return "\n".join(lines)


def fail(error: Exception) -> int:
    print(f"error: {error}", file=sys.stderr)
    return 1
