"""Word input: bounded, cleaned and de-duplicated, with suggestions for unknown words."""
from embeddings.words import MAX_WORDS, format_words, lookup, parse_words


def test_separators_case_and_duplicates():
    parsed = parse_words("King, queen\nMAN woman;apple,, king", lowercase=True)
    assert parsed.words == ["king", "queen", "man", "woman", "apple"]


def test_case_is_kept_for_case_sensitive_models():
    assert parse_words("Paris paris", lowercase=False).words == ["Paris", "paris"]


def test_quoted_phrases_survive_the_round_trip():
    parsed = parse_words('"New York", Paris', lowercase=False)
    assert parsed.words == ["New York", "Paris"]
    assert parse_words(format_words(parsed.words), lowercase=False).words == parsed.words


def test_bound_on_the_number_of_words():
    parsed = parse_words(" ".join(f"w{i}" for i in range(10_000)), lowercase=True)
    assert len(parsed.words) == MAX_WORDS
    assert parsed.over_limit > 0
    assert parsed.truncated_input


def test_control_characters_and_markup_are_only_text():
    parsed = parse_words("ki\x00ng <script>alert(1)</script>\u202equeen", lowercase=True)
    assert "<script>alert(1)</script>" in parsed.words
    assert all(not any(ord(c) < 32 or c == "\u202e" for c in w) for w in parsed.words)


def test_overlong_tokens_are_reported_not_kept():
    parsed = parse_words("a" * 500 + " king", lowercase=True)
    assert parsed.words == ["king"]
    assert len(parsed.too_long) == 1


def test_unknown_words_get_close_suggestions(glove):
    found = lookup(glove, ["king", "queeen", "zzqxv"])
    assert found.found == ["king"]
    assert found.missing == ["queeen", "zzqxv"]
    assert "queen" in found.suggestions["queeen"]


def test_model_conventions_are_applied_and_explained(glove):
    from embeddings.catalogue import get_spec

    found = lookup(glove, ["King", "new york", "apple"], spec=get_spec("glove-wiki-gigaword-50"))
    assert found.found == ["king", "apple"]
    assert "new york" in found.missing
