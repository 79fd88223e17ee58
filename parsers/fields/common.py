"""Small text helpers shared by the field finders."""

from __future__ import annotations


def clean(text: str | None) -> str | None:
    """Whitespace collapsed to single spaces; None for empty text."""
    if text is None:
        return None
    cleaned = " ".join(str(text).split())
    return cleaned or None
