"""Benchmark: fetch throughput and client CPU against the demo newsroom on loopback.

Run: ``.venv/bin/python -m bench.fetch``. The newsroom runs in a separate process, so the CPU
figures are the fetcher's own. Two measurements:

1. politeness off (no delay, no robots.txt, 16 requests in flight — Scrapy's CONCURRENT_REQUESTS
   default): pages/s and CPU ms per page;
2. politeness on at 10 pages/s (download_delay 0.1 s, one host): the share of one core it costs.

Targets (the fetching issue): at least 500 pages/s with politeness off, and under 5% of one core at
10 pages/s — fetching is never the pipeline's bottleneck.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import socket
import subprocess
import sys
import time
from collections.abc import Sequence

from demo.corpus import build_corpus
from fetching.client import build_client
from fetching.fetcher import Fetcher, FetchRequest
from fetching.politeness import HostPolicy
from mediamon.records import FetchResult
from mediamon.settings import FetchSettings


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_fetches(settings: FetchSettings, urls: Sequence[str]) -> tuple[list[FetchResult], float, float]:
    """Fetch ``urls``; returns the results, wall seconds and this process's CPU seconds."""

    async def run() -> list[FetchResult]:
        async with build_client(settings) as client:
            fetcher = Fetcher(client, {}, HostPolicy.merge(settings), concurrency=settings.concurrent_requests)
            return await fetcher.fetch_many([FetchRequest("bench", u) for u in urls])

    cpu, wall = cpu_seconds(), time.perf_counter()
    results = asyncio.run(run())
    return results, time.perf_counter() - wall, cpu_seconds() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the full corpus, politeness off")
    parser.add_argument("--polite-pages", type=int, default=60, help="pages fetched at 10 pages/s")
    parser.add_argument(
        "--server",
        choices=("fast", "demo"),
        default="fast",
        help="fast: pre-rendered pages from a minimal asyncio server (measures the fetcher); "
        "demo: the demo newsroom's own threaded server (which is the limit on 2 cores)",
    )
    args = parser.parse_args(argv)

    port = free_port()
    module = ["bench.loopback_server", str(port)] if args.server == "fast" else ["demo", "--port", str(port)]
    server = subprocess.Popen(  # noqa: S603 -- our own modules
        [sys.executable, "-m", *module], stdout=subprocess.PIPE, text=True
    )
    try:
        assert server.stdout is not None
        server.stdout.readline()  # a first line once it listens
        corpus = build_corpus(42)
        urls = [a.url for a in corpus.articles]
        host_map = dict.fromkeys({u.split("/")[2] for u in urls}, f"127.0.0.1:{port}")

        fast = FetchSettings(
            host_map=host_map, download_delay=0, robotstxt_obey=False, concurrent_requests=16,
            concurrent_requests_per_domain=16,
        )  # fmt: skip
        run_fetches(fast, urls[:200])  # warm up connections and caches
        print(f"politeness off: {len(urls)} pages x {args.rounds} rounds")
        rates = []
        for n in range(args.rounds):
            results, wall, cpu = run_fetches(fast, urls)
            failed = sum(1 for r in results if not r.ok)
            rates.append(len(urls) / wall)
            print(
                f"  round {n + 1}: {len(urls) / wall:7.1f} pages/s, {1000 * cpu / len(urls):5.2f} CPU ms/page, "
                f"{failed} failed"
            )
        print(f"  median: {sorted(rates)[len(rates) // 2]:.1f} pages/s")

        polite = FetchSettings(
            host_map=host_map, download_delay=0.1, robotstxt_obey=True, concurrent_requests_per_domain=1
        )
        one_host = [u for u in urls if "jamestown.test" in u][: args.polite_pages]
        results, wall, cpu = run_fetches(polite, one_host)
        print(
            f"politeness on (download_delay 0.1 s, one host): {len(one_host) / wall:.1f} pages/s, "
            f"{100 * cpu / wall:.1f}% of one core, {sum(1 for r in results if not r.ok)} failed"
        )
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"server: {args.server}; python {sys.version.split()[0]}, {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
