from __future__ import annotations

from collections import Counter

import pytest

from tagging.topics import IPTC_TOPICS, iptc_topic_rows, load_topic_scorer, stem_word, text_words, vocabulary_terms

from .quality import load_jsonl, score_iptc_news, shared_news_missing_reason

ENVIRONMENT = "medtop:06000000"
# Measured 0.892 (held out, 93 articles) and 0.862 (tune, 87); a floor a little below, so that a
# change losing three or more held-out articles fails.
HELD_OUT_FLOOR = 0.86
TUNE_FLOOR = 0.83
CLIMATE_CHANGE = "medtop:20000418"


@pytest.fixture(scope="module")
def scorer():
    return load_topic_scorer()


def test_vocabulary_extract_is_complete_and_consistent():
    level1 = [t for t in IPTC_TOPICS.values() if t.level == 1]
    assert len(level1) == 17
    for topic in IPTC_TOPICS.values():
        assert topic.level in {1, 2}
        assert (topic.parent is None) == (topic.level == 1)
        if topic.parent:
            assert IPTC_TOPICS[topic.parent].level == 1
    assert IPTC_TOPICS[CLIMATE_CHANGE].label == "climate change"
    rows = iptc_topic_rows()
    assert len(rows) == len(IPTC_TOPICS)
    assert {"code", "label", "level", "parent", "definition", "scheme"} <= set(rows[0])


def test_stemming():
    assert stem_word("emissions") == "emission"
    assert stem_word("policies") == "policy"
    assert stem_word("crises") == "crise"  # crude, but the lexicon is stemmed alike
    assert stem_word("us") == "us"


@pytest.mark.parametrize(
    "text",
    [
        "Global carbon dioxide emissions reached a record this year despite pledges to cut greenhouse gases.",
        "A prolonged drought linked to climate change cut the wheat harvest; rivers are at record lows.",
        "Heatwaves will become more frequent as the planet warms, climate scientists warned.",
        "The government adopted a plan to reach net zero emissions by 2050 and phase out coal power plants.",
    ],
)
def test_climate_articles_are_environment_and_climate_change(scorer, text):
    codes = [t.code for t in scorer.score(text_words(text))]
    assert codes[0] == ENVIRONMENT
    assert CLIMATE_CHANGE in codes


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Air pollution in the city reached hazardous levels as smog covered the capital.", ENVIRONMENT),
        ("Parliament approved the new cabinet after the opposition boycotted the vote.", "medtop:11000000"),
        ("Russian troops launched an offensive; artillery shelling hit the front line.", "medtop:16000000"),
        ("The central bank raised interest rates as inflation rose and GDP growth slowed.", "medtop:04000000"),
    ],
)
def test_demo_critical_topics(scorer, text, code):
    assert scorer.score(text_words(text))[0].code == code


def test_scores_are_bounded_and_level2_follow_their_parent(scorer):
    topics = scorer.score(text_words("Climate change and emissions; drought and pollution; elections and war. " * 5))
    kept_level1 = {t.code for t in topics if t.level == 1}
    for topic in topics:
        assert 0.0 <= topic.score <= 1.0
        assert topic.scheme == "iptc-mediatopic"
        if topic.level == 2:
            assert IPTC_TOPICS[topic.code].parent in kept_level1


def test_nothing_topical_gives_no_topics(scorer):
    assert scorer.score(text_words("The the of and a an is was.")) == ()
    assert scorer.score([]) == ()


def test_vocabulary_terms_come_from_iptc_labels_and_stay_unambiguous():
    terms = vocabulary_terms()
    sport = {term for code, ts in terms.items() if IPTC_TOPICS[code].parent == "medtop:15000000" for term in ts}
    assert {"cricket", "horse racing", "basketball"} <= sport
    owners: dict[str, set[str]] = {}
    for code, ts in terms.items():
        assert IPTC_TOPICS[code].level == 2
        for term in ts:
            owners.setdefault(term, set()).add(IPTC_TOPICS[code].parent)
    assert all(len(tops) == 1 for tops in owners.values())
    assert "record" not in owners  # too common in prose to name a topic


def test_a_term_listed_under_two_siblings_counts_once_at_level1(scorer):
    # "community" is listed under society and under its child "communities".
    raw = scorer.raw_scores(text_words("community " * 3))
    assert raw["medtop:14000000"] == pytest.approx(max(raw.get(c, 0.0) for c in raw if c != "medtop:14000000"))


def test_news_gold_set_is_well_formed():
    rows = load_jsonl("iptc_news_gold.jsonl")
    assert len(rows) >= 100
    splits = Counter(row["split"] for row in rows)
    assert set(splits) == {"tune", "held_out"}
    assert abs(splits["tune"] - splits["held_out"]) <= len(rows) // 10
    assert len({row["id"] for row in rows}) == len(rows)
    for row in rows:
        assert IPTC_TOPICS[row["top"]].level == 1
        assert row["top"] not in row["acceptable"]
        assert all(IPTC_TOPICS[code].level == 1 for code in row["acceptable"])
        assert row["level2"] is None or IPTC_TOPICS[row["level2"]].parent == row["top"]
        assert set(row) == {"id", "corpus", "split", "top", "acceptable", "level2", "note"}  # no page text


@pytest.mark.slow
@pytest.mark.parametrize(("split", "floor"), [("held_out", HELD_OUT_FLOOR), ("tune", TUNE_FLOOR)])
def test_iptc_top_level_on_real_long_news(scorer, split, floor):
    """Top-1 is right when it is the primary or an acceptable code (see tests/tagging/quality.py)."""
    reason = shared_news_missing_reason()
    if reason is not None:
        pytest.skip(reason)
    result = score_iptc_news(scorer, split)
    assert result.articles >= 80
    assert result.top1 >= floor, result.failures
