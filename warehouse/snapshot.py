"""The published read-only snapshot: how readers never block the writer, nor see half a batch.

DuckDB lets one process write a database file, and a reader that opens that file holds a lock that
makes the writer fail. So readers (the API, ``mediamon sql``, BI tools, notebooks) never open the
warehouse itself: after each committed load batch the writer copies the committed database into a
temporary file next to the snapshot (``COPY FROM DATABASE``, which also checkpoints it) and renames
it over the snapshot with ``os.replace``, an atomic rename on POSIX. A reader that opened the old
snapshot keeps reading the old file (its inode lives while it is open) and so keeps a consistent
view; the next reader that opens the path gets the new one. Nothing a reader does can make a write
fail, and no reader can see a batch in part.

Cost, read models included (READ_MODELS, rebuilt at every publish): the demo warehouse (2,096
articles) about 0.6 s; the 1M-article / 20M-mention benchmark warehouse about 130 s on the shared
2-core machine (docs/queries.md, "Read models").
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import time
from pathlib import Path
from typing import Literal

import duckdb

logger = logging.getLogger(__name__)

SNAPSHOT_ALIAS = "snapshot"
_COPY_ALIAS = "mediamon_snapshot_copy"


def default_snapshot_path(database_path: Path) -> Path:
    """Where the snapshot of ``database_path`` lives: ``data/mediamon.duckdb`` → ``data/mediamon.snapshot.duckdb``."""
    database_path = Path(database_path)
    return database_path.with_name(f"{database_path.stem}.snapshot{database_path.suffix or '.duckdb'}")


def _sql_string(value: str) -> str:
    """A SQL string literal. ATTACH takes no bound parameters, so the path is quoted here, and only
    here (the path comes from the settings, never from a request)."""
    return "'" + value.replace("'", "''") + "'"


def _remove(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + ".wal")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


# The read models (migrations 0004 and 0007): views in the warehouse, stored in the snapshot as
# tables of the same rows, each sorted by the keys of the reads it serves so that DuckDB's zone maps
# skip every row group a query does not need. Built in this order (each from the copy's own view,
# which reads the tables built before it): entity_articles sorted by entity (one entity's articles
# are a few row groups), entity_timeline and entity_daily by day (a time window is a few row
# groups), and so on. Measured on 1M articles / 20M mentions: docs/queries.md, "Read models".
READ_MODELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("article_keys", ("article_key",)),
    ("entity_articles", ("entity_id", "day", "article_id")),
    ("entity_timeline", ("day", "entity_id", "article_id")),
    ("entity_keys", ("entity_key",)),
    ("entity_daily", ("day", "entity_key")),
    ("article_entity_keys", ("day", "article_id")),
    ("topic_articles", ("topic", "day", "article_id")),
    ("keyphrase_articles", ("day", "phrase_key", "article_id")),
)

PublishMethod = Literal["copy_database", "file"]


def publish_snapshot(
    con: duckdb.DuckDBPyConnection, snapshot_path: Path, *, method: PublishMethod = "copy_database"
) -> Path:
    """Copy the committed state of the writer's database to ``snapshot_path``, atomically.

    Call it from the writer's open connection after a batch has committed (not inside a transaction:
    the copy would include this connection's uncommitted rows). Readers holding the previous snapshot
    keep their consistent view; readers opening the path afterwards see the new one. The views named
    in READ_MODELS become sorted tables in the snapshot (same rows, faster lookups).

    Args:
        con: the writer's connection (its current database is copied: tables, views, macros).
        snapshot_path: the snapshot file; its folder is created if needed.
        method: ``copy_database`` (default) lets DuckDB copy every table with ``COPY FROM DATABASE``;
            ``file`` checkpoints and copies the database file byte for byte while holding a read
            transaction (much faster on large warehouses; see docs/queries.md for both costs).

    Returns:
        ``snapshot_path``.

    Raises:
        duckdb.Error: the copy failed; the previous snapshot is left as it was.
    """
    snapshot_path = Path(snapshot_path)
    snapshot_path.parent.mkdir(parents=True, exist_ok=True)
    # The temporary file sits in the same folder, so the final rename never crosses file systems.
    tmp = snapshot_path.with_name(f".{snapshot_path.name}.{os.getpid()}.tmp")
    _remove(tmp)
    started = time.perf_counter()
    source = con.execute("SELECT current_database()").fetchall()[0][0]
    try:
        if method == "file":
            _copy_file(con, source, tmp)
            con.execute(f"ATTACH {_sql_string(str(tmp))} AS {_COPY_ALIAS}")
        else:
            con.execute(f"ATTACH {_sql_string(str(tmp))} AS {_COPY_ALIAS}")
            con.execute(f"COPY FROM DATABASE {_identifier(source)} TO {_COPY_ALIAS}")
        try:
            _build_read_models(con)
        finally:
            con.execute(f"DETACH {_COPY_ALIAS}")  # checkpoints the copy and closes it
        with tmp.open("rb") as handle:  # the data must be on disk before the name points at it
            os.fsync(handle.fileno())
        os.replace(tmp, snapshot_path)
    except BaseException:
        _remove(tmp)
        raise
    _fsync_directory(snapshot_path.parent)
    logger.info("published snapshot %s in %.2f s", snapshot_path, time.perf_counter() - started)
    return snapshot_path


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _copy_file(con: duckdb.DuckDBPyConnection, source: str, tmp: Path) -> None:
    """Checkpoint, then copy the database file while a read transaction is open.

    After CHECKPOINT the file holds every committed row and the WAL is empty; the open read
    transaction keeps DuckDB from checkpointing again (rewriting the file) during the copy.
    """
    row = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = $name", {"name": source}).fetchall()
    if not row or not row[0][0]:
        raise ValueError(f"database {source!r} has no file to copy (in-memory?); use method='copy_database'")
    con.execute("CHECKPOINT")
    reader = con.cursor()
    try:
        reader.execute("BEGIN TRANSACTION")
        reader.execute("SELECT count(*) FROM duckdb_tables()").fetchall()
        shutil.copyfile(row[0][0], tmp)
        reader.execute("COMMIT")
    finally:
        reader.close()


def _build_read_models(con: duckdb.DuckDBPyConnection) -> dict[str, float]:
    """Replace each READ_MODELS view of the copy by a table of its rows, sorted by its keys.

    Returns:
        Seconds spent on each read model (logged; bench/queries.py reports them).
    """
    views = {
        row[0]
        for row in con.execute(
            "SELECT view_name FROM duckdb_views() WHERE database_name = $db AND schema_name = 'main' AND NOT internal",
            {"db": _COPY_ALIAS},
        ).fetchall()
    }
    spent: dict[str, float] = {}
    for name, keys in READ_MODELS:
        if name not in views:
            continue  # a warehouse from before the view's migration
        started = time.perf_counter()
        view = f"{_COPY_ALIAS}.main.{_identifier(name)}"
        building = f"{_COPY_ALIAS}.main.{_identifier(name + '__building')}"
        order = ", ".join(_identifier(k) for k in keys)
        # Names come from READ_MODELS, never from input. The copy's view reads the copy's tables
        # (the read models built before this one), not the warehouse.
        con.execute(f"CREATE TABLE {building} AS SELECT * FROM {view} ORDER BY {order}")  # noqa: S608
        con.execute(f"DROP VIEW {view}")
        con.execute(f"ALTER TABLE {building} RENAME TO {_identifier(name)}")
        spent[name] = time.perf_counter() - started
        logger.info("read model %s built in %.2f s", name, spent[name])
    return spent


def _fsync_directory(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless to skip where directories cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


ATTACH_ATTEMPTS = 5


def _attach_whole(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """ATTACH the snapshot, again if a publish swapped the file during the attach.

    Seen once under load (tests/warehouse/test_snapshot.py): an ATTACH racing the rename failed
    with "IO Error: No more data remaining in MetadataReader". The rename is atomic, so attaching
    again reads one whole file, old or new; a reader never fails for it.
    """
    for attempt in range(ATTACH_ATTEMPTS):
        try:
            con.execute(f"ATTACH {_sql_string(str(path))} AS {SNAPSHOT_ALIAS} (READ_ONLY)")
            return
        except duckdb.IOException:
            if attempt == ATTACH_ATTEMPTS - 1:
                raise
            with contextlib.suppress(duckdb.Error):
                con.execute(f"DETACH DATABASE IF EXISTS {SNAPSHOT_ALIAS}")
            time.sleep(0.02 * (attempt + 1))


def open_snapshot(path: Path, *, sandbox: bool = True) -> duckdb.DuckDBPyConnection:
    """Open the snapshot at ``path`` read-only, in a DuckDB instance of its own.

    The file is attached to a fresh in-memory instance rather than opened with
    ``duckdb.connect(path)``: DuckDB keeps one instance per path and process, so a second
    ``connect(path)`` while the first is open would still see the replaced file. The attached
    database is the default one (``USE``), so tables, views and the trend macros need no prefix.

    Args:
        path: the snapshot file.
        sandbox: also forbid any access to files or the network from SQL (``enable_external_access
            = false``) and lock the configuration, for connections that run queries on behalf of
            others (the API). ``mediamon sql`` opens it without, so users can join local files.

    Raises:
        FileNotFoundError: no snapshot at ``path`` (the writer has not published one yet).
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no snapshot yet (the pipeline publishes one after each load batch)")
    con = duckdb.connect(":memory:")
    try:
        _attach_whole(con, path.resolve())
        con.execute(f"USE {SNAPSHOT_ALIAS}")
        con.execute("SET TimeZone = 'UTC'")
        if sandbox:
            con.execute("SET enable_external_access = false")
            con.execute("SET lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return con


def snapshot_identity(path: Path) -> tuple[int, int, int] | None:
    """(inode, mtime in ns, size) of the snapshot file, or None when there is none: changes with
    every publish, so readers know when to reopen and the API derives its ETags from it."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)
