"""``python -m experiment.analysis``: the analyzer's commands without the runner's command line."""

import sys

from experiment.analysis.cli import main

sys.exit(main())
