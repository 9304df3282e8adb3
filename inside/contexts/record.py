"""Record the example words of /contexts: `python -m inside.contexts record --url ... --model-file ...`.

Asks a llama-server started with `--embeddings --pooling none` for every example sentence's token vectors and
keeps the word's (inside/contexts/locate.py), with the provenance. scripts/record_contexts.sh serves Gemma 3 270M
that way on 127.0.0.1 and calls this.
"""
from __future__ import annotations

import argparse
import sys

from inside.contexts import recorded, server
from inside.contexts.locate import NotFound, word_vector
from inside.contexts.sentences import EXAMPLES, example
from llama.recording import add_arguments, model_file_missing, provenance


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m inside.contexts record", description=__doc__.splitlines()[0])
    add_arguments(parser, out=recorded.DEFAULT_PATH, example_url="http://127.0.0.1:8090")
    args = parser.parse_args(argv)
    if model_file_missing(args):
        return 2
    config = server.EmbeddingConfig(args.url.rstrip("/"), timeout=60.0)
    examples, vectors = {}, {}
    try:
        for word in EXAMPLES:
            found = examples[word] = example(word)
            for sentence in found.sentences:
                answer = server.token_vectors(config, sentence.text)
                vector, tokens = word_vector(word, sentence.text, answer.pieces, answer.vectors)
                vectors[(word.casefold(), sentence.text)] = recorded.WordVector(tuple(tokens), vector)
    except (server.ServerUnavailable, NotFound) as error:
        print(f"error: {error}; nothing was written", file=sys.stderr)
        return 1
    how = provenance(
        args, lambda: server.server_version(config), "scripts/record_contexts.sh",
        endpoint="/tokenize (with_pieces) and /embedding",
        vectors="the last layer's output (after the final norm) at the word's last token, as llama-server "
                "returns it with --pooling none; 5 significant digits",
    )
    recorded.save(recorded.ContextsRecording(examples, vectors, how), args.out)
    print(f"wrote {len(vectors)} vectors of {len(examples)} words to {args.out}")
    return 0
