"""Discovery: the article URLs a source's feeds and sitemaps list.

Feeds (RSS 0.9x/1.0/2.0, Atom, JSON Feed) are read with feedparser; sitemaps (urlset, sitemap
index, Google News sitemap, gzipped) with lxml. A sitemap index is followed recursively, bounded
in depth and count, and a sitemap that lists itself (or any already-read sitemap) is read once.
"""

from __future__ import annotations

import calendar
import gzip
import io
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin

import feedparser
from lxml import etree
from lxml import html as lxml_html

from fetching.fetcher import Fetcher, FetchRequest
from mediamon.records import FeedHints, FeedItem, FetchResult
from mediamon.sources import Source
from mediamon.urls import normalize_url

logger = logging.getLogger(__name__)

Validators = Mapping[str, tuple[str | None, str | None]]
MAX_SITEMAP_DEPTH = 3
MAX_SITEMAPS = 500
MAX_DECOMPRESSED_SITEMAP = 50 * 1024 * 1024
_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@dataclass(slots=True)
class Discovery:
    """What discovery found for one source: items, and every fetch it made (for the record)."""

    source: str
    items: list[FeedItem] = field(default_factory=list)
    fetches: list[FetchResult] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)
    not_modified: list[str] = field(default_factory=list)  # feeds and sitemaps answered 304


async def discover_source(fetcher: Fetcher, source: Source, validators: Validators | None = None) -> Discovery:
    """Every article URL the source's feeds and sitemaps list, deduplicated by normalised URL.

    Feed entries come first (they carry the richest hints); a URL found again in a sitemap keeps
    the feed's hints. Broken feeds or sitemaps are recorded in ``errors`` and skipped. Feeds and
    sitemaps are fetched conditionally with ``validators`` (url -> (ETag, Last-Modified) from the
    last run that loaded them): one answered 304 lists nothing new, so it is not read again.
    """
    found = Discovery(source=source.name)
    known = validators or {}

    def request(url: str) -> FetchRequest:
        etag, last_modified = known.get(url, (None, None))
        return FetchRequest(source.name, url, etag=etag, last_modified=last_modified)

    by_url: dict[str, FeedItem] = {}
    feeds = list(source.feeds)
    if source.autodiscover:
        for feed_url in await _autodiscover_feeds(fetcher, source, found):
            if normalize_url(feed_url) not in {normalize_url(f) for f in feeds}:
                feeds.append(feed_url)
    sitemaps = list(source.sitemaps)
    if source.robots_sitemaps:
        for sitemap_url in await fetcher.robots.sitemaps(source.homepage):
            if normalize_url(sitemap_url) not in {normalize_url(s) for s in sitemaps}:
                sitemaps.append(sitemap_url)
    for feed_url in feeds:
        result = await fetcher.fetch(request(feed_url))
        found.fetches.append(result)
        if not result.ok:
            found.errors.append((feed_url, result.error or "failed"))
            continue
        if result.status == 304:
            found.not_modified.append(feed_url)
            continue
        try:
            items = parse_feed(result.body, source=source.name, date_order=source.date_order)
        except ValueError as exc:
            found.errors.append((feed_url, str(exc)))
            continue
        for item in items:
            by_url.setdefault(normalize_url(item.url), item)
    seen_sitemaps: set[str] = set()
    for sitemap_url in sitemaps:
        await _read_sitemap(fetcher, source, sitemap_url, 0, seen_sitemaps, by_url, found, request)
    found.items = list(by_url.values())
    if source.max_items is not None:
        found.items = found.items[: source.max_items]
    return found


_FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/feed+json", "application/json", "application/rdf+xml"}
)


async def _autodiscover_feeds(fetcher: Fetcher, source: Source, found: Discovery) -> list[str]:
    """Feed URLs the homepage announces with <link rel="alternate" type="application/rss+xml">."""
    result = await fetcher.fetch(FetchRequest(source.name, source.homepage))
    found.fetches.append(result)
    if not result.ok:
        found.errors.append((source.homepage, result.error or "failed"))
        return []
    return find_feed_links(result.body, result.final_url)


def find_feed_links(body: bytes, base_url: str) -> list[str]:
    """Absolute feed URLs from a page's <link rel="alternate"> elements, in page order."""
    try:
        tree = lxml_html.fromstring(body)
    except (etree.ParserError, ValueError):
        return []
    links = []
    for link in tree.iterfind(".//link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        href = link.get("href")
        if "alternate" in rel and kind in _FEED_TYPES and href:
            absolute = urljoin(base_url, href.strip())
            if absolute not in links:
                links.append(absolute)
    return links


def parse_feed(body: bytes, *, source: str, date_order: str | None = None) -> list[FeedItem]:
    """Entries of an RSS/Atom/JSON feed as ``FeedItem``s.

    Raises:
        ValueError: the body is not a feed feedparser can read (no entries and a parse error).
    """
    if body.lstrip()[:1] == b"{":
        return parse_json_feed(body, source=source, date_order=date_order)
    parsed = feedparser.parse(body)
    if not parsed.entries:
        if not parsed.get("version"):
            # feedparser reads almost anything; no recognised version means it found no feed.
            problem = parsed.get("bozo_exception") or "no RSS, Atom or JSON Feed root element"
            raise ValueError(f"not a feed: {problem}")
        return []
    kind = "atom" if parsed.version.startswith("atom") else "rss"
    if parsed.version.startswith("json"):
        kind = "jsonfeed"
    items = []
    for entry in parsed.entries:
        link = entry.get("link") or entry.get("id")
        if not link or not str(link).startswith(("http://", "https://")):
            continue
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        authors = tuple(a.get("name", "") for a in entry.get("authors", []) if a.get("name"))
        hints = FeedHints(
            title=entry.get("title"),
            published_at=datetime.fromtimestamp(calendar.timegm(published), UTC) if published else None,
            authors=authors,
            summary=entry.get("summary"),
            date_order=date_order,
        )
        items.append(FeedItem(source=source, url=str(link), discovered_via=kind, hints=hints))
    return items


def parse_json_feed(body: bytes, *, source: str, date_order: str | None = None) -> list[FeedItem]:
    """Items of a JSON Feed (https://jsonfeed.org, versions 1 and 1.1).

    Hand-written because feedparser 6.0 reads only XML feeds; JSON Feed is plain JSON.

    Raises:
        ValueError: not JSON, or JSON that is not a JSON Feed.
    """
    try:
        document = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"not a feed: invalid JSON ({exc})") from exc
    if not isinstance(document, dict) or "jsonfeed.org" not in str(document.get("version", "")):
        raise ValueError("not a feed: JSON without a jsonfeed.org version")
    items = []
    for entry in document.get("items") or []:
        if not isinstance(entry, dict):
            continue
        link = entry.get("url") or entry.get("external_url") or entry.get("id")
        if not isinstance(link, str) or not link.startswith(("http://", "https://")):
            continue
        people = entry.get("authors") or ([entry["author"]] if isinstance(entry.get("author"), dict) else [])
        authors = tuple(str(p["name"]) for p in people if isinstance(p, dict) and p.get("name"))
        summary = entry.get("summary") or entry.get("content_text")
        hints = FeedHints(
            title=entry.get("title") if isinstance(entry.get("title"), str) else None,
            published_at=_iso_datetime(
                entry.get("date_published") if isinstance(entry.get("date_published"), str) else None
            ),
            authors=authors,
            summary=summary if isinstance(summary, str) else None,
            language=entry.get("language") or document.get("language"),
            date_order=date_order,
        )
        items.append(FeedItem(source=source, url=link, discovered_via="jsonfeed", hints=hints))
    return items


async def _read_sitemap(
    fetcher: Fetcher,
    source: Source,
    url: str,
    depth: int,
    seen: set[str],
    by_url: dict[str, FeedItem],
    found: Discovery,
    request: Callable[[str], FetchRequest],
) -> None:
    key = normalize_url(url)
    if key in seen:
        return
    if len(seen) >= MAX_SITEMAPS:
        found.errors.append((url, f"skipped, more than {MAX_SITEMAPS} sitemaps"))
        return
    seen.add(key)
    result = await fetcher.fetch(request(url))
    found.fetches.append(result)
    if not result.ok:
        found.errors.append((url, result.error or "failed"))
        return
    if result.status == 304:
        found.not_modified.append(url)
        return
    try:
        children, entries = parse_sitemap(result.body, source=source.name, date_order=source.date_order)
    except ValueError as exc:
        found.errors.append((url, str(exc)))
        return
    for item in entries:
        by_url.setdefault(normalize_url(item.url), item)
    if children and depth >= MAX_SITEMAP_DEPTH:
        found.errors.append((url, f"sitemap index deeper than {MAX_SITEMAP_DEPTH} levels, not followed"))
        return
    for child in children:
        await _read_sitemap(fetcher, source, child, depth + 1, seen, by_url, found, request)


def parse_sitemap(body: bytes, *, source: str, date_order: str | None = None) -> tuple[list[str], list[FeedItem]]:
    """A sitemap's child sitemaps (for an index) and article entries (for a urlset).

    Raises:
        ValueError: not XML, not a sitemap, or decompresses past the size limit.
    """
    if body[:2] == b"\x1f\x8b":
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as handle:
            body = handle.read(MAX_DECOMPRESSED_SITEMAP + 1)
        if len(body) > MAX_DECOMPRESSED_SITEMAP:
            raise ValueError("gzipped sitemap decompresses past the size limit")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"not XML: {exc}") from exc
    tag = etree.QName(root).localname
    if tag == "sitemapindex":
        return [loc.text.strip() for loc in root.iter(f"{_SITEMAP_NS}loc", "loc") if loc.text], []
    if tag != "urlset":
        raise ValueError(f"not a sitemap (root element <{tag}>)")
    items = []
    for node in root.iter(f"{_SITEMAP_NS}url", "url"):
        loc = node.findtext(f"{_SITEMAP_NS}loc") or node.findtext("loc")
        if not loc:
            continue
        news = node.find(f"{_NEWS_NS}news")
        published = None
        title = None
        via = "sitemap"
        if news is not None:
            via = "news-sitemap"
            title = news.findtext(f"{_NEWS_NS}title")
            published = _iso_datetime(news.findtext(f"{_NEWS_NS}publication_date"))
        hints = FeedHints(title=title, published_at=published, date_order=date_order)
        items.append(FeedItem(source=source, url=loc.strip(), discovered_via=via, hints=hints))
    return [], items


def _iso_datetime(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
