"""Language of the article: declared where the page declares it, else a cheap stopword guess.

Why hand-written: the declared ``<html lang>`` covers most pages, and a full language-id model
would cost more start-up time than the rest of the parser for the few pages that need it. The
guess counts very frequent function words of the languages our sources publish in; it answers
only when one language clearly wins.
"""

from __future__ import annotations

import re

STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "the",
            "and",
            "of",
            "to",
            "in",
            "is",
            "that",
            "for",
            "it",
            "was",
            "with",
            "as",
            "on",
            "be",
            "by",
            "this",
            "are",
            "from",
            "at",
            "have",
            "has",
            "not",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "und",
            "das",
            "ist",
            "nicht",
            "den",
            "ein",
            "eine",
            "mit",
            "sich",
            "des",
            "auf",
            "für",
            "im",
            "dem",
            "von",
            "zu",
            "auch",
            "es",
            "wird",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "et",
            "des",
            "est",
            "une",
            "dans",
            "que",
            "pour",
            "qui",
            "pas",
            "sur",
            "du",
            "au",
            "avec",
            "sont",
            "ce",
            "il",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "y",
            "que",
            "del",
            "en",
            "un",
            "una",
            "por",
            "con",
            "para",
            "es",
            "se",
            "lo",
            "como",
            "al",
        ]
    ),
    "it": frozenset(
        [
            "il",
            "di",
            "che",
            "la",
            "è",
            "per",
            "una",
            "sono",
            "del",
            "della",
            "non",
            "con",
            "gli",
            "le",
            "da",
            "al",
            "alla",
        ]
    ),
    "pt": frozenset(
        ["o", "a", "os", "as", "que", "do", "da", "em", "um", "uma", "para", "com", "não", "é", "no", "na", "dos", "se"]
    ),
    "nl": frozenset(
        ["de", "het", "een", "en", "van", "is", "dat", "op", "te", "zijn", "niet", "met", "voor", "die", "er", "ook"]
    ),
    "ru": frozenset(["и", "в", "не", "на", "что", "с", "по", "это", "как", "из", "он", "к", "но", "за", "от", "для"]),
    "uk": frozenset(["і", "в", "не", "на", "що", "з", "та", "до", "це", "як", "від", "за", "у", "його", "про"]),
    "pl": frozenset(["i", "w", "nie", "na", "się", "z", "że", "do", "to", "jest", "jak", "o", "po", "od", "za"]),
}
_WORD_RE = re.compile(r"[^\W\d_]+")
MIN_HITS = 5
SAMPLE_CHARS = 3000


def detect_language(text: str) -> str | None:
    """Guess the language of ``text`` from stopword counts; None when unsure or too short."""
    words = [w.lower() for w in _WORD_RE.findall(text[:SAMPLE_CHARS])]
    if len(words) < 20:
        return None
    scores = sorted(((sum(1 for w in words if w in stops), lang) for lang, stops in STOPWORDS.items()), reverse=True)
    best, runner_up = scores[0], scores[1]
    if best[0] >= MIN_HITS and best[0] >= 1.5 * runner_up[0]:
        return best[1]
    return None


def normalise_language(tag: str | None) -> str | None:
    """ "en_US" -> "en-US", "EN" -> "en"; None for empty tags."""
    if not tag:
        return None
    parts = tag.strip().replace("_", "-").split("-")
    if not parts[0]:
        return None
    head = parts[0].lower()
    rest = [p.upper() if len(p) == 2 else p for p in parts[1:]]
    return "-".join([head, *rest])
