"""Maintenance and reprocessing flows: retag, backfill, retry, snapshot, compaction. Each resumable
and idempotent: a second run finds nothing left to do."""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from demo import build_corpus
from demo.server import start_newsroom
from flows import stages
from flows.maintenance import compact_warehouse, retag_articles, stale_versions
from flows.writer import warehouse_writer
from mediamon.errors import ConfigError
from mediamon.records import Article, CitedSource, EntityMention, Link, Tags, TopicScore
from mediamon.settings import load_settings
from warehouse import db
from warehouse.load import FetchRow, LoadItem, load_batch

T0 = datetime(2026, 1, 1, tzinfo=UTC)
TEXTS = [
    ("Lukashenka Meets Putin in Minsk", "Alyaksandr Lukashenka met Vladimir Putin in Minsk on Tuesday (BelTA, May 3)."),
    ("Tokayev Visits Beijing", "Kassym-Jomart Tokayev discussed transit through Kazakhstan with Xi Jinping."),
    ("Armenia and Azerbaijan Talk", "Nikol Pashinyan and Ilham Aliyev met in Brussels to discuss the border."),
]


def old_item(index: int, title: str, body: str) -> LoadItem:
    """An article as an older tagger left it: one stale mention and topic."""
    article = Article(
        url=f"http://old.test/{index}",
        title=title,
        body=body,
        id=f"{index:016x}",
        links=(Link("http://elsewhere.test/", "elsewhere"),),
        cited_sources=(CitedSource("BelTA", "May 3", "(BelTA, May 3)"),),
    )
    tags = Tags(
        entities=(EntityMention(0, 4, body[:4], "ORG", "org:stale", "Stale"),),
        topics=(TopicScore("medtop:01000000", "arts, culture, entertainment and media", 0.5),),
        keyphrases=("stale phrase",),
        tagger_version="old",
    )
    return LoadItem("old", article, f"hash-{index}", tags)


@pytest.fixture
def warehouse(tmp_path) -> Path:
    path = tmp_path / "w.duckdb"
    con = db.connect(path)
    load_batch(con, [old_item(i, t, b) for i, (t, b) in enumerate(TEXTS)], [], now=T0)
    con.close()
    return path


def test_retag_replaces_the_tagger_rows_only_in_resumable_batches(warehouse):
    tagger = stages.tagger_for(load_settings())
    writer = functools.partial(warehouse_writer, warehouse, use_limit=False)
    counts = retag_articles(writer, tagger, batch_size=2, now=T0 + timedelta(days=1))
    assert (counts.articles, counts.batches) == (3, 2)
    assert counts.stale_versions == {"old": 3}
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        for i, (title, body) in enumerate(TEXTS):
            aid = f"{i:016x}"
            expected = tagger.tag(body, title)
            mentions = con.execute(
                """SELECT entity_id, start_char, end_char, in_title FROM entity_mentions
                   WHERE article_id = ? ORDER BY ALL""",
                [aid],
            ).fetchall()
            assert mentions == sorted((m.entity_id, m.start, m.end, m.in_title) for m in expected.entities)
            assert "org:stale" not in {m[0] for m in mentions}
            phrases = con.execute(
                "SELECT phrase FROM article_keyphrases WHERE article_id = ? ORDER BY position", [aid]
            ).fetchall()
            assert [p for (p,) in phrases] == list(expected.keyphrases)
        # what the parser found stays: links, citations, the text and its version
        assert con.execute("SELECT count(*) FROM article_links").fetchall()[0][0] == 3
        assert con.execute("SELECT count(*) FROM cited_sources").fetchall()[0][0] == 3
        assert con.execute("SELECT DISTINCT tagger_version, version FROM articles").fetchall() == [(tagger.version, 1)]
        assert stale_versions(con, tagger.version) == {}
    finally:
        con.close()
    again = retag_articles(writer, tagger)
    assert (again.articles, again.stale_versions) == (0, {})


def test_retag_resumes_after_a_partial_run(warehouse):
    tagger = stages.tagger_for(load_settings())
    writer = functools.partial(warehouse_writer, warehouse, use_limit=False)
    assert retag_articles(writer, tagger, batch_size=1, limit=1).articles == 1  # stopped after one
    rest = retag_articles(writer, tagger, batch_size=1)
    assert rest.articles == 2
    assert rest.stale_versions == {"old": 2}


@pytest.mark.usefixtures("prefect_harness")
def test_retag_flow_after_a_config_change_redoes_only_the_stale_articles_once(warehouse, tmp_path):
    """`mediamon retag`'s flow on a real DuckDB file: articles already tagged by the current
    version are left alone; a watch-topic change bumps the version and every article is
    re-tagged once from its stored text (no fetching, no parsing); a second run does nothing."""
    import shutil

    from flows.maintenance import retag_flow

    config = tmp_path / "config"
    shutil.copytree(load_settings().paths.config_dir, config)
    overrides = {"paths": {"database": str(warehouse), "config_dir": str(config)}}
    current = stages.tagger_for(load_settings(paths={"config_dir": config}))
    con = db.connect(warehouse)
    try:  # article 0 counts as tagged by the current version: its stale mention must survive
        con.execute("UPDATE articles SET tagger_version = ? WHERE id = ?", [current.version, f"{0:016x}"])
    finally:
        con.close()

    first = retag_flow(settings_overrides=overrides)
    assert (first["version"], first["articles"], first["stale_versions"]) == (current.version, 2, {"old": 2})

    def stored(article: int) -> tuple[list[tuple[str, int, int]], list[str]]:
        reader = duckdb.connect(str(warehouse), read_only=True)
        try:
            aid = f"{article:016x}"
            mentions = reader.execute(
                "SELECT entity_id, start_char, end_char FROM entity_mentions WHERE article_id = ? ORDER BY ALL",
                [aid],
            ).fetchall()
            watch = reader.execute("SELECT watch FROM article_watch WHERE article_id = ? ORDER BY 1", [aid]).fetchall()
        finally:
            reader.close()
        return [tuple(m) for m in mentions], [w for (w,) in watch]

    def expected(tagger, article: int) -> tuple[list[tuple[str, int, int]], list[str]]:  # type: ignore[no-untyped-def]
        title, body = TEXTS[article]
        tags = tagger.tag(body, title)
        return sorted((m.entity_id, m.start, m.end) for m in tags.entities), sorted(w.name for w in tags.watch)

    assert stored(0)[0] == [("org:stale", 0, 4)]  # not re-tagged: its version was current
    for article in (1, 2):
        assert stored(article) == expected(current, article)

    # A new watch topic changes the tagger version: every article is stale now. (A second
    # directory, because the process keeps one tagger per config directory, as a restart would not.)
    changed = tmp_path / "changed"
    shutil.copytree(config, changed)
    with (changed / "watch.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[topic.borders]\ndescription = "Borders"\nquery = "border*"\n')
    bumped = stages.tagger_for(load_settings(paths={"config_dir": changed}))
    assert bumped.version != current.version
    overrides["paths"]["config_dir"] = str(changed)
    second = retag_flow(settings_overrides=overrides)
    assert (second["version"], second["articles"], second["stale_versions"]) == (
        bumped.version,
        3,
        {current.version: 3},
    )
    for article in range(3):
        assert stored(article) == expected(bumped, article)
    assert "borders" in stored(2)[1]  # "... to discuss the border."
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert con.execute("SELECT DISTINCT tagger_version, version FROM articles").fetchall() == [(bumped.version, 1)]
        assert con.execute("SELECT count(*) FROM cited_sources").fetchall()[0][0] == 3  # the parser's rows stay
    finally:
        con.close()

    again = retag_flow(settings_overrides=overrides)
    assert (again["articles"], again["stale_versions"]) == (0, {})


def test_compaction_checkpoints_and_a_rewrite_keeps_everything(warehouse):
    con = db.connect(warehouse)
    con.execute("DELETE FROM article_keyphrases")
    before = con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
    result = compact_warehouse(con, warehouse, rewrite=True)
    con.close()
    assert result["bytes_after"] <= result["bytes_before"]
    assert not warehouse.with_name(warehouse.name + ".wal").exists()
    con = db.connect(warehouse)
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchall()[0][0] == before
        row = FetchRow("r", "old", "http://old.test/x", "failed", T0, status=503)
        load_batch(con, [], [row], now=T0)  # the fetch_id sequence survived the copy
        ids = con.execute("SELECT fetch_id FROM fetches").fetchall()
        assert len(ids) == len(set(ids)) == 1
    finally:
        con.close()


@pytest.fixture(scope="module")
def newsroom():
    with start_newsroom() as running:
        yield running


def overrides_for(tmp_path: Path, newsroom) -> dict:
    return {
        "paths": {"data_dir": str(tmp_path), "database": str(tmp_path / "w.duckdb")},
        "fetch": {"host_map": newsroom.host_map},
    }


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_harness")
def test_backfill_takes_a_date_range_from_the_sitemaps_once_in_resumable_runs(tmp_path, newsroom):
    from flows.sitemap_backfill import sitemap_backfill_flow

    corpus = build_corpus(42)
    overrides = overrides_for(tmp_path, newsroom)
    # Steppe Ledger's monthly urlsets date entries by <lastmod>.
    june = [
        a
        for a in corpus.articles
        if a.source == "demo-steppe" and date(2023, 6, 1) <= a.modified_at.astimezone(UTC).date() <= date(2023, 6, 30)
    ]
    first = sitemap_backfill_flow("demo-steppe", "2023-06-01", "2023-06-30", settings_overrides=overrides, limit=25)
    listed = sum(1 for a in corpus.articles if a.source == "demo-steppe")
    assert (first["listed"], first["in_range"], first["undated"]) == (listed, len(june), 0)
    assert (first["fetched"], first["new"], first["remaining"], first["failed"]) == (25, 25, len(june) - 25, 0)
    rest = sitemap_backfill_flow("demo-steppe", "2023-06-01", "2023-06-30", settings_overrides=overrides)
    assert (rest["already_loaded"], rest["new"], rest["remaining"]) == (25, len(june) - 25, 0)
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    try:
        stored = {u for (u,) in con.execute("SELECT url FROM articles").fetchall()}
    finally:
        con.close()
    assert stored == {a.url for a in june}

    again = sitemap_backfill_flow("demo-steppe", "2023-06-01", "2023-06-30", settings_overrides=overrides)
    assert (again["already_loaded"], again["fetched"], again["new"], again["discovered"]) == (len(june), 0, 0, 0)

    # Caspian Courier's Google News sitemap dates entries by publication date.
    week = [
        a
        for a in corpus.articles
        if a.source == "demo-caspian"
        and date(2023, 6, 19) <= a.published_at.astimezone(UTC).date() <= date(2023, 6, 25)
    ]
    caspian = sitemap_backfill_flow("demo-caspian", "2023-06-19", "2023-06-25", settings_overrides=overrides)
    assert (caspian["in_range"], caspian["new"]) == (len(week), len(week))

    with pytest.raises(ConfigError, match="no sitemaps"):
        sitemap_backfill_flow("demo-jamestown", "2023-06-01", settings_overrides=overrides)


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_harness")
def test_retry_failed_fetches_a_due_failure_and_then_has_nothing_to_do(tmp_path, newsroom):
    from flows.maintenance import retry_failed_flow

    corpus = build_corpus(42)
    url = next(a.url for a in corpus.articles if a.source == "demo-jamestown")
    con = db.connect(tmp_path / "w.duckdb")
    con.execute(
        """INSERT INTO url_state (url, source, last_status, last_outcome, last_error, failures, last_fetched_at,
                                  next_retry_at)
           VALUES (?, 'demo-jamestown', 503, 'failed', 'HTTP 503', 1, ?, ?)""",
        [url, T0, T0 + timedelta(minutes=15)],
    )
    con.close()
    overrides = overrides_for(tmp_path, newsroom)
    first = retry_failed_flow(settings_overrides=overrides)
    assert (first["due"], first["new"], first["failed"]) == (1, 1, 0)
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    try:
        state = con.execute("SELECT last_outcome, failures FROM url_state WHERE url = ?", [url]).fetchall()
        stored = con.execute("SELECT count(*) FROM articles WHERE url = ?", [url]).fetchall()[0][0]
    finally:
        con.close()
    assert state == [("new", 0)]
    assert stored == 1
    assert retry_failed_flow(settings_overrides=overrides)["due"] == 0


@pytest.mark.usefixtures("prefect_harness")
def test_publish_snapshot_flow_publishes_a_readable_copy(warehouse):
    pytest.importorskip("warehouse.snapshot")
    from flows.maintenance import publish_snapshot_flow
    from warehouse.snapshot import default_snapshot_path, open_snapshot

    published = publish_snapshot_flow(settings_overrides={"paths": {"database": str(warehouse)}})
    assert published == str(default_snapshot_path(warehouse))
    reader = open_snapshot(Path(published))
    try:
        assert reader.execute("SELECT count(*) FROM articles").fetchall()[0][0] == 3
    finally:
        reader.close()


SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>http://a.test/1</loc><lastmod>2023-05-31T23:30:00-02:00</lastmod></url>
  <url><loc>http://a.test/2</loc><lastmod>2023-06-15</lastmod></url>
  <url><loc>http://a.test/3</loc></url>
  <url><loc>http://a.test/4</loc><lastmod>2023-07-01T00:00:00Z</lastmod></url>
</urlset>"""


def test_entries_are_dated_by_publication_date_else_lastmod_in_utc():
    from fetching.discovery import Discovery
    from flows.sitemap_backfill import select_in_range
    from mediamon.records import FeedHints, FeedItem, FetchResult

    sitemap = FetchResult(
        source="a", url="http://a.test/sitemap.xml", final_url="http://a.test/sitemap.xml", status=200,
        headers=(), body=SITEMAP, fetched_at=T0, duration_ms=1.0,
    )  # fmt: skip
    items = [FeedItem("a", f"http://a.test/{n}", "sitemap") for n in (1, 2, 3, 4)]
    # a news sitemap's publication date wins over lastmod
    items.append(
        FeedItem("a", "http://a.test/5", "news-sitemap", FeedHints(published_at=datetime(2023, 6, 2, tzinfo=UTC)))
    )
    found = Discovery(source="a", items=items, fetches=[sitemap])
    chosen, undated = select_in_range(found, date(2023, 6, 1), date(2023, 6, 30))
    # /1 is 2023-06-01 01:30 UTC; /3 has no date; /4 is July
    assert [i.url for i in chosen] == ["http://a.test/1", "http://a.test/2", "http://a.test/5"]
    assert undated == 1
