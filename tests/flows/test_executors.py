"""Parse and tag on Dask give what the local stages give, in the same order."""

from __future__ import annotations

import pytest

from flows import stages
from flows.executors import ComputeOptions, DaskStages, compute_options, dask_cluster, dask_stages
from mediamon.settings import load_settings


def test_the_default_executor_is_local():
    settings = load_settings()
    assert compute_options(settings) == ComputeOptions()
    with dask_stages(settings) as dask:
        assert dask is None


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_harness")
@pytest.mark.timeout(300)
def test_dask_stages_match_the_local_stages():
    pytest.importorskip("prefect_dask")
    from prefect import flow

    from demo.server import start_newsroom
    from fetching.fetcher import FetchRequest
    from mediamon.sources import load_sources

    with start_newsroom() as newsroom:
        settings = load_settings(fetch={"host_map": newsroom.host_map})
        sources = load_sources(settings.paths.sources_file)
        steppe = [sources["demo-steppe"]]
        (found,) = stages.discover(settings.fetch, steppe)
        requests = [FetchRequest(i.source, i.url, hints=i.hints) for i in found.items[:40]]
        results = stages.fetch(settings.fetch, steppe, requests)

    @flow(name="dask-stages-test", validate_parameters=False)
    def on_dask() -> tuple[list, list]:
        with dask_cluster(2) as address:
            dask = DaskStages(settings, address, chunk_size=7)
            parsed = dask.parse(results, sources)
            return parsed, dask.tag(parsed)

    parsed, tags = on_dask()
    local = stages.parse(results, sources)
    assert [(p.fetch.url, p.content_hash, p.outcome) for p in parsed] == [
        (p.fetch.url, p.content_hash, p.outcome) for p in local
    ]
    assert tags == stages.tag([p.article for p in local if p.article is not None], settings)
    assert len(tags) == 40
