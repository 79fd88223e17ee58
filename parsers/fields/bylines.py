"""Finding the authors on a page: JSON-LD -> <meta> -> visible bylines -> byline-like text ->
feed hints. Each candidate is cleaned and split by ``parsers.fields.authors``.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from mediamon.records import Author
from parsers.fields.authors import (
    ends_with_credit_word,
    looks_like_handle,
    looks_like_organisation,
    looks_like_person,
    split_author_names,
)
from parsers.fields.common import clean as _clean
from parsers.fields.jsonld import JsonLd, text_value, text_values, types_of
from parsers.fields.meta import MetaTags
from parsers.page import Page

AUTHOR_META_KEYS = (
    "author",
    "article:author",
    "citation_author",
    "dc.creator",
    "dcterms.creator",
    "parsely-author",
    "sailthru.author",
    "byl",
    "shareaholic:article_author_name",
)
# Visible-byline and visible-date candidates, found by class/id/rel/itemprop/data-testid and
# <address>. The walk goes over attributes rather than elements (most elements have none of these,
# and testing each of five attributes on every element cost twice as much), and first asks for
# "ut" or "yline", which every token contains (author, Author, autor, auteur, contributor;
# byline, Byline): two substring tests for the many attributes that match none.
_BYLINE_CLASS_TEST = " or ".join(
    f'contains(., "{token}")' for token in ("byline", "author", "Author", "Byline", "autor", "auteur", "contributor")
)
BYLINE_XPATH = (
    '//@*[contains(., "ut") or contains(., "yline")]'
    f'[(name() = "class" and ({_BYLINE_CLASS_TEST}))'
    ' or (name() = "rel" and . = "author") or (name() = "itemprop" and . = "author")'
    ' or (name() = "id" and contains(., "author")) or (name() = "data-testid" and contains(., "byline"))]/..'
    " | //address"
)
_BYLINE_CANDIDATES = lxml.etree.XPath(BYLINE_XPATH)
_COMMENT_MARK_RE = re.compile(
    r"^(?:comments?|comment-.*|.*-comments?|commentlist|respond|reply|kommentare?|disqus.*|related.*)$",
    re.IGNORECASE,
)
_WRITTEN_BY_RE = re.compile(
    r"^(?:written by|verfasst von|geschrieben von|escrit[oa] por|écrit par|author|autor(?:in)?|auteur)$", re.IGNORECASE
)
_SOFT_MARK_RE = re.compile(r"^(?:sidebar.*|.*-sidebar|widget.*|footer.*|.*-footer|aside)$", re.IGNORECASE)
# A text line that is a byline without byline markup: "Posted by Jane Doe", "Text von Jane Doe".
# "y " or "on " first: every phrase contains one, most text nodes (indentation) neither.
BYLINE_TEXT_XPATH = (
    "//body//text()[contains(., 'y ') or contains(., 'on ')]"
    "[contains(., 'by ') or contains(., 'By ') or contains(., 'von ') or contains(., 'Von ')]"
)
_BYLINE_TEXT_CANDIDATES = lxml.etree.XPath(BYLINE_TEXT_XPATH)
_AUTHOR_LABEL_CANDIDATES = lxml.etree.XPath(
    "//body//text()[string-length(normalize-space(.)) < 16]"
    "[translate(normalize-space(.), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ:', 'abcdefghijklmnopqrstuvwxyz')"
    " = 'by' or translate(normalize-space(.), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ:', 'abcdefghijklmnopqrstuvwxyz')"
    " = 'von' or contains(., 'ut') or contains(., 'erfasser') or contains(., 'written') or contains(., 'erausgeber')]"
)
# An element whose whole text is one of these labels puts the author's name right after it.
_AUTHOR_LABEL = (
    r"\s*(?:by|von|written by|geschrieben von|autor(?:in)?|author|auteur|verfasser(?:in)?|herausgeber(?:in)?)\s*:?\s*"
)
_AUTHOR_LABEL_ONLY_RE = re.compile(rf"^{_AUTHOR_LABEL}$", re.IGNORECASE)
_COPYRIGHT_CANDIDATES = lxml.etree.XPath(
    "//body//text()[contains(., '©') or contains(., '(c)') or contains(., 'opyright')]"
)
# Cheap tests on the page's HTML before the scans of its text nodes.
_CJK_LABEL_HINT_RE = re.compile(r"责任编辑|責任編輯|作者：|记者：")
_AUTHOR_LABEL_HINT_RE = re.compile(rf">{_AUTHOR_LABEL}<", re.IGNORECASE)
_CJK_LABEL_CANDIDATES = lxml.etree.XPath(
    "//body//text()[contains(., '责任编辑') or contains(., '責任編輯')"
    " or contains(., '作者：') or contains(., '记者：')]"
)
_CJK_LABEL_RE = re.compile(
    r"(?:责任编辑|責任編輯|作者|记者)\s*[:：]\s*(?:记者)?\s*"
    r"(?P<names>[^\s:：|（()\[\]【】]{1,20}(?:[ 、][^\s:：|（()\[\]【】]{1,20}){0,3})"
)
_BYLINE_TEXT_RE = re.compile(
    r"^[^\w(]*(?:(?:posted|written|published|submitted|text|story|words|blog\s*beitrag|beitrag|artikel|eingestellt|erstellt"
    r"|geschrieben|gespeichert|verfasst)"
    r"\s+(?:by|von)|(?:by|von))\s+\S|\d\s+(?:by|von)\s+[A-ZÄÖÜ]",
    re.IGNORECASE,
)
MAX_BYLINE_TEXT_CHARS = 80
# "11.12.2019 - Jane Doe", "04.02.2022 | 13:10 Uhr | Jane Doe", "May 5, 2023 · Jane Doe": a date
# line next to the headline that ends in a name.
_DATE_PART = (
    r"(?:\d{1,2}[./]\s?\d{1,2}[./]\s?\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.?\s+[^\W\d]{3,}\.?\s+\d{4}"
    r"|[^\W\d]{3,}\.?\s+\d{1,2},?\s+\d{4})"
)
_DATED_NAME_LINE_RE = re.compile(
    rf"^{_DATE_PART}(?:\s*[|·•–—-]\s*\d{{1,2}}:\d{{2}}(?:\s*(?:uhr|h|am|pm))?)?\s*[|·•–—-]\s*(?P<name>[^|·•–—\d]+)$",
    re.IGNORECASE,
)
_BARE_BY_RE = re.compile(
    r"^\W*(?:(?:posted|written|submitted|erstellt|eingestellt|geschrieben|gespeichert|verfasst)\s+)?(?:by|von)\W*$",
    re.IGNORECASE,
)
_URL_LIKE_RE = re.compile(r"^(?:https?:)?//|^www\.|\.(?:com|org|net|de)/", re.IGNORECASE)
MAX_BYLINE_CHARS = 200
ORGANISATION_TYPES = frozenset(
    {"organization", "newsmediaorganization", "corporation", "ngo", "governmentorganization"}
)
# "Nils Pickert ist ...", "Jane Doe is ...", "Stefanus Stahl - Maschinenbauer": a bio that opens with
# the full name.
_BIO_NAME_RE = re.compile(
    r"^(\w+)\s+((?:[A-ZÄÖÜ][\w'’-]+\s+){0,2}?[A-ZÄÖÜ][\w'’-]+)"
    r"(?=\s*(?:[-–—,:(]|\s(?:ist|is|war|was|schreibt|writes|est)\b))"
)
# More values than this under one meta key is a reference list in microdata (itemprop="author"
# on every cited work), not the article's byline.
MAX_META_AUTHORS = 12


def _full_name_from_bio(name: str, bio: str | None) -> str:
    """The full name when a one-word display name ("Nils") opens the person's bio with a surname
    ("Nils Pickert ist freier Autor..."), as WordPress/Yoast author schemas do; else ``name``.
    """
    if not bio:
        return name
    match = _BIO_NAME_RE.match(bio.strip())
    if match and match.group(1) == name:
        return f"{name} {match.group(2)}"
    return name


def _jsonld_authors(ld: JsonLd, outlet: str | None, organisations: set[str] | None = None) -> list[Author]:
    """JSON-LD authors; the names of those typed Organization are added to ``organisations``."""
    article = ld.article or ld.page
    if not article:
        return []
    raw = article.get("author") or article.get("creator")
    items = raw if isinstance(raw, list) else [raw]
    authors: list[Author] = []
    for item in items:
        resolved = ld.resolve(item)
        affiliation: str | None = None
        if isinstance(resolved, dict):
            if (
                types_of(resolved) & {"organization", "newsmediaorganization"}
                and len(items) == 1
                and outlet
                and text_value(resolved.get("name")) == outlet
            ):
                continue
            # A list of names (some CMSs write one link per author) keeps every name.
            name_text = "; ".join(text_values(resolved.get("name"))) or None
            if not name_text and (resolved.get("givenName") or resolved.get("familyName")):
                name_text = " ".join(
                    filter(None, [text_value(resolved.get("givenName")), text_value(resolved.get("familyName"))])
                )
            affiliation = text_value(resolved.get("affiliation")) or text_value(resolved.get("worksFor"))
            if name_text and " " not in name_text.strip():
                name_text = _full_name_from_bio(name_text.strip(), text_value(resolved.get("description")))
        else:
            name_text = text_value(resolved)
        if not name_text or _URL_LIKE_RE.search(name_text):
            continue
        for name in split_author_names(name_text, outlet=outlet):
            authors.append(Author(name=name, affiliation=affiliation))
            # Yoast types a one-person site's author ["Person", "Organization"]: a person.
            types = types_of(resolved) if isinstance(resolved, dict) else set()
            if organisations is not None and types & ORGANISATION_TYPES and "person" not in types:
                organisations.add(name)
    return authors


def _meta_authors(meta: MetaTags, outlet: str | None) -> list[Author]:
    # Twitter's card label/data pairs: Yoast writes twitter:label1 "Written by" / "Verfasst von"
    # with the author's name in twitter:data1.
    labelled = [
        meta.values[f"twitter:data{n}"][0]
        for n in (1, 2, 3)
        if _WRITTEN_BY_RE.match(meta.first(f"twitter:label{n}") or "") and meta.values.get(f"twitter:data{n}")
    ]
    for key in (*AUTHOR_META_KEYS, "twitter:written-by"):
        values = labelled if key == "twitter:written-by" else meta.values.get(key, ())
        values = [v for v in values if not _URL_LIKE_RE.search(v)]
        if not values or len(values) > MAX_META_AUTHORS:
            continue
        names: list[str] = []
        for value in values:
            for name in split_author_names(value, outlet=outlet):
                if name not in names:
                    names.append(name)
        if names:
            return [Author(name=n) for n in names]
    return []


def _byline_exclusion(element: lxml.html.HtmlElement) -> int:
    """0: a byline candidate in the page proper; 1: one in a sidebar, widget, ``<aside>`` or
    ``<footer>`` (blog platforms wrap the post itself in a "widget", and author boxes sit in
    asides), used only when the page proper has none; 2: one in comments, forms or navigation,
    never used.
    """
    soft = 0
    for node in (element, *element.iterancestors()):
        if node.tag in {"body", "html"}:
            break
        if node.tag in {"form", "nav"}:
            return 2
        if node.tag in {"footer", "aside"}:
            soft = 1
        marks = f"{node.get('class') or ''} {node.get('id') or ''}".split()
        for mark in marks:
            if _COMMENT_MARK_RE.match(mark):
                return 2
            if _SOFT_MARK_RE.match(mark):
                soft = 1
    return soft


_MEDIA_CREDIT_MARK_RE = re.compile(
    r"image|img|photo|foto|caption|licen[cs]e|gallery|galerie|media-?box|media-?info|video", re.IGNORECASE
)


def _is_media_credit(element: lxml.html.HtmlElement) -> bool:
    """Whether a byline candidate credits a picture or a media item ("image-author", "Foto: ...",
    a gallery's or a video box's "author"), by its own or its two nearest ancestors' classes.
    """
    node: lxml.html.HtmlElement | None = element
    for _ in range(3):
        if node is None:
            return False
        if _MEDIA_CREDIT_MARK_RE.search(node.get("class") or ""):
            return True
        node = node.getparent()
    return False


def _element_text(element: lxml.html.HtmlElement) -> str | None:
    """The element's text with a space between child elements: bylines are built from separate
    elements ("<span>By</span><a>Jane Doe</a>", "<a>Redaktion</a><span>in Rubrik</span>") that
    ``text_content()`` would glue together. A piece of one or two letters right after a letter
    is a styled letter of the same word ("Will Knigh<span>t</span>") and stays attached.
    """
    text = ""
    for piece in element.itertext():
        if text and text[-1].isalpha() and len(piece) <= 2 and piece.isalpha():
            text += piece
        else:
            text += " " + piece
    return _clean(text)


def _first_line_text(element: lxml.html.HtmlElement) -> str:
    """The element's text up to its first ``<br>`` (a dateline or a lead often follows)."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "br":
            break
        parts.extend((" ".join(child.itertext()), child.tail or ""))
    return _clean(" ".join(parts)) or ""


def _inner_name(
    element: lxml.html.HtmlElement, name: str, following: list[lxml.html.HtmlElement], outlet: str | None
) -> list[str]:
    """The name of a byline candidate nested in ``element`` when ``name`` is that name plus a
    handle: a container ("Jane Doe janedoe_tw") holds the name element ("Jane Doe") and a
    social-media link.
    """
    for inner in following:
        if element not in inner.iterancestors():
            break
        inner_names = split_author_names(_element_text(inner) or "", outlet=outlet)
        # Only a handle or lower-case word may follow: "<span>Jane</span> <span>Doe</span>" is one name.
        if len(inner_names) == 1 and name.startswith(inner_names[0] + " "):
            rest = name[len(inner_names[0]) + 1 :]
            if rest.islower() or looks_like_handle(rest):
                return inner_names
    return []


def _visible_authors(tree: lxml.html.HtmlElement, outlet: str | None, *, text_lines: bool = True) -> list[Author]:
    """Names from byline markup (page proper, then sidebars/widgets), then, if ``text_lines``,
    from a byline-like text line.
    """
    deferred: list[Author] = []
    candidates = [
        element
        for element in _BYLINE_CANDIDATES(tree)[:40]
        if element.tag not in {"meta", "link", "script", "style", "body", "html", "article", "img", "input", "label"}
    ]
    for index, element in enumerate(candidates):
        exclusion = _byline_exclusion(element)
        if exclusion == 2 or (exclusion == 1 and deferred):
            continue
        # An <address> in a footer or sidebar is the site's postal address, not the author's.
        if exclusion and element.tag == "address":
            continue
        # The site's title marked up as its owner's hCard, and credits of pictures and media.
        if element.tag == "h1" or _is_media_credit(element):
            continue
        text = _element_text(element)
        if not text or len(text) > MAX_BYLINE_CHARS:
            continue
        names = split_author_names(text, outlet=outlet)
        if len(names) == 1:
            names = _inner_name(element, names[0], candidates[index + 1 : index + 4], outlet) or names
        if names and exclusion == 0:
            return [Author(name=n) for n in names]
        if names:
            deferred = [Author(name=n) for n in names]
    if deferred or not text_lines:
        return deferred
    return _byline_text_authors(tree, outlet)


def _byline_text_authors(tree: lxml.html.HtmlElement, outlet: str | None) -> list[Author]:
    """Names from a short text line that reads as a byline ("Posted by Jane Doe", "Text von
    Jane Doe", "May 5, 2023 by Jane Doe") in an element without byline classes. A line that
    gives only a user login ("Gespeichert von jdoe") yields to a later one that gives a name.
    """
    logins: list[Author] = []
    for node in _BYLINE_TEXT_CANDIDATES(tree)[:20]:
        text = _clean(str(node))
        parent = node.getparent()
        if not text or len(text) > MAX_BYLINE_TEXT_CHARS or parent is None:
            continue
        # A bare "By" before the linked name ("By <a>Jane Doe</a>"): the line is the element's text
        # (for a tail text, the element holding the one it trails).
        if _BARE_BY_RE.match(text):
            container = parent.getparent() if node.is_tail else parent
            text = _first_line_text(container) if container is not None else ""
        # A link that itself reads "By Method"/"Von Pyramiden ..." is a filter or a headline:
        # bylines link the name, not the "by".
        if parent.tag in {"script", "style", "title"} or (parent.tag == "a" and not node.is_tail):
            continue
        # "Von Atemschutzmaske bis Zoonose" as a section heading: headings are no bylines.
        if parent.tag in {"h1", "h2", "h3"} and not node.is_tail:
            continue
        # "<a>XenForo theme</a> by xenfocus": the credit starts in the element before the tail.
        if node.is_tail and ends_with_credit_word(parent.text_content()):
            continue
        if not _BYLINE_TEXT_RE.search(text) or _byline_exclusion(parent) == 2:
            continue
        # The line must be (nearly) all of its element: a "by" inside running prose is no byline.
        if len(_clean(parent.text_content()) or "") > MAX_BYLINE_TEXT_CHARS:
            continue
        names = split_author_names(text, outlet=outlet)
        if names and all(looks_like_handle(n) for n in names):
            logins = logins or [Author(name=n) for n in names]
        elif names:
            return [Author(name=n) for n in names]
    return logins


def _labelled_cjk_authors(tree: lxml.html.HtmlElement, outlet: str | None) -> list[Author]:
    """Names after the labels Chinese and Japanese news pages print under the article:
    "责任编辑：焦鹏" (editor in charge), "作者：" (author), "记者" (reporter).
    """
    for node in _CJK_LABEL_CANDIDATES(tree)[:5]:
        parent = node.getparent()
        if parent is None or parent.tag in {"script", "style", "title"}:
            continue
        match = _CJK_LABEL_RE.search(str(node))
        if not match:
            continue
        names = split_author_names(match.group("names"), outlet=outlet)
        if names:
            return [Author(name=n) for n in names]
    return []


def _label_then_name_authors(tree: lxml.html.HtmlElement, outlet: str | None) -> list[Author]:
    """The name right after an element that is only an author label: "<dt>Autor</dt><dd><a>Jane
    Doe</a></dd>", "<span class='sr-only'>Author</span> <a class='username'>jdoe</a>".
    """
    for node in _AUTHOR_LABEL_CANDIDATES(tree)[:10]:
        parent = node.getparent()
        if parent is None or node.is_tail or parent.tag in {"script", "style", "title", "option"}:
            continue
        # Not a heading over a widget ("<h2>Autor</h2><ul><li>About me</li></ul>"), nor in a
        # sidebar, footer or comments.
        if not _AUTHOR_LABEL_ONLY_RE.match(str(node)) or parent.tag in {"h1", "h2", "h3", "h4"}:
            continue
        if _byline_exclusion(parent) != 0:
            continue
        # The next text in reading order: inside the label's element ("<h6>Herausgeber: <a>X</a>
        # </h6>") or after it.
        following = [
            t
            for t in parent.xpath("descendant::text()[normalize-space()] | following::text()[normalize-space()]")[:3]
            if not (t.getparent() is parent and not t.is_tail)
        ][:1]
        block = parent.getparent()
        # The name belongs to the label's own block: the next text of the page elsewhere is not it.
        if not following or block is None or not _within(following[0], block):
            continue
        text = _clean(str(following[0])) or ""
        # Another label ("Auteur(s) :") is no name.
        if text.endswith((":", "：")) or len(text) > MAX_BYLINE_TEXT_CHARS:
            continue
        names = split_author_names(text, outlet=outlet)
        if names:
            return [Author(name=n) for n in names]
    return []


# "Autorin: Uta Staschewski, Projektleiterin der HSS in Tunesien." as a line of its own.
_INLINE_LABEL_HINT_RE = re.compile(r">\s*(?:autor(?:in)?|author|verfasser(?:in)?)\s*:\s*[A-ZÄÖÜ]", re.IGNORECASE)
_INLINE_LABEL_RE = re.compile(
    r"^(?:autor(?:in)?|author|verfasser(?:in)?)\s*:\s*(?P<name>[A-ZÄÖÜ][\w'’.-]+(?:\s+[A-ZÄÖÜ][\w'’.-]+){1,2})"
    r"\s*(?:[,(]|$)",
    re.IGNORECASE,
)
_INLINE_LABEL_CANDIDATES = lxml.etree.XPath(
    "//body//text()[contains(., ':')][contains(., 'utor') or contains(., 'uthor') or contains(., 'erfasser')]"
)


def _inline_label_authors(tree: lxml.html.HtmlElement) -> list[Author]:
    """A full name after an author label that opens a short line of its own in the article:
    "Autorin: Uta Staschewski, Projektleiterin der HSS in Tunesien." (a role may follow).
    """
    for node in _INLINE_LABEL_CANDIDATES(tree)[:10]:
        parent = node.getparent()
        if parent is None or node.is_tail or parent.tag in {"script", "style", "title", "option", "a"}:
            continue
        line = _clean(parent.text_content()) or ""
        match = _INLINE_LABEL_RE.match(line)
        if not match or len(line) > MAX_BYLINE_CHARS or _byline_exclusion(parent) != 0:
            continue
        names = split_author_names(match.group("name"))
        if names:
            return [Author(name=n) for n in names]
    return []


_SIGNATURE_RE = re.compile(
    r"^(?:(?P<greeting>euer|eure|dein|deine|ihr|ihre|yours|cheers|best|liebe grüße|viele grüße|lg)[,!]?\s+)?"
    r"(?P<name>[A-ZÄÖÜ][\w'’.-]+(?:\s+[A-ZÄÖÜ][\w'’.-]+){0,2})$",
    re.IGNORECASE,
)


# "Hamburg (dpa/lno) – ...": a wire story's dateline credits the agency.
_AGENCY_DATELINE_RE = re.compile(
    r"^(?:[A-ZÄÖÜ][\w.'’-]*(?:[ /][A-ZÄÖÜ][\w.'’-]*){0,3})\s*"
    r"\((?P<agency>[A-Za-z]{2,8}(?:/[A-Za-z]{2,8}){0,2})\)\s*[-–—:]"
)


def dateline_agency(body: str) -> list[Author]:
    """The news agency a wire story's dateline credits ("Hamburg (dpa/lno) – ..." -> "dpa/lno"),
    for pages that name no author otherwise.
    """
    for paragraph in body.lstrip().split("\n", 3)[:3]:
        match = _AGENCY_DATELINE_RE.match(paragraph.strip())
        if match:
            # Split as every byline is ("dpa/lno": the agency and its regional desk).
            return [Author(name=n) for n in split_author_names(match.group("agency"))]
    return []


def signature_authors(body: str, outlet: str | None, html: str = "") -> list[Author]:
    """The author who signs the article's last paragraph: a greeting and a name ("Euer
    HansEhrlich"), or a line that is only a full name set in bold or italics in the page's
    ``html`` ("<strong>Marina Mucha</strong>"; a plain "Zum Seitenanfang" is a link's text).
    For pages whose metadata and bylines name nobody.
    """
    lines = [line.strip() for line in body.rstrip().rsplit("\n", 2)[-2:] if line.strip()]
    if not lines:
        return []
    match = _SIGNATURE_RE.match(lines[-1])
    if not match or (match.group("greeting") is None and len(match.group("name").split()) < 2):
        return []
    name = match.group("name")
    # Capitalised words only (a name), and not the site signing off.
    if any(word[:1].islower() for word in name.split()) or looks_like_organisation(name, (outlet,) if outlet else ()):
        return []
    if match.group("greeting") is None:
        emphasis = rf"<(strong|b|em|i)\b[^>]*>(?:\s*<[^>]+>)*\s*{re.escape(name)}\s*(?:<[^>]+>\s*)*</\1>"
        if not re.search(emphasis, html):
            return []
    names = split_author_names(name, outlet=outlet)
    return [Author(name=n) for n in names] if len(names) == 1 else []


_COPYRIGHT_LINE_RE = re.compile(
    r"^\s*(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?:by\s+)?"
    r"(?P<name>[A-ZÄÖÜ][^\W\d_]+(?:-[A-ZÄÖÜ][^\W\d_]+)?(?:\s[A-ZÄÖÜ][^\W\d_]+(?:-[A-ZÄÖÜ][^\W\d_]+)?){1,2}"
    r"|[A-Z]{2,5}(?:/[A-Z]{2,5})*)\s*(?:[•|·,.]|$)",
)
_CAPTION_MARK_RE = re.compile(r"caption|credit|copyright-image|bildnachweis|media|gallery|image|photo|foto", re.I)


def _copyright_authors(tree: lxml.html.HtmlElement, site_names: tuple[str, ...]) -> list[Author]:
    """A person or agency holding the copyright of a page that names no author otherwise:
    "(c) Jane Doe • Weitere Rechte siehe Impressum", "© 2019 Jane Doe", "© 2012 APA/AP".
    Picture credits ("© Jane Doe" under a photo) are skipped, and so are companies and the site.
    A line in the footer counts only when a person (``looks_like_person``) holds it: a personal
    site's owner, where a company's footer names the company.
    """
    for node in _COPYRIGHT_CANDIDATES(tree)[:10]:
        parent = node.getparent()
        if parent is None or parent.tag in {"script", "style", "title", "figcaption"}:
            continue
        match = _COPYRIGHT_LINE_RE.match(str(node))
        if not match:
            continue
        holder = parent.getparent() if node.is_tail else parent
        if holder is None:
            continue
        # The site's copyright line in its footer names the company, not the article's author;
        # a person holding it there is the site's (a blog's) author.
        if not looks_like_person(match.group("name")) and (
            _byline_exclusion(holder) != 0 or _FOOTER_MARK_RE.search(_ancestor_marks(holder))
        ):
            continue
        if any(
            a.tag in {"figure", "figcaption"} or _CAPTION_MARK_RE.search(f"{a.get('class') or ''} {a.get('id') or ''}")
            for a in (holder, *holder.iterancestors())
        ):
            continue
        name = match.group("name")
        if looks_like_organisation(name, site_names) or _is_site_itself(name, site_names):
            continue
        names = split_author_names(name)
        if names:
            return [Author(name=n) for n in names]
    return []


# WordPress marks a comment its post's author wrote with the class "bypostauthor"; the comment's
# author name is in its hCard (``fn``) or its "comment-author" block.
_POST_AUTHOR_COMMENTS = lxml.etree.XPath("//*[contains(concat(' ', normalize-space(@class), ' '), ' bypostauthor ')]")
_COMMENT_NAME = lxml.etree.XPath(
    ".//*[contains(concat(' ', normalize-space(@class), ' '), ' fn ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' comment-author ')][1]"
)
_SAYS_RE = re.compile(r"\s+(?:says|sagt|schreibt|dit|dice)\s*:?$", re.IGNORECASE)


def _post_author_comment_authors(tree: lxml.html.HtmlElement, site_names: tuple[str, ...]) -> list[Author]:
    """The post's author as the blog names them in a comment they wrote under it (WordPress
    marks such comments "bypostauthor"): for blogs that print no byline on the post itself.
    """
    for comment in _POST_AUTHOR_COMMENTS(tree)[:3]:
        for element in _COMMENT_NAME(comment):
            name = _SAYS_RE.sub("", " ".join(element.text_content().split()))
            names = split_author_names(name) if name and len(name) <= 60 else []
            if names and not any(_is_site_itself(n, site_names) for n in names):
                return [Author(name=n) for n in names]
    return []


def _creator_authors(meta: MetaTags, html: str) -> list[Author]:
    """The person behind the page's ``twitter:creator`` handle, when the page prints the handle as
    a full name ("@alexanderlasch" -> "Alexander Lasch"); an outlet's account names no author.
    """
    handle = (meta.first("twitter:creator") or "").strip().lstrip("@")
    if not 6 <= len(handle) <= 30 or not handle.isalnum():
        return []
    pattern = r"[\s.-]?".join(re.escape(c) for c in handle)
    for match in re.finditer(rf"(?i)(?<![\w@/.-]){pattern}(?![\w.-])", html):
        name = " ".join(match.group(0).split())
        if looks_like_person(name):
            return [Author(name=name)]
    return []


# A speech's title names its speaker, the author of its text: "Rede von Bundespräsident Johannes
# Rau beim Föderalismuskonvent", "Remarks by the President ...".
_SPEECH_TITLE_RE = re.compile(
    r"^(?:rede|ansprache|grußwort|grusswort|festrede|laudatio|speech|remarks|address|keynote|discours|discurso)"
    r"\s+(?:von|des|der|by|de|del)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)


# A review page's title names its reviewer: "gousto.co.uk reviewed by Mrs H Pyke".
_REVIEWED_BY_RE = re.compile(
    r"\b(?:reviewed|rated|bewertet)\s+(?:by|von)\s+(?P<name>[^|–—:]{2,60}?)\s*$", re.IGNORECASE
)


def _reviewer_authors(tree: lxml.html.HtmlElement) -> list[Author]:
    """The reviewer a review page's ``<title>`` names ("... reviewed by Jane Doe")."""
    for element in tree.iter("title"):
        match = _REVIEWED_BY_RE.search(_clean(element.text_content()) or "")
        names = split_author_names(match.group("name")) if match else []
        if names:
            return [Author(name=n) for n in names]
    return []


def _speaker_authors(tree: lxml.html.HtmlElement) -> list[Author]:
    """The speaker a speech's ``<h1>`` or ``<title>`` names: the first full name after "Rede von"
    or "Speech by" and any titles ("Bundespräsident", "Prime Minister").
    """
    for element in (*tree.iter("h1"), *tree.iter("title")):
        match = _SPEECH_TITLE_RE.match(_clean(element.text_content()) or "")
        if not match:
            continue
        words = match.group("rest").split()[:8]
        for start in range(len(words) - 1):
            for size in (3, 2):
                name = " ".join(words[start : start + size]).rstrip(",:;")
                if looks_like_person(name):
                    return [Author(name=name)]
    return []


# A forum thread's opening post names its writer (XenForo: <article class="message" data-author>).
_FIRST_POST_AUTHOR = lxml.etree.XPath("(//article[@data-author][contains(@class, 'message')])[1]/@data-author")


def _first_post_authors(tree: lxml.html.HtmlElement) -> list[Author]:
    """The member who opened a forum thread: the writer of its first post."""
    names = [_clean(str(v)) for v in _FIRST_POST_AUTHOR(tree)]
    return [Author(name=n) for n in names if n and len(n) <= 60]


_FOOTER_MARK_RE = re.compile(r"footer|copyright|colophon|site-info|bottom|impressum|credits", re.I)


def _ancestor_marks(element: lxml.html.HtmlElement) -> str:
    return " ".join(
        f"{a.get('class') or ''} {a.get('id') or ''}" for a in (element, *element.iterancestors()) if a.attrib
    )


_CREDIT_CLASS_RE = re.compile(r"(?<![a-z])(?:credit|publisher|agency)(?![a-z])", re.IGNORECASE)
_NON_NAME_START_RE = re.compile(r"^(?:bild|foto|photo|image|picture)", re.IGNORECASE)


def _headline_credit_authors(tree: lxml.html.HtmlElement, site_names: tuple[str, ...]) -> list[Author]:
    """The desk or agency credited under the headline ("<h1>...</h1><p class='credit'>JIJI</p>",
    "<div class='publisher'>ET Online</div>") of a page that names no author otherwise: an
    element marked credit/publisher/agency in the headline's block (its parent or grandparent),
    not the site itself and not a picture credit.
    """
    headline = next(tree.iter("h1"), None)
    block = headline.getparent() if headline is not None else None
    for _ in range(2):
        if block is None:
            return []
        for element in block.iter():
            if not isinstance(element.tag, str) or not _CREDIT_CLASS_RE.search(element.get("class") or ""):
                continue
            text = (_clean(element.text_content()) or "").strip(" |·•-–—")
            if not text or len(text) > 40 or _NON_NAME_START_RE.match(text):
                continue
            names = [n for n in split_author_names(text) if not _is_site_itself(n, site_names)]
            names = [n for n in names if not looks_like_organisation(n, site_names)]
            if names:
                return [Author(name=n) for n in names]
        block = block.getparent()
    return []


def _within(node: lxml.etree._ElementUnicodeResult, block: lxml.html.HtmlElement) -> bool:
    """Whether a text node lies inside ``block``."""
    holder = node.getparent()
    if holder is not None and node.is_tail:
        holder = holder.getparent()
    return holder is not None and (holder is block or block in holder.iterancestors())


def _headline_line_authors(tree: lxml.html.HtmlElement, outlet: str | None) -> list[Author]:
    """Names from a date line right before or after the first ``<h1>`` ("11.12.2019 - Jane Doe").
    Each name must have two or more words, so a section name ("04.02.2022 | Politik") is none.
    """
    headline = next(tree.iter("h1"), None)
    if headline is None:
        return []
    neighbours = [*list(headline.itersiblings(preceding=True))[:2], *list(headline.itersiblings())[:2]]
    for element in neighbours:
        if not isinstance(element.tag, str):
            continue
        text = _clean(element.text_content()) or ""
        match = _DATED_NAME_LINE_RE.match(text) if len(text) <= MAX_BYLINE_TEXT_CHARS else None
        if not match:
            continue
        names = split_author_names(match.group("name"), outlet=outlet)
        if names and all(len(n.split()) >= 2 for n in names):
            return [Author(name=n) for n in names]
    return []


def find_authors(page: Page, ld: JsonLd, meta: MetaTags, outlet: str | None) -> list[Author]:
    """Authors: JSON-LD ``author`` -> ``<meta>`` author tags -> visible byline (page proper, then
    sidebars/widgets) -> byline-like text line -> a name after an author label -> a full name
    after an author label opening a line ("Autorin: Jane Doe, Projektleiterin") -> weak
    metadata (handles, organisations) -> a date line beside the headline that ends in a name ->
    a Chinese editor label -> the person behind the ``twitter:creator`` handle -> the reviewer a
    review page's title names, or the speaker a speech's title names -> a forum thread's opening
    post -> the post author's own comment (WordPress "bypostauthor") -> the article's own
    copyright line (or a person's in the footer)
    -> a desk or agency credited under the headline -> feed hints. (The body's signature and a
    wire dateline's agency come after the body is read, in ``parse_generic``.)

    Metadata that only gives user handles ("JaneDoe_1") or organisations (typed Organization, a
    legal form, a domain, or the site's own name: "Die FURCHE", "example.de") yields to a
    visible byline or a labelled name when the page has one (handles only to byline markup, not
    to a byline-like text line), and is kept when it has none, except the site crediting itself.
    A ``<meta>`` author shown nowhere in the page's text yields to a visible byline; a visible
    byline adds the co-author the metadata left out, and a first name alone becomes the one full
    name the page prints with it ("Todd" -> "Todd Bates"). A name that is the site itself is dropped
    from a list that has other names ("Jane Doe / example.de"); a login gives way to the name the
    page prints for it.
    """
    site_names = tuple(n for n in (outlet, page.host.removeprefix("www.")) if n)
    organisations: set[str] = set()
    weak: list[Author] = []
    handles_only = False
    sources = (("json-ld", _jsonld_authors(ld, outlet, organisations)), ("meta", _meta_authors(meta, outlet)))
    for source, authors in sources:
        if source == "meta" and authors and not _shown_on_page(authors, page.tree):
            visible = _visible_authors(page.tree, outlet)
            if visible and not all(looks_like_handle(a.name) for a in visible):
                return visible
        if authors and not all(
            looks_like_handle(a.name) or a.name in organisations or looks_like_organisation(a.name, site_names)
            for a in authors
        ):
            return _with_visible_coauthors(authors, page, outlet, site_names)
        if authors and not weak:
            weak = authors
            handles_only = all(looks_like_handle(a.name) for a in authors)
    authors = _visible_authors(page.tree, outlet, text_lines=not handles_only)
    labelled = not authors and _AUTHOR_LABEL_HINT_RE.search(page.text) is not None
    if labelled and not handles_only:
        authors = _label_then_name_authors(page.tree, outlet)
    if not authors and not handles_only and _INLINE_LABEL_HINT_RE.search(page.text):
        authors = _inline_label_authors(page.tree)
    # The site crediting itself ("example.de", its og:site_name) is no author: the outlet is a
    # field of its own.
    authors = authors or [a for a in weak if not _is_site_itself(a.name, site_names)]
    if not authors:
        authors = _headline_line_authors(page.tree, outlet)
    if not authors:
        authors = _labelled_cjk_authors(page.tree, outlet) if _CJK_LABEL_HINT_RE.search(page.text) else []
    if not authors and labelled and handles_only:
        authors = _label_then_name_authors(page.tree, outlet)
    if not authors:
        authors = _creator_authors(meta, page.text)
    if not authors:
        authors = _reviewer_authors(page.tree) or _speaker_authors(page.tree)
    if not authors and "data-author=" in page.text:
        authors = _first_post_authors(page.tree)
    if not authors and "bypostauthor" in page.text:
        authors = _post_author_comment_authors(page.tree, site_names)
    if not authors:
        authors = _copyright_authors(page.tree, site_names)
    if not authors:
        authors = _headline_credit_authors(page.tree, site_names)
    if not authors and page.hints is not None and page.hints.authors:
        authors = [Author(name=n) for a in page.hints.authors for n in split_author_names(a)]
    if len(authors) > 1:
        people = [a for a in authors if not _is_site_itself(a.name, site_names)]
        authors = people or authors
    return [_name_of_login(a, page.text) for a in authors]


def _name_of_login(author: Author, html: str) -> Author:
    """The name a login stands for when the page prints it: "christian.stadtfeld" ->
    "Christian P. Stadtfeld" (the login's parts in order, capitalised, middle initials allowed).
    """
    parts = [p for p in re.split(r"[._-]", author.name) if p]
    if not 2 <= len(parts) <= 3 or not author.name.islower() or any(len(p) < 2 or not p.isalpha() for p in parts):
        return author
    pattern = r"(?:\s+[A-ZÄÖÜ]\.)*\s+".join(rf"{p[0].upper()}(?i:{re.escape(p[1:])})" for p in parts)
    found = {m.group(0) for m in re.finditer(rf"(?<![\w.-]){pattern}(?![\w-])", html)}
    return Author(name=found.pop(), affiliation=author.affiliation) if len(found) == 1 else author


def _full_name_on_page(author: Author, html: str) -> Author:
    """A first name given alone completed to the one full name the page prints with it."""
    if not author.name[:1].isupper() or not author.name.isalpha():
        return author
    # A literal start lets the regex engine skip ahead; the word boundary before it is checked here.
    pattern = rf"{re.escape(author.name)}\s+([A-ZÄÖÜ][\w'’-]+)(?![\w-])"
    surnames = {
        m.group(1)
        for m in re.finditer(pattern, html)
        if not m.start() or not (html[m.start() - 1].isalnum() or html[m.start() - 1] in "_-")
    }
    if len(surnames) != 1:
        return author
    return Author(name=f"{author.name} {surnames.pop()}", affiliation=author.affiliation)


def _shown_on_page(authors: list[Author], tree: lxml.html.HtmlElement) -> bool:
    """Whether any of the names appears in the page's body text."""
    body = tree.find("body")
    text = " ".join((body if body is not None else tree).text_content().split()).lower()
    return any(a.name.lower() in text for a in authors)


def _with_visible_coauthors(
    authors: list[Author], page: Page, outlet: str | None, site_names: tuple[str, ...]
) -> list[Author]:
    """The metadata's authors, or the page's visible byline when it names them all and more:
    CMSs often put only the first of several authors into JSON-LD and ``<meta>``.
    """
    # A first name alone ("Todd") where the page prints one full name for it ("Todd Bates").
    authors = [_full_name_on_page(a, page.text) if " " not in a.name else a for a in authors]
    # Only a page that writes a listed name followed by another one can show more names (a cheap
    # test on the HTML before the byline search).
    if not any(
        re.search(re.escape(a.name) + r"(?:\s|</?\w[^>]*>)*(?:,|&amp;|&|\band\b|\bund\b|/)", page.text) for a in authors
    ):
        return authors
    visible = _visible_authors(page.tree, outlet, text_lines=False)
    names = {a.name.lower() for a in authors}
    shown = {a.name.lower() for a in visible}
    extra = [a for a in visible if a.name.lower() not in names]
    # One added name, a full one: a byline row that runs on into roles and teams ("Jane Doe, Staff
    # Attorney, Racial Justice Program, John Roe") is no list of authors.
    if (
        extra
        and names <= shown
        and len(extra) == 1
        and all(len(a.name.split()) >= 2 and not looks_like_organisation(a.name, site_names) for a in extra)
    ):
        by_name = {a.name.lower(): a for a in authors}
        return [by_name.get(a.name.lower(), a) for a in visible]
    return authors


def _is_site_itself(name: str, site_names: tuple[str, ...]) -> bool:
    """Whether ``name`` is the site's domain or name ("example.de", "Example News")."""
    key = name.lower().removeprefix("www.")
    return any(key == site.lower().removeprefix("www.") for site in site_names)
