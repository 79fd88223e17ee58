"""Body extraction and cleaning (``parsers.fields.body``) and the page loading it depends on."""

from __future__ import annotations

import lxml.html
import pytest

import parsers
from parsers.fields.body import body_from_blocks
from parsers.page import load_page

URL = "https://news.example.com/2023/05/11/story"
PROSE = (
    "The council voted on Tuesday to extend the programme for another two years, after a long debate "
    "about its cost and about who should pay for the new buses that the city ordered last spring."
)


def _blocks(html: str) -> list[lxml.html.HtmlElement]:
    return list(lxml.html.fragment_fromstring(html, create_parent="div"))


def _body(html: str) -> str:
    return body_from_blocks(_blocks(html), URL).text


@pytest.mark.parametrize(
    "teaser",
    [
        "Lea también: Impiden ingreso a Nicaragua a reportero",
        "MIRA: Madre se acerca a conocer los motivos de captura",
        "À lire aussi : la réforme des retraites",
        "Lesen Sie auch: Was die Reform bedeutet",
        "Czytaj też: Sejm przyjął ustawę",
        "Read more: What the new law means for renters",
    ],
)
def test_read_also_teasers_are_dropped(teaser: str) -> None:
    text = _body(f"<p>{PROSE}</p><p>{teaser}</p><p>{PROSE}</p>")
    assert teaser not in text
    assert text.count("The council voted") == 2


def test_prose_starting_like_a_teaser_is_kept() -> None:
    # No separator after the lead-in: a sentence, not a teaser.
    sentence = "Read the report and you will see why the council changed its mind about the buses."
    assert sentence in _body(f"<p>{PROSE}</p><p>{sentence}</p>")


def test_related_heading_and_its_links_are_dropped_but_prose_after_it_stays() -> None:
    html = (
        f"<p>{PROSE}</p>"
        "<h3>Noticias relacionadas</h3>"
        '<p><a href="/a">Otra noticia sobre el concejo</a></p>'
        '<p><a href="/b">Y otra más sobre los autobuses</a></p>'
        "<p>The mayor said the vote settles the matter until the next election, whatever the cost.</p>"
    )
    text = _body(html)
    assert "Noticias relacionadas" not in text
    assert "Otra noticia" not in text
    assert "Y otra más" not in text
    assert "The mayor said the vote settles the matter" in text


@pytest.mark.parametrize(
    "line",
    [
        "Subscribe now to our eNATION edition for the full story.",
        "To view the full story, please subscribe to The Haitian Times.",
        "Follow The Gleaner on Twitter and Instagram @JamaicaGleaner.",
        "Síguenos en Telegram, Instagram, Facebook y Twitter",
        "PC Gamer Newsletter",
    ],
)
def test_calls_to_subscribe_or_follow_are_dropped(line: str) -> None:
    text = _body(f"<p>{PROSE}</p><p>{line}</p>")
    assert line not in text
    assert "The council voted" in text


def test_long_prose_about_subscriptions_is_kept() -> None:
    paragraph = (
        "Subscribe is the word the company used in its letter, which went on for three pages about the "
        "new prices, the old contracts and the customers who had complained to the regulator last year "
        "about being charged twice for the same delivery."
    )
    assert paragraph in _body(f"<p>{PROSE}</p><p>{paragraph}</p>")


def _page(body_html: str) -> str:
    return (
        "<html lang='en'><head><title>Council extends bus programme</title>"
        '<meta property="og:type" content="article"></head>'
        f"<body><article><h1>Council extends bus programme</h1>{body_html}</article></body></html>"
    )


def test_control_characters_do_not_cost_the_body() -> None:
    # A stray BEL in the text once made trafilatura drop the whole body ("All strings must be
    # XML compatible"); the body must come through, without the control character.
    paragraphs = "".join(f"<p>{PROSE} Part {i}.\x07</p>" for i in range(6))
    article = parsers.parse(_page(paragraphs), url=URL)
    assert "The council voted" in article.body
    assert "Part 5." in article.body
    assert "\x07" not in article.body


def test_subtitle_from_class_and_none_without_one() -> None:
    paragraphs = "".join(f"<p>{PROSE}</p>" for _ in range(4))
    with_dek = parsers.parse(_page(f'<p class="article-dek">Why the city pays for it</p>{paragraphs}'), url=URL)
    assert with_dek.subtitle == "Why the city pays for it"
    without = parsers.parse(_page(paragraphs), url=URL)
    assert without.subtitle is None


def test_page_tree_elements_are_html_elements() -> None:
    page = load_page("<html><body><form><input name='q'></form><p>x</p></body></html>", url=URL)
    assert all(isinstance(element, lxml.html.HtmlElement) for element in page.tree.iter("p", "form", "input"))
    assert page.tree.text_content() == "x"


@pytest.mark.parametrize(
    "line",
    [
        "23.10.2018",
        "Letzte Änderung 14.02.2019",
        "Crédits photos : Bestimage",
        "(Credit: Clayton Aldern / Grist)",
        "Marco Odermatt, Ski-Star aus der Schweiz. © AFP / MARCO BERTORELLO",
        "Zurück zum Newsroom",
        "Keine Kommentare",
        "Anzeige, enthält Affiliate Links",
        "We want to hear what you think. Submit a letter to the editor or write to letters@example.com.",
    ],
)
def test_metadata_credit_and_navigation_lines_are_dropped(line: str) -> None:
    assert line not in _body(f"<p>{PROSE}</p><p>{line}</p>")


@pytest.mark.parametrize(
    "sentence",
    [
        "Back to the question of money: the council says the buses will pay for themselves within ten years.",
        "No comments were made by the police when the report was published on Monday.",
        "2019 was the year the programme started.",
    ],
)
def test_sentences_that_start_like_navigation_or_dates_are_kept(sentence: str) -> None:
    assert sentence in _body(f"<p>{PROSE}</p><p>{sentence}</p>")


def test_direct_trafilatura_sequence_and_bare_extraction_fallback_agree(monkeypatch) -> None:
    """The body calls trafilatura's internal sequence directly when its signature is 2.3's, else
    ``bare_extraction``: both paths must give the same article, and the direct one must be taken
    with the pinned trafilatura (otherwise the speed measured in bench/parse is not what runs)."""
    from parsers.fields import body as body_module

    assert body_module._SEQUENCE is not None, "trafilatura_sequence signature changed: the fast path is off"
    sentences = [
        f"Paragraph {n} of the story tells readers about the harvest, the weather and the market prices"
        " in the valley, with quotes from farmers and traders."
        for n in range(8)
    ]
    paragraphs = "".join(f"<p>{sentence}</p>" for sentence in sentences)
    html = (
        "<html><head><title>Harvest</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Harvest comes early</h1>{paragraphs}</article><footer>© Example</footer></body></html>"
    )
    direct = parsers.parse(html, url="https://news.example/2023/05/11/harvest")
    monkeypatch.setattr(body_module, "_SEQUENCE", None)
    fallback = parsers.parse(html, url="https://news.example/2023/05/11/harvest")
    assert direct.body == fallback.body
    assert [p for p in direct.body.split("\n\n") if p.startswith("Paragraph")] == sentences
    assert "Home" not in direct.body and "©" not in direct.body
