"""IPTC Media Topics: the vocabulary extract and a lexicon-based topic scorer.

The vocabulary (levels 1 and 2, active concepts) is ``tagging/data/iptc_mediatopic.csv``
(IPTC, CC BY 4.0; see ``tagging/data/NOTICE.txt``); :data:`IPTC_TOPICS` exposes it so the
warehouse can fill its ``topics`` table.

Scoring (pure, CPU, no model): ``tagging/data/topic_lexicon.toml`` gives weighted terms per
concept. For one article:

1. Tokens are lowercased and lightly stemmed (:func:`stem_word`); punctuation is dropped.
2. Every term occurrence (words, phrases up to three words, ``prefix*`` wildcards) is counted;
   a term found ``n`` times in the body contributes ``weight * (1 + ln n)``; a term also found
   in the title contributes ``weight`` once more.
3. A level-2 concept's raw score is its own; a level-1 concept's is its own plus its children's.
4. ``score = 1 - exp(-density / SCALE)`` with ``density = raw * 100 / max(tokens, MIN_TOKENS)``
   (weighted hits per 100 tokens), so scores are in [0, 1) and comparable across lengths.
5. Kept: level-1 concepts scoring at least ``MIN_SCORE`` and ``RELATIVE_CUTOFF`` times the best
   (at most ``MAX_LEVEL1``); the best one is kept alone when it only reaches ``FALLBACK_SCORE``.
   Level-2 concepts of kept parents by the same rule (at most ``MAX_LEVEL2``).
"""

from __future__ import annotations

import csv
import math
import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from mediamon.records import TopicScore

__all__ = [
    "IPTC_SCHEME",
    "IPTC_TOPICS",
    "IptcTopic",
    "TopicScorer",
    "iptc_topic_rows",
    "load_topic_scorer",
    "stem_word",
]

DATA_DIR = Path(__file__).parent / "data"
IPTC_SCHEME = "iptc-mediatopic"
SCALE = 5.0
MIN_TOKENS = 80
MIN_SCORE = 0.25
FALLBACK_SCORE = 0.12
RELATIVE_CUTOFF = 0.45
MAX_LEVEL1 = 3
MAX_LEVEL2 = 4
_MAX_PHRASE = 3
_PREFIX_BUCKET = 4

_HYPHEN_IN_WORD_RE = re.compile(r"(?<=[a-z0-9])-(?=[a-z])")
_WORD_RE = re.compile(r"[^\W_](?:[\w'’.+-]*\w)?")


@dataclass(frozen=True, slots=True)
class IptcTopic:
    """One IPTC Media Topic concept of level 1 or 2."""

    code: str
    label: str
    level: int
    parent: str | None
    definition: str


def _load_iptc(path: Path) -> dict[str, IptcTopic]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row["qcode"]: IptcTopic(
                code=row["qcode"],
                label=row["label"],
                level=int(row["level"]),
                parent=row["parent"] or None,
                definition=row["definition"],
            )
            for row in csv.DictReader(handle)
        }


IPTC_TOPICS: Mapping[str, IptcTopic] = _load_iptc(DATA_DIR / "iptc_mediatopic.csv")


def iptc_topic_rows() -> list[dict[str, object]]:
    """Return every IPTC concept the tagger can emit as plain rows for a ``topics`` table.

    Keys: code, label, level, parent (None for level 1), definition, scheme.
    """
    return [
        {
            "code": t.code,
            "label": t.label,
            "level": t.level,
            "parent": t.parent,
            "definition": t.definition,
            "scheme": IPTC_SCHEME,
        }
        for t in IPTC_TOPICS.values()
    ]


def stem_word(word: str) -> str:
    """Light English plural stemming shared by the lexicon and the text: -ies→-y, -es, -s."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _term_words(term: str) -> list[str]:
    return [stem_word(w) for w in _HYPHEN_IN_WORD_RE.sub(" ", term.lower()).split()]


def text_words(text: str) -> list[str]:
    """Lowercase word tokens of ``text`` split like the lexicon's terms (for tests and tools)."""
    return [w for token in _WORD_RE.findall(text.lower()) for w in _HYPHEN_IN_WORD_RE.sub(" ", token).split()]


class TopicScorer:
    """Scores token sequences against the IPTC lexicon. Build with :func:`load_topic_scorer`."""

    def __init__(self, lexicon: Mapping[str, Mapping[str, float]], topics: Mapping[str, IptcTopic]) -> None:
        unknown = sorted(set(lexicon) - set(topics))
        if unknown:
            raise ValueError(f"lexicon codes not in the IPTC extract: {unknown}")
        self.topics = topics
        self._phrases: dict[tuple[str, ...], list[tuple[str, float]]] = {}
        self._prefixes: dict[str, list[tuple[str, str, float]]] = {}
        for code, terms in lexicon.items():
            for term, weight in terms.items():
                if term.endswith("*"):
                    prefix = term[:-1].lower()
                    if len(prefix) < _PREFIX_BUCKET or " " in prefix:
                        raise ValueError(f"{code}: wildcard {term!r} needs one word of 4+ letters")
                    self._prefixes.setdefault(prefix[:_PREFIX_BUCKET], []).append((prefix, code, float(weight)))
                else:
                    words = tuple(_term_words(term))
                    if not 0 < len(words) <= _MAX_PHRASE:
                        raise ValueError(f"{code}: term {term!r} must have 1 to {_MAX_PHRASE} words")
                    self._phrases.setdefault(words, []).append((code, float(weight)))
        self._children: dict[str, list[str]] = {}
        for topic in topics.values():
            if topic.parent:
                self._children.setdefault(topic.parent, []).append(topic.code)

    def _term_counts(self, words: Sequence[str]) -> Counter[tuple[str, str, float]]:
        """Count (term, code, weight) hits; a term is identified by its joined words or prefix."""
        stems = [stem_word(w) for w in words]
        hits: Counter[tuple[str, str, float]] = Counter()
        n = len(stems)
        phrases = self._phrases
        prefixes = self._prefixes
        for i in range(n):
            for size in range(1, _MAX_PHRASE + 1):
                if i + size > n:
                    break
                key = tuple(stems[i : i + size])
                for code, weight in phrases.get(key, ()):
                    hits[(" ".join(key), code, weight)] += 1
            word = words[i]
            for prefix, code, weight in prefixes.get(word[:_PREFIX_BUCKET], ()):
                if word.startswith(prefix):
                    hits[(prefix + "*", code, weight)] += 1
        return hits

    def raw_scores(self, body_words: Sequence[str], title_words: Sequence[str] = ()) -> dict[str, float]:
        """Return each concept's raw (unnormalised) score; level 1 includes its children."""
        own: dict[str, float] = defaultdict(float)
        body_hits = self._term_counts(body_words)
        for (_, code, weight), count in body_hits.items():
            own[code] += weight * (1.0 + math.log(count))
        for _, code, weight in self._term_counts(title_words):
            own[code] += weight
        raw: dict[str, float] = {}
        for code, topic in self.topics.items():
            value = own.get(code, 0.0)
            if topic.level == 1:
                value += sum(own.get(child, 0.0) for child in self._children.get(code, ()))
            if value > 0:
                raw[code] = value
        return raw

    def score(self, body_words: Sequence[str], title_words: Sequence[str] = ()) -> tuple[TopicScore, ...]:
        """Return the kept level-1 then level-2 topics of one article, best first per level.

        Args:
            body_words: lowercase word tokens of the body (punctuation removed).
            title_words: lowercase word tokens of the title.
        """
        raw = self.raw_scores(body_words, title_words)
        length = max(len(body_words) + len(title_words), MIN_TOKENS)
        scores = {code: 1.0 - math.exp(-(value * 100.0 / length) / SCALE) for code, value in raw.items()}
        level1 = sorted(
            ((s, c) for c, s in scores.items() if self.topics[c].level == 1), key=lambda sc: (-sc[0], sc[1])
        )
        kept1 = self._select(level1, MAX_LEVEL1)
        if not kept1 and level1 and level1[0][0] >= FALLBACK_SCORE:
            kept1 = [level1[0]]
        parents = {c for _, c in kept1}
        level2 = sorted(
            ((s, c) for c, s in scores.items() if self.topics[c].level == 2 and self.topics[c].parent in parents),
            key=lambda sc: (-sc[0], sc[1]),
        )
        kept2 = self._select(level2, MAX_LEVEL2)
        return tuple(
            TopicScore(
                code=code,
                label=self.topics[code].label,
                score=round(score, 4),
                scheme=IPTC_SCHEME,
                level=self.topics[code].level,
            )
            for score, code in (*kept1, *kept2)
        )

    @staticmethod
    def _select(ranked: list[tuple[float, str]], limit: int) -> list[tuple[float, str]]:
        if not ranked:
            return []
        best = ranked[0][0]
        return [(s, c) for s, c in ranked if s >= MIN_SCORE and s >= RELATIVE_CUTOFF * best][:limit]


def load_topic_scorer(lexicon_path: Path = DATA_DIR / "topic_lexicon.toml") -> TopicScorer:
    """Build the scorer from the shipped lexicon (or another file of the same shape).

    Raises:
        ValueError: a lexicon code outside the IPTC extract, or a malformed term.
    """
    lexicon = tomllib.loads(lexicon_path.read_text(encoding="utf-8"))
    return TopicScorer(lexicon, IPTC_TOPICS)
