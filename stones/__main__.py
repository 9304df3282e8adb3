"""`python -m stones record ...`: the one command of this package (see stones/record.py)."""
from __future__ import annotations

import sys

from stones.record import main

if __name__ == "__main__":
    if sys.argv[1:2] != ["record"]:
        print("usage: python -m stones record --url URL --model-file GGUF [options]", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[2:]))
