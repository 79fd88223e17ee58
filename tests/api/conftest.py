"""A published snapshot of the synthetic warehouse and a real API server on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from api.server import running_server
from api.settings import ApiSettings
from tests.api.synthetic import build_warehouse
from warehouse import db
from warehouse.snapshot import default_snapshot_path, publish_snapshot


@pytest.fixture(scope="session")
def synthetic_snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    database = build_warehouse(tmp_path_factory.mktemp("api") / "w.duckdb")
    con = db.connect(database)
    try:
        return publish_snapshot(con, default_snapshot_path(database))
    finally:
        con.close()


@pytest.fixture(scope="session")
def api_url(synthetic_snapshot: Path) -> Iterator[str]:
    with running_server(create_app(synthetic_snapshot, settings=ApiSettings(token=None))) as url:
        yield url


@pytest.fixture
def client(api_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=api_url, timeout=30) as http:
        yield http
