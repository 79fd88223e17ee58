"""IPTC Media Topics: the vocabulary extract and a lexicon-based topic scorer.

The vocabulary (levels 1 and 2, active concepts) is ``tagging/data/iptc_mediatopic.csv``
(IPTC, CC BY 4.0; see ``tagging/data/NOTICE.txt``); :data:`IPTC_TOPICS` exposes it so the
warehouse can fill its ``topics`` table.

Scoring (pure, CPU, no model): weighted terms per concept from two sources, merged by
:func:`load_topic_scorer`:

* ``tagging/data/topic_lexicon.toml``, curated (it wins where both have a term);
* :func:`vocabulary_terms`, derived from IPTC itself: every level-2 concept gets its own label
  and the labels of all its level-3+ descendants (``tagging/data/iptc_mediatopic_deep.csv``),
  minus terms that appear under two top-level topics and label words too common to mean a topic.

For one article:

1. Tokens are lowercased and lightly stemmed (:func:`stem_word`); punctuation is dropped.
2. Every term occurrence (words, phrases up to three words, ``prefix*`` wildcards) is counted;
   a term found ``n`` times in the body contributes ``weight * (1 + ln n)``, plus
   ``TITLE_BONUS * weight`` if it is in the title and ``LEAD_BONUS * weight`` if it is in the
   first ``LEAD_WORDS`` body words (news states its subject first; page furniture comes last).
3. A level-2 concept's raw score is the sum of its terms' contributions; a level-1 concept's is,
   per term, the best contribution among itself and its children (a term listed under two
   siblings counts once).
4. ``score = 1 - exp(-density / SCALE)`` with ``density = raw * 100 / max(tokens, MIN_TOKENS)``
   (weighted hits per 100 tokens), so scores are in [0, 1) and comparable across lengths.
5. Kept: level-1 concepts scoring at least ``MIN_SCORE`` and ``RELATIVE_CUTOFF`` times the best
   (at most ``MAX_LEVEL1``); the best one is kept alone when it only reaches ``FALLBACK_SCORE``.
   Level-2 concepts of kept parents by the same rule (at most ``MAX_LEVEL2``).

Measured in ``tests/tagging/quality.py`` (hand-labelled real news pages, a tune and a held-out half).
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
FALLBACK_SCORE = 0.05
RELATIVE_CUTOFF = 0.45
MAX_LEVEL1 = 3
MAX_LEVEL2 = 4
_MAX_PHRASE = 3
_PREFIX_BUCKET = 4

TITLE_BONUS = 1.0
LEAD_BONUS = 1.0
LEAD_WORDS = 40
VOCABULARY_WORD_WEIGHT = 1.0
VOCABULARY_PHRASE_WEIGHT = 2.0
_LABEL_SPLIT_RE = re.compile(r",|;|/|\(|\)|\band\b|\bor\b")
_LABEL_STOPWORDS = frozenset({"a", "an", "the", "of", "in", "on", "for", "to", "by", "with", "other", "general"})
# Label words too common in ordinary news prose to say anything about a topic on their own
# ("record" is a weather, sport and music word; "party" a political and a social one).
_GENERIC_LABEL_WORDS = (
    "air",
    "annual",
    "appeal",
    "application",
    "association",
    "authority",
    "benefit",
    "civil",
    "club",
    "condition",
    "custom",
    "development",
    "executive",
    "exchange",
    "fine",
    "home",
    "house",
    "incident",
    "men",
    "women",
    "national",
    "record",
    "rock",
    "service",
    "series",
    "small",
    "social",
    "spirit",
    "team",
    "value",
    "metal",
    "pool",
    "party",
    "plant",
    "movement",
    "performance",
    "procedure",
    "product",
    "recall",
    "security",
    "trend",
    "water",
    "secretary",
    "minister",
    "tradition",
    "member",
    "media",
    "market",
    "money",
    "order",
    "local",
    "public",
    "power",
    "light",
    "film",
    "game",
)
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


_GENERIC_LABEL_STEMS = frozenset(map(stem_word, _GENERIC_LABEL_WORDS))


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
        """Return each concept's raw (unnormalised) score; level 1 includes its children.

        A term contributes ``weight * (1 + ln n)`` for ``n`` body hits, plus ``TITLE_BONUS * weight``
        when it is in the title and ``LEAD_BONUS * weight`` when it is in the first ``LEAD_WORDS``
        body words (news puts the subject first; page furniture comes last). A level-1 concept adds,
        per term, the best contribution among itself and its children, so a term listed under two
        sibling concepts is not counted twice.
        """
        contrib: dict[tuple[str, str], float] = defaultdict(float)
        for (term, code, weight), count in self._term_counts(body_words).items():
            contrib[(code, term)] += weight * (1.0 + math.log(count))
        for term, code, weight in self._term_counts(title_words):
            contrib[(code, term)] += TITLE_BONUS * weight
        for term, code, weight in self._term_counts(body_words[:LEAD_WORDS]):
            contrib[(code, term)] += LEAD_BONUS * weight
        own: dict[str, float] = defaultdict(float)
        best: dict[tuple[str, str], float] = {}
        for (code, term), value in contrib.items():
            own[code] += value
            key = (self.topics[code].parent or code, term)
            if value > best.get(key, 0.0):
                best[key] = value
        raw: dict[str, float] = defaultdict(float)
        for (top, _), value in best.items():
            raw[top] += value
        for code, value in own.items():
            if self.topics[code].level == 2:
                raw[code] = value
        return {code: value for code, value in raw.items() if value > 0}

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


def _level2_ancestors(deep_path: Path, topics: Mapping[str, IptcTopic]) -> dict[str, tuple[str, str]]:
    """Map every deep (level 3+) concept's code to (its level-2 ancestor, its label)."""
    with deep_path.open(encoding="utf-8", newline="") as handle:
        rows = {row["qcode"]: (row["parent"], row["label"]) for row in csv.DictReader(handle)}
    resolved: dict[str, tuple[str, str]] = {}
    for code, (parent, label) in rows.items():
        ancestor = parent
        while ancestor in rows:
            ancestor = rows[ancestor][0]
        if ancestor in topics and topics[ancestor].level == 2:
            resolved[code] = (ancestor, label)
    return resolved


def _label_parts(label: str) -> list[str]:
    """Split an IPTC label into term candidates: "arts and entertainment" -> arts, entertainment."""
    parts = []
    for part in _LABEL_SPLIT_RE.split(label.lower()):
        words = [w for w in _term_words(part) if w]
        if not 0 < len(words) <= _MAX_PHRASE or words[0] in _LABEL_STOPWORDS or words[-1] in _LABEL_STOPWORDS:
            continue
        if len(words) == 1 and words[0] in _GENERIC_LABEL_STEMS:
            continue
        parts.append(" ".join(words))
    return parts


def vocabulary_terms(
    topics: Mapping[str, IptcTopic] = IPTC_TOPICS, deep_path: Path = DATA_DIR / "iptc_mediatopic_deep.csv"
) -> dict[str, dict[str, float]]:
    """Terms derived from the IPTC vocabulary itself: each level-2 concept gets its own label and the
    labels of all its level-3+ descendants (split at commas, "and", "or"; 1-3 words).

    A term found under two top-level topics says nothing about either and is dropped.
    Weights: ``VOCABULARY_PHRASE_WEIGHT`` for phrases, ``VOCABULARY_WORD_WEIGHT`` for single words.
    """
    labelled: list[tuple[str, str]] = [(t.code, t.label) for t in topics.values() if t.level == 2]
    labelled += list(_level2_ancestors(deep_path, topics).values())
    owners: dict[str, str] = {}
    tops: dict[str, set[str]] = defaultdict(set)
    for code, label in labelled:
        for term in _label_parts(label):
            owners.setdefault(term, code)
            tops[term].add(topics[code].parent or code)
    terms: dict[str, dict[str, float]] = defaultdict(dict)
    for term, code in owners.items():
        if len(tops[term]) == 1:
            terms[code][term] = VOCABULARY_PHRASE_WEIGHT if " " in term else VOCABULARY_WORD_WEIGHT
    return dict(terms)


def load_topic_scorer(lexicon_path: Path = DATA_DIR / "topic_lexicon.toml") -> TopicScorer:
    """Build the scorer from the shipped lexicon (or another file of the same shape) plus
    :func:`vocabulary_terms`; a term the curated lexicon already has keeps the curated weight and code.

    Raises:
        ValueError: a lexicon code outside the IPTC extract, or a malformed term.
    """
    lexicon: dict[str, dict[str, float]] = {
        code: dict(terms) for code, terms in tomllib.loads(lexicon_path.read_text(encoding="utf-8")).items()
    }
    curated = {tuple(_term_words(term)) for terms in lexicon.values() for term in terms if not term.endswith("*")}
    for code, terms in vocabulary_terms().items():
        for term, weight in terms.items():
            if tuple(_term_words(term)) not in curated:
                lexicon.setdefault(code, {})[term] = weight
    return TopicScorer(lexicon, IPTC_TOPICS)
