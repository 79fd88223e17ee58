"""The seed article through the Jamestown site parser: every field an analyst needs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import parsers
from mediamon.records import Article
from parsers.registry import parser_for_host
from parsers.sites import jamestown

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
SEED_URL = "http://jamestown.test/program/belarus-and-russia-advance-economic-integration-part-two/"
SEED_TEXT = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_c14b338a4646c3d4.txt"


@pytest.fixture(scope="module")
def seed() -> Article:
    return parsers.parse((FIXTURES / "jamestown_seed.html").read_bytes(), url=SEED_URL)


def test_seed_metadata(seed: Article) -> None:
    assert seed.title == "Belarus and Russia Advance Economic Integration (Part Two)"
    assert seed.series == "Belarus and Russia Advance Economic Integration"
    assert seed.part == 2
    assert seed.author_names == ("Yauheni Preiherman",)
    assert seed.authors[0].affiliation == "Director, Minsk Dialogue Council on International Relations"
    assert seed.published_at is not None
    assert seed.published_at.date() == date(2023, 5, 11)
    assert seed.published_source == "visible-text"
    assert seed.publication == "Eurasia Daily Monitor"
    assert seed.outlet == "The Jamestown Foundation"
    assert (seed.volume, seed.issue) == ("20", "77")
    assert seed.canonical_url == SEED_URL
    assert seed.parser == "site:jamestown"
    assert seed.id is None
    assert seed.summary is not None
    assert seed.summary.startswith("For two decades after the establishment")


def test_seed_body_has_every_paragraph_and_no_chrome(seed: Article) -> None:
    paragraphs = seed.body.split("\n\n")
    assert paragraphs[0].startswith("For two decades after the establishment of their Union State in 1999")
    assert paragraphs[-1].startswith("However, looking at Belarus's neighborhood")
    assert "Microelectronics serve as a vivid example here." in seed.body
    for chrome in (
        "Director, Minsk Dialogue",
        "Related Articles",
        "Privacy Policy",
        "Subscribe",
        "Twitter",
        "Most Read",
    ):
        assert chrome not in seed.body
    assert seed.word_count == len(seed.body.split())


@pytest.mark.skipif(not SEED_TEXT.exists(), reason="../shared/seeds is absent (fresh clone)")
def test_seed_body_matches_the_seed_text(seed: Article) -> None:
    import re

    lines = [line.strip() for line in SEED_TEXT.read_text(encoding="utf-8").splitlines() if line.strip()]
    start = lines.index("***Yauheni Preiherman***") + 1
    expected = [re.sub(r"\[([^\]]+)\]\(#\)", r"\1", line).strip("*") for line in lines[start:-2]]
    assert seed.body.split("\n\n") == expected


def test_seed_links_and_citations(seed: Article) -> None:
    texts = [link.text for link in seed.links]
    assert "explains" in texts
    assert "Africa" in texts
    assert all(link.url.startswith("http") for link in seed.links)
    assert not any("twitter.com" in link.url or "privacy" in link.url for link in seed.links)
    assert [c.raw for c in seed.cited_sources] == ["(Author's interview, February 2023)"]
    assert seed.cited_sources[0].name == "Author's interview"
    assert seed.cited_sources[0].date_text == "February 2023"


@pytest.mark.parametrize("host", ["jamestown.org", "www.jamestown.org", "edm.jamestown.org", "jamestown.test"])
def test_registry_picks_jamestown(host: str) -> None:
    assert parser_for_host(host) is jamestown


def test_registry_falls_back_to_generic() -> None:
    assert parser_for_host("notjamestown.org") is None
    assert parser_for_host("example.com") is None
