"""Backfill from sitemaps: a source's articles dated within a range.

Feeds list the latest articles only; sitemaps list everything, each entry with a ``<lastmod>`` and,
in Google News sitemaps, a ``<news:publication_date>``. This backfill reads the source's sitemaps
in full (no conditional GET: a 304 would list nothing; the feeds are left out), keeps the entries
dated within the range (publication date first, else lastmod, in UTC; undated entries are counted
and left out), drops the URLs the warehouse already holds an article for (no request at all), and
runs the ingest pipeline (``flows.ingest.run_pipeline``) on at most ``limit`` of the rest.

Resumable: a run stopped half-way, or one that hit ``limit``, is continued by running it again; what
earlier runs loaded is not fetched again. Idempotent: once the range is done, a run fetches nothing.
(``flows/backfill.py`` backfills from listing pages instead, for sources without sitemaps.)
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from lxml import etree
from prefect import flow, get_run_logger

from fetching.archive import WarcArchive
from fetching.discovery import Discovery, Validators
from flows.ingest import discover_task, run_pipeline
from flows.maintenance import flow_settings, summary_totals, writer_for
from mediamon.errors import ConfigError
from mediamon.records import FeedItem, FetchResult
from mediamon.settings import Settings
from mediamon.sources import Source, load_sources, select_sources
from mediamon.urls import normalize_url

DEFAULT_LIMIT = 2000
_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# A URL with one of these last outcomes and an article needs no fetch: its article is stored.
LOADED_OUTCOMES = ("new", "updated", "unchanged", "not_modified")


def sitemap_lastmods(fetches: Sequence[FetchResult]) -> dict[str, datetime]:
    """``<lastmod>`` of every ``<url>`` entry in the fetched sitemaps, by normalised URL.

    Sitemap indexes and unreadable bodies give nothing (discovery has recorded why).
    """
    found: dict[str, datetime] = {}
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    for result in fetches:
        if not result.ok or not result.body:
            continue
        body = result.body
        try:
            if body[:2] == b"\x1f\x8b":
                body = gzip.GzipFile(fileobj=io.BytesIO(body)).read()
            root = etree.fromstring(body, parser=parser)
        except (OSError, etree.XMLSyntaxError):
            continue
        if etree.QName(root).localname != "urlset":
            continue
        for node in root.iter(f"{_SITEMAP_NS}url", "url"):
            loc = node.findtext(f"{_SITEMAP_NS}loc") or node.findtext("loc")
            moment = _parse_datetime(node.findtext(f"{_SITEMAP_NS}lastmod") or node.findtext("lastmod"))
            if loc and moment is not None:
                found[normalize_url(loc.strip())] = moment
    return found


def _parse_datetime(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def entry_date(item: FeedItem, lastmods: dict[str, datetime]) -> date | None:
    """The UTC day of an entry: its publication date when the sitemap gives one, else lastmod."""
    moment = item.hints.published_at or lastmods.get(normalize_url(item.url))
    return moment.astimezone(UTC).date() if moment else None


def select_in_range(discovery: Discovery, since: date, until: date) -> tuple[list[FeedItem], int]:
    """The entries dated within [since, until] (both days included), and how many had no date."""
    lastmods = sitemap_lastmods(discovery.fetches)
    chosen: list[FeedItem] = []
    undated = 0
    for item in discovery.items:
        day = entry_date(item, lastmods)
        if day is None:
            undated += 1
        elif since <= day <= until:
            chosen.append(item)
    return chosen, undated


def _day(value: str | None, default: date, name: str) -> date:
    if value is None:
        return default
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ConfigError(f"{name} {value!r} is not a date in YYYY-MM-DD form") from exc


@flow(name="backfill-sitemaps", log_prints=False, validate_parameters=False)
def sitemap_backfill_flow(
    source_name: str,
    since: str,
    until: str | None = None,
    settings_overrides: dict[str, Any] | None = None,
    settings_file: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> dict[str, Any]:
    """Ingest the sitemap entries of ``source_name`` dated from ``since`` to ``until`` (YYYY-MM-DD,
    both included; ``until`` defaults to today), at most ``limit`` per run.

    Raises:
        ConfigError: unknown source, a source without sitemaps, or a malformed day.

    Returns:
        listed (sitemap entries), in_range, undated, already_loaded, fetched (this run), remaining
        (for the next run), and the run's totals: new, updated, unchanged, failed, skipped.
    """
    logger = get_run_logger()
    settings = flow_settings(settings_overrides, settings_file)
    all_sources = load_sources(settings.paths.sources_file)
    (source,) = select_sources(all_sources, [source_name], path=settings.paths.sources_file)
    if not source.sitemaps:
        raise ConfigError(f"{source.name}: no sitemaps to backfill from (flows/backfill.py reads listing pages)")
    first = _day(since, date.min, "since")
    last = _day(until, datetime.now(UTC).date(), "until")
    with writer_for(settings)() as con:
        loaded = {
            url
            for (url,) in con.execute(
                """SELECT url FROM url_state WHERE source = ? AND article_id IS NOT NULL
                   AND list_contains(?, last_outcome)""",
                [source.name, list(LOADED_OUTCOMES)],
            ).fetchall()
        }
    counts: dict[str, Any] = {}

    def discover(
        run_settings: Settings, sources: Sequence[Source], archive: WarcArchive, _validators: Validators
    ) -> list[Discovery]:
        sitemaps_only = [s.model_copy(update={"feeds": (), "max_items": None}) for s in sources]
        # Read in full: the validators of the last ingest would answer 304 and list nothing.
        (found,) = discover_task(run_settings, sitemaps_only, archive, {})
        chosen, undated = select_in_range(found, first, last)
        todo = [item for item in chosen if item.url not in loaded]
        counts.update(
            listed=len(found.items),
            in_range=len(chosen),
            undated=undated,
            already_loaded=len(chosen) - len(todo),
            fetched=min(len(todo), limit),
            remaining=max(len(todo) - limit, 0),
        )
        logger.info(
            "backfill %s %s..%s: %d sitemap entries, %d in range (%d undated), %d already loaded, "
            "%d to fetch now, %d left for the next run",
            source.name,
            first,
            last,
            counts["listed"],
            counts["in_range"],
            undated,
            counts["already_loaded"],
            counts["fetched"],
            counts["remaining"],
        )
        return [Discovery(source=found.source, items=todo[:limit], fetches=found.fetches, errors=found.errors)]

    summary = run_pipeline(settings, [source], all_sources, discover)
    return {
        "source": source.name,
        "since": first.isoformat(),
        "until": last.isoformat(),
        **counts,
        **summary_totals(summary),
    }
