"""Finding the title on a page: the visible headline matched against the metadata titles.

The choice itself (which heading, which segment) is ``parsers.fields.titles.choose_title``.
"""

from __future__ import annotations

import html
import unicodedata
from typing import Any

import lxml.html

from parsers.fields.common import clean as _clean
from parsers.fields.jsonld import text_value
from parsers.fields.meta import MetaTags
from parsers.fields.titles import choose_title, heading_text, heading_variants, is_chrome_heading, links_home
from parsers.page import Page

TITLE_META_KEYS = (
    "og:title",
    "twitter:title",
    "citation_title",
    "dc.title",
    "parsely-title",
    "sailthru.title",
    "title",
)
MAX_TITLE_CHARS = 400


def _first_text(tree: lxml.html.HtmlElement, tag: str) -> str | None:
    for element in tree.iter(tag):
        text = _clean(element.text_content())
        if text:
            return text
    return None


def _headings(
    tree: lxml.html.HtmlElement,
    *tags: str,
    variants: dict[str, list[str]] | None = None,
    limit: int = 60,
    host: str | None = None,
    home_names: list[str] | None = None,
) -> list[tuple[str, str]]:
    """(tag, text) of the first ``limit`` headings outside site chrome, in document order. With
    ``host``, a heading that only links to the front page is the site's name: it goes to
    ``home_names`` instead.
    """
    out: list[tuple[str, str]] = []
    for element in tree.iter(*tags):
        text = heading_text(element)
        if text and len(text) < MAX_TITLE_CHARS and not is_chrome_heading(element):
            if host is not None and home_names is not None and links_home(element, host):
                home_names.append(text)
                continue
            out.append((element.tag, text))
            if variants is not None and text not in variants:
                variants[text] = heading_variants(element)
            if len(out) >= limit:
                break
    return out


def find_title(page: Page, article: dict[str, Any], meta: MetaTags, site_names: list[str]) -> str | None:
    """The title by ``choose_title``: visible headline matched against the metadata titles
    (JSON-LD headline, og:title, twitter:title, citation/DC/parsely/sailthru titles, ``<title>``).
    """
    meta_titles = [
        t
        for t in (
            text_value(article.get("headline")),
            *(meta.first(key) for key in TITLE_META_KEYS),
            _first_text(page.tree, "title"),
        )
        if t
    ]
    meta_titles = [_clean(html.unescape(t)) or "" for t in meta_titles]
    variants: dict[str, list[str]] = {}
    minor = _headings(page.tree, "h2", "h3", variants=variants)
    home_names: list[str] = []
    headings = _headings(page.tree, "h1", variants=variants, host=page.host, home_names=home_names)
    title = choose_title(
        [text for _, text in headings],
        [text for tag, text in minor if tag == "h2"][:10],
        [t for t in meta_titles if t],
        page.host,
        [*site_names, *home_names],
        variants=variants,
        minor_headings=[text for _, text in minor],
    )
    # Composed form: pages mix decomposed and precomposed letters ("য়" as two code points or one).
    return unicodedata.normalize("NFC", title) if title else title
