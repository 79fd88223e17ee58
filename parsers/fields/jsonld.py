"""Find the article object in a page's JSON-LD (schema.org) and read its fields.

Handles: several ``<script type="application/ld+json">`` blocks, top-level arrays, ``@graph``,
``@type`` given as a list, ``mainEntity`` wrappers, author/publisher objects referenced by ``@id``,
and the sloppy JSON real sites publish (trailing commas, raw control characters, HTML comments).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import lxml.html

ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "blogposting",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "askpublicnewsarticle",
        "scholarlyarticle",
        "techarticle",
        "report",
        "liveblogposting",
        "socialmediaposting",
        "posting",
        "liveblog",
        "satiricalarticle",
        "medicalscholarlyarticle",
        "advertisercontentarticle",
    }
)
# Pages that are not articles but still carry a headline, date and author worth reading.
PAGE_TYPES = frozenset(
    {
        "webpage",
        "itempage",
        "aboutpage",
        "profilepage",
        "qapage",
        "faqpage",
        "recipe",
        "review",
        "creativework",
        "videoobject",
        "event",
    }
)
PUBLISHER_TYPES = frozenset({"organization", "newsmediaorganization", "corporation", "website", "localbusiness"})

_TRAILING_COMMA_RE = re.compile(r",\s*([\]}])")
_CONTROL_RE = re.compile(r"[\x00-\x1f]")
_COMMENT_RE = re.compile(
    r"^\s*(?:<!--|/\*\s*<!\[CDATA\[\s*\*/|//\s*<!\[CDATA\[)|(?:-->|/\*\s*\]\]>\s*\*/|//\s*\]\]>)\s*$"
)


@dataclass(slots=True)
class JsonLd:
    """What the page's JSON-LD says: the article object (if any) and the objects around it."""

    article: dict[str, Any] | None = None
    page: dict[str, Any] | None = None
    by_id: dict[str, dict[str, Any]] = field(default_factory=dict)
    organizations: list[dict[str, Any]] = field(default_factory=list)

    def resolve(self, value: Any) -> Any:
        """Replace a bare ``{"@id": ...}`` reference by the object it points to."""
        if isinstance(value, dict) and set(value) <= {"@id", "@type"} and value.get("@id") in self.by_id:
            return self.by_id[value["@id"]]
        return value


def types_of(obj: dict[str, Any]) -> set[str]:
    """Lower-cased schema.org types of ``obj`` (``@type`` may be a string or a list, maybe a URL)."""
    raw = obj.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return {str(v).rsplit("/", 1)[-1].lower() for v in values if v}


def _loads(text: str) -> Any:
    text = _COMMENT_RE.sub("", text.strip())
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        pass
    try:
        return json.loads(_CONTROL_RE.sub(" ", _TRAILING_COMMA_RE.sub(r"\1", text)))
    except ValueError:
        return None


def _walk(node: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 6:
        return
    if isinstance(node, list):
        for item in node:
            yield from _walk(item, depth + 1)
    elif isinstance(node, dict):
        yield node
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement", "hasPart"):
            child = node.get(key)
            if isinstance(child, list | dict):
                yield from _walk(child, depth + 1)


def read_jsonld(tree: lxml.html.HtmlElement) -> JsonLd:
    """Collect every JSON-LD object on the page and pick the article.

    The article is the first object whose type is an article type (``ARTICLE_TYPES``) and has a
    headline or a date; failing that, the first such object at all; the first ``WebPage``-like
    object is kept as ``page`` for pages that are not typed as articles.
    """
    result = JsonLd()
    candidates: list[dict[str, Any]] = []
    for script in tree.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'):
        data = _loads(script.text or "")
        if data is None:
            continue
        for obj in _walk(data):
            obj_id = obj.get("@id")
            if isinstance(obj_id, str) and len(obj) > 2:
                result.by_id.setdefault(obj_id, obj)
            kinds = types_of(obj)
            if kinds & ARTICLE_TYPES:
                candidates.append(obj)
            elif kinds & PAGE_TYPES and result.page is None:
                result.page = obj
            elif kinds & PUBLISHER_TYPES:
                result.organizations.append(obj)
    for obj in candidates:
        if obj.get("headline") or obj.get("datePublished") or obj.get("name"):
            result.article = obj
            break
    else:
        result.article = candidates[0] if candidates else None
    return result


def text_value(value: Any) -> str | None:
    """A plain string from a JSON-LD value that may be a string, a list, or an object with a name."""
    if isinstance(value, list):
        for item in value:
            found = text_value(item)
            if found:
                return found
        return None
    if isinstance(value, dict):
        return text_value(value.get("name") or value.get("@value") or value.get("text"))
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = " ".join(str(value).split())
        return text or None
    return None


def text_values(value: Any) -> list[str]:
    """All plain strings from a JSON-LD value (list or single)."""
    if isinstance(value, list):
        out: list[str] = []
        for item in value:
            out.extend(text_values(item))
        return out
    single = text_value(value)
    return [single] if single else []


def url_value(value: Any) -> str | None:
    """A URL from a JSON-LD ``image`` / ``url`` value (string, ImageObject, or list of either)."""
    if isinstance(value, list):
        for item in value:
            found = url_value(item)
            if found:
                return found
        return None
    if isinstance(value, dict):
        return url_value(value.get("url") or value.get("contentUrl") or value.get("@id"))
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
