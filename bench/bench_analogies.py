"""How good analogies are in every ready model, and how long scoring the 19,544 questions takes.

Run: .venv/bin/python bench/bench_analogies.py [--restrict 300000] [--models a,b] [--gensim]
Prints, per ready model: the three accuracies per section and overall (python -m embeddings analogies: the query
words left out, left in, and the nearest word of the last word alone), computed afresh (not from the cache), with
the time it took and the questions scored per second. With --gensim it also runs gensim's own
`KeyedVectors.evaluate_word_analogies` on the same questions and vocabulary (one question at a time: minutes) and
prints its overall score and time beside ours. The machine's load average is printed too: the figures are CPU
time on a shared machine.
"""
from __future__ import annotations

import argparse
import os
import time

from embeddings import models
from embeddings.analogy_cli import scores_text
from embeddings.analogy_scores import DEFAULT_RESTRICT, questions_file, score
from embeddings.catalogue import all_specs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--restrict", type=int, default=DEFAULT_RESTRICT)
    parser.add_argument("--models", default="", help="comma-separated catalogue names (default: every ready one)")
    parser.add_argument("--gensim", action="store_true", help="also run gensim's evaluate_word_analogies (slow)")
    args = parser.parse_args()
    chosen = [m for m in args.models.split(",") if m]
    for spec in all_specs():
        if (chosen and spec.name not in chosen) or not models.is_ready(spec):
            continue
        kv = models.load(spec.name)
        cpu = time.process_time()
        result = score(kv, spec.name, args.restrict)
        cpu = time.process_time() - cpu
        print(scores_text(result))
        print(f"CPU time {cpu:.1f} s ({result.total.questions / cpu:,.0f} questions per CPU second)")
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
        if args.gensim:
            start = time.perf_counter()
            total, _ = kv.to_gensim().evaluate_word_analogies(str(questions_file()), restrict_vocab=args.restrict)
            seconds = time.perf_counter() - start
            print(f"gensim's evaluate_word_analogies: {total:.4%} in {seconds:.0f} s; ours (left out): "
                  f"{result.total.left_out_accuracy:.4%} in {result.seconds:.1f} s "
                  f"({'equal' if abs(total - result.total.left_out_accuracy) < 1e-12 else 'DIFFERENT'})\n")


if __name__ == "__main__":
    main()
