"""URL normalisation and the article id derived from it.

The id of an article is the first 16 hex digits of the SHA-256 of its normalised canonical URL, so
an article reached through two feeds, two URLs or two runs is stored once.
"""

from __future__ import annotations

import contextlib
import hashlib
from urllib.parse import urlsplit, urlunsplit

from courlan import normalize_url as _courlan_normalize


def normalize_url(url: str) -> str:
    """Normalise a URL for identity: lowercase scheme and host, no default port, no tracking
    parameters (utm_*, fbclid, gclid, ...), sorted query, no fragment.

    courlan does the scheme/host/port/tracking work; the fragment is dropped here because two
    fragments of one page are one article.
    """
    cleaned = url.strip()
    # courlan refuses some malformed URLs; identity still needs a stable string.
    with contextlib.suppress(ValueError):
        cleaned = _courlan_normalize(cleaned)
    parts = urlsplit(cleaned)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def article_id(canonical_url: str) -> str:
    """A stable 16-hex-digit id for the article at ``canonical_url`` (normalised first)."""
    return hashlib.sha256(normalize_url(canonical_url).encode("utf-8")).hexdigest()[:16]


def host_of(url: str) -> str:
    """The lowercase host name of ``url`` without port ("" when there is none)."""
    return (urlsplit(url).hostname or "").lower()
