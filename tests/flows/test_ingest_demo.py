"""End to end: the real ingest flow against the real demo newsroom on loopback, into a real DuckDB.

One module-scoped fixture runs the flow twice (the second run must add nothing); the tests read
the warehouse it leaves.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pytest
from lxml import html as lxml_html

from demo import PLANTED, build_corpus
from demo.pages import Pages
from demo.seed_article import load_seed_text
from warehouse import queries

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_harness")]

SEED_TITLE = "Belarus and Russia Advance Economic Integration (Part Two)"
SEED_ENTITIES = {
    "Belarus",
    "Russia",
    "Alyaksandr Lukashenka",
    "Vladimir Putin",
    "Union State",
    "Shanghai Cooperation Organization",
}


@dataclass
class Runs:
    first: list[dict]
    second: list[dict]
    db: Path
    first_counts: tuple[int, int]
    second_counts: tuple[int, int]
    reparse: dict[str, int]
    archive: Path


def counts(path: Path) -> tuple[int, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        mentions = con.execute("SELECT count(*) FROM entity_mentions").fetchone()[0]
    finally:
        con.close()
    return articles, mentions


@pytest.fixture(scope="module")
def runs(tmp_path_factory, prefect_harness) -> Runs:
    from flows.ingest import ingest_flow
    from flows.reparse import reparse_flow

    work = tmp_path_factory.mktemp("e2e")
    overrides = {"paths": {"data_dir": str(work), "database": str(work / "mediamon.duckdb")}}
    names = ["demo-jamestown", "demo-caspian", "demo-steppe"]
    first = ingest_flow(source_names=names, settings_overrides=overrides)
    first_counts = counts(work / "mediamon.duckdb")
    second = ingest_flow(source_names=names, settings_overrides=overrides)
    second_counts = counts(work / "mediamon.duckdb")
    reparsed = reparse_flow(settings_overrides=overrides)
    return Runs(first, second, work / "mediamon.duckdb", first_counts, second_counts, reparsed, work / "archive")


@pytest.fixture
def con(runs) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(runs.db), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def corpus():
    return build_corpus(42)


def test_every_demo_article_is_ingested_once_with_nothing_failed(runs, con, corpus):
    by_source = {row["source"]: row for row in runs.first}
    for source, expected in PLANTED.volumes:
        row = by_source[source]
        assert row["discovered"] == expected, source
        assert row["new"] == expected, source
        assert row["failed"] == 0, row["reasons"]
    stored = {r[0] for r in con.execute("SELECT url FROM articles").fetchall()}
    assert stored == {a.url for a in corpus.articles}
    assert runs.first_counts[0] == len(corpus.articles)
    # every attempt is recorded: each article page once, plus the feeds and sitemaps
    pages = con.execute(
        "SELECT count(*) FROM fetches WHERE run_id = (SELECT run_id FROM runs ORDER BY started_at LIMIT 1)"
    ).fetchone()[0]
    assert pages >= len(corpus.articles)


def test_second_run_adds_nothing(runs):
    assert all(row["new"] == 0 and row["updated"] == 0 and row["failed"] == 0 for row in runs.second)
    # every feed and sitemap answered 304: nothing was listed again, so nothing was fetched again
    assert all(row["discovered"] == 0 for row in runs.second)
    assert runs.second_counts == runs.first_counts  # 0 articles and 0 mentions added


def test_second_run_is_answered_by_conditional_get(con):
    statuses = con.execute(
        """SELECT status, count(*) FROM fetches
           WHERE run_id = (SELECT run_id FROM runs ORDER BY started_at DESC LIMIT 1) GROUP BY ALL"""
    ).fetchall()
    # jamestown's RSS, caspian's Atom feed and news sitemap, steppe's sitemap index: 304 each
    assert statuses == [(304, 4)]

def test_seed_article_fields(con, corpus):
    row = con.execute(
        """SELECT title, authors, CAST(published_at AS DATE), published_source, publication, outlet,
                  series, part, volume, issue, body
           FROM articles WHERE url = ?""",
        [corpus.truth.seed_url],
    ).fetchone()
    assert row is not None
    title, authors, published, source, publication, outlet, series, part, volume, issue, body = row
    assert title == SEED_TITLE
    assert authors == ["Yauheni Preiherman"]
    assert published == date(2023, 5, 11)
    assert source == "visible-text"
    assert publication == "Eurasia Daily Monitor"
    assert outlet == "The Jamestown Foundation"
    assert (series, part) == ("Belarus and Russia Advance Economic Integration", 2)
    assert (volume, issue) == ("20", "77")
    seed = load_seed_text()
    for paragraph in (seed.lead, *seed.body):  # the italic lead is a paragraph of the article too
        assert paragraph.text in body, paragraph.text[:60]


def test_seed_body_has_no_navigation_bio_or_footer(con, corpus):
    body = con.execute("SELECT body FROM articles WHERE url = ?", [corpus.truth.seed_url]).fetchone()[0]
    seed = corpus.by_url[corpus.truth.seed_url]
    page = Pages(corpus).get("jamestown.test", seed.path)
    assert page is not None
    tree = lxml_html.fromstring(page.body)
    chrome = tree.xpath(
        "//header | //footer | //nav | //*[contains(@class, 'author-bio')] | //*[contains(@class, 'share')]"
        " | //*[contains(@class, 'related')] | //aside"
    )
    texts = {" ".join(t.split()) for node in chrome for t in node.itertext()}
    leaked = [t for t in texts if len(t) > 12 and t in body]
    assert not leaked
    assert "Director, Minsk Dialogue Council" not in body


def test_seed_entities(con, corpus):
    names = {
        r[0]
        for r in con.execute(
            """SELECT DISTINCT e.name FROM entity_mentions m JOIN entities e USING (entity_id)
               JOIN articles a ON a.id = m.article_id WHERE a.url = ?""",
            [corpus.truth.seed_url],
        ).fetchall()
    }
    assert names >= SEED_ENTITIES, SEED_ENTITIES - names


def test_planted_spike_is_found_in_its_week_and_nowhere_else(con):
    first, last = PLANTED.spike_week
    spikes = queries.entity_spikes(con, min_count=5, min_ratio=4.0)
    person = [s for s in spikes if s.entity == PLANTED.spike_person]
    assert person, "the planted person must spike"
    assert all(first <= s.day <= last for s in person)
    assert max(s.articles for s in person) >= 10
    # Entities named alongside him in the mutiny stories (Wagner, Rostov-on-Don) spike with him,
    # as they would in real coverage. Chance bumps elsewhere (5 articles on a quiet day) may pass the
    # loose thresholds, but none comes near the planted spike.
    planted = max(s.ratio for s in person)
    elsewhere = [s for s in spikes if not first <= s.day <= last]
    assert all(s.ratio < planted / 1.5 and s.articles < 10 for s in elsewhere), elsewhere


def test_growing_topic_grows_month_over_month(con):
    monthly = queries.topic_volume(con, "medtop:06000000", grain="month")
    volumes = [m.articles for m in monthly]
    assert len(volumes) == 12
    expected = [n for _month, n in PLANTED.growing_by_month]
    # the tagger may find the topic in a few other articles too, but never miss the planted trend
    assert all(v >= e for v, e in zip(volumes, expected, strict=True))
    assert all(b > a for a, b in itertools.pairwise(volumes))


def test_top_entities_of_the_last_30_days(con):
    top = queries.top_entities(con, days=30, limit=10)
    assert len(top) == 10
    assert top[0].articles >= top[-1].articles
    assert queries.latest_day(con) == date(2023, 11, 30)


def test_every_response_is_archived_and_reparse_rebuilds_nothing_new(runs, con, corpus):
    assert list(runs.archive.glob("*.warc.gz"))
    missing = con.execute(
        "SELECT count(*) FROM fetches WHERE status IS NOT NULL AND warc_file IS NULL"
    ).fetchone()[0]
    assert missing == 0
    # the same parser over the same archived pages: nothing changes, nothing duplicates
    assert runs.reparse["pages"] == len(corpus.articles)
    assert (runs.reparse["new"], runs.reparse["updated"], runs.reparse["failed"]) == (0, 0, 0)
    assert counts(runs.db) == runs.first_counts


def test_syndicated_copy_is_kept_and_linked_to_the_original(con, corpus):
    ids = dict(con.execute("SELECT url, id FROM articles").fetchall())
    original, copy = ids[corpus.truth.syndicated_original_url], ids[corpus.truth.syndicated_copy_url]
    links = con.execute("SELECT article_id, duplicate_of, distance FROM near_duplicates").fetchall()
    assert (copy, original, 0) in links
    assert len(links) < 20, links  # templated prose must not look syndicated wholesale


def test_readers_snapshot_is_published(runs):
    snapshot = runs.db.with_name("mediamon.snapshot.duckdb")
    assert snapshot.exists()
    reader = duckdb.connect(str(snapshot), read_only=True)
    try:
        assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == runs.first_counts[0]
    finally:
        reader.close()
