"""The multiplication experiment: problems, model clients, runner, store, grading and statistics.

Importable without Streamlit so that the replay page, the command line and the tests share one
implementation. The command line lives in ``experiment.cli`` (``python -m experiment``).
"""

__version__ = "1.0.0"
