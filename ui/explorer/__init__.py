"""The explorer page's Streamlit code: its widgets (controls.py) and its analogy tab (analogy_view.py); the models
and scenes every page shares are in ui/resources.py."""
