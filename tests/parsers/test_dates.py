"""Publication dates: the dateline next to the headline against metadata and URL dates.

Each test is a small hand-written page for one rule of ``parsers.fields.published``.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from parsers.fields import dates
from parsers.fields.jsonld import read_jsonld
from parsers.fields.meta import MetaTags
from parsers.fields.published import find_dateline, find_published
from parsers.page import load_page

FILLER = "<p>" + "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 8 + "</p>"


def _page(body: str, *, head: str = "", url: str = "https://news.example/story", lang: str = "de"):
    html = f"<html lang='{lang}'><head><title>T</title>{head}</head><body>{body}</body></html>"
    return load_page(html, url=url)


def _published(body: str, **kwargs: str) -> tuple[datetime | None, str | None]:
    page = _page(body, **kwargs)
    return find_published(page, read_jsonld(page.tree), MetaTags(page.tree))


def _day(body: str, **kwargs: str) -> date | None:
    value, _ = _published(body, **kwargs)
    return value.date() if value else None


def _jsonld_published(stamp: str) -> str:
    return f'<script type="application/ld+json">{{"@type": "NewsArticle", "datePublished": "{stamp}"}}</script>'


META_JAN_15 = "<meta property='article:published_time' content='2022-01-15T00:00:00Z'>"


def test_dateline_wins_over_a_metadata_date_the_page_never_shows() -> None:
    body = (
        "<article><h1>Schneesport</h1><ul class='metadata'><li><time datetime='2022-01-25'>25.01.2022</time>"
        f"</li></ul>{FILLER}</article>"
    )
    value, source = _published(body, head=META_JAN_15)
    assert value is not None
    assert value.date() == date(2022, 1, 25)
    assert source == "time-tag"


def test_metadata_stamp_of_the_dateline_day_gives_the_timestamp() -> None:
    head = (
        "<meta property='article:published_time' content='2020-04-27T17:58:19+02:00'>"
        "<meta name='date' content='2020-04-28T10:27:29+02:00'>"
    )
    body = f"<article><h1>Grenzschliessungen</h1><span class='publish-info'>27.04.2020</span>{FILLER}</article>"
    value, source = _published(body, head=head)
    assert value == datetime.fromisoformat("2020-04-27T17:58:19+02:00")
    assert source == "meta"


def test_metadata_date_shown_on_the_page_is_kept() -> None:
    body = (
        "<article><h1>Schneesport</h1><p class='meta'>Veröffentlicht: 15. Januar 2022</p>"
        f"<p class='meta'>25.01.2022</p>{FILLER}</article>"
    )
    assert _day(body, head=META_JAN_15) == date(2022, 1, 15)


def test_metadata_date_shown_in_the_other_day_month_order_is_kept() -> None:
    # An en page reads "08/11/2023" month-first; the metadata's 8 November is that text read
    # day-first, so the page does show it.
    head = "<meta property='article:published_time' content='2023-11-08T10:00:00+00:00'>"
    body = f"<article><h1>Sentenced</h1><span class='date'>08/11/2023</span>{FILLER}</article>"
    assert _day(body, head=head, lang="en") == date(2023, 11, 8)


def test_dates_in_comments_and_teasers_are_not_the_dateline() -> None:
    body = (
        "<div class='content'><h1>VDA-Chefin</h1>"
        "<div class='teaser'><span>30.01.2022</span></div>"
        "<div class='row'><h5>Datum:</h5>03.02.2022</div>"
        f"{FILLER}<div class='comment'><div class='comment__date'>04.02.2022</div></div></div>"
    )
    assert _day(body) == date(2022, 2, 3)


def test_layout_classes_above_the_headline_do_not_hide_the_dateline() -> None:
    # "sidebar" on the wrapper that holds the headline too is layout, not a sidebar box.
    body = (
        "<div class='site-content content-area sidebar'><article><header><h1>The First Decade</h1>"
        f"<span class='byline'><time class='entry-date'>Sa 13 Jul 2019</time></span></header>{FILLER}"
        "</article></div>"
    )
    found = find_dateline(_page(body, lang="en-GB"))
    assert found is not None
    assert found.value.date() == date(2019, 7, 13)


def test_dates_of_embedded_posts_are_not_the_dateline() -> None:
    head = "<meta property='article:published_time' content='2020-09-28T08:00:00Z'>"
    body = (
        "<article><h1>South Park</h1><p>The stands were full.</p><figure class='wp-block-embed-twitter'>"
        "<blockquote class='twitter-tweet'><p>Look at this!</p><a>September 27, 2020</a></blockquote></figure>"
        f"{FILLER}</article>"
    )
    assert find_dateline(_page(body, head=head, lang="en")) is None
    assert _day(body, head=head, lang="en") == date(2020, 9, 28)
    quoted = f"<article><h1>South Park</h1><blockquote><p>Look!</p>27.09.2020</blockquote>{FILLER}</article>"
    assert find_dateline(_page(quoted)) is None


def test_whitespace_between_headline_and_dateline_does_not_count() -> None:
    spacer = "<span> </span>\n\t" * 150
    head = "<meta property='article:published_time' content='2022-01-15T00:00:00Z'>"
    body = f"<article><h1>Schneesport</h1>{spacer}<time datetime='2022-01-25'>25.01.2022</time>{FILLER}</article>"
    assert _day(body, head=head) == date(2022, 1, 25)


def test_date_just_above_the_headline_is_read_nearest_first() -> None:
    links = "".join(f"<a href='/s{i}'>Section number {i:02d}</a>" for i in range(11))
    body = f"<div class='top'>{links}</div><div class='kicker'>05.02.2020</div><h1>Lieferketten</h1>{FILLER}"
    found = find_dateline(_page(body))
    assert found is not None
    assert found.value.date() == date(2020, 2, 5)


def test_pages_without_h1_read_the_dateline_under_their_h2() -> None:
    body = f"<div class='page'><h2>Kolumne</h2><span class='text_datum'>31. Oktober 2023</span>{FILLER}</div>"
    found = find_dateline(_page(body))
    assert found is not None
    assert found.value.date() == date(2023, 10, 31)


def test_whitespace_above_the_headline_does_not_count() -> None:
    wrappers = "<div>\n  " * 14
    body = f"<main><time>12.12.2022</time>{wrappers}<h1>Das ändert sich 2023</h1>{'</div>' * 14}{FILLER}</main>"
    found = find_dateline(_page(body))
    assert found is not None
    assert found.value.date() == date(2022, 12, 12)


def test_a_list_of_dated_stories_is_not_the_dateline() -> None:
    stories = "".join(
        f"<div><h5 class='date'>{day}.12.2020 – 13:21</h5><a href='/{day}'>Other story</a></div>" for day in (10, 9, 8)
    )
    body = f"<article><h1>Verkehrsunfallflucht</h1>{stories}{FILLER}</article>"
    assert find_dateline(_page(body)) is None


def test_an_aside_meta_box_holds_the_dateline_but_a_sidebar_does_not() -> None:
    meta_box = f"<article><h1>Asolo Factory</h1><aside class='meta'><time>21.01.2022 - 13:30</time></aside>{FILLER}"
    found = find_dateline(_page(meta_box + "</article>"))
    assert found is not None
    assert found.value.date() == date(2022, 1, 21)
    sidebar = f"<article><h1>Asolo Factory</h1><aside class='sidebar'><time>21.01.2022</time></aside>{FILLER}"
    assert find_dateline(_page(sidebar + "</article>")) is None


def test_update_date_is_used_when_the_page_shows_no_other() -> None:
    head = _jsonld_published("2019-10-15T16:59:59Z")
    body = f"<article><h1>Dead skin</h1><div class='timestamp'>Updated March 12, 2020</div>{FILLER}</article>"
    assert _day(body, head=head, lang="en") == date(2020, 3, 12)


def test_publication_dateline_is_preferred_to_the_update_line() -> None:
    body = (
        "<article><h1>Report</h1><p class='date'>Written: 2023-11-07 15:03:30 / Updated: 2023-11-08 09:00</p>"
        f"{FILLER}</article>"
    )
    assert _day(body, lang="en") == date(2023, 11, 7)


def test_update_line_before_the_publication_line_is_passed_over() -> None:
    body = (
        "<article><h1>Epidemien</h1><div><time>Aktualisiert: 11.04.2020, 10:27</time></div>"
        f"<div><time>Publiziert: 03.04.2020, 12:35</time></div>{FILLER}</article>"
    )
    assert _day(body) == date(2020, 4, 3)


def test_date_below_the_headline_is_preferred_to_one_above_it() -> None:
    body = (
        "<div><cite>Didier Porte, 27 juin 2019</cite></div><article><h1>Balkany</h1>"
        f"<p><time>28 juin 2019</time></p>{FILLER}</article>"
    )
    assert _day(body, lang="fr") == date(2019, 6, 28)


def test_dates_in_running_text_and_registration_dates_are_not_datelines() -> None:
    body = (
        "<article><h1>Stammtisch</h1><p>Der nächste Stammtisch findet wie immer am Mittwoch, dem "
        "5. Februar 2020 ab 19 Uhr im Gasthaus am Markt statt, alle sind willkommen.</p>"
        f"<dl><dt>Joined</dt><dd>May 11, 2017</dd></dl>{FILLER}</article>"
    )
    assert find_dateline(_page(body)) is None


def test_url_day_confirming_the_metadata_beats_the_dateline() -> None:
    head = "<meta property='article:published_time' content='2020-03-02T19:30:06Z'>"
    body = f"<article><h1>François Héran</h1><time>10.03.2020</time>{FILLER}</article>"
    assert _day(body, head=head, url="https://news.example/fr/2020/03/02/heran/") == date(2020, 3, 2)


def test_dateline_confirming_the_metadata_beats_a_url_day() -> None:
    # The slug was created the day before publication.
    head = "<meta name='date' content='2020-02-19T18:37:32+01:00'>"
    body = f"<article><h1>Ciencia</h1><a class='date'>19 FEB 2020 - 18:37 CET</a>{FILLER}</article>"
    url = "https://news.example/elpais/2020/02/18/ciencia/1582045946.html"
    assert _day(body, head=head, url=url, lang="es") == date(2020, 2, 19)


def test_url_month_rules_out_datelines_of_other_months() -> None:
    body = (
        "<article><h1>Laufschuh</h1><span class='updated'>31.05.2016</span>"
        f"<span class='date'>01.10.2019</span>{FILLER}</article>"
    )
    assert _day(body, url="https://news.example/2019/10/laufschuh/") == date(2019, 10, 1)


def test_one_day_off_utc_stamp_keeps_its_instant_on_the_dateline_day() -> None:
    head = _jsonld_published("2023-11-09T04:15:00Z")
    body = f"<article><h1>Debate takeaways</h1><div>November 8, 2023, 11:15 PM</div>{FILLER}</article>"
    value, _ = _published(body, head=head, lang="en-US")
    assert value is not None
    assert value.date() == date(2023, 11, 8)
    assert value == datetime.fromisoformat("2023-11-09T04:15:00+00:00")


def test_utc_stamp_at_central_european_midnight_is_the_next_day() -> None:
    head = "<meta property='article:published_time' content='2022-11-06T23:00:00Z'>"
    value, _ = _published(f"<article><h1>Provence</h1>{FILLER}</article>", head=head)
    assert value is not None
    assert value.date() == date(2022, 11, 7)
    assert value == datetime.fromisoformat("2022-11-07T00:00:00+01:00")  # the same instant
    head = "<meta property='article:published_time' content='2022-11-06T23:04:00Z'>"
    assert _day(f"<article><h1>Provence</h1>{FILLER}</article>", head=head) == date(2022, 11, 6)


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("Stand: 28.04.2020 18:00 Uhr", "DMY", [(date(2020, 4, 28), None)]),
        ("mardi 10.12.19", "DMY", [(date(2019, 12, 10), date(2019, 10, 12))]),
        ("Written: 2023-11-07 15:03", "MDY", [(date(2023, 11, 7), None)]),
        ("version 1.2.10", "DMY", []),
        ("03/04/2023", "MDY", [(date(2023, 3, 4), date(2023, 4, 3))]),
        ("Samstag, 3. Dezember 2011", "DMY", [(date(2011, 12, 3), None)]),
        ("Nov. 8th, 2023", "MDY", [(date(2023, 11, 8), None)]),
        ("13.05.2023", "MDY", [(date(2023, 5, 13), None)]),
        ("1er avril 2020", "DMY", [(date(2020, 4, 1), None)]),
        ("02/12/19", "MDY", [(date(2019, 2, 12), date(2019, 12, 2))]),
    ],
)
def test_iter_date_mentions(text: str, order: str, expected: list[tuple[date, date | None]]) -> None:
    assert [(m.day, m.swapped) for m in dates.iter_date_mentions(text, order)] == expected


def test_parse_url_month() -> None:
    assert dates.parse_url_month("https://x.example/2019/10/slug/") == (2019, 10)
    assert dates.parse_url_month("https://x.example/2019/10/03/slug") == (2019, 10)
    assert dates.parse_url_month("https://x.example/news/slug") is None
