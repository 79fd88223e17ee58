"""Finding the publication and modification dates on a page (see ``find_published``)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import htmldate

from parsers.fields import dates
from parsers.fields.jsonld import JsonLd, text_value
from parsers.fields.meta import MetaTags
from parsers.page import Page

PUBLISHED_META_KEYS = (
    "article:published_time",
    "article:published",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "dc.date.created",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "parsely-pub-date",
    "sailthru.date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "pub_date",
    "article.published",
    "article_date_original",
    "original-publish-date",
    "cxenseparse:recs:publishtime",
    "release_date",
    "created",
    "date_published",
)
MODIFIED_META_KEYS = (
    "article:modified_time",
    "og:updated_time",
    "article:modified",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
    "article.updated",
)
# Two timestamps this close are the same publication instant written in different zones.
SAME_INSTANT_SECONDS = 120


def _machine_dates(page: Page, ld: JsonLd, meta: MetaTags) -> list[tuple[datetime, str]]:
    """Every machine-readable publication date on the page, most trusted first."""
    found: list[tuple[datetime, str]] = []
    order = page.date_order
    for obj in (ld.article, ld.page):
        if obj:
            for key in ("datePublished", "dateCreated"):
                value = dates.parse_iso_datetime(text_value(obj.get(key)))
                if value:
                    found.append((value, "json-ld"))
    for key in PUBLISHED_META_KEYS:
        for raw in meta.values.get(key, ()):
            value = dates.parse_iso_datetime(raw) or dates.parse_date_text(raw, order, page.declared_language)
            if value:
                found.append((value, "meta"))
    for element in page.tree.xpath('//*[@itemprop="datePublished" or @itemprop="dateCreated"][not(self::meta)]'):
        raw = element.get("content") or element.get("datetime") or element.text_content()
        value = dates.parse_iso_datetime(raw) or dates.parse_date_text(raw, order, page.declared_language)
        if value:
            found.append((value, "microdata"))
    # <time> elements are left to htmldate, which weighs them against their context (comments,
    # related stories, "updated" stamps): taking the first one measured worse on dates-dev.
    return [
        (value, source) for value, source in found if dates.is_plausible(value, now=page.now, machine_readable=True)
    ]


def _localised(chosen: datetime, candidates: list[tuple[datetime, str]]) -> datetime:
    """A UTC timestamp re-expressed in the local offset another tag gives for the same instant
    (JSON-LD "22:04Z" + meta "00:04+02:00" -> the publisher's day is the next one).
    """
    if chosen.utcoffset() != timedelta(0):
        return chosen
    for value, _ in candidates:
        offset = value.utcoffset()
        if offset and abs((value - chosen).total_seconds()) <= SAME_INSTANT_SECONDS:
            return chosen.astimezone(value.tzinfo)
    return chosen


def _on_url_day(value: datetime, url_day: datetime) -> datetime | None:
    """``value`` (an instant) in a whole-hour UTC offset under which it falls on ``url_day``'s
    date, or None when no offset within -12..+14 hours does. Keeps the instant, adopts the
    publisher's day from its permalink.
    """
    for hours in sorted(range(-12, 15), key=abs):
        local = value.astimezone(timezone(timedelta(hours=hours)))
        if local.date() == url_day.date():
            return local
    return None


def _htmldate(page: Page, meta: MetaTags) -> tuple[datetime, str] | None:
    upper = page.now or dates.LATEST_PLAUSIBLE
    found = None
    # The quick search first; the extensive one (dateparser over free text) only when it fails.
    for extensive in (False, True):
        try:
            found = htmldate.find_date(
                page.tree,
                url=page.url,
                original_date=True,
                extensive_search=extensive,
                min_date=dates.EARLIEST_PLAUSIBLE.replace(tzinfo=None),
                max_date=upper.replace(tzinfo=None),
            )
        except Exception:  # htmldate raises on odd markup; then there is no date
            found = None
        if found:
            break
    if not found:
        return None
    value = dates.parse_iso_datetime(found)
    if value is None:
        return None
    # Where the day came from a tag, take the full timestamp the tag gives.
    for values in meta.values.values():
        for raw in values:
            if found in raw:
                stamped = dates.parse_iso_datetime(raw)
                return (stamped if stamped and stamped.date() == value.date() else value), "meta"
    for element in page.tree.iter("time"):
        raw = element.get("datetime") or ""
        if found in raw:
            stamped = dates.parse_iso_datetime(raw)
            return (stamped if stamped and stamped.date() == value.date() else value), "time-tag"
    return respect_date_order(value, page), "visible-text"


def _numeric_rendering_re(first: int, second: int, year: int) -> re.Pattern[str]:
    return re.compile(rf"(?<!\d)0?{first}[./-]0?{second}[./-](?:{year}|{year % 100:02d})(?!\d)")


def respect_date_order(value: datetime, page: Page) -> datetime:
    """Swap day and month of a date read from visible text when the page writes it as an
    ambiguous numeric date ("03/04/2023") that only the page's ``date_order`` reading fits the
    other way round (htmldate reads numeric dates day-first regardless of the outlet).
    """
    day, month, year = value.day, value.month, value.year
    if day > 12 or day == month:
        return value
    as_dmy = _numeric_rendering_re(day, month, year).search(page.text) is not None
    as_mdy = _numeric_rendering_re(month, day, year).search(page.text) is not None
    if page.date_order == "MDY" and as_dmy and not as_mdy:
        return value.replace(month=day, day=month)
    if page.date_order == "DMY" and as_mdy and not as_dmy:
        return value.replace(month=day, day=month)
    return value


def find_published(page: Page, ld: JsonLd, meta: MetaTags) -> tuple[datetime | None, str | None]:
    """The publication date and its source.

    Order: machine-readable dates (JSON-LD ``datePublished`` -> ``<meta>`` -> microdata; when
    they disagree, the latest day wins, and within it the most trusted source; a UTC stamp
    takes the local offset of another tag for the same instant) -> htmldate's search of
    the page (``<time>`` elements -> "time-tag", visible datelines -> "visible-text", tags we do
    not read ourselves -> "meta") -> feed hints.
    Then the URL: a full date in the path (/2023/05/11/) is the publisher's own day for the
    permalink. When the chosen date is a day off (UTC vs local), the instant is kept and shown
    in an offset that falls on the URL's day; when it is further off (a re-published or updated
    page) or there is no other date, the URL date wins with source "url". Measured on dates-dev,
    URL days are right 97% of the time against 93% for metadata.
    """
    candidates = _machine_dates(page, ld, meta)
    chosen: tuple[datetime, str] | None = None
    if candidates:
        # Several publication stamps that disagree: the latest is the (re-)publication the page
        # shows (measured on both dev corpora: right about 3 times in 4, the first stamp about
        # 3 in 5). Among stamps of that day the most trusted source wins.
        latest_day = max(value.date() for value, _ in candidates)
        value, source = next(c for c in candidates if c[0].date() == latest_day)
        chosen = _localised(value, candidates), source
    else:
        chosen = _htmldate(page, meta)
    url_day = dates.parse_url_date(page.url)
    if url_day is not None and dates.is_plausible(url_day, now=page.now):
        if chosen is None:
            return url_day, "url"
        value, source = chosen
        if value.date() == url_day.date():
            return value, source
        shifted = _on_url_day(value, url_day) if abs((value.date() - url_day.date()).days) == 1 else None
        return (shifted, source) if shifted is not None else (url_day, "url")
    if chosen is not None:
        return chosen
    hints = page.hints
    if hints is not None and hints.published_at is not None:
        return hints.published_at, "feed"
    return None, None


def find_modified(page: Page, ld: JsonLd, meta: MetaTags) -> tuple[datetime | None, str | None]:
    """The last-modified date and its source: JSON-LD -> ``<meta>`` -> microdata."""
    for obj in (ld.article, ld.page):
        if obj:
            found = dates.parse_iso_datetime(text_value(obj.get("dateModified")))
            if found and dates.is_plausible(found, now=page.now, machine_readable=True):
                return found, "json-ld"
    for key in MODIFIED_META_KEYS:
        for value in meta.values.get(key, ()):
            found = dates.parse_iso_datetime(value)
            if found and dates.is_plausible(found, now=page.now, machine_readable=True):
                return found, "meta"
    for element in page.tree.xpath('//*[@itemprop="dateModified"]'):
        found = dates.parse_iso_datetime(element.get("content") or element.get("datetime") or element.text_content())
        if found and dates.is_plausible(found, now=page.now, machine_readable=True):
            return found, "microdata"
    return None, None
