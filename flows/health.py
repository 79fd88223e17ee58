"""Failure visibility: flag a source that fails, or that brings no new article run after run.

At the end of an ingest run, ``update_source_health`` folds each source's counts into
``source_health`` (migration 0005) and returns an :class:`Alert` for every change of status:

- ``failing``: the run failed for the source (its feeds and sitemaps could not be read, or every
  page it tried failed) ``failure_threshold`` runs in a row (default: the first time);
- ``quiet``: ``threshold`` runs in a row brought no new article (a feed that stopped moving, a
  site redesign that discovery no longer understands, a block by the site);
- ``recovered``: a flagged source is ok again.

Alerts are stored in ``source_alerts``, logged as warnings, and can be POSTed as JSON to a webhook
(``notify_webhook``): a Slack/Teams/Matrix bridge, an alert manager, or anything that takes JSON.
A failing webhook is logged and never fails the run.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

import duckdb
import httpx

from warehouse.health import AlertRow, SourceHealth, insert_alerts, read_health, write_health

logger = logging.getLogger(__name__)

DEFAULT_QUIET_RUNS = 12
WEBHOOK_TIMEOUT = 10.0
USER_AGENT = "mediamon-health/1"


@dataclass(frozen=True, slots=True)
class Alert:
    """A change of a source's status, as logged, stored and sent to the webhook."""

    source: str
    kind: str  # failing | quiet | recovered
    consecutive: int  # the streak of failing or quiet runs that raised it (0 for recovered)
    message: str
    run_id: str
    raised_at: datetime
    alert_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        record = asdict(self)
        record["raised_at"] = self.raised_at.isoformat()
        return record


def _log() -> logging.Logger | logging.LoggerAdapter[logging.Logger]:
    try:
        from prefect import get_run_logger

        return get_run_logger()
    except Exception:  # outside a flow run
        return logger


def _get(summary: Any, key: str, default: Any = 0) -> Any:
    """A field of a summary, whether a ``SourceSummary`` or the flow's returned dict."""
    if isinstance(summary, Mapping):
        return summary.get(key, default)
    return getattr(summary, key, default)


def failure_reason(summary: Any) -> str | None:
    """Why the run failed for this source, or None when it did not.

    A run fails for a source when nothing it tried worked: discovery found no item and recorded
    failures (feeds or sitemaps unreadable), or every page it fetched failed. A few broken pages
    among good ones are not a failing source (they are in ``fetches``).
    """
    failed = int(_get(summary, "failed"))
    if failed == 0:
        return None
    worked = sum(int(_get(summary, k)) for k in ("new", "updated", "unchanged"))
    if worked:
        return None
    reasons = dict(_get(summary, "reasons", {}) or {})
    top = ", ".join(f"{reason} ×{n}" for reason, n in sorted(reasons.items(), key=lambda kv: -kv[1])[:3])
    what = "discovery failed" if int(_get(summary, "discovered")) == 0 else "every fetch failed"
    return f"{what} ({failed} failure{'s' if failed != 1 else ''}{': ' + top if top else ''})"


def update_source_health(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    summaries: Iterable[Any],
    threshold: int = DEFAULT_QUIET_RUNS,
    *,
    failure_threshold: int = 1,
    now: datetime | None = None,
) -> list[Alert]:
    """Fold one run's per-source counts into ``source_health``; return (and store, and log) the
    alerts for every source whose status changed.

    Args:
        con: the warehouse (writer connection); the update is one transaction.
        run_id: the ingest run.
        summaries: one per source of the run: ``SourceSummary`` objects or the dicts the ingest
            flow returns (``source``, ``discovered``, ``new``, ``updated``, ``unchanged``,
            ``failed``, ``reasons``).
        threshold: runs in a row with no new article before a source is flagged ``quiet``.
        failure_threshold: failing runs in a row before a source is flagged ``failing``.
        now: the run's end (tests pass it).

    Returns:
        The alerts raised by this run, with their ``alert_id``.
    """
    when = now or datetime.now(UTC)
    runs = list(summaries)
    previous = read_health(con, [str(_get(s, "source", "")) for s in runs])
    updated: list[SourceHealth] = []
    raised: list[AlertRow] = []
    for summary in runs:
        name = str(_get(summary, "source", ""))
        before = previous.get(name, SourceHealth(name))
        reason = failure_reason(summary)
        new = int(_get(summary, "new"))
        failures = before.consecutive_failures + 1 if reason else 0
        quiet = before.consecutive_quiet + 1 if new == 0 else 0
        if failures >= failure_threshold:
            status = "failing"
        elif quiet >= threshold:
            status = "quiet"
        else:
            status = "ok"
        after = SourceHealth(
            source=name,
            status=status,
            consecutive_failures=failures,
            consecutive_quiet=quiet,
            runs=before.runs + 1,
            last_run_id=run_id,
            last_run_at=when,
            last_new_at=when if new else before.last_new_at,
            last_error=reason or (before.last_error if status == "failing" else None),
            flagged_since=None if status == "ok" else (before.flagged_since if status == before.status else when),
        )
        updated.append(after)
        if status == before.status:
            continue
        if status == "failing":
            message = f"{name} is failing: {reason}"
            raised.append(AlertRow(name, run_id, "failing", failures, message, when))
        elif status == "quiet":
            since = f" (last new article {before.last_new_at:%Y-%m-%d %H:%M} UTC)" if before.last_new_at else ""
            message = f"{name} brought no new article in {quiet} runs in a row{since}"
            raised.append(AlertRow(name, run_id, "quiet", quiet, message, when))
        elif before.runs:  # back to ok from failing or quiet (not a source's first run)
            since = f" since {before.flagged_since:%Y-%m-%d %H:%M} UTC" if before.flagged_since else ""
            message = f"{name} is ok again (was {before.status}{since})"
            raised.append(AlertRow(name, run_id, "recovered", 0, message, when))
    con.execute("BEGIN TRANSACTION")
    try:
        write_health(con, updated, when)
        ids = insert_alerts(con, raised)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    alerts = [
        Alert(a.source, a.kind, a.consecutive, a.message, a.run_id, a.raised_at, alert_id)
        for a, alert_id in zip(raised, ids, strict=True)
    ]
    log = _log()
    for alert in alerts:
        if alert.kind == "recovered":
            log.info("source health: %s", alert.message)
        else:
            log.warning("source health: %s", alert.message)
    return alerts


def notify_webhook(url: str, alerts: Sequence[Alert], *, timeout: float = WEBHOOK_TIMEOUT) -> bool:
    """POST the alerts as JSON to ``url``: ``{"service": "mediamon", "alerts": [...]}``.

    Each alert: ``source``, ``kind``, ``consecutive``, ``message``, ``run_id``, ``raised_at``
    (ISO 8601), ``alert_id``; ``text`` joins the messages (what chat webhooks display).

    Returns:
        True when the receiver answered 2xx; False (logged) on any error or other status. Never
        raises: a broken webhook must not fail an ingest run.
    """
    if not alerts:
        return True
    payload = {
        "service": "mediamon",
        "text": "\n".join(a.message for a in alerts),
        "alerts": [a.to_json() for a in alerts],
    }
    try:
        response = httpx.post(url, json=payload, timeout=timeout, headers={"User-Agent": USER_AGENT})
    except httpx.HTTPError as exc:
        _log().warning("source health: webhook %s failed: %s: %s", url, type(exc).__name__, exc)
        return False
    if not response.is_success:
        _log().warning("source health: webhook %s answered HTTP %d", url, response.status_code)
        return False
    return True
