"""Trend queries: SQL in ``warehouse/queries/*.sql``, typed wrappers here, table macros generated.

Every parameter is bound (``$name``), never formatted into the SQL text. Each file of the library
is also installed as a table macro for any DuckDB client (:func:`install_macros`), generated from
the same text, so a query's SQL lives in exactly one place.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

import duckdb

logger = logging.getLogger(__name__)

QUERIES_DIR = Path(__file__).resolve().parent
Grain = Literal["day", "week", "month"]


@cache
def load_sql(name: str) -> str:
    """The text of ``warehouse/queries/<name>.sql``."""
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


# The table macro of each library file: its name and parameters (with defaults), the contract of
# `mediamon sql` and of every DuckDB client (docs/queries.md). The body is the file's text with each
# $parameter renamed by MACRO_PARAMETERS (macro parameters must not shadow column names such as
# `day` or `entity`, hence start_day, entity_ref, …).
_NO_TEXTS = "CAST([] AS VARCHAR[])"
MACROS: dict[str, str] = {
    "volume_entity": "entity_volume(entity_ref, grain := 'week', start_day := NULL, end_day := NULL, "
    f"outlets := {_NO_TEXTS}, by_outlet := false)",
    "volume_topic": "topic_volume(topic_code, grain := 'week', start_day := NULL, end_day := NULL, "
    f"outlets := {_NO_TEXTS}, by_outlet := false, min_score := 0.0)",
    "volume_watch": "watch_volume(watch_name, grain := 'week', start_day := NULL, end_day := NULL, "
    f"outlets := {_NO_TEXTS}, by_outlet := false)",
    "share_of_voice": f"share_of_voice(entity_refs, grain := 'week', start_day := NULL, end_day := NULL, "
    f"outlets := {_NO_TEXTS})",
    "entity_ranking": f"entity_ranking(start_day, end_day, outlets := {_NO_TEXTS}, topic_code := NULL, "
    f"entity_types := {_NO_TEXTS}, max_rows := NULL, skip_rows := 0)",
    "topic_ranking": f"topic_ranking(start_day, end_day, outlets := {_NO_TEXTS}, entity_ref := NULL, "
    "min_score := 0.0, max_rows := NULL, skip_rows := 0)",
    "cooccurrences": f"cooccurrences(entity_ref, start_day := NULL, end_day := NULL, outlets := {_NO_TEXTS}, "
    "max_rows := NULL, skip_rows := 0)",
    "spikes": f"spikes(start_day := NULL, end_day := NULL, entity_ref := NULL, outlets := {_NO_TEXTS}, "
    "min_count := 5, min_ratio := 4.0, min_z := NULL, max_rows := NULL, skip_rows := 0)",
    "emerging_keyphrases": f"emerging_keyphrases(start_day, end_day, baseline_days := 28, outlets := {_NO_TEXTS}, "
    "min_count := 3, max_rows := NULL, skip_rows := 0)",
    "articles_behind": f"articles_behind(start_day := NULL, end_day := NULL, entity_refs := {_NO_TEXTS}, "
    f"topic_code := NULL, watch_name := NULL, phrase_text := NULL, outlets := {_NO_TEXTS}, "
    "max_rows := NULL, skip_rows := 0)",
}
MACRO_PARAMETERS: dict[str, str] = {
    "start": "start_day",
    "end": "end_day",
    "entity": "entity_ref",
    "entities": "entity_refs",
    "code": "topic_code",
    "topic": "topic_code",
    "watch": "watch_name",
    "phrase": "phrase_text",
    "limit": "max_rows",
    "offset": "skip_rows",
}
_PARAMETER = re.compile(r"\$([a-z_]+)\b")
_COMMENT_LINE = re.compile(r"^\s*--.*$\n?", re.MULTILINE)


def macro_sql(name: str) -> str:
    """``CREATE OR REPLACE MACRO …`` for the library file ``name`` (a key of MACROS)."""
    body = _COMMENT_LINE.sub("", load_sql(name)).strip()
    body = _PARAMETER.sub(lambda m: MACRO_PARAMETERS.get(m.group(1), m.group(1)), body)
    return f"CREATE OR REPLACE MACRO {MACROS[name]} AS TABLE\n{body}"


def install_macros(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create every table macro of the library from its file, in one transaction.

    Called by ``warehouse.db.connect`` on the writer after the migrations, so the macros always
    match the files of the running code, and the snapshot (a copy) carries them to every reader.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        for name in MACROS:
            con.execute(macro_sql(name))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    logger.debug("installed %d trend macros", len(MACROS))


@dataclass(frozen=True, slots=True)
class EntityCount:
    entity_id: str
    entity: str
    entity_type: str
    articles: int
    previous_articles: int
    change: int


@dataclass(frozen=True, slots=True)
class PeriodCount:
    period: date
    articles: int


@dataclass(frozen=True, slots=True)
class Spike:
    entity_id: str
    entity: str
    day: date
    articles: int
    baseline_mean: float
    ratio: float
    z_score: float


def latest_day(con: duckdb.DuckDBPyConnection) -> date | None:
    """The most recent publication day in the warehouse (the demo's "today")."""
    # fetchall, not fetchone: DuckDB 2 keeps a half-read result open and refuses the next statement
    return con.execute("SELECT max(day) FROM dated_articles").fetchall()[0][0]


def top_entities(
    con: duckdb.DuckDBPyConnection,
    *,
    end_day: date | None = None,
    days: int = 30,
    limit: int = 10,
    entity_types: tuple[str, ...] = (),
) -> list[EntityCount]:
    """Entities in the most articles over ``days`` days ending ``end_day`` (default: the latest
    publication day), with the count of the window before it and the change."""
    end = end_day or latest_day(con)
    if end is None:
        return []
    rows = con.execute(
        load_sql("top_entities"),
        {"end_day": end, "days": days, "limit": limit, "entity_types": list(entity_types)},
    ).fetchall()
    return [EntityCount(*row) for row in rows]


def topic_volume(
    con: duckdb.DuckDBPyConnection, code: str, *, grain: Grain = "week", min_score: float = 0.0
) -> list[PeriodCount]:
    """Articles per ``grain`` tagged with topic ``code`` or one of its direct narrower codes."""
    if grain not in ("day", "week", "month"):
        raise ValueError(f"grain must be day, week or month, not {grain!r}")
    rows = con.execute(load_sql("topic_volume"), {"code": code, "grain": grain, "min_score": min_score}).fetchall()
    return [PeriodCount(*row) for row in rows]


def entity_spikes(
    con: duckdb.DuckDBPyConnection,
    *,
    entity_id: str | None = None,
    min_count: int = 5,
    min_ratio: float = 4.0,
) -> list[Spike]:
    """Days when an entity appears in at least ``min_count`` articles and ``min_ratio`` times its
    trailing 14-day daily mean (both +1 smoothed), strongest first."""
    rows = con.execute(
        load_sql("entity_spikes"),
        {"entity_id": entity_id, "min_count": min_count, "min_ratio": min_ratio},
    ).fetchall()
    return [Spike(*row) for row in rows]


# --- the trend query library (volumes, share of voice, rankings, co-occurrences, spikes, phrases,
# --- and the articles behind any point). Each query has a twin table macro (install_macros) for
# --- SQL users; tests/warehouse/test_trend_library.py checks that both give the same rows.

VolumeKind = Literal["entity", "topic", "watch"]
GRAINS: tuple[str, ...] = ("day", "week", "month")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a ranked or listed result: its rows and how many rows there are in all."""

    rows: list[T]
    total: int


@dataclass(frozen=True, slots=True)
class VolumePoint:
    period: date  # first day of the day, ISO week (Monday) or month
    outlet: str | None  # None unless the volume is split by outlet
    articles: int


@dataclass(frozen=True, slots=True)
class VoiceShare:
    period: date
    entity_id: str
    entity: str
    articles: int
    share: float  # of the summed counts of the compared entities in the period
    share_of_articles: float  # of the articles naming any of them


@dataclass(frozen=True, slots=True)
class RankedEntity:
    entity_id: str
    entity: str
    entity_type: str
    articles: int
    previous_articles: int
    change: int


@dataclass(frozen=True, slots=True)
class RankedTopic:
    code: str
    label: str
    level: int | None
    articles: int
    previous_articles: int
    change: int


@dataclass(frozen=True, slots=True)
class CoEntity:
    entity_id: str
    entity: str
    entity_type: str
    articles: int  # articles naming both
    focus_articles: int  # articles naming the focus entity
    share: float  # articles / focus_articles


@dataclass(frozen=True, slots=True)
class SpikeDay:
    entity_id: str
    entity: str
    entity_type: str
    day: date
    articles: int
    baseline_mean: float
    baseline_sd: float
    ratio: float
    z_score: float


@dataclass(frozen=True, slots=True)
class EmergingPhrase:
    phrase: str
    articles: int
    baseline_articles: int
    expected: float
    growth: float


@dataclass(frozen=True, slots=True)
class ArticleRef:
    article_id: str
    published_at: datetime
    day: date
    outlet: str
    source: str
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Coverage:
    first_day: date | None
    last_day: date | None
    articles: int


def _check_grain(grain: str) -> None:
    if grain not in GRAINS:
        raise ValueError(f"grain must be day, week or month, not {grain!r}")


def _check_window(start: date | None, end: date | None) -> None:
    if start is not None and end is not None and end < start:
        raise ValueError(f"the window ends ({end}) before it starts ({start})")


def _paged(rows: list[tuple[Any, ...]], make: Callable[..., T]) -> Page[T]:
    """Rows whose last column is ``count(*) OVER ()`` become a Page (the count is the total)."""
    return Page([make(*row[:-1]) for row in rows], rows[0][-1] if rows else 0)


def period_end(period: date, grain: Grain) -> date:
    """The last day of the period that starts on ``period`` (for the articles behind a point)."""
    _check_grain(grain)
    if grain == "day":
        return period
    if grain == "week":
        return period + timedelta(days=6)
    first_of_next = date(period.year + period.month // 12, period.month % 12 + 1, 1)
    return first_of_next - timedelta(days=1)


def coverage(con: duckdb.DuckDBPyConnection) -> Coverage:
    """First and last publication day, and the number of dated articles."""
    row = con.execute(
        "SELECT CAST(timezone('UTC', min(published_at)) AS DATE), CAST(timezone('UTC', max(published_at)) AS DATE), "
        "count(published_at) FROM articles"
    ).fetchall()[0]
    return Coverage(row[0], row[1], row[2])


def list_outlets(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int]]:
    """Each outlet (the site name, else the source name) with its number of articles."""
    return [
        (row[0], row[1])
        for row in con.execute(
            "SELECT coalesce(outlet, source) AS o, count(*) FROM articles GROUP BY o ORDER BY o"
        ).fetchall()
    ]


def list_topics(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, int | None, int]]:
    """(code, label, level, articles) of every topic on at least one article, most used first."""
    return [
        (row[0], row[1], row[2], row[3])
        for row in con.execute(
            """
            SELECT t.code, coalesce(any_value(tp.label), t.code), any_value(tp.level),
                   count(DISTINCT t.article_id) AS n
            FROM article_topics t LEFT JOIN topics tp USING (code)
            GROUP BY t.code ORDER BY n DESC, t.code
            """
        ).fetchall()
    ]


def list_watches(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int]]:
    """The watch topics that matched at least one article, with their article counts."""
    return [
        (row[0], row[1])
        for row in con.execute(
            "SELECT watch, count(DISTINCT article_id) AS n FROM article_watch GROUP BY watch ORDER BY n DESC, watch"
        ).fetchall()
    ]


def search_entities(
    con: duckdb.DuckDBPyConnection, text: str = "", *, limit: int = 20
) -> list[tuple[str, str, str, int]]:
    """(entity_id, name, type, articles) of entities whose name, id or an alias contains ``text``
    (case-insensitive), most mentioned first."""
    rows = con.execute(
        """
        WITH found AS (
            SELECT entity_id, name, type FROM entities
            WHERE $text = '' OR contains(lower(name), lower($text)) OR contains(entity_id, lower($text))
               OR list_contains(list_transform(aliases, lambda a: lower(a)), lower($text))
        )
        SELECT f.entity_id, f.name, f.type, k.articles AS n
        FROM found f JOIN entity_keys k USING (entity_id)  -- read model: each entity's article count
        WHERE k.articles > 0
        ORDER BY n DESC, f.name LIMIT $limit
        """,
        {"text": text, "limit": limit},
    ).fetchall()
    return [(row[0], row[1], row[2], row[3]) for row in rows]


def volume(
    con: duckdb.DuckDBPyConnection,
    kind: VolumeKind,
    key: str,
    *,
    grain: Grain = "week",
    start: date | None = None,
    end: date | None = None,
    outlets: Sequence[str] = (),
    by_outlet: bool = False,
    min_score: float = 0.0,
) -> list[VolumePoint]:
    """Articles per period about one entity (id or name), topic (code, narrower codes included) or
    watch topic (name), from ``start`` to ``end`` (default: the whole warehouse), zero-filled.

    Args:
        by_outlet: one point per period and outlet (``outlet`` set) instead of one per period.
        min_score: for topics, the lowest tagger score that counts.

    Raises:
        ValueError: unknown kind or grain, or a window that ends before it starts.
    """
    _check_grain(grain)
    _check_window(start, end)
    params: dict[str, object] = {
        "grain": grain,
        "start": start,
        "end": end,
        "outlets": list(outlets),
        "by_outlet": by_outlet,
    }
    if kind == "entity":
        params["entity"] = key
    elif kind == "topic":
        params.update(code=key, min_score=min_score)
    elif kind == "watch":
        params["watch"] = key
    else:
        raise ValueError(f"kind must be entity, topic or watch, not {kind!r}")
    rows = con.execute(load_sql(f"volume_{kind}"), params).fetchall()
    return [VolumePoint(*row) for row in rows]


def share_of_voice(
    con: duckdb.DuckDBPyConnection,
    entities: Sequence[str],
    *,
    grain: Grain = "week",
    start: date | None = None,
    end: date | None = None,
    outlets: Sequence[str] = (),
) -> list[VoiceShare]:
    """Per period, each given entity's (ids or names) share of the articles naming any of them."""
    _check_grain(grain)
    _check_window(start, end)
    rows = con.execute(
        load_sql("share_of_voice"),
        {"entities": list(entities), "grain": grain, "start": start, "end": end, "outlets": list(outlets)},
    ).fetchall()
    return [VoiceShare(*row) for row in rows]


def entity_ranking(
    con: duckdb.DuckDBPyConnection,
    *,
    start: date,
    end: date,
    outlets: Sequence[str] = (),
    topic: str | None = None,
    entity_types: Sequence[str] = (),
    limit: int = 10,
    offset: int = 0,
) -> Page[RankedEntity]:
    """Entities in the most articles from ``start`` to ``end`` (inclusive), with the count over the
    window of the same length just before and the change; optionally within a topic and outlets."""
    _check_window(start, end)
    rows = con.execute(
        load_sql("entity_ranking"),
        {
            "start": start,
            "end": end,
            "outlets": list(outlets),
            "topic": topic,
            "entity_types": list(entity_types),
            "limit": limit,
            "offset": offset,
        },
    ).fetchall()
    return _paged(rows, RankedEntity)


def topic_ranking(
    con: duckdb.DuckDBPyConnection,
    *,
    start: date,
    end: date,
    outlets: Sequence[str] = (),
    entity: str | None = None,
    min_score: float = 0.0,
    limit: int = 10,
    offset: int = 0,
) -> Page[RankedTopic]:
    """Topics on the most articles from ``start`` to ``end``, with the previous window and the change;
    optionally only articles naming ``entity`` (id or name) and from ``outlets``."""
    _check_window(start, end)
    rows = con.execute(
        load_sql("topic_ranking"),
        {
            "start": start,
            "end": end,
            "outlets": list(outlets),
            "entity": entity,
            "min_score": min_score,
            "limit": limit,
            "offset": offset,
        },
    ).fetchall()
    return _paged(rows, RankedTopic)


def cooccurrences(
    con: duckdb.DuckDBPyConnection,
    entity: str,
    *,
    start: date | None = None,
    end: date | None = None,
    outlets: Sequence[str] = (),
    limit: int = 20,
    offset: int = 0,
) -> Page[CoEntity]:
    """Entities named in the same articles as ``entity`` (id or name), most frequent first."""
    _check_window(start, end)
    rows = con.execute(
        load_sql("cooccurrences"),
        {"entity": entity, "start": start, "end": end, "outlets": list(outlets), "limit": limit, "offset": offset},
    ).fetchall()
    return _paged(rows, CoEntity)


def spikes(
    con: duckdb.DuckDBPyConnection,
    *,
    start: date | None = None,
    end: date | None = None,
    entity: str | None = None,
    outlets: Sequence[str] = (),
    min_count: int = 5,
    min_ratio: float = 4.0,
    min_z: float | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[SpikeDay]:
    """Entity-days from ``start`` to ``end`` far above the entity's trailing 14-day baseline
    (the scores of :func:`entity_spikes`, windowed and filterable), strongest first."""
    _check_window(start, end)
    rows = con.execute(
        load_sql("spikes"),
        {
            "start": start,
            "end": end,
            "entity": entity,
            "outlets": list(outlets),
            "min_count": min_count,
            "min_ratio": min_ratio,
            "min_z": min_z,
            "limit": limit,
            "offset": offset,
        },
    ).fetchall()
    return _paged(rows, SpikeDay)


def emerging_keyphrases(
    con: duckdb.DuckDBPyConnection,
    *,
    start: date,
    end: date,
    baseline_days: int = 28,
    outlets: Sequence[str] = (),
    min_count: int = 3,
    limit: int = 20,
    offset: int = 0,
) -> Page[EmergingPhrase]:
    """Keyphrases in more articles from ``start`` to ``end`` than their rate over the
    ``baseline_days`` before predicts, fastest growing first."""
    _check_window(start, end)
    if baseline_days < 1:
        raise ValueError("baseline_days must be at least 1")
    rows = con.execute(
        load_sql("emerging_keyphrases"),
        {
            "start": start,
            "end": end,
            "baseline_days": baseline_days,
            "outlets": list(outlets),
            "min_count": min_count,
            "limit": limit,
            "offset": offset,
        },
    ).fetchall()
    return _paged(rows, EmergingPhrase)


def articles_behind(
    con: duckdb.DuckDBPyConnection,
    *,
    start: date | None = None,
    end: date | None = None,
    entities: Sequence[str] = (),
    topic: str | None = None,
    watch: str | None = None,
    phrase: str | None = None,
    outlets: Sequence[str] = (),
    limit: int = 50,
    offset: int = 0,
) -> Page[ArticleRef]:
    """The articles behind a point of any chart, newest first: published from ``start`` to ``end``,
    naming every entity in ``entities``, with ``topic``, ``watch`` and ``phrase`` when given."""
    _check_window(start, end)
    rows = con.execute(
        load_sql("articles_behind"),
        {
            "start": start,
            "end": end,
            "entities": list(entities),
            "topic": topic,
            "watch": watch,
            "phrase": phrase,
            "outlets": list(outlets),
            "limit": limit,
            "offset": offset,
        },
    ).fetchall()
    return _paged(rows, ArticleRef)
