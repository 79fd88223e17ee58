"""Article body: plain text with paragraphs separated by a blank line, plus its outbound links.

Two ways in:
- ``extract_body`` (generic): trafilatura's main-content extraction on a copy of the tree, then
  its XML body is turned into paragraphs here (so links come with their anchor text in one pass).
- ``body_from_blocks`` (site parsers): the paragraphs a site parser selected with its own
  selectors; no content detection, hence fast.

Both drop captions, share widgets, "read more" boxes and similar chrome by class/text pattern.
"""

from __future__ import annotations

import copy
import inspect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
import trafilatura
import trafilatura.core
from trafilatura.settings import Extractor

from mediamon.records import Link

# Block-level tags in trafilatura's output XML that become their own paragraph.
_BLOCK_TAGS = frozenset(
    {
        "p",
        "head",
        "quote",
        "list",
        "item",
        "table",
        "row",
        "code",
        "pre",
        "blockquote",
        "div",
        "ul",
        "ol",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "figure",
    }
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "button", "svg", "form", "select", "figcaption"})
_BOILERPLATE_LINE_RE = re.compile(
    r"^(?:share(?: this(?: article| post)?)?(?: on \w+)?|tweet|print|e-?mail|whatsapp|facebook|twitter|linkedin|"
    r"telegram|teilen|drucken|advertisement|anzeige|werbung|read more|mehr lesen|weiterlesen|"
    r"related(?: articles| posts| stories)?|"
    r"follow us(?: on \w+)?|subscribe(?: to our newsletter)?|sign up for our newsletter|newsletter|"
    r"back to top|zurück nach oben|nach oben|wird geladen|loading|beitragsbild|kategorien|categories|tags|schlagwörter|"
    r"empfohlene beiträge|ähnliche beiträge|das könnte sie auch interessieren|you may also like|recommended|"
    r"kommentare?|comments?|leave a (?:reply|comment)|hinterlasse einen kommentar|sie sind aktuell nicht eingeloggt|"
    r"last (?:modified|updated)|zuletzt aktualisiert|veröffentlichung|published|quelle|source|credit|credits)[:.!]?$",
    re.IGNORECASE,
)
# Short credit / legal lines: "Foto: dpa", "Quelle: Landesregierung", "© 2023 ...", "All rights reserved".
_CREDIT_LINE_RE = re.compile(
    r"^\(?(?:(?:foto|fotos|photo|photos|bild|bilder|image|images|quelle|credit|credits|fuente|source|copyright"
    r"|crédits?(?: photos?)?|titelbild|beitragsbild)\s*:|\(c\)\s)"
    r"|©|all rights reserved|alle rechte vorbehalten|todos los derechos reservados|chroniony prawem autorskim"
    r"|written permission must be obtained|copyrighted property",
    re.IGNORECASE,
)
# A paragraph that is only a date ("23.10.2018", "Letzte Änderung 14.02.2019", "Release Date:") is
# the page's metadata, not its text.
_DATE_LINE_RE = re.compile(
    r"^(?:(?:last (?:modified|updated)|letzte (?:änderung|aktualisierung)|zuletzt (?:aktualisiert|geändert)"
    r"|release date|stand)\b[\s:]*(?:{date})?|{date})$".format(
        date=r"\d{1,4}[./\-]\d{1,2}[./\-]\d{1,4}(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?)?"
    ),
    re.IGNORECASE,
)
MAX_CREDIT_WORDS = 15
MAX_DATE_LINE_WORDS = 6
# "Read also" teasers inside the text: a lead-in and a separator before another story's headline
# ("Lea también: ...", "MIRA: ...", "À lire aussi : ...", "Czytaj też: ..."), in the languages the
# sources publish in.
_TEASER_LEAD = (
    r"(?:read|watch|listen)(?: (?:also|more|next|too))?|see also|also read|more on this(?: story| topic)?"
    r"|related(?: articles?| posts?| stories| story| content| coverage| reading)?|recommended(?: reading)?"
    r"|(?:lea|lee|leer|ver|vea|mire|mira|puedes ver)(?: (?:también|además|más))?"
    r"|(?:también )?(?:te|le) puede interesar|(?:noticias|notas|contenidos?|artículos) relacionad[oa]s"
    r"|(?:à|a) lire aussi|lire aussi|voir aussi|sur le même sujet"
    r"|lesen sie (?:auch|mehr)|auch interessant|mehr zum thema|siehe auch|passend (?:dazu|zum thema)"
    r"|weitere (?:artikel|beiträge|themen|nachrichten|meldungen)(?: zum thema)?|mehr (?:themen|dazu)"
    r"|(?:czytaj|zobacz|przeczytaj) (?:też|także|również|więcej)|dowiedz się więcej"
    r"|leia (?:também|mais)|veja (?:também|mais)|saiba mais|leggi anche"
)
_TEASER_LINE_RE = re.compile(rf"^(?:{_TEASER_LEAD})\s*[:|»>]", re.IGNORECASE)
# The same lead-ins standing alone (optionally "... on <site>") head a list of other stories.
_RELATED_HEADING_RE = re.compile(
    rf"^(?:{_TEASER_LEAD})(?:\s+(?:on|auf|en|sur|bei|na)\s+\S+(?:\s+\S+)?)?\s*[:.]?$", re.IGNORECASE
)
MAX_TEASER_WORDS = 30
# Calls to subscribe or follow, short lines of their own: "Subscribe now to our e-edition for the
# full story", "Follow The Gleaner on Twitter ...", "Síguenos en Telegram", "PC Gamer Newsletter".
_CALL_TO_ACTION_START_RE = re.compile(
    r"(?:subscribe\b|sign up\b|síguenos\b|siguenos\b|suscríbete\b|suscribete\b|abonnieren sie\b|folgen sie uns\b"
    r"|follow (?:us|\S+(?: \S+)?) on (?:twitter|facebook|instagram|telegram|linkedin|x|tiktok|youtube)\b"
    r"|unterstütze\b|unterstützen sie\b|support (?:us|our journalism)\b|hazte (?:miembro|socio)\b"
    r"|werden sie mitglied\b|become a (?:member|subscriber)\b|zapraszamy (?:też |także )?do subskrypcji\b"
    r"|\*?(?:anzeige|werbung|advertisement|publicidad)\s*[-–:.|])",
    re.IGNORECASE,
)
_CALL_TO_ACTION_PHRASE_RE = re.compile(
    r"\bto (?:view|read|continue reading) (?:the|this) (?:full )?(?:story|article)\b.*\bsubscri"
    r"|\balready a subscriber\b|\bpour lire la suite\b|\bcréez votre compte\b"
    r"|\b(?:submit|send|write) (?:a |your )?letters? to the editor\b|\bdownload (?:the|our) \S+(?: \S+)? apps?\b"
    r"|\b(?:affiliate[- ]links?|enthält werbung|we may (?:earn|receive) (?:a )?(?:commission|compensation))\b"
    r"|\bklicken sie auf den (?:unteren )?button\b|\bclick (?:the button|here) to load\b"
    r"|^\S+(?: \S+){0,3} newsletter$",
    re.IGNORECASE,
)
# Every phrase above contains one of these: a substring test on the lower-cased line spares the
# regex scan for almost every paragraph.
_CALL_TO_ACTION_KEYWORDS = (
    "subscri",
    "pour lire",
    "créez",
    "editor",
    "download",
    "affiliate",
    "werbung",
    "we may",
    "button",
    "to load",
    "newsletter",
)
MAX_CALL_TO_ACTION_WORDS = 40
# Navigation and comment prompts, as very short lines only ("Zurück zum Newsroom", "Back to
# overview", "Keine Kommentare", "Join the discussion"): longer, they start ordinary sentences.
_NAVIGATION_LINE_RE = re.compile(
    r"^(?:zurück zu[mr]?|back to|retour à|volver a|join the (?:discussion|conversation)|dołącz do dyskusji"
    r"|(?:keine|no) (?:kommentare|comments))\b",
    re.IGNORECASE,
)
MAX_NAVIGATION_WORDS = 6
# Longer paragraphs are prose: none of the line tests above can match them (cheap early exit).
MAX_SHORT_LINE_CHARS = 600
MAX_RELATED_HEADING_CHARS = 80
# A paragraph whose anchor text is at least this share of its text is a link, not prose.
LINK_ONLY_SHARE = 0.9
MAX_BIO_WORDS = 80
BIO_TAIL_PARAGRAPHS = 3
_BIO_VERB_RE = re.compile(
    r"\b(?:is|was|has|works|writes|lives|covers|ist|war|arbeitet|schreibt|lebt|est|es|fue|trabaja|è)\b", re.IGNORECASE
)
# A fast-pass body shorter than this gets the full trafilatura run (with its fallbacks).
MIN_FAST_BODY_CHARS = 500
# Characters XML forbids (C0 controls but tab and line breaks; U+FFFE/U+FFFF).
_INVALID_XML_CHARS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPACE_RE = re.compile(r"[ \t\r\f\v\u00a0\u2009\u200a\u202f]+")
_ZERO_WIDTH_RE = re.compile(r"[\u200b\u200c\u200d\ufeff]")


@dataclass(frozen=True, slots=True)
class Body:
    """Extracted body text and the links found in it."""

    text: str
    links: tuple[Link, ...] = ()


def normalise_text(text: str) -> str:
    """Collapse runs of spaces (keeping newlines) and drop zero-width characters."""
    # One substitution over the whole text: no run of spaces crosses a newline.
    text = _SPACE_RE.sub(" ", _ZERO_WIDTH_RE.sub("", text))
    lines = [line.strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _element_text(element: lxml.etree._Element) -> str:
    parts: list[str] = []

    def walk(node: lxml.etree._Element) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _SKIP_TAGS:
            if node.tail:
                parts.append(node.tail)
            return
        if tag in {"br", "lb"}:
            parts.append("\n")
        if node.text and tag:
            parts.append(node.text)
        for child in node:
            walk(child)
        if tag in {"p", "li", "item", "div", "tr", "row"} or tag in {"td", "th", "cell"}:
            parts.append(" ")
        if node.tail and node is not element:
            parts.append(node.tail)

    walk(element)
    return normalise_text("".join(parts))


def _collect_links(
    element: lxml.etree._Element, base_url: str, attr: str, seen: set[tuple[str, str]], out: list[Link]
) -> None:
    for anchor in element.iter("a", "ref"):
        href = (anchor.get(attr) or anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        absolute = urljoin(base_url, href)
        if urlsplit(absolute).scheme not in {"http", "https"}:
            continue
        text = " ".join("".join(anchor.itertext()).split())
        key = (absolute, text)
        if key not in seen:
            seen.add(key)
            out.append(Link(url=absolute, text=text))


def _is_boilerplate(paragraph: str) -> bool:
    stripped = paragraph.strip(" •|·-–—")
    if len(stripped) > MAX_SHORT_LINE_CHARS:
        return False
    if len(stripped) < 60 and _BOILERPLATE_LINE_RE.match(stripped):
        return True
    words = len(stripped.split())
    if words <= MAX_TEASER_WORDS and _TEASER_LINE_RE.match(stripped):
        return True
    if words <= MAX_CALL_TO_ACTION_WORDS and _is_call_to_action(stripped):
        return True
    if words <= MAX_NAVIGATION_WORDS and _NAVIGATION_LINE_RE.match(stripped):
        return True
    if words <= MAX_DATE_LINE_WORDS and _DATE_LINE_RE.match(stripped):
        return True
    return words <= MAX_CREDIT_WORDS and bool(_CREDIT_LINE_RE.search(stripped))


def _is_call_to_action(line: str) -> bool:
    if _CALL_TO_ACTION_START_RE.match(line):
        return True
    lowered = line.lower()
    return any(keyword in lowered for keyword in _CALL_TO_ACTION_KEYWORDS) and bool(
        _CALL_TO_ACTION_PHRASE_RE.search(line)
    )


def _is_related_heading(paragraph: str) -> bool:
    return len(paragraph) < MAX_RELATED_HEADING_CHARS and bool(_RELATED_HEADING_RE.match(paragraph.strip(" •|·-–—")))


def _is_link_only(block: lxml.etree._Element, text: str) -> bool:
    anchors = " ".join(" ".join("".join(a.itertext()).split()) for a in block.iter("a", "ref"))
    return bool(anchors) and len(anchors) >= LINK_ONLY_SHARE * len(text)


def _is_author_bio(text: str, author_names: Sequence[str]) -> bool:
    if len(text.split()) > MAX_BIO_WORDS:
        return False
    head = text[:80].lower()
    for name in author_names:
        parts = name.lower().split()
        if parts and (head.startswith(name.lower()) or (len(parts) > 1 and head.startswith(parts[-1]))):
            return bool(_BIO_VERB_RE.search(text[:200]))
    return False


def body_from_blocks(
    blocks: Iterable[lxml.etree._Element],
    base_url: str,
    *,
    author_names: Sequence[str] = (),
    trim_tail: bool = False,
) -> Body:
    """Paragraph text and links of the given block elements (each block becomes one paragraph).

    Dropped: boilerplate lines (share, "read more", credits, copyright, "read also" teasers,
    calls to subscribe or follow), a "related stories" heading with the links listed under it,
    paragraphs that are an author's bio ("Jane Doe is a reporter at ..."; needs ``author_names``) and, with
    ``trim_tail``, the run of link-only paragraphs (related stories) ending the text together
    with a short heading left dangling above it.
    """
    kept: list[tuple[str, lxml.etree._Element, bool]] = []
    in_related_list = False
    for block in blocks:
        text = _element_text(block)
        if not text or _is_boilerplate(text):
            continue
        if _is_related_heading(text):
            in_related_list = True
            continue
        link_only = _is_link_only(block, text)
        if in_related_list and link_only:
            continue
        in_related_list = False
        kept.append((text, block, link_only))
    if author_names:
        # Bios sit at the end of the text; looking only there keeps body prose that happens to
        # start with the author's surname.
        tail_start = max(0, len(kept) - BIO_TAIL_PARAGRAPHS)
        kept = kept[:tail_start] + [k for k in kept[tail_start:] if not _is_author_bio(k[0], author_names)]
    if trim_tail:
        trimmed = False
        while len(kept) > 1 and kept[-1][2]:
            kept.pop()
            trimmed = True
        if (
            trimmed
            and len(kept) > 1
            and kept[-1][1].tag in {"head", "h2", "h3", "h4"}
            and len(kept[-1][0].split()) <= 6
        ):
            kept.pop()
    links: list[Link] = []
    seen: set[tuple[str, str]] = set()
    for _, block, _ in kept:
        _collect_links(block, base_url, "href", seen, links)
    return Body(text="\n\n".join(text for text, _, _ in kept), links=tuple(links))


def _paragraphs_from_trafilatura(body: lxml.etree._Element) -> list[lxml.etree._Element]:
    blocks: list[lxml.etree._Element] = []
    for child in body:
        if child.tag == "list":
            items = [item for item in child if item.tag == "item"]
            blocks.extend(items or [child])
        elif child.tag == "table":
            blocks.extend(row for row in child.iter("row")) if child.find(".//row") is not None else blocks.append(
                child
            )
        else:
            blocks.append(child)
    return blocks


# trafilatura's settings, built once (each ``Extractor`` reads trafilatura's config). XML output:
# the body tree is read here, and the default "python" output would also render it as text.
# The fast pass favours recall: trafilatura's balanced mode re-measures the whole page's text
# and retries in recall mode whenever its result is short, which costs about a quarter of the
# body time; the cleaning here removes what recall lets through. On pages-dev (the same cleaning
# after each): recall-first 0.931 F1 at 0.76x the time of balanced-first 0.934, identical on the
# news pages (URLs with a date); trafilatura itself 0.922. The full pass favours precision (what
# it adds to a too-short recall pass is then mostly text, not chrome).
FAST_OPTIONS = Extractor(
    output_format="xml", fast=True, recall=True, comments=False, links=True, tables=True, images=False
)
FULL_OPTIONS = Extractor(
    output_format="xml", fast=False, precision=True, comments=False, links=True, tables=True, images=False
)
# No URL in either: trafilatura would resolve every link with courlan (measured ~8% of the
# parse); body_from_blocks resolves the few it keeps with urljoin.


# ``bare_extraction`` deep-copies a tree it is given (about 0.4 ms a page) before it runs this
# sequence, and here the tree is the caller's to consume. With the sequence's signature as in
# trafilatura 2.3 it is called directly, followed by the checks ``bare_extraction`` makes for
# these options (``_extract_tree``); otherwise ``bare_extraction`` runs as before.
_SEQUENCE = getattr(trafilatura.core, "trafilatura_sequence", None)
if _SEQUENCE is None or list(inspect.signature(_SEQUENCE).parameters) != ["tree", "options", "url"]:
    _SEQUENCE = None


def _extract_tree(tree: lxml.html.HtmlElement, options: Extractor) -> lxml.etree._Element | None:
    """trafilatura's XML body of ``tree`` (pruned in place when the sequence runs directly), or
    None when the text is too short, as ``bare_extraction(tree, options=options).body``.

    Raises:
        ValueError, TypeError: where ``bare_extraction`` would return None.
    """
    if _SEQUENCE is None:
        document = trafilatura.bare_extraction(tree, options=options)
        return getattr(document, "body", None) if document is not None else None
    postbody, text, _, comments = _SEQUENCE(tree, options, None)
    if options.max_tree_size and len(postbody) > options.max_tree_size:
        lxml.etree.strip_tags(postbody, "hi")
        if len(postbody) > options.max_tree_size:
            return None
    if len(text) < options.min_output_size and len(comments) < options.min_output_comm_size:
        return None
    return postbody


def _trafilatura_body(
    tree: lxml.html.HtmlElement, url: str, *, options: Extractor, author_names: Sequence[str]
) -> Body:
    try:
        body_element = _extract_tree(tree, options)
    except (ValueError, TypeError, AttributeError, IndexError, KeyError, RecursionError, lxml.etree.LxmlError):
        return Body(text="")
    if body_element is None:
        return Body(text="")
    return body_from_blocks(_paragraphs_from_trafilatura(body_element), url, author_names=author_names, trim_tail=True)


def extract_body(
    tree: lxml.html.HtmlElement,
    url: str,
    *,
    html: str | None = None,
    consume: bool = False,
    author_names: Sequence[str] = (),
) -> Body:
    """Main-content body via trafilatura, as paragraphs and links.

    Order: trafilatura's extractor without its fallbacks (``fast``, favouring recall) -> when
    that yields less than ``MIN_FAST_BODY_CHARS``, the full run favouring precision that also
    tries readability and jusText, on a fresh tree parsed from ``html`` (or a copy made up front
    when ``html`` is not given). See ``FAST_OPTIONS`` for the measurements.
    The fresh tree is parsed without the control characters XML forbids: trafilatura drops the
    whole body when one of them (a stray BEL) reaches its output, and removing them from every
    page up front would cost more than this second pass.

    trafilatura prunes the tree it is given: with ``consume=True`` the caller hands ``tree``
    over and must not read it afterwards (saves a deep copy); otherwise a copy is pruned.
    Paragraphs are cleaned as in ``body_from_blocks`` (with ``trim_tail``).
    Returns an empty ``Body`` when no content is found.
    """
    spare = copy.deepcopy(tree) if html is None else None
    body = _trafilatura_body(
        tree if consume else copy.deepcopy(tree), url, options=FAST_OPTIONS, author_names=author_names
    )
    if len(body.text) >= MIN_FAST_BODY_CHARS:
        return body
    if spare is None:
        try:
            spare = lxml.html.document_fromstring(_INVALID_XML_CHARS_RE.sub("", html or ""))
        except (lxml.etree.ParserError, ValueError):
            return body
    full = _trafilatura_body(spare, url, options=FULL_OPTIONS, author_names=author_names)
    return full if len(full.text) > len(body.text) else body
