"""`python -m inside.steps record ...`: the one command of this package (see inside/steps/record.py)."""
from __future__ import annotations

import sys

from inside.steps.record import main

if __name__ == "__main__":
    if sys.argv[1:2] != ["record"]:
        print("usage: python -m inside.steps record --url URL --model-file GGUF [options]", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[2:]))
