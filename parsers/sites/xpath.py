"""XPath building blocks shared by the site parsers (class tests that match whole class names)."""

from __future__ import annotations


def has_class(name: str) -> str:
    """An XPath predicate body that is true when ``@class`` contains the class ``name``."""
    return f'contains(concat(" ", normalize-space(@class), " "), " {name} ")'
