"""The warehouse writer lock: one process at a time opens the DuckDB file, through a Prefect
global concurrency limit.

DuckDB lets one process open a database file for writing; a second ``connect`` fails at once with
"Could not set lock on file". So every flow that touches the warehouse opens it through
:func:`warehouse_writer`, which first takes the one slot of the global concurrency limit
``mediamon-warehouse-writer`` (created on first use): a second writer, on this machine or on another
worker of the same Prefect server, waits its turn instead of failing.

How the slot comes back when its holder dies (measured with Prefect 3.9):

- Slots are leases. The holder renews its lease every 0.75 × ``lease_seconds`` (60 s minimum, the
  server refuses less); a real ``prefect server start`` runs the *repossessor* service, which
  releases an expired lease within ``loop_seconds`` (15 s) after it expires.
- The ephemeral API (``mediamon ingest`` without a server, and ``prefect_test_harness``) runs no
  repossessor, keeps leases in the memory of one server process, and in embedded mode every CLI
  process starts its own server on the same SQLite file. A holder killed with SIGKILL there would
  keep the slot for ever. So a waiting writer looks at the holder file that every holder writes
  next to the database (``<database>.writer``: host, pid, lease id): a holder on this host whose pid
  is gone is dead, and its slot is released (by lease, and by name when the lease lives in another
  server's memory). A holder on another host is left to its lease.

The DuckDB file lock stays the last guard: :func:`warehouse_writer` retries a ``connect`` that
meets it for ``connect_wait`` seconds.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from warehouse import db

WRITER_LIMIT = "mediamon-warehouse-writer"
DEFAULT_LEASE_SECONDS = 60.0  # the server's minimum; renewed every 45 s while held
DEFAULT_POLL_SECONDS = 5.0
DEFAULT_CONNECT_WAIT = 60.0

logger = logging.getLogger(__name__)


class WriterTimeout(TimeoutError):
    """The writer slot was not free within the time asked for."""


@dataclass(frozen=True, slots=True)
class Holder:
    """Who holds the writer slot, as written in ``<database>.writer``."""

    host: str
    pid: int
    lease_id: str | None
    acquired_at: float

    def is_dead_here(self) -> bool:
        """True when the holder ran on this host and its process no longer exists."""
        if self.host != socket.gethostname():
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:  # alive, owned by someone else
            return False
        return False


def holder_path(database_path: Path) -> Path:
    """The holder file of a warehouse: ``data/mediamon.duckdb`` → ``data/mediamon.duckdb.writer``."""
    return database_path.with_name(database_path.name + ".writer")


def read_holder(database_path: Path) -> Holder | None:
    """The recorded holder of the writer slot, or None (no file, or unreadable)."""
    try:
        raw = json.loads(holder_path(database_path).read_text(encoding="utf-8"))
        return Holder(str(raw["host"]), int(raw["pid"]), raw.get("lease_id"), float(raw["acquired_at"]))
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        return None


def _write_holder(database_path: Path, lease_id: str | None) -> None:
    path = holder_path(database_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    record = {"host": socket.gethostname(), "pid": os.getpid(), "lease_id": lease_id, "acquired_at": time.time()}
    tmp.write_text(json.dumps(record), encoding="utf-8")
    os.replace(tmp, path)


def _clear_holder(database_path: Path) -> None:
    holder = read_holder(database_path)
    if holder is not None and holder.pid == os.getpid() and holder.host == socket.gethostname():
        with contextlib.suppress(FileNotFoundError):
            holder_path(database_path).unlink()


def _log() -> logging.Logger | logging.LoggerAdapter[logging.Logger]:
    """The flow run's logger inside a run, this module's logger outside one."""
    try:
        from prefect import get_run_logger

        return get_run_logger()
    except Exception:  # no run context (CLI helpers, tests)
        return logger


_ENSURED: set[str] = set()  # API URLs on which this process has seen the limit


def ensure_writer_limit(limit: int = 1) -> None:
    """Create the global concurrency limit ``mediamon-warehouse-writer`` (1 slot) if it is missing.

    Without it, Prefect's ``concurrency()`` would skip the acquisition with a warning: nothing
    would be guarded (the test API and a fresh ``prefect server start`` have no such limit). Safe
    to call from many processes at once; asks the API once per process and API.
    """
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import GlobalConcurrencyLimitCreate
    from prefect.exceptions import ObjectAlreadyExists, ObjectNotFound
    from prefect.settings import PREFECT_API_URL

    api = str(PREFECT_API_URL.value() or "ephemeral")
    if api in _ENSURED:
        return
    with get_client(sync_client=True) as client:
        try:
            client.read_global_concurrency_limit_by_name(WRITER_LIMIT)
        except ObjectNotFound:
            with contextlib.suppress(ObjectAlreadyExists):  # another process created it first
                client.create_global_concurrency_limit(GlobalConcurrencyLimitCreate(name=WRITER_LIMIT, limit=limit))
    _ENSURED.add(api)


def writer_slots() -> tuple[int, int]:
    """(active slots, limit) of the writer limit, as the server sees them now."""
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        found = client.read_global_concurrency_limit_by_name(WRITER_LIMIT)
    return found.active_slots, found.limit


def release_dead_holder(database_path: Path) -> bool:
    """Give back the slot of a holder that died on this host without releasing it.

    Returns:
        True when a dead holder's slot was released.
    """
    from prefect.client.orchestration import get_client

    holder = read_holder(database_path)
    if holder is None or not holder.is_dead_here():
        return False
    active, limit = writer_slots()
    with get_client(sync_client=True) as client:
        if holder.lease_id and active >= limit:
            # Known to the server that granted it (the same one, with `mediamon run`); else a no-op.
            client.release_concurrency_slots_with_lease(lease_id=holder.lease_id)  # type: ignore[arg-type]
            active, limit = writer_slots()
        if active >= limit and not _file_locked(database_path):
            # The lease lived in the memory of another (ephemeral) server: release by name.
            client.release_concurrency_slots(
                names=[WRITER_LIMIT], slots=1, occupancy_seconds=max(time.time() - holder.acquired_at, 1.0)
            )
    with contextlib.suppress(FileNotFoundError):
        holder_path(database_path).unlink()
    _log().warning(
        "released the warehouse writer slot of pid %d on %s, which died holding it (since %s)",
        holder.pid,
        holder.host,
        time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(holder.acquired_at)),
    )
    return True


def _file_locked(database_path: Path) -> bool:
    """True when another process has the DuckDB file open (its lock refuses us)."""
    if not database_path.exists():
        return False
    try:
        duckdb.connect(str(database_path), read_only=True).close()
    except duckdb.IOException as exc:
        return "lock" in str(exc).lower()
    except duckdb.Error:
        return False
    return False


def connect_when_free(database_path: Path, *, wait: float = DEFAULT_CONNECT_WAIT) -> duckdb.DuckDBPyConnection:
    """``warehouse.db.connect`` that waits out a brief file lock (a probe, a reader) for ``wait`` s."""
    deadline = time.monotonic() + wait
    delay = 0.05
    while True:
        try:
            return db.connect(database_path)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 1.0)


def _acquire(
    stack: contextlib.ExitStack,
    database_path: Path,
    *,
    lease_seconds: float,
    poll_seconds: float,
    timeout: float | None,
) -> str | None:
    """Enter the writer limit on ``stack``; returns the lease id when Prefect shows it."""
    from prefect.concurrency.context import ConcurrencyContext
    from prefect.concurrency.sync import concurrency

    deadline = None if timeout is None else time.monotonic() + timeout
    waited = False
    while True:
        # Wait while the slot is taken by looking at it: an acquisition that times out makes
        # Prefect log an ERROR each time, which a normal wait should not.
        active, limit = writer_slots()
        if active < limit:
            wait = poll_seconds if deadline is None else max(0.1, min(poll_seconds, deadline - time.monotonic()))
            context = ConcurrencyContext()
            attempt = contextlib.ExitStack()
            try:
                # The lease id is only visible through the context that records leases for cleanup.
                attempt.enter_context(context)
                attempt.enter_context(
                    concurrency(
                        WRITER_LIMIT,
                        occupy=1,
                        timeout_seconds=wait,
                        lease_duration=lease_seconds,
                        strict=True,
                        # A renewal that fails on a server blip must not kill a load half-way; the
                        # DuckDB file lock still refuses a second writer.
                        raise_on_lease_renewal_failure=False,
                    )
                )
            except TimeoutError:  # another writer took it first
                attempt.close()
            else:
                stack.enter_context(attempt.pop_all())
                leases = context.cleanup_lease_ids
                return str(leases[-1]) if leases else None
        if not waited:
            holder = read_holder(database_path)
            who = f"pid {holder.pid} on {holder.host}" if holder else "another writer"
            _log().info("waiting for the warehouse writer slot (held by %s)", who)
            waited = True
        if release_dead_holder(database_path):
            continue
        if deadline is not None and time.monotonic() >= deadline:
            raise WriterTimeout(f"the warehouse writer slot was not free within {timeout} s")
        time.sleep(poll_seconds if deadline is None else max(0.0, min(poll_seconds, deadline - time.monotonic())))


@contextlib.contextmanager
def warehouse_writer(
    database_path: Path | str,
    *,
    use_limit: bool = True,
    lease_seconds: float = DEFAULT_LEASE_SECONDS,
    poll_seconds: float = DEFAULT_POLL_SECONDS,
    timeout: float | None = None,
    connect_wait: float = DEFAULT_CONNECT_WAIT,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Hold the warehouse writer slot and an open, migrated connection for the ``with`` block.

    Args:
        database_path: the DuckDB warehouse file.
        use_limit: take the Prefect global concurrency limit (False: the DuckDB file lock alone,
            for code that runs without any Prefect API).
        lease_seconds: the slot's lease; renewed while held; what a holder on another host that
            dies costs the others (plus the repossessor's 15 s).
        poll_seconds: how often a waiting writer checks for a dead holder.
        timeout: give up after this many seconds (None: wait as long as it takes).
        connect_wait: how long to wait out a DuckDB file lock once the slot is ours.

    Raises:
        WriterTimeout: ``timeout`` passed without the slot.
    """
    path = Path(database_path)
    with contextlib.ExitStack() as stack:
        if use_limit:
            ensure_writer_limit()
            lease_id = _acquire(stack, path, lease_seconds=lease_seconds, poll_seconds=poll_seconds, timeout=timeout)
            _write_holder(path, lease_id)
            stack.callback(_clear_holder, path)
        con = connect_when_free(path, wait=connect_wait)
        stack.callback(con.close)
        yield con


def writer_options(settings: Any) -> dict[str, float]:
    """The writer lock's options from ``settings.writer`` when that section exists, else defaults."""
    section = getattr(settings, "writer", None)
    return {
        "lease_seconds": float(getattr(section, "lease_seconds", DEFAULT_LEASE_SECONDS)),
        "poll_seconds": float(getattr(section, "poll_seconds", DEFAULT_POLL_SECONDS)),
    }
