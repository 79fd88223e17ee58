"""Idempotent bulk loads into the warehouse.

Rows go in as Arrow tables, one transaction per batch (never row-by-row ``executemany``). Loading the
same batch twice changes nothing: article ids derive from the normalised canonical URL, an article
whose content hash is unchanged only gets its ``last_seen`` moved, and a changed article becomes a
new version (the old text goes to ``article_versions``) rather than a duplicate.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import duckdb
import pyarrow as pa

from mediamon.fingerprint import simhash
from mediamon.records import Article, Tags, TopicScore

TIMESTAMP = pa.timestamp("us", tz="UTC")
STRINGS = pa.list_(pa.string())


@dataclass(frozen=True, slots=True)
class FetchRow:
    """One fetch attempt as recorded in ``fetches`` (and folded into ``url_state``)."""

    run_id: str
    source: str
    url: str
    outcome: str  # new | updated | unchanged | not_modified | failed | parse_failed | not_article
    fetched_at: datetime
    final_url: str | None = None
    status: int | None = None
    error: str | None = None
    duration_ms: float | None = None
    bytes: int | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    article_id: str | None = None
    redirects: tuple[str, ...] = ()
    warc_file: str | None = None
    warc_offset: int | None = None
    transient: bool = False  # a failure worth retrying in a later run (network, 408, 429, 5xx)


@dataclass(frozen=True, slots=True)
class LoadItem:
    """A parsed and tagged article ready to load. ``article.id`` must be set."""

    source: str
    article: Article
    content_hash: str
    tags: Tags


@dataclass(slots=True)
class LoadCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    mentions: int = 0
    near_duplicates: int = 0
    new_ids: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class UrlState:
    etag: str | None
    last_modified: str | None
    content_hash: str | None
    article_id: str | None
    last_outcome: str
    failures: int
    next_retry_at: datetime | None = None  # set only after a transient failure

    def due(self, now: datetime, max_attempts: int) -> bool:
        """Whether a run at ``now`` should fetch this URL (always, unless it failed: then only a
        transient failure, past its backoff, with attempts left)."""
        if self.last_outcome != "failed":
            return True
        if self.next_retry_at is None or self.failures >= max_attempts:
            return False
        return self.next_retry_at <= now


def read_url_states(con: duckdb.DuckDBPyConnection, urls: Sequence[str]) -> dict[str, UrlState]:
    """The stored validators and failure count of each URL already seen."""
    if not urls:
        return {}
    table = pa.table({"url": pa.array(list(urls), pa.string())})
    con.register("wanted_urls", table)
    try:
        rows = con.execute(
            """
            SELECT s.url, s.etag, s.last_modified, s.content_hash, s.article_id, s.last_outcome,
                   s.failures, s.next_retry_at
            FROM url_state s JOIN wanted_urls w USING (url)
            """
        ).fetchall()
    finally:
        con.unregister("wanted_urls")
    return {row[0]: UrlState(*row[1:]) for row in rows}


def read_discovery_validators(
    con: duckdb.DuckDBPyConnection, sources: Sequence[str]
) -> dict[str, tuple[str | None, str | None]]:
    """(ETag, Last-Modified) of every feed and sitemap of these sources that a run has loaded."""
    rows = con.execute(
        """
        SELECT url, etag, last_modified FROM url_state
        WHERE last_outcome = 'feed' AND list_contains($sources, source)
          AND (etag IS NOT NULL OR last_modified IS NOT NULL)
        """,
        {"sources": list(sources)},
    ).fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}


def read_retry_queue(
    con: duckdb.DuckDBPyConnection, sources: Sequence[str], *, now: datetime, max_attempts: int
) -> list[tuple[str, str]]:
    """(source, url) of transiently failed URLs due for another attempt, oldest failure first."""
    rows = con.execute(
        """
        SELECT source, url FROM url_state
        WHERE last_outcome = 'failed' AND next_retry_at IS NOT NULL AND next_retry_at <= $now
          AND failures < $max_attempts AND list_contains($sources, source)
        ORDER BY last_fetched_at
        """,
        {"now": now, "max_attempts": max_attempts, "sources": list(sources)},
    ).fetchall()
    return [(r[0], r[1]) for r in rows]


def read_content_hashes(con: duckdb.DuckDBPyConnection, ids: Iterable[str]) -> dict[str, str]:
    """Stored content hash by article id, for the ids that exist."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    con.register("wanted_ids", pa.table({"id": pa.array(wanted, pa.string())}))
    try:
        rows = con.execute("SELECT a.id, a.content_hash FROM articles a JOIN wanted_ids w USING (id)").fetchall()
    finally:
        con.unregister("wanted_ids")
    return dict(rows)


def upsert_sources(con: duckdb.DuckDBPyConnection, rows: Sequence[dict[str, object]]) -> None:
    """Insert or refresh the ``sources`` table from the validated configuration."""
    if not rows:
        return
    table = pa.Table.from_pylist(
        list(rows),
        schema=pa.schema(
            [
                ("name", pa.string()),
                ("outlet", pa.string()),
                ("kind", pa.string()),
                ("homepage", pa.string()),
                ("feeds", STRINGS),
                ("sitemaps", STRINGS),
                ("language", pa.string()),
                ("region", pa.string()),
                ("enabled", pa.bool_()),
                ("schedule", pa.string()),
                ("updated_at", TIMESTAMP),
            ]
        ),
    )
    with _transaction(con):
        con.register("incoming_sources", table)
        try:
            con.execute(
                """
                INSERT INTO sources SELECT * FROM incoming_sources
                ON CONFLICT (name) DO UPDATE SET
                    outlet = excluded.outlet, kind = excluded.kind, homepage = excluded.homepage,
                    feeds = excluded.feeds, sitemaps = excluded.sitemaps,
                    language = excluded.language, region = excluded.region,
                    enabled = excluded.enabled, schedule = excluded.schedule,
                    updated_at = excluded.updated_at
                """
            )
        finally:
            con.unregister("incoming_sources")


def upsert_topics(con: duckdb.DuckDBPyConnection, rows: Sequence[dict[str, object]]) -> None:
    """Insert or refresh topic definitions (code, label, scheme, level, parent)."""
    if not rows:
        return
    table = pa.Table.from_pylist(
        list(rows),
        schema=pa.schema(
            [
                ("code", pa.string()),
                ("label", pa.string()),
                ("scheme", pa.string()),
                ("level", pa.int32()),
                ("parent", pa.string()),
            ]
        ),
    )
    with _transaction(con):
        con.register("incoming_topics", table)
        try:
            con.execute(
                """
                INSERT INTO topics SELECT * FROM incoming_topics
                ON CONFLICT (code) DO UPDATE SET label = excluded.label, scheme = excluded.scheme,
                    level = excluded.level, parent = excluded.parent
                """
            )
        finally:
            con.unregister("incoming_topics")


def load_batch(
    con: duckdb.DuckDBPyConnection,
    items: Sequence[LoadItem],
    fetch_rows: Sequence[FetchRow],
    *,
    seen_ids: Sequence[str] = (),
    now: datetime,
    retry_base: float = 900.0,
) -> LoadCounts:
    """Load one batch in a single transaction.

    Args:
        items: parsed and tagged articles. New ids are inserted; ids whose content hash changed are
            versioned and replaced (with all their mentions, topics, links...); ids whose hash is
            unchanged only get ``last_seen`` moved.
        fetch_rows: the fetch attempts of this batch, appended to ``fetches`` and folded into
            ``url_state``.
        seen_ids: articles confirmed unchanged without a body (304, same hash): ``last_seen`` only.
        now: the load time (passed in so that loads are reproducible in tests).

    Returns:
        Counts of new, updated and unchanged articles and of mentions inserted.
    """
    counts = LoadCounts()
    unique: dict[str, LoadItem] = {}
    for item in items:
        if item.article.id is None:
            raise ValueError(f"{item.article.url}: article id is not set")
        unique.setdefault(item.article.id, item)
    stored = read_content_hashes(con, unique)
    fresh = [it for i, it in unique.items() if i not in stored]
    changed = [it for i, it in unique.items() if i in stored and stored[i] != it.content_hash]
    same = [i for i, it in unique.items() if i in stored and stored[i] == it.content_hash]
    touched = list(dict.fromkeys([*same, *seen_ids]))
    writes = fresh + changed
    with _transaction(con):
        _insert_fetches(con, fetch_rows)
        _upsert_url_states(con, fetch_rows, retry_base)
        if changed:
            _archive_versions(con, [it.article.id for it in changed if it.article.id], now)
        if writes:
            _replace_articles(con, writes, now)
            counts.mentions = _insert_children(con, writes, now)
            counts.near_duplicates = _link_near_duplicates(con, [it.article.id for it in writes if it.article.id], now)
        if touched:
            _touch_articles(con, touched, now)
    counts.new = len(fresh)
    counts.updated = len(changed)
    counts.unchanged = len(touched)
    counts.new_ids = [it.article.id for it in fresh if it.article.id]
    return counts


def record_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    source: str,
    *,
    started_at: datetime,
    finished_at: datetime,
    discovered: int,
    new: int,
    updated: int,
    unchanged: int,
    failed: int,
) -> None:
    """Record one source's counts for one run in ``runs``."""
    con.execute(
        """
        INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (run_id, source) DO UPDATE SET finished_at = excluded.finished_at,
            discovered = excluded.discovered, new = excluded.new, updated = excluded.updated,
            unchanged = excluded.unchanged, failed = excluded.failed
        """,
        [run_id, source, started_at, finished_at, discovered, new, updated, unchanged, failed],
    )


class _transaction:
    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def __enter__(self) -> None:
        self.con.execute("BEGIN TRANSACTION")

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.con.execute("ROLLBACK" if exc_type is not None else "COMMIT")


def _with_table(
    con: duckdb.DuckDBPyConnection, name: str, table: pa.Table, sql: str, params: dict[str, object] | None = None
) -> None:
    con.register(name, table)
    try:
        con.execute(sql, params) if params else con.execute(sql)
    finally:
        con.unregister(name)


_FETCH_SCHEMA = pa.schema(
    [
        ("run_id", pa.string()),
        ("source", pa.string()),
        ("url", pa.string()),
        ("final_url", pa.string()),
        ("status", pa.int32()),
        ("outcome", pa.string()),
        ("error", pa.string()),
        ("duration_ms", pa.float64()),
        ("bytes", pa.int64()),
        ("content_type", pa.string()),
        ("etag", pa.string()),
        ("last_modified", pa.string()),
        ("content_hash", pa.string()),
        ("article_id", pa.string()),
        ("redirects", STRINGS),
        ("fetched_at", TIMESTAMP),
        ("warc_file", pa.string()),
        ("warc_offset", pa.int64()),
        ("transient", pa.bool_()),
    ]
)


def _insert_fetches(con: duckdb.DuckDBPyConnection, rows: Sequence[FetchRow]) -> None:
    if not rows:
        return
    table = pa.Table.from_pylist(
        [{name: getattr(r, name) for name in _FETCH_SCHEMA.names} for r in rows],
        schema=_FETCH_SCHEMA,
    )
    columns = ", ".join(n for n in _FETCH_SCHEMA.names if n != "transient")
    _with_table(
        con,
        "incoming_fetches",
        table,
        f"INSERT INTO fetches ({columns}) SELECT {columns} FROM incoming_fetches",  # noqa: S608 -- fixed column names
    )


def _upsert_url_states(con: duckdb.DuckDBPyConnection, rows: Sequence[FetchRow], retry_base: float) -> None:
    if not rows:
        return
    latest: dict[str, FetchRow] = {}
    for row in rows:
        latest[row.url] = row  # the last attempt in the batch wins
    table = pa.Table.from_pylist(
        [{name: getattr(r, name) for name in _FETCH_SCHEMA.names} for r in latest.values()],
        schema=_FETCH_SCHEMA,
    )
    # A failed attempt keeps the validators of the last good fetch and counts one more failure;
    # any other outcome resets the failure count.
    _with_table(
        con,
        "incoming_states",
        table,
        """
        INSERT INTO url_state (url, source, etag, last_modified, content_hash, article_id, last_status,
                               last_outcome, last_error, failures, last_fetched_at, next_retry_at)
        SELECT url, source, etag, last_modified, content_hash, article_id, status, outcome, error,
               CASE WHEN outcome = 'failed' THEN 1 ELSE 0 END, fetched_at,
               CASE WHEN outcome = 'failed' AND transient
                    THEN fetched_at + to_microseconds(CAST($base * 1e6 AS BIGINT)) END
        FROM incoming_states
        ON CONFLICT (url) DO UPDATE SET
            source = excluded.source,
            etag = CASE WHEN excluded.last_outcome = 'failed' THEN url_state.etag
                        ELSE coalesce(excluded.etag, url_state.etag) END,
            last_modified = CASE WHEN excluded.last_outcome = 'failed' THEN url_state.last_modified
                        ELSE coalesce(excluded.last_modified, url_state.last_modified) END,
            content_hash = coalesce(excluded.content_hash, url_state.content_hash),
            article_id = coalesce(excluded.article_id, url_state.article_id),
            last_status = excluded.last_status,
            last_outcome = excluded.last_outcome,
            last_error = excluded.last_error,
            failures = CASE WHEN excluded.last_outcome = 'failed' THEN url_state.failures + 1
                            ELSE 0 END,
            -- exponential backoff across runs: base * 2**(failures so far), for transient failures
            next_retry_at = CASE WHEN excluded.next_retry_at IS NOT NULL
                THEN excluded.last_fetched_at
                     + to_microseconds(CAST($base * 1e6 * pow(2, least(url_state.failures, 20)) AS BIGINT))
                END,
            last_fetched_at = excluded.last_fetched_at
        """,
        {"base": retry_base},
    )


def _archive_versions(con: duckdb.DuckDBPyConnection, ids: list[str], now: datetime) -> None:
    con.register("changed_ids", pa.table({"id": pa.array(ids, pa.string())}))
    try:
        con.execute(
            """
            INSERT INTO article_versions
            SELECT a.id, a.version, a.content_hash, a.title, a.body, ?
            FROM articles a JOIN changed_ids c USING (id)
            ON CONFLICT DO NOTHING
            """,
            [now],
        )
    finally:
        con.unregister("changed_ids")


_ARTICLE_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("url", pa.string()),
        ("canonical_url", pa.string()),
        ("source", pa.string()),
        ("outlet", pa.string()),
        ("publication", pa.string()),
        ("title", pa.string()),
        ("subtitle", pa.string()),
        ("series", pa.string()),
        ("part", pa.int32()),
        ("authors", STRINGS),
        ("author_affiliations", STRINGS),
        ("published_at", TIMESTAMP),
        ("published_source", pa.string()),
        ("modified_at", TIMESTAMP),
        ("modified_source", pa.string()),
        ("language", pa.string()),
        ("language_declared", pa.string()),
        ("language_detected", pa.string()),
        ("section", pa.string()),
        ("tags", STRINGS),
        ("categories", STRINGS),
        ("volume", pa.string()),
        ("issue", pa.string()),
        ("summary", pa.string()),
        ("body", pa.string()),
        ("word_count", pa.int32()),
        ("image_url", pa.string()),
        ("content_hash", pa.string()),
        ("parser", pa.string()),
        ("parser_version", pa.string()),
        ("tagger_version", pa.string()),
        ("version", pa.int32()),
        ("first_seen", TIMESTAMP),
        ("last_seen", TIMESTAMP),
        ("simhash", pa.int64()),
    ]
)


def _article_row(item: LoadItem, now: datetime) -> dict[str, object]:
    a = item.article
    return {
        "id": a.id,
        "url": a.url,
        "canonical_url": a.canonical_url or a.url,
        "source": item.source,
        "outlet": a.outlet,
        "publication": a.publication,
        "title": a.title,
        "subtitle": a.subtitle,
        "series": a.series,
        "part": a.part,
        "authors": [au.name for au in a.authors],
        "author_affiliations": [au.affiliation or "" for au in a.authors],
        "published_at": a.published_at,
        "published_source": a.published_source,
        "modified_at": a.modified_at,
        "modified_source": a.modified_source,
        "language": a.language,
        "language_declared": a.language_declared,
        "language_detected": a.language_detected,
        "section": a.section,
        "tags": list(a.tags),
        "categories": list(a.categories),
        "volume": a.volume,
        "issue": a.issue,
        "summary": a.summary,
        "body": a.body,
        "word_count": a.word_count,
        "image_url": a.image_url,
        "content_hash": item.content_hash,
        "parser": a.parser,
        "parser_version": a.parser_version,
        "tagger_version": item.tags.tagger_version,
        "version": 1,
        "first_seen": now,
        "last_seen": now,
        "simhash": simhash(f"{a.title}\n{a.body}"),
    }


def _replace_articles(con: duckdb.DuckDBPyConnection, items: Sequence[LoadItem], now: datetime) -> None:
    table = pa.Table.from_pylist([_article_row(it, now) for it in items], schema=_ARTICLE_SCHEMA)
    columns = ", ".join(_ARTICLE_SCHEMA.names)
    ids = pa.table({"id": table.column("id")})
    con.register("replaced_ids", ids)
    try:
        for child in (
            "entity_mentions",
            "article_topics",
            "article_links",
            "cited_sources",
            "article_watch",
            "article_keyphrases",
        ):
            con.execute(
                f"DELETE FROM {child} WHERE article_id IN (SELECT id FROM replaced_ids)"  # noqa: S608 -- fixed table names
            )
    finally:
        con.unregister("replaced_ids")
    # A changed article keeps its first_seen and gets the next version number.
    kept = ("id", "version", "first_seen")
    updates = ", ".join(f"{c} = excluded.{c}" for c in _ARTICLE_SCHEMA.names if c not in kept)
    _with_table(
        con,
        "incoming_articles",
        table,
        f"""
        INSERT INTO articles ({columns}) SELECT {columns} FROM incoming_articles
        ON CONFLICT (id) DO UPDATE SET
            {updates},
            version = articles.version + 1
        """,  # noqa: S608 -- fixed column names
    )


# Four 16-bit bands of the 64-bit SimHash: two hashes within 3 bits of each other agree on at least
# one band exactly, so equi-joins on the bands find every candidate without comparing all pairs.
_NEAR_DUPLICATES = """
WITH fresh AS (
    SELECT a.id, a.simhash FROM articles a JOIN written_ids w USING (id) WHERE a.simhash <> 0
),
candidates AS (
    SELECT DISTINCT f.id AS a_id, o.id AS b_id
    FROM fresh f, articles o,
         (SELECT unnest([0, 16, 32, 48]) AS shift) bands
    WHERE o.id <> f.id AND o.simhash <> 0
      AND ((f.simhash >> bands.shift) & 65535) = ((o.simhash >> bands.shift) & 65535)
),
close AS (
    SELECT c.a_id, c.b_id, bit_count(xor(a.simhash, b.simhash)) AS distance,
           (coalesce(a.published_at, a.first_seen), a.id) > (coalesce(b.published_at, b.first_seen), b.id)
               AS a_is_later
    FROM candidates c JOIN articles a ON a.id = c.a_id JOIN articles b ON b.id = c.b_id
    WHERE bit_count(xor(a.simhash, b.simhash)) <= $max_distance
)
INSERT INTO near_duplicates
SELECT CASE WHEN a_is_later THEN a_id ELSE b_id END, CASE WHEN a_is_later THEN b_id ELSE a_id END,
       distance, $now
FROM close
ON CONFLICT DO NOTHING
"""
NEAR_DUPLICATE_BITS = 3


def _link_near_duplicates(con: duckdb.DuckDBPyConnection, ids: list[str], now: datetime) -> int:
    """Link each written article to earlier ones whose text is nearly the same (syndication)."""
    before = con.execute("SELECT count(*) FROM near_duplicates").fetchall()[0][0]
    con.register("written_ids", pa.table({"id": pa.array(ids, pa.string())}))
    try:
        con.execute(_NEAR_DUPLICATES, {"max_distance": NEAR_DUPLICATE_BITS, "now": now})
    finally:
        con.unregister("written_ids")
    after = con.execute("SELECT count(*) FROM near_duplicates").fetchall()[0][0]
    return int(after - before)


def _touch_articles(con: duckdb.DuckDBPyConnection, ids: list[str], now: datetime) -> None:
    con.register("touched_ids", pa.table({"id": pa.array(ids, pa.string())}))
    try:
        con.execute("UPDATE articles SET last_seen = ? WHERE id IN (SELECT id FROM touched_ids)", [now])
    finally:
        con.unregister("touched_ids")


def _insert_children(con: duckdb.DuckDBPyConnection, items: Sequence[LoadItem], now: datetime) -> int:
    mentions: list[dict[str, object]] = []
    entities: dict[str, dict[str, object]] = {}
    topics: list[dict[str, object]] = []
    topic_defs: dict[str, TopicScore] = {}
    links: list[dict[str, object]] = []
    cited: list[dict[str, object]] = []
    watch: list[dict[str, object]] = []
    phrases: list[dict[str, object]] = []
    for it in items:
        aid = it.article.id
        for m in it.tags.entities:
            mentions.append(
                {
                    "article_id": aid,
                    "entity_id": m.entity_id,
                    "surface": m.text,
                    "type": m.type,
                    "start_char": m.start,
                    "end_char": m.end,
                    "sentence": m.sentence,
                    "in_title": m.in_title,
                }
            )
        for e in it.tags.canonical_entities:
            known = entities.get(e.entity_id)
            aliases = sorted(set(e.aliases) | set(known["aliases"] if known else ()))  # type: ignore[arg-type]
            entities[e.entity_id] = {
                "entity_id": e.entity_id,
                "name": e.name,
                "type": e.type,
                "aliases": aliases,
                "wikidata_id": e.wikidata_id,
                "first_seen": now,
            }
        seen_codes: set[str] = set()
        for t in it.tags.topics:
            if t.code in seen_codes:
                continue
            seen_codes.add(t.code)
            topics.append({"article_id": aid, "code": t.code, "score": t.score, "scheme": t.scheme})
            topic_defs.setdefault(t.code, t)
        for pos, link in enumerate(it.article.links):
            links.append({"article_id": aid, "position": pos, "url": link.url, "anchor_text": link.text})
        for pos, c in enumerate(it.article.cited_sources):
            cited.append({"article_id": aid, "position": pos, "name": c.name, "date_text": c.date_text, "raw": c.raw})
        for w in it.tags.watch:
            watch.append({"article_id": aid, "watch": w.name, "terms": list(w.terms)})
        for pos, phrase in enumerate(it.tags.keyphrases):
            phrases.append({"article_id": aid, "position": pos, "phrase": phrase})

    if entities:
        _with_table(
            con,
            "incoming_entities",
            pa.Table.from_pylist(
                list(entities.values()),
                schema=pa.schema(
                    [
                        ("entity_id", pa.string()),
                        ("name", pa.string()),
                        ("type", pa.string()),
                        ("aliases", STRINGS),
                        ("wikidata_id", pa.string()),
                        ("first_seen", TIMESTAMP),
                    ]
                ),
            ),
            """
            INSERT INTO entities SELECT * FROM incoming_entities
            ON CONFLICT (entity_id) DO UPDATE SET
                aliases = list_sort(list_distinct(list_concat(entities.aliases, excluded.aliases))),
                wikidata_id = coalesce(entities.wikidata_id, excluded.wikidata_id)
            """,
        )
    if topic_defs:
        upsert_rows = [
            {"code": t.code, "label": t.label, "scheme": t.scheme, "level": t.level, "parent": None}
            for t in topic_defs.values()
        ]
        _with_table(
            con,
            "incoming_topic_defs",
            pa.Table.from_pylist(
                upsert_rows,
                schema=pa.schema(
                    [
                        ("code", pa.string()),
                        ("label", pa.string()),
                        ("scheme", pa.string()),
                        ("level", pa.int32()),
                        ("parent", pa.string()),
                    ]
                ),
            ),
            "INSERT INTO topics SELECT * FROM incoming_topic_defs ON CONFLICT (code) DO NOTHING",
        )
    _insert_rows(con, "entity_mentions", mentions, [
        ("article_id", pa.string()), ("entity_id", pa.string()), ("surface", pa.string()),
        ("type", pa.string()), ("start_char", pa.int32()), ("end_char", pa.int32()),
        ("sentence", pa.int32()), ("in_title", pa.bool_()),
    ])  # fmt: skip
    _insert_rows(con, "article_topics", topics, [
        ("article_id", pa.string()), ("code", pa.string()), ("score", pa.float64()),
        ("scheme", pa.string()),
    ])  # fmt: skip
    _insert_rows(con, "article_links", links, [
        ("article_id", pa.string()), ("position", pa.int32()), ("url", pa.string()),
        ("anchor_text", pa.string()),
    ])  # fmt: skip
    _insert_rows(con, "cited_sources", cited, [
        ("article_id", pa.string()), ("position", pa.int32()), ("name", pa.string()),
        ("date_text", pa.string()), ("raw", pa.string()),
    ])  # fmt: skip
    _insert_rows(con, "article_watch", watch, [
        ("article_id", pa.string()), ("watch", pa.string()), ("terms", STRINGS),
    ])  # fmt: skip
    _insert_rows(con, "article_keyphrases", phrases, [
        ("article_id", pa.string()), ("position", pa.int32()), ("phrase", pa.string()),
    ])  # fmt: skip
    return len(mentions)


def _insert_rows(
    con: duckdb.DuckDBPyConnection,
    table_name: str,
    rows: list[dict[str, object]],
    fields: list[tuple[str, pa.DataType]],
) -> None:
    if not rows:
        return
    schema = pa.schema(fields)
    columns = ", ".join(schema.names)
    _with_table(
        con,
        f"incoming_{table_name}",
        pa.Table.from_pylist(rows, schema=schema),
        f"INSERT INTO {table_name} ({columns}) SELECT {columns} FROM incoming_{table_name}",  # noqa: S608 -- fixed names
    )
