"""Bad input never escapes as a library exception: only NotAnArticle / ParseError."""

from __future__ import annotations

import contextlib
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import parsers
from mediamon.errors import NotAnArticle, ParseError

URL = "https://example.com/2023/05/11/story"


def _parse_or_typed_error(html: str | bytes) -> None:
    try:
        article = parsers.parse(html, url=URL)
    except ParseError:  # NotAnArticle is a ParseError
        return
    assert article.word_count == len(article.body.split())


@pytest.mark.parametrize("html", ["", "   \n ", b"", b"\x00\x00\x00"])
def test_empty_input_is_not_an_article(html: str | bytes) -> None:
    with pytest.raises(ParseError):
        parsers.parse(html, url=URL)


def test_binary_garbage_is_a_parse_error() -> None:
    garbage = bytes(range(256)) * 400
    with pytest.raises(ParseError, match="undecodable"):
        parsers.parse(garbage, url=URL)


def test_plain_text_is_not_an_article() -> None:
    with pytest.raises(NotAnArticle):
        parsers.parse("just some words", url=URL)


def test_broken_encoding_still_parses() -> None:
    html = (
        "<html><head><meta charset='utf-8'><title>Ärger über Öl</title></head>"
        "<body><article><p>{}</p></article></body></html>"
    )
    text = " ".join(["Die Straße war überfüllt und grün."] * 30)
    data = html.format(text).encode("latin-1")
    article = parsers.parse(data, url=URL)
    assert "Straße" in article.body


def test_oversized_page_is_refused_quickly() -> None:
    html = "<html><body>" + "<p>word word word word</p>" * 500_000 + "</body></html>"
    start = time.perf_counter()
    with pytest.raises(ParseError, match="too large"):
        parsers.parse(html, url=URL)
    assert time.perf_counter() - start < 2


def test_deeply_nested_tags_do_not_crash() -> None:
    html = "<html><body>" + "<div>" * 10_000 + "<p>" + "text " * 100 + "</p>" + "</div>" * 10_000 + "</body></html>"
    start = time.perf_counter()
    _parse_or_typed_error(html)
    assert time.perf_counter() - start < 10


@pytest.mark.parametrize(
    "url",
    ["https://example.com/", "https://example.com"],
)
def test_homepage_is_not_an_article(url: str) -> None:
    html = (
        "<html><body>"
        + "".join(
            f"<article><h2><a href='/a{i}'>Headline {i}</a></h2><p>Teaser text for story {i} with words.</p></article>"
            for i in range(20)
        )
        + "</body></html>"
    )
    with pytest.raises(NotAnArticle, match="homepage"):
        parsers.parse(html, url=url)


def test_error_page_is_not_an_article() -> None:
    html = (
        "<html><head><title>Page not found</title></head><body><h1>404 - Page not found</h1>"
        "<p>Sorry, the page you asked for does not exist.</p></body></html>"
    )
    with pytest.raises(NotAnArticle):
        parsers.parse(html, url=URL)


_TAGS = st.sampled_from(
    [
        "p",
        "div",
        "span",
        "article",
        "a",
        "h1",
        "time",
        "script",
        "meta",
        "table",
        "td",
        "li",
        "ul",
        "br",
        "img",
        "main",
        "header",
        "footer",
    ]
)
_ATTRS = st.sampled_from(
    [
        "",
        ' class="byline"',
        ' class="entry-date"',
        ' itemprop="datePublished" content="2023-05-11"',
        ' datetime="2023-13-45T99:99"',
        ' href="javascript:void(0)"',
        ' rel="author"',
        ' property="og:title" content="x"',
        ' type="application/ld+json"',
        ' class="story-body"',
    ]
)
_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@st.composite
def html_documents(draw: st.DrawFn) -> str:
    parts = ["<html><head><title>", draw(_TEXT), "</title></head><body>"]
    for _ in range(draw(st.integers(min_value=0, max_value=25))):
        tag = draw(_TAGS)
        parts.append(f"<{tag}{draw(_ATTRS)}>{draw(_TEXT)}")
        if draw(st.booleans()):
            parts.append(f"</{tag}>")
    parts.append(
        draw(
            st.sampled_from(
                [
                    "",
                    "</body></html>",
                    '<script type=\'application/ld+json\'>{"@type": "NewsArticle", "author": [null, {}]}</script>',
                ]
            )
        )
    )
    return "".join(parts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    html=html_documents(),
    url=st.sampled_from(
        [
            URL,
            "http://jamestown.test/program/x/",
            "http://caspian-courier.test/news/2023/05/11/x",
            "http://steppe-ledger.test/articles/1-x.html",
            "not a url",
        ]
    ),
)
def test_generated_html_never_crashes(html: str, url: str) -> None:
    with contextlib.suppress(ParseError):
        parsers.parse(html, url=url)


@settings(max_examples=40, deadline=None)
@given(data=st.binary(max_size=300))
def test_random_bytes_never_crash(data: bytes) -> None:
    with contextlib.suppress(ParseError):
        parsers.parse(data, url=URL)
