"""The ``mediamon`` command line.

Heavy imports (Prefect, spaCy, trafilatura) happen inside the commands that need them, so that
``mediamon --help`` and config errors answer at once.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from mediamon.errors import ConfigError
from mediamon.progress import use_progress
from mediamon.settings import Settings, load_settings

T = TypeVar("T")

app = typer.Typer(
    name="mediamon",
    help="Media-monitoring ingestion: fetch, parse, tag and load news articles into DuckDB.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
demo_app = typer.Typer(help="The bundled offline demo newsroom.", no_args_is_help=True)
app.add_typer(demo_app, name="demo")

# Piped output (make demo > log, CI) gets a wide page instead of Rich's 80-column default,
# so tables are not cut; a terminal keeps its own width.
console = Console()
if not console.is_terminal:
    console = Console(width=140)
err_console = Console(stderr=True)

SettingsOption = Annotated[
    Path | None, typer.Option("--settings", help="A settings TOML file ([paths], [fetch], [pipeline]).")
]
DbOption = Annotated[
    Path | None, typer.Option("--db", help="The DuckDB warehouse file (default: data/mediamon.duckdb).")
]


def _prefect_environment(settings: Settings, verbose: bool) -> None:
    """Quiet, local, offline Prefect defaults (the user's own environment wins)."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    home = (settings.paths.data_dir / "prefect").resolve()
    home.mkdir(parents=True, exist_ok=True)  # Prefect's SQLite cannot create missing folders
    os.environ.setdefault("PREFECT_HOME", str(home))
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO" if verbose else "WARNING")
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")
    if "PREFECT_API_URL" not in os.environ:
        from flows.serve import running_service_url

        api_url = running_service_url(home)
        if api_url:  # `mediamon run` is up: this run shows in its UI and shares its writer limit
            os.environ["PREFECT_API_URL"] = api_url


def _settings(settings_file: Path | None, db: Path | None) -> Settings:
    overrides: dict[str, Any] = {}
    if db is not None:
        overrides["paths"] = {"database": db}
    try:
        return load_settings(settings_file, **overrides)
    except ConfigError as exc:
        _fail(str(exc))
        raise  # unreachable: _fail exits


def _fail(message: str, code: int = 2) -> None:
    err_console.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


class RichProgress:
    """A progress bar per pipeline stage."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self._tasks: dict[str, TaskID] = {}

    def start(self, stage: str, total: int | None) -> None:
        self._tasks[stage] = self._progress.add_task(stage, total=total)

    def advance(self, stage: str, amount: int = 1) -> None:
        if stage in self._tasks:
            self._progress.advance(self._tasks[stage], amount)

    def finish(self, stage: str) -> None:
        if stage in self._tasks:
            task = self._progress.tasks[self._tasks[stage]]
            self._progress.update(self._tasks[stage], completed=task.total or task.completed)


def _progress_display() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description:>8}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=False,
        disable=not err_console.is_terminal and os.environ.get("MEDIAMON_PROGRESS") != "1",
    )


def run_flow(name: str, settings: Settings, verbose: bool, call: Callable[[dict[str, Any]], T]) -> T:
    """Run one Prefect flow embedded, with the progress display, and turn its failure into one line.

    ``call`` gets the settings overrides that point the flow at this command's warehouse and data
    folder, and imports the flow itself (after Prefect's environment is set).
    """
    _prefect_environment(settings, verbose)
    overrides = {"paths": {"database": str(settings.paths.database_path), "data_dir": str(settings.paths.data_dir)}}
    try:
        with _progress_display() as display, use_progress(RichProgress(display)):
            return call(overrides)
    except ConfigError as exc:
        _fail(str(exc))
        raise  # unreachable: _fail exits
    except Exception as exc:  # the flow run has already logged the traceback; say it plainly
        _fail(f"the {name} run failed: {type(exc).__name__}: {exc}", code=1)
        raise  # unreachable


def run_ingest(
    settings: Settings, sources: list[str] | None, settings_file: Path | None, verbose: bool = False
) -> list[dict[str, Any]]:
    """Run the ingest flow once, embedded, with a progress display; returns the summary."""

    def call(overrides: dict[str, Any]) -> list[dict[str, Any]]:
        from flows.ingest import ingest_flow

        return ingest_flow(
            source_names=sources or None,
            settings_overrides=overrides,
            settings_file=str(settings_file) if settings_file else None,
        )

    return run_flow("ingest", settings, verbose, call)


def print_summary(summary: list[dict[str, Any]], elapsed: float) -> None:
    table = Table(title=f"Ingest summary ({elapsed:.1f} s)", title_justify="left")
    for column in ("source", "discovered", "new", "updated", "unchanged", "failed", "skipped"):
        table.add_column(column, justify="left" if column == "source" else "right")
    table.add_column("reasons")
    for row in summary:
        reasons = ", ".join(f"{reason} ×{n}" for reason, n in sorted(row["reasons"].items()))
        table.add_row(
            row["source"],
            *(str(row[k]) for k in ("discovered", "new", "updated", "unchanged", "failed", "skipped")),
            reasons or "-",
        )
    total = {k: sum(r[k] for r in summary) for k in ("discovered", "new", "updated", "unchanged", "failed", "skipped")}
    table.add_row("[bold]total", *(f"[bold]{total[k]}" for k in total), "")
    console.print(table)
    quiet = [r["source"] for r in summary if r.get("unchanged_feeds") and not r["discovered"]]
    if quiet:
        console.print(
            f"Feeds and sitemaps unchanged since the last run (HTTP 304), nothing new to fetch: {', '.join(quiet)}"
        )


@app.command()
def ingest(
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source", "-s", help="A source name from sources.toml (repeatable); default: every enabled source."
        ),
    ] = None,
    db: DbOption = None,
    settings_file: SettingsOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's run logs.")] = False,
) -> None:
    """Run the ingest flow once: discover → fetch → parse → tag → load, then print a summary.

    Demo sources start the bundled newsroom on a free loopback port by themselves.
    """
    settings = _settings(settings_file, db)
    _check_sources(settings, source)
    started = time.perf_counter()
    summary = run_ingest(settings, source, settings_file, verbose)
    if as_json:
        console.print_json(json.dumps(summary))
    else:
        print_summary(summary, time.perf_counter() - started)
        console.print(f"Warehouse: [bold]{settings.paths.database_path}[/]")


@app.command()
def backfill(
    source: Annotated[str, typer.Argument(help="The source to backfill (it needs a [sources.<name>.listing]).")],
    pages: Annotated[int | None, typer.Option("--pages", min=1, help="Read at most N listing pages.")] = None,
    since: Annotated[
        str | None, typer.Option("--since", metavar="YYYY-MM-DD", help="Go back to this publication date.")
    ] = None,
    db: DbOption = None,
    settings_file: SettingsOption = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's run logs.")] = False,
) -> None:
    """Ingest a source's older articles from its listing pages, newest first (resumable, idempotent)."""
    if pages is None and since is None:
        _fail("give --pages N or --since YYYY-MM-DD (or both)")
    settings = _settings(settings_file, db)
    _check_sources(settings, [source])

    def call(overrides: dict[str, Any]) -> list[dict[str, Any]]:
        from flows.backfill import backfill_flow

        return backfill_flow(source_name=source, pages=pages, since=since, settings_overrides=overrides)

    started = time.perf_counter()
    summary = run_flow("backfill", settings, verbose, call)
    print_summary(summary, time.perf_counter() - started)


@app.command()
def run(
    db: DbOption = None,
    settings_file: SettingsOption = None,
    host: Annotated[
        str | None, typer.Option(help="The Prefect server's address (default 127.0.0.1: this machine only).")
    ] = None,
    port: Annotated[
        int | None, typer.Option(help="The Prefect server's port (default 4200 when free, else a free one; 0: any).")
    ] = None,
    now: Annotated[bool, typer.Option("--now", help="Also start one ingest of every enabled source at once.")] = False,
) -> None:
    """Run the schedules: a local Prefect server (with its UI) serving every deployment.

    One ingest deployment per source, on its schedule in sources.toml, plus retry-failed,
    retag-stale, publish-snapshot and compact-warehouse. Ctrl-C pauses the schedules and stops the
    server.
    """
    settings = _settings(settings_file, db)
    _check_sources(settings, None)
    _prefect_environment(settings, verbose=True)
    from flows.serve import ServerStartError, run_service

    home = (settings.paths.data_dir / "prefect").resolve()

    def ready(ui_url: str) -> None:
        console.print(f"Prefect UI: [bold]{ui_url}[/] (runs, logs, schedules). Ctrl-C stops the service.")

    try:
        run_service(
            settings,
            host=host or settings.service.host,
            port=port if port is not None else settings.service.port,
            prefect_home=home,
            run_now=now,
            limit=settings.service.run_limit,
            on_ready=ready,
        )
    except ServerStartError as exc:
        _fail(f"{exc} (its log: {home / 'server.log'})", code=1)


@app.command("backfill-sitemaps")
def backfill_sitemaps(
    source: Annotated[str, typer.Argument(help="A source from sources.toml (it needs sitemaps).")],
    since: Annotated[str, typer.Option("--since", metavar="YYYY-MM-DD", help="First day of the range.")],
    until: Annotated[
        str | None, typer.Option("--until", metavar="YYYY-MM-DD", help="Last day of the range (default: today).")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Fetch at most N articles this run.")] = 2000,
    db: DbOption = None,
    settings_file: SettingsOption = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's run logs.")] = False,
) -> None:
    """Ingest a source's sitemap entries dated in a range (resumable: run again to continue)."""
    settings = _settings(settings_file, db)
    _check_sources(settings, [source])

    def call(overrides: dict[str, Any]) -> dict[str, Any]:
        from flows.sitemap_backfill import sitemap_backfill_flow

        return sitemap_backfill_flow(
            source,
            since,
            until,
            settings_overrides=overrides,
            settings_file=str(settings_file) if settings_file else None,
            limit=limit,
        )

    result = run_flow("backfill", settings, verbose, call)
    console.print(
        f"{source}, {result['since']} to {result['until']}: {result['in_range']} sitemap entries in range "
        f"({result['undated']} undated left out), {result['already_loaded']} already loaded, "
        f"{result['fetched']} fetched: {result['new']} new, {result['updated']} updated, "
        f"{result['failed']} failed; {result['remaining']} left for the next run"
    )


@app.command()
def retag(
    db: DbOption = None,
    settings_file: SettingsOption = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's run logs.")] = False,
) -> None:
    """Re-tag the articles an older tagger tagged (after editing entities.toml or watch.toml)."""
    settings = _settings(settings_file, db)

    def call(overrides: dict[str, Any]) -> dict[str, Any]:
        from flows.maintenance import retag_flow

        return retag_flow(settings_overrides=overrides, settings_file=str(settings_file) if settings_file else None)

    result = run_flow("retag", settings, verbose, call)
    console.print(
        f"Re-tagged {result['articles']} articles ({result['mentions']} mentions) with tagger {result['version']}"
    )


@app.command()
def reparse(
    source: Annotated[
        list[str] | None, typer.Option("--source", "-s", help="Only these sources (repeatable); default: all.")
    ] = None,
    db: DbOption = None,
    settings_file: SettingsOption = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's run logs.")] = False,
) -> None:
    """Rebuild articles from the raw WARC archive with no network (after a parser improvement)."""
    settings = _settings(settings_file, db)

    def call(overrides: dict[str, Any]) -> dict[str, Any]:
        from flows.reparse import reparse_flow

        return reparse_flow(source_names=source or None, settings_overrides=overrides)

    started = time.perf_counter()
    summary = run_flow("reparse", settings, verbose, call)
    console.print(
        f"Reparsed {summary['pages']} archived pages in {time.perf_counter() - started:.1f} s: "
        f"{summary['new']} new, {summary['updated']} updated, {summary['unchanged']} unchanged, "
        f"{summary['failed']} failed"
    )


@app.command()
def trends(
    db: DbOption = None,
    settings_file: SettingsOption = None,
    days: Annotated[int, typer.Option(help="Window for top entities, in days.")] = 30,
    topic: Annotated[str, typer.Option(help="IPTC code for the weekly volume.")] = "medtop:06000000",
) -> None:
    """Print three trend queries: top entities of the last N days, weekly volume of a topic, spikes."""
    settings = _settings(settings_file, db)
    print_trends(settings, days=days, topic=topic)


def print_trends(settings: Settings, *, days: int = 30, topic: str = "medtop:06000000") -> None:
    from warehouse import db as warehouse_db
    from warehouse import queries

    path = settings.paths.database_path
    if not path.exists():
        _fail(f"{path}: no warehouse yet; run `mediamon ingest` (or `make demo`) first")
    con = warehouse_db.connect(path, read_only=True)
    try:
        end = queries.latest_day(con)
        table = Table(title=f"Top entities, {days} days to {end}", title_justify="left")
        for column in ("entity", "type", "articles", "previous", "change"):
            table.add_column(column, justify="left" if column in ("entity", "type") else "right")
        for row in queries.top_entities(con, days=days, limit=10):
            table.add_row(
                row.entity, row.entity_type, str(row.articles), str(row.previous_articles), f"{row.change:+d}"
            )
        console.print(table)

        label_rows = con.execute("SELECT label FROM topics WHERE code = ?", [topic]).fetchall()
        label = label_rows[0][0] if label_rows else topic
        volume = queries.topic_volume(con, topic, grain="week")
        table = Table(title=f"Weekly volume of topic '{label}' ({topic})", title_justify="left")
        table.add_column("week")
        table.add_column("articles", justify="right")
        table.add_column("")
        peak = max((v.articles for v in volume), default=1)
        for v in volume:
            table.add_row(str(v.period), str(v.articles), "█" * round(30 * v.articles / peak))
        console.print(table)

        table = Table(
            title="Entity spikes: each entity's strongest day against its trailing 14-day baseline",
            title_justify="left",
        )
        for column in ("entity", "day", "articles", "baseline/day", "ratio", "z"):
            table.add_column(column, justify="left" if column in ("entity", "day") else "right")
        strongest: dict[str, queries.Spike] = {}
        for spike in queries.entity_spikes(con):  # strongest first: keep each entity's best day
            strongest.setdefault(spike.entity_id, spike)
        for s in list(strongest.values())[:10]:
            table.add_row(
                s.entity, str(s.day), str(s.articles), f"{s.baseline_mean:.2f}", f"{s.ratio:.1f}", f"{s.z_score:.1f}"
            )
        console.print(table)
    finally:
        con.close()


@demo_app.command("run")
def demo_run(
    db: DbOption = None,
    settings_file: SettingsOption = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's run logs.")] = False,
) -> None:
    """Start the demo newsroom, ingest all its outlets, print the summary and three trend queries."""
    settings = _settings(settings_file, db)
    from mediamon.sources import load_sources

    try:
        demo_sources = [s.name for s in load_sources(settings.paths.sources_file).values() if s.kind == "demo"]
    except ConfigError as exc:
        _fail(str(exc))
        return
    started = time.perf_counter()
    summary = run_ingest(settings, demo_sources, settings_file, verbose)
    print_summary(summary, time.perf_counter() - started)
    print_trends(settings)
    path = settings.paths.database_path
    console.print(
        f"\nThe warehouse is [bold]{path}[/]. Open it for ad-hoc SQL with\n"
        f"  .venv/bin/python -c \"import duckdb; duckdb.connect('{path}', read_only=True).sql('SHOW TABLES').show()\"\n"
        "or the DuckDB CLI: duckdb -readonly " + str(path)
    )


@demo_app.command("serve")
def demo_serve(
    port: Annotated[int, typer.Option(help="Loopback port (0 = a free one).")] = 0,
    seed: Annotated[int, typer.Option(help="Generator seed.")] = 42,
) -> None:
    """Serve the demo newsroom on loopback until Ctrl-C."""
    from demo.server import start_newsroom

    with start_newsroom(port=port, seed=seed) as newsroom:
        console.print(f"Demo newsroom at [bold]{newsroom.url}[/] (Ctrl-C to stop)")
        for host, target in newsroom.host_map.items():
            console.print(f"  {host} → {target}")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            console.print("stopped")


@app.command()
def parse(
    target: Annotated[str | None, typer.Argument(help="A saved page (.html or .html.gz) or an http(s) URL.")] = None,
    url: Annotated[str | None, typer.Option("--url", help="The page's URL, for a saved file.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the Article as JSON.")] = False,
    batch: Annotated[Path | None, typer.Option("--batch", help='A JSONL file of {"id", "url", "path"} lines.')] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Where --batch writes its JSONL results.")] = None,
) -> None:
    """Parse one page and print its Article, or a whole batch (start-up paid once).

    Batch lines that fail get an "error" field; the batch goes on.
    """
    from parsers.batch import article_to_record, run_parse_batch

    if batch is not None:
        if out is None:
            _fail("--batch needs --out OUT.jsonl")
            return
        if not batch.exists():
            _fail(f"{batch}: no such file")
        with _progress_display() as display:
            task = display.add_task("parse", total=sum(1 for line in batch.open(encoding="utf-8") if line.strip()))
            ok, failed = run_parse_batch(batch, out, on_progress=lambda n: display.update(task, completed=n))
        err_console.print(f"parsed {ok}, failed {failed} → {out}")
        return
    if target is None:
        _fail("give a FILE_OR_URL, or --batch IN.jsonl --out OUT.jsonl")
        return
    import parsers
    from mediamon.errors import ParseError

    page_url, html = _read_page(target, url)
    try:
        article = parsers.parse(html, url=page_url)
    except ParseError as exc:
        _fail(f"{type(exc).__name__}: {exc}", code=1)
        return
    record = article_to_record(article)
    if as_json:
        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(show_header=False, title=article.title, title_justify="left")
    table.add_column("field", style="bold")
    table.add_column("value", overflow="fold")
    for key, value in record.items():
        if value in (None, [], ""):
            continue
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        table.add_row(key, shown[:600] + " …" if key == "body" and len(shown) > 600 else shown)
    console.print(table)


def _read_page(target: str, url: str | None) -> tuple[str, bytes]:
    if target.startswith(("http://", "https://")):
        import httpx

        settings = load_settings()
        try:
            response = httpx.get(
                target,
                headers={"User-Agent": settings.fetch.identity},
                follow_redirects=True,
                timeout=settings.fetch.read_timeout,
            )
            response.raise_for_status()
        except httpx.HTTPError as exc:
            _fail(f"{target}: {exc}", code=1)
        return str(response.url), response.content
    path = Path(target)
    if not path.exists():
        _fail(f"{path}: no such file")
    data = path.read_bytes()
    if path.suffix == ".gz":
        import gzip

        data = gzip.decompress(data)
    return url or path.resolve().as_uri(), data


@app.command()
def tag(
    batch: Annotated[
        Path | None, typer.Option("--batch", help='A JSONL file of {"id", "text", "title"?} lines.')
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Where --batch writes its JSONL results.")] = None,
    text_file: Annotated[Path | None, typer.Argument(help="A plain-text file to tag (prints JSON).")] = None,
    title: Annotated[str | None, typer.Option(help="The title, for a single text file.")] = None,
    processes: Annotated[int, typer.Option(help="spaCy processes for --batch.")] = 1,
) -> None:
    """Tag texts with entities, IPTC topics, watch topics and keyphrases (models load once)."""
    import tagging
    from tagging.batch import run_tag_batch

    settings = _settings(None, None)
    try:
        tagger = tagging.load_tagger(settings.paths.config_dir, processes=processes)
    except ConfigError as exc:
        _fail(str(exc))
        return
    if batch is not None:
        if out is None:
            _fail("--batch needs --out OUT.jsonl")
            return
        if not batch.exists():
            _fail(f"{batch}: no such file")
        with _progress_display() as display:
            task = display.add_task("tag", total=sum(1 for line in batch.open(encoding="utf-8") if line.strip()))
            count = run_tag_batch(batch, out, tagger=tagger, on_progress=lambda n: display.update(task, completed=n))
        err_console.print(f"tagged {count} → {out}")
        return
    if text_file is None:
        _fail("give a TEXT_FILE, or --batch IN.jsonl --out OUT.jsonl")
        return
    text = text_file.read_text(encoding="utf-8")
    tags = tagger.tag(text, title)
    record = {
        "entities": [
            {
                "start": m.start,
                "end": m.end,
                "type": m.type,
                "text": m.text,
                "entity_id": m.entity_id,
                "canonical": m.canonical,
            }
            for m in tags.entities
        ],
        "topics": [{"code": t.code, "label": t.label, "score": t.score, "scheme": t.scheme} for t in tags.topics],
        "watch": [{"name": w.name, "terms": list(w.terms)} for w in tags.watch],
        "keyphrases": list(tags.keyphrases),
    }
    sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")


@app.command()
def sources(settings_file: SettingsOption = None) -> None:
    """Validate config/sources.toml and list its sources."""
    settings = _settings(settings_file, None)
    from mediamon.sources import load_sources

    try:
        found = load_sources(settings.paths.sources_file)
    except ConfigError as exc:
        _fail(str(exc))
        return
    table = Table(title=str(settings.paths.sources_file), title_justify="left")
    for column in ("name", "outlet", "kind", "enabled", "schedule", "discovery"):
        table.add_column(column)
    for s in found.values():
        schedule = s.schedule.interval or s.schedule.cron or ""
        table.add_row(
            s.name,
            s.outlet,
            s.kind,
            "yes" if s.enabled else "no",
            schedule,
            f"{len(s.feeds)} feed(s), {len(s.sitemaps)} sitemap(s)",
        )
    console.print(table)


def _check_sources(settings: Settings, names: list[str] | None) -> None:
    """Refuse a bad sources.toml or an unknown --source before any work starts."""
    from mediamon.sources import load_sources, select_sources

    try:
        select_sources(load_sources(settings.paths.sources_file), names, path=settings.paths.sources_file)
    except ConfigError as exc:
        _fail(str(exc))


def _register_reader_commands() -> None:
    # sql, export, serve and publish live in mediamon/sqlcli.py (the readers' side).
    from mediamon import sqlcli

    sqlcli.register(app)


_register_reader_commands()


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
