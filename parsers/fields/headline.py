"""Finding the title on a page: the visible headline matched against the metadata titles.

The choice itself (which heading, which segment) is ``parsers.fields.titles.choose_title``.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import lxml.html
from lxml import etree

from parsers.fields.common import clean as _clean
from parsers.fields.jsonld import text_value
from parsers.fields.meta import MetaTags
from parsers.fields.titles import (
    _HEADLINE_PART_RE,
    _compact,
    choose_title,
    heading_text,
    heading_variants,
    is_chrome_heading,
    links_home,
    title_segments,
)
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
_TITLE_CLASS_XPATH = etree.XPath("//body//*[contains(@class, 'title') or contains(@class, 'Title')]")
# Headings are read as headings; a link classed as a title is a teaser.
_NOT_TITLE_ELEMENT_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "a", "title"})
_NOT_TITLE_CLASS_RE = re.compile(r"sub-?title|site-title", re.IGNORECASE)
_SEPARATOR_START_RE = re.compile(r"\s*[-_|:–—»·]")
_CONTENT_TITLE_CLASS_RE = re.compile(
    r"(?:entry|post|article|content|review|story|news|blog|page)[-_]*(?:title|headline)"
    r"|(?:title|headline)[-_]*(?:entry|post|article)",
    re.IGNORECASE,
)
_LEADING_DECORATION_RE = re.compile(r"^[^\w\s\"'„“”‚‘’«»‹›(¿¡#@$€£]{1,3}\s+")


def _document_title(tree: lxml.html.HtmlElement) -> str | None:
    """The ``<title>`` text: looked up in ``<head>`` first, which spares a walk over the body
    (inline SVG icons in the body carry ``<title>`` elements of their own, "Facebook").
    """
    head = tree.find("head")
    for scope in (head, tree) if head is not None else (tree,):
        for element in scope.iter("title"):
            text = _clean(element.text_content())
            if text:
                return text
    return None


def _in_breadcrumb(element: lxml.html.HtmlElement) -> bool:
    """Whether a heading sits in a breadcrumb trail (an ancestor's class or id says so)."""
    return any("breadcrumb" in f"{a.get('class') or ''} {a.get('id') or ''}".lower() for a in element.iterancestors())


def _marked_headline_part(element: lxml.html.HtmlElement) -> bool:
    """Whether exactly one part of a heading made of parts is marked as the headline by its class
    ("<h2><span class='subline'>Topic</span><span class='headline'>Headline</span></h2>").
    """
    parts = [c for c in element if isinstance(c.tag, str)]
    return len(parts) > 1 and sum(1 for c in parts if _HEADLINE_PART_RE.search(c.get("class") or "")) == 1


def _shown_head(tree: lxml.html.HtmlElement, title: str) -> str:
    """A metadata title cut to the head the page shows in an element classed as a title, when the
    rest follows a separator: "Headline-新华网" where ``<div class="h-title">`` says "Headline"
    (the rest is the site's name). Read only for titles that no heading gave.
    """
    for element in _TITLE_CLASS_XPATH(tree):
        if element.tag in _NOT_TITLE_ELEMENT_TAGS or _NOT_TITLE_CLASS_RE.search(element.get("class") or ""):
            continue
        whole = _clean(element.text_content()) or ""
        # The head may follow the section's link: "<a>Eintracht Presse</a> : Headline".
        for text in (whole, whole.partition(" : ")[2]):
            if 5 <= len(text) < len(title) and title.startswith(text) and _SEPARATOR_START_RE.match(title, len(text)):
                return text
    return title


def _headings(
    elements: Iterable[lxml.html.HtmlElement], host: str, limit: int = 60, meta_keys: frozenset[str] = frozenset()
) -> tuple[list[str], list[tuple[str, str]], dict[str, list[str]], list[str], list[str], bool, list[str], list[str]]:
    """The page's headings outside site chrome, from its ``<h1>``-``<h3>`` ``elements`` in
    document order (``Page.headings``): the texts of the first
    ``limit`` ``<h1>``, the (tag, text) of the first ``limit`` ``<h2>``/``<h3>``, the shorter
    readings of each (text -> variants), the texts of headings that only link to the front
    page, which name the site rather than the article, the texts of ``<h2>``/``<h3>`` with a part
    marked as the headline, whether an ``<h1>`` has such a part, the texts of ``<h2>`` classed as
    the content's title, and of headings marked ``itemprop="headline"``.
    """
    major: list[str] = []
    minor: list[tuple[str, str]] = []
    variants: dict[str, list[str]] = {}
    home_names: list[str] = []
    marked: list[str] = []
    major_marked = False
    crumbs: set[str] = set()
    titled: list[str] = []
    microdata: list[str] = []
    shortened: dict[str, str] = {}
    verdicts: dict[lxml.html.HtmlElement, bool | None] = {}
    for element in elements:
        is_major = element.tag == "h1"
        if len(major if is_major else minor) >= limit:
            if len(major) >= limit and len(minor) >= limit:
                break
            continue
        text = heading_text(element)
        if not text or len(text) >= MAX_TITLE_CHARS:
            continue
        # The last crumb of a breadcrumb trail set as the <h1> names the page itself: it is the
        # headline when the metadata gives it word for word.
        if is_chrome_heading(element, verdicts) and not (
            is_major and _compact(text) in meta_keys and _in_breadcrumb(element)
        ):
            continue
        if is_major and _in_breadcrumb(element):
            crumbs.add(text)
        if is_major and links_home(element, host):
            home_names.append(text)
            continue
        if is_major:
            major.append(text)
            major_marked = major_marked or _marked_headline_part(element)
        else:
            minor.append((element.tag, text))
            if _marked_headline_part(element):
                marked.append(text)
            if element.tag == "h2" and _CONTENT_TITLE_CLASS_RE.search(element.get("class") or ""):
                titled.append(text)
            if crumbs:
                whole = " ".join(element.text_content().split())
                if whole != text:
                    shortened.setdefault(_compact(whole), text)
        if element.get("itemprop") == "headline":
            microdata.append(text)
        if text not in variants:
            variants[text] = heading_variants(element)
    # A breadcrumb's <h1> that the article's own heading repeats with a kicker the heading sets
    # apart ("<span class='kicker'>Covid-19</span> Headline"): the heading's reading.
    major = [shortened.get(_compact(t), t) if t in crumbs else t for t in major]
    return major, minor, variants, home_names, marked, major_marked, titled, microdata


def find_title(page: Page, article: dict[str, Any], meta: MetaTags, site_names: list[str]) -> str | None:
    """The title by ``choose_title``: visible headline matched against the metadata titles
    (JSON-LD headline, og:title, twitter:title, citation/DC/parsely/sailthru titles, ``<title>``).

    Headings are read as ``heading_text`` shows them (hidden parts, ``<small>``, kickers and
    ruby annotations dropped) and skipped when ``is_chrome_heading`` (site chrome or hidden);
    an ``<h1>`` that only links to the front page names the site. Then: a title no heading gave
    is cut to the head an element classed as a title shows (``_shown_head``), unless the page's
    one ``itemprop="headline"`` is a heading, or (without an ``<h1>``) its one ``<h2>`` is classed
    as the content's title ("entry-title"): that heading then; an ``<h2>``/``<h3>``
    that shows the JSON-LD headline word for word, or whose part marked as the headline equals a
    metadata title, replaces an ``<h1>`` that differs; a breadcrumb's ``<h1>`` is read as the
    article's own heading sets it (kicker apart). The result is in Unicode composed form (NFC).
    """
    meta_titles = [
        t
        for t in (
            text_value(article.get("headline")),
            *(meta.first(key) for key in TITLE_META_KEYS),
            _document_title(page.tree),
        )
        if t
    ]
    meta_titles = [_clean(html.unescape(t)) or "" for t in meta_titles]
    meta_keys = frozenset(_compact(t) for t in meta_titles if t) | frozenset(
        _compact(segment) for t in meta_titles if t for segment in title_segments(t)[:1]
    )
    headings, minor, variants, home_names, marked, major_marked, titled, microdata = _headings(
        page.headings, page.host, meta_keys=meta_keys
    )
    title = choose_title(
        headings,
        [text for tag, text in minor if tag == "h2"][:10],
        [t for t in meta_titles if t],
        page.host,
        [*site_names, *home_names],
        variants=variants,
        minor_headings=[text for _, text in minor],
    )
    if len(microdata) == 1 and page.text.count('itemprop="headline"') + page.text.count("itemprop='headline'") == 1:
        # The one element the page's microdata marks as the headline (itemprop="headline"), a
        # heading: a page that marks several (teasers, a banner) says nothing by it.
        title = microdata[0]
    elif not headings and len(titled) == 1:
        # A page without an <h1> whose one <h2> is classed as the content's title ("entry-title",
        # "review-content__title"): that heading, over a templated metadata title.
        title = titled[0]
    elif title and title not in headings and not any(title == text for _, text in minor):
        title = _shown_head(page.tree, title)
    # The JSON-LD headline shown word for word in an <h2>/<h3>: the publisher's headline, over an
    # <h1> that says something else.
    ld_headline = meta_titles[0] if text_value(article.get("headline")) and meta_titles else None
    if title and ld_headline and title != ld_headline and ld_headline in {text for _, text in minor}:
        title = ld_headline
    # An <h2> made of a subline and a part marked as the headline, the metadata giving that part
    # word for word, is the headline over an <h1> that says something else (a search title).
    if title and not major_marked:
        whole_keys = {_compact(t) for t in meta_titles if t}
        for text in marked:
            if _compact(text) in whole_keys and _compact(text) != _compact(title):
                title = text
                break
    if title:
        # Two visible spellings of the headline that differ in letter case: the one the metadata
        # spells the same ("Using defadvice" in the post body, "Using Defadvice" as its title).
        exact = {t for t in meta_titles if t}
        if title not in exact:
            for text in [*headings, *(text for _, text in minor)]:
                if text in exact and text != title and text.lower() == title.lower():
                    title = text
                    break
    if title:
        # Decoration before the headline ("[> Jens Weber", "* Headline"); "[Rezi] ...", quotes stay.
        title = _LEADING_DECORATION_RE.sub("", title) or title
    # Composed form: pages mix decomposed and precomposed letters ("য়" as two code points or one).
    return unicodedata.normalize("NFC", title) if title else title
