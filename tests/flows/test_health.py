"""Source health: failing and quiet sources are flagged once, recover once, and reach a webhook."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import duckdb
import pytest

from flows.health import Alert, failure_reason, notify_webhook, update_source_health
from flows.serve import free_port
from flows.stages import SourceSummary
from warehouse import db
from warehouse.health import mark_notified, read_alerts, read_health

T0 = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture
def health_log(caplog) -> Iterator[pytest.LogCaptureFixture]:
    """The flows.health log (Prefect's logging set-up keeps it from reaching caplog's root handler)."""
    target = logging.getLogger("flows.health")
    target.addHandler(caplog.handler)
    caplog.set_level(logging.INFO, logger="flows.health")
    yield caplog
    target.removeHandler(caplog.handler)


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = db.connect(":memory:")
    yield connection
    connection.close()


def run(source: str, *, discovered: int = 10, new: int = 0, unchanged: int = 0, failed: int = 0, reasons=None):
    return {
        "source": source,
        "discovered": discovered,
        "new": new,
        "updated": 0,
        "unchanged": unchanged,
        "failed": failed,
        "reasons": reasons or {},
    }


def test_failure_reason_only_when_nothing_worked():
    assert failure_reason(run("a", new=3, failed=2)) is None  # a few broken pages are not a failing source
    assert failure_reason(run("a", unchanged=10)) is None
    reason = failure_reason(run("a", discovered=0, failed=1, reasons={"HTTP 503": 1}))
    assert reason == "discovery failed (1 failure: HTTP 503 ×1)"
    summary = SourceSummary("a", discovered=4)
    for _ in range(4):
        summary.fail("timeout")
    assert failure_reason(summary) == "every fetch failed (4 failures: timeout ×4)"


def test_quiet_source_is_flagged_after_n_runs_once_and_recovers(con, health_log):
    alerts: list[list[Alert]] = []
    history = [run("wire", new=5), *[run("wire", unchanged=10)] * 4, run("wire", new=1)]
    for i, summary in enumerate(history):
        alerts.append(update_source_health(con, f"run-{i}", [summary], threshold=3, now=T0 + timedelta(hours=i)))
    assert [len(a) for a in alerts] == [0, 0, 0, 1, 0, 1]
    quiet, recovered = alerts[3][0], alerts[5][0]
    assert (quiet.kind, quiet.consecutive, quiet.run_id) == ("quiet", 3, "run-3")
    assert quiet.message == "wire brought no new article in 3 runs in a row (last new article 2026-01-01 00:00 UTC)"
    assert recovered.kind == "recovered"
    assert "was quiet since 2026-01-01 03:00 UTC" in recovered.message
    health = read_health(con)["wire"]
    assert (health.status, health.consecutive_quiet, health.runs) == ("ok", 0, 6)
    assert health.last_new_at == T0 + timedelta(hours=5)
    assert [a.kind for a in read_alerts(con)] == ["recovered", "quiet"]
    assert any(r.levelno == logging.WARNING and "no new article" in r.message for r in health_log.records)


def test_failing_source_is_flagged_at_once_and_others_are_left_alone(con):
    bad = run("broken", discovered=0, failed=2, reasons={"HTTP 404": 2})
    first = update_source_health(con, "r1", [bad, run("fine", new=2)], threshold=3, now=T0)
    assert [(a.source, a.kind) for a in first] == [("broken", "failing")]
    assert first[0].message == "broken is failing: discovery failed (2 failures: HTTP 404 ×2)"
    assert update_source_health(con, "r2", [bad, run("fine", new=1)], threshold=3, now=T0 + timedelta(hours=1)) == []
    health = read_health(con)
    assert (health["broken"].status, health["broken"].consecutive_failures) == ("failing", 2)
    assert health["broken"].flagged_since == T0  # the streak's start, not the latest run
    assert health["broken"].last_error.startswith("discovery failed")
    assert health["fine"].status == "ok"
    back = update_source_health(con, "r3", [run("broken", new=4)], threshold=3, now=T0 + timedelta(hours=2))
    assert [a.kind for a in back] == ["recovered"]
    assert read_health(con)["broken"].last_error is None


def test_first_quiet_runs_of_a_new_source_raise_no_recovery(con):
    assert update_source_health(con, "r1", [run("new-source", unchanged=3)], threshold=2, now=T0) == []
    flagged = update_source_health(con, "r2", [run("new-source")], threshold=2, now=T0)
    assert [a.kind for a in flagged] == ["quiet"]
    assert "last new article" not in flagged[0].message  # it never brought one


class Receiver(BaseHTTPRequestHandler):
    received: list[dict] = []  # noqa: RUF012 -- one test server at a time
    status = 204

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Receiver.received.append({"body": json.loads(body), "content_type": self.headers["Content-Type"]})
        self.send_response(Receiver.status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Receiver.received.clear()
    Receiver.status = 204
    yield f"http://127.0.0.1:{server.server_address[1]}/hooks/mediamon"
    server.shutdown()
    server.server_close()


def test_webhook_gets_the_alerts_as_json(con, receiver):
    alerts = update_source_health(con, "r1", [run("broken", discovered=0, failed=1)], threshold=3, now=T0)
    assert notify_webhook(receiver, alerts) is True
    (request,) = Receiver.received
    assert request["content_type"] == "application/json"
    payload = request["body"]
    assert payload["service"] == "mediamon"
    assert payload["text"] == alerts[0].message
    (sent,) = payload["alerts"]
    assert sent == {
        "source": "broken",
        "kind": "failing",
        "consecutive": 1,
        "message": alerts[0].message,
        "run_id": "r1",
        "raised_at": "2026-01-01T00:00:00+00:00",
        "alert_id": alerts[0].alert_id,
    }
    mark_notified(con, [a.alert_id for a in alerts if a.alert_id], T0)
    assert read_alerts(con)[0].notified_at == T0


def test_a_broken_webhook_is_logged_and_never_raises(receiver, health_log):
    alert = Alert("s", "quiet", 3, "s brought no new article", "r", T0, 1)
    Receiver.status = 500
    assert notify_webhook(receiver, [alert]) is False
    assert any("answered HTTP 500" in r.message for r in health_log.records)
    closed = f"http://127.0.0.1:{free_port()}/nobody-listens"
    assert notify_webhook(closed, [alert], timeout=2) is False
    assert notify_webhook(closed, []) is True  # nothing to say, nothing sent
