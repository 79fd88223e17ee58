"""Opening the DuckDB warehouse and bringing its schema up to date.

The writer's connection also (re)installs the trend macros from warehouse/queries/*.sql.
Migrations are the numbered files ``warehouse/migrations/NNNN_verb_noun.sql``, applied in order,
each in its own transaction, and recorded in ``schema_migrations`` so each runs exactly once.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse.queries import install_macros

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    path: Path


def list_migrations(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """Every migration file in version order.

    Raises:
        ValueError: a file in the folder does not follow ``NNNN_verb_noun.sql`` or a version repeats.
    """
    found: dict[int, Migration] = {}
    for path in sorted(directory.glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if not match:
            raise ValueError(f"{path}: migration files are named NNNN_verb_noun.sql")
        version = int(match.group(1))
        if version in found:
            raise ValueError(f"{path}: migration version {version} appears twice")
        found[version] = Migration(version, match.group(2), path)
    return [found[v] for v in sorted(found)]


def connect(path: Path | str, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse at ``path`` (":memory:" works too), migrated to the latest schema.

    A read-only connection is not migrated; it sees the schema as the writer left it.
    """
    if isinstance(path, Path):
        path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), read_only=read_only)
    con.execute("SET TimeZone = 'UTC'")
    if not read_only:
        apply_migrations(con)
        install_macros(con)  # the library's macros follow its files
    return con


def apply_migrations(con: duckdb.DuckDBPyConnection, directory: Path = MIGRATIONS_DIR) -> list[int]:
    """Apply the migrations not yet recorded in ``schema_migrations``.

    Returns:
        The versions applied by this call (empty when the schema was current).
    """
    con.execute(
        """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER PRIMARY KEY,
            name       VARCHAR NOT NULL,
            applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
        )
        """
    )
    done = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for migration in list_migrations(directory):
        if migration.version in done:
            continue
        sql = migration.path.read_text(encoding="utf-8")
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                [migration.version, migration.name],
            )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        logger.info("applied migration %04d_%s", migration.version, migration.name)
        applied.append(migration.version)
    return applied
