"""Every page's declared query keys, fuzzed through the one function that reads them (`links.query`): any URL
a reader can craft gives each key its default or what its own parser made of the value, and a refused value
gives the same notice on every page."""
from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from embeddings import url_state as explorer_urls
from experiment.results_page import url_state as experiment_urls
from links.query import Key, read_query
from stones import url_state as stones_urls
from tests.hostile.strategies import any_text, url_value

READY = ["glove-wiki-gigaword-50", "word2vec-google-news-300"]
PAGES = {
    "explorer": explorer_urls.KEYS,
    "compare": explorer_urls.compare_keys(READY, "king, queen"),
    "stones": stones_urls.KEYS,
    "experiment": experiment_urls.KEYS,
}
# each page's own reader of its query string: the table above, through read_query, and nothing else
FROM_QUERY = {
    "explorer": explorer_urls.from_query,
    "compare": lambda query: explorer_urls.compare_from_query(query, READY, "king, queen"),
    "stones": stones_urls.from_query,
    "experiment": experiment_urls.from_query,
}
NOTICE = re.compile(r"The URL's `([^`]+)` value (is too long and was ignored\.|was not used: .+ The default was used "
                    r"instead\.)$", re.S)


def queries(keys: tuple[Key, ...]):
    names = [key.name for key in keys]
    return st.dictionaries(st.one_of(st.sampled_from(names), any_text), url_value,
                           max_size=len(names) + 2)


def expected(key: Key, query: dict) -> object:
    """What the key should hold: what its parser makes of the URL's last value, or its default."""
    raw = query.get(key.name)
    if raw is None:
        return key.default
    raw = (raw[-1] if raw else "") if isinstance(raw, list) else raw
    if len(raw) > key.bound:
        return key.default
    try:
        return key.parse(raw)
    except ValueError:
        return key.default


@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_page_reads_any_url_through_its_declared_keys(page):
    keys = PAGES[page]

    @given(queries(keys))
    def check(query):
        values, notices = read_query(query, keys)
        assert set(values) == {key.target for key in keys}
        for key in keys:
            if key.requires is None or key.requires in query:
                assert values[key.target] == expected(key, query), key.name
        refused = [key.name for key in keys if key.name in query and values[key.target] == key.default
                   and expected(key, query) == key.default and not _accepts_default(key, query)]
        assert len(notices) == len(refused)
        for notice in notices:
            match = NOTICE.match(notice)
            assert match and match.group(1) in refused and len(notice) < 300, notice
        state, page_notices = FROM_QUERY[page](query)
        assert page_notices == notices and all(getattr(state, f) == v for f, v in values.items())

    check()


def _accepts_default(key: Key, query: dict) -> bool:
    """The URL gave a value the parser accepts, equal to the default (no notice then)."""
    raw = query[key.name]
    raw = (raw[-1] if raw else "") if isinstance(raw, list) else raw
    if len(raw) > key.bound:
        return False
    try:
        key.parse(raw)
    except ValueError:
        return False
    return True
