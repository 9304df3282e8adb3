"""What a link to a page holds: the query keys each page declares, read by one function (`links.query`).

Importable without Streamlit and by every package that has a page (embeddings, stones, experiment).
"""
