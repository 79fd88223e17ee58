"""Parenthetical source citations in analysis prose: "(BelTA, July 6)", "(TASS, June 23, 2023)",
"(Author's interview, February 2023)", "(Kommersant, Interfax, April 3; RIA Novosti, April 4)".

A citation is a parenthetical whose every ";"-separated item ends in a date (month name with an
optional day and year, a numeric date, or a bare year); what precedes the date is the source name.
"""

from __future__ import annotations

import re

from mediamon.records import CitedSource

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:\s*[–-]\s*\d{{1,2}})?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?"
    rf"|{_MONTH}\s+\d{{4}}"
    r"|\d{1,2}[./]\d{1,2}[./]\d{2,4}"
    r"|(?:19|20)\d\d)"
)
_PAREN_RE = re.compile(r"\(([^()]{3,300})\)")
_ITEM_RE = re.compile(rf"^\s*(?:see\s+)?(?P<name>[^\W\d][^;]*?)\s*,\s*(?P<date>{_DATE})\s*$", re.IGNORECASE)
MAX_NAME_WORDS = 8


def extract_cited_sources(body: str) -> list[CitedSource]:
    """Every citation in ``body`` in reading order, each "; "-separated item as its own entry.

    ``raw`` is the whole parenthetical as written (with its parentheses), so one compound
    citation yields several entries sharing ``raw``.
    """
    found: list[CitedSource] = []
    for paren in _PAREN_RE.finditer(body):
        items = [item for item in paren.group(1).split(";") if item.strip()]
        parsed = [_ITEM_RE.match(item) for item in items]
        if not parsed or not all(parsed):
            continue
        for match in parsed:
            assert match is not None  # checked by all() above
            name = " ".join(match.group("name").split())
            if len(name.split()) > MAX_NAME_WORDS:
                continue
            found.append(CitedSource(name=name, date_text=" ".join(match.group("date").split()), raw=paren.group(0)))
    return found
