"""Record the examples of /steps from a live server: `python -m inside.steps record --url ... --model-file ...`.

Asks every next-digit question the page asks for each problem (the examples, and `PER_SIZE` problems of each
size 1 x 1 to 4 x 4 digits for the figure against digits, the first problems of the experiment's cells so that
they are the problems the shipped run asked) and writes them with the provenance. scripts/record_steps.sh serves
Gemma 3 270M on 127.0.0.1 and calls this.
"""
from __future__ import annotations

import argparse
import sys
import threading

from experiment.problems import cell_problems
from inside.steps import recorded
from inside.steps.answers import answer
from inside.steps.digits import BEAM, Ask, NextDigit, next_digit
from inside.steps.working import Problem, WrongStep, seeded_wrong_step
from llama.recording import add_arguments, model_file_missing, provenance
from stones import server
from stones.distribution import MAX_CANDIDATES

EXAMPLES = [Problem(12, 34, WrongStep(0, 10)), Problem(56, 78, WrongStep(1, -100)), Problem(123, 45, WrongStep(0, 20))]
EXPERIMENT_SEED = 20261126  # results/gemma3-270m-few-shot.toml
WRONG_STEP_SEED = 1
FIGURE_SIZES = (1, 2, 3, 4)
PER_SIZE = 3
FIGURE_BEAM = 1  # the figure needs the right answer and the wrong step's only: the greedy answer is enough


def figure_problems(per_size: int = PER_SIZE) -> list[Problem]:
    problems = []
    for n in FIGURE_SIZES:
        for p in cell_problems(EXPERIMENT_SEED, n, n, per_size):
            problems.append(Problem(p.a, p.b, seeded_wrong_step(p.a, p.b, WRONG_STEP_SEED)))
    return problems


class Recorder:
    """Asks the server and keeps every answer, as the recording's `asked` table."""

    def __init__(self, config: server.ServerConfig):
        self.config = config
        self.asked: dict[str, dict[str, NextDigit]] = {}
        self._lock = threading.Lock()

    def ask_in(self, text: str) -> Ask:
        def ask(digits: str) -> NextDigit:
            with self._lock:
                found = self.asked.get(text, {}).get(digits)
            if found is None:
                tokens = server.next_tokens(self.config, text + digits, MAX_CANDIDATES)
                found = next_digit((c.token, c.probability) for c in tokens.candidates)
                with self._lock:
                    self.asked.setdefault(text, {})[digits] = found
            return found

        return ask


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m inside.steps record", description=__doc__.splitlines()[0])
    parser.add_argument("--api", choices=server.APIS, default="openai")
    parser.add_argument("--per-size", type=int, default=PER_SIZE, help="problems per size in the figure")
    add_arguments(parser, out=recorded.DEFAULT_PATH)
    args = parser.parse_args(argv)
    if model_file_missing(args):
        return 2
    if not 1 <= args.per_size <= 20:
        print("error: --per-size must be 1..20", file=sys.stderr)
        return 2
    config = server.ServerConfig(args.url.rstrip("/"), args.api, timeout=60.0, slots=2)
    recorder = Recorder(config)
    figure = figure_problems(args.per_size)
    try:
        for number, problem in enumerate(EXAMPLES + figure, start=1):
            beam = BEAM if number <= len(EXAMPLES) else FIGURE_BEAM
            answer(problem, recorder.ask_in, "live", workers=2, beam=beam)
            print(f"{number}/{len(EXAMPLES) + len(figure)}: {problem.a} x {problem.b}", file=sys.stderr, flush=True)
    except server.ServerUnavailable as error:
        print(f"error: {error}; nothing was written", file=sys.stderr)
        return 1
    endpoint, body = server.request_body(config, "", MAX_CANDIDATES)
    how = provenance(
        args, lambda: server.server_version(config), "scripts/record_steps.sh",
        endpoint=endpoint,
        request={k: v for k, v in body.items() if k != "prompt"},
        probabilities="the server's log-probabilities of the top tokens (softmax of the logits), exponentiated; "
                      "a token starting with a digit continues the number, any other ends it",
    )
    recording = recorded.StepsRecording(list(EXAMPLES), figure, recorder.asked, how, BEAM, FIGURE_BEAM)
    recorded.save(recording, args.out)
    questions = sum(len(q) for q in recorder.asked.values())
    print(f"wrote {questions} next-digit answers in {len(recorder.asked)} contexts of "
          f"{len(EXAMPLES) + len(figure)} problems to {args.out}")
    return 0
