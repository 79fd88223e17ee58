"""Caspian Courier (demo outlet caspian-courier.test): schema.org NewsArticle JSON-LD + OpenGraph.

The generic chain reads its metadata correctly; this parser only replaces the body: the
paragraphs of ``.story-body`` minus figures, captions and the "read more" aside (lxml selectors,
no content detection), and takes the dek as subtitle.
"""

from __future__ import annotations

from mediamon.records import Article
from parsers import generic
from parsers.fields.body import body_from_blocks, extract_body
from parsers.page import Page
from parsers.sites.xpath import has_class

NAME = "caspian"
OUTLET = "Caspian Courier"

STORY_BODY_XPATH = f"//*[{has_class('story-body')}]"
# Paragraph-like blocks of the story body; figure/figcaption/aside.read-more are not selected.
BODY_BLOCKS_XPATH = "./p | ./blockquote | ./h2 | ./h3 | ./ul/li | ./ol/li"
DEK_XPATH = f"//*[{has_class('story')}]//p[{has_class('dek')}]"
HEADLINE_XPATH = f"//*[{has_class('story')}]//h1[{has_class('headline')}]"


def parse_page(page: Page) -> Article:
    """Parse a Caspian Courier story; generic chain for all metadata.

    Order per field: body = ``.story-body`` blocks -> trafilatura; subtitle = ``p.dek`` ->
    generic; title = generic (JSON-LD headline) -> ``h1.headline``.

    Raises:
        NotAnArticle: no story body (homepage, listing).
    """
    draft = generic.extract_metadata(page)
    draft.outlet = draft.outlet or OUTLET
    dek = next(iter(page.tree.xpath(DEK_XPATH)), None)
    if dek is not None:
        draft.subtitle = " ".join(dek.text_content().split()) or draft.subtitle
    if not draft.title:
        headline = next(iter(page.tree.xpath(HEADLINE_XPATH)), None)
        draft.title = " ".join(headline.text_content().split()) if headline is not None else None
    story = next(iter(page.tree.xpath(STORY_BODY_XPATH)), None)
    body = (
        body_from_blocks(story.xpath(BODY_BLOCKS_XPATH), page.url)
        if story is not None
        else extract_body(page.tree, page.url, html=page.text, consume=True)
    )
    return generic.assemble(page, draft, body, parser=f"site:{NAME}")
