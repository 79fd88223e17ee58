"""Latency of every API endpoint on a large synthetic warehouse (1M articles, 20M mentions).

    .venv/bin/python -m bench.queries                 # build (cached) + publish + measure
    .venv/bin/python -m bench.queries --requests 40   # more samples per endpoint
    .venv/bin/python -m bench.queries --rebuild       # regenerate the warehouse
    .venv/bin/python -m bench.queries --data-dir /tmp/queries --reuse-snapshot   # iterate on queries

The warehouse is generated with DuckDB SQL alone (range() and hash-based pseudo-random numbers,
so every run builds the same data) into data/bench/queries-1m.duckdb (``--data-dir`` for another
folder), through the real migrations, and kept there for later runs. ``--reuse-snapshot`` skips the
publish when a snapshot is there (while iterating on the query files, which the API reads at run
time; a change to the read models or to the data needs a publish). Articles are
spread over three years and appended in time order,
as a pipeline appends them; entity, topic and keyphrase frequencies are Zipf-like; one entity
("Planted Spike") gets a burst of articles on one day. The benchmark publishes the snapshot the
way the pipeline does (timing publish_snapshot on this size), serves the real API on loopback with
uvicorn and calls each endpoint with httpx, reporting p50/p95/max per endpoint. Results go to
bench/results/queries.json too.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import time
from datetime import date
from pathlib import Path

import httpx

from mediamon.settings import PROJECT_ROOT
from warehouse import db
from warehouse.snapshot import PublishMethod, default_snapshot_path, publish_snapshot

BENCH_DIR = PROJECT_ROOT / "data" / "bench"
DATABASE_NAME = "queries-1m.duckdb"
ARTICLES = 1_000_000
MENTIONS_PER_ARTICLE = 20  # 20M mentions
ENTITIES = 50_000
DAYS = 1095  # 2021-01-01 .. 2023-12-30
SOURCES = 20
SPIKE_DAY = "2023-06-24"
TARGET_P95_MS = 300.0

# u(i, salt): a deterministic pseudo-random number in [0, 1) from a row number.
GENERATE = """
CREATE OR REPLACE TEMP MACRO u(i, salt) AS (hash(i * 1000003 + salt) % 1000000) / 1000000.0;
CREATE OR REPLACE TEMP MACRO aid(i) AS substr(md5(CAST(i AS VARCHAR)), 1, 16);

INSERT INTO sources BY NAME
SELECT 'src' || s AS name, 'Outlet ' || s AS outlet, 'web' AS kind, 'https://outlet' || s || '.example/' AS homepage,
       [] AS feeds, [] AS sitemaps, 'en' AS language, 'region' AS region, true AS enabled,
       'interval 15m' AS schedule, TIMESTAMPTZ '2024-01-01' AS updated_at
FROM range({sources}) t(s);

INSERT INTO topics BY NAME
SELECT 'medtop:' || lpad(CAST(k AS VARCHAR), 8, '0') AS code, 'topic ' || k AS label, 'iptc-mediatopic' AS scheme,
       CASE WHEN k < 20 THEN 1 ELSE 2 END AS level,
       CASE WHEN k < 20 THEN NULL ELSE 'medtop:' || lpad(CAST(k % 20 AS VARCHAR), 8, '0') END AS parent
FROM range(100) t(k);

INSERT INTO entities BY NAME
SELECT 'ent:' || k AS entity_id, CASE WHEN k = 0 THEN 'Planted Spike' ELSE 'Entity ' || k END AS name,
       ['PERSON', 'ORG', 'GPE', 'LOC', 'NORP'][1 + k % 5] AS type, [] AS aliases,
       TIMESTAMPTZ '2021-01-01' AS first_seen
FROM range({entities}) t(k);

INSERT INTO articles BY NAME
SELECT aid(i) AS id,
       'https://outlet' || (i % {sources}) || '.example/a/' || i AS url,
       'https://outlet' || (i % {sources}) || '.example/a/' || i AS canonical_url,
       'src' || (i % {sources}) AS source, 'Outlet ' || (i % {sources}) AS outlet,
       'Article ' || i || ' about things' AS title, ['Author ' || (i % 500)] AS authors, [''] AS author_affiliations,
       TIMESTAMPTZ '2021-01-01 00:00:00+00' + to_days(CAST(i * {days} // {articles} AS INTEGER))
           + to_seconds(CAST(u(i, 1) * 86000 AS BIGINT)) AS published_at,
       'json-ld' AS published_source, 'en' AS language, 'news' AS section, [] AS tags, [] AS categories,
       'body of article ' || i AS body, 300 AS word_count, md5(CAST(i AS VARCHAR)) AS content_hash,
       'generic' AS parser, '1' AS parser_version, 'bench' AS tagger_version, 1 AS version,
       TIMESTAMPTZ '2024-01-01' AS first_seen, TIMESTAMPTZ '2024-01-01' AS last_seen
FROM range({articles}) t(i);

INSERT INTO entity_mentions BY NAME
SELECT aid(m // {per}) AS article_id,
       'ent:' || CASE
           WHEN m % {per} = 0 AND (m // {per}) * {days} // {articles} = {spike_offset} AND u(m, 2) < 0.3 THEN 0
           ELSE 1 + CAST(floor(({entities} - 1) * pow(u(m, 3), 3)) AS BIGINT) END AS entity_id,
       'surface' AS surface, CASE WHEN u(m, 4) < 0.03 THEN 'CITED' ELSE 'PERSON' END AS type,
       CAST(m % 997 AS INTEGER) AS start_char, CAST(m % 997 AS INTEGER) + 8 AS end_char,
       CAST(m % {per} AS INTEGER) AS sentence, m % {per} = 1 AS in_title
FROM range({mentions}) t(m);

INSERT INTO article_topics BY NAME
SELECT aid(i // 3) AS article_id,
       'medtop:' || lpad(CAST(CAST(floor(100 * pow(u(i, 5), 2)) AS BIGINT) AS VARCHAR), 8, '0') AS code,
       round(0.3 + 0.7 * u(i, 6), 3) AS score, 'iptc-mediatopic' AS scheme
FROM range({articles} * 3) t(i);

INSERT INTO article_keyphrases BY NAME
SELECT aid(i // 5) AS article_id, CAST(i % 5 AS INTEGER) AS position,
       'phrase ' || CAST(floor(200000 * pow(u(i, 7), 3)) AS BIGINT) AS phrase
FROM range({articles} * 5) t(i);

INSERT INTO article_watch BY NAME
SELECT aid(i) AS article_id, 'watch ' || (i % 10) AS watch, ['term'] AS terms
FROM range({articles}) t(i) WHERE u(i, 8) < 0.1;
"""


def build(path: Path) -> None:
    """Generate the benchmark warehouse at ``path`` (a few minutes on 2 cores).

    It is built under a temporary name and renamed when complete, so an interrupted build is
    never mistaken for the cache.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    for stale in (path, partial, partial.with_name(partial.name + ".wal")):
        stale.unlink(missing_ok=True)
    con = db.connect(partial)
    try:
        sql = GENERATE.format(
            sources=SOURCES,
            entities=ENTITIES,
            articles=ARTICLES,
            days=DAYS,
            per=MENTIONS_PER_ARTICLE,
            mentions=ARTICLES * MENTIONS_PER_ARTICLE,
            spike_offset=(date.fromisoformat(SPIKE_DAY) - date(2021, 1, 1)).days,
        )
        for statement in (s.strip() for s in sql.split(";\n")):
            if not statement:
                continue
            started = time.perf_counter()
            con.execute(statement)
            print(f"  {statement.splitlines()[0][:60]:<60} {time.perf_counter() - started:6.1f} s", flush=True)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    partial.replace(path)


def endpoints() -> dict[str, tuple[str, list[dict[str, str]]]]:
    """Each endpoint with a few parameter sets (cycled through), as a dashboard would call them."""
    entities = ["Entity 1", "Entity 7", "Entity 250", "Planted Spike", "ent:4000"]
    year = {"start": "2023-01-01", "end": "2023-12-30"}
    month = {"start": "2023-12-01", "end": "2023-12-30"}
    return {
        "health": ("/health", [{}]),
        "meta": ("/api/meta", [{}]),
        "entities?q": ("/api/entities", [{"q": q} for q in ("entity 12", "planted", "ent:9")]),
        "entity-volume (year, week)": (
            "/api/entity-volume",
            [{"entity": e, "grain": "week", **year} for e in entities],
        ),
        "entity-volume (all, day, by outlet)": (
            "/api/entity-volume",
            [{"entity": e, "grain": "day", "by_outlet": "true"} for e in entities],
        ),
        "topic-volume (all, month)": (
            "/api/topic-volume",
            [{"topic": f"medtop:{k:08d}", "grain": "month"} for k in (1, 5, 25)],
        ),
        "watch-volume (year, week)": (
            "/api/watch-volume",
            [{"watch": f"watch {k}", "grain": "week", **year} for k in (1, 2, 3)],
        ),
        "share-of-voice (year, top 5)": ("/api/share-of-voice", [{"grain": "week", **year}]),
        "share-of-voice (3 named)": (
            "/api/share-of-voice",
            [{"grain": "month", **year, "entity": ["Entity 1", "Entity 2", "Entity 3"]}],
        ),
        "top-entities (30 d)": ("/api/top-entities", [{**month, "limit": "15"}]),
        "top-entities (30 d, outlet)": ("/api/top-entities", [{**month, "outlet": "Outlet 3", "limit": "15"}]),
        "top-topics (30 d)": ("/api/top-topics", [{**month}]),
        "cooccurrences (year)": ("/api/cooccurrences", [{"entity": e, **year, "limit": "12"} for e in entities]),
        "spikes (90 d)": ("/api/spikes", [{"start": "2023-10-02", "end": "2023-12-30", "limit": "15"}]),
        "spikes (one entity, all)": ("/api/spikes", [{"entity": "Planted Spike"}]),
        "emerging-keyphrases (7 d)": ("/api/emerging-keyphrases", [{"start": "2023-12-24", "end": "2023-12-30"}]),
        "articles (entity, year)": ("/api/articles", [{"entity": e, **year, "limit": "25"} for e in entities]),
        "articles (day)": ("/api/articles", [{"start": "2023-06-24", "end": "2023-06-24", "limit": "25"}]),
        "articles (2 entities, page 3)": (
            "/api/articles",
            [{"entity": ["Entity 1", "Entity 2"], "limit": "25", "offset": "50"}],
        ),
        "spikes.csv (90 d)": ("/api/spikes.csv", [{"start": "2023-10-02", "end": "2023-12-30", "limit": "15"}]),
    }


def measure(base_url: str, requests: int) -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    with httpx.Client(base_url=base_url, timeout=120) as http:
        for name, (path, variants) in endpoints().items():
            started = time.perf_counter()
            first = http.get(path, params=variants[0])
            cold = (time.perf_counter() - started) * 1000
            first.raise_for_status()
            timings = []
            for n in range(requests):
                started = time.perf_counter()
                answer = http.get(path, params=variants[n % len(variants)])
                timings.append((time.perf_counter() - started) * 1000)
                answer.raise_for_status()
            timings.sort()
            results[name] = {
                "first_ms": round(cold, 1),
                "p50_ms": round(statistics.median(timings), 1),
                "p95_ms": round(timings[max(0, round(0.95 * len(timings)) - 1)], 1),
                "max_ms": round(timings[-1], 1),
                "rows": len(first.json()["rows"]) if path.startswith("/api/") and not path.endswith(".csv")
                and "rows" in first.json() else 0,
            }  # fmt: skip
            r = results[name]
            flag = "" if r["p95_ms"] < TARGET_P95_MS else "  ← over target"
            print(f"{name:<38} first {r['first_ms']:7.1f}  p50 {r['p50_ms']:7.1f}  p95 {r['p95_ms']:7.1f}  "
                  f"max {r['max_ms']:7.1f} ms{flag}", flush=True)  # fmt: skip
    return results


def publish_timed(database: Path, snapshot: Path, method: PublishMethod, compare: bool) -> dict[str, float]:
    """Publish the snapshot of ``database`` as the pipeline does; seconds per method used."""
    con = db.connect(database)
    publish: dict[str, float] = {}
    try:
        started = time.perf_counter()
        publish_snapshot(con, snapshot, method=method)
        publish[method] = time.perf_counter() - started
        if compare:
            other: PublishMethod = "file" if method == "copy_database" else "copy_database"
            scratch = snapshot.with_name("scratch.snapshot.duckdb")
            started = time.perf_counter()
            publish_snapshot(con, scratch, method=other)
            publish[other] = time.perf_counter() - started
            scratch.unlink()
    finally:
        con.close()
    return publish


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20, help="timed requests per endpoint")
    parser.add_argument("--rebuild", action="store_true", help="regenerate the warehouse")
    parser.add_argument(
        "--publish-method",
        choices=["copy_database", "file"],
        default="copy_database",
        help="how publish_snapshot copies the warehouse",
    )
    parser.add_argument("--compare-publish", action="store_true", help="also time the other publish method")
    parser.add_argument("--data-dir", type=Path, default=BENCH_DIR, help="where the warehouse and snapshot live")
    parser.add_argument(
        "--reuse-snapshot",
        action="store_true",
        help="measure the snapshot already published there, without publishing again",
    )
    args = parser.parse_args()
    database = args.data_dir / DATABASE_NAME
    logging.basicConfig(level=logging.WARNING, format="  %(message)s")
    logging.getLogger("warehouse.snapshot").setLevel(logging.INFO)  # the publish logs each read model's cost

    from api.app import create_app
    from api.server import running_server
    from api.settings import ApiSettings

    if args.rebuild or not database.exists():
        print(f"building {database} ({ARTICLES:,} articles, {ARTICLES * MENTIONS_PER_ARTICLE:,} mentions)")
        started = time.perf_counter()
        build(database)
        print(f"built in {time.perf_counter() - started:.0f} s, {database.stat().st_size / 1e9:.2f} GB")
    snapshot = default_snapshot_path(database)
    publish: dict[str, float] = {}
    if not (args.reuse_snapshot and snapshot.exists()):
        publish = publish_timed(database, snapshot, args.publish_method, args.compare_publish)
    for method, seconds in publish.items():
        print(
            f"publish_snapshot(method={method!r}): {seconds:.1f} s "
            f"({database.stat().st_size / 1e9:.2f} GB warehouse → {snapshot.stat().st_size / 1e9:.2f} GB snapshot)"
        )
    print(f"load average {os.getloadavg()[0]:.1f} (2 cores) before measuring", flush=True)
    app = create_app(snapshot, settings=ApiSettings(token=None))
    with running_server(app) as url:
        results = measure(url, args.requests)
    worst = max(r["p95_ms"] for r in results.values())
    print(f"worst p95: {worst:.0f} ms (target {TARGET_P95_MS:.0f} ms)")
    out = PROJECT_ROOT / "bench" / "results" / "queries.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    summary = {"articles": ARTICLES, "mentions": ARTICLES * MENTIONS_PER_ARTICLE, "load_average": os.getloadavg(),
               "publish_snapshot_s": {m: round(v, 2) for m, v in publish.items()}, "endpoints": results}  # fmt: skip
    out.write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    main()
