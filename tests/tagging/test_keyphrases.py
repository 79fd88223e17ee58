from __future__ import annotations

from tagging.keyphrases import extract_keyphrases

TEXT = (
    "Western sanctions have pushed Belarus closer to Russia. Union State integration programs cover "
    "taxes and customs. The Union State also plans a common energy market, while Western sanctions "
    "hit potash exports. Union State officials met in Minsk on 3 May."
)


def test_keyphrases_are_lowercase_and_bounded():
    phrases = extract_keyphrases(TEXT, "Union State integration", limit=5)
    assert 0 < len(phrases) <= 5
    assert all(p == p.lower() and "  " not in p for p in phrases)
    assert any("union state" in p for p in phrases)
    assert "western sanctions" in phrases


def test_no_stopword_or_number_phrases():
    phrases = extract_keyphrases(TEXT)
    assert all(not p.isdigit() for p in phrases)
    assert "the" not in phrases
    assert "may" not in phrases


def test_empty_text():
    assert extract_keyphrases("") == ()
    assert extract_keyphrases("The and of.") == ()
