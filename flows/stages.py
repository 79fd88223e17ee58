"""The ingest stages as plain functions, so each runs, tests and re-runs without Prefect.

discover → fetch → parse → tag → load. ``flows/ingest.py`` wraps each in a Prefect task.
"""

from __future__ import annotations

import asyncio
import codecs
import hashlib
import logging
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import duckdb

from fetching.archive import WarcArchive
from fetching.client import build_client
from fetching.discovery import Discovery, Validators, discover_source
from fetching.fetcher import Fetcher, FetchRequest
from fetching.politeness import HostPolicy
from mediamon.errors import NotAnArticle, ParseError
from mediamon.progress import progress
from mediamon.records import Article, FetchResult, Tags
from mediamon.settings import FetchSettings, Settings
from mediamon.sources import Source
from mediamon.urls import article_id, host_of, normalize_url
from warehouse.load import FetchRow, LoadCounts, LoadItem, UrlState, load_batch, read_content_hashes

logger = logging.getLogger(__name__)

TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class Parsed:
    """The parse stage's verdict on one fetched page: an article, or the reason there is none."""

    fetch: FetchResult
    article: Article | None
    content_hash: str | None
    outcome: str  # "parsed" | "parse_failed" | "not_article"
    error: str | None = None


@dataclass(slots=True)
class SourceSummary:
    """Per-source counts of one run, as printed at the end and stored in ``runs``."""

    source: str
    discovered: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    skipped: int = 0
    unchanged_feeds: int = 0  # feeds and sitemaps answered 304: nothing listed again
    reasons: Counter[str] = field(default_factory=Counter)

    def fail(self, reason: str) -> None:
        self.failed += 1
        self.reasons[_reason_family(reason)] += 1


# --- discover & fetch -----------------------------------------------------------------------


def host_policies(settings: FetchSettings, sources: Sequence[Source]) -> dict[str, HostPolicy]:
    """Each source's merged politeness policy, keyed by every host its URLs name."""
    policies: dict[str, HostPolicy] = {}
    for source in sources:
        policy = HostPolicy.merge(settings, source.politeness)
        for url in (source.homepage, *source.feeds, *source.sitemaps):
            policies.setdefault(host_of(url), policy)
    return policies


def discover(
    settings: FetchSettings,
    sources: Sequence[Source],
    archive: WarcArchive | None = None,
    validators: Validators | None = None,
) -> list[Discovery]:
    """Run discovery for every source concurrently (one client for the whole stage); feeds and
    sitemaps are fetched conditionally with ``validators``."""

    async def run() -> list[Discovery]:
        async with build_client(settings) as client:
            fetcher = Fetcher(
                client,
                host_policies(settings, sources),
                HostPolicy.merge(settings),
                archive,
                settings.concurrent_requests,
            )
            return list(await asyncio.gather(*(discover_source(fetcher, s, validators) for s in sources)))

    sink = progress()
    sink.start("discover", len(sources))
    found = asyncio.run(run())
    sink.advance("discover", len(sources))
    sink.finish("discover")
    return found


@dataclass(frozen=True, slots=True)
class Skipped:
    """A discovered URL this run does not fetch, and why."""

    source: str
    url: str
    reason: str


def plan_fetches(
    discoveries: Sequence[Discovery],
    states: dict[str, UrlState],
    retry_queue: Sequence[tuple[str, str]],
    *,
    now: datetime,
    max_attempts: int,
) -> tuple[list[FetchRequest], list[Skipped]]:
    """What to fetch this run: every discovered URL that is due, plus the retry queue.

    A URL whose last attempt failed for good (a 4xx, a refused type) is not fetched again, nor one
    still backing off after a transient failure or out of attempts; it stays in ``url_state``.
    Stored validators make every request conditional.
    """
    requests: list[FetchRequest] = []
    skipped: list[Skipped] = []
    planned: set[str] = set()
    for found in discoveries:
        for item in found.items:
            state = states.get(item.url)
            if state is not None and not state.due(now, max_attempts):
                if state.next_retry_at is None or state.failures >= max_attempts:
                    reason = "failed before for good"
                else:
                    reason = "backing off after a failure"
                skipped.append(Skipped(item.source, item.url, reason))
                continue
            planned.add(item.url)
            requests.append(
                FetchRequest(
                    source=item.source,
                    url=item.url,
                    etag=state.etag if state else None,
                    last_modified=state.last_modified if state else None,
                    hints=item.hints,
                )
            )
    for source, url in retry_queue:
        if url not in planned:  # a failed URL the feeds no longer list is still owed an attempt
            planned.add(url)
            requests.append(FetchRequest(source=source, url=url))
    return requests, skipped


def fetch(
    settings: FetchSettings,
    sources: Sequence[Source],
    requests: Sequence[FetchRequest],
    archive: WarcArchive | None = None,
) -> list[FetchResult]:
    """Fetch every request concurrently, politely, in order; every response archived."""
    sink = progress()
    sink.start("fetch", len(requests))

    async def run() -> list[FetchResult]:
        async with build_client(settings) as client:
            fetcher = Fetcher(
                client,
                host_policies(settings, sources),
                HostPolicy.merge(settings),
                archive,
                settings.concurrent_requests,
            )
            return await fetcher.fetch_many(requests, on_done=lambda _r: sink.advance("fetch"))

    results = asyncio.run(run())
    sink.finish("fetch")
    return results


# --- parse ----------------------------------------------------------------------------------


def parse_one(result: FetchResult, date_order: str | None = None) -> Parsed:
    """Parse one fetched page into an ``Article`` with its id and content hash.

    The id comes from the normalised canonical URL the page declares, unless that canonical URL
    is on another host or is the site's root (a common publisher mistake that would merge every
    page into one), in which case the final fetched URL is used.
    """
    import parsers  # heavy import, and only needed in the process that parses

    html = decode_body(result.body, _charset(result.header("content-type")))
    try:
        article = parsers.parse(html, url=result.final_url, hints=result.hints, date_order=date_order)
    except NotAnArticle as exc:
        return Parsed(result, None, None, "not_article", f"not an article: {exc.reason}")
    except ParseError as exc:
        return Parsed(result, None, None, "parse_failed", f"parse error: {exc.reason}")
    except Exception as exc:  # a parser bug must not stop the run; it is recorded with the URL
        logger.exception("parser crashed on %s", result.final_url)
        return Parsed(result, None, None, "parse_failed", f"parser crashed: {type(exc).__name__}: {exc}")
    canonical = choose_canonical(article.canonical_url, result.final_url)
    article = replace(article, canonical_url=canonical, id=article_id(canonical))
    return Parsed(result, article, content_hash(article), "parsed")


def decode_body(body: bytes, charset: str | None) -> str | bytes:
    """Text of a response body when its HTTP charset holds, else the bytes for the parser to sniff.

    Servers lie about charsets: a body that does not decode strictly with the declared one goes to
    the parser's detection (BOM, <meta charset>, UTF-8, charset-normalizer); "latin-1" pages that
    are valid UTF-8 are read as UTF-8, as browsers do.
    """
    if not charset or body.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return body
    try:
        codec = codecs.lookup(charset).name
    except LookupError:
        return body
    candidates = ("utf-8", "cp1252") if codec in ("latin-1", "iso8859-1", "ascii", "cp1252") else (codec,)
    for candidate in candidates:
        try:
            return body.decode(candidate)
        except UnicodeDecodeError:
            continue
    return body


def choose_canonical(declared: str | None, final_url: str) -> str:
    """The URL an article is identified by: its declared canonical URL when plausible."""
    if declared and declared.startswith(("http://", "https://")):
        same_host = host_of(declared).removeprefix("www.") == host_of(final_url).removeprefix("www.")
        path = declared.split("://", 1)[1].partition("/")[2]
        if same_host and path.strip("/"):
            return normalize_url(declared)
    return normalize_url(final_url)


def content_hash(article: Article) -> str:
    """SHA-256 of what tagging and analysts see: title, subtitle and body text."""
    text = "\x1f".join((article.title, article.subtitle or "", article.body))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _parse_chunk(chunk: list[tuple[FetchResult, str | None]]) -> list[Parsed]:
    return [parse_one(result, order) for result, order in chunk]


def parse(results: Sequence[FetchResult], sources: dict[str, Source], *, workers: int = 1) -> list[Parsed]:
    """Parse every successfully fetched page (status 200..299 with a body), in order."""
    todo = [
        (r, sources[r.source].date_order if r.source in sources else None)
        for r in results
        if r.ok and r.status is not None and r.status != 304
    ]
    sink = progress()
    sink.start("parse", len(todo))
    out: list[Parsed] = []
    if workers <= 1 or len(todo) < 50:
        for result, order in todo:
            out.append(parse_one(result, order))
            sink.advance("parse")
    else:
        size = max(10, len(todo) // (workers * 8))
        chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for parsed in pool.map(_parse_chunk, chunks):
                out.extend(parsed)
                sink.advance("parse", len(parsed))
    sink.finish("parse")
    return out


# --- tag --------------------------------------------------------------------------------------


@cache
def _tagger(config_dir: str, processes: int, batch_size: int):  # type: ignore[no-untyped-def]
    import tagging  # loads spaCy: only where tagging happens

    return tagging.load_tagger(Path(config_dir), processes=processes, batch_size=batch_size)


def tagger_for(settings: Settings):  # type: ignore[no-untyped-def]
    """The process's tagger, loaded once (models are expensive)."""
    return _tagger(str(settings.paths.config_dir), settings.pipeline.tag_processes, settings.pipeline.tag_batch_size)


def tag(articles: Sequence[Article], settings: Settings) -> list[Tags]:
    """Tag every article (entities, topics, watch topics, keyphrases), in order."""
    sink = progress()
    sink.start("tag", len(articles))
    tagger = tagger_for(settings)
    out = []
    for tags in tagger.tag_many((a.body, a.title) for a in articles):
        out.append(tags)
        sink.advance("tag")
    sink.finish("tag")
    return out


# --- load -------------------------------------------------------------------------------------


@dataclass(slots=True)
class Changes:
    """Parsed articles sorted against the warehouse."""

    new: list[Parsed] = field(default_factory=list)
    updated: list[Parsed] = field(default_factory=list)
    unchanged: list[Parsed] = field(default_factory=list)

    @property
    def to_tag(self) -> list[Parsed]:
        return self.new + self.updated


def split_changed(con: duckdb.DuckDBPyConnection, parsed: Sequence[Parsed]) -> Changes:
    """Sort parsed pages into new articles, changed ones and unchanged ones (same content hash).

    Two pages in one run that resolve to the same article id (two URLs, one canonical) are one
    article: the first is kept and the others count as unchanged.
    """
    articles = [p for p in parsed if p.article is not None]
    stored = read_content_hashes(con, [p.article.id for p in articles if p.article and p.article.id])
    changes = Changes()
    taken: set[str] = set()
    for p in articles:
        assert p.article is not None
        assert p.article.id is not None
        if p.article.id in taken or stored.get(p.article.id) == p.content_hash:
            changes.unchanged.append(p)
            continue
        taken.add(p.article.id)
        (changes.updated if p.article.id in stored else changes.new).append(p)
    return changes


def fetch_row(
    run_id: str,
    result: FetchResult,
    outcome: str,
    *,
    error: str | None = None,
    article: Article | None = None,
    digest: str | None = None,
) -> FetchRow:
    """The ``fetches`` row of one attempt."""
    return FetchRow(
        run_id=run_id,
        source=result.source,
        url=result.url,
        outcome=outcome,
        fetched_at=result.fetched_at,
        final_url=result.final_url,
        status=result.status,
        error=error if error is not None else result.error,
        duration_ms=round(result.duration_ms, 3),
        bytes=len(result.body),
        content_type=result.header("content-type"),
        etag=result.header("etag") if result.ok else None,
        last_modified=result.header("last-modified") if result.ok else None,
        content_hash=digest,
        article_id=article.id if article else None,
        redirects=result.redirects,
        warc_file=result.warc[0] if result.warc else None,
        warc_offset=result.warc[1] if result.warc else None,
        transient=outcome == "failed" and is_transient(result),
    )


def is_transient(result: FetchResult) -> bool:
    """Whether a failed fetch may succeed later: no response, a timeout-like status or a 5xx."""
    return result.status is None or result.status in TRANSIENT_STATUSES


def load(
    con: duckdb.DuckDBPyConnection,
    items: Sequence[LoadItem],
    rows: Sequence[FetchRow],
    seen_ids: Sequence[str],
    *,
    batch_size: int,
    now: datetime | None = None,
    retry_base: float = 900.0,
    after_batch: Callable[[], None] | None = None,
) -> LoadCounts:
    """Load in batches of ``batch_size`` articles, one transaction each; fetch rows ride along
    with the batch that holds their article (the rest with the last batch). ``after_batch`` runs
    after each commit (the ingest flow publishes the readers' snapshot there)."""
    when = now or datetime.now(UTC)
    total = LoadCounts()
    sink = progress()
    sink.start("load", len(items))
    by_article: dict[str, list[FetchRow]] = {}
    loose: list[FetchRow] = []
    wanted = {it.article.id for it in items}
    for row in rows:
        if row.article_id in wanted and row.outcome in ("new", "updated"):
            by_article.setdefault(row.article_id, []).append(row)  # type: ignore[arg-type]
        else:
            loose.append(row)
    batches = [list(items[i : i + batch_size]) for i in range(0, len(items), batch_size)] or [[]]
    for index, batch in enumerate(batches):
        last = index == len(batches) - 1
        batch_rows = [r for it in batch for r in by_article.get(it.article.id or "", [])]
        counts = load_batch(
            con,
            batch,
            batch_rows + (loose if last else []),
            seen_ids=seen_ids if last else (),
            now=when,
            retry_base=retry_base,
        )
        total.new += counts.new
        total.updated += counts.updated
        total.unchanged += counts.unchanged
        total.mentions += counts.mentions
        total.new_ids.extend(counts.new_ids)
        sink.advance("load", len(batch))
        if after_batch is not None:
            after_batch()
    sink.finish("load")
    return total


def _charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


def _reason_family(reason: str) -> str:
    """Group reasons for the summary ("HTTP 404", "timeout", ...) without URLs."""
    return reason.split(" at ", 1)[0].split(": http", 1)[0][:80]
