"""A run killed with SIGKILL in the middle of a load leaves the warehouse consistent, and the next run
finishes the work with nothing lost and nothing duplicated.

The crashing run is a real subprocess (``python -c``) running the ingest flow on the demo newsroom
into a temporary DuckDB, with loads of 100 articles per transaction. Two hooks, installed by that
script only, make the kill land where it hurts: before loading, the run writes its load plan (each
article id and its number of entity mentions: exactly what a clean run loads) to a file; inside the
transaction of the 11th batch, after its rows are written and before its COMMIT, it writes a marker
file and sleeps. The test waits for the marker and kills the process group with SIGKILL. A DuckDB
file cannot be read while its writer holds it, so this is how the test knows where the load is.

Then: the warehouse holds exactly the ten committed batches, each article whole; a second, normal
run loads the rest; the end state equals the clean run's plan (2,096 articles, no duplicate id, the
same mentions per article), and every article page has exactly one ``new`` fetch row.

The writer lock gets the same treatment, faster: a holder killed with SIGKILL must not keep the
warehouse writer slot (the test API, like ``mediamon ingest``'s, has no lease reaper).
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
import pytest

from demo.server import start_newsroom

DEMO = ["demo-jamestown", "demo-caspian", "demo-steppe"]
BATCH = 100
KILL_IN_BATCH = 11

CRASHING_RUN = """
import json, sys, time
from pathlib import Path

args = json.loads(sys.argv[1])
plan_file, marker = Path(args["plan"]), Path(args["marker"])

import flows.stages as stages
import warehouse.load as load

real_load = stages.load

def load_with_plan(con, items, rows, seen_ids, **options):
    plan = json.loads(plan_file.read_text()) if plan_file.exists() else {}
    plan.update({it.article.id: len(it.tags.entities) for it in items})
    plan_file.write_text(json.dumps(plan))
    return real_load(con, items, rows, seen_ids, **options)

stages.load = load_with_plan

real_children = load._insert_children
batches = 0

def children_then_stall(con, items, now):
    global batches
    inserted = real_children(con, items, now)
    batches += 1
    if batches == args["kill_in_batch"]:
        marker.write_text(str(batches))  # rows written, COMMIT not reached
        time.sleep(3600)
    return inserted

load._insert_children = children_then_stall

from flows.ingest import ingest_flow

ingest_flow(source_names=args["sources"], settings_overrides=args["overrides"])
"""

HOLDER = """
import sys, time
from pathlib import Path
from flows.writer import warehouse_writer

with warehouse_writer(Path(sys.argv[1])) as con:
    Path(sys.argv[2]).write_text("holding")
    time.sleep(3600)
"""


def api_environment() -> dict[str, str]:
    """This session's test API for a subprocess: both sides see one server and one writer limit."""
    from prefect.settings import PREFECT_API_URL

    return {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value())}


def wait_for(path: Path, process: subprocess.Popen[bytes], timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if process.poll() is not None:
            pytest.fail(f"the run ended before the marker (code {process.returncode}):\n{log.read_text()[-4000:]}")
        if time.monotonic() > deadline:
            pytest.fail(f"no marker after {timeout} s:\n{log.read_text()[-4000:]}")
        time.sleep(0.2)


def kill_group(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGKILL)  # kill -9 the run and anything it started
    process.wait()


def mentions_by_article(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    rows = con.execute(
        """SELECT a.id, count(m.article_id) FROM articles a
           LEFT JOIN entity_mentions m ON m.article_id = a.id GROUP BY a.id"""
    ).fetchall()
    return dict(rows)


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_harness")
@pytest.mark.timeout(900)
def test_sigkill_in_the_middle_of_a_load_loses_and_duplicates_nothing(tmp_path):
    from flows.ingest import ingest_flow

    database = tmp_path / "warehouse.duckdb"
    plan_file, marker, log = tmp_path / "plan.json", tmp_path / "in-batch", tmp_path / "crashing-run.log"
    with start_newsroom() as newsroom:
        overrides = {
            "paths": {"data_dir": str(tmp_path), "database": str(database)},
            "fetch": {"host_map": newsroom.host_map},
            "pipeline": {"load_batch_size": BATCH},
        }
        args = {
            "plan": str(plan_file),
            "marker": str(marker),
            "kill_in_batch": KILL_IN_BATCH,
            "sources": DEMO,
            "overrides": overrides,
        }
        with log.open("wb") as out:
            crashing = subprocess.Popen(  # noqa: S603 -- our own interpreter and script
                [sys.executable, "-c", CRASHING_RUN, json.dumps(args)],
                env=api_environment(),
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            wait_for(marker, crashing, 600, log)
        finally:
            kill_group(crashing)
        assert crashing.returncode == -signal.SIGKILL
        plan: dict[str, int] = json.loads(plan_file.read_text())
        assert len(plan) == 2096  # the clean run's load: every demo article, once

        # Consistent after the crash: the ten committed batches, each article whole.
        con = duckdb.connect(str(database), read_only=True)
        try:
            committed = mentions_by_article(con)
            fetched_new = con.execute("SELECT count(*) FROM fetches WHERE outcome = 'new'").fetchall()[0][0]
            states = con.execute("SELECT count(*) FROM url_state WHERE article_id IS NOT NULL").fetchall()[0][0]
            recorded_runs = con.execute("SELECT count(*) FROM runs").fetchall()[0][0]
        finally:
            con.close()
        assert len(committed) == (KILL_IN_BATCH - 1) * BATCH
        assert all(plan[article] == n for article, n in committed.items())
        assert fetched_new == states == len(committed)
        assert recorded_runs == 0  # the killed run never finished

        # The next run finishes the work.
        summary = ingest_flow(source_names=DEMO, settings_overrides=overrides)

    assert sum(s["new"] for s in summary) == len(plan) - len(committed)
    assert sum(s["unchanged"] for s in summary) == len(committed)
    assert sum(s["failed"] for s in summary) == 0
    con = duckdb.connect(str(database), read_only=True)
    try:
        final = mentions_by_article(con)
        ids, distinct = con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchall()[0]
        mention_rows, distinct_mentions = con.execute(
            """SELECT count(*), count(DISTINCT (article_id, start_char, end_char, in_title, entity_id))
               FROM entity_mentions"""
        ).fetchall()[0]
        new_rows_per_url = con.execute(
            "SELECT max(n), count(*) FROM (SELECT url, count(*) AS n FROM fetches WHERE outcome = 'new' GROUP BY url)"
        ).fetchall()[0]
        orphans = con.execute(
            "SELECT count(*) FROM entity_mentions WHERE article_id NOT IN (SELECT id FROM articles)"
        ).fetchall()[0][0]
    finally:
        con.close()
    assert (ids, distinct) == (2096, 2096)
    assert final == plan  # every article, with the mentions a clean run gives it
    assert mention_rows == distinct_mentions == sum(plan.values())
    assert new_rows_per_url == (1, 2096)  # each article page loaded once
    assert orphans == 0


@pytest.mark.usefixtures("prefect_harness")
@pytest.mark.timeout(120)
def test_writer_slot_of_a_killed_holder_comes_back_and_a_live_one_is_waited_for(tmp_path):
    from flows.writer import WriterTimeout, read_holder, warehouse_writer, writer_slots

    database, marker, log = tmp_path / "w.duckdb", tmp_path / "holding", tmp_path / "holder.log"
    with log.open("wb") as out:
        holder = subprocess.Popen(  # noqa: S603 -- our own interpreter and script
            [sys.executable, "-c", HOLDER, str(database), str(marker)],
            env=api_environment(),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for(marker, holder, 60, log)
        recorded = read_holder(database)
        assert recorded is not None
        assert recorded.pid == holder.pid
        assert writer_slots() == (1, 1)
        with pytest.raises(WriterTimeout), warehouse_writer(database, timeout=2, poll_seconds=0.5):
            pass  # a live holder is waited for, never pushed aside
    finally:
        kill_group(holder)

    started = time.monotonic()
    with warehouse_writer(database, poll_seconds=0.5) as con:
        assert con.execute("SELECT count(*) FROM schema_migrations").fetchall()[0][0] >= 1
        assert writer_slots() == (1, 1)
    assert time.monotonic() - started < 10
    assert writer_slots() == (0, 1)
    assert read_holder(database) is None
