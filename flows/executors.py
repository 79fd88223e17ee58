"""Where the CPU stages (parse, tag) run: here, or on a Dask cluster.

``pipeline.executor = "local"`` (the default) keeps parse in this process or its process pool
(``pipeline.parse_workers``) and tag in spaCy's own processes (``pipeline.tag_processes``).
``"dask"`` runs both as chunked Prefect tasks on Dask through prefect-dask's ``DaskTaskRunner``:
a cluster given by ``pipeline.dask_address`` (a ``dask scheduler`` shared by every worker machine,
see docs/scaling.md), or a ``LocalCluster`` of ``pipeline.dask_workers`` processes started for the
run. Each Dask worker loads the tagger once and keeps it for every chunk it gets.

Dask needs the ``dask`` extra (``pip install 'mediamon[dask]'``): prefect-dask and distributed.
"""

from __future__ import annotations

import contextlib
import logging
import pickle
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from prefect import task
from prefect.cache_policies import NONE

from flows import stages
from flows.stages import Parsed
from mediamon.records import FetchResult, Tags
from mediamon.settings import Settings
from mediamon.sources import Source

DEFAULT_CHUNK = 128


@dataclass(frozen=True, slots=True)
class ComputeOptions:
    """The executor settings (``[pipeline]``: executor, dask_address, dask_workers, dask_chunk_size)."""

    executor: str = "local"  # "local" | "dask"
    dask_address: str | None = None
    dask_workers: int = 2
    chunk_size: int = DEFAULT_CHUNK


def compute_options(settings: Settings) -> ComputeOptions:
    """Read the executor settings; settings that predate these fields mean "local"."""
    pipeline = settings.pipeline
    return ComputeOptions(
        executor=str(getattr(pipeline, "executor", "local")),
        dask_address=getattr(pipeline, "dask_address", None),
        dask_workers=int(getattr(pipeline, "dask_workers", 2)),
        chunk_size=int(getattr(pipeline, "dask_chunk_size", DEFAULT_CHUNK)),
    )


def pack(items: list[Any]) -> bytes:
    """A chunk as one opaque value: Prefect walks a task's inputs looking for futures, and walking
    64 pages with their bodies and headers costs more than parsing them."""
    return pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL)


def unpack(blob: bytes) -> list[Any]:
    return list(pickle.loads(blob))  # noqa: S301 -- our own chunks, packed by this module in this run


@task(name="parse-chunk", cache_policy=NONE)
def parse_chunk_task(chunk: bytes) -> list[Parsed]:
    return [stages.parse_one(result, order) for result, order in unpack(chunk)]


@task(name="tag-chunk", cache_policy=NONE)
def tag_chunk_task(chunk: bytes, settings: Settings) -> list[Tags]:
    tagger = stages.tagger_for(settings)  # loaded once per Dask worker process
    return list(tagger.tag_many((a.body, a.title) for a in unpack(chunk)))


def _chunks(items: Sequence[Any], size: int) -> list[list[Any]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


class DaskStages:
    """Parse and tag on one Dask cluster, each stage a subflow of chunk tasks (in order)."""

    def __init__(self, settings: Settings, address: str, chunk_size: int) -> None:
        self.settings = settings
        self.address = address
        self.chunk_size = chunk_size

    def _run(self, task_: Any, chunks: list[list[Any]], **extra: Any) -> list[Any]:
        """Submit one task per chunk to the cluster and gather the results in order.

        The chunks go to the tasks directly, never through a subflow: a flow run's parameters are
        stored by the API (and refused past 512 KiB), a task's inputs are not. Each chunk travels
        packed (``quote()`` does not survive the Dask client: it reaches the task still wrapped).
        """
        from prefect_dask import DaskTaskRunner

        with DaskTaskRunner(address=self.address) as runner:
            futures = [runner.submit(task_, parameters={"chunk": pack(chunk), **extra}) for chunk in chunks]
            return [out for future in futures for out in future.result()]

    def parse(self, results: Sequence[FetchResult], sources: dict[str, Source]) -> list[Parsed]:
        """Like ``stages.parse``: every 2xx page with a body, in order."""
        todo = [
            (r, sources[r.source].date_order if r.source in sources else None)
            for r in results
            if r.ok and r.status is not None and r.status != 304
        ]
        return self._run(parse_chunk_task, _chunks(todo, self.chunk_size)) if todo else []

    def tag(self, parsed: Sequence[Parsed]) -> list[Tags]:
        """Like ``stages.tag`` over the parsed pages' articles, in order."""
        articles = [p.article for p in parsed if p.article is not None]
        if not articles:
            return []
        return self._run(tag_chunk_task, _chunks(articles, self.chunk_size), settings=self.settings)


@contextlib.contextmanager
def dask_cluster(workers: int) -> Iterator[str]:
    """A ``LocalCluster`` of ``workers`` single-threaded processes for the ``with`` block; yields
    the scheduler's address. No dashboard (it would need bokeh and a port)."""
    from distributed import LocalCluster

    chatty = logging.getLogger("distributed")
    level = chatty.level
    chatty.setLevel(logging.WARNING)  # a line per worker event otherwise
    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.WARNING
    )
    try:
        yield str(cluster.scheduler_address)
    finally:
        cluster.close()
        chatty.setLevel(level)


@contextlib.contextmanager
def dask_stages(settings: Settings) -> Iterator[DaskStages | None]:
    """``DaskStages`` when ``pipeline.executor = "dask"``, else None (parse and tag stay local).

    Without ``pipeline.dask_address``, a LocalCluster lives for the ``with`` block: one per flow
    run, so its workers load the tagger once for the run's chunks.
    """
    options = compute_options(settings)
    if options.executor != "dask":
        yield None
        return
    if options.dask_address:
        yield DaskStages(settings, options.dask_address, options.chunk_size)
        return
    with dask_cluster(options.dask_workers) as address:
        yield DaskStages(settings, address, options.chunk_size)
