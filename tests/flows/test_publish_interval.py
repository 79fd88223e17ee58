"""The ingest flow's snapshot publishing: after every batch by default, at most once per
``pipeline.publish_interval`` seconds when set, and always after a run's last batch."""

from __future__ import annotations

from pathlib import Path

import duckdb

from flows.ingest import SnapshotPublisher
from warehouse import db
from warehouse.snapshot import default_snapshot_path, open_snapshot, publish_snapshot


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _publisher(con: duckdb.DuckDBPyConnection, snapshot: Path, interval: float, clock: Clock, calls: list[int]):
    def counting_publish(connection: duckdb.DuckDBPyConnection, path: Path) -> Path:
        calls.append(connection.execute("SELECT count(*) FROM sources").fetchall()[0][0])
        return publish_snapshot(connection, path)

    return SnapshotPublisher(con, snapshot, min_interval=interval, publish=counting_publish, clock=clock)


def _commit_batch(con: duckdb.DuckDBPyConnection, n: int) -> None:
    con.execute(
        "INSERT INTO sources VALUES (?, ?, 'web', ?, [], [], NULL, NULL, true, NULL, now())",
        [f"s{n}", f"Outlet {n}", f"https://s{n}.example/"],
    )


def test_every_batch_is_published_without_an_interval(tmp_path: Path) -> None:
    con = db.connect(tmp_path / "w.duckdb")
    snapshot, clock, calls = default_snapshot_path(tmp_path / "w.duckdb"), Clock(), []
    publisher = _publisher(con, snapshot, 0.0, clock, calls)
    for n in range(3):
        _commit_batch(con, n)
        publisher.after_batch()
    publisher.finish()
    assert calls == [1, 2, 3]


def test_interval_holds_back_batches_and_finish_publishes_the_last(tmp_path: Path) -> None:
    con = db.connect(tmp_path / "w.duckdb")
    snapshot, clock, calls = default_snapshot_path(tmp_path / "w.duckdb"), Clock(), []
    publisher = _publisher(con, snapshot, 60.0, clock, calls)
    for n in range(4):  # batches at t = 0, 20, 40, 60 s after the first publish
        _commit_batch(con, n)
        publisher.after_batch()
        clock.now += 20
    assert calls == [1, 4]  # the first batch, then the one 60 s later
    _commit_batch(con, 4)
    publisher.after_batch()  # 20 s after the last publish: held back ...
    assert calls == [1, 4]
    publisher.finish()  # ... until the run ends
    assert calls == [1, 4, 5]
    reader = open_snapshot(snapshot)
    try:
        assert reader.execute("SELECT count(*) FROM sources").fetchall() == [(5,)]
    finally:
        reader.close()


def test_finish_publishes_nothing_when_nothing_was_held_back(tmp_path: Path) -> None:
    con = db.connect(tmp_path / "w.duckdb")
    snapshot, clock, calls = default_snapshot_path(tmp_path / "w.duckdb"), Clock(), []
    publisher = _publisher(con, snapshot, 60.0, clock, calls)
    _commit_batch(con, 0)
    publisher.after_batch()
    publisher.finish()
    assert calls == [1]
    off = SnapshotPublisher(con, None, min_interval=0.0)
    off.after_batch()
    off.finish()
    assert off.published == 0
