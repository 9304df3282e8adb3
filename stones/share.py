"""Links to the /stones page and its embeddable figure (the explorer's helpers link to `/`)."""
from __future__ import annotations

import html
import re
from urllib.parse import urlencode


def page_url(base_url: str, query: dict[str, str]) -> str:
    return f"{base_url.rstrip('/')}?{urlencode(query)}"


def figure_url(base_url: str, query: dict[str, str]) -> str:
    """The figure alone, without Streamlit's chrome: for an iframe in the blog."""
    return page_url(base_url, {**query, "view": "figure", "embed": "true"})


def iframe_snippet(base_url: str, query: dict[str, str], *, height: int = 680) -> str:
    src = html.escape(figure_url(base_url, query), quote=True)
    return (f'<iframe src="{src}" width="100%" height="{height}" style="border:0" loading="lazy" '
            'title="Tossing stones: where the next word can land"></iframe>')


def slug(text: str) -> str:
    """A file-name stem from a prompt: lower-case letters and digits joined by hyphens, at most 40."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:40] or "prompt"
