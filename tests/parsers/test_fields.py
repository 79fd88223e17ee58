"""Field extractors: dates, authors, titles, citations, JSON-LD and meta reading."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

import parsers
from parsers.fields import dates
from parsers.fields.authors import looks_like_handle, split_author_names
from parsers.fields.citations import extract_cited_sources
from parsers.fields.titles import split_series_part, strip_site_segments


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("11.05.2023", "DMY", date(2023, 5, 11)),
        ("05/11/2023", "MDY", date(2023, 5, 11)),
        ("11/05/2023", "DMY", date(2023, 5, 11)),
        ("25/12/2023", "MDY", date(2023, 12, 25)),  # only valid day-first
        ("May 11, 2023", "DMY", date(2023, 5, 11)),
        ("11. Mai 2023", "DMY", date(2023, 5, 11)),
        ("11 de mayo de 2023", "DMY", date(2023, 5, 11)),
        ("2023-05-11T09:30:00+04:00", "MDY", date(2023, 5, 11)),
    ],
)
def test_parse_date_text(text: str, order: str, expected: date) -> None:
    parsed = dates.parse_date_text(text, order)
    assert parsed is not None
    assert parsed.date() == expected


def test_iso_keeps_the_stated_offset() -> None:
    parsed = dates.parse_iso_datetime("2023-05-11T23:30:00-05:00")
    assert parsed is not None
    assert parsed.date() == date(2023, 5, 11)
    assert parsed.utcoffset() is not None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.com/2023/05/11/story", date(2023, 5, 11)),
        ("https://x.com/news/2023-05-11-story", date(2023, 5, 11)),
        ("https://x.com/2023/10/3-questions/", None),
        ("https://x.com/story", None),
    ],
)
def test_parse_url_date(url: str, expected: date | None) -> None:
    parsed = dates.parse_url_date(url)
    assert (parsed.date() if parsed else None) == expected


def test_plausibility_without_a_clock() -> None:
    assert dates.is_plausible(datetime(2023, 5, 11, tzinfo=UTC))
    assert not dates.is_plausible(datetime(2150, 1, 1, tzinfo=UTC))
    assert not dates.is_plausible(datetime(1990, 1, 1, tzinfo=UTC))
    assert dates.is_plausible(datetime(1990, 1, 1, tzinfo=UTC), machine_readable=True)
    now = datetime(2023, 6, 1, tzinfo=UTC)
    assert not dates.is_plausible(datetime(2023, 7, 1, tzinfo=UTC), now=now)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("By Jane Doe and John Roe, Staff Writers", ["Jane Doe", "John Roe"]),
        ("Von Roland Brockmann und Sebastian Drescher", ["Roland Brockmann", "Sebastian Drescher"]),
        ("Rudolf Fischer, Simon Kohler", ["Rudolf Fischer", "Simon Kohler"]),
        ("Sarah Hinger; Sylvia Torres-Guillén", ["Sarah Hinger", "Sylvia Torres-Guillén"]),
        ("By JOHN SMITH | Updated May 5, 2023", ["JOHN SMITH"]),
        ("jane@example.com", []),
        ("Eingestellt von Weinlachgummi", ["Weinlachgummi"]),
        ("Joe S.", ["Joe S."]),
        ("Name *", []),
        ("Posted on September 21, 2020 by Adi Tzlil", ["Adi Tzlil"]),
        ("Dezember 10, 2019 · von freeman1984 · in Uncategorized · Hinterlasse einen Kommentar", ["freeman1984"]),
        ("Von Tomas Spahn Fr, 18. Oktober 2019", ["Tomas Spahn"]),
        ("Redacci&oacute;n Diario", ["Redacción Diario"]),
        ("© Kathrin Führes", ["Kathrin Führes"]),
        ("Donnerstag", []),
    ],
)
def test_split_author_names(raw: str, expected: list[str]) -> None:
    assert split_author_names(raw) == expected


def test_handles_are_recognised() -> None:
    assert looks_like_handle("AlexanderLasch")
    assert looks_like_handle("AOC_media")
    assert not looks_like_handle("Yauheni Preiherman")
    assert not looks_like_handle("Cooper")


def test_series_and_part() -> None:
    assert split_series_part("Belarus and Russia Advance Economic Integration (Part Two)") == (
        "Belarus and Russia Advance Economic Integration",
        2,
    )
    assert split_series_part("The Long Road, Part 3") == ("The Long Road", 3)
    assert split_series_part("Departure") == (None, None)


def test_strip_site_segments() -> None:
    assert strip_site_segments("Story title | Example News", "www.example-news.com", ["Example News"]) == "Story title"
    assert strip_site_segments("Reise-ABC Singapur", "x.de", []) == "Reise-ABC Singapur"


def test_cited_sources() -> None:
    text = (
        "He said so (BelTA, July 6). Later (TASS, June 23, 2023); "
        "also (Kommersant, April 3; RIA Novosti, April 4) and (see above)."
    )
    cited = extract_cited_sources(text)
    assert [(c.name, c.date_text) for c in cited] == [
        ("BelTA", "July 6"),
        ("TASS", "June 23, 2023"),
        ("Kommersant", "April 3"),
        ("RIA Novosti", "April 4"),
    ]
    assert cited[0].raw == "(BelTA, July 6)"


BODY = "<p>" + " ".join(["Paragraph text with enough words to be extracted as the main content."] * 8) + "</p>"

JSONLD_PAGE = f"""<html lang="de"><head>
<script type="application/ld+json">{{"@context": "https://schema.org", "@graph": [
  {{"@type": "WebSite", "@id": "#site", "name": "Beispiel Zeitung"}},
  {{"@type": ["NewsArticle"], "headline": "Ein Titel", "datePublished": "2023-05-11T08:00:00+02:00",
    "dateModified": "2023-05-12T08:00:00+02:00",
    "author": [{{"@id": "#p1"}}, {{"@type": "Person", "name": "Erika Muster"}}],
    "publisher": {{"@type": "Organization", "name": "Beispiel Zeitung"}},
    "articleSection": ["Politik"], "keywords": "Wahl, Bund",
    "image": {{"@type": "ImageObject", "url": "/img/a.jpg"}},
    "isPartOf": {{"@type": "Periodical", "name": "Wochenblatt"}}}},
  {{"@type": "Person", "@id": "#p1", "name": "Max Mustermann",
    "affiliation": {{"@type": "Organization", "name": "Uni X"}}}}
]}}</script></head><body><article><h1>Ein Titel</h1>{BODY}</article></body></html>"""


def test_generic_chain_reads_jsonld_graph() -> None:
    article = parsers.parse(JSONLD_PAGE, url="https://beispiel.de/politik/ein-titel")
    assert article.title == "Ein Titel"
    assert article.author_names == ("Max Mustermann", "Erika Muster")
    assert article.authors[0].affiliation == "Uni X"
    assert article.published_at == datetime.fromisoformat("2023-05-11T08:00:00+02:00")
    assert article.published_source == "json-ld"
    assert article.modified_source == "json-ld"
    assert article.outlet == "Beispiel Zeitung"
    assert article.publication == "Wochenblatt"
    assert (article.section, article.tags) == ("Politik", ("Wahl", "Bund"))
    assert article.image_url == "https://beispiel.de/img/a.jpg"
    assert article.language == "de"
    assert article.parser == "generic"


META_PAGE = f"""<html><head><title>Meta title - Site</title>
<meta property="og:site_name" content="Site"><meta property="og:title" content="Meta title">
<meta name="author" content="By Jane Doe and John Roe">
<meta property="article:published_time" content="2023-05-11T10:00:00Z">
<meta name="description" content="A summary."><link rel="canonical" href="/canonical/path">
</head><body><h1>Meta title</h1>{BODY}</body></html>"""


def test_generic_chain_reads_meta_tags() -> None:
    article = parsers.parse(META_PAGE, url="https://site.example/path?x=1")
    assert article.title == "Meta title"
    assert article.author_names == ("Jane Doe", "John Roe")
    assert article.published_source == "meta"
    assert article.summary == "A summary."
    assert article.canonical_url == "https://site.example/canonical/path"
    assert article.language == "en"  # detected from the body


def test_date_order_decides_ambiguous_visible_dates() -> None:
    html = f"<html><body><h1>T</h1><div class='date'>03.04.2023</div>{BODY}</body></html>"
    dmy = parsers.parse(html, url="https://a.example/x", date_order="DMY")
    mdy = parsers.parse(html, url="https://a.example/x", date_order="MDY")
    assert dmy.published_at is not None
    assert dmy.published_at.date() == date(2023, 4, 3)
    assert mdy.published_at is not None
    assert mdy.published_at.date() == date(2023, 3, 4)


def test_rfc2822_meta_dates() -> None:
    parsed = dates.parse_date_text("Sat, 19 Oct 2019 00:04:00 +0200")
    assert parsed == datetime.fromisoformat("2019-10-19T00:04:00+02:00")


def _page(head: str, body: str) -> str:
    return f"<html lang='en'><head>{head}</head><body>{body}{BODY}</body></html>"


def test_title_heading_in_layout_with_logo_class_is_kept() -> None:
    # Page-wide classes ("wp-custom-logo", "with-sidebar") on wrappers do not make the headline chrome.
    html = (
        _page(
            "<title>Winter running | Nordish by Nature</title>",
            "<div class='site with-double-sidebar'><article><header class='entry-header'>"
            "<h1 class='entry-title'>Winter running</h1></header>",
        ).replace("<body>", "<body class='wp-custom-logo'>")
        + "</article></div>"
    )
    assert parsers.parse(html, url="https://blog.example.org/winter-running/").title == "Winter running"


def test_title_kicker_dropped_when_metadata_gives_the_headline() -> None:
    html = (
        _page(
            "<meta property='og:title' content='Firm in trouble over audit'>",
            "<article><h1><span class='kicker'>Property crisis</span> Firm in trouble over audit</h1>",
        )
        + "</article>"
    )
    assert parsers.parse(html, url="https://news.example.org/a/1").title == "Firm in trouble over audit"


def test_title_from_h3_equal_to_leading_title_segment() -> None:
    html = (
        _page(
            "<title>Musikvideo der Woche : Krimiblog-Archiv | Gegründet 2005</title>",
            "<h1>Krimiblog</h1><h2>Archiv</h2><div class='post'><h3 class='entry-title'>Musikvideo der Woche</h3>",
        )
        + "</div>"
    )
    assert parsers.parse(html, url="https://archiv.krimiblog.example/?p=1").title == "Musikvideo der Woche"


def test_author_from_blog_widget_and_yoast_label() -> None:
    html = _page("", "<div class='widget Blog'><span class='post-author vcard'>Posted by T. V. Raman</span></div>")
    assert parsers.parse(html, url="https://x.example.com/2019/10/a.html").author_names == ("T. V. Raman",)
    html = _page(
        "<meta name='twitter:label1' content='Verfasst von'><meta name='twitter:data1' content='Karoline Herr'>", ""
    )
    assert parsers.parse(html, url="https://y.example.com/a/").author_names == ("Karoline Herr",)


def test_latest_of_disagreeing_publication_stamps() -> None:
    html = _page(
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2020-01-03T10:00:00+00:00"}'
        "</script><meta property='article:published_time' content='2020-01-06T10:00:00+00:00'>",
        "<h1>T</h1>",
    )
    article = parsers.parse(html, url="https://z.example.com/a/")
    assert article.published_at == datetime.fromisoformat("2020-01-06T10:00:00+00:00")
    assert article.published_source == "meta"
