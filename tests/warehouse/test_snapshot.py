"""The published snapshot: readers in other processes never block the writer nor see half a batch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from mediamon.settings import PROJECT_ROOT
from tests.api.synthetic import TOPIC_ROWS, synthetic_items
from warehouse import db
from warehouse.load import load_batch, upsert_topics
from warehouse.snapshot import default_snapshot_path, open_snapshot, publish_snapshot, snapshot_identity

COUNTS = (
    "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM entity_mentions), "
    "(SELECT count(*) FROM article_topics)"
)

# Loops until told to stop: open the snapshot afresh, read three counts in one statement, close.
LOOPING_READER = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from warehouse.snapshot import open_snapshot
    path, stop, out, started = map(Path, sys.argv[1:5])
    seen, failures, deadline = [], [], time.monotonic() + 90
    while not stop.exists() and time.monotonic() < deadline:
        try:
            con = open_snapshot(path)
            try:
                seen.append(list(con.execute(sys.argv[5]).fetchall()[0]))
            finally:
                con.close()
            started.touch()
            # tell the writer what it last saw, so it waits for the reader, not for a fixed time
            started.write_text(str(seen[-1][0]))
        except Exception as exc:
            failures.append(f"{type(exc).__name__}: {exc}")
    out.write_text(json.dumps({"seen": seen, "failures": failures}))
    """
)

# Opens the snapshot once and holds it across both batches: its view must not move.
HOLDING_READER = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from warehouse.snapshot import open_snapshot
    path, stop, out, ready = map(Path, sys.argv[1:5])
    con = open_snapshot(path)
    first = list(con.execute(sys.argv[5]).fetchall()[0])
    ready.touch()
    deadline = time.monotonic() + 90
    while not stop.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    last = list(con.execute(sys.argv[5]).fetchall()[0])
    out.write_text(json.dumps({"first": first, "last": last}))
    """
)


def _spawn(script: str, *args: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    return subprocess.Popen(  # noqa: S603 -- our own interpreter and script
        [sys.executable, "-c", script, *map(str, args), COUNTS],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _wait_until_seen(marker: Path, articles: int, procs: list[subprocess.Popen[bytes]], timeout: float = 60) -> None:
    """Wait until the looping reader reports having read a snapshot with ``articles`` articles (a
    loaded machine can be slow to schedule it; a fixed sleep made this test flaky)."""
    deadline = time.monotonic() + timeout
    while marker.read_text() != str(articles):
        assert all(p.poll() is None for p in procs), "a reader died"
        assert time.monotonic() < deadline, f"the reader never saw {articles} articles"
        time.sleep(0.02)
    time.sleep(0.1)  # and a few more reads of the same state


def _wait_for(path: Path, procs: list[subprocess.Popen[bytes]], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        for proc in procs:
            if proc.poll() is not None:
                _, err = proc.communicate()
                pytest.fail(f"a reader exited early: {err.decode()[-2000:]}")
        assert time.monotonic() < deadline, f"{path.name} never appeared"
        time.sleep(0.02)


def test_default_snapshot_path_sits_next_to_the_database():
    assert default_snapshot_path(Path("data/mediamon.duckdb")) == Path("data/mediamon.snapshot.duckdb")
    assert default_snapshot_path(Path("/x/y/w.db")) == Path("/x/y/w.snapshot.db")


@pytest.mark.parametrize("method", ["copy_database", "file"])
def test_readers_never_block_the_writer_and_see_whole_batches_only(tmp_path, method):
    items = synthetic_items()
    half = len(items) // 2
    batches = [items[:half], items[half:]]
    expected = {0: (0, 0, 0)}  # articles -> (articles, mentions, topics) after each whole batch
    articles = mentions = topics = 0
    for batch in batches:
        articles += len(batch)
        mentions += sum(len(it.tags.entities) for it in batch)
        topics += sum(len(it.tags.topics) for it in batch)
        expected[articles] = (articles, mentions, topics)

    database = tmp_path / "w.duckdb"
    snapshot = default_snapshot_path(database)
    writer = db.connect(database)
    upsert_topics(writer, TOPIC_ROWS)
    publish_snapshot(writer, snapshot, method=method)  # the empty warehouse, before any batch

    stop = tmp_path / "stop"
    looping = _spawn(LOOPING_READER, snapshot, stop, tmp_path / "looping.json", tmp_path / "looping.started")
    holding = _spawn(HOLDING_READER, snapshot, stop, tmp_path / "holding.json", tmp_path / "holding.ready")
    procs = [looping, holding]
    try:
        _wait_for(tmp_path / "holding.ready", procs)
        _wait_for(tmp_path / "looping.started", procs)
        write_failures = []
        for number, batch in enumerate(batches):
            try:
                load_batch(writer, batch, [], now=datetime(2023, 5, 1 + number, tzinfo=UTC))
                publish_snapshot(writer, snapshot, method=method)
            except duckdb.Error as exc:  # pragma: no cover - what this test exists to catch
                write_failures.append(f"batch {number}: {exc}")
            _wait_until_seen(tmp_path / "looping.started", sum(len(b) for b in batches[: number + 1]), procs)
    finally:
        stop.touch()
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:  # pragma: no cover
                proc.kill()
        writer.close()

    assert write_failures == []
    for proc in procs:
        assert proc.returncode == 0, proc.stderr.read().decode() if proc.stderr else ""
    loop = json.loads((tmp_path / "looping.json").read_text())
    assert loop["failures"] == []
    seen = [tuple(row) for row in loop["seen"]]
    assert len(seen) > 10
    assert all(row == expected.get(row[0]) for row in seen), "a reader saw part of a batch"
    assert [row[0] for row in seen] == sorted(row[0] for row in seen), "counts went backwards"
    assert {row[0] for row in seen} == set(expected), "each whole batch was seen, and nothing else"
    hold = json.loads((tmp_path / "holding.json").read_text())
    assert hold["first"] == hold["last"] == [0, 0, 0]  # a reader's open snapshot never moves

    reader = open_snapshot(snapshot)
    try:
        assert tuple(reader.execute(COUNTS).fetchall()[0]) == expected[len(items)]
    finally:
        reader.close()
    assert not list(tmp_path.glob(".*.tmp")), "the temporary copy is renamed, not left behind"


def test_open_snapshot_sees_a_new_publish_while_an_old_connection_is_open(tmp_path):
    database = tmp_path / "w.duckdb"
    snapshot = tmp_path / "s.duckdb"
    items = synthetic_items()[:50]
    writer = db.connect(database)
    try:
        load_batch(writer, items[:20], [], now=datetime(2023, 5, 1, tzinfo=UTC))
        publish_snapshot(writer, snapshot)
        old = open_snapshot(snapshot)
        before = snapshot_identity(snapshot)
        load_batch(writer, items[20:], [], now=datetime(2023, 5, 2, tzinfo=UTC))
        publish_snapshot(writer, snapshot)
        assert snapshot_identity(snapshot) != before
        new = open_snapshot(snapshot)
        assert old.execute("SELECT count(*) FROM articles").fetchall() == [(20,)]
        assert new.execute("SELECT count(*) FROM articles").fetchall() == [(50,)]
        old.close()
        new.close()
    finally:
        writer.close()


def test_snapshot_is_read_only_sandboxed_and_carries_the_trend_macros(tmp_path):
    writer = db.connect(tmp_path / "w.duckdb")
    try:
        load_batch(writer, synthetic_items()[:30], [], now=datetime(2023, 5, 1, tzinfo=UTC))
        # a leftover from a crashed publish is replaced, not a failure
        (tmp_path / f".s.duckdb.{os.getpid()}.tmp").write_bytes(b"junk")
        publish_snapshot(writer, tmp_path / "s.duckdb")
    finally:
        writer.close()
    con = open_snapshot(tmp_path / "s.duckdb")
    try:
        assert con.execute("SELECT sum(articles) FROM entity_volume('Belarus', grain := 'month')").fetchall()[0][0] > 0
        with pytest.raises(duckdb.Error):
            con.execute("DELETE FROM articles")
        with pytest.raises(duckdb.Error):
            con.execute("SELECT * FROM read_csv('/etc/hostname')").fetchall()
        with pytest.raises(duckdb.Error):
            con.execute("SET enable_external_access = true")
    finally:
        con.close()
    with pytest.raises(FileNotFoundError, match="no snapshot yet"):
        open_snapshot(tmp_path / "missing.duckdb")


def test_read_models_are_views_in_the_warehouse_and_sorted_tables_in_the_snapshot(tmp_path):
    kinds = "SELECT table_name, table_type FROM information_schema.tables WHERE table_name LIKE 'entity_%' ORDER BY 1"
    writer = db.connect(tmp_path / "w.duckdb")
    try:
        load_batch(writer, synthetic_items(), [], now=datetime(2023, 5, 1, tzinfo=UTC))
        assert writer.execute(kinds).fetchall() == [
            ("entity_articles", "VIEW"), ("entity_daily", "VIEW"), ("entity_keys", "VIEW"),
            ("entity_mentions", "BASE TABLE"), ("entity_timeline", "VIEW")]  # fmt: skip
        expected = writer.execute("SELECT * FROM entity_articles ORDER BY ALL").fetchall()
        assert "org:belta" not in {row[0] for row in expected}  # citations are not entity volume
        publish_snapshot(writer, tmp_path / "s.duckdb")
    finally:
        writer.close()
    con = open_snapshot(tmp_path / "s.duckdb")
    try:
        assert {t for _, t in con.execute(kinds).fetchall()} == {"BASE TABLE"}
        by_entity = con.execute("SELECT entity_id, day, article_id FROM entity_articles").fetchall()
        by_day = con.execute("SELECT day, entity_id, article_id FROM entity_timeline").fetchall()
        assert by_entity == sorted(by_entity) and by_day == sorted(by_day)
        assert sorted(con.execute("SELECT * FROM entity_timeline").fetchall()) == expected
    finally:
        con.close()
