"""The logic of the experiment results page (`/experiment`), importable without Streamlit.

Data:
- sources.py: which result files the page offers (results/ or $EXPERIMENT_RESULTS_DIR) and when they change;
- uploads.py: an uploaded JSON Lines export or database file, size-limited and validated;
- data.py: the light per-record table the overview needs, and one full record for the replay, read through
  the one results reader (`experiment/results/`);
- analyzer_verdicts.py: the trace analyzer's verdicts, stored ones first, computed on the fly for the rest;
- featured.py: what the page opens on when the URL names nothing, chosen by rule from the results held.
The claim:
- claim.py: the essay's claim stated from the chosen results, and what they cannot show.
Figures:
- overview.py, figures.py: the series of the figures and the plotly figures (their numbers are
  experiment/metrics/, shared with the command line), each exportable as the blog's
  plotly block;
- pairing.py, provenance_table.py: two models or prompt variants on the same problems; where each run came from;
- readings.py, plain_words.py: each figure in a sentence or two; the analyzer's codes in plain words.
Replay:
- long_multiplication.py, answer_digits.py, replay_frames.py: what the replay draws at each position;
- replay_pick.py: which record a replay link opens on.
URL state:
- url_state.py: the query-string keys of the page.

Its Streamlit widgets and cached loaders are in ui/experiment/; the page itself is app_pages/experiment_page.py.
Synthetic records for the page's tests and benchmark live in testkit/synthetic_results.py.
"""
