"""Steppe Ledger (demo outlet steppe-ledger.test): only ``<meta>`` tags and ``<time>``.

The generic chain reads title, author (``meta name=author``), date (``<time datetime>``) and
keywords; this parser replaces the body with the paragraphs of ``#content .text`` (the comments
block is a sibling and never selected) and the title with the page's ``<h1>``.
"""

from __future__ import annotations

from mediamon.records import Article
from parsers import generic
from parsers.fields import dates
from parsers.fields.body import body_from_blocks, extract_body
from parsers.page import Page
from parsers.sites.xpath import has_class

NAME = "steppe"
OUTLET = "Steppe Ledger"

TEXT_XPATH = f'//*[@id="content"]//*[{has_class("text")}]'
TITLE_XPATH = '//*[@id="content"]//h1'
PUBLISHED_XPATH = f'//*[@id="content"]//*[{has_class("meta")}]//time[@datetime]'
BODY_BLOCKS_XPATH = "./p | ./blockquote | ./h2 | ./h3 | ./ul/li | ./ol/li"


def parse_page(page: Page) -> Article:
    """Parse a Steppe Ledger article; generic chain for the metadata.

    Order per field: title = ``#content h1`` -> generic; published = ``#content .meta
    time[datetime]`` -> generic; body = ``#content .text`` blocks -> trafilatura; outlet = generic
    -> "Steppe Ledger".

    Raises:
        NotAnArticle: no article text (homepage, listing).
    """
    draft = generic.extract_metadata(page)
    draft.outlet = draft.outlet or OUTLET
    heading = next(iter(page.tree.xpath(TITLE_XPATH)), None)
    if heading is not None and heading.text_content().strip():
        draft.title = " ".join(heading.text_content().split())
    for element in page.tree.xpath(PUBLISHED_XPATH):
        published = dates.parse_iso_datetime(element.get("datetime"))
        if published and dates.is_plausible(published, now=page.now, machine_readable=True):
            draft.published_at, draft.published_source = published, "time-tag"
            break
    text = next(iter(page.tree.xpath(TEXT_XPATH)), None)
    body = (
        body_from_blocks(text.xpath(BODY_BLOCKS_XPATH), page.url)
        if text is not None
        else extract_body(page.tree, page.url, html=page.text, consume=True)
    )
    return generic.assemble(page, draft, body, parser=f"site:{NAME}")
