"""Titles: choose the article headline among the page's headings and metadata titles, strip
site-name segments, and split a series title from its part number.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml.html import HtmlElement

_PART_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
    "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5,
}  # fmt: skip
_PART_RE = re.compile(
    r"\s*(?:[(\[]\s*)?[,:–—-]?\s*\b(?:part|pt\.|teil|partie|parte)\s+(?P<n>\d{1,2}|[a-zäöü]+)\b(?:\s*(?:of|von|de)\s+\w+)?\s*[)\]]?\s*$",
    re.IGNORECASE,
)
_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " // ")


def split_series_part(title: str) -> tuple[str | None, int | None]:
    """Split "Belarus and Russia Advance Economic Integration (Part Two)" into the series title
    and the part number; (None, None) when the title names no part.
    """
    match = _PART_RE.search(title)
    if not match:
        return None, None
    raw = match.group("n").lower()
    number = int(raw) if raw.isdigit() else _PART_WORDS.get(raw)
    if number is None:
        return None, None
    series = title[: match.start()].strip(" ,:–—-([")
    return (series or None), number


_WORD_RE = re.compile(r"\w+")
_SEGMENT_RE = re.compile(r"\s+[|\-–—:»«›‹·/]+\s+|\s*[|»«›‹]\s*|\s*::\s*")
_NON_ALNUM_RE = re.compile(r"[\W_]+")
_TRAILING_PARENTHESIS_RE = re.compile(r"\s+\([^()]{1,40}\)$")
# Headings inside these (by tag, or by class/id) are page chrome, not the article headline.
# "menu", "logo" and "comment" only as whole words (with their usual suffixes): "menueenter" is a
# script hook, "logout" a link and "commentary" an article genre.
_CHROME_RE = re.compile(
    r"site-title|site-name|sitename|brand|widget|sidebar|footer|masthead|navbar|related"
    r"|(?:logo|menu|comment)(?:s|bar|item|list|area|type)?(?![a-z])",
    re.IGNORECASE,
)
_CONTENT_MARK_RE = re.compile(r"(?:^|[\s_-])(?:main|content)(?:$|[\s_-])", re.IGNORECASE)
# Class names that contain a chrome word without marking chrome: a page builder's generic block
# ("elementor-widget-container" wraps every Elementor element, the headline included) and layout
# modifiers that say the page *has* a sidebar ("for_sidebar", "content-sidebar-wrap").
_NOT_CHROME_MARK_RE = re.compile(
    r"\belementor-widget(?=[\s-]|$)|\b(?:for|with|has|no|without|content)[_-]+(?:\w+[_-]+)?sidebar(?:[_-]wrap)?\b",
    re.IGNORECASE,
)
# Class names that hide an element from sighted readers (Bootstrap, WordPress, Foundation, ...).
_HIDDEN_CLASSES = frozenset(
    {
        "sr-only",
        "screen-reader-text",
        "screen-reader-only",
        "visually-hidden",
        "visuallyhidden",
        "element-invisible",
        "hidden",
        "d-none",
        "invisible",
        "is-hidden",
        "u-hidden",
    }
)
# Not read as heading text: code, and ruby annotations (pronunciation guides over the letters).
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "rt", "rp"})
# A heading's part marked as the headline proper, beside a kicker or subtitle part.
_HEADLINE_PART_RE = re.compile(r"(?<![a-z])(?<!sub)headline(?![a-z])", re.IGNORECASE)
# A heading's part marked as a kicker: the topic line set above or before the headline.
_KICKER_RE = re.compile(
    r"kicker|overline|topline|dachzeile|eyebrow|roofline|pretitle|pre-title|supertitle|overtitle|spitzmarke"
    r"|topic|label",
    re.IGNORECASE,
)
# Cheap pre-check before splitting the class list: every name in _HIDDEN_CLASSES matches it.
_HIDDEN_HINT_RE = re.compile(r"hidden|sr-only|screen-reader|invisible|d-none", re.IGNORECASE)
_SEPARATOR_ONLY_RE = re.compile(r"[\s:|–—·•/-]+")
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CHROME_TAGS = frozenset({"nav", "footer", "aside"})
_ARTICLE_MARK_RE = re.compile(r"entry|post|article|story|title|headline", re.IGNORECASE)
MIN_HEADING_SIMILARITY = 0.5
# An <h2> stands in for a missing <h1> only when it is this close to a metadata title: pages
# without an <h1> hold many <h2> teasers and section labels that share a word or two with it.
MIN_SUBHEADING_SIMILARITY = 0.75
MAX_SITE_SEGMENT_WORDS = 4
# A heading that merely names the site is short: "Unsere MinusL Joghurts" on minusl.de is a headline.
MAX_SITE_HEADING_WORDS = 2


def _tokens(text: str) -> set[str]:
    return {w.lower() for w in _WORD_RE.findall(text)}


def similarity(a: str, b: str) -> float:
    """Shared words over the larger word set (0..1)."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / max(len(ta), len(tb))


def _compact(text: str) -> str:
    return _NON_ALNUM_RE.sub("", text.lower())


def is_site_segment(segment: str, host: str, site_names: list[str], max_words: int = MAX_SITE_SEGMENT_WORDS) -> bool:
    """Whether a title segment names the site: its og:site_name, a part of its host name, or up
    to ``max_words`` words that contain a label of the host name ("Nordish Blog").
    """
    compact = _compact(segment)
    if not compact:
        return True
    if any(compact == _compact(name) for name in site_names if name):
        return True
    host_compact = _compact(host.removeprefix("www."))
    labels = [_compact(label) for label in host.split(".") if len(label) > 3]
    if compact in host_compact:
        return True
    return len(segment.split()) <= max_words and any(label and label in compact for label in labels)


def title_segments(title: str) -> list[str]:
    """A ``<title>`` split on the usual separators (" | ", " - ", " » ", ...)."""
    return [s.strip() for s in _SEGMENT_RE.split(title) if s and s.strip()]


def strip_site_segments(title: str, host: str, site_names: list[str]) -> str:
    """Drop trailing, then leading, title segments that name the site; keep the rest as written."""
    cleaned = " ".join(title.split())
    separators = (*_SEPARATORS, " › ", " « ", " : ", " ::")
    changed = True
    while changed:
        changed = False
        for sep in separators:
            head, found, tail = cleaned.rpartition(sep)
            if found and head.strip() and is_site_segment(tail, host, site_names):
                cleaned, changed = head.strip(), True
                break
        if changed:
            continue
        for sep in separators:
            first, found, rest = cleaned.partition(sep)
            if found and rest.strip() and is_site_segment(first, host, site_names):
                cleaned, changed = rest.strip(), True
                break
    return cleaned


def is_hidden(element: HtmlElement) -> bool:
    """Whether an element is hidden from sighted readers by its class, ``hidden`` attribute or
    inline style (``display: none``, ``visibility: hidden``).
    """
    attrib = element.attrib
    if not attrib:
        return False
    classes = attrib.get("class")
    if classes and _HIDDEN_HINT_RE.search(classes) and not _HIDDEN_CLASSES.isdisjoint(classes.lower().split()):
        return True
    if "hidden" in attrib:
        return True
    style = attrib.get("style")
    return bool(style and _HIDDEN_STYLE_RE.search(style))


def links_home(element: HtmlElement, host: str) -> bool:
    """Whether a heading is a link to the site's front page and nothing else: the site's name set
    as a heading (``<h1><a href="/">Four Years Remaining</a></h1>``).
    """
    links = element.findall(".//a")
    if len(links) != 1 or _compact(links[0].text_content()) != _compact(element.text_content()):
        return False
    parts = urlsplit((links[0].get("href") or "").strip())
    if parts.scheme not in {"", "http", "https"} or parts.query:
        return False
    if parts.netloc and parts.netloc.lower().removeprefix("www.") != host.lower().removeprefix("www."):
        return False
    return bool(parts.netloc or parts.path) and parts.path.rstrip("/") in {"", "/index.html", "/index.php"}


def _marks(element: HtmlElement) -> str:
    marks = f"{element.get('class') or ''} {element.get('id') or ''}"
    return _NOT_CHROME_MARK_RE.sub(" ", marks) if "idebar" in marks or "elementor" in marks else marks


def is_chrome_heading(element: HtmlElement, verdicts: dict[HtmlElement, bool | None] | None = None) -> bool:
    """Whether a heading element is page chrome (nav, footer, sidebar, site header, logo) or
    hidden from sighted readers (``sr-only``, ``display: none``...): not a candidate headline.

    Ancestors are read up to the nearest article container (``<article>``, ``<main>``, or an
    element marked entry/post/article/story/title/headline or main/content as a word of its
    class or id, "content-area"): the layout wrappers above it carry
    page-wide classes ("wp-custom-logo", "with-sidebar") that say nothing about the headline.
    ``<body>`` and ``<html>`` are never read for the same reason. Page-builder block names
    ("elementor-widget-container") and layout modifiers ("for_sidebar") do not mark chrome.

    ``verdicts`` caches what each ancestor says, for the headings of one page, which share most
    of their ancestors.
    """
    if is_hidden(element):
        return True
    if element.attrib and _CHROME_RE.search(_marks(element)):
        return True
    for ancestor in element.iterancestors():
        if verdicts is None:
            verdict = _ancestor_verdict(ancestor)
        elif ancestor in verdicts:
            verdict = verdicts[ancestor]
        else:
            verdict = verdicts[ancestor] = _ancestor_verdict(ancestor)
        if verdict is not None:
            return verdict
    return False


def _ancestor_verdict(ancestor: HtmlElement) -> bool | None:
    """What an ancestor says about a heading inside it (see ``is_chrome_heading``): True for
    chrome, False for the article's own container (or ``<body>``), None to read on upwards.
    """
    tag = ancestor.tag
    if tag in {"body", "html"}:
        return False
    if tag in _CHROME_TAGS:
        return True
    if ancestor.attrib:
        if is_hidden(ancestor):
            return True
        marks = _marks(ancestor)
        if _CHROME_RE.search(marks):
            return True
        if _ARTICLE_MARK_RE.search(marks) or _CONTENT_MARK_RE.search(marks):
            return False
    if tag in {"article", "main"}:
        return False
    if tag == "header" and not any(
        a.tag in {"article", "main"} or _CONTENT_MARK_RE.search(f"{a.get('class') or ''} {a.get('id') or ''}")
        for a in ancestor.iterancestors()
    ):
        return True
    return None


def _visible_text(element: HtmlElement, *, skip_small: bool, skip: frozenset[HtmlElement] = frozenset()) -> str:
    """The text of an element without hidden descendants, scripts, ruby annotations, ``skip``
    and (optionally) ``<small>``.
    """
    parts: list[str] = [element.text or ""]
    for child in element:
        if (
            isinstance(child.tag, str)
            and child.tag not in _SKIPPED_TAGS
            and not (skip_small and child.tag == "small")
            and child not in skip
            and not is_hidden(child)
        ):
            parts.append(_visible_text(child, skip_small=skip_small))
        parts.append(child.tail or "")
    return "".join(parts)


def _is_wrapped_line(nodes: list[HtmlElement | str]) -> bool:
    """Whether a line of a heading is one element and nothing else ("<span>Subtitle</span>")."""
    elements = [n for n in nodes if not isinstance(n, str)]
    return len(elements) == 1 and not any(n.strip() for n in nodes if isinstance(n, str))


def _part_after_separator(element: HtmlElement) -> str | None:
    """The headline of a heading laid out as kicker, separator, headline in elements of their own
    ("<span>Zoonoses</span><span aria-hidden='true'> – </span><span>Headline</span>"): the
    separator is there for reading without styles, so the two parts are separate lines on screen.
    """
    if (element.text or "").strip():
        return None
    parts = [c for c in element if isinstance(c.tag, str) and c.tag not in _SKIPPED_TAGS]
    if len(parts) < 3 or any((c.tail or "").strip() for c in parts):
        return None
    texts = [" ".join(c.text_content().split()) for c in parts]
    separators = [i for i, text in enumerate(texts) if text and _SEPARATOR_ONLY_RE.fullmatch(text)]
    if len(separators) != 1 or not 0 < separators[0] < len(parts) - 1:
        return None
    before = " ".join(t for t in texts[: separators[0]] if t)
    after = " ".join(t for t in texts[separators[0] + 1 :] if t)
    return after if before and len(after.split()) >= 2 else None


def heading_text(element: HtmlElement) -> str:
    """A heading's text as the reader sees its headline: hidden parts dropped, and the parts that
    typography sets apart from the headline:

    - ``<small>`` (a kicker or subtitle in smaller type: "<small>Tunesien</small><br>Headline");
    - a line after or before a ``<br>`` that is one wrapped element while the other line is plain
      text ("Leslie Clio<br><span style='font-size: 19px'>Brave New Woman</span>");
    - siblings of a part marked as the headline ("<span>Topic</span><span class='headline'>
      Headline</span>"), and parts marked as a kicker ("<span class='kicker'>Topic</span>").

    Headings without child elements (the common case) are read as they are.
    """
    if not len(element):
        return " ".join((element.text or "").split())
    children = [c for c in element if isinstance(c.tag, str) and c.tag not in _SKIPPED_TAGS and not is_hidden(c)]
    marked = [c for c in children if _HEADLINE_PART_RE.search(c.get("class") or "")]
    if len(marked) == 1 and len(children) > 1:
        text = " ".join(_visible_text(marked[0], skip_small=False).split())
        if text:
            return text
    kickers = {c for c in children if _KICKER_RE.search(c.get("class") or "")}
    if kickers:
        text = " ".join(_visible_text(element, skip_small=False, skip=frozenset(kickers)).split())
        text = text.lstrip(" :|–—-")
        if len(text.split()) >= 2:
            return text
    after_separator = _part_after_separator(element)
    if after_separator:
        return after_separator
    whole = " ".join(_visible_text(element, skip_small=False).split())
    without_small = " ".join(_visible_text(element, skip_small=True).split())
    if without_small and without_small != whole:
        return without_small
    if any(c.tag == "br" for c in element):
        lines: list[list[HtmlElement | str]] = [[element.text or ""]]
        for child in element:
            if child.tag == "br":
                lines.append([])
            elif isinstance(child.tag, str) and child.tag not in _SKIPPED_TAGS and not is_hidden(child):
                lines[-1].append(child)
            lines[-1].append(child.tail or "")
        filled = [line for line in lines if any(n.strip() if isinstance(n, str) else True for n in line)]
        if len(filled) == 2 and _is_wrapped_line(filled[0]) != _is_wrapped_line(filled[1]):
            plain = filled[1] if _is_wrapped_line(filled[0]) else filled[0]
            text = " ".join(
                "".join(n if isinstance(n, str) else _visible_text(n, skip_small=False) for n in plain).split()
            )
            if text:
                return text
    return whole


def heading_variants(element: HtmlElement) -> list[str]:
    """Shorter readings of a heading built from parts: the text of each child element, and the
    text without its first child (a kicker such as "<span>Corona-Pandemie</span> Headline").
    ``choose_title`` takes one only when it equals a metadata title, which tells a kicker or an
    appended subtitle from the headline.
    """
    children = [c for c in element if isinstance(c.tag, str) and c.tag not in _SKIPPED_TAGS and c.tag != "br"]
    if not children:
        return []
    out: list[str] = []
    for child in children:
        text = " ".join(child.text_content().split())
        if text:
            out.append(text)
    if not (element.text or "").strip():
        first = children[0]
        rest = [first.tail or ""]
        for sibling in first.itersiblings():
            if isinstance(sibling.tag, str) and sibling.tag not in _SKIPPED_TAGS:
                rest.append(_visible_text(sibling, skip_small=False))
            rest.append(sibling.tail or "")
        text = " ".join("".join(rest).split()).strip(" :|–—-")
        if text:
            out.append(text)
    return out


def _matching_variant(heading: str, variants: dict[str, list[str]], keys: set[str]) -> str:
    if _compact(heading) in keys:
        return heading
    for variant in variants.get(heading, ()):
        if _compact(variant) in keys and len(variant.split()) >= 2:
            return variant
    return heading


def _shared_tail(title: str, others: list[str]) -> str:
    """The part after a colon that two metadata titles share when their heads differ: the
    headline under two kickers or sections ("Industriell Revolutioniert?: Anno 1800 Beta" and
    "Vorschauen: Anno 1800 Beta").
    """
    head, found, tail = title.rpartition(": ")
    if not found or len(tail.split()) < 2:
        return title
    for other in others:
        other_head, other_found, other_tail = other.rpartition(": ")
        if other_found and other_tail == tail and _compact(other_head) != _compact(head):
            return tail
    return title


def choose_title(
    headings: list[str],
    subheadings: list[str],
    meta_titles: list[str],
    host: str,
    site_names: list[str],
    *,
    variants: dict[str, list[str]] | None = None,
    minor_headings: list[str] | None = None,
) -> str | None:
    """Pick the article title: the visible headline where the page has one, else metadata.

    Order: the ``<h1>`` (outside site chrome) most similar to a metadata title or one of its
    segments (>= ``MIN_HEADING_SIMILARITY``) -> the only ``<h1>`` -> an ``<h2>``/``<h3>``
    (``minor_headings``) that equals the leading segment of a metadata title -> the ``<h2>``
    most similar to a metadata title -> the first metadata title (JSON-LD headline, og:title,
    twitter:title, ``<title>``) with site-name segments stripped, or the first ``<h2>`` when
    the page has no ``<h1>`` and that title only names the site -> the first ``<h1>``.
    ``headings`` that merely name the site are ignored: those equal to a site name or host name
    (up to ``MAX_SITE_HEADING_WORDS`` words), and those equal to a later segment of a metadata
    title that is not its longest ("Headline | Blog name"); their text then counts as a site
    name when segments are stripped. A chosen heading is replaced by one of its ``variants``
    (kicker dropped, appended subtitle dropped) when that variant, and not the whole heading,
    equals a metadata title.
    """
    names = [n for n in site_names if n]
    variants = variants or {}
    segments = list(meta_titles)
    leading: set[str] = set()
    for meta_title in meta_titles:
        parts = title_segments(meta_title)
        segments.extend(parts)
        leading.add(_compact(meta_title))
        if parts and not is_site_segment(parts[0], host, names):
            leading.add(_compact(parts[0]))
            # The title's head up to a later separator: "30.11. | Buch der Woche" of
            # "30.11. | Buch der Woche - Nikole Hannah-Jones • 1619".
            for match in _SEGMENT_RE.finditer(meta_title):
                if match.start() > len(parts[0]):
                    leading.add(_compact(meta_title[: match.start()]))
            # The title without a closing parenthesis: "Der historische Purzelbaum (2021/5)".
            bare = _TRAILING_PARENTHESIS_RE.sub("", parts[0])
            if bare != parts[0]:
                leading.add(_compact(bare))
    keys = {_compact(s) for s in segments}
    # A heading equal to a later, shorter segment of a metadata title ("Headline | Blog name",
    # "Site - Section » Headline") names the site or a section. The longest segment is the
    # headline even when a kicker precedes it ("Kicker - Headline | Site").
    site_like: set[str] = set()
    headline_like: set[str] = set()
    for meta_title in meta_titles:
        parts = title_segments(meta_title)
        longest = max(parts, key=len, default="")
        headline_like.add(_compact(longest))
        site_like.update(_compact(p) for p in parts[1:] if p is not longest)
    site_like -= headline_like
    # A heading that repeats such a segment shows which segment is the site's name.
    names += [h for h in headings if _compact(h) in site_like and len(h.split()) > 1]
    has_h1 = bool(headings)
    headings = [
        h
        for h in headings
        if _compact(h) not in site_like and not is_site_segment(h, host, names, MAX_SITE_HEADING_WORDS)
    ] or (headings if not meta_titles else [])
    # A segment that names the site says nothing about which heading is the headline.
    content_segments = [s for s in segments if not is_site_segment(s, host, names)]
    for group, threshold in ((headings, MIN_HEADING_SIMILARITY), (subheadings, MIN_SUBHEADING_SIMILARITY)):
        best, best_score = None, 0.0
        for heading in group:
            score = max((similarity(heading, s) for s in content_segments), default=0.0)
            if score > best_score:
                best, best_score = heading, score
        if best is not None and best_score >= threshold:
            return _matching_variant(best, variants, keys)
        if group is headings and len(headings) == 1:
            return _matching_variant(headings[0], variants, keys)
        if group is headings:
            for heading in minor_headings or ():
                if _compact(heading) in leading and len(_compact(heading)) > 3:
                    return heading
    if meta_titles:
        title = strip_site_segments(meta_titles[0], host, names) or meta_titles[0]
        title = _shared_tail(title, [strip_site_segments(t, host, names) for t in meta_titles[1:]])
        # A metadata title that only names the site does not title the article: its first
        # <h2> does, on pages that set no <h1>.
        if subheadings and not has_h1 and is_site_segment(title.strip(" |:–—-"), host, names):
            return subheadings[0]
        return title
    return headings[0] if headings else None
