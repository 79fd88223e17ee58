"""Listing pages for backfill: walk an outlet's archive pages, newest first, collecting article links.

Configured per source with CSS selectors (``[sources.<name>.listing]`` in sources.toml). The walk
stops after ``max_pages`` pages, at a page whose every dated item is older than ``since``, at the
last page (no "next" link), or at a page already seen (a pagination loop).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin

import dateparser
from bs4 import BeautifulSoup

from fetching.discovery import Discovery
from fetching.fetcher import Fetcher, FetchRequest
from mediamon.records import FeedHints, FeedItem
from mediamon.sources import Listing, Source
from mediamon.urls import normalize_url

DEFAULT_MAX_PAGES = 100
_DATE_ORDER = {"DMY": "DMY", "MDY": "MDY", "YMD": "YMD"}


@dataclass(frozen=True, slots=True)
class ListingItem:
    url: str
    title: str | None
    published: date | None


def parse_listing(
    body: bytes, page_url: str, listing: Listing, date_order: str | None
) -> tuple[list[ListingItem], str | None]:
    """The article links of one listing page, and the URL of the next (older) page if any."""
    soup = BeautifulSoup(body, "lxml")
    items: list[ListingItem] = []
    for node in soup.select(listing.item):
        anchor = node if node.name == "a" and node.get("href") else node.select_one(listing.link)
        href = anchor.get("href") if anchor is not None else None
        if not isinstance(href, str) or not href.strip():
            continue
        published = None
        if listing.date:
            date_node = node.select_one(listing.date)
            if date_node is not None:
                published = read_date(date_node.get("datetime") or date_node.get_text(" ", strip=True), date_order)
        title = anchor.get_text(" ", strip=True) if anchor is not None else None
        items.append(ListingItem(urljoin(page_url, href.strip()), title or None, published))
    next_link = soup.select_one(listing.next)
    next_href = next_link.get("href") if next_link is not None else None
    return items, urljoin(page_url, next_href.strip()) if isinstance(next_href, str) and next_href.strip() else None


def read_date(text: str | None, date_order: str | None) -> date | None:
    """A listing's visible date ("10.10.2023", "May 11, 2023", ISO), read in the outlet's order."""
    if not text:
        return None
    settings = {"DATE_ORDER": _DATE_ORDER.get(date_order or "", "DMY"), "PREFER_DAY_OF_MONTH": "first"}
    parsed = dateparser.parse(text, settings=settings)  # type: ignore[arg-type]
    return parsed.date() if parsed else None


async def walk_listing(
    fetcher: Fetcher, source: Source, *, max_pages: int | None = None, since: date | None = None
) -> Discovery:
    """Article URLs from the source's listing pages, newest first, within the bounds above.

    Raises:
        ValueError: the source has no ``listing`` configured.
    """
    if source.listing is None:
        raise ValueError(f"source {source.name!r} has no [sources.{source.name}.listing] to backfill from")
    found = Discovery(source=source.name)
    limit = max_pages or DEFAULT_MAX_PAGES
    seen_pages: set[str] = set()
    seen_items: set[str] = set()
    page_url: str | None = source.listing.url
    while page_url and len(seen_pages) < limit and normalize_url(page_url) not in seen_pages:
        seen_pages.add(normalize_url(page_url))
        result = await fetcher.fetch(FetchRequest(source.name, page_url))
        found.fetches.append(result)
        if not result.ok:
            found.errors.append((page_url, result.error or "failed"))
            break
        items, next_url = parse_listing(result.body, result.final_url, source.listing, source.date_order)
        dated = [i for i in items if i.published is not None]
        for item in items:
            if since is not None and item.published is not None and item.published < since:
                continue
            key = normalize_url(item.url)
            if key not in seen_items:
                seen_items.add(key)
                hints = FeedHints(title=item.title, date_order=source.date_order)
                found.items.append(FeedItem(source.name, item.url, "listing", hints))
        if since is not None and dated and all(i.published < since for i in dated):  # type: ignore[operator]
            break
        page_url = next_url
    return found
