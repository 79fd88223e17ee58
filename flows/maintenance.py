"""Maintenance flows: retry failed fetches, re-tag stale articles, publish the reader snapshot,
compact the warehouse. Each is resumable (work is committed in batches) and idempotent (a second
run finds nothing left to do), and each opens the warehouse through the writer lock.

The retry flow is the ingest pipeline (``flows.ingest.run_pipeline``) with nothing to discover:
only the retry queue.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE

from fetching.archive import WarcArchive
from fetching.discovery import Discovery, Validators
from flows import stages
from flows.ingest import run_pipeline
from flows.writer import warehouse_writer, writer_options
from mediamon.records import Article, Tags
from mediamon.settings import Settings, load_settings
from mediamon.sources import Source, load_sources, select_sources
from warehouse.load import LoadItem, _insert_children, _transaction, read_retry_queue

Writer = Callable[[], contextlib.AbstractContextManager[duckdb.DuckDBPyConnection]]

# Tables whose rows the tagger produces (links and citations come from the parser and stay).
TAG_TABLES = ("entity_mentions", "article_topics", "article_watch", "article_keyphrases")
RETAG_BATCH = 200


def flow_settings(settings_overrides: dict[str, Any] | None, settings_file: str | None) -> Settings:
    """The settings of a flow run, built like the ingest flow's."""
    return load_settings(Path(settings_file) if settings_file else None, **(settings_overrides or {}))


def writer_for(settings: Settings, *, use_limit: bool = True) -> Writer:
    """A factory of ``with writer() as con:`` blocks on the settings' warehouse."""
    return functools.partial(
        warehouse_writer, settings.paths.database_path, use_limit=use_limit, **writer_options(settings)
    )


def summary_totals(summaries: Sequence[dict[str, Any]]) -> dict[str, int]:
    """Totals over the per-source summaries ``run_pipeline`` returns."""
    keys = ("discovered", "new", "updated", "unchanged", "failed", "skipped")
    return {k: sum(int(s.get(k, 0)) for s in summaries) for k in keys}


# --- retry failed fetches ----------------------------------------------------------------------


@flow(name="retry-failed", log_prints=False, validate_parameters=False)
def retry_failed_flow(
    source_names: list[str] | None = None,
    settings_overrides: dict[str, Any] | None = None,
    settings_file: str | None = None,
) -> dict[str, int]:
    """Fetch again the URLs whose last attempt failed transiently and whose backoff has passed:
    the ingest pipeline's retry queue, between two ingest runs (a source on a six-hourly schedule
    gets its failed pages back within the hour), with no feed or sitemap read.

    A final failure (a 4xx, a refused type) or a URL out of attempts
    (``fetch.max_attempts_across_runs``) is not fetched again; it stays in url_state with its
    reason. Idempotent: a URL that succeeds leaves the queue.

    Returns:
        Totals over the sources: due (URLs in the queue), new, updated, unchanged, failed.
    """
    logger = get_run_logger()
    settings = flow_settings(settings_overrides, settings_file)
    all_sources = load_sources(settings.paths.sources_file)
    selected = select_sources(all_sources, source_names, path=settings.paths.sources_file)
    with writer_for(settings)() as con:
        due = read_retry_queue(
            con,
            [s.name for s in selected],
            now=datetime.now(UTC),
            max_attempts=settings.fetch.max_attempts_across_runs,
        )
    if not due:
        logger.info("retry-failed: no failed URL is due")
        return {"due": 0, **summary_totals([])}
    with_due = [s for s in selected if any(source == s.name for source, _url in due)]

    def nothing_to_discover(
        _settings: Settings, sources: Sequence[Source], _archive: WarcArchive, _validators: Validators
    ) -> list[Discovery]:
        return [Discovery(source=s.name) for s in sources]  # the pipeline adds the retry queue

    summary = run_pipeline(settings, with_due, all_sources, nothing_to_discover)
    totals = {"due": len(due), **summary_totals(summary)}
    logger.info("retry-failed: %s", totals)
    return totals


# --- retag -------------------------------------------------------------------------------------


@dataclass(slots=True)
class RetagCounts:
    articles: int = 0
    mentions: int = 0
    batches: int = 0
    version: str = ""
    stale_versions: dict[str, int] = field(default_factory=dict)


def stale_versions(con: duckdb.DuckDBPyConnection, version: str) -> dict[str, int]:
    """Articles per tagger version that is not ``version`` (NULL shows as "none")."""
    rows = con.execute(
        """SELECT coalesce(tagger_version, 'none'), count(*) FROM articles
           WHERE tagger_version IS DISTINCT FROM ? GROUP BY ALL ORDER BY 1""",
        [version],
    ).fetchall()
    return {str(v): int(n) for v, n in rows}


def replace_tags(con: duckdb.DuckDBPyConnection, tagged: Sequence[tuple[str, Tags]], now: datetime) -> int:
    """Replace the tagger's rows of these articles (mentions, topics, watch matches, keyphrases)
    and set their ``tagger_version``, in one transaction. The article text, its links and its
    citations stay as they are.

    Returns:
        The number of mentions inserted.
    """
    if not tagged:
        return 0
    # _insert_children reads only the id, links and citations of the article: an empty shell
    # with no links and no citations inserts the tagger's rows alone.
    items = [LoadItem("", Article(url="", title="", body="", id=aid), "", tags) for aid, tags in tagged]
    versions = pa.table(
        {
            "id": pa.array([aid for aid, _ in tagged], pa.string()),
            "tagger_version": pa.array([t.tagger_version for _, t in tagged], pa.string()),
        }
    )
    with _transaction(con):
        con.register("retagged", versions)
        try:
            for table in TAG_TABLES:
                con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT id FROM retagged)")  # noqa: S608 -- fixed names
            mentions = _insert_children(con, items, now)
            con.execute(
                "UPDATE articles SET tagger_version = r.tagger_version FROM retagged r WHERE articles.id = r.id"
            )
        finally:
            con.unregister("retagged")
    return mentions


def retag_articles(
    writer: Writer,
    tagger: Any,
    *,
    batch_size: int = RETAG_BATCH,
    limit: int | None = None,
    now: datetime | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> RetagCounts:
    """Re-tag every article whose ``tagger_version`` is not ``tagger.version``, batch by batch.

    Each batch is read, tagged and replaced in its own transaction (the writer is held only to
    read and to write, not while tagging), so a killed retag resumes where it stopped and a second
    retag finds nothing to do.
    """
    counts = RetagCounts(version=tagger.version)
    with writer() as con:
        counts.stale_versions = stale_versions(con, tagger.version)
    while limit is None or counts.articles < limit:
        size = batch_size if limit is None else min(batch_size, limit - counts.articles)
        with writer() as con:
            rows = con.execute(
                """SELECT id, title, body FROM articles WHERE tagger_version IS DISTINCT FROM ?
                   ORDER BY id LIMIT ?""",
                [tagger.version, size],
            ).fetchall()
        if not rows:
            break
        tags = list(tagger.tag_many((body, title) for _id, title, body in rows))
        with writer() as con:
            counts.mentions += replace_tags(
                con, [(aid, t) for (aid, _t, _b), t in zip(rows, tags, strict=True)], now or datetime.now(UTC)
            )
        counts.articles += len(rows)
        counts.batches += 1
        if on_batch is not None:
            on_batch(counts.articles)
    return counts


@flow(name="retag", log_prints=False, validate_parameters=False)
def retag_flow(
    settings_overrides: dict[str, Any] | None = None,
    settings_file: str | None = None,
    batch_size: int = RETAG_BATCH,
    limit: int | None = None,
) -> dict[str, Any]:
    """Re-tag the articles tagged by another tagger version than the current one (the version
    changes with the tagging code, config/entities.toml, config/watch.toml, the shipped lexicons
    and the spaCy model).

    Returns:
        The current version, the stale versions found (articles each), articles and mentions redone.
    """
    logger = get_run_logger()
    settings = flow_settings(settings_overrides, settings_file)
    tagger = stages.tagger_for(settings)
    counts = retag_articles(
        writer_for(settings),
        tagger,
        batch_size=batch_size,
        limit=limit,
        on_batch=lambda done: logger.info("retag: %d articles re-tagged so far", done),
    )
    if counts.articles:
        logger.info(
            "retag: %d articles, %d mentions, to tagger %s (were: %s)",
            counts.articles,
            counts.mentions,
            counts.version,
            counts.stale_versions,
        )
    else:
        logger.info("retag: every article is tagged by %s", counts.version)
    return {
        "version": counts.version,
        "stale_versions": counts.stale_versions,
        "articles": counts.articles,
        "mentions": counts.mentions,
    }


# --- reader snapshot ---------------------------------------------------------------------------


@task(name="publish-snapshot", cache_policy=NONE, retries=2, retry_delay_seconds=10)
def publish_snapshot_task(settings: Settings) -> str | None:
    logger = get_run_logger()
    try:
        from warehouse.snapshot import default_snapshot_path, publish_snapshot
    except ImportError:  # the snapshot module arrives with the reader issue
        logger.info("publish-snapshot: warehouse.snapshot is not installed here; skipped")
        return None
    with writer_for(settings)() as con:
        path = publish_snapshot(con, default_snapshot_path(settings.paths.database_path))
    logger.info("published the reader snapshot %s", path)
    return str(path)


@flow(name="publish-snapshot", log_prints=False, validate_parameters=False)
def publish_snapshot_flow(
    settings_overrides: dict[str, Any] | None = None, settings_file: str | None = None
) -> str | None:
    """Publish the read-only snapshot readers open (the API, ``mediamon sql``, notebooks).

    Returns:
        The snapshot's path, or None when this build has no snapshot module.
    """
    return publish_snapshot_task(flow_settings(settings_overrides, settings_file))


# --- compaction ----------------------------------------------------------------------------------


def database_bytes(path: Path) -> int:
    """Size of the database file and its WAL on disk."""
    return sum(p.stat().st_size for p in (path, path.with_name(path.name + ".wal")) if p.exists())


def compact_warehouse(con: duckdb.DuckDBPyConnection, path: Path, *, rewrite: bool = False) -> dict[str, Any]:
    """``CHECKPOINT`` (WAL into the file), ``VACUUM ANALYZE`` (fresh statistics), ``CHECKPOINT``.

    With ``rewrite``, also copy the whole database into a new file and keep the copy when it is
    smaller (DuckDB reuses freed blocks but does not shrink a file). The caller must hold the
    writer lock; ``con`` is closed when the file was replaced.
    """
    before = database_bytes(path)
    con.execute("CHECKPOINT")
    con.execute("VACUUM ANALYZE")
    con.execute("CHECKPOINT")
    checkpointed = database_bytes(path)
    replaced = False
    if rewrite:
        tmp = path.with_name(f".{path.name}.compact.{os.getpid()}")
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)
        name = con.execute("SELECT current_database()").fetchall()[0][0]
        quoted_path = "'" + str(tmp).replace("'", "''") + "'"
        con.execute(f"ATTACH {quoted_path} AS mediamon_compact")
        try:
            con.execute(f'COPY FROM DATABASE "{name}" TO mediamon_compact')
        finally:
            con.execute("DETACH mediamon_compact")
        if tmp.stat().st_size < checkpointed:
            con.close()
            os.replace(tmp, path)
            replaced = True
        else:
            tmp.unlink()
    return {
        "bytes_before": before,
        "bytes_after_checkpoint": checkpointed,
        "bytes_after": database_bytes(path),
        "rewritten": replaced,
    }


@flow(name="compact-warehouse", log_prints=False, validate_parameters=False)
def compact_flow(
    settings_overrides: dict[str, Any] | None = None,
    settings_file: str | None = None,
    rewrite: bool = False,
) -> dict[str, Any]:
    """Checkpoint and vacuum the warehouse (and, with ``rewrite``, copy it into a smaller file).

    Returns:
        Sizes before and after, and whether the file was rewritten.
    """
    logger = get_run_logger()
    settings = flow_settings(settings_overrides, settings_file)
    path = settings.paths.database_path
    with writer_for(settings)() as con:
        result = compact_warehouse(con, path, rewrite=rewrite)
    logger.info(
        "compact: %.1f MB → %.1f MB%s",
        result["bytes_before"] / 1e6,
        result["bytes_after"] / 1e6,
        " (rewritten)" if result["rewritten"] else "",
    )
    return result
