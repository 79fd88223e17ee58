"""Backfill from listing pages against the demo newsroom: bounded, dated, idempotent."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from demo import build_corpus
from demo.server import start_newsroom
from mediamon.errors import ConfigError

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_harness")]


def test_backfill_walks_listing_pages_and_reruns_add_nothing(tmp_path):
    from flows.backfill import backfill_flow

    corpus = build_corpus(42)
    jamestown = [a for a in corpus.articles if a.url.startswith("http://jamestown.test/")]
    since = date(2023, 10, 1)
    expected = {a.url for a in jamestown if a.published_at.date() >= since}
    with start_newsroom() as newsroom:
        overrides = {
            "paths": {"data_dir": str(tmp_path), "database": str(tmp_path / "w.duckdb")},
            "fetch": {"host_map": newsroom.host_map},
        }
        first = backfill_flow("demo-jamestown", since=since.isoformat(), settings_overrides=overrides)[0]
        again = backfill_flow("demo-jamestown", since=since.isoformat(), settings_overrides=overrides)[0]
        two_pages = backfill_flow("demo-jamestown", pages=2, settings_overrides=overrides)[0]
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    stored = {r[0] for r in con.execute("SELECT url FROM articles").fetchall()}
    listing_fetches = con.execute("SELECT count(*) FROM fetches WHERE url LIKE '%/page/%'").fetchone()[0]
    con.close()
    assert first["new"] == len(expected)
    assert expected <= stored
    assert (again["new"], again["failed"]) == (0, 0)
    assert two_pages["discovered"] == 60  # 30 teasers a page
    assert listing_fetches >= 2


def test_backfill_without_a_listing_is_refused(tmp_path):
    from flows.backfill import backfill_flow

    sources = tmp_path / "sources.toml"
    sources.write_text('[sources.x]\noutlet = "X"\nhomepage = "http://x.test/"\nfeeds = ["http://x.test/f"]\n')
    overrides = {"paths": {"data_dir": str(tmp_path), "sources": str(sources)}}
    with pytest.raises(ConfigError, match=r"no \[sources.x.listing\]"):
        backfill_flow("x", pages=1, settings_overrides=overrides)
