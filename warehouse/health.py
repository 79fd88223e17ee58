"""Reads and writes of ``source_health`` and ``source_alerts`` (migration 0005).

The rules that decide a source's status live in ``flows/health.py``; this module only stores and
reads what they decide.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import duckdb

HEALTH_COLUMNS = (
    "source",
    "status",
    "consecutive_failures",
    "consecutive_quiet",
    "runs",
    "last_run_id",
    "last_run_at",
    "last_new_at",
    "last_error",
    "flagged_since",
)


@dataclass(frozen=True, slots=True)
class SourceHealth:
    """One row of ``source_health``."""

    source: str
    status: str = "ok"  # ok | failing | quiet
    consecutive_failures: int = 0
    consecutive_quiet: int = 0
    runs: int = 0
    last_run_id: str | None = None
    last_run_at: datetime | None = None
    last_new_at: datetime | None = None
    last_error: str | None = None
    flagged_since: datetime | None = None


@dataclass(frozen=True, slots=True)
class AlertRow:
    """One row of ``source_alerts`` (``alert_id`` is set once stored)."""

    source: str
    run_id: str
    kind: str  # failing | quiet | recovered
    consecutive: int
    message: str
    raised_at: datetime
    alert_id: int | None = None
    notified_at: datetime | None = None


def read_health(con: duckdb.DuckDBPyConnection, sources: Sequence[str] | None = None) -> dict[str, SourceHealth]:
    """The stored health of ``sources`` (default: every source with a row)."""
    columns = ", ".join(HEALTH_COLUMNS)
    if sources is None:
        rows = con.execute(f"SELECT {columns} FROM source_health ORDER BY source").fetchall()  # noqa: S608 -- fixed names
    else:
        rows = con.execute(
            f"SELECT {columns} FROM source_health WHERE list_contains(?, source) ORDER BY source",  # noqa: S608
            [list(sources)],
        ).fetchall()
    return {row[0]: SourceHealth(*row) for row in rows}


def write_health(con: duckdb.DuckDBPyConnection, rows: Sequence[SourceHealth], now: datetime) -> None:
    """Insert or replace these sources' rows (``updated_at`` = ``now``)."""
    for row in rows:
        values = [getattr(row, c) for c in HEALTH_COLUMNS]
        con.execute(
            """
            INSERT INTO source_health (source, status, consecutive_failures, consecutive_quiet, runs,
                last_run_id, last_run_at, last_new_at, last_error, flagged_since, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (source) DO UPDATE SET status = excluded.status,
                consecutive_failures = excluded.consecutive_failures,
                consecutive_quiet = excluded.consecutive_quiet, runs = excluded.runs,
                last_run_id = excluded.last_run_id, last_run_at = excluded.last_run_at,
                last_new_at = excluded.last_new_at, last_error = excluded.last_error,
                flagged_since = excluded.flagged_since, updated_at = excluded.updated_at
            """,
            [*values, now],
        )


def insert_alerts(con: duckdb.DuckDBPyConnection, alerts: Sequence[AlertRow]) -> list[int]:
    """Store the alerts; returns their ids, in order."""
    ids = []
    for a in alerts:
        rows = con.execute(
            """INSERT INTO source_alerts (source, run_id, kind, consecutive, message, raised_at)
               VALUES (?, ?, ?, ?, ?, ?) RETURNING alert_id""",
            [a.source, a.run_id, a.kind, a.consecutive, a.message, a.raised_at],
        ).fetchall()
        ids.append(int(rows[0][0]))
    return ids


def mark_notified(con: duckdb.DuckDBPyConnection, alert_ids: Sequence[int], when: datetime) -> None:
    """Record that the webhook accepted these alerts."""
    if alert_ids:
        con.execute(
            "UPDATE source_alerts SET notified_at = ? WHERE list_contains(?, alert_id)", [when, list(alert_ids)]
        )


def read_alerts(con: duckdb.DuckDBPyConnection, *, limit: int = 100) -> list[AlertRow]:
    """The latest alerts, newest first."""
    rows = con.execute(
        """SELECT source, run_id, kind, consecutive, message, raised_at, alert_id, notified_at
           FROM source_alerts ORDER BY raised_at DESC, alert_id DESC LIMIT ?""",
        [limit],
    ).fetchall()
    return [AlertRow(*row) for row in rows]
