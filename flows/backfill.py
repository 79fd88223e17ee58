"""Backfill: ingest a source's older articles from its listing pages (newest first).

Everything after discovery is the ingest pipeline itself, so a backfill is resumable and
idempotent the same way: pages already stored are answered by conditional GET or skipped by their
content hash, and a stopped backfill picks up where the stored articles end.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import date
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NONE

from fetching.archive import WarcArchive
from fetching.client import build_client
from fetching.discovery import Discovery, Validators
from fetching.fetcher import Fetcher
from fetching.listing import walk_listing
from fetching.politeness import HostPolicy
from flows import stages
from flows.ingest import run_pipeline
from mediamon.errors import ConfigError
from mediamon.settings import Settings, load_settings
from mediamon.sources import Source, load_sources, select_sources


@task(name="discover-listing", cache_policy=NONE)
def listing_task(
    settings: Settings, sources: Sequence[Source], archive: WarcArchive, pages: int | None, since: date | None
) -> list[Discovery]:
    async def run() -> list[Discovery]:
        async with build_client(settings.fetch) as client:
            fetcher = Fetcher(
                client, stages.host_policies(settings.fetch, sources), HostPolicy.merge(settings.fetch), archive,
                settings.fetch.concurrent_requests,
            )
            return [await walk_listing(fetcher, s, max_pages=pages, since=since) for s in sources]

    return asyncio.run(run())


@flow(name="backfill", log_prints=False, validate_parameters=False)
def backfill_flow(
    source_name: str,
    pages: int | None = None,
    since: str | None = None,
    settings_overrides: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """Backfill one source from its listing pages: at most ``pages`` pages, or back to ``since``
    (YYYY-MM-DD), whichever comes first.

    Raises:
        ConfigError: unknown source, no listing configured, or a malformed ``since``.
    """
    settings = load_settings(None, **(settings_overrides or {}))
    all_sources = load_sources(settings.paths.sources_file)
    [source] = select_sources(all_sources, [source_name], path=settings.paths.sources_file)
    if source.listing is None:
        raise ConfigError(
            f"{settings.paths.sources_file}: source {source_name!r} has no [sources.{source_name}.listing] "
            "table (url, item, link, date, next) to backfill from"
        )
    try:
        since_day = date.fromisoformat(since) if since else None
    except ValueError as exc:
        raise ConfigError(f"--since {since!r} is not a date in YYYY-MM-DD form") from exc

    def discover(
        run_settings: Settings, sources: Sequence[Source], archive: WarcArchive, _validators: Validators
    ) -> list[Discovery]:
        # Listing pages change with every new article: always read them whole.
        return listing_task(run_settings, sources, archive, pages, since_day)

    return run_pipeline(settings, [source], all_sources, discover)
