"""Loads into a real DuckDB file: idempotent, versioned, with every fetch attempt recorded."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from mediamon.records import Article, Author, CanonicalEntity, EntityMention, Tags, TopicScore
from warehouse import db
from warehouse.load import FetchRow, LoadItem, load_batch, read_url_states

NOW = datetime(2024, 1, 1, tzinfo=UTC)
PUTIN = CanonicalEntity("person:vladimir-putin", "Vladimir Putin", "PERSON", ("Putin",))


def item(n: int, body: str = "Putin spoke.", source: str = "demo") -> LoadItem:
    article = Article(
        url=f"http://x.test/{n}",
        canonical_url=f"http://x.test/{n}",
        id=f"id{n:04d}",
        title=f"T{n}",
        body=body,
        authors=(Author("A. Writer"),),
        published_at=NOW - timedelta(days=n),
        published_source="meta",
        word_count=len(body.split()),
    )
    tags = Tags(
        entities=(EntityMention(0, 5, "Putin", "PERSON", PUTIN.entity_id, PUTIN.name),),
        canonical_entities=(PUTIN,),
        topics=(TopicScore("medtop:11000000", "politics", 0.8),),
        keyphrases=("spoke",),
        tagger_version="t1",
    )
    return LoadItem(source, article, f"hash-{body}", tags)


def fetch_row(url: str, outcome: str, error: str | None = None, etag: str | None = None) -> FetchRow:
    return FetchRow(
        run_id="r1",
        source="demo",
        url=url,
        outcome=outcome,
        fetched_at=NOW,
        error=error,
        status=200 if outcome != "failed" else 500,
        etag=etag,
    )


@pytest.fixture
def con(tmp_path):
    connection = db.connect(tmp_path / "w.duckdb")
    yield connection
    connection.close()


def count(con, table: str) -> int:
    return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 -- test table names


def test_migrations_are_recorded_and_run_once(tmp_path):
    path = tmp_path / "w.duckdb"
    first = db.connect(path)
    versions = [r[0] for r in first.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()]
    assert versions == [m.version for m in db.list_migrations()]
    first.close()
    again = db.connect(path)
    assert db.apply_migrations(again) == []
    again.close()


def test_loading_twice_changes_nothing(con):
    batch = [item(n) for n in range(5)]
    rows = [fetch_row(f"http://x.test/{n}", "new", etag='"e"') for n in range(5)]
    first = load_batch(con, batch, rows, now=NOW)
    assert (first.new, first.updated, first.unchanged, first.mentions) == (5, 0, 0, 5)
    second = load_batch(con, batch, [], now=NOW + timedelta(hours=1))
    assert (second.new, second.updated, second.unchanged, second.mentions) == (0, 0, 5, 0)
    assert count(con, "articles") == 5
    assert count(con, "entity_mentions") == 5
    assert count(con, "entities") == 1
    assert count(con, "article_topics") == 5
    last_seen = con.execute("SELECT max(last_seen) FROM articles").fetchone()[0]
    assert last_seen == NOW + timedelta(hours=1)


def test_changed_article_becomes_a_new_version_not_a_duplicate(con):
    load_batch(con, [item(1, "Putin spoke.")], [], now=NOW)
    counts = load_batch(con, [item(1, "Putin spoke again.")], [], now=NOW + timedelta(days=1))
    assert counts.updated == 1
    assert con.execute("SELECT version, body, first_seen FROM articles").fetchall() == [(2, "Putin spoke again.", NOW)]
    assert con.execute("SELECT version, body FROM article_versions").fetchall() == [(1, "Putin spoke.")]
    assert count(con, "entity_mentions") == 1  # the old mentions were replaced, not kept twice


def test_duplicate_ids_in_one_batch_load_once(con):
    one = item(1)
    twin = replace(one, article=replace(one.article, url="http://x.test/other"))
    counts = load_batch(con, [one, twin], [], now=NOW)
    assert counts.new == 1
    assert count(con, "articles") == 1


def test_failures_are_counted_and_validators_kept(con):
    url = "http://x.test/1"
    load_batch(con, [], [fetch_row(url, "new", etag='"good"')], now=NOW)
    load_batch(con, [], [fetch_row(url, "failed", error="HTTP 500")], now=NOW)
    load_batch(con, [], [fetch_row(url, "failed", error="HTTP 500")], now=NOW)
    state = read_url_states(con, [url])[url]
    assert state.failures == 2
    assert state.etag == '"good"'
    assert state.last_outcome == "failed"
    load_batch(con, [], [fetch_row(url, "not_modified")], now=NOW)
    assert read_url_states(con, [url])[url].failures == 0
    assert count(con, "fetches") == 4
    assert con.execute("SELECT count(*) FROM fetches WHERE error = 'HTTP 500'").fetchone()[0] == 2


def test_a_failing_batch_rolls_back_whole(con):
    bad = replace(item(2), article=replace(item(2).article, id=None))
    with pytest.raises(ValueError, match="article id is not set"):
        load_batch(con, [item(1), bad], [fetch_row("http://x.test/1", "new")], now=NOW)
    assert count(con, "articles") == 0
    assert count(con, "fetches") == 0


def test_syndicated_copies_are_linked_not_dropped(con):
    story = " ".join(f"Sentence {n} about the Middle Corridor and shipping through Kazakhstan." for n in range(40))
    original = item(1, story)
    copy = item(2, story)  # same text, other outlet and URL
    edited = item(3, story.replace("Sentence 7", "Line seven"))
    other = item(4, "An unrelated story about elections in Moldova. " * 30)
    counts = load_batch(con, [original, copy, edited, other], [], now=NOW)
    assert counts.new == 4  # nothing dropped
    links = con.execute("SELECT article_id, duplicate_of, distance FROM near_duplicates ORDER BY ALL").fetchall()
    # item(n) is published n days before NOW: id0003 is the earliest, then id0002, then id0001
    pairs = {(a, b) for a, b, _d in links}
    assert ("id0001", "id0002") in pairs  # the later copy points at the earlier one
    assert all(d <= 3 for _a, _b, d in links)
    assert not any("id0004" in (a, b) for a, b in pairs)
    assert load_batch(con, [original, copy], [], now=NOW).near_duplicates == 0  # idempotent


def test_salience_weighs_title_lead_and_frequency(con):
    body = "Putin met Lukashenka.\n\nLater, Putin spoke. Putin left. The weather in Minsk was mild."
    lukashenka = CanonicalEntity("person:alyaksandr-lukashenka", "Alyaksandr Lukashenka", "PERSON")
    minsk = CanonicalEntity("gpe:minsk", "Minsk", "GPE")
    belta = CanonicalEntity("org:belta", "BelTA", "ORG")
    mentions = (
        EntityMention(0, 5, "Putin", "PERSON", PUTIN.entity_id, PUTIN.name, in_title=True),
        EntityMention(0, 5, "Putin", "PERSON", PUTIN.entity_id, PUTIN.name),
        EntityMention(10, 20, "Lukashenka", "PERSON", lukashenka.entity_id, lukashenka.name),
        EntityMention(30, 35, "Putin", "PERSON", PUTIN.entity_id, PUTIN.name),
        EntityMention(43, 48, "Putin", "PERSON", PUTIN.entity_id, PUTIN.name),
        EntityMention(74, 79, "Minsk", "GPE", minsk.entity_id, minsk.name),
        EntityMention(80, 85, "BelTA", "CITED", belta.entity_id, belta.name),
    )
    article = Article(
        url="http://x.test/s", id="sal", title="Putin in Minsk", body=body, canonical_url="http://x.test/s"
    )
    load_batch(con, [LoadItem("demo", article, "h", Tags(mentions, (PUTIN, lukashenka, minsk, belta)))], [], now=NOW)
    rows = {
        r[0]: r[1:]
        for r in con.execute(
            "SELECT entity, mentions, in_title, in_lead, salience FROM article_entities ORDER BY salience DESC"
        ).fetchall()
    }
    assert rows["Vladimir Putin"] == (4, True, True, 1.0)  # title, lead, and the most mentions
    assert rows["Alyaksandr Lukashenka"][2:] == (True, 0.35)  # lead only, 1 of Putin's 4
    assert rows["Minsk"][2:] == (False, 0.05)  # a passing mention
    assert "BelTA" not in rows  # a citation is a source, not a subject
