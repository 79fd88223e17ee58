"""A run with broken pages records each with its URL and reason, goes on, and reruns cleanly."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

SOURCES = """
[sources.loopback]
outlet = "Loopback Times"
homepage = "{base}/"
feeds = ["{base}/mixed-feed.xml", "{base}/not-a-feed.xml"]
politeness = {{ download_delay = 0.0, robotstxt_obey = true }}
"""


def run(tmp_path: Path, base: str) -> list[dict]:
    from flows.ingest import ingest_flow

    sources = tmp_path / "sources.toml"
    sources.write_text(SOURCES.format(base=base), encoding="utf-8")
    overrides = {
        "paths": {"database": str(tmp_path / "w.duckdb"), "sources": str(sources), "data_dir": str(tmp_path)},
        "fetch": {"retry_times": 0},
    }
    return ingest_flow(settings_overrides=overrides)


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_harness")
def test_broken_pages_are_recorded_and_reruns_repair_without_duplicates(tmp_path, trouble_server):
    first = run(tmp_path, trouble_server)[0]
    assert first["discovered"] == 6
    assert first["new"] == 2  # good (and its alias: same canonical URL) + second
    assert first["failed"] == 4  # 404, binary, stub page, broken feed
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    reasons = dict(con.execute("SELECT url, error FROM fetches WHERE error IS NOT NULL").fetchall())
    con.close()
    assert reasons[f"{trouble_server}/404"] == "HTTP 404"
    assert "content type application/octet-stream" in reasons[f"{trouble_server}/binary"]
    assert reasons[f"{trouble_server}/ok"].startswith("not an article")
    assert "not a feed" in reasons[f"{trouble_server}/not-a-feed.xml"]

    second = run(tmp_path, trouble_server)[0]
    assert second["new"] == 0
    assert second["failed"] == 4  # still broken, tried again, recorded again
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    assert con.execute("SELECT count(*) FROM articles WHERE title LIKE 'Minsk and Moscow%'").fetchone()[0] == 1
    failures = con.execute("SELECT failures FROM url_state WHERE url = ?", [f"{trouble_server}/404"]).fetchone()
    assert failures == (2,)
    mentions = con.execute("SELECT count(*) FROM entity_mentions").fetchone()[0]
    con.close()
    assert mentions > 0
