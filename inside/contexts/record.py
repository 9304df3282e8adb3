"""Record the example words of /contexts: `python -m inside.contexts record --url ... --model-file ...`.

Asks a llama-server started with `--embeddings --pooling none` for every example sentence's token vectors and
keeps the word's (inside/contexts/locate.py), with the provenance. scripts/record_contexts.sh serves Gemma 3 270M
that way on 127.0.0.1 and calls this.
"""
from __future__ import annotations

import argparse
import datetime as dt
import platform
import sys
from pathlib import Path

from durable.checksums import sha256_of
from inside.contexts import recorded, server
from inside.contexts.locate import NotFound, word_vector
from inside.contexts.sentences import EXAMPLES, example


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m inside.contexts record", description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="the server, e.g. http://127.0.0.1:8090")
    parser.add_argument("--model-file", type=Path, required=True, help="the GGUF file served (for its SHA-256)")
    parser.add_argument("--model", default="google/gemma-3-270m (pretrained base model), Q4_K_M GGUF")
    parser.add_argument("--model-package", default="", help="where the file came from, e.g. a PyPI package")
    parser.add_argument("--server-version", default="")
    parser.add_argument("--server-args", default="")
    parser.add_argument("--out", type=Path, default=recorded.DEFAULT_PATH)
    args = parser.parse_args(argv)
    if not args.model_file.is_file():
        print(f"error: {args.model_file} is not a file", file=sys.stderr)
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
    provenance = {
        "model": args.model,
        "model_file": args.model_file.name,
        "model_package": args.model_package,
        "model_sha256": sha256_of(args.model_file),
        "server": args.server_version or server.server_version(config),
        "server_args": args.server_args,
        "endpoint": "/tokenize (with_pieces) and /embedding",
        "vectors": "the last layer's output (after the final norm) at the word's last token, as llama-server "
                   "returns it with --pooling none; 5 significant digits",
        "recorded_at": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "machine": f"{platform.system()} {platform.machine()}, Python {platform.python_version()}",
        "command": "scripts/record_contexts.sh",
    }
    recorded.save(recorded.ContextsRecording(examples, vectors, provenance), args.out)
    print(f"wrote {len(vectors)} vectors of {len(examples)} words to {args.out}")
    return 0
