"""Read ``<meta>`` and ``<link>`` tags: OpenGraph, Twitter cards, Dublin Core, citation_*, parsely-*,
sailthru.* and plain ``name=...`` tags, keyed by their lower-cased name.
"""

from __future__ import annotations

from collections import defaultdict

import lxml.html


class MetaTags:
    """All ``<meta>`` values of a page by lower-cased key (``property``, ``name``, ``itemprop`` or
    ``http-equiv``), in document order, plus ``<link rel>`` targets.
    """

    __slots__ = ("links", "values")

    def __init__(self, tree: lxml.html.HtmlElement) -> None:
        values: dict[str, list[str]] = defaultdict(list)
        for meta in tree.iter("meta"):
            content = meta.get("content")
            if content is None:
                continue
            content = " ".join(content.split())
            if not content:
                continue
            for attr in ("property", "name", "itemprop", "http-equiv"):
                key = meta.get(attr)
                if key:
                    values[key.strip().lower()].append(content)
        links: dict[str, list[str]] = defaultdict(list)
        for link in tree.iter("link"):
            href = (link.get("href") or "").strip()
            if not href:
                continue
            for rel in (link.get("rel") or "").lower().split():
                links[rel].append(href)
        self.values = dict(values)
        self.links = dict(links)

    def first(self, *keys: str) -> str | None:
        """The first value of the first key (in the order given) that the page has."""
        for key in keys:
            found = self.values.get(key)
            if found:
                return found[0]
        return None

    def first_with_key(self, *keys: str) -> tuple[str, str] | None:
        """Like ``first`` but also says which key matched."""
        for key in keys:
            found = self.values.get(key)
            if found:
                return key, found[0]
        return None

    def all(self, *keys: str) -> list[str]:
        """Every value of every key given, in key order."""
        out: list[str] = []
        for key in keys:
            out.extend(self.values.get(key, ()))
        return out
