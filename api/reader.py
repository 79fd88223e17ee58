"""Per-request cursors on the published snapshot, reopened when the writer publishes a new one.

Each publish replaces the snapshot file (a new inode). The reader notices by ``stat`` on every
request (microseconds), opens the new file in a fresh DuckDB instance and retires the old one,
which it closes once the last request still reading it has finished: a request always reads one
consistent snapshot from start to end, and the old file is released as soon as nobody reads it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from warehouse import queries
from warehouse.snapshot import SNAPSHOT_ALIAS, open_snapshot, snapshot_identity


class SnapshotMissing(RuntimeError):
    """No snapshot has been published at the configured path yet."""


@dataclass(eq=False)
class Generation:
    """One opened snapshot file and the requests reading it."""

    con: duckdb.DuckDBPyConnection
    identity: tuple[int, int, int]
    users: int = 0
    retired: bool = False
    coverage: queries.Coverage | None = None
    memo: dict[str, Any] = field(default_factory=dict)  # answers that only change with the snapshot
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def published_at(self) -> datetime:
        return datetime.fromtimestamp(self.identity[1] / 1e9, tz=UTC)

    @property
    def tag(self) -> str:
        """Changes with every publish: part of every ETag."""
        return "-".join(str(part) for part in self.identity)


class SnapshotReader:
    """Hands out cursors on the current snapshot; thread-safe."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._current: Generation | None = None

    def current(self) -> Generation:
        """The generation for the file now at the path, opening it if it is new.

        Raises:
            SnapshotMissing: nothing published yet.
        """
        identity = snapshot_identity(self.path)
        if identity is None:
            raise SnapshotMissing(f"{self.path}: no snapshot yet; the pipeline publishes one after each load batch")
        with self._lock:
            if self._current is None or self._current.identity != identity:
                try:
                    fresh = Generation(open_snapshot(self.path), identity)
                except FileNotFoundError as exc:  # replaced or removed between stat and open
                    raise SnapshotMissing(str(exc)) from exc
                old, self._current = self._current, fresh
                if old is not None:
                    old.retired = True
                    if old.users == 0:
                        old.con.close()
            return self._current

    @contextmanager
    def cursor(self) -> Iterator[tuple[duckdb.DuckDBPyConnection, Generation]]:
        """A cursor on the current snapshot (and its generation, for ETags), closed on exit."""
        while True:
            generation = self.current()
            with self._lock:
                if generation.retired:  # replaced between current() and here: take the new one
                    continue
                generation.users += 1
                cur = generation.con.cursor()
            break
        try:
            cur.execute(f"USE {SNAPSHOT_ALIAS}")  # a cursor is a new connection: the default catalog is not kept
            yield cur, generation
        finally:
            cur.close()
            with self._lock:
                generation.users -= 1
                if generation.retired and generation.users == 0:
                    generation.con.close()

    def coverage(self, cur: duckdb.DuckDBPyConnection, generation: Generation) -> queries.Coverage:
        """First and last publication day of this generation (computed once per snapshot)."""
        with generation.lock:
            if generation.coverage is None:
                generation.coverage = queries.coverage(cur)
            return generation.coverage

    def remember(self, generation: Generation, key: str, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per snapshot (e.g. the filter lists of /api/meta)."""
        with generation.lock:
            if key not in generation.memo:
                generation.memo[key] = compute()
            return generation.memo[key]

    def close(self) -> None:
        with self._lock:
            if self._current is not None:
                self._current.retired = True
                if self._current.users == 0:
                    self._current.con.close()
                self._current = None
