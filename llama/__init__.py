"""What every page that asks a llama-server shares: the operator's server settings and their bounds, the slots
the app's sessions share, and the recordings' provenance (model file and its SHA-256, server version, date).

A leaf package: it imports nothing of the pages' packages (stones, inside), so both can use it.
"""
