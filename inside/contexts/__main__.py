"""`python -m inside.contexts record ...`: the one command of this package (see inside/contexts/record.py)."""
from __future__ import annotations

import sys

from inside.contexts.record import main

if __name__ == "__main__":
    if sys.argv[1:2] != ["record"]:
        print("usage: python -m inside.contexts record --url URL --model-file GGUF [options]", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[2:]))
