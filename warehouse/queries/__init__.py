"""Trend queries: SQL in ``warehouse/queries/*.sql``, typed wrappers here.

Every parameter is bound (``$name``), never formatted into the SQL text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal

import duckdb

QUERIES_DIR = Path(__file__).resolve().parent
Grain = Literal["day", "week", "month"]


@cache
def load_sql(name: str) -> str:
    """The text of ``warehouse/queries/<name>.sql``."""
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


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
    row = con.execute("SELECT max(day) FROM dated_articles").fetchone()
    return row[0] if row else None


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
