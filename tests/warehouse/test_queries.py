"""Trend queries on a small warehouse with a known spike and a known growing topic."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from mediamon.records import Article, CanonicalEntity, EntityMention, Tags, TopicScore
from warehouse import db, queries
from warehouse.load import LoadItem, load_batch, upsert_topics

START = datetime(2023, 1, 2, 12, tzinfo=UTC)  # a Monday
BASE = CanonicalEntity("gpe:belarus", "Belarus", "GPE")
SPIKY = CanonicalEntity("person:yevgeny-prigozhin", "Yevgeny Prigozhin", "PERSON")
SPIKE_DAY = date(2023, 2, 15)


def make(n: int, when: datetime, entities: list[CanonicalEntity], topic: str | None) -> LoadItem:
    mentions = tuple(EntityMention(0, 3, e.name, e.type, e.entity_id, e.name) for e in entities)
    topics = (TopicScore(topic, "environment", 0.9),) if topic else ()
    article = Article(
        url=f"http://q.test/{n}",
        id=f"a{n:05d}",
        title=f"t{n}",
        body="x",
        published_at=when,
        canonical_url=f"http://q.test/{n}",
    )
    return LoadItem("demo", article, f"h{n}", Tags(mentions, tuple(entities), topics))


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    connection = db.connect(tmp_path_factory.mktemp("q") / "q.duckdb")
    upsert_topics(
        connection,
        [
            {"code": "medtop:06000000", "label": "environment", "scheme": "iptc", "level": 1, "parent": None},
            {
                "code": "medtop:20000418",
                "label": "climate change",
                "scheme": "iptc",
                "level": 2,
                "parent": "medtop:06000000",
            },
        ],
    )
    items, n = [], 0
    for day in range(90):
        when = START + timedelta(days=day)
        for _ in range(3):  # steady background: Belarus every day
            items.append(make(n := n + 1, when, [BASE], None))
        if day % 10 == 0:
            items.append(make(n := n + 1, when, [SPIKY, BASE], None))
        if when.date() == SPIKE_DAY:
            for _ in range(12):
                items.append(make(n := n + 1, when, [SPIKY], None))
        # a topic growing month over month: 1, 2, 3 articles a week
        if when.weekday() == 0:
            for _ in range(1 + day // 30):
                items.append(make(n := n + 1, when, [BASE], "medtop:20000418"))
    load_batch(connection, items, [], now=START)
    yield connection
    connection.close()


def test_spike_is_found_on_its_day(con):
    spikes = queries.entity_spikes(con, min_count=5, min_ratio=4.0)
    assert spikes, "the planted spike must be found"
    assert (spikes[0].entity, spikes[0].day, spikes[0].articles) == ("Yevgeny Prigozhin", SPIKE_DAY, 12)
    assert all(s.entity != "Belarus" for s in spikes)  # steady is not spiky


def test_topic_volume_counts_narrower_codes_and_grows(con):
    weekly = queries.topic_volume(con, "medtop:06000000", grain="month")
    assert [w.articles for w in weekly] == [5, 8, 12]  # Mondays: Jan 5×1, Feb 4×2, Mar 4×3
    with pytest.raises(ValueError, match="grain"):
        queries.topic_volume(con, "medtop:06000000", grain="year")  # type: ignore[arg-type]


def test_top_entities_window_and_change(con):
    top = queries.top_entities(con, days=30, limit=5)
    assert top[0].entity == "Belarus"
    assert queries.latest_day(con) == (START + timedelta(days=89)).date()
    spiky = queries.top_entities(con, end_day=date(2023, 2, 28), days=30, limit=5)
    prig = next(e for e in spiky if e.entity == "Yevgeny Prigozhin")
    assert prig.articles == 12 + 3
    assert prig.previous_articles == 3
    assert prig.change == 12
