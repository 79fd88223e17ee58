"""The ingest flow: discover → fetch → parse → tag → load, one Prefect task per stage.

Tasks are thin: the work is in ``flows/stages.py``. Large inputs are wrapped in ``quote`` so that
Prefect does not walk them looking for futures, and no task caches (inputs are big and runs must
always see the web as it is now).

The warehouse is opened only while it is needed, through the writer lock (flows/writer.py): once
for the configuration and the validators, once to sort parsed pages against stored hashes, once for
the load. Discovering, fetching, parsing and tagging hold no lock, so runs of other sources load in
between. Parse and tag run here or on Dask (``pipeline.executor``, flows/executors.py). A scheduled
ingest run ends by updating ``source_health`` (flows/health.py) and, when ``health.webhook_url`` is
set, POSTing its alerts there.
"""

from __future__ import annotations

import functools
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE
from prefect.runtime import deployment, flow_run
from prefect.utilities.annotations import quote

from fetching.archive import WarcArchive
from fetching.discovery import Discovery, Validators
from fetching.fetcher import FetchRequest
from flows import stages
from flows.executors import dask_stages
from flows.health import Alert, notify_webhook, update_source_health
from flows.stages import Changes, Parsed, Skipped, SourceSummary
from flows.writer import warehouse_writer, writer_options
from mediamon.records import FetchResult, Tags
from mediamon.settings import Settings, load_settings
from mediamon.sources import Source, load_sources, select_sources
from warehouse.health import mark_notified
from warehouse.load import (
    FetchRow,
    LoadCounts,
    LoadItem,
    read_discovery_validators,
    read_retry_queue,
    read_url_states,
    record_run,
    upsert_sources,
    upsert_topics,
)
from warehouse.snapshot import default_snapshot_path, publish_snapshot


@task(name="discover", cache_policy=NONE, retries=1, retry_delay_seconds=2)
def discover_task(
    settings: Settings, sources: Sequence[Source], archive: WarcArchive, validators: Validators
) -> list[Discovery]:
    return stages.discover(settings.fetch, sources, archive, validators)


@task(name="fetch", cache_policy=NONE)
def fetch_task(
    settings: Settings, sources: Sequence[Source], requests: Sequence[FetchRequest], archive: WarcArchive
) -> list[FetchResult]:
    return stages.fetch(settings.fetch, sources, requests, archive)


@task(name="parse", cache_policy=NONE)
def parse_task(results: Sequence[FetchResult], sources: dict[str, Source], workers: int) -> list[Parsed]:
    return stages.parse(results, sources, workers=workers)


@task(name="tag", cache_policy=NONE)
def tag_task(parsed: Sequence[Parsed], settings: Settings) -> list[Tags]:
    return stages.tag([p.article for p in parsed if p.article is not None], settings)


@task(name="load", cache_policy=NONE)
def load_task(
    con: duckdb.DuckDBPyConnection,
    items: Sequence[LoadItem],
    rows: Sequence[FetchRow],
    seen_ids: Sequence[str],
    batch_size: int,
    retry_base: float,
    snapshot: Path | None,
    publish_interval: float = 0.0,
) -> LoadCounts:
    publisher = SnapshotPublisher(con, snapshot, min_interval=publish_interval)
    counts = stages.load(
        con, items, rows, seen_ids, batch_size=batch_size, retry_base=retry_base, after_batch=publisher.after_batch
    )
    publisher.finish()
    return counts


class SnapshotPublisher:
    """Publishes the readers' snapshot after committed batches, at most once per
    ``min_interval`` seconds (0: after every batch); ``finish`` publishes a batch the interval
    held back, so every run ends with its last batch visible to readers.

    Why: a publish copies the whole warehouse (under a second on the demo, about 70 s at a million
    articles), so at scale publishing after every 500-article batch would spend most of the run
    publishing.
    """

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        snapshot: Path | None,
        *,
        min_interval: float = 0.0,
        publish: Callable[[duckdb.DuckDBPyConnection, Path], object] = publish_snapshot,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._con, self._snapshot, self._min_interval = con, snapshot, min_interval
        self._publish, self._clock = publish, clock
        self._last: float | None = None
        self._pending = False
        self.published = 0

    def after_batch(self) -> None:
        if self._snapshot is None:
            return
        if self._last is not None and self._clock() - self._last < self._min_interval:
            self._pending = True
            return
        self._run()

    def finish(self) -> None:
        if self._snapshot is not None and self._pending:
            self._run()

    def _run(self) -> None:
        assert self._snapshot is not None
        self._publish(self._con, self._snapshot)
        self._last = self._clock()
        self._pending = False
        self.published += 1


@contextmanager
def demo_newsroom(settings: Settings, sources: Sequence[Source]) -> Iterator[Settings]:
    """Start the bundled demo newsroom when a selected demo source's host is not mapped yet.

    Yields the settings with the newsroom's hosts mapped to its loopback port.
    """
    demo_hosts = {stages.host_of(s.homepage) for s in sources if s.kind == "demo"}
    if not demo_hosts or demo_hosts <= set(settings.fetch.host_map):
        yield settings
        return
    from demo.server import start_newsroom

    with start_newsroom(seed=settings.demo.seed) as newsroom:
        host_map = {**newsroom.host_map, **settings.fetch.host_map}
        yield settings.model_copy(update={"fetch": settings.fetch.model_copy(update={"host_map": host_map})})


def _outcome_rows(
    run_id: str,
    discoveries: Sequence[Discovery],
    results: Sequence[FetchResult],
    parsed: Sequence[Parsed],
    changes: Changes,
    states: dict[str, Any],
) -> tuple[list[FetchRow], list[str]]:
    """Every attempt's ``fetches`` row, and the ids of articles seen unchanged via 304."""
    rows: list[FetchRow] = []
    for found in discoveries:
        problems = dict(found.errors)
        for result in found.fetches:
            if result.ok and result.url in problems:  # fetched, but not a feed or sitemap we can read
                rows.append(stages.fetch_row(run_id, result, "failed", error=problems[result.url]))
            else:
                rows.append(stages.fetch_row(run_id, result, "feed" if result.ok else "failed"))
    verdict: dict[int, tuple[str, Parsed]] = {}
    for label, group in (("new", changes.new), ("updated", changes.updated), ("unchanged", changes.unchanged)):
        for p in group:
            verdict[id(p.fetch)] = (label, p)
    for p in parsed:
        if p.article is None:
            verdict[id(p.fetch)] = (p.outcome, p)
    seen_ids: list[str] = []
    for result in results:
        if not result.ok:
            rows.append(stages.fetch_row(run_id, result, "failed"))
        elif result.status == 304:
            state = states.get(result.url)
            article = state.article_id if state else None
            if article:
                seen_ids.append(article)
            rows.append(
                FetchRow(
                    **{
                        **asdict(stages.fetch_row(run_id, result, "not_modified")),
                        "article_id": article,
                        "content_hash": state.content_hash if state else None,
                        "etag": state.etag if state else None,
                        "last_modified": state.last_modified if state else None,
                    }
                )
            )
        else:
            label, p = verdict[id(result)]
            rows.append(
                stages.fetch_row(run_id, result, label, error=p.error, article=p.article, digest=p.content_hash)
            )
    return rows, seen_ids


def summarise(
    sources: Sequence[Source],
    discoveries: Sequence[Discovery],
    results: Sequence[FetchResult],
    parsed: Sequence[Parsed],
    changes: Changes,
    skipped: Sequence[Skipped] = (),
) -> dict[str, SourceSummary]:
    """Per-source counts: discovered, new, updated, unchanged, failed (with reasons), skipped."""
    summary = {s.name: SourceSummary(s.name) for s in sources}
    for found in discoveries:
        summary[found.source].discovered = len(found.items)
        summary[found.source].unchanged_feeds = len(found.not_modified)
        for _url, reason in found.errors:
            summary[found.source].fail(reason)
    for result in results:
        if not result.ok:
            summary[result.source].fail(result.error or "unknown")
        elif result.status == 304:
            summary[result.source].unchanged += 1
    for p in parsed:
        if p.article is None:
            summary[p.fetch.source].fail(p.error or p.outcome)
    for p in changes.new:
        summary[p.fetch.source].new += 1
    for p in changes.updated:
        summary[p.fetch.source].updated += 1
    for p in changes.unchanged:
        summary[p.fetch.source].unchanged += 1
    for skip in skipped:
        summary[skip.source].skipped += 1
    return summary


@flow(name="ingest", log_prints=False, validate_parameters=False)
def ingest_flow(
    source_names: list[str] | None = None,
    settings_overrides: dict[str, Any] | None = None,
    settings_file: str | None = None,
) -> list[dict[str, Any]]:
    """Ingest the named sources (default: every enabled one) once, end to end.

    Args:
        source_names: names from sources.toml; an unknown name fails before any work.
        settings_overrides: settings sections that win over file and environment, e.g.
            ``{"paths": {"database": "/tmp/x.duckdb"}}``.
        settings_file: an optional settings TOML file.

    Returns:
        One summary dict per source (discovered, new, updated, unchanged, failed, skipped, reasons).
    """
    settings = load_settings(Path(settings_file) if settings_file else None, **(settings_overrides or {}))
    all_sources = load_sources(settings.paths.sources_file)
    selected = select_sources(all_sources, source_names, path=settings.paths.sources_file)
    # Scheduled (deployed) runs make a source's health; a manual run on demand does not count.
    return run_pipeline(settings, selected, all_sources, discover_task, track_health=deployment.get_id() is not None)


Discover = Callable[[Settings, Sequence[Source], WarcArchive, Validators], list[Discovery]]


def run_pipeline(
    configured: Settings,
    selected: Sequence[Source],
    all_sources: dict[str, Source],
    discover: Discover,
    *,
    track_health: bool = False,
) -> list[dict[str, Any]]:
    """discover → fetch → parse → tag → load for ``selected``, inside the current flow run.

    ``discover`` finds the article URLs (feeds and sitemaps for ingest, listing pages for backfill);
    everything after it is the same for every flow, so every flow is idempotent the same way. With
    ``track_health``, the run's counts also go to ``source_health`` (and its alerts to the webhook).
    """
    logger = get_run_logger()
    run_id = str(flow_run.get_id() or uuid.uuid4())
    started = datetime.now(UTC)
    alerts: list[Alert] = []
    with demo_newsroom(configured, selected) as settings, dask_stages(settings) as dask:
        writer = functools.partial(warehouse_writer, settings.paths.database_path, **writer_options(settings))
        archive = WarcArchive(settings.paths.archive_dir, max_file_bytes=settings.paths.warc_max_bytes)
        try:
            with writer() as con:
                upsert_sources(con, [_source_row(s, started) for s in all_sources.values()])
                upsert_topics(con, _topic_rows())
                validators = read_discovery_validators(con, [s.name for s in selected])
            discoveries = discover(settings, selected, archive, validators)
            now = datetime.now(UTC)
            with writer() as con:
                queue = read_retry_queue(
                    con, [s.name for s in selected], now=now, max_attempts=settings.fetch.max_attempts_across_runs
                )
                urls = [item.url for d in discoveries for item in d.items] + [u for _s, u in queue]
                states = read_url_states(con, urls)
            requests, skipped = stages.plan_fetches(
                discoveries, states, queue, now=now, max_attempts=settings.fetch.max_attempts_across_runs
            )
            results = fetch_task(settings, selected, quote(requests), archive)
            if dask is not None:
                parsed = dask.parse(results, all_sources)
            else:
                parsed = parse_task(quote(results), all_sources, settings.pipeline.parse_workers)
            with writer() as con:
                changes = stages.split_changed(con, parsed)
            tags = dask.tag(changes.to_tag) if dask is not None else tag_task(quote(changes.to_tag), settings)
            items = [
                LoadItem(p.fetch.source, p.article, p.content_hash, t)  # type: ignore[arg-type]
                for p, t in zip(changes.to_tag, tags, strict=True)
            ]
            rows, seen_ids = _outcome_rows(run_id, discoveries, results, parsed, changes, states)
            seen_ids += [p.article.id for p in changes.unchanged if p.article and p.article.id]
            summary = summarise(selected, discoveries, results, parsed, changes, skipped)
            with writer() as con:
                # Idempotent: an article another run loaded since split_changed is unchanged here.
                load_task(
                    con, quote(items), quote(rows), quote(seen_ids), settings.pipeline.load_batch_size,
                    settings.fetch.retry_across_runs_base,
                    default_snapshot_path(settings.paths.database_path) if settings.pipeline.publish_snapshot else None,
                    settings.pipeline.publish_interval,
                )  # fmt: skip
                finished = datetime.now(UTC)
                for s in summary.values():
                    record_run(
                        con, run_id, s.source, started_at=started, finished_at=finished, discovered=s.discovered,
                        new=s.new, updated=s.updated, unchanged=s.unchanged, failed=s.failed,
                    )  # fmt: skip
                    logger.info(
                        "%s: discovered %d, new %d, updated %d, unchanged %d, failed %d, skipped %d",
                        s.source, s.discovered, s.new, s.updated, s.unchanged, s.failed, s.skipped,
                    )  # fmt: skip
                if track_health:
                    alerts = update_source_health(
                        con,
                        run_id,
                        summary.values(),
                        settings.health.quiet_runs,
                        failure_threshold=settings.health.failing_runs,
                        now=finished,
                    )
        finally:
            archive.close()
        webhook = settings.health.webhook_url
        if alerts and webhook and notify_webhook(webhook, alerts, timeout=settings.health.webhook_timeout):
            with writer() as con:
                mark_notified(con, [a.alert_id for a in alerts if a.alert_id is not None], datetime.now(UTC))
    return [
        {
            "source": s.source,
            "discovered": s.discovered,
            "new": s.new,
            "updated": s.updated,
            "unchanged": s.unchanged,
            "failed": s.failed,
            "skipped": s.skipped,
            "unchanged_feeds": s.unchanged_feeds,
            "reasons": dict(s.reasons),
        }
        for s in summary.values()
    ]


def _source_row(source: Source, now: datetime) -> dict[str, object]:
    schedule = f"interval {source.schedule.interval}" if source.schedule.interval else f"cron {source.schedule.cron}"
    return {
        "name": source.name,
        "outlet": source.outlet,
        "kind": source.kind,
        "homepage": source.homepage,
        "feeds": list(source.feeds),
        "sitemaps": list(source.sitemaps),
        "language": source.language,
        "region": source.region,
        "enabled": source.enabled,
        "schedule": schedule,
        "updated_at": now,
    }


def _topic_rows() -> list[dict[str, object]]:
    from tagging.topics import iptc_topic_rows

    return iptc_topic_rows()
