"""Streamlit helpers shared by the pages: cached resources and the explorer's controls."""
