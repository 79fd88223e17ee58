"""prefect.yaml, docker-compose.yml and the served deployments are the deploy contract, checked here."""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from flows.deployments import deployment_specs, render_prefect_yaml
from mediamon.settings import PROJECT_ROOT, load_settings
from mediamon.sources import load_sources

SOURCES = load_sources(PROJECT_ROOT / "config" / "sources.toml")
MAINTENANCE = {
    "retry-failed",
    "retag-stale",
    "publish-snapshot",
    "compact-warehouse",
    "backfill-sitemaps",
    "backfill",
    "reparse",
}


def prefect_yaml() -> dict:
    return yaml.safe_load((PROJECT_ROOT / "prefect.yaml").read_text(encoding="utf-8"))


def test_prefect_yaml_is_what_the_sources_and_specs_say():
    rendered = yaml.safe_load(render_prefect_yaml(deployment_specs(SOURCES)))
    assert prefect_yaml() == rendered, "regenerate it: .venv/bin/python -m flows.deployments > prefect.yaml"


def test_prefect_yaml_deployments_point_at_real_flows_and_sources():
    spec = prefect_yaml()
    names = [d["name"] for d in spec["deployments"]]
    assert names == [f"ingest-{s}" for s in SOURCES] + sorted(MAINTENANCE, key=names.index)
    for deployment in spec["deployments"]:
        module_path, _, flow_name = deployment["entrypoint"].partition(":")
        module = importlib.import_module(module_path.removesuffix(".py").replace("/", "."))
        assert hasattr(getattr(module, flow_name), "fn"), f"{flow_name} is not a Prefect flow"
        for name in deployment.get("parameters", {}).get("source_names", []):
            assert name in SOURCES, f"{deployment['name']}: unknown source {name}"
        for schedule in deployment["schedules"]:
            assert ("interval" in schedule) != ("cron" in schedule)
        assert deployment["work_pool"] == {"name": "mediamon", "work_queue_name": "default"}
        assert deployment["concurrency_limit"]["limit"] == 1


def test_prefect_yaml_schedules_follow_sources_toml():
    by_name = {d["name"]: d for d in prefect_yaml()["deployments"]}
    for source in SOURCES.values():
        (schedule,) = by_name[f"ingest-{source.name}"]["schedules"]
        if source.schedule.interval:
            assert schedule["interval"] == source.schedule.interval_seconds
        else:
            assert schedule["cron"] == source.schedule.cron
        assert schedule.get("active", True) is source.enabled
    assert by_name["backfill"]["schedules"] == []
    assert by_name["compact-warehouse"]["schedules"][0]["cron"] == "30 3 * * *"


def test_served_deployments_carry_schedules_limits_and_the_service_settings(tmp_path):
    from flows.serve import build_deployments

    settings = load_settings(paths={"data_dir": str(tmp_path)})
    deployments = build_deployments(settings, SOURCES, settings_overrides={"fetch": {"host_map": {"a.test": "x"}}})
    by_name = {d.name: d for d in deployments}
    assert set(by_name) == {f"ingest-{s}" for s in SOURCES} | MAINTENANCE
    demo = by_name["ingest-demo-jamestown"]
    (schedule,) = demo.schedules
    assert schedule.schedule.interval.total_seconds() == 900
    assert schedule.active is True
    assert by_name["ingest-jamestown-edm"].schedules[0].schedule.cron == "0 */6 * * *"
    assert by_name["ingest-jamestown-edm"].schedules[0].active is False  # disabled in sources.toml
    assert demo.entrypoint == "flows.ingest.ingest_flow"  # by module: runs do not depend on the cwd
    assert demo.concurrency_options.collision_strategy.value == "CANCEL_NEW"
    assert by_name["backfill"].concurrency_options.collision_strategy.value == "ENQUEUE"
    assert not by_name["backfill"].schedules
    overrides = demo.parameters["settings_overrides"]
    assert demo.parameters["source_names"] == ["demo-jamestown"]
    assert overrides["paths"]["database"] == str((tmp_path / "mediamon.duckdb").resolve())
    assert overrides["fetch"]["host_map"] == {"a.test": "x"}


def compose_config() -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 -- fixed command
        ["docker", "stack", "config", "-c", str(PROJECT_ROOT / "docker-compose.yml")],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


@pytest.mark.skipif(shutil.which("docker") is None, reason="the docker client is not installed here")
def test_docker_compose_file_is_valid():
    result = compose_config()
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load(result.stdout)
    services = config["services"]
    assert {"postgres", "prefect-server", "deployer", "worker", "dask-scheduler", "dask-worker", "api"} <= set(services)
    assert services["prefect-server"]["environment"]["PREFECT_API_DATABASE_CONNECTION_URL"].startswith(
        "postgresql+asyncpg://"
    )
    worker = services["worker"]
    assert worker["command"][:5] == ["prefect", "worker", "start", "--pool", "mediamon"]
    assert "deploy --all" in " ".join(services["deployer"]["command"])
    assert worker["environment"]["PREFECT_API_URL"] == "http://prefect-server:4200/api"
    assert worker["environment"]["MEDIAMON_PIPELINE__EXECUTOR"] == "dask"
    assert worker["environment"]["MEDIAMON_PIPELINE__DASK_ADDRESS"] == "tcp://dask-scheduler:8786"
    mounts = {v["target"] for v in worker["volumes"]}
    assert "/data" in mounts


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_prefect_yaml_deploys_to_a_real_server(tmp_path):
    """``prefect deploy --all`` accepts prefect.yaml: every deployment, its schedule and its limit."""
    from flows.serve import local_prefect_server

    with local_prefect_server(tmp_path / "prefect-home") as api_url:
        env = {**os.environ, "PREFECT_API_URL": api_url, "PREFECT_HOME": str(tmp_path / "prefect-home")}

        def prefect(*args: str) -> str:
            result = subprocess.run(  # noqa: S603 -- our own interpreter and fixed arguments
                [sys.executable, "-m", "prefect", "--no-prompt", *args],
                cwd=PROJECT_ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=False,
                timeout=180,
            )
            assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
            return result.stdout

        prefect("work-pool", "create", "mediamon", "--type", "process")
        prefect("deploy", "--all")
        import httpx

        deployments = httpx.post(f"{api_url}/deployments/filter", json={}, timeout=30).json()
    by_name = {d["name"]: d for d in deployments}
    assert set(by_name) == {d["name"] for d in prefect_yaml()["deployments"]}
    demo = by_name["ingest-demo-caspian"]
    assert demo["work_pool_name"] == "mediamon"
    assert demo["schedules"][0]["schedule"]["interval"] == 900
    assert demo["global_concurrency_limit"]["limit"] == 1
    assert demo["concurrency_options"]["collision_strategy"] == "CANCEL_NEW"
    assert by_name["ingest-rferl"]["schedules"][0]["active"] is False
    assert Path(tmp_path / "prefect-home").is_dir()
