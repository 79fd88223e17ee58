"""Resolve an article's raw entity mentions to canonical entities.

Contract: every kept mention resolves to exactly one :class:`~mediamon.records.CanonicalEntity`;
unseen entities are created (never dropped). Steps, in order:

1. Clean: split hyphenated NORP compounds ("Belarusian-Russian"); drop labels in
   :data:`DROPPED_LABELS` (dates, numbers, money, ...); strip a leading article
   ("the Union State" → "Union State"), a trailing possessive ("Russia's" → "Russia") and
   trailing function words ("Otto of" → "Otto"), adjusting the offsets; drop
   mentions without letters, and unresolved non-PERSON single words that look like
   participles or adverbs ("Exiled", "Speaking").
2. Known entities: a gazetteer id set by the pipeline, else a gazetteer look-up of the cleaned
   text (acronym-exact, then folded key). The mention takes the known entity's type.
3. Partial names within the article: an unresolved mention, or a known *city* hit, whose words
   are the trailing words of a longer PERSON name mentioned in the same article ("Alesin" after
   "Alyaksandr Alesin") joins that person (the nearest preceding one, else the nearest
   following one). Known watchlist surnames ("Putin") were already resolved in step 2.
   Likewise an unresolved acronym joins the article's entity with those initials ("KHL" →
   "Kontinental Hockey League"), and a one-word ORG the longer ORG it starts ("Dinamo" →
   "Dinamo Minsk").
4. Unseen entities: grouped by folded key (so spellings the folding rules unify are one entity
   within the article); the group's type is its most frequent NER label (ties: the first
   seen); the preferred name is the group's most frequent surface form (ties: the longer);
   the id is ``"<type>:<slug of the preferred name>"`` (:func:`entity_id_for`), the same in
   every article, process and run that names the entity the same way. Spelling variants of an
   unseen entity in *different* articles get different ids until the entity is listed in
   ``config/entities.toml``.
5. Mentions inside a parenthetical citation keep their entity but get type ``"CITED"``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from mediamon.records import CanonicalEntity, EntityMention
from tagging.gazetteer import Gazetteer, GazetteerEntry, entity_id_for

__all__ = ["CITED", "DROPPED_LABELS", "RawMention", "resolve_mentions"]

CITED = "CITED"
DROPPED_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})

_LEADING_RE = re.compile(r"^(?:(?:the|The|THE)\s+|[\s\"'“”‘’(\[«»—–-]+)+")
_TRAILING_RE = re.compile(r"(?:['’]s|['’]|[\s\"'“”‘’)\],;:!?«»—–-]|\s(?:of|and|the|for|in|at|to|on))+$")
# Sentence-initial participles and adverbs the NER mistakes for names ("Exiled opposition ...").
_NOT_A_NAME_RE = re.compile(r"[A-Z][a-z]+(?:ed|ing|ly)")
_ACRONYM_RE = re.compile(r"[A-Z]{2,6}")
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "in", "on", "de"})
_LETTER_RE = re.compile(r"[^\W\d_]")
_COMPOUND_RE = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)+")


@dataclass(frozen=True, slots=True)
class RawMention:
    """An entity span as the spaCy pipeline produced it, before resolution."""

    start: int
    end: int
    text: str
    label: str
    kb_id: str = ""
    sentence: int = 0
    in_title: bool = False
    cited: bool = False


@dataclass(slots=True)
class _Work:
    raw: RawMention
    start: int
    end: int
    text: str
    key: str
    entry: GazetteerEntry | None
    entity_type: str
    linked_to: int = -1  # index of the mention whose entity this one shares


def _clean(raw: RawMention) -> tuple[int, int, str] | None:
    text = raw.text
    lead = _LEADING_RE.match(text)
    cut_start = lead.end() if lead else 0
    trail = _TRAILING_RE.search(text, cut_start)
    cut_end = trail.start() if trail else len(text)
    text = text[cut_start:cut_end]
    if not _LETTER_RE.search(text):
        return None
    return raw.start + cut_start, raw.start + cut_end, text


def _split_compound(raw: RawMention) -> list[RawMention]:
    """Split "Belarusian-Russian" (NORP) into its capitalised parts; other mentions unchanged."""
    if raw.label != "NORP" or raw.kb_id or _COMPOUND_RE.fullmatch(raw.text) is None:
        return [raw]
    parts = []
    offset = 0
    for part in raw.text.split("-"):
        parts.append(
            RawMention(
                raw.start + offset,
                raw.start + offset + len(part),
                part,
                raw.label,
                "",
                raw.sentence,
                raw.in_title,
                raw.cited,
            )
        )
        offset += len(part) + 1
    return parts


def _prepare(raws: Sequence[RawMention], gazetteer: Gazetteer) -> list[_Work]:
    work: list[_Work] = []
    for raw in (part for whole in raws for part in _split_compound(whole)):
        if raw.label in DROPPED_LABELS:
            continue
        cleaned = _clean(raw)
        if cleaned is None:
            continue
        start, end, text = cleaned
        entry = gazetteer.entries.get(raw.kb_id) if raw.kb_id else None
        if entry is None:
            entry = gazetteer.lookup(text)
        key = gazetteer.fold(text)
        if not key:
            continue
        if entry is None and raw.label != "PERSON" and _NOT_A_NAME_RE.fullmatch(text):
            continue
        entity_type = entry.entity.type if entry else raw.label
        work.append(_Work(raw, start, end, text, key, entry, entity_type))
    return work


def _link_partial_names(work: list[_Work]) -> None:
    full_people = [
        (index, item.key.split())
        for index, item in enumerate(work)
        if item.entity_type == "PERSON" and len(item.key.split()) > 1
    ]
    if not full_people:
        return
    for index, item in enumerate(work):
        weak = item.entry is None or item.entry.source == "city"
        if not weak or (item.entry is None and item.entity_type not in {"PERSON", "ORG", "GPE", "NORP", "LOC"}):
            continue
        words = item.key.split()
        candidates = [
            person
            for person, person_words in full_people
            if person != index and len(person_words) > len(words) and person_words[-len(words) :] == words
        ]
        if not candidates:
            continue
        preceding = [c for c in candidates if c < index]
        target = preceding[-1] if preceding else candidates[0]
        while work[target].linked_to >= 0:
            target = work[target].linked_to
        item.linked_to = target
        item.entity_type = "PERSON"
        item.entry = work[target].entry


def _initials(text: str) -> str:
    return "".join(w[0] for w in text.replace("-", " ").split() if w.lower() not in _ACRONYM_SKIP and w[:1].isupper())


def _link_short_forms(work: list[_Work]) -> None:
    """Link an unresolved acronym ("KHL") to the article's entity with those initials
    ("Kontinental Hockey League"), and a one-word ORG ("Dinamo") to a longer ORG starting
    with that word ("Dinamo Minsk")."""
    long_names = [(index, item) for index, item in enumerate(work) if len(item.key.split()) > 1]
    if not long_names:
        return
    for index, item in enumerate(work):
        if item.entry is not None or item.linked_to >= 0:
            continue
        target = -1
        if _ACRONYM_RE.fullmatch(item.text):
            target = next((i for i, other in long_names if _initials(other.text) == item.text), -1)
        elif item.entity_type == "ORG" and " " not in item.key:
            target = next(
                (i for i, other in long_names if other.entity_type == "ORG" and other.key.split()[0] == item.key),
                -1,
            )
        if target < 0 or target == index:
            continue
        while work[target].linked_to >= 0:
            target = work[target].linked_to
        item.linked_to = target
        item.entity_type = work[target].entity_type
        item.entry = work[target].entry


def resolve_mentions(
    raws: Sequence[RawMention], gazetteer: Gazetteer
) -> tuple[tuple[EntityMention, ...], tuple[CanonicalEntity, ...]]:
    """Resolve one article's raw mentions (title mentions first, then body, each in text order).

    Args:
        raws: the pipeline's entity spans of the title and body of ONE article.
        gazetteer: the known entities.

    Returns:
        ``(mentions, canonical_entities)``: mentions in input order (minus dropped ones); the
        canonical entities every mention references, each once, in order of first mention.
    """
    work = _prepare(raws, gazetteer)
    _link_partial_names(work)
    _link_short_forms(work)

    # Unseen entities: group by the key of the mention they are linked to (or their own).
    def root(index: int) -> int:
        while work[index].linked_to >= 0:
            index = work[index].linked_to
        return index

    groups: dict[str, list[int]] = {}
    for index, item in enumerate(work):
        if item.entry is None:
            groups.setdefault(work[root(index)].key, []).append(index)
    unseen: dict[str, CanonicalEntity] = {}
    for key, members in groups.items():
        labels = Counter(work[m].entity_type for m in members)
        best = max(labels.values())
        entity_type = next(work[m].entity_type for m in members if labels[work[m].entity_type] == best)
        surfaces = Counter(work[m].text for m in members if work[m].key == key)
        name = max(surfaces, key=lambda s: (surfaces[s], len(s))) if surfaces else work[members[0]].text
        aliases = tuple(sorted({work[m].text for m in members} - {name}))
        unseen[key] = CanonicalEntity(
            entity_id=entity_id_for(entity_type, name),
            name=name,
            type=entity_type,
            aliases=aliases,
        )

    mentions: list[EntityMention] = []
    entities: dict[str, CanonicalEntity] = {}
    for index, item in enumerate(work):
        entity = item.entry.entity if item.entry else unseen[work[root(index)].key]
        entities.setdefault(entity.entity_id, entity)
        mentions.append(
            EntityMention(
                start=item.start,
                end=item.end,
                text=item.text,
                type=CITED if item.raw.cited else entity.type,
                entity_id=entity.entity_id,
                canonical=entity.name,
                sentence=item.raw.sentence,
                in_title=item.raw.in_title,
            )
        )
    return tuple(mentions), tuple(entities.values())
