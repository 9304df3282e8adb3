"""``python -m experiment``: hands over to the command line so the exit code reaches the shell."""

import sys

from experiment.cli import main

sys.exit(main())
