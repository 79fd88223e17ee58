"""Typed, frozen records handed from one pipeline stage to the next.

discover -> ``FeedItem`` -> fetch -> ``FetchResult`` -> parse -> ``Article`` -> tag -> ``Tags`` -> load

Every arrow hands over one of these, never a dict. They are plain frozen dataclasses (slots) so
that they pickle cheaply into process pools and cost nothing to build in bulk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

# Where a date came from, in the order the generic parser chain trusts them.
DATE_SOURCES = ("feed", "json-ld", "meta", "time-tag", "microdata", "visible-text", "url")


@dataclass(frozen=True, slots=True)
class FeedHints:
    """What a feed or sitemap said about an article before it was fetched.

    Parsers may use it as a fallback (e.g. a feed's pubDate when the page carries no date).
    """

    title: str | None = None
    published_at: datetime | None = None
    authors: tuple[str, ...] = ()
    summary: str | None = None
    language: str | None = None
    # The outlet's day/month convention for ambiguous numeric dates: "DMY" or "MDY".
    date_order: str | None = None


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One article URL found by discovery (feed entry, sitemap url, listing link)."""

    source: str
    url: str
    discovered_via: str  # "rss", "atom", "sitemap", "news-sitemap", "listing", "seed"
    hints: FeedHints = field(default_factory=FeedHints)


@dataclass(frozen=True, slots=True)
class FetchResult:
    """The outcome of fetching one URL: a response, or an error with its reason.

    ``error`` is None when a usable body was received (2xx). ``status`` is None when no
    HTTP response was received at all (connection refused, timeout, ...).
    """

    source: str
    url: str
    final_url: str
    status: int | None
    headers: tuple[tuple[str, str], ...]
    body: bytes
    fetched_at: datetime
    duration_ms: float
    error: str | None = None
    redirects: tuple[str, ...] = ()
    hints: FeedHints = field(default_factory=FeedHints)
    warc: tuple[str, int] | None = None  # (WARC file name, record offset) in the raw archive

    @property
    def ok(self) -> bool:
        return self.error is None

    def header(self, name: str) -> str | None:
        lname = name.lower()
        for key, value in self.headers:
            if key.lower() == lname:
                return value
        return None


@dataclass(frozen=True, slots=True)
class Link:
    """An outbound link found in the article body."""

    url: str
    text: str


@dataclass(frozen=True, slots=True)
class CitedSource:
    """A parenthetical citation such as "(BelTA, July 6)": who is cited and the date text given."""

    name: str
    date_text: str | None
    raw: str


@dataclass(frozen=True, slots=True)
class Author:
    name: str
    affiliation: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A parsed article. ``id`` is filled by the pipeline from the normalised canonical URL."""

    url: str
    title: str
    body: str  # plain text, paragraphs separated by a blank line ("\\n\\n")
    canonical_url: str | None = None
    id: str | None = None
    outlet: str | None = None  # site name, e.g. "The Jamestown Foundation"
    publication: str | None = None  # e.g. "Eurasia Daily Monitor"
    subtitle: str | None = None
    series: str | None = None
    part: int | None = None
    authors: tuple[Author, ...] = ()
    published_at: datetime | None = None
    published_source: str | None = None  # one of DATE_SOURCES
    modified_at: datetime | None = None
    modified_source: str | None = None
    language: str | None = None  # the declared language, else the detected one
    language_declared: str | None = None  # <html lang>, content-language, og:locale, JSON-LD, feed
    language_detected: str | None = None  # guessed from the body text (None when unsure)
    section: str | None = None
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    volume: str | None = None
    issue: str | None = None
    summary: str | None = None  # lead / dek / description
    links: tuple[Link, ...] = ()
    cited_sources: tuple[CitedSource, ...] = ()
    image_url: str | None = None
    word_count: int = 0
    parser: str = "generic"
    parser_version: str = "0"

    @property
    def author_names(self) -> tuple[str, ...]:
        return tuple(a.name for a in self.authors)


@dataclass(frozen=True, slots=True)
class EntityMention:
    """One mention of an entity in an article's text (character offsets into that text)."""

    start: int
    end: int
    text: str
    type: str  # PERSON, ORG, GPE, LOC, NORP, EVENT, FAC, PRODUCT, LAW, ...
    entity_id: str  # stable id of the canonical entity
    canonical: str  # preferred name of the canonical entity
    sentence: int = 0  # index of the sentence in the text
    in_title: bool = False  # True when the offsets point into the title, not the body


@dataclass(frozen=True, slots=True)
class CanonicalEntity:
    entity_id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    wikidata_id: str | None = None


@dataclass(frozen=True, slots=True)
class TopicScore:
    code: str  # e.g. "medtop:11000000"
    label: str
    score: float
    scheme: str = "iptc-mediatopic"
    level: int = 1


@dataclass(frozen=True, slots=True)
class WatchMatch:
    name: str
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Tags:
    """What tagging found in one article."""

    entities: tuple[EntityMention, ...] = ()
    canonical_entities: tuple[CanonicalEntity, ...] = ()
    topics: tuple[TopicScore, ...] = ()
    watch: tuple[WatchMatch, ...] = ()
    keyphrases: tuple[str, ...] = ()
    tagger_version: str = "0"
