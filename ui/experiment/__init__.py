"""The experiment page's Streamlit code: its widgets (controls.py), what its sessions share (resources.py), the
replay (replay.py) and the other views (views.py). Its Streamlit-free logic is experiment/results_page/."""
