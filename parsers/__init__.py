"""The parse stage: HTML -> ``Article``. Pure: no network, database, clock or Prefect.

``parse`` picks the site parser registered for the URL's host (``parsers.registry.SITE_PARSERS``)
or else runs the generic chain (``parsers.generic``); see docs/parsing.md.
"""

from __future__ import annotations

import logging
from datetime import datetime

from mediamon.errors import ParseError
from mediamon.records import Article, FeedHints
from parsers.generic import parse_generic
from parsers.page import load_page
from parsers.registry import parser_for_host
from parsers.version import PARSER_VERSION

__all__ = ["PARSER_VERSION", "parse"]

logger = logging.getLogger(__name__)


def parse(
    html: str | bytes,
    *,
    url: str,
    hints: FeedHints | None = None,
    date_order: str | None = None,
    now: datetime | None = None,
) -> Article:
    """Parse one page into an ``Article``.

    Args:
        html: the page as fetched (bytes are decoded here) or as text.
        url: the URL the page was fetched from; picks the site parser and resolves links.
        hints: what the feed/sitemap said (used as fallback for title, date, authors, language).
        date_order: "DMY" or "MDY" for ambiguous numeric dates; else ``hints.date_order``, else
            derived from the page language (en-US and bare "en": MDY; others: DMY).
        now: the current time, if the caller knows it: later dates are rejected. Without it only
            dates after 2100 are rejected (pure code does not read the clock).

    Returns:
        The article, with ``id`` None (the pipeline fills it), ``parser`` "generic" or
        "site:<name>" and ``parser_version``.

    Raises:
        NotAnArticle: empty page, homepage, error page, or no article text.
        ParseError: undecodable, binary or oversized input, or a failure inside a parser
            library (never a raw library exception).
    """
    try:
        page = load_page(html, url=url, hints=hints, date_order=date_order, now=now)
        site = parser_for_host(page.host)
        return site.parse_page(page) if site is not None else parse_generic(page)
    except ParseError:
        raise
    except RecursionError as exc:
        raise ParseError(url, "document too deeply nested") from exc
    except Exception as exc:  # the contract: only typed errors leave parse(), whatever a library raises
        logger.debug("parser failure on %s", url, exc_info=True)
        raise ParseError(url, f"{type(exc).__name__}: {exc}") from exc
