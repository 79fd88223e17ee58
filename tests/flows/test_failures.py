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


def run(tmp_path: Path, base: str, retry_base: float = 0.0) -> list[dict]:
    from flows.ingest import ingest_flow

    sources = tmp_path / "sources.toml"
    sources.write_text(SOURCES.format(base=base), encoding="utf-8")
    overrides = {
        "paths": {"database": str(tmp_path / "w.duckdb"), "sources": str(sources), "data_dir": str(tmp_path)},
        "fetch": {"retry_times": 0, "retry_across_runs_base": retry_base, "read_timeout": 2.0},
    }
    return ingest_flow(settings_overrides=overrides)


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_harness")
def test_broken_pages_are_recorded_and_reruns_repair_without_duplicates(tmp_path, trouble_server):
    first = run(tmp_path, trouble_server)[0]
    assert first["discovered"] == 7
    assert first["new"] == 2  # good (and its alias: same canonical URL) + second
    assert first["failed"] == 5  # 404, binary, stub page, a 503 that persists, broken feed
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    reasons = dict(con.execute("SELECT url, error FROM fetches WHERE error IS NOT NULL").fetchall())
    con.close()
    assert reasons[f"{trouble_server}/404"] == "HTTP 404"
    assert "content type application/octet-stream" in reasons[f"{trouble_server}/binary"]
    assert reasons[f"{trouble_server}/ok"].startswith("not an article")
    assert "not a feed" in reasons[f"{trouble_server}/not-a-feed.xml"]

    # The rerun tries the transient failure (503) again, not the final ones (404, refused type);
    # the broken feed is read again every run (it is how the outlet is discovered).
    second = run(tmp_path, trouble_server)[0]
    assert second["new"] == 0
    assert second["skipped"] == 2
    assert second["failed"] == 2  # the 503 again, and the broken feed
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    assert con.execute("SELECT count(*) FROM articles WHERE title LIKE 'Minsk and Moscow%'").fetchone()[0] == 1
    states = dict(con.execute("SELECT url, failures FROM url_state WHERE last_outcome = 'failed'").fetchall())
    assert states[f"{trouble_server}/404"] == 1  # final: tried once
    assert states[f"{trouble_server}/always-503"] == 2  # transient: tried again
    mentions = con.execute("SELECT count(*) FROM entity_mentions").fetchone()[0]
    con.close()
    assert mentions > 0


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_harness")
def test_transient_failures_back_off_across_runs(tmp_path, trouble_server):
    run(tmp_path, trouble_server, retry_base=3600.0)
    second = run(tmp_path, trouble_server, retry_base=3600.0)[0]
    assert second["skipped"] == 3  # the 503 waits out its backoff; the final failures stay skipped
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    row = con.execute(
        "SELECT failures, next_retry_at - last_fetched_at FROM url_state WHERE url = ?",
        [f"{trouble_server}/always-503"],
    ).fetchall()
    con.close()
    assert row[0][0] == 1
    assert row[0][1].total_seconds() == 3600.0
