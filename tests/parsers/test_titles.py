"""Title finding: one small hand-written page per rule of ``parsers.fields.titles`` / ``headline``."""

from __future__ import annotations

import lxml.html

from parsers.fields.headline import find_title
from parsers.fields.jsonld import read_jsonld
from parsers.fields.meta import MetaTags
from parsers.fields.titles import heading_text, is_chrome_heading
from parsers.page import load_page


def _title(head: str, body: str, url: str = "https://news.example.org/2023/05/story") -> str | None:
    page = load_page(f"<html><head>{head}</head><body>{body}</body></html>", url=url)
    meta = MetaTags(page.tree)
    site_name = meta.first("og:site_name")
    return find_title(page, read_jsonld(page.tree).article or {}, meta, [site_name] if site_name else [])


def _heading(markup: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(f"<div>{markup}</div>")[0]


def test_hidden_heading_is_not_the_headline() -> None:
    body = "<h1 class='sr-only'>Details</h1><article><h2>Wine lovers celebrate</h2><p>Text.</p></article>"
    assert _title("<meta property='og:title' content='Wine lovers celebrate'>", body) == "Wine lovers celebrate"
    assert is_chrome_heading(_heading("<h1 style='display: none'>News</h1>"))
    assert is_chrome_heading(lxml.html.fromstring("<div class='hidden'><h1>News</h1></div>").find(".//h1"))
    assert not is_chrome_heading(_heading("<h1 class='hidden-print'>Headline</h1>"))


def test_page_builder_widget_wrapper_is_not_chrome() -> None:
    html = "<div class='elementor-widget-container'><h1 class='elementor-heading-title'>Headline</h1></div>"
    assert not is_chrome_heading(lxml.html.fromstring(html).find(".//h1"))
    sidebar = "<div class='elementor-widget-sidebar'><h2>Recent posts</h2></div>"
    assert is_chrome_heading(lxml.html.fromstring(sidebar).find(".//h2"))


def test_layout_modifier_naming_a_sidebar_is_not_chrome() -> None:
    html = "<section class='l-section for_sidebar at_right'><div><h1>Change font size in R</h1></div></section>"
    assert not is_chrome_heading(lxml.html.fromstring(html).find(".//h1"))
    assert is_chrome_heading(lxml.html.fromstring("<div class='sidebar'><h1>Archive</h1></div>").find(".//h1"))


def test_small_kicker_or_subtitle_is_dropped() -> None:
    assert heading_text(_heading("<h1> <small>Tunesien</small><br> Große Aufgaben </h1>")) == "Große Aufgaben"
    assert heading_text(_heading("<h1>Clubs return<br><small>02.02.2022 • News</small></h1>")) == "Clubs return"


def test_line_after_break_set_apart_is_dropped() -> None:
    markup = "<h1>Leslie Clio<br> <span style='font-size:19px'>Brave New Woman</span></h1>"
    assert heading_text(_heading(markup)) == "Leslie Clio"
    # Two plain lines are one headline broken for layout.
    assert heading_text(_heading("<h1>A long headline <br>broken in two</h1>")) == "A long headline broken in two"


def test_part_marked_headline_or_kicker() -> None:
    markup = (
        "<h1><span class='fake-h5'>Energy prices</span><span class='invisible'>: </span>"
        "<span class='headline'>Government throttles bioenergy</span></h1>"
    )
    assert heading_text(_heading(markup)) == "Government throttles bioenergy"
    kicker = (
        "<h1><span class='teaser__kicker'>Pandemic</span> <span class='visually-hidden'> - </span>"
        " <span>It matters how</span></h1>"
    )
    assert heading_text(_heading(kicker)) == "It matters how"
    # A subtitle appended in a span is part of what the reader sees as the headline.
    subline = "<h1>Snow sports <span class='stage__subline'>Tips for wildlife</span></h1>"
    assert heading_text(_heading(subline)) == "Snow sports Tips for wildlife"


def test_kicker_without_tail_text_keeps_headline_variant() -> None:
    head = "<meta property='og:title' content='Firm in trouble over audit'>"
    body = "<article><h1><span>Property crisis</span><br> Firm in trouble over audit</h1></article>"
    assert _title(head, body) == "Firm in trouble over audit"


def test_heading_equal_to_longest_later_title_segment_is_the_headline() -> None:
    head = "<title>Neu - Japanese mini SUV on the rise - Vorstellung</title>"
    body = "<div class='section'><h1>Japanese mini SUV on the rise</h1></div>"
    assert _title(head, body) == "Japanese mini SUV on the rise"
    kicker_first = "<meta property='og:title' content='Pandemic - It also matters how people die | Cicero'>"
    body = "<article><h1>It also matters how people die</h1></article>"
    assert _title(kicker_first, body) == "It also matters how people die"


def test_heading_equal_to_short_trailing_segment_is_the_site() -> None:
    head = "<title>Beef liver with apple and onion | Love goes through the stomach</title>"
    body = "<div><h1>Love goes through the stomach</h1></div><div class='post'><p>Recipe.</p></div>"
    assert _title(head, body) == "Beef liver with apple and onion"


def test_title_is_in_composed_unicode_form() -> None:
    decomposed = "Cafe\u0301 reopens"
    assert _title(f"<meta property='og:title' content='{decomposed}'>", f"<h1>{decomposed}</h1>") == "Café reopens"


def test_ruby_annotations_are_not_read() -> None:
    markup = "<h1><ruby>子<rt>こ</rt></ruby>どもへの<ruby>体罰<rt>たいばつ</rt></ruby>を禁止</h1>"
    assert heading_text(_heading(markup)) == "子どもへの体罰を禁止"


def test_kicker_marked_part_before_headline_text_is_dropped() -> None:
    overline = "<h1><span class='overline'>The future of work</span>\"We rearrange the deck chairs\"</h1>"
    assert heading_text(_heading(overline)) == '"We rearrange the deck chairs"'
    topic = "<h1> <div class='topic-label'> 100th birthday </div> Survivor turns 100 </h1>"
    assert heading_text(_heading(topic)) == "Survivor turns 100"


def test_heading_linking_to_the_front_page_is_the_site_name() -> None:
    head = "<title>Four Years Remaining » Interning of small integers</title>"
    body = "<div><h1><a href='http://news.example.org'>Four Years Remaining</a></h1></div><p>Text.</p>"
    assert _title(head, body) == "Interning of small integers"
    # A headline that links to its own article is still the headline.
    own = "<article><h1><a href='/2023/05/story'>Interning of small integers</a></h1></article>"
    assert _title("<title>Interning of small integers - Blog</title>", own) == "Interning of small integers"


def test_heading_with_host_name_and_more_words_is_a_headline() -> None:
    head = "<title>Joghurt | MinusL</title>"
    body = "<article><h1>Unsere MinusL Joghurts</h1></article>"
    assert _title(head, body, url="https://www.minusl.de/joghurt/") == "Unsere MinusL Joghurts"
    assert _title(head, "<article><h1>MinusL Blog</h1></article>", url="https://www.minusl.de/j/") == "Joghurt"


def test_site_only_metadata_title_gives_way_to_the_first_h2() -> None:
    head = "<title>National Rail Enquiries -</title>"
    body = "<div class='main'><h1 class='sifr'></h1><h2>Rail replacement travel advice</h2><h2>General</h2></div>"
    url = "https://www.nationalrail.co.uk/disruptions/1.aspx"
    assert _title(head, body, url=url) == "Rail replacement travel advice"


def test_chrome_words_count_as_whole_words_only() -> None:
    commentary = "<article class='commentary'><h1>Why the deal fails</h1></article>"
    assert not is_chrome_heading(lxml.html.fromstring(commentary).find(".//h1"))
    hook = "<div class='mousemove_menueenter post_item'><h1>Gift guide</h1></div>"
    assert not is_chrome_heading(lxml.html.fromstring(hook).find(".//h1"))
    for chrome in ("main-menu", "comments-area", "site-logo", "menu-item"):
        assert is_chrome_heading(lxml.html.fromstring(f"<div class='{chrome}'><h2>Menu</h2></div>").find(".//h2"))


def test_kicker_and_headline_parted_by_a_separator_element() -> None:
    markup = (
        "<h1><span class='head__top'>Zoonoses</span><span aria-hidden='true'> – </span>"
        "<span class='head__text'>How damage breeds epidemics</span></h1>"
    )
    assert heading_text(_heading(markup)) == "How damage breeds epidemics"
    # Without a separator part the heading is read whole.
    assert heading_text(_heading("<h1><span>Zoonoses</span> <span>How damage breeds</span></h1>")) == (
        "Zoonoses How damage breeds"
    )


def test_breadcrumb_h1_is_the_headline_when_the_metadata_gives_it() -> None:
    head = (
        '<script type=\'application/ld+json\'>{"@type": "NewsArticle", '
        '"headline": "Airshow in Dessau: second F13 nearly certified"}</script>'
        "<meta property='og:title' content='Airshow: second F13 nearly certified'>"
    )
    body = (
        "<nav><ol class='breadcrumb'><li><a href='/'>Home</a></li>"
        "<li><h1>Airshow in Dessau: second F13 nearly certified</h1></li></ol></nav>"
        "<article><h2>Airshow: second F13 nearly certified</h2><p>Text.</p></article>"
    )
    assert _title(head, body) == "Airshow in Dessau: second F13 nearly certified"
    # A breadcrumb <h1> that no metadata title gives stays chrome: the article's heading wins.
    other = body.replace("<h1>Airshow in Dessau: second F13 nearly certified</h1>", "<h1>Local news</h1>")
    assert _title(head, other) == "Airshow: second F13 nearly certified"


def test_decoration_before_the_headline_is_dropped() -> None:
    assert _title("", "<article><h1>[&gt; Jens Weber</h1><p>Text.</p></article>") == "Jens Weber"
    assert _title("", "<article><h1>[Rezi] Love is War</h1><p>Text.</p></article>") == "[Rezi] Love is War"
    assert _title("", "<article><h1>„Wir dekorieren“</h1><p>Text.</p></article>") == "„Wir dekorieren“"


def test_subheading_equal_to_the_head_of_the_metadata_title() -> None:
    head = "<meta property='og:title' content='30.11. | Buch der Woche - Nikole Hannah-Jones (Hrsg.) • 1619'>"
    body = "<article><h2>30.11. | Buch der Woche</h2><h3>Nikole Hannah-Jones (Hrsg.) • 1619</h3><p>Text.</p></article>"
    assert _title(head, body) == "30.11. | Buch der Woche"


def test_content_container_ends_the_chrome_walk() -> None:
    # The whole page inside a Bootstrap "navbar" wrapper: the content area decides, not the wrapper.
    html = "<div class='navbar'><div class='content-area'><div><h2>Villa Galaxy</h2></div></div></div>"
    assert not is_chrome_heading(lxml.html.fromstring(html).find(".//h2"))
    menu = "<div class='navbar'><div class='menu-content'><h2>Villen</h2></div></div>"
    assert is_chrome_heading(lxml.html.fromstring(menu).find(".//h2"))


def test_subheading_equal_to_the_metadata_title_without_its_parenthesis() -> None:
    head = "<meta property='og:title' content='Der historische Purzelbaum (2021/5)'>"
    body = "<article><h2>Der historische Purzelbaum</h2><h3>Auf dem Weg durch zwei Städte</h3><p>Text.</p></article>"
    assert _title(head, body) == "Der historische Purzelbaum"
    # Without such a heading the metadata title stays whole.
    other = "<article><h2>Zeit ist Geld</h2><p>Text.</p></article>"
    assert _title(head, other) == "Der historische Purzelbaum (2021/5)"


def test_part_marked_headline_equal_to_the_metadata_beats_a_different_h1() -> None:
    head = "<meta name='title' content='Skandinavien im Wohnmobil erleben'><title>Vanlife in Schweden | Outdoor</title>"
    h2 = (
        "<h2><span class='v-subline'>Vanlife in Schweden</span>"
        "<span class='v-headline'>Skandinavien im Wohnmobil erleben</span></h2>"
    )
    body = f"<article><h1>Vanlife in Schweden - Skandinavien im Wohnmobil</h1>{h2}<p>Text.</p></article>"
    assert _title(head, body) == "Skandinavien im Wohnmobil erleben"
    # A marked part that no metadata title gives is a teaser: the <h1> stays.
    other = "<meta name='title' content='Vanlife in Schweden - Skandinavien im Wohnmobil'>"
    assert _title(other, body) == "Vanlife in Schweden - Skandinavien im Wohnmobil"
    # An <h2> classed as a headline as a whole is not a marked part (a social headline beside the <h1>).
    classed = "<article><h1>Jansen kämpft um sein Comeback</h1><h2 class='article_headline'>Für den HSV?</h2></article>"
    assert _title("<meta property='og:title' content='Für den HSV?'>", classed) == "Jansen kämpft um sein Comeback"


def test_tail_shared_by_two_metadata_titles_under_different_kickers() -> None:
    head = (
        "<meta property='og:title' content='Industriell Revolutioniert?: Anno 1800 Beta'>"
        "<title>next2games | Vorschauen: Anno 1800 Beta</title>"
    )
    assert _title(head, "<div><p>Text.</p></div>", url="https://next2games.de/previews") == "Anno 1800 Beta"
    same = (
        "<meta property='og:title' content='Covid-19: Lässt sich das kontrollieren?'>"
        "<title>Covid-19: Lässt sich das kontrollieren? - Spektrum</title>"
    )
    assert _title(same, "<div><p>Text.</p></div>") == "Covid-19: Lässt sich das kontrollieren?"


def test_metadata_title_cut_to_the_head_a_title_element_shows() -> None:
    head = "<title>武汉的声音：有英勇的你，才有英雄的城！-新华网</title>"
    body = "<div class='h-news'><div class='h-title'>武汉的声音：有英勇的你，才有英雄的城！</div><p>正文。</p></div>"
    assert _title(head, body, url="http://www.xinhuanet.com/local/c_1.htm") == "武汉的声音：有英勇的你，才有英雄的城！"
    # After the section's link ("Eintracht Presse : Headline").
    head = "<title>EFC Bembel - Eintracht stellt Weichen für die Zukunft - Eintracht Presse - News</title>"
    body = (
        "<table><tr><td><span class='itemTitle'><a href='/news?topic=3'>Eintracht Presse</a> : "
        "Eintracht stellt Weichen für die Zukunft</span></td></tr></table>"
    )
    url = "http://bembel.example/news/article.php?id=5"
    assert _title(head, body, url=url) == "Eintracht stellt Weichen für die Zukunft"
    # A title element that shows a kicker, not the head of the title, changes nothing.
    head = "<title>Wie Umweltzerstörung Epidemien begünstigt - Magazin</title>"
    body = "<span class='ContentHead_title'>Zoonosen</span><p>Text.</p>"
    assert _title(head, body, url="https://magazin.example/zoonosen") == "Wie Umweltzerstörung Epidemien begünstigt"


def test_spelling_of_the_headline_the_metadata_shares() -> None:
    head = "<meta property='og:title' content='Meta-Programming In Emacs Using Defadvice'>"
    body = (
        "<h1 class='title'>EMACSPEAK The Complete Audio Desktop</h1>"
        "<div class='post'><h3 class='post-title'>Meta-Programming In Emacs Using Defadvice</h3>"
        "<h1>Meta-Programming In Emacs Using defadvice</h1><p>Text.</p></div>"
    )
    assert _title(head, body) == "Meta-Programming In Emacs Using Defadvice"
    # With no heading spelled like the metadata, the visible headline stays as written.
    alone = "<div class='post'><h1>Meta-Programming In Emacs Using defadvice</h1><p>Text.</p></div>"
    assert _title(head, alone) == "Meta-Programming In Emacs Using defadvice"


def test_jsonld_headline_shown_in_a_subheading_beats_a_different_h1() -> None:
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"headline": "„Arschloch“: Danni und Ennesto trennen sich"}</script>'
    )
    body = (
        '<article><h1>Danni und Ennesto trennen sich: "Arschloch"</h1>'
        "<h2>„Arschloch“: Danni und Ennesto trennen sich</h2><p>Text.</p></article>"
    )
    head = f'{ld}<title>Danni und Ennesto trennen sich: "Arschloch"</title>'
    assert _title(head, body) == "„Arschloch“: Danni und Ennesto trennen sich"
    # Shown nowhere but in the metadata, the JSON-LD headline leaves the <h1> alone.
    alone = '<article><h1>Danni und Ennesto trennen sich: "Arschloch"</h1><p>Text.</p></article>'
    assert _title(head, alone) == 'Danni und Ennesto trennen sich: "Arschloch"'


def test_breadcrumb_h1_read_as_the_article_heading_sets_it() -> None:
    head = "<meta property='og:title' content='Covid-19: Lässt sich die Ausbreitung kontrollieren?'>"
    crumb = (
        "<ol class='breadcrumbs'><li><a href='/'>Home</a></li>"
        "<li><h1>Covid-19: Lässt sich die Ausbreitung kontrollieren?</h1></li></ol>"
    )
    heading = (
        "<header><h2><span class='content__kicker'>Covid-19</span><span class='sr-only'>: </span>"
        "<span class='content__title'>Lässt sich die Ausbreitung kontrollieren?</span></h2></header>"
    )
    assert _title(head, f"{crumb}<article>{heading}<p>Text.</p></article>") == (
        "Lässt sich die Ausbreitung kontrollieren?"
    )
    # Without the article's own heading the crumb stays as it is.
    assert _title(head, f"{crumb}<article><p>Text.</p></article>") == (
        "Covid-19: Lässt sich die Ausbreitung kontrollieren?"
    )


def test_only_h2_classed_as_the_contents_title_on_a_page_without_h1() -> None:
    head = "<meta property='og:title' content='Mrs H Pyke gave gousto.co.uk 5 stars. Check out the full review...'>"
    body = "<article><h2 class='review-content__title'>Gousto has changed my life....</h2><p>Text.</p></article>"
    assert _title(head, body) == "Gousto has changed my life...."
    page_title = "<div class='sp-page-title'><h2 class='sp-page-title-heading'>Gut zu Wissen</h2></div><p>Text.</p>"
    assert _title("<meta property='og:title' content='Den Vertrieb auslagern'>", page_title) == "Gut zu Wissen"
    # Several of them: a listing, the metadata decides.
    listing = body + "<article><h2 class='review-content__title'>Not for me</h2><p>Text.</p></article>"
    assert _title(head, listing) == "Mrs H Pyke gave gousto.co.uk 5 stars. Check out the full review..."


def test_the_one_heading_marked_as_headline_in_microdata() -> None:
    head = "<title>der Schreibstil - chadim.net - Webdesign</title>"
    body = (
        "<h3 class='page-header'>Textplanung</h3>"
        "<article><h2 itemprop='headline'>Schreiben Sie für Ihre Zielgruppe</h2><p>Text.</p></article>"
    )
    assert _title(head, body, url="https://chadim.net/text-planung/der-schreibstil") == (
        "Schreiben Sie für Ihre Zielgruppe"
    )
    # A second element so marked (here the real headline's link) makes the mark say nothing.
    banner = (
        "<h1><a itemprop='headline' href='/zentrum'>Zentrum am Berg eröffnet</a></h1><article><p>Text.</p></article>"
        "<div class='cookies'><h3 itemprop='headline'>Cookie-Einstellungen</h3></div>"
    )
    assert _title("<title>Zentrum am Berg eröffnet</title>", banner) == "Zentrum am Berg eröffnet"
