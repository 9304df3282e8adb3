"""The contexts page's Streamlit code: its widgets (controls.py) and what its sessions share (resources.py)."""
