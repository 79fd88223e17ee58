"""Schedules that run by themselves: ``run_service`` (what ``mediamon run`` runs) in a subprocess starts
a real ``prefect server start`` on a free loopback port (its home in tmp), serves the deployments, and
an 8-second interval schedule fires the demo source's ingest at least twice with nobody asking; the
second run ingests nothing new. Ctrl-C (SIGINT) stops the service, its server and its runs: no
process is left behind.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import httpx
import pytest

from demo.server import start_newsroom
from flows.serve import free_port

pytestmark = pytest.mark.slow

MAX_ITEMS = 25
SOURCES = f"""
[sources.demo-jamestown]
outlet = "The Jamestown Foundation"
kind = "demo"
homepage = "http://jamestown.test/"
feeds = ["http://jamestown.test/feed/"]
date_order = "DMY"
max_items = {MAX_ITEMS}
schedule = {{ interval = "8s" }}
politeness = {{ download_delay = 0.0, concurrent_requests_per_domain = 16 }}
"""

SERVICE = """
import json, sys
from pathlib import Path
from flows.serve import run_service
from mediamon.settings import load_settings

args = json.loads(sys.argv[1])
settings = load_settings(paths=args["paths"])
run_service(settings, port=args["port"], prefect_home=Path(args["home"]), settings_overrides=args["overrides"])
"""

DEPLOYMENT = "ingest-demo-jamestown"


def flow_runs(api: str, deployment_id: str) -> list[dict]:
    response = httpx.post(
        f"{api}/flow_runs/filter",
        json={"flow_runs": {"deployment_id": {"any_": [deployment_id]}}, "sort": "EXPECTED_START_TIME_ASC"},
        timeout=10,
    )
    response.raise_for_status()
    return response.json()


def deployment_id(api: str) -> str | None:
    response = httpx.get(f"{api}/deployments/name/ingest/{DEPLOYMENT}", timeout=10)
    return response.json()["id"] if response.status_code == 200 else None


def processes_with(marker: str) -> list[int]:
    """Live processes whose environment mentions ``marker`` (this test's unique Prefect home)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker.encode() in environ and state != "Z":
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc to check that no process is left")
@pytest.mark.timeout(300)
def test_interval_schedule_fires_twice_by_itself_and_ctrl_c_leaves_nothing(tmp_path):
    started = time.monotonic()
    sources = tmp_path / "sources.toml"
    sources.write_text(SOURCES, encoding="utf-8")
    home = tmp_path / "prefect-home"
    database = tmp_path / "warehouse.duckdb"
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    log = (tmp_path / "service.log").open("wb")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API_")}
    env.update(
        PREFECT_HOME=str(home),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_LOGGING_LEVEL="INFO",
        PREFECT_RUNNER_POLL_FREQUENCY="2",
    )
    with start_newsroom() as newsroom:
        args = {
            "paths": {"data_dir": str(tmp_path), "database": str(database), "sources": str(sources)},
            "port": port,
            "home": str(home),
            "overrides": {"fetch": {"host_map": newsroom.host_map}},
        }
        service = subprocess.Popen(  # noqa: S603 -- our own interpreter and script
            [sys.executable, "-c", SERVICE, json.dumps(args)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            completed: list[dict] = []
            runs: list[dict] = []
            deadline = time.monotonic() + 220
            while time.monotonic() < deadline and len(completed) < 2:
                assert service.poll() is None, (tmp_path / "service.log").read_text(errors="replace")[-3000:]
                time.sleep(2)
                try:
                    found = deployment_id(api)
                    runs = flow_runs(api, found) if found else []
                except httpx.HTTPError:
                    continue  # the server is still starting
                completed = [r for r in runs if r["state_type"] == "COMPLETED"]
                broken = [r for r in runs if r["state_type"] in ("FAILED", "CRASHED")]
                assert not broken, [(r["name"], r["state_name"]) for r in broken]
            assert len(completed) >= 2, [(r["name"], r["state_name"]) for r in runs]
            # The UI (served by the same server) asks the API on this port, not Prefect's default 4200.
            assert httpx.get(f"http://127.0.0.1:{port}/ui-settings", timeout=10).json()["api_url"] == api
            # Nobody created these runs but the schedule.
            assert all(r["auto_scheduled"] for r in completed)

            service.send_signal(signal.SIGINT)  # what Ctrl-C sends
            service.wait(timeout=60)
        finally:
            if service.poll() is None:
                os.killpg(service.pid, signal.SIGKILL)
                service.wait()
            log.close()

    time.sleep(1)
    assert not processes_with(str(home)), "processes left behind: the server or a flow run"
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"{api}/health", timeout=2)

    con = duckdb.connect(str(database), read_only=True)
    try:
        rows = con.execute(
            "SELECT run_id, new, unchanged, failed FROM runs WHERE source = 'demo-jamestown' ORDER BY started_at"
        ).fetchall()
        articles = con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchall()[0]
    finally:
        con.close()
    assert len(rows) >= 2, rows
    first, *later = rows
    assert (first[1], first[3]) == (MAX_ITEMS, 0)
    # Nothing new: the feed answers 304 (nothing listed) or lists the same, unchanged, articles.
    assert all(new == 0 and failed == 0 and unchanged in (0, MAX_ITEMS) for _run, new, unchanged, failed in later), rows
    assert articles == (MAX_ITEMS, MAX_ITEMS)
    assert {r["id"] for r in completed} >= {run_id for run_id, *_ in rows[:2]}
    assert time.monotonic() - started < 300
