"""Suite-wide fixtures: quiet, offline Prefect settings and the misbehaving loopback server."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator

import pytest

# Before anything imports Prefect: no telemetry, and a throwaway Prefect home per session.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="mediamon-prefect-"))
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

from tests.support.trouble_server import reset_hits, serve_trouble


@pytest.fixture(scope="session")
def trouble_server() -> Iterator[str]:
    """Base URL of a real HTTP server on 127.0.0.1 that misbehaves on purpose."""
    with serve_trouble() as url:
        yield url


@pytest.fixture(autouse=True)
def _reset_trouble_hits() -> None:
    reset_hits()
