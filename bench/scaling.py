"""Benchmark: parse + tag throughput on Dask with 1, 2 and 4 worker processes (LocalCluster).

Run: ``.venv/bin/python -m bench.scaling [--pages N] [--workers 1 2 4]`` (needs the ``dask`` extra).

The demo newsroom's pages are fetched once into memory; then, for each worker count, a fresh
LocalCluster runs the pipeline's own Dask path (``flows.executors.DaskStages``: chunked Prefect
tasks through prefect-dask's DaskTaskRunner, inside a flow run) twice over the same pages:

- *cold*: the first pass, which pays each worker's imports and its tagger (spaCy) load;
- *warm*: the second pass, the steady state of a long-lived cluster (``pipeline.dask_address``).

The in-process stages (``stages.parse`` + ``stages.tag``, no Dask) give the baseline. Figures are
articles per second; docs/scaling.md quotes them with the machine they were measured on. Not a
test: numbers vary with the machine and with what else runs on it.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from typing import Any

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="mediamon-bench-prefect-"))


# What the benchmark flow works on, set by main(). A module-level flow reads it from here: Prefect
# sends the flow object with every task it submits to Dask, and a flow defined inside main() would
# carry every fetched page along (a 15 MiB task graph per chunk).
_WORK: dict[str, Any] = {}


def _one_cluster(workers: int) -> tuple[float, float, int]:
    from flows.executors import DaskStages, dask_cluster

    settings, sources, results, chunk = (_WORK[k] for k in ("settings", "sources", "results", "chunk"))
    started = time.perf_counter()
    with dask_cluster(workers) as address:
        up = time.perf_counter() - started
        dask = DaskStages(settings, address, chunk)
        timings = []
        for _ in range(2):
            t0 = time.perf_counter()
            parsed = dask.parse(results, sources)
            t1 = time.perf_counter()
            tags = dask.tag(parsed)
            t2 = time.perf_counter()
            timings.append((t1 - t0, t2 - t1, len(tags)))
    (cold_p, cold_t, n), (warm_p, warm_t, _) = timings
    print(
        f"{workers} worker(s): cluster up {up:4.1f} s; cold parse {cold_p:6.1f} s + tag {cold_t:6.1f} s; "
        f"warm parse {warm_p:6.1f} s + tag {warm_t:6.1f} s → cold {n / (cold_p + cold_t):6.1f}, "
        f"warm {n / (warm_p + warm_t):6.1f} articles/s"
    )
    return n / (cold_p + cold_t), n / (warm_p + warm_t), n


def _flow() -> Any:
    from prefect import flow

    return flow(name="bench-scaling", log_prints=False, validate_parameters=False)(_one_cluster)


one_cluster = _flow()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=0, help="use the first N pages (0: all 2,096)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--chunk", type=int, default=128, help="pages or articles per Dask task")
    parser.add_argument("--skip-baseline", action="store_true")
    args = parser.parse_args(argv)

    from prefect.testing.utilities import prefect_test_harness

    from demo.server import start_newsroom
    from fetching.fetcher import FetchRequest
    from flows import stages
    from mediamon.settings import load_settings
    from mediamon.sources import load_sources

    with start_newsroom() as newsroom:
        settings = load_settings(fetch={"host_map": newsroom.host_map})
        sources = load_sources(settings.paths.sources_file)
        demo = [s for s in sources.values() if s.kind == "demo"]
        found = stages.discover(settings.fetch, demo)
        requests = [FetchRequest(i.source, i.url, hints=i.hints) for d in found for i in d.items]
        if args.pages:
            requests = requests[: args.pages]
        started = time.perf_counter()
        results = stages.fetch(settings.fetch, demo, requests)
        print(f"fetched {len(results)} pages in {time.perf_counter() - started:.1f} s (not timed below)")

    cpus = os.cpu_count()
    print(f"machine: {cpus} CPUs (os.cpu_count), load average {os.getloadavg()[0]:.2f} at start")
    rows: list[tuple[str, float, float]] = []

    if not args.skip_baseline:
        started = time.perf_counter()
        parsed = stages.parse(results, sources, workers=1)
        parse_s = time.perf_counter() - started
        articles = [p.article for p in parsed if p.article is not None]
        started = time.perf_counter()
        stages.tag(articles, settings)  # includes loading the tagger once
        tag_s = time.perf_counter() - started
        total = parse_s + tag_s
        print(f"in-process : parse {parse_s:6.1f} s, tag {tag_s:6.1f} s → {len(articles) / total:6.1f} articles/s")
        rows.append(("in-process (no Dask)", len(articles) / total, len(articles) / total))

    _WORK.update(settings=settings, sources=sources, results=results, chunk=args.chunk)
    with prefect_test_harness(server_startup_timeout=120):
        for workers in args.workers:
            cold, warm, _n = one_cluster(workers)  # type: ignore[misc]
            rows.append((f"Dask LocalCluster, {workers} worker process(es)", cold, warm))

    print("\n| executor | cold articles/s | warm articles/s |\n|---|---:|---:|")
    for name, cold, warm in rows:
        print(f"| {name} | {cold:.1f} | {warm:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
