"""Author finding and name cleaning: one small case per rule in parsers.fields.bylines/authors."""

from __future__ import annotations

import json

import pytest

import parsers
from parsers.fields.authors import looks_like_handle, looks_like_organisation, looks_like_person, split_author_names

BODY = "<p>" + " ".join(["Paragraph text with enough words to be extracted as the main content."] * 8) + "</p>"


def _page(head: str, byline: str, *, ld: dict[str, object] | None = None) -> str:
    script = f'<script type="application/ld+json">{json.dumps(ld)}</script>' if ld else ""
    return (
        f"<html lang='en'><head><title>A story</title>{head}{script}</head><body><article>"
        f"<h1>A story</h1>{byline}{BODY}</article></body></html>"
    )


def _authors(html: str) -> tuple[str, ...]:
    return parsers.parse(html, url="https://news.example.com/2023/05/a-story/").author_names


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # "le"/"on"/"am" start a date tail only when a date follows.
        ("Par Loïc Le Clerc", ["Loïc Le Clerc"]),
        ("Par Loïc Le Clerc le 30 septembre 2018", ["Loïc Le Clerc"]),
        ("Publiziert am", []),
        ("Zuletzt geändert am: 15.10.2021", []),
        # Obfuscated e-mail addresses are no names.
        ("jdoe at example.net", []),
        ("jdoe [at] example [dot] org", []),
        # A category after a lower-case "under"/"in".
        ("Posted by Nesselsetzer under Allgemein", ["Nesselsetzer"]),
        ("Nesselsetzer under", ["Nesselsetzer"]),
        # Footnote markers of journal bylines.
        ("Marwan H. Adwan1", ["Marwan H. Adwan"]),
        ("freeman1984", ["freeman1984"]),
        # Credits for someone other than the author.
        ("Revised Edition Edited by Adrian Parr", []),
        ("Photos by Jane Doe", []),
        ("Christian Seiler Illustration von Markus Roost", ["Christian Seiler"]),
        # Leading dashes before "by".
        ("---- by Kenneth Surin", ["Kenneth Surin"]),
        # Lower-case words before a capitalised one: not a name; particles are fine.
        ("Von Atemschutzmaske über Exit-Strategie und Kontaktverbot bis Zoonose", ["Atemschutzmaske"]),
        ("Kontaktverbot bis Zoonose", []),
        ("Ursula von der Leyen", ["Ursula von der Leyen"]),
        ("Mobasir hassan", ["Mobasir hassan"]),
        # URLs go before the "/" split.
        ("Frank Bueltge - http://bueltge.de", ["Frank Bueltge"]),
        # Link titles and avatar alt text around the name.
        ("Rezept von Zum Profil von jdoe jdoe", ["jdoe"]),
        ("Jane Doe Jane Doe", ["Jane Doe"]),
        ("Edilson La Rosa edilsonlarosa", ["Edilson La Rosa"]),
        # Reading times, social links, "more posts", categories and foreign "updated" tails.
        ("Lars Sobiraj Lesezeit: 4 Min", ["Lars Sobiraj"]),
        ("Jill Serjeant 4 Min Read", ["Jill Serjeant"]),
        ("Nuño Domínguez Twitter", ["Nuño Domínguez"]),
        ("Heinz Steiner Weitere Beiträge", ["Heinz Steiner"]),
        ("Katharina Schmidt Kategorien: Mode", ["Katharina Schmidt"]),
        ("Carla Chevez Actualizado", ["Carla Chevez"]),
        ("Raúl Espina 4 mayo", ["Raúl Espina"]),
        ("Stand: 05. Mai 2020", []),
        ("责任编辑：孔德明", ["孔德明"]),
        ("Marwan H. Adwan 1", ["Marwan H. Adwan"]),
    ],
)
def test_split_author_names_rules(raw: str, expected: list[str]) -> None:
    assert split_author_names(raw) == expected


def test_outlet_segment_is_stripped() -> None:
    assert split_author_names("unocero - Alberto Ávila", outlet="unocero") == ["Alberto Ávila"]
    assert split_author_names("Alberto Ávila | Unocero", outlet="unocero") == ["Alberto Ávila"]
    assert split_author_names("Alberto Ávila - Mexico", outlet="unocero") == ["Alberto Ávila - Mexico"]


def test_login_names_are_handles() -> None:
    assert looks_like_handle("arianschlichenmayer")
    assert looks_like_handle("sarah-indra")
    assert not looks_like_handle("Cooper")
    assert not looks_like_handle("Arian Schlichenmayer")


def test_organisations() -> None:
    assert looks_like_organisation("Bund der Energieverbraucher e.V")
    assert looks_like_organisation("Acme GmbH")
    assert looks_like_organisation("katholisch.at")
    assert looks_like_organisation("Die FURCHE", ("Achtsam durch die Krise | Die FURCHE",))
    assert not looks_like_organisation("Ursula Baatz", ("Achtsam durch die Krise | Die FURCHE",))
    assert not looks_like_organisation("Jane Doe")


def test_site_name_in_meta_yields_to_visible_byline() -> None:
    html = _page(
        "<meta property='og:site_name' content='Die Wochenzeitung'><meta name='author' content='Die Wochenzeitung'>",
        "<div class='author-name'>Ursula Baatz</div>",
    )
    assert _authors(html) == ("Ursula Baatz",)


def test_organisation_typed_jsonld_author_yields_to_visible_byline() -> None:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "A story",
        "author": {"@type": "Organization", "name": "Climate Initiative"},
    }
    assert _authors(_page("", "<span class='byline'>By Christian Mihatsch</span>", ld=ld)) == ("Christian Mihatsch",)
    # Without a visible byline the organisation is kept.
    assert _authors(_page("", "", ld=ld)) == ("Climate Initiative",)


def test_person_and_organization_typed_author_is_a_person() -> None:
    ld = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": "A story",
        "author": {"@type": ["Person", "Organization"], "name": "Christoph Hein"},
    }
    assert _authors(_page("", "<span class='author'>Christoph Hein Chefredakteur</span>", ld=ld)) == ("Christoph Hein",)


def test_login_in_metadata_yields_to_byline_markup_not_to_text_line() -> None:
    head = "<meta name='author' content='jdoe'>"
    assert _authors(_page(head, "<span class='author'>Jane Doe</span>")) == ("Jane Doe",)
    assert _authors(_page(head, "<p>Recipe by Grandma</p>")) == ("jdoe",)


def test_full_name_from_jsonld_bio() -> None:
    ld = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": "A story",
        "author": {"@type": "Person", "name": "Nils", "description": "Nils Pickert ist freier Autor und Journalist."},
    }
    assert _authors(_page("", "", ld=ld)) == ("Nils Pickert",)
    ld["author"] = {"@type": "Person", "name": "Nils", "description": "Schreibt über Familie."}
    assert _authors(_page("", "", ld=ld)) == ("Nils",)


def test_reference_list_microdata_is_not_the_byline() -> None:
    citations = "".join(f"<meta itemprop='author' content='A. Author{n}'>" for n in range(20))
    html = _page("<meta name='citation_author' content='Marwan H. Adwan'>", f"<ol>{citations}</ol>")
    assert _authors(html) == ("Marwan H. Adwan",)


def test_byline_elements_are_joined_with_spaces() -> None:
    html = _page("", "<div data-testid='prism-byline'><span>By</span><span><a href='/jr'>J.R. Stone</a></span></div>")
    assert _authors(html) == ("J.R. Stone",)
    # A styled last letter stays part of its word.
    html = _page("", "<p class='byline'><a href='/wk'>Will Knigh<span class='last-letter'>t</span></a></p>")
    assert _authors(html) == ("Will Knight",)


def test_french_auteur_class() -> None:
    html = _page("", "<div class='dates_auteurs'>par <span class='auteurs'>Didier Roy</span>, 21 juin 2018</div>")
    assert _authors(html) == ("Didier Roy",)


def test_compound_roles_are_stripped() -> None:
    assert split_author_names("FOCUS-Online-Experte Robin Tschöpe") == ["Robin Tschöpe"]
    assert split_author_names("Christoph Hein Chefredakteur") == ["Christoph Hein"]


def test_site_itself_is_dropped_from_a_list_of_names() -> None:
    html = _page("", "<span class='author'>Kirsten Freund / news.example.com</span>")
    assert _authors(html) == ("Kirsten Freund",)


def test_organisation_in_meta_yields_to_byline_text_line() -> None:
    html = _page("<meta name='author' content='Bund der Verbraucher e.V'>", "<p>Von Leonora Holling</p>")
    assert _authors(html) == ("Leonora Holling",)


def test_bare_by_before_linked_name() -> None:
    html = _page("", "<address>By <a href='/author/ta'>Tim Anderson</a></address>")
    assert _authors(html) == ("Tim Anderson",)
    html = _page("", "<p>Von <strong>Roland Brockmann</strong> und <strong>Sebastian Drescher</strong><br>Kakuma</p>")
    assert _authors(html) == ("Roland Brockmann", "Sebastian Drescher")


def test_contributor_class() -> None:
    html = _page("", "<span class='field-contributor'>Par <a href='/mh'>Matthieu Hy</a></span>")
    assert _authors(html) == ("Matthieu Hy",)


def test_name_element_inside_a_byline_container_with_a_handle() -> None:
    html = _page(
        "",
        "<div class='entry-meta-author'><a class='author-name'>Matthias</a>"
        " <a class='author-twitter'>herrpfleger</a></div>",
    )
    assert _authors(html) == ("Matthias",)
    html = _page(
        "", "<span class='author'><span class='author-first'>Jane</span> <span class='author-last'>Doe</span></span>"
    )
    assert _authors(html) == ("Jane Doe",)


def test_site_name_rule_keeps_a_bloggers_first_name() -> None:
    assert not looks_like_organisation("Julia", ("Crazy Julia",))
    assert looks_like_organisation("Emotion", ("Emotion",))
    assert looks_like_organisation("Casa Editorial El Tiempo", ("El Tiempo",))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("von Bellarine um 16:28", ["Bellarine"]),
        ("Źródło: Statista.com", []),
        ("stunnel_rsync.html - Created 03-10-2004", []),
        ("katholisch.at", ["katholisch.at"]),
    ],
)
def test_more_non_names(raw: str, expected: list[str]) -> None:
    assert split_author_names(raw) == expected


def test_footer_address_and_by_links_are_no_bylines() -> None:
    html = _page("", "").replace(
        "</article>", "</article><footer><address>Example Org, PO Box 1866, Mountain View</address></footer>"
    )
    assert _authors(html) == ()
    html = _page("", "<nav class='filters'></nav><ul><li><a href='/m'>By Method</a></li></ul>")
    assert _authors(html) == ()
    html = _page("", "<p><small><a href='/cc'>CC</a> 2006-2008 by Martin Weber</small></p>")
    assert _authors(html) == ("Martin Weber",)


def test_credit_split_over_a_link_and_its_tail() -> None:
    html = _page("", "").replace(
        "</article>", "</article><div class='copyright'><a href='/x'>XenForo theme</a> by xenfocus</div>"
    )
    assert _authors(html) == ()


def test_date_line_beside_the_headline() -> None:
    html = _page("", "").replace(
        "<h1>A story</h1>", "<small>04.02.2022 | 13:10 Uhr | Uta Helkenberg</small><h1>A story</h1>"
    )
    assert _authors(html) == ("Uta Helkenberg",)
    html = _page("", "").replace("<h1>A story</h1>", "<h1>A story</h1><p>11.12.2019 - Amelie Loevenich</p>")
    assert _authors(html) == ("Amelie Loevenich",)
    html = _page("", "").replace("<h1>A story</h1>", "<h1>A story</h1><p>11.12.2019 - Politik</p>")
    assert _authors(html) == ()


def test_press_release_lead() -> None:
    assert split_author_names("Pressemitteilung von Katja Kipping") == ["Katja Kipping"]


def test_markup_and_name_lists_in_jsonld() -> None:
    ld = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": "A story",
        "author": {
            "@type": "Person",
            "name": [
                '<a href="/experts/mg" hreflang="pl">Mateusz Gniazdowski</a>',
                '<a href="/experts/mw">Martyna Wasiuta</a>',
            ],
        },
    }
    assert _authors(_page("", "", ld=ld)) == ("Mateusz Gniazdowski", "Martyna Wasiuta")


def test_bare_by_as_a_tail_text() -> None:
    html = _page("", "<p><span class='date'>May 5, 2023</span> By <a href='/jd'>Jane Doe</a></p>")
    assert _authors(html) == ("Jane Doe",)


def test_labelled_author_row_inside_a_block() -> None:
    assert split_author_names("Datum: 19.11.2021 Autor: Fritz Imhof Quelle: Livenet") == ["Fritz Imhof"]
    html = _page(
        "",
        "<div class='articleAuthorDateBlock'><span>Datum:</span> 19.11.2021<br><span>Autor:</span> Fritz Imhof<br>"
        "<span>Quelle:</span> Livenet</div>",
    )
    assert _authors(html) == ("Fritz Imhof",)


def test_section_heading_is_no_byline() -> None:
    html = _page("", "<h3>Von Atemschutzmaske über Exit-Strategie bis Zoonose</h3>")
    assert _authors(html) == ()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Soft hyphens are hyphenation hints, not letters of the name.
        ("Von Mat\xadthi\xadas Lauerer", ["Matthias Lauerer"]),
        # Prose caught after a "von" is no name; a name typed in lower case is.
        ("von Creative Commons funktionieren wie ein", []),
        ("von Zucker führt. Dieser", []),
        ("giampiero maggio", ["giampiero maggio"]),
        # A photo credit is nobody's byline.
        ("Fotos: Ivan Valetny", []),
    ],
)
def test_names_that_are_not_names(raw: str, expected: list[str]) -> None:
    assert split_author_names(raw) == expected


def test_visible_byline_adds_the_coauthor_the_metadata_left_out() -> None:
    ld = {"@type": "NewsArticle", "headline": "A story", "author": {"@type": "Person", "name": "Rudolf Fischer"}}
    byline = "<div class='meta-item author'><span class='fn'>von Rudolf Fischer, Simon Kohler</span></div>"
    assert _authors(_page("", byline, ld=ld)) == ("Rudolf Fischer", "Simon Kohler")
    # A byline row that runs on into roles adds more than one "name": the metadata stands.
    row = "<div class='author'>Rudolf Fischer, Staff Attorney, Racial Justice Program</div>"
    assert _authors(_page("", row, ld=ld)) == ("Rudolf Fischer",)


def test_site_wide_meta_author_yields_to_the_visible_byline() -> None:
    # <meta name="author"> naming the theme's makers, who appear nowhere on the page.
    head = "<meta name='author' content='Matthias Hille - Lukas Balbach'>"
    byline = "<p class='date'>Erstellt von <a href='/author/fabian/'>Fabian</a> am Dienstag 6. Mai 2014</p>"
    assert _authors(_page(head, byline)) == ("Fabian",)
    # Shown on the page, the meta author stands.
    shown = byline + "<p>Matthias Hille - Lukas Balbach</p>"
    assert _authors(_page(head, shown)) == ("Matthias Hille - Lukas Balbach",)


def test_a_login_yields_to_a_name_on_a_later_byline_line() -> None:
    login = "<p class='submitted'>Gespeichert von <span class='username'>human</span> am 7. Juli 2019</p>"
    named = "<p>Blog Beitrag von Margarita Koreneva</p>"
    assert _authors(_page("", login + named)) == ("Margarita Koreneva",)
    assert _authors(_page("", login)) == ("human",)


def test_chinese_editor_label() -> None:
    line = "<div class='detail_author'><span>责任编辑：孔德明</span></div>"
    assert _authors(_page("", line)) == ("孔德明",)
    assert _authors(_page("", "<p>【责任编辑：记者王敬照】</p>")) == ("王敬照",)


def test_name_after_an_author_label_in_its_own_block() -> None:
    row = "<ul><li><span class='u-srOnly'>Autor</span> <a class='username'>delta201</a></li></ul>"
    assert _authors(_page("", row)) == ("delta201",)
    assert _authors(_page("", "<dl><dt>Author:</dt><dd>Jane Doe</dd></dl>")) == ("Jane Doe",)
    # A label over a widget, or one whose block ends before any name, names nobody.
    assert _authors(_page("", "<h2>Autor</h2><ul><li><a href='/about/'>Über-Ich</a></li></ul>")) == ()
    assert _authors(_page("", "<div><span class='meta'>von </span></div><p>MP3-DOWNLOAD (01:00 h)</p>")) == ()


def _closing(tail: str) -> str:
    """A page whose article ends with ``tail``."""
    head = "<html lang='de'><head><title>A story</title></head>"
    return f"{head}<body><article><h1>A story</h1>{BODY}{tail}</article></body></html>"


def test_signature_closing_the_article() -> None:
    assert _authors(_closing("<p>Viel Glück!</p><p>Euer HansEhrlich</p>")) == ("HansEhrlich",)
    assert _authors(_closing("<p><strong>Marina Mucha</strong></p>")) == ("Marina Mucha",)
    # A plain last line of capitalised words is a link or a label, not a signature.
    assert _authors(_closing("<p>Zum Seitenanfang</p>")) == ()


def test_copyright_of_the_article_not_of_the_site_or_a_photo() -> None:
    assert _authors(_closing("<p>© 2019 Sven Schreivogel</p>")) == ("Sven Schreivogel",)
    # The site's footer names its company; a person there is the blog's author (see
    # test_person_holding_the_copyright_in_the_footer).
    assert _authors(_closing("</article><footer><p>© 2023 Nordwest Medien</p></footer><article>")) == ()
    assert _authors(_closing("<figure><img src='a.jpg'><figcaption>© Jane Doe</figcaption></figure>")) == ()
    assert _authors(_closing("<p>© 2023 Example Media GmbH</p>")) == ()


def test_login_gives_way_to_the_name_the_page_prints() -> None:
    head = "<meta name='author' content='christian.stadtfeld'>"
    body = "<p>Die Gemeindepolitik bleibt spannend. (Christian P. Stadtfeld) +++</p>"
    assert _authors(_closing(body).replace("<title>", head + "<title>")) == ("Christian P. Stadtfeld",)
    # Printed nowhere, or in two different forms, the login stays.
    assert _authors(_closing("").replace("<title>", head + "<title>")) == ("christian.stadtfeld",)
    two = "<p>Christian Stadtfeld und Christian P. Stadtfeld</p>"
    assert _authors(_closing(two).replace("<title>", head + "<title>")) == ("christian.stadtfeld",)


def test_wire_dateline_credits_the_agency() -> None:
    dateline = "<p>Hamburg (dpa/lno) – Trotz eines Gesprächs bleiben die Fronten verhärtet, sagte ein Sprecher.</p>"
    page = _closing("").replace("<h1>A story</h1>", f"<h1>A story</h1>{dateline}")
    assert _authors(page) == ("dpa", "lno")
    # A byline wins over the dateline.
    assert _authors(page.replace("<h1>A story</h1>", "<h1>A story</h1><p class='byline'>By Jill Serjeant</p>")) == (
        "Jill Serjeant",
    )


def test_press_release_publisher_label() -> None:
    label = "<h6 class='pm_headline_detail'>Herausgeber: <a href='/firmen/19'>Nordex SE</a></h6>"
    assert _authors(_page("", label)) == ("Nordex SE",)
    # A labelled name beats metadata that only names an organisation.
    ld = {"@type": "NewsArticle", "headline": "A story", "author": {"@type": "Organization", "name": "Caritas e. V."}}
    box = "<div><strong>Herausgeber:</strong> <div><span><strong>Pressestelle der Caritas</strong></span></div></div>"
    assert _authors(_page("", box, ld=ld)) == ("Pressestelle der Caritas",)
    assert _authors(_page("", "", ld=ld)) == ("Caritas e. V.",)


def test_credits_of_pictures_and_media_are_no_bylines() -> None:
    photo = "<figure><span class='media-box__gallery__item--BU--autor'>Foto: Ingo Schneider</span></figure>"
    license = "<div class='image-author-license-fields'><span class='author-name'>Nenad Stojkovic</span></div>"
    byline = "<p>Von Lisa Petrich</p>"
    assert _authors(_page("", photo + license + byline)) == ("Lisa Petrich",)
    # An article's own credits section is a byline.
    credits = "<section class='c-article__credits'><span class='c-article-card__author'>Ursula Eggers</span></section>"
    assert _authors(_page("", credits)) == ("Ursula Eggers",)
    # A site title marked up as its owner's hCard is not the byline; the post's hCard is.
    hcards = "<h4 class='vcard author'>vom <span class='fn'>Krimiblogger</span></h4>"
    page = _page("", hcards).replace("<body>", "<body><h1 class='vcard author'>Krimiblog-Archiv</h1>")
    assert _authors(page) == ("Krimiblogger",)


def test_translation_credit_is_not_a_coauthor() -> None:
    assert split_author_names("Autor Mark Newton: EN Übersetzung Sarah-Indra Jungblut , 12.12.22") == ["Mark Newton"]


def test_role_word_after_a_lone_first_word_is_a_pen_name() -> None:
    assert split_author_names("Rasender Reporter") == ["Rasender Reporter"]
    assert split_author_names("Jane Doe Redakteurin") == ["Jane Doe"]
    assert split_author_names("Jane Doe, Staff Reporter") == ["Jane Doe"]


def test_surname_first_only_for_two_name_words() -> None:
    assert split_author_names("Doe, Jane") == ["Jane Doe"]
    assert split_author_names("red, wien.ORF.at/Agenturen") == ["red", "wien.ORF.at", "Agenturen"]


def test_site_crediting_itself_is_no_author() -> None:
    assert _authors(_page("<meta name='author' content='news.example.com'>", "")) == ()
    head = "<meta property='og:site_name' content='Example News'><meta name='author' content='Example News'>"
    assert _authors(_page(head, "")) == ()
    # A label followed by another label names nobody.
    assert _authors(_page("", "<div><span>Author:</span> <span>Auteur(s) :</span></div>")) == ()


def test_desk_or_agency_credited_under_the_headline() -> None:
    def page(credit: str) -> str:
        return _closing("").replace("<h1>A story</h1>", f"<header><h1>A story</h1>{credit}</header>")

    assert _authors(page("<p class='credit'>JIJI</p>")) == ("JIJI",)
    assert _authors(page("<div class='publisher flt'>ET Online<span>|</span></div>")) == ("ET Online",)
    # A picture credit, or the site naming itself, is no author.
    assert _authors(page("<p class='credit'>Bild: Jane Doe</p>")) == ()
    assert _authors(page("<p class='publisher'>news.example.com</p>")) == ()


def test_post_author_named_in_their_own_comment() -> None:
    comment = (
        "<ol class='commentlist'><li class='comment odd'><cite><span class='fn'>Margit</span></cite><p>Hi!</p></li>"
        "<li class='comment byuser comment-author-jancak bypostauthor even'><p>Danke!</p>"
        "<cite>Kommentar von <span class='fn'><a href='http://www.jancak.at'>jancak</a></span></cite></li></ol>"
    )
    assert _authors(_page("", "").replace("</article>", f"</article>{comment}")) == ("jancak",)
    # Without the post author's mark a commenter is nobody's byline.
    assert _authors(_page("", "").replace("</article>", f"</article>{comment.replace('bypostauthor', '')}")) == ()


def test_first_name_alone_completed_to_the_full_name_the_page_prints() -> None:
    ld = {"@type": "NewsArticle", "headline": "A story", "author": {"@type": "Person", "name": "Todd"}}
    byline = "<div class='name-wrapper'><p class='label'>By</p><p class='full-name'>Todd Bates</p></div>"
    assert _authors(_page("", byline, ld=ld)) == ("Todd Bates",)
    # Two different full names for it: the first name stays as given.
    two = byline + "<p>Todd Rundgren played.</p>"
    assert _authors(_page("", two, ld=ld)) == ("Todd",)


def test_full_name_after_an_author_label_opening_a_line() -> None:
    line = "<p><strong>Autorin: Uta Staschewski, Projektleiterin der HSS in Tunesien.</strong></p>"
    head = "<meta name='author' content='Hanns-Seidel-Stiftung e.V'>"
    assert _authors(_page(head, "").replace("</article>", f"{line}</article>")) == ("Uta Staschewski",)
    assert _authors(_page("", "").replace("</article>", f"{line}</article>")) == ("Uta Staschewski",)
    # A label in running prose, or followed by one word, names nobody.
    prose = "<p>Die Autorin: eine Frau, die viel geschrieben hat und deren Name hier nicht steht.</p>"
    assert _authors(_page("", "").replace("</article>", f"{prose}</article>")) == ()
    assert _authors(_page("", "").replace("</article>", "<p>Autor: Redaktion</p></article>")) == ()


def test_forum_thread_opener_is_the_author() -> None:
    posts = (
        "<article class='message message--post' data-author='Pepemaus'><div>Frage</div></article>"
        "<article class='message message--post' data-author='Katzenfreund'><div>Antwort</div></article>"
    )
    assert _authors(_page("", "").replace("</article></body>", f"</article>{posts}</body>")) == ("Pepemaus",)


def test_person_names_told_from_outlet_names() -> None:
    assert looks_like_person("Wolfgang Schmale")
    assert looks_like_person("Anu Garg")
    assert looks_like_person("Hans-Joachim Müller")
    assert not looks_like_person("Biathlon World")
    assert not looks_like_person("Die Tagespresse")
    assert not looks_like_person("Luigi LAVAZZA SPA")
    assert not looks_like_person("Wolfgang")  # a given name alone is no full name


def test_twitter_creator_printed_as_a_full_name() -> None:
    head = "<meta name='twitter:creator' content='@wolfgangschmale'>"
    byline = "<p class='site-description'>Wolfgang Schmale</p>"
    assert _authors(_page(head, byline)) == ("Wolfgang Schmale",)
    # An outlet's account printed as its name is no author.
    outlet = "<meta name='twitter:creator' content='@biathlonworld'>"
    assert _authors(_page(outlet, "<p class='brand'>Biathlon World</p>")) == ()


def test_person_holding_the_copyright_in_the_footer() -> None:
    def page(holder: str) -> str:
        footer = f"<div class='copyrights-area'><p class='copyrights-text'>(c) {holder} • Weitere Rechte</p></div>"
        return _page("", "").replace("</body>", f"{footer}</body>")

    assert _authors(page("Johannes Wolf")) == ("Johannes Wolf",)
    # A company's copyright line in the footer names no author.
    assert _authors(page("Luigi LAVAZZA SPA")) == ()
    assert _authors(page("Mediengruppe Nord")) == ()


def test_speaker_named_in_a_speech_title() -> None:
    html = _page("", "").replace(
        "<h1>A story</h1>", "<h1>Rede von Bundespräsident Johannes Rau beim Föderalismuskonvent</h1>"
    )
    assert _authors(html) == ("Johannes Rau",)
    other = _page("", "").replace("<h1>A story</h1>", "<h1>Rede von der Zukunft der Arbeit</h1>")
    assert _authors(other) == ()


def test_reviewer_named_in_a_review_pages_title() -> None:
    html = _page("", "").replace("<title>A story</title>", "<title>gousto.co.uk reviewed by Mrs H Pyke</title>")
    assert _authors(html) == ("Mrs H Pyke",)
    # "by" alone in a title is a book's or a product's maker, not the page's author.
    other = _page("", "").replace("<title>A story</title>", "<title>Rezension: Love is War von R. K. Lilley</title>")
    assert _authors(other) == ()
