"""Record the example distributions from a live server: `python -m stones record --url ... --model-file ...`.

Walks each example prompt's tree: the distribution after the prompt, then after each of its `branches`
likeliest next tokens, and so on `depth` tosses deep. scripts/record_stones.sh serves Gemma 3 270M on
127.0.0.1 and calls this; any OpenAI-compatible server works the same way.
"""
from __future__ import annotations

import argparse
import sys

from llama.recording import add_arguments, model_file_missing, provenance
from stones import recorded, server
from stones.distribution import MAX_CANDIDATES, Candidate

EXAMPLES = [
    "The king",
    "The queen",
    "The king is to the man as the queen is to the",
    "To multiply two large numbers, you",
]
BRANCHES = 4
DEPTH = 3



def walk(config: server.ServerConfig, prompt: str, branches: int, depth: int,
         out: dict[str, tuple[Candidate, ...]]) -> None:
    """Breadth-first: every text at most `depth` tosses after the prompt, along the likeliest branches."""
    level = [prompt]
    for step in range(depth + 1):
        following = []
        for text in level:
            if text not in out:
                out[text] = server.next_tokens(config, text, MAX_CANDIDATES).candidates
            if step < depth:
                following += [text + c.token for c in out[text][:branches]]
        level = following


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m stones record", description=__doc__.splitlines()[0])
    parser.add_argument("--api", choices=server.APIS, default="openai")
    parser.add_argument("--branches", type=int, default=BRANCHES)
    parser.add_argument("--depth", type=int, default=DEPTH)
    add_arguments(parser, out=recorded.DEFAULT_PATH)
    args = parser.parse_args(argv)
    if model_file_missing(args):
        return 2
    if not (1 <= args.branches <= 8 and 0 <= args.depth <= 4):
        print("error: --branches must be 1..8 and --depth 0..4", file=sys.stderr)
        return 2
    config = server.ServerConfig(args.url.rstrip("/"), args.api, timeout=60.0)
    distributions: dict[str, tuple[Candidate, ...]] = {}
    try:
        for prompt in EXAMPLES:
            walk(config, prompt, args.branches, args.depth, distributions)
    except server.ServerUnavailable as error:
        print(f"error: {error}; nothing was written", file=sys.stderr)
        return 1
    endpoint, body = server.request_body(config, "", MAX_CANDIDATES)
    how = provenance(
        args, lambda: server.server_version(config), "scripts/record_stones.sh",
        endpoint=endpoint,
        request={k: v for k, v in body.items() if k != "prompt"},
        probabilities="the server's log-probabilities of the top tokens (softmax of the logits), exponentiated",
    )
    recording = recorded.Recording(list(EXAMPLES), distributions, how, args.branches, args.depth)
    recorded.save(recording, args.out)
    print(f"wrote {len(distributions)} distributions for {len(EXAMPLES)} prompts to {args.out}")
    return 0
