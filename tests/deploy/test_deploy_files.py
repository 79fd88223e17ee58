"""prefect.yaml and docker-compose.yml are valid: they are the deploy contract, checked here."""

from __future__ import annotations

import importlib
import shutil
import subprocess

import pytest
import yaml

from mediamon.settings import PROJECT_ROOT
from mediamon.sources import load_sources


def test_prefect_yaml_deployments_point_at_real_flows_and_sources():
    spec = yaml.safe_load((PROJECT_ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    sources = load_sources(PROJECT_ROOT / "config" / "sources.toml")
    assert spec["deployments"], "at least one deployment"
    for deployment in spec["deployments"]:
        module_path, _, flow_name = deployment["entrypoint"].partition(":")
        module = importlib.import_module(module_path.removesuffix(".py").replace("/", "."))
        assert hasattr(getattr(module, flow_name), "fn"), f"{flow_name} is not a Prefect flow"
        for name in deployment["parameters"]["source_names"]:
            assert name in sources, f"{deployment['name']}: unknown source {name}"
        for schedule in deployment["schedules"]:
            assert ("interval" in schedule) != ("cron" in schedule)
        assert deployment["work_pool"]["name"] == "mediamon"


@pytest.mark.skipif(shutil.which("docker") is None, reason="the docker client is not installed here")
def test_docker_compose_file_is_valid():
    result = subprocess.run(  # noqa: S603 -- fixed command
        ["docker", "stack", "config", "-c", str(PROJECT_ROOT / "docker-compose.yml")],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "prefect-server" in result.stdout
    assert "postgres" in result.stdout
