from __future__ import annotations

from pathlib import Path

import pytest

from mediamon.errors import ConfigError
from tagging.gazetteer import DEFAULT_CONFIG_ENTITIES, build_gazetteer, entity_id_for


@pytest.fixture(scope="module")
def gazetteer():
    return build_gazetteer(DEFAULT_CONFIG_ENTITIES)


def _id(gazetteer, text):
    entry = gazetteer.lookup(text)
    return entry.entity.entity_id if entry else None


def test_entity_ids_are_type_and_slug():
    assert entity_id_for("PERSON", "Alyaksandr Lukashenka") == "person:alyaksandr-lukashenka"
    assert entity_id_for("GPE", "Belarus") == "gpe:belarus"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lukashenko", "person:alyaksandr-lukashenka"),
        ("Лукашэнка", "person:alyaksandr-lukashenka"),
        ("Putin", "person:vladimir-putin"),
        ("Russian Federation", "gpe:russia"),
        ("the Union State", "org:union-state"),
        ("Shanghai Cooperation Organisation", "org:shanghai-cooperation-organization"),
        ("SCO", "org:shanghai-cooperation-organization"),
        ("Minsk", "gpe:minsk"),
        ("Kiev", "gpe:kyiv"),
        ("Europe", "loc:europe"),
        ("Belarusians", "norp:belarusian"),
    ],
)
def test_lookup(gazetteer, text, expected):
    assert _id(gazetteer, text) == expected


def test_acronyms_match_case_exactly(gazetteer):
    assert _id(gazetteer, "WHO") == "org:world-health-organization"
    assert _id(gazetteer, "Who") is None
    assert _id(gazetteer, "US") == "gpe:united-states"
    assert _id(gazetteer, "us") is None


def test_denylisted_city_names_are_not_places(gazetteer):
    for word in ("Nice", "Victoria", "Austin", "Jamestown"):
        assert _id(gazetteer, word) is None


def test_watchlist_wins_and_carries_wikidata(gazetteer):
    entry = gazetteer.lookup("Vladimir Putin")
    assert entry is not None
    assert entry.source == "watchlist"
    assert entry.entity.wikidata_id == "Q7747"


def test_match_words_is_greedy_longest(gazetteer):
    words = ["The", "Shanghai", "Cooperation", "Organization", "and", "Putin", "-", "Lukashenka", "talks"]
    offsets = []
    position = 0
    for word in words:
        offsets.append((position, position + len(word)))
        position += len(word) + 1
    text = " ".join(words)
    hits = [(m.start, m.end, m.entry.entity.entity_id) for m in gazetteer.match_words(words, offsets, text)]
    assert hits == [
        (1, 4, "org:shanghai-cooperation-organization"),
        (5, 6, "person:vladimir-putin"),
        (7, 8, "person:alyaksandr-lukashenka"),
    ]


def test_shared_surnames_are_not_aliases(tmp_path: Path):
    entities = tmp_path / "entities.toml"
    entities.write_text(
        '[[entity]]\nname = "Ilham Aliyev"\ntype = "PERSON"\n\n[[entity]]\nname = "Heydar Aliyev"\ntype = "PERSON"\n',
        encoding="utf-8",
    )
    gazetteer = build_gazetteer(entities)
    assert _id(gazetteer, "Aliyev") is None
    assert _id(gazetteer, "Heydar Aliyev") == "person:heydar-aliyev"


def test_bad_entity_type_is_a_config_error(tmp_path: Path):
    entities = tmp_path / "entities.toml"
    entities.write_text('[[entity]]\nname = "X"\ntype = "PLANET"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"entities\.toml.*'X'.*PLANET"):
        build_gazetteer(entities)
