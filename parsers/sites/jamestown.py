"""The Jamestown Foundation (jamestown.org and the demo outlet jamestown.test).

WordPress pages with the date only as visible text in DD.MM.YYYY, the series part in a separate
``h2.entry-subtitle``, the periodical ("Eurasia Daily Monitor") in ``.originally-published`` and
the author's affiliation in ``.author-bio`` under the article. Overrides: title, series/part,
published date (visible, day-first), authors with affiliation, publication, volume/issue, lead,
outlet and body (lxml selectors, no content detection). Everything else is generic.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from mediamon.records import Article, Author
from parsers import generic
from parsers.fields import dates
from parsers.fields.authors import split_author_names
from parsers.fields.body import Body, body_from_blocks, extract_body
from parsers.fields.titles import split_series_part
from parsers.page import Page
from parsers.sites.xpath import has_class

NAME = "jamestown"
OUTLET = "The Jamestown Foundation"
DATE_ORDER = "DMY"

ARTICLE_XPATH = f"//article[{has_class('post')}] | //article"
ENTRY_DATE_XPATH = f".//*[{has_class('entry-date')}]"
PUBLISHED_IN_XPATH = f".//*[{has_class('originally-published')}]"
VOLUME_XPATH = f".//*[{has_class('edm-volume')}]"
TITLE_XPATH = f".//h1[{has_class('entry-title')}]"
SUBTITLE_XPATH = f".//*[{has_class('entry-subtitle')}]"
AUTHOR_NAME_XPATH = f".//*[{has_class('author-block')}]//*[{has_class('author-name')}]"
AUTHOR_BIO_XPATH = f".//*[{has_class('author-bio')}]"
CONTENT_XPATH = f".//*[{has_class('entry-content')}]"
LEAD_XPATH = f".//p[{has_class('lead')}]"
# Direct children of .entry-content that carry article text; share widgets, bios and related
# posts are siblings of .entry-content (or marked by class) and never match.
BODY_BLOCKS_XPATH = "./p | ./blockquote | ./ul/li | ./ol/li | ./h2 | ./h3 | ./h4 | ./div[not(@class)]/p"
EXCLUDED_BLOCK_CLASSES = ("share-buttons", "sharedaddy", "author-bio", "related-posts", "jp-relatedposts")

_VOLUME_RE = re.compile(r"Volume:?\s*(?P<volume>\w+)", re.IGNORECASE)
_ISSUE_RE = re.compile(r"Issue:?\s*(?P<issue>\w+)", re.IGNORECASE)
_PUBLISHED_IN_RE = re.compile(r"^\s*(?:originally\s+)?published\s+in\s+(?:the\s+)?", re.IGNORECASE)


def _text(element: HtmlElement | None) -> str:
    return " ".join(element.text_content().split()) if element is not None else ""


def _authors(article_el: HtmlElement) -> list[Author]:
    bios: dict[str, str] = {}
    for bio in article_el.xpath(AUTHOR_BIO_XPATH):
        lines = [_text(p) for p in bio.xpath("./p | ./div")]
        lines = [line for line in lines if line]
        if len(lines) >= 2:
            bios[lines[0].lower()] = lines[1]
    authors: list[Author] = []
    for element in article_el.xpath(AUTHOR_NAME_XPATH):
        for name in split_author_names(_text(element), outlet=OUTLET):
            authors.append(Author(name=name, affiliation=bios.get(name.lower())))
    return authors


def _body(content: HtmlElement, base_url: str) -> Body:
    blocks = [
        block
        for block in content.xpath(BODY_BLOCKS_XPATH)
        if not any(cls in (block.get("class") or "") for cls in EXCLUDED_BLOCK_CLASSES)
    ]
    return body_from_blocks(blocks, base_url)


def parse_page(page: Page) -> Article:
    """Parse a Jamestown article page; generic chain for what the page shape does not say.

    Order per field: title = ``h1.entry-title`` + " " + ``.entry-subtitle`` -> generic; date =
    ``.entry-date`` (DD.MM.YYYY) -> generic chain; authors = ``.author-block .author-name`` with
    affiliation from the matching ``.author-bio`` -> generic; body = ``.entry-content`` blocks ->
    trafilatura when the page lacks ``.entry-content``.

    Raises:
        NotAnArticle: no article body (e.g. a homepage or listing on the same host).
    """
    draft = generic.extract_metadata(page)
    draft.outlet = draft.outlet or OUTLET
    articles = page.tree.xpath(ARTICLE_XPATH)
    article_el = articles[0] if articles else page.tree

    heading = next(iter(article_el.xpath(TITLE_XPATH)), None)
    subtitle = next(iter(article_el.xpath(SUBTITLE_XPATH)), None)
    if heading is not None and _text(heading):
        title = _text(heading)
        sub = _text(subtitle)
        draft.title = f"{title} {sub}" if sub else title
        draft.series, draft.part = split_series_part(draft.title)
        if draft.part is not None:
            draft.series = title
        draft.subtitle = None if draft.part is not None else (sub or draft.subtitle)

    for element in article_el.xpath(ENTRY_DATE_XPATH):
        found = dates.parse_date_text(_text(element), DATE_ORDER, draft.language)
        if found and dates.is_plausible(found, now=page.now):
            draft.published_at, draft.published_source = found, "visible-text"
            break

    published_in = next(iter(article_el.xpath(PUBLISHED_IN_XPATH)), None)
    if published_in is not None:
        link_text = " ".join(_text(a) for a in published_in.iter("a"))
        draft.publication = link_text or _PUBLISHED_IN_RE.sub("", _text(published_in)) or draft.publication

    volume = _text(next(iter(article_el.xpath(VOLUME_XPATH)), None))
    if volume:
        if match := _VOLUME_RE.search(volume):
            draft.volume = match.group("volume")
        if match := _ISSUE_RE.search(volume):
            draft.issue = match.group("issue")

    draft.authors = _authors(article_el) or draft.authors
    content = next(iter(article_el.xpath(CONTENT_XPATH)), None)
    if content is not None:
        lead = _text(next(iter(content.xpath(LEAD_XPATH)), None))
        draft.summary = lead or draft.summary
        body = _body(content, page.url)
    else:
        body = extract_body(page.tree, page.url, html=page.text, consume=True)
    return generic.assemble(page, draft, body, parser=f"site:{NAME}")
