"""The site parsers against the demo newsroom's ground truth (a sample of every outlet).

The demo generator (``demo/``) knows what every page must parse to; this checks a spread of
articles from each outlet without going through HTTP.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

import parsers
from mediamon.errors import NotAnArticle

demo_corpus = pytest.importorskip("demo.corpus", reason="demo/ is not importable")
demo_pages = pytest.importorskip("demo.pages", reason="demo/ is not importable")

SAMPLE_EVERY = 29


@pytest.fixture(scope="module")
def newsroom() -> tuple[object, object]:
    corpus = demo_corpus.build_corpus()
    return corpus, demo_pages.Pages(corpus)


def test_sampled_articles_match_ground_truth(newsroom: tuple[object, object]) -> None:
    corpus, pages = newsroom
    checked = 0
    for article in corpus.articles[::SAMPLE_EVERY]:  # type: ignore[attr-defined]
        parts = urlsplit(article.url)
        page = pages.get(parts.hostname, parts.path)  # type: ignore[attr-defined]
        parsed = parsers.parse(page.body, url=article.url)
        series_lines = {p.text for p in article.paragraphs if p.kind == "series-link"}
        body = "\n\n".join(p for p in parsed.body.split("\n\n") if p not in series_lines)
        assert parsed.title == article.title, article.url
        assert parsed.author_names == article.authors, article.url
        assert parsed.published_at is not None, article.url
        assert parsed.published_at.date() == article.published_at.date(), article.url
        assert body == article.body_text, article.url
        assert (parsed.series, parsed.part) == (article.series, article.part), article.url
        assert (parsed.volume, parsed.issue) == (article.volume, article.issue), article.url
        assert parsed.parser.startswith("site:"), article.url
        if article.source == "demo-jamestown":
            assert parsed.publication == "Eurasia Daily Monitor"
            assert parsed.published_source == "visible-text"
            assert tuple(a.affiliation for a in parsed.authors) == article.author_bios
        checked += 1
    assert checked > 50


@pytest.mark.parametrize("host", ["jamestown.test", "caspian-courier.test", "steppe-ledger.test"])
def test_homepages_are_not_articles(newsroom: tuple[object, object], host: str) -> None:
    _, pages = newsroom
    page = pages.get(host, "/")  # type: ignore[attr-defined]
    with pytest.raises(NotAnArticle):
        parsers.parse(page.body, url=f"http://{host}/")
