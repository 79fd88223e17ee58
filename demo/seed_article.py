"""The seed article: a Jamestown *Eurasia Daily Monitor* analysis, reproduced as data.

``data/seed_edm_belarus_russia_part_two.md`` holds the reader-mode text of the article mediamon was
created from, character for character, with the ``[text](#)`` links given plausible targets. This
module parses that file into paragraphs for the demo-jamestown outlet, which serves it at
``SEED_PATH``. The text is the copyright of its publisher and is used here as a test fixture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from demo.prose import Paragraph, Span

SEED_FILE = "seed_edm_belarus_russia_part_two.md"
SEED_PATH = "/program/belarus-and-russia-advance-economic-integration-part-two/"
PART_ONE_PATH = "/program/belarus-and-russia-advance-economic-integration-part-one/"
SEED_DAY = date(2023, 5, 11)
PART_ONE_DAY = date(2023, 5, 10)
SEED_VOLUME = "20"
SEED_ISSUE = "77"
SEED_SERIES = "Belarus and Russia Advance Economic Integration"
# Part One is generated; its italic lead is written by hand to introduce the seed's argument.
PART_ONE_LEAD = (
    "Over the past two years, Belarus and Russia have made more progress in their economic integration "
    "than in the two decades before. Western sanctions and the war in Ukraine have turned the long-stalled "
    "Union State agenda into a practical necessity for both Minsk and Moscow."
)

MD_LINK_RE = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
STRONG_EMPHASIS_RE = re.compile(r"^\*\*\*(.+)\*\*\*$")
EMPHASIS_RE = re.compile(r"^\*(.+)\*$")


@dataclass(frozen=True, slots=True)
class SeedText:
    """The parsed seed article: every visible element of the reader-mode text."""

    visible_date: str
    publication: Span
    headline: str
    subtitle: str
    author: str
    lead: Paragraph
    series_link: Paragraph
    body: tuple[Paragraph, ...]
    bio: str


def parse_markdown_spans(text: str) -> tuple[Span, ...]:
    """Turn ``plain [link](href) plain`` into spans."""
    spans: list[Span] = []
    position = 0
    for match in MD_LINK_RE.finditer(text):
        if match.start() > position:
            spans.append(Span(text[position:match.start()]))
        spans.append(Span(match.group(1), match.group(2)))
        position = match.end()
    if position < len(text):
        spans.append(Span(text[position:]))
    return tuple(spans)


def read_seed_markdown() -> str:
    """Return the seed data file's text (UTF-8)."""
    # A plain path beside this module: importlib.resources fails when a namespace package of the
    # same name shadows this one on sys.path (seen when Prefect imports flows by path).
    return (Path(__file__).resolve().parent / "data" / SEED_FILE).read_text(encoding="utf-8")


def load_seed_text() -> SeedText:
    """Parse the seed data file.

    Returns:
        The seed's date line, publication link, h1, subtitle, author, italic lead, "Read Part One"
        line, body paragraphs and author bio, in the order the file gives them.

    Raises:
        ValueError: when the file does not have the expected shape.
    """
    blocks = [block.strip() for block in read_seed_markdown().split("\n\n") if block.strip()]
    if len(blocks) < 10:
        raise ValueError(f"{SEED_FILE}: expected at least 10 blocks, found {len(blocks)}")
    visible_date, published_in, headline, subtitle, author, lead, series_link, *rest = blocks
    *body, bio_author, bio = rest
    author_match = STRONG_EMPHASIS_RE.match(author)
    lead_match = EMPHASIS_RE.match(lead)
    bio_match = EMPHASIS_RE.match(bio)
    publication = parse_markdown_spans(published_in)
    if not (author_match and lead_match and bio_match and headline.startswith("## ")
            and subtitle.startswith("### ") and len(publication) == 2 and bio_author == author):
        raise ValueError(f"{SEED_FILE}: unexpected layout")
    return SeedText(
        visible_date=visible_date,
        publication=publication[1],
        headline=headline.removeprefix("## "),
        subtitle=subtitle.removeprefix("### "),
        author=author_match.group(1),
        lead=Paragraph(parse_markdown_spans(lead_match.group(1)), "lead"),
        series_link=Paragraph(parse_markdown_spans(series_link), "series-link"),
        body=tuple(Paragraph(parse_markdown_spans(block)) for block in body),
        bio=bio_match.group(1),
    )
