"""Public mode: one setting for a server that anyone can reach (the blog's readers, social media).

With `APP_PUBLIC=1` the app turns off everything that writes to the server's disk or fetches on a reader's
request: results files uploaded by readers, saving figures, writing new vocabulary maps to the cache. What
the operator prepared (models fetched with `python -m embeddings fetch`, the shipped results, the maps warmed
at start) is served as it is. Every bound on a reader's request (words, neighbours, context, points for
t-SNE and UMAP, upload size) holds in both modes.
"""

from __future__ import annotations

import os

PUBLIC_ENV = "APP_PUBLIC"


def public_mode() -> bool:
    return os.environ.get(PUBLIC_ENV, "").strip().lower() in ("1", "true", "yes", "on")
