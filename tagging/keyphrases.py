"""Keyphrases per article: a RAKE-style extractor that needs no POS tags and no parser.

Noun chunks need the dependency parser, which the tagger does not load (it would halve its
speed), so candidates are found the RAKE way (Rose et al., 2010):

1. The text is lowercased and split into words and punctuation; candidate phrases are maximal
   runs of words between stopwords, punctuation and numbers; longer runs than ``MAX_WORDS``
   are dropped (clause fragments rather than names of things).
2. A phrase scores RAKE's sum of ``degree / frequency`` over its words (degree: the summed
   length of the candidates a word occurs in), times the mean ``log(1 + frequency)`` of its
   words, times ``1 + ln(phrase count)``, so that what the article keeps coming back to beats
   one-off long phrases. Phrases in the title count twice.
3. The best ``limit`` phrases are kept, skipping a phrase whose words all appear in a better
   one, or that contains all the words of a better one.

Output is lowercase, whitespace-normalised, best first. Pure and deterministic.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from spacy.lang.en.stop_words import STOP_WORDS

__all__ = ["DEFAULT_LIMIT", "extract_keyphrases"]

DEFAULT_LIMIT = 8
MAX_WORDS = 4
# News boilerplate that is not a stopword in spaCy's list but never makes a useful keyphrase.
# fmt: off
_EXTRA_STOPWORDS = frozenset(
    (
        "said", "says", "say", "told", "according", "also", "year", "years", "new", "percent", "per", "cent",
        "including", "like", "just", "week", "weeks", "month", "months", "day", "days", "today", "yesterday",
        "time", "times", "way", "ways", "number", "part", "read", "mr", "mrs", "ms", "dr", "st", "monday",
        "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
        "april", "may", "june", "july", "august", "september", "october", "november", "december", "recent",
        "recently", "current", "currently", "early", "late", "mid", "far", "long", "make", "makes", "made",
    )
)
# fmt: on
STOPWORDS = frozenset(STOP_WORDS) | _EXTRA_STOPWORDS
_TOKEN_RE = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]|\d[\w.,]*|[^\w\s]")


def _candidates(text: str) -> list[tuple[str, ...]]:
    phrases: list[tuple[str, ...]] = []
    current: list[str] = []
    stopwords = STOPWORDS
    # One pass over the tokens; the cheap tests come first (about half the tokens are
    # stopwords or punctuation). A token of two or more characters is a word unless it is a
    # number (``\d`` is Unicode category Nd, exactly ``str.isdecimal``).
    for found in _TOKEN_RE.findall(text.lower().replace("’", "'")):
        token = found[:-2] if found.endswith("'s") else found
        if len(token) < 2 or token in stopwords or token[0].isdecimal():
            if current:
                # Runs longer than MAX_WORDS are mostly clause fragments, not names of things.
                if len(current) <= MAX_WORDS and not (len(current) == 1 and len(current[0]) < 4):
                    phrases.append(tuple(current))
                current = []
            continue
        current.append(token)
    if current and len(current) <= MAX_WORDS and not (len(current) == 1 and len(current[0]) < 4):
        phrases.append(tuple(current))
    return phrases


def extract_keyphrases(text: str, title: str | None = None, *, limit: int = DEFAULT_LIMIT) -> tuple[str, ...]:
    """Return up to ``limit`` keyphrases of an article, best first.

    Args:
        text: the body.
        title: the title, whose phrases count twice; None when there is none.
        limit: how many phrases at most.
    """
    phrases = _candidates(text) + (_candidates(title) * 2 if title else [])
    if not phrases:
        return ()
    phrase_counts = Counter(phrases)
    frequency: dict[str, int] = {}
    degree: dict[str, int] = {}
    for phrase, count in phrase_counts.items():
        size = len(phrase) * count
        for word in phrase:
            frequency[word] = frequency.get(word, 0) + count
            degree[word] = degree.get(word, 0) + size
    ratio = {word: degree[word] / n for word, n in frequency.items()}
    log_frequency = {word: math.log1p(n) for word, n in frequency.items()}
    scored: dict[tuple[str, ...], float] = {}
    for phrase, count in phrase_counts.items():
        # RAKE's degree/frequency favours long one-off phrases; weighing it by the words'
        # frequency and the phrase's own count favours what the article keeps coming back to.
        rake = sum(map(ratio.__getitem__, phrase))
        salience = sum(map(log_frequency.__getitem__, phrase)) / len(phrase)
        scored[phrase] = rake * salience * (1.0 + math.log(count))
    ranked = sorted(scored.items(), key=lambda item: (-item[1], item[0]))
    kept: list[tuple[str, ...]] = []
    kept_sets: list[set[str]] = []
    for phrase, _ in ranked:
        words = set(phrase)
        if any(words <= better or better <= words for better in kept_sets):
            continue
        kept.append(phrase)
        kept_sets.append(words)
        if len(kept) == limit:
            break
    return tuple(" ".join(p) for p in kept)
