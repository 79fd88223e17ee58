"""Benchmark: each ingest stage alone, then the whole Prefect flow, on the demo newsroom.

Run: ``.venv/bin/python -m bench.ingest`` (or ``make bench``). Prints articles/s per stage and end
to end, and the process's peak resident memory after each step. Not a test: numbers vary with the
machine; the closing notes of the issues quote them with this command.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


def peak_mb() -> float:
    """Peak resident set size of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--parse-workers", type=int, default=1)
    parser.add_argument("--tag-processes", type=int, default=1)
    parser.add_argument("--skip-flow", action="store_true", help="only the stages, not the whole flow")
    args = parser.parse_args(argv)

    from demo.server import start_newsroom
    from flows import stages
    from mediamon.settings import load_settings
    from mediamon.sources import load_sources
    from warehouse import db
    from warehouse.load import LoadItem

    workdir = Path(tempfile.mkdtemp(prefix="mediamon-bench-"))
    rows: list[tuple[str, int, float, float]] = []

    def record(stage: str, count: int, seconds: float) -> None:
        rows.append((stage, count, seconds, peak_mb()))
        print(f"{stage:>14}: {count:6d} in {seconds:7.2f} s = {count / seconds:8.1f}/s  (peak {peak_mb():.0f} MiB)")

    with start_newsroom(seed=args.seed) as newsroom:
        settings = load_settings(
            paths={"data_dir": str(workdir), "database": str(workdir / "stages.duckdb")},
            fetch={"host_map": newsroom.host_map},
            pipeline={"parse_workers": args.parse_workers, "tag_processes": args.tag_processes},
        )
        sources = [s for s in load_sources(settings.paths.sources_file).values() if s.kind == "demo"]
        by_name = {s.name: s for s in sources}

        started = time.perf_counter()
        discoveries = stages.discover(settings.fetch, sources)
        items = sum(len(d.items) for d in discoveries)
        record("discover", items, time.perf_counter() - started)

        started = time.perf_counter()
        requests, _skipped = stages.plan_fetches(discoveries, {}, [], now=datetime.now(UTC), max_attempts=5)
        results = stages.fetch(settings.fetch, sources, requests)
        record("fetch", len(results), time.perf_counter() - started)

        started = time.perf_counter()
        parsed = stages.parse(results, by_name, workers=settings.pipeline.parse_workers)
        articles = [p for p in parsed if p.article is not None]
        record("parse", len(parsed), time.perf_counter() - started)

        started = time.perf_counter()
        stages.tagger_for(settings)
        record("tagger load", 1, time.perf_counter() - started)

        started = time.perf_counter()
        tags = stages.tag([p.article for p in articles if p.article], settings)
        words = sum(p.article.word_count for p in articles if p.article)
        seconds = time.perf_counter() - started
        record("tag", len(tags), seconds)
        print(f"{'':>14}  {words / seconds:,.0f} words/s")

        con = db.connect(settings.paths.database_path)
        load_items = [
            LoadItem(p.fetch.source, p.article, p.content_hash or "", t)
            for p, t in zip(articles, tags, strict=True)
            if p.article is not None
        ]
        rows_ = [stages.fetch_row("bench", p.fetch, "new", article=p.article) for p in articles]
        started = time.perf_counter()
        stages.load(con, load_items, rows_, [], batch_size=settings.pipeline.load_batch_size)
        record("load", len(load_items), time.perf_counter() - started)
        con.close()

    if not args.skip_flow:
        from flows.ingest import ingest_flow

        started = time.perf_counter()
        summary = ingest_flow(
            source_names=[s.name for s in sources],
            settings_overrides={
                "paths": {"data_dir": str(workdir), "database": str(workdir / "flow.duckdb")},
                "pipeline": {"parse_workers": args.parse_workers, "tag_processes": args.tag_processes},
            },
        )
        new = sum(s["new"] for s in summary)
        record("whole flow", new, time.perf_counter() - started)

    print(f"\npython {sys.version.split()[0]}, {os.cpu_count()} cores; work dir {workdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
