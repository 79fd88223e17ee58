from __future__ import annotations

import pytest

from tagging.topics import IPTC_TOPICS, iptc_topic_rows, load_topic_scorer, stem_word, text_words

ENVIRONMENT = "medtop:06000000"
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
