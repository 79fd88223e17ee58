"""The generic parser chain: any HTML page -> ``Article``, with no knowledge of the site.

Metadata (``extract_metadata``), each field trying its sources in this order and keeping the
first usable value:

- title: the visible ``<h1>`` (outside site chrome) that best matches a metadata title (JSON-LD
  ``headline``, og:title, twitter:title, citation/DC/parsely/sailthru titles, ``<title>``) -> the
  only ``<h1>`` -> an ``<h2>``/``<h3>`` equal to a title's leading segment -> the best-matching
  ``<h2>`` -> the first metadata title with site-name segments stripped -> feed hints; a heading
  with a kicker or appended subtitle gives way to its part that equals a metadata title
  (``parsers.fields.titles.choose_title``).
- authors: JSON-LD ``author`` (names and affiliations) -> ``<meta>`` (author, article:author
  when not a URL, citation_author, DC.creator, parsely-author, sailthru.author, byl,
  shareaholic, twitter:label/data "Written by") -> visible bylines (``rel=author``,
  ``itemprop=author``, ``.byline``, ``.author``... outside comments, forms and navigation;
  sidebars/widgets/asides only when nothing else) -> byline-like text lines ("Posted by X") ->
  feed hints; handle-only metadata yields to a visible byline (``find_authors``).
- published date: machine-readable (JSON-LD ``datePublished`` -> ``<meta>`` -> microdata; the
  latest day when they disagree) unless the page shows another day as its dateline next to the
  headline -> the dateline -> htmldate's search -> feed hints; a full date in the URL
  (/2023/05/11/) then corrects or overrides it (``parsers.fields.published.find_published``).
  ``published_source`` records which one won.
- modified date: JSON-LD ``dateModified`` -> ``<meta>`` (article:modified_time, og:updated_time,
  ...) -> microdata ``itemprop=dateModified``.
- outlet: og:site_name -> JSON-LD publisher name -> application-name.
- publication: citation_journal_title / JSON-LD ``isPartOf`` periodical name.
- canonical URL: ``<link rel=canonical>`` -> og:url -> JSON-LD ``url``/``mainEntityOfPage``.
- language: declared (``<html lang>``, content-language, og:locale, feed) -> JSON-LD
  ``inLanguage`` -> stopword guess on the body.
- summary: JSON-LD ``description`` -> og:description -> description -> twitter:description.
- subtitle: JSON-LD ``alternativeHeadline`` -> ``.subtitle``/``.dek``/``.standfirst`` elements.
- series/part: parsed from the title ("... (Part Two)").

Body (``extract_body``): trafilatura fast pass (favouring recall), full pass (favouring precision)
when that finds under 500 characters, then cleaning (see ``parsers.fields.body``). It runs last
because it prunes the page's tree.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.etree

from mediamon.errors import NotAnArticle
from mediamon.records import Article
from parsers.draft import ArticleDraft
from parsers.fields.body import Body, extract_body
from parsers.fields.bylines import dateline_agency, find_authors, signature_authors
from parsers.fields.citations import extract_cited_sources
from parsers.fields.common import clean as _clean
from parsers.fields.headline import find_title
from parsers.fields.jsonld import read_jsonld, text_value, text_values, types_of, url_value
from parsers.fields.language import detect_language, normalise_language
from parsers.fields.meta import MetaTags
from parsers.fields.published import find_modified, find_published
from parsers.fields.titles import split_series_part
from parsers.page import Page
from parsers.version import PARSER_VERSION

GENERIC_NAME = "generic"

DESCRIPTION_META_KEYS = ("og:description", "description", "twitter:description", "dc.description")
SITE_NAME_META_KEYS = ("og:site_name", "application-name", "apple-mobile-web-app-title", "publisher", "dc.publisher")
SECTION_META_KEYS = ("article:section", "parsely-section", "section", "sailthru.section", "category")
TAG_META_KEYS = ("article:tag", "parsely-tags", "sailthru.tags", "news_keywords", "keywords")

SUBTITLE_CLASS_TOKENS = ("subtitle", "dek", "standfirst", "subheadline", "sub-headline", "deck", "strapline")
# The tag union comes first: libxml2 then tests the seven contains() only on these four tags,
# about half the cost of testing every element of the page.
SUBTITLE_XPATH = lxml.etree.XPath(
    "(//p | //h2 | //div | //span)[@class]["
    + " or ".join(f'contains(@class, "{token}")' for token in SUBTITLE_CLASS_TOKENS)
    + "]"
)
_NOT_FOUND_TITLE_RE = re.compile(
    r"\b(?:404|page not found|not found|seite nicht gefunden|nicht gefunden|page introuvable|página no encontrada"
    r"|error 404|file not found)\b",
    re.IGNORECASE,
)
_KEYWORD_SPLIT_RE = re.compile(r"\s*[,;]\s*")
MIN_BODY_WORDS = 1
MIN_UNTITLED_WORDS = 50
MIN_STUB_WORDS = 8


def _absolute(url: str | None, base: str) -> str | None:
    if not url:
        return None
    absolute = urljoin(base, url.strip())
    return absolute if urlsplit(absolute).scheme in {"http", "https"} else None


def _split_keywords(values: list[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        for raw_piece in _KEYWORD_SPLIT_RE.split(value):
            piece = raw_piece.strip()
            if piece and piece.lower() not in {p.lower() for p in out}:
                out.append(piece)
    return out


def extract_metadata(page: Page) -> ArticleDraft:
    """Every metadata field of the page by the generic chain (order in the module docstring)."""
    tree = page.tree
    ld = read_jsonld(tree)
    meta = MetaTags(tree)
    article: dict[str, Any] = ld.article or {}
    page_obj: dict[str, Any] = ld.page or {}
    draft = ArticleDraft(
        is_typed_article=ld.article is not None, page_type=(meta.first("og:type") or "").lower() or None
    )

    publisher = ld.resolve(article.get("publisher") or page_obj.get("publisher"))
    draft.outlet = (
        _clean(meta.first("og:site_name"))
        or text_value(publisher)
        or next((text_value(o.get("name")) for o in ld.organizations if o.get("name")), None)
        or _clean(meta.first("application-name"))
    )

    is_part_of = ld.resolve(article.get("isPartOf"))
    periodical = (
        text_value(is_part_of)
        if isinstance(is_part_of, dict)
        and types_of(is_part_of) & {"periodical", "publicationvolume", "publicationissue"}
        else None
    )
    draft.publication = _clean(meta.first("citation_journal_title")) or periodical
    draft.volume = _clean(meta.first("citation_volume"))
    draft.issue = _clean(meta.first("citation_issue"))

    site_names = [n for n in (draft.outlet, text_value(publisher)) if n]
    draft.title = find_title(page, article, meta, site_names)
    if draft.title:
        draft.series, draft.part = split_series_part(draft.title)

    draft.authors = find_authors(page, ld, meta, draft.outlet)

    draft.published_at, draft.published_source = find_published(page, ld, meta)
    draft.modified_at, draft.modified_source = find_modified(page, ld, meta)

    canonical = (
        next(iter(meta.links.get("canonical", [])), None)
        or meta.first("og:url")
        or url_value(article.get("url"))
        or url_value(article.get("mainEntityOfPage"))
    )
    draft.canonical_url = _absolute(canonical, page.url)

    draft.language = normalise_language(page.declared_language or text_value(article.get("inLanguage")))
    draft.summary = _clean(text_value(article.get("description")) or meta.first(*DESCRIPTION_META_KEYS))
    if draft.summary is None and page.hints is not None:
        draft.summary = _clean(page.hints.summary)
    subtitle = text_value(article.get("alternativeHeadline"))
    # The XPath is skipped when no token occurs anywhere in the page source (most pages): a
    # substring scan of the text costs a fraction of walking the tree.
    if not subtitle and any(token in page.text for token in SUBTITLE_CLASS_TOKENS):
        for element in SUBTITLE_XPATH(tree)[:3]:
            subtitle = _clean(element.text_content())
            if subtitle and len(subtitle) < 400:
                break
            subtitle = None
    draft.subtitle = subtitle

    sections = text_values(article.get("articleSection"))
    draft.section = sections[0] if sections else _clean(meta.first(*SECTION_META_KEYS))
    draft.categories = sections or meta.all("article:section")
    keywords = text_values(article.get("keywords"))
    draft.tags = _split_keywords(keywords or meta.all(*TAG_META_KEYS))
    draft.image_url = _absolute(
        meta.first("og:image", "og:image:url", "twitter:image", "twitter:image:src") or url_value(article.get("image")),
        page.url,
    )
    if draft.title is None and page.hints is not None:
        draft.title = _clean(page.hints.title)
    return draft


def check_is_article(page: Page, draft: ArticleDraft, body: Body) -> None:
    """Raise ``NotAnArticle`` for empty pages, error pages and homepages.

    Raises:
        NotAnArticle: no body text; a "404 / not found" title with a short body; the site's
            root URL without article metadata.
    """
    words = len(body.text.split())
    if words < MIN_BODY_WORDS:
        raise NotAnArticle(page.url, "no article body found")
    # A stub with no headline and no article metadata (a bare nav, a "hello" page) is not an
    # article, however little text an article may legitimately have.
    if words < MIN_UNTITLED_WORDS and not draft.title and not draft.is_typed_article:
        raise NotAnArticle(page.url, f"only {words} words and no title")
    if words < MIN_STUB_WORDS and not draft.is_typed_article and draft.page_type != "article":
        raise NotAnArticle(page.url, f"only {words} words of text")
    if draft.title and _NOT_FOUND_TITLE_RE.search(draft.title) and words < 150:
        raise NotAnArticle(page.url, f"error page: {draft.title!r}")
    path = urlsplit(page.url).path
    if (
        path in {"", "/"}
        and not urlsplit(page.url).query
        and not draft.is_typed_article
        and draft.page_type != "article"
    ):
        raise NotAnArticle(page.url, "homepage")


def assemble(page: Page, draft: ArticleDraft, body: Body, *, parser: str) -> Article:
    """Freeze ``draft`` and ``body`` into an ``Article``, then ``check_is_article``.

    Raises:
        NotAnArticle: see ``check_is_article``; its ``article`` is the refused page's Article.
    """
    detected = normalise_language(detect_language(body.text))
    language = draft.language or detected
    article = Article(
        url=page.url,
        title=draft.title or "",
        body=body.text,
        canonical_url=draft.canonical_url,
        outlet=draft.outlet,
        publication=draft.publication,
        subtitle=draft.subtitle,
        series=draft.series,
        part=draft.part,
        authors=tuple(draft.authors),
        published_at=draft.published_at,
        published_source=draft.published_source,
        modified_at=draft.modified_at,
        modified_source=draft.modified_source,
        language=language,
        language_declared=draft.language,
        language_detected=detected,
        section=draft.section,
        tags=tuple(draft.tags),
        categories=tuple(draft.categories),
        volume=draft.volume,
        issue=draft.issue,
        summary=draft.summary,
        links=body.links,
        cited_sources=tuple(extract_cited_sources(body.text)),
        image_url=draft.image_url,
        word_count=len(body.text.split()),
        parser=parser,
        parser_version=PARSER_VERSION,
    )
    try:
        check_is_article(page, draft, body)
    except NotAnArticle as exc:
        exc.article = article  # what the refused page holds, for reports (see NotAnArticle)
        raise
    return article


def parse_generic(page: Page) -> Article:
    """Parse any page with the generic chain (metadata, then trafilatura body, which consumes
    the page's tree: nothing may read ``page.tree`` after it).

    Raises:
        NotAnArticle: see ``check_is_article``.
    """
    draft = extract_metadata(page)
    # Metadata is read; the body extractor may now prune the tree in place.
    names = [a.name for a in draft.authors]
    body = extract_body(page.tree, page.url, html=page.text, consume=True, author_names=names)
    if not draft.authors:
        draft.authors = signature_authors(body.text, draft.outlet, page.text) or dateline_agency(body.text)
    return assemble(page, draft, body, parser=GENERIC_NAME)
