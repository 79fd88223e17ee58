"""``ArticleDraft``: the mutable set of fields the generic chain fills and site parsers override,
turned into the frozen ``Article`` once, at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from mediamon.records import Author


@dataclass(slots=True)
class ArticleDraft:
    """Every ``Article`` field except the body-derived ones (body, links, citations, word count)."""

    title: str | None = None
    canonical_url: str | None = None
    outlet: str | None = None
    publication: str | None = None
    subtitle: str | None = None
    series: str | None = None
    part: int | None = None
    authors: list[Author] = field(default_factory=list)
    published_at: datetime | None = None
    published_source: str | None = None
    modified_at: datetime | None = None
    modified_source: str | None = None
    language: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    volume: str | None = None
    issue: str | None = None
    summary: str | None = None
    image_url: str | None = None
    # Signals for the not-an-article decision, not part of the Article.
    is_typed_article: bool = False
    page_type: str | None = None
