"""Turn raw HTML (bytes or text) into a parsed ``Page``: decoded text, lxml tree, language, date order.

This is the only place that decodes bytes and builds the tree, so every parser sees the same
document and every decoding failure becomes a typed ``ParseError``.

Decoding order (bytes input): byte-order mark -> ``<meta charset>`` / ``http-equiv`` declaration
in the first 4 KiB (strict; UTF-8 first when it decodes cleanly) -> strict UTF-8 ->
charset_normalizer's best guess -> cp1252 with replacement.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

import charset_normalizer
import lxml.etree
import lxml.html

from mediamon.errors import NotAnArticle, ParseError
from mediamon.records import FeedHints

# Pages beyond this size are not articles in practice (data dumps, inline binaries) and would cost
# seconds to parse; they are refused with a reason rather than slowing the whole batch down.
MAX_HTML_CHARS = 8_000_000
# Text with a larger share than this of control / replacement characters is binary garbage.
MAX_GARBAGE_RATIO = 0.05

_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_GARBAGE_CHARS_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\ufffd]")
# The same characters as bytes of UTF-8 text (U+FFFD apart).
_GARBAGE_BYTES = bytes(range(0x09)) + b"\x0b" + bytes(range(0x0E, 0x20))
_REPLACEMENT_UTF8 = "\ufffd".encode()
_LANG_TAG_RE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")

# Locales that write ambiguous numeric dates month-first; everything else is read day-first.
MDY_LOCALES = frozenset({"en-us", "en_us", "en-ph", "en-ca", "en-as", "en-gu", "en-pr", "en-um", "en-vi"})

# lxml.html's own parser picks each element's Python class (FormElement, InputElement, ...) in a
# Python callback, run every time an element is touched from Python: by our field finders and by
# trafilatura on its copies of the tree. One C-level default class (every element an HtmlElement)
# yields the same extraction and saves about 3% of trafilatura's time; nothing here uses the form
# classes.
_HTML_PARSER = lxml.etree.HTMLParser(remove_comments=True, remove_pis=True, default_doctype=False)
_HTML_PARSER.set_element_class_lookup(
    lxml.etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement,
        comment=lxml.html.HtmlComment,
        pi=lxml.html.HtmlProcessingInstruction,
        entity=lxml.html.HtmlEntity,
    )
)


@dataclass(frozen=True, slots=True)
class Page:
    """A decoded, parsed HTML page and what the caller told us about it.

    ``tree`` is shared by all field extractors, which treat it as read-only; the one exception is
    the body extraction, which prunes it and therefore runs last (``fields.body.extract_body``).
    ``headings`` are the tree's ``<h1>``, ``<h2>`` and ``<h3>`` in document order, collected in
    the walk that finds the language: the title and dateline finders read them from here rather
    than walk the whole tree again (each walk costs about 0.14 ms).
    """

    url: str
    host: str
    text: str
    tree: lxml.html.HtmlElement
    headings: tuple[lxml.html.HtmlElement, ...]
    declared_language: str | None
    date_order: str
    hints: FeedHints | None
    now: datetime | None


def decode_html(data: bytes, url: str) -> str:
    """Decode page bytes to text.

    Order: BOM -> declared ``<meta charset>`` -> strict UTF-8 -> charset_normalizer -> cp1252.

    Raises:
        ParseError: the bytes are empty or do not look like text in any encoding.
    """
    if not data.strip():
        raise NotAnArticle(url, "empty page")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    declared = _META_CHARSET_RE.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", errors="ignore").lower()
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            codec = None
        if codec:
            # Pages often declare latin-1 but are really UTF-8; trust UTF-8 when it decodes cleanly.
            if codec != "utf-8":
                try:
                    return data.decode("utf-8")
                except UnicodeDecodeError:
                    pass
            try:
                return data.decode("cp1252" if codec in {"latin-1", "iso8859-1", "ascii"} else codec)
            except (UnicodeDecodeError, LookupError):
                pass  # the declaration is wrong: fall through to detection
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        return data.decode(best.encoding, errors="replace")
    return data.decode("cp1252", errors="replace")


def _count_garbage(sample: str) -> int:
    """How many control or replacement characters ``sample`` holds (``_GARBAGE_CHARS_RE``).

    Counted on the UTF-8 bytes, where each such control character is one byte of its own and
    U+FFFD one fixed sequence: deleting bytes and counting a sequence run in C at about half
    the cost of the regex (which remains for text that cannot be encoded: lone surrogates).
    """
    try:
        raw = sample.encode("utf-8")
    except UnicodeEncodeError:
        return len(_GARBAGE_CHARS_RE.findall(sample))
    return len(raw) - len(raw.translate(None, _GARBAGE_BYTES)) + raw.count(_REPLACEMENT_UTF8)


def date_order_for(language: str | None) -> str:
    """Return "MDY" for month-first locales (en-US and a few others), else "DMY".

    A bare "en" is read month-first too: unlabelled English pages are mostly American.
    """
    if not language:
        return "DMY"
    lang = language.strip().lower().replace("_", "-")
    if lang in MDY_LOCALES or lang == "en":
        return "MDY"
    return "DMY"


def _declared_language(
    tree: lxml.html.HtmlElement, metas: list[lxml.html.HtmlElement], hints: FeedHints | None
) -> str | None:
    """Declared language: ``<html lang>`` -> ``xml:lang`` -> ``content-language`` meta -> og:locale -> feed.

    ``metas`` are the tree's ``<meta>`` elements in document order.
    """
    candidates = [
        tree.get("lang"),
        tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
    ]
    for meta in metas:
        key = (meta.get("http-equiv") or meta.get("name") or meta.get("property") or "").lower()
        if key in {"content-language", "language", "og:locale", "dc.language", "dcterms.language"}:
            candidates.append(meta.get("content"))
    if hints is not None:
        candidates.append(hints.language)
    for candidate in candidates:
        if candidate:
            value = str(candidate).split(",")[0].strip()
            if _LANG_TAG_RE.match(value):
                return value.replace("_", "-")
    return None


def load_page(
    html: str | bytes,
    *,
    url: str,
    hints: FeedHints | None = None,
    date_order: str | None = None,
    now: datetime | None = None,
) -> Page:
    """Decode and parse ``html`` into a ``Page``.

    ``date_order`` order: the argument -> ``hints.date_order`` -> the declared page language
    (``date_order_for``).

    Raises:
        NotAnArticle: the page is empty.
        ParseError: the page is binary garbage, too large, or cannot be parsed into a tree.
    """
    text = decode_html(html, url) if isinstance(html, bytes | bytearray) else str(html)
    if not text.strip():
        raise NotAnArticle(url, "empty page")
    if len(text) > MAX_HTML_CHARS:
        raise ParseError(url, f"page too large: {len(text)} characters > {MAX_HTML_CHARS}")
    sample = text[:100_000]
    if _count_garbage(sample) > MAX_GARBAGE_RATIO * len(sample):
        raise ParseError(url, "undecodable: binary or garbage content")
    if "<" not in sample:
        raise NotAnArticle(url, "no HTML markup")
    text = _XML_DECL_RE.sub("", text, count=1).replace("\x00", "")
    try:
        tree = lxml.html.document_fromstring(text, parser=_HTML_PARSER)
    except (lxml.etree.ParserError, ValueError, TypeError) as exc:
        raise ParseError(url, f"unparseable HTML: {exc}") from exc
    if tree is None or not isinstance(tree, lxml.html.HtmlElement):
        raise ParseError(url, "unparseable HTML: no document element")
    metas: list[lxml.html.HtmlElement] = []
    headings: list[lxml.html.HtmlElement] = []
    for element in tree.iter("meta", "h1", "h2", "h3"):
        (metas if element.tag == "meta" else headings).append(element)
    language = _declared_language(tree, metas, hints)
    order = (date_order or (hints.date_order if hints else None) or date_order_for(language)).upper()
    if order not in {"DMY", "MDY", "YMD"}:
        order = "DMY"
    host = (urlsplit(url).hostname or "").lower()
    return Page(
        url=url,
        host=host,
        text=text,
        tree=tree,
        headings=tuple(headings),
        declared_language=language,
        date_order=order,
        hints=hints,
        now=now,
    )
