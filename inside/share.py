"""Links to the /steps and /contexts pages and their embeddable figures."""
from __future__ import annotations

import html
from urllib.parse import urlencode


def page_url(base_url: str, query: dict[str, str]) -> str:
    return f"{base_url.rstrip('/')}?{urlencode(query)}"


def iframe_snippet(base_url: str, query: dict[str, str], *, title: str, height: int = 640) -> str:
    """The figure alone, without Streamlit's chrome: for an iframe in the blog."""
    src = html.escape(page_url(base_url, {**query, "view": "figure", "embed": "true"}), quote=True)
    return (f'<iframe src="{src}" width="100%" height="{height}" style="border:0" loading="lazy" '
            f'title="{html.escape(title, quote=True)}"></iframe>')
