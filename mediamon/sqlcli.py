"""The read side of the command line: ``mediamon sql``, ``export``, ``serve`` and ``publish``.

``mediamon.cli`` calls :func:`register` to add them. Like ``cli.py`` this module is the edge of the
program: it may import every package (warehouse, api), always inside the commands, so that
``mediamon --help`` stays instant.

Readers use the published snapshot (``data/mediamon.snapshot.duckdb``, see ``warehouse/snapshot.py``)
so that they never block a running ingest. Where no snapshot has been published yet, ``sql`` and
``export`` read the warehouse file itself, read-only, and say so.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.table import Table

from mediamon.errors import ConfigError
from mediamon.settings import Settings, load_settings

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

console = Console()
err_console = Console(stderr=True)

SettingsOption = Annotated[Path | None, typer.Option("--settings", help="A settings TOML file.")]
DbOption = Annotated[
    Path | None, typer.Option("--db", help="The warehouse file (default: data/mediamon.duckdb); its snapshot is read.")
]
SnapshotOption = Annotated[
    Path | None, typer.Option("--snapshot", help="Read this snapshot file (default: the warehouse's snapshot).")
]
PROMPT, CONTINUE = "mediamon> ", "      ..> "
REPL_HELP = """Enter SQL ending with ';' (several lines are fine). Commands:
  .tables            list tables and views        .schema NAME   columns of a table or view
  .macros            list the trend macros        .format FMT    table | csv | json
  .help              this text                    .quit          leave (or Ctrl-D)
Example: SELECT * FROM entity_volume('Yevgeny Prigozhin', grain := 'week') WHERE articles > 0;"""


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    parquet = "parquet"


class ExportFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"


def _fail(message: str, code: int = 2) -> None:
    err_console.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


def _settings(settings_file: Path | None, db: Path | None) -> Settings:
    overrides: dict[str, Any] = {"paths": {"database": db}} if db is not None else {}
    try:
        return load_settings(settings_file, **overrides)
    except ConfigError as exc:
        _fail(str(exc))
        raise  # unreachable: _fail exits


@contextmanager
def open_reader(settings: Settings, snapshot: Path | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection for ad-hoc SQL: the snapshot, else the warehouse file read-only.

    Raises:
        typer.Exit: neither exists, or the warehouse is locked by a running ingest.
    """
    import duckdb

    from warehouse.snapshot import default_snapshot_path, open_snapshot

    database = settings.paths.database_path
    path = snapshot or default_snapshot_path(database)
    if path.is_file():
        con = open_snapshot(path, sandbox=False)
    elif snapshot is not None:
        _fail(f"{snapshot}: no such snapshot")
        return
    elif database.is_file():
        err_console.print(
            f"[yellow]note:[/] no snapshot at {path} yet; reading {database} read-only "
            "(`mediamon publish` makes a snapshot, and the pipeline does after each batch)"
        )
        try:
            con = duckdb.connect(str(database), read_only=True)
        except duckdb.Error as exc:
            _fail(f"{database} is in use ({exc}); read the snapshot instead: run `mediamon publish` when it is free")
            return
        con.execute("SET TimeZone = 'UTC'")
    else:
        _fail(f"no warehouse at {database}; run `mediamon ingest` (or `make demo`) first")
        return
    try:
        yield con
    finally:
        con.close()


# --- writing results --------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """A JSON/CSV-ready value: dates as ISO 8601, lists and structs as JSON, bytes as hex."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list | tuple | dict):
        return json.loads(json.dumps(value, default=_plain, ensure_ascii=False))
    return value


def _batches(rel: duckdb.DuckDBPyRelation, batch_size: int = 4096) -> Iterator[pa.RecordBatch]:
    yield from rel.to_arrow_reader(batch_size=batch_size)


def _rows(rel: duckdb.DuckDBPyRelation) -> Iterator[dict[str, Any]]:
    for batch in _batches(rel):
        yield from batch.to_pylist()


def write_csv(rel: duckdb.DuckDBPyRelation, out: TextIO) -> int:
    """Stream the relation to ``out`` as CSV (header first); returns the row count."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(rel.columns)
    count = 0
    for row in _rows(rel):
        writer.writerow([_csv_value(v) for v in row.values()])
        count += 1
    return count


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(_plain(value), ensure_ascii=False)
    return _plain(value)


def write_json(rel: duckdb.DuckDBPyRelation, out: TextIO) -> int:
    """Stream the relation to ``out`` as one JSON array of objects; returns the row count."""
    count = 0
    out.write("[")
    for row in _rows(rel):
        out.write(",\n" if count else "\n")
        out.write(json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def write_parquet(rel: duckdb.DuckDBPyRelation, out: Path) -> int:
    """Write the relation to a Parquet file (zstd); returns the row count."""
    import pyarrow.parquet as pq

    count = 0
    reader = rel.to_arrow_reader(batch_size=65536)
    with pq.ParquetWriter(out, reader.schema, compression="zstd") as writer:
        for batch in reader:
            writer.write_batch(batch)
            count += batch.num_rows
    return count


def print_table(rel: duckdb.DuckDBPyRelation, *, max_rows: int, target: Console | None = None) -> int:
    """Show at most ``max_rows`` rows as a rich table; returns the rows shown."""
    target = target or console
    table = Table(show_lines=False, header_style="bold")
    for name, kind in zip(rel.columns, rel.types, strict=True):
        table.add_column(f"{name}\n[dim]{kind}[/]", overflow="fold", max_width=60)
    shown = 0
    more = False
    for row in _rows(rel):
        if shown == max_rows:
            more = True
            break
        table.add_row(*("[dim]NULL[/]" if v is None else _cell(v) for v in row.values()))
        shown += 1
    target.print(table)
    note = f"{shown} row{'s' if shown != 1 else ''}"
    if more:
        note += " shown (more exist: raise --max-rows, or use --format csv/json/parquet --out FILE)"
    target.print(f"[dim]{note}[/]")
    return shown


def _cell(value: Any) -> str:
    from rich.markup import escape

    text = json.dumps(_plain(value), ensure_ascii=False) if isinstance(value, list | dict) else str(_plain(value))
    return escape(text)  # data is never read as rich markup


def run_sql(
    con: duckdb.DuckDBPyConnection,
    query: str,
    *,
    fmt: OutputFormat = OutputFormat.table,
    out: Path | None = None,
    max_rows: int = 100,
    target: Console | None = None,
) -> int | None:
    """Run ``query`` (one or more statements; the last one's rows are the result) and write them.

    Returns:
        The number of rows written or shown, or None when the last statement returns no rows.

    Raises:
        duckdb.Error: the SQL failed.
        ValueError: Parquet without ``out``.
    """
    if fmt is OutputFormat.parquet and out is None:
        raise ValueError("--format parquet needs --out FILE")
    rel = con.sql(query)
    if rel is None:
        return None
    if fmt is OutputFormat.table:
        return print_table(rel, max_rows=max_rows, target=target)
    if fmt is OutputFormat.parquet:
        assert out is not None
        return write_parquet(rel, out)
    writer: Callable[[duckdb.DuckDBPyRelation, TextIO], int] = write_csv if fmt is OutputFormat.csv else write_json
    if out is None:
        return writer(rel, sys.stdout)
    with out.open("w", encoding="utf-8", newline="") as handle:
        return writer(rel, handle)


# --- the REPL -----------------------------------------------------------------------------------


def repl(
    con: duckdb.DuckDBPyConnection,
    *,
    lines: Iterable[str] | None = None,
    fmt: OutputFormat = OutputFormat.table,
    max_rows: int = 100,
    target: Console | None = None,
) -> int:
    """A small SQL shell: statements end with ';', dot-commands as in REPL_HELP.

    Args:
        lines: input lines (default: the terminal, with line editing and history where available).

    Returns:
        The number of statements that failed (the shell goes on after an error).
    """
    import duckdb

    target = target or console
    interactive = lines is None and sys.stdin.isatty()
    if interactive:
        with contextlib.suppress(ImportError):  # line editing and history for input(), where there is readline
            import readline  # noqa: F401
        target.print("[bold]mediamon sql[/] on the read-only snapshot. .help for help, .quit to leave.")
    source = iter(lines) if lines is not None else None
    buffer: list[str] = []
    failures = 0
    while True:
        try:
            if source is not None:
                line = next(source)
            else:
                line = input((CONTINUE if buffer else PROMPT) if interactive else "")
        except (EOFError, StopIteration):
            break
        except KeyboardInterrupt:
            buffer.clear()
            target.print()
            continue
        stripped = line.strip()
        if not buffer and stripped.startswith("."):
            command, _, argument = stripped.partition(" ")
            if command in (".quit", ".exit", ".q"):
                break
            fmt = _dot_command(con, command, argument.strip(), fmt, target)
            continue
        if not stripped and not buffer:
            continue
        buffer.append(line)
        if not stripped.endswith(";"):
            continue
        statement = "\n".join(buffer)
        buffer.clear()
        try:
            started = time.perf_counter()
            shown = run_sql(con, statement, fmt=fmt if fmt is not OutputFormat.parquet else OutputFormat.table,
                            max_rows=max_rows, target=target)  # fmt: skip
            if shown is None:
                target.print("[dim]OK[/]")
            if interactive:
                target.print(f"[dim]{(time.perf_counter() - started) * 1000:.0f} ms[/]")
        except duckdb.Error as exc:
            failures += 1
            target.print(f"[red]{type(exc).__name__}:[/] {exc}", highlight=False, markup=True)
    if buffer:
        target.print("[yellow]note:[/] the last statement had no ';' and was not run")
    return failures


def _dot_command(
    con: duckdb.DuckDBPyConnection, command: str, argument: str, fmt: OutputFormat, target: Console
) -> OutputFormat:
    import duckdb

    try:
        if command == ".help":
            target.print(REPL_HELP, markup=False)
        elif command == ".tables":
            print_table(
                con.sql(
                    "SELECT table_name AS name, lower(table_type) AS kind FROM information_schema.tables "
                    "WHERE table_catalog = current_database() ORDER BY kind, name"
                ),
                max_rows=500,
                target=target,
            )
        elif command == ".schema":
            rel = con.sql(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_catalog = current_database() AND table_name = $name ORDER BY ordinal_position",
                params={"name": argument},
            )
            print_table(rel, max_rows=500, target=target)
        elif command == ".macros":
            print_table(
                con.sql(
                    "SELECT DISTINCT function_name AS macro, parameters FROM duckdb_functions() "
                    "WHERE function_type = 'table_macro' AND database_name = current_database() ORDER BY macro"
                ),
                max_rows=500,
                target=target,
            )
        elif command == ".format":
            try:
                fmt = OutputFormat(argument)
            except ValueError:
                target.print("formats: table, csv, json")
            else:
                target.print(f"format: {fmt.value}")
        else:
            target.print(f"unknown command {command}; .help lists them", markup=False)
    except duckdb.Error as exc:
        target.print(f"[red]{type(exc).__name__}:[/] {exc}")
    return fmt


# --- export -------------------------------------------------------------------------------------


_STATE_TABLES = {"url_state"}  # the latest state of each URL: one small file, not partitioned by article


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def export_tables(
    con: duckdb.DuckDBPyConnection, out: Path, *, fmt: ExportFormat = ExportFormat.parquet
) -> list[dict[str, Any]]:
    """Write every table as Hive-partitioned Parquet (or CSV) files under ``out`` for BI tools.

    ``articles`` is partitioned by ``source``, ``year`` and ``month`` of ``published_at``; every table
    with an ``article_id`` column by the same keys of its article (so a BI tool prunes mentions,
    topics... with the same filter); ``fetches`` by source and the month fetched; the rest (entities,
    topics, sources, runs...) is one file each. Partition columns live in the folder names
    (``articles/source=demo-steppe/year=2023/month=6/data_0.parquet``): read them back with
    ``read_parquet('out/articles/**/*.parquet', hive_partitioning = true)``. A ``manifest.json``
    lists tables, row counts and partition keys. Existing files of an exported table are replaced.

    Returns:
        One dict per table: table, rows, partitioned_by, path.
    """
    from warehouse.snapshot import _sql_string

    out.mkdir(parents=True, exist_ok=True)
    tables = [
        row[0]
        for row in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database() "
            "AND table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name"
        ).fetchall()
    ]
    columns = {
        table: [
            row[0]
            for row in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_catalog = current_database() "
                "AND table_schema = 'main' AND table_name = $t ORDER BY ordinal_position",
                {"t": table},
            ).fetchall()
        ]
        for table in tables
    }
    options = "FORMAT parquet, COMPRESSION zstd" if fmt is ExportFormat.parquet else "FORMAT csv, HEADER true"
    written = []
    for table in tables:
        name = _identifier(table)
        partition: tuple[str, ...] = ()
        if table == "articles":
            select = "SELECT *, year(published_at) AS year, month(published_at) AS month FROM articles"
            partition = ("source", "year", "month")
        elif table == "fetches":
            select = "SELECT *, year(fetched_at) AS year, month(fetched_at) AS month FROM fetches"
            partition = ("source", "year", "month")
        elif "article_id" in columns[table] and table not in _STATE_TABLES and "articles" in tables:
            key = "article_source" if "source" in columns[table] else "source"
            select = (
                f"SELECT t.*, a.source AS {key}, year(a.published_at) AS year, month(a.published_at) AS month "  # noqa: S608 -- names from the catalog, quoted
                f"FROM {name} t LEFT JOIN articles a ON a.id = t.article_id"
            )
            partition = (key, "year", "month")
        else:
            select = f"SELECT * FROM {name}"  # noqa: S608 -- a table name from the catalog, quoted
        rows = con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0]  # noqa: S608 -- same
        if partition:
            target = out / table
            con.execute(
                f"COPY ({select}) TO {_sql_string(str(target))} "
                f"({options}, PARTITION_BY ({', '.join(partition)}), OVERWRITE true)"
            )
        else:
            target = out / f"{table}.{fmt.value}"
            con.execute(f"COPY ({select}) TO {_sql_string(str(target))} ({options})")
        written.append({"table": table, "rows": rows, "partitioned_by": list(partition), "path": target.name})
    (out / "manifest.json").write_text(
        json.dumps({"format": fmt.value, "hive_partitioning": True, "tables": written}, indent=2) + "\n",
        encoding="utf-8",
    )
    return written


# --- the commands ---------------------------------------------------------------------------------


def register(app: typer.Typer) -> None:
    """Add ``sql``, ``export``, ``serve`` and ``publish`` to the ``mediamon`` command line."""

    @app.command()
    def sql(
        query: Annotated[str | None, typer.Argument(help="SQL to run; none = an interactive shell.")] = None,
        fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.table,
        out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file (parquet needs it).")] = None,
        max_rows: Annotated[int, typer.Option(help="Rows shown by --format table.", min=1)] = 100,
        db: DbOption = None,
        snapshot: SnapshotOption = None,
        settings_file: SettingsOption = None,
    ) -> None:
        """Ad-hoc SQL on the published read-only snapshot: tables, views and the trend macros.

        mediamon sql "SELECT * FROM entity_volume('Yevgeny Prigozhin', grain := 'week') WHERE articles > 0"
        mediamon sql -f parquet -o top.parquet "SELECT * FROM entity_ranking(DATE '2023-11-01', DATE '2023-11-30')"
        mediamon sql            (a shell: statements end with ';', .help for commands)
        """
        import duckdb

        settings = _settings(settings_file, db)
        with open_reader(settings, snapshot) as con:
            if query is None:
                failures = repl(con, fmt=fmt, max_rows=max_rows)
                raise typer.Exit(1 if failures and not sys.stdin.isatty() else 0)
            try:
                count = run_sql(con, query, fmt=fmt, out=out, max_rows=max_rows)
            except ValueError as exc:
                _fail(str(exc))
            except duckdb.Error as exc:
                _fail(f"{type(exc).__name__}: {exc}", code=1)
            else:
                if out is not None:
                    err_console.print(f"{count} rows → {out}")

    @app.command()
    def export(
        out: Annotated[Path, typer.Option("--out", "-o", help="The folder to write (created if needed).")],
        fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="File format.")] = ExportFormat.parquet,
        db: DbOption = None,
        snapshot: SnapshotOption = None,
        settings_file: SettingsOption = None,
    ) -> None:
        """Export every table as Hive-partitioned Parquet (or CSV) for BI tools.

        articles/source=…/year=…/month=…/*.parquet; tables keyed by article_id partitioned the same
        way; one file for each of the others; manifest.json lists them.
        """
        import duckdb

        settings = _settings(settings_file, db)
        started = time.perf_counter()
        with open_reader(settings, snapshot) as con:
            try:
                written = export_tables(con, out, fmt=fmt)
            except duckdb.Error as exc:
                _fail(f"{type(exc).__name__}: {exc}", code=1)
                return
        table = Table(title=f"Exported to {out} ({time.perf_counter() - started:.1f} s)", title_justify="left")
        for column in ("table", "rows", "partitioned by", "path"):
            table.add_column(column, justify="right" if column == "rows" else "left")
        for item in written:
            table.add_row(item["table"], str(item["rows"]), "/".join(item["partitioned_by"]) or "-", item["path"])
        console.print(table)

    @app.command()
    def serve(
        host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="Port.", min=1, max=65535)] = 8000,
        db: DbOption = None,
        snapshot: SnapshotOption = None,
        settings_file: SettingsOption = None,
    ) -> None:
        """Serve the dashboard and the read-only trend API (JSON and CSV) on the snapshot.

        Open http://127.0.0.1:8000/ for the dashboard; the schema is at /openapi.json. Set
        MEDIAMON_API__TOKEN to require `Authorization: Bearer TOKEN` on /api/*.
        """
        from api.app import create_app
        from api.server import serve_forever
        from api.settings import ApiSettings
        from warehouse.snapshot import default_snapshot_path

        settings = _settings(settings_file, db)
        path = snapshot or default_snapshot_path(settings.paths.database_path)
        if not path.is_file() and snapshot is None and settings.paths.database_path.is_file():
            _publish(settings.paths.database_path, path)
        api_settings = ApiSettings()
        if host not in ("127.0.0.1", "localhost", "::1") and api_settings.token is None:
            err_console.print("[yellow]warning:[/] listening beyond loopback without MEDIAMON_API__TOKEN")
        console.print(f"Dashboard on [bold]http://{host}:{port}/[/] · snapshot {path} (Ctrl-C to stop)")
        serve_forever(create_app(path, settings=api_settings), host=host, port=port)

    @app.command()
    def publish(
        db: DbOption = None,
        snapshot: SnapshotOption = None,
        settings_file: SettingsOption = None,
    ) -> None:
        """Publish the read-only snapshot of the warehouse now (the ingest flow does after each batch).

        Needs the warehouse free: it opens it as the writer (and brings its schema up to date).
        """
        from warehouse.snapshot import default_snapshot_path

        settings = _settings(settings_file, db)
        database = settings.paths.database_path
        if not database.is_file():
            _fail(f"no warehouse at {database}; run `mediamon ingest` (or `make demo`) first")
        _publish(database, snapshot or default_snapshot_path(database))


def _publish(database: Path, snapshot: Path) -> None:
    import duckdb

    from warehouse import db as warehouse_db
    from warehouse.snapshot import publish_snapshot

    started = time.perf_counter()
    try:
        con = warehouse_db.connect(database)
    except duckdb.Error as exc:
        _fail(f"{database} is in use by another process ({exc}); the pipeline publishes when its batch commits")
        return
    try:
        publish_snapshot(con, snapshot)
    finally:
        con.close()
    err_console.print(f"published {snapshot} in {time.perf_counter() - started:.2f} s")


def capture(render: Callable[[Console], object]) -> str:
    """What ``render`` prints on a plain, wide console (for tests and docs)."""
    buffer = io.StringIO()
    render(Console(file=buffer, width=200, color_system=None, force_terminal=False))
    return buffer.getvalue()
