"""The logic of the experiment replay page (app_pages/experiment_page.py), importable without Streamlit.

- sources.py: which result files the page offers (results/ or $EXPERIMENT_RESULTS_DIR) and when they change;
- database.py: opening a results file read-only and checking that it is the runner's format;
- uploads.py: an uploaded JSON Lines export or database file, size-limited and validated;
- loading.py: the light per-record table the overview needs, and one full record for the replay;
- trace_analyses.py: the trace analyzer's verdicts, stored ones first, computed on the fly for the rest;
- overview.py: vectorised aggregations (accuracy with Wilson intervals, outcome mix, tokens, analyzer shares);
- figures.py: the overview's plotly figures, each exportable as the blog's plotly block;
- long_multiplication.py, answer_digits.py, frames.py: what the replay draws at each position;
- pairing.py: two models or prompt variants on the same problems;
- selection_url.py: the query-string keys of the page;
- synthetic.py: synthetic traces and records, for tests and benchmarks.
"""
