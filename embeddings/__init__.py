"""The logic of the embedding explorer, importable without Streamlit.

Modules, in the order a request flows through them: `catalogue` (which models exist, from `sources/`, one
object per kind of source; `spec` is what the page knows of a model), `models` (loading them once,
memory-mapped), `words` (parsing what a reader typed), `neighbours` (nearest words and
analogies), `reduce` (PCA, t-SNE, UMAP), `context` (cached maps of the most frequent words), `figures`
(plotly), `export` and `url_state` (the query string as a public interface).
"""
