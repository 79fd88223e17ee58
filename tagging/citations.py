"""Parenthetical source citations: "(BelTA, July 6)", "(TASS, Kommersant, May 3; Interfax, May 4)".

Analytical outlets (the Jamestown Foundation's *Eurasia Daily Monitor* above all) cite their
sources inline. A name inside such a citation is a *cited source*, not something the article
talks about, so the tagger types those mentions ``"CITED"`` (see docs/tagging.md): they keep
their entity id, and counts of what articles are about filter ``type != 'CITED'``.

A parenthetical is a citation when each of its ``;``-separated parts ends in a date-like
segment after a comma: a month name (with or without day / year), a year, or a numeric date.
"""

from __future__ import annotations

import re

__all__ = ["find_citations"]

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE_SEGMENT_RE = re.compile(
    rf"^\s*(?:(?:early|mid|late|mid-)[\s-]*)?(?:{_MONTH}(?:\s+\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?)?(?:,?\s*\d{{4}})?"
    rf"|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?"
    r"|\d{4}|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2})\s*$",
    re.IGNORECASE,
)
_PARENTHETICAL_RE = re.compile(r"\(([^()\n]{3,300})\)")


def _is_citation(inner: str) -> bool:
    parts = [p for p in inner.split(";") if p.strip()]
    if not parts:
        return False
    for part in parts:
        if "," not in part:
            return False
        head, _, tail = part.rpartition(",")
        # "(Author's interview, February 2023)", "(BelTA, July 6)", "(Kommersant, May 3, 2023)"
        if _DATE_SEGMENT_RE.match(tail) is None:
            head2, _, tail2 = head.rpartition(",")
            if not head2 or _DATE_SEGMENT_RE.match(f"{tail2},{tail}") is None:
                return False
    return True


def find_citations(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) character spans of parenthetical citations in ``text``.

    The spans include the parentheses. Pure; order is by position.
    """
    return [(m.start(), m.end()) for m in _PARENTHETICAL_RE.finditer(text) if _is_citation(m.group(1))]
