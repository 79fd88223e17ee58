"""Schedules that run by themselves: a local Prefect server, and every deployment served from here.

``run_service`` is ``mediamon run``: it starts ``prefect server start`` on loopback (SQLite under
``data/prefect``, telemetry off), waits for ``/api/health``, points this process at it, creates the
warehouse writer limit, and serves every deployment of flows/deployments.py with ``prefect.serve``
until Ctrl-C (or SIGTERM); then it pauses the schedules and stops the server. The Prefect UI at the
printed address shows every run, its logs and its task states.

Served runs execute in subprocesses of this process (the Prefect runner starts one per flow run),
load their flow by module path (``flows.ingest.ingest_flow``) and get the service's settings as the
``settings_overrides`` parameter, so a run started from the UI uses the same warehouse.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from flows.deployments import DeploymentSpec, ScheduleSpec, deployment_specs
from mediamon.settings import Settings
from mediamon.sources import Source, load_sources

if TYPE_CHECKING:
    from prefect.deployments.runner import RunnerDeployment

logger = logging.getLogger(__name__)

DEFAULT_PORT = 4200  # Prefect's own default: the UI keeps its address when the port is free
SERVICE_FILE = "service.json"


class ServerStartError(RuntimeError):
    """The local Prefect server exited or did not answer /api/health in time."""


# --- deployments -------------------------------------------------------------------------------


def settings_parameters(settings: Settings, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The ``settings_overrides`` a served run needs to see the service's settings.

    Only values that differ from the defaults, as JSON, with the paths made absolute (a run's
    working directory is not the service's concern); ``overrides`` win.
    """
    values: dict[str, Any] = settings.model_dump(mode="json", exclude_defaults=True)
    paths = {
        key: str(Path(value).resolve()) if isinstance(value, str) else value
        for key, value in values.get("paths", {}).items()
    }
    paths["data_dir"] = str(settings.paths.data_dir.resolve())
    paths["database"] = str(settings.paths.database_path.resolve())
    values["paths"] = paths
    return _merge(values, overrides or {})


def _merge(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _schedule(spec: ScheduleSpec) -> Any:
    from prefect.schedules import Schedule

    if spec.interval is not None:
        return Schedule(interval=timedelta(seconds=spec.interval), timezone=spec.timezone, active=spec.active)
    return Schedule(cron=spec.cron, timezone=spec.timezone, active=spec.active)


def _flow_of(spec: DeploymentSpec) -> Any:
    return getattr(importlib.import_module(spec.module), spec.flow_name)


def build_deployments(
    settings: Settings,
    sources: dict[str, Source] | None = None,
    *,
    settings_overrides: dict[str, Any] | None = None,
) -> list[RunnerDeployment]:
    """One ``RunnerDeployment`` per spec of flows/deployments.py, ready for ``prefect.serve``.

    Each ingest deployment runs one source on the schedule of sources.toml (paused when the source
    is disabled); at most one run per deployment at a time: a scheduled run that comes due while the
    previous one still runs is cancelled rather than queued (``CANCEL_NEW``), so a slow source never
    piles up runs; on-demand deployments (backfill, reparse) queue.

    Args:
        settings: the service's settings; passed to every run as ``settings_overrides``.
        sources: the sources (default: read from ``settings.paths.sources_file``).
        settings_overrides: extra overrides for every run (a test's ``fetch.host_map``).
    """
    from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
    from prefect.types.entrypoint import EntrypointType

    if sources is None:
        sources = load_sources(settings.paths.sources_file)
    parameters = {"settings_overrides": settings_parameters(settings, settings_overrides)}
    deployments = []
    for spec in deployment_specs(sources, parameters):
        deployments.append(
            _flow_of(spec).to_deployment(
                name=spec.name,
                description=spec.description,
                parameters=spec.parameters,
                schedules=[_schedule(spec.schedule)] if spec.schedule is not None else None,
                tags=list(spec.tags),
                concurrency_limit=ConcurrencyLimitConfig(
                    limit=1, collision_strategy=ConcurrencyLimitStrategy(spec.collision_strategy)
                ),
                # Loaded by module path: the runs do not depend on the working directory.
                entrypoint_type=EntrypointType.MODULE_PATH,
            )
        )
    return deployments


def serve_all(
    settings: Settings,
    sources: dict[str, Source] | None = None,
    *,
    settings_overrides: dict[str, Any] | None = None,
    limit: int | None = None,
) -> None:
    """Serve every deployment until interrupted (needs a Prefect server: ``PREFECT_API_URL``).

    Args:
        limit: at most this many flow runs at once in this process (None: no limit; the warehouse
            writer limit already serialises the loads).
    """
    from prefect import serve

    from flows.writer import ensure_writer_limit

    ensure_writer_limit()
    deployments = build_deployments(settings, sources, settings_overrides=settings_overrides)
    serve(*deployments, limit=limit, pause_on_shutdown=True)


# --- the local server ---------------------------------------------------------------------------


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now (the OS's pick)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Linux: the server gets SIGTERM if this process dies without stopping it (even by SIGKILL)."""
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def server_environment(prefect_home: Path) -> dict[str, str]:
    """The environment of a local server: its home (SQLite), no telemetry, no inherited API URL."""
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", "PREFECT_API_KEY")}
    env.update(
        PREFECT_HOME=str(prefect_home),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_SERVER_LOGGING_LEVEL=os.environ.get("PREFECT_SERVER_LOGGING_LEVEL", "WARNING"),
    )
    return env


def wait_until_healthy(api_url: str, process: subprocess.Popen[bytes] | None, timeout: float) -> None:
    """Poll ``<api_url>/health`` until it answers ``true``.

    Raises:
        ServerStartError: the process exited, or ``timeout`` seconds passed.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise ServerStartError(f"the Prefect server exited with code {process.returncode}")
        with contextlib.suppress(httpx.HTTPError):
            response = httpx.get(f"{api_url}/health", timeout=2.0)
            if response.status_code == 200 and response.json() is True:
                return
        time.sleep(0.5)
    raise ServerStartError(f"the Prefect server did not answer {api_url}/health within {timeout:.0f} s")


def stop_process(process: subprocess.Popen[bytes], *, grace: float = 15.0) -> None:
    """SIGTERM, wait ``grace`` seconds, then SIGKILL; always reaped."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def local_prefect_server(
    prefect_home: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    ready_timeout: float = 120.0,
    log_file: Path | None = None,
) -> Iterator[str]:
    """Run ``prefect server start`` for the ``with`` block; yields its API URL.

    The server keeps its SQLite database in ``prefect_home``; its output goes to ``log_file``
    (default ``prefect_home/server.log``). It is stopped (and reaped) on exit, and on Linux it also
    stops if this process is killed.
    """
    prefect_home.mkdir(parents=True, exist_ok=True)  # SQLite does not create missing folders
    port = port or free_port(host)
    api_url = f"http://{host}:{port}/api"
    log_path = log_file or prefect_home / "server.log"
    env = server_environment(prefect_home)
    # The UI asks the API at PREFECT_UI_API_URL, which follows the server's *settings* (port 4200),
    # not the --port given on the command line: without this, a UI on another port shows nothing.
    env.update(PREFECT_UI_API_URL=api_url, PREFECT_SERVER_API_HOST=host, PREFECT_SERVER_API_PORT=str(port))
    with log_path.open("ab") as log:
        process = subprocess.Popen(  # noqa: S603 -- our own interpreter and fixed arguments
            [sys.executable, "-m", "prefect", "server", "start", "--host", host, "--port", str(port)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            # Its own session: the terminal's Ctrl-C reaches us, and we stop it after the runner
            # has paused the schedules through it.
            start_new_session=True,
            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,  # noqa: PLW1509
        )
    try:
        wait_until_healthy(api_url, process, ready_timeout)
        yield api_url
    finally:
        stop_process(process)


# --- the service --------------------------------------------------------------------------------


def service_file(prefect_home: Path) -> Path:
    return prefect_home / SERVICE_FILE


def running_service_url(prefect_home: Path) -> str | None:
    """The API URL of a ``mediamon run`` service on this machine that is alive, else None.

    ``mediamon ingest`` uses it so that manual runs show in the service's UI and share its writer
    limit, instead of starting an ephemeral API of their own.
    """
    try:
        record = json.loads(service_file(prefect_home).read_text(encoding="utf-8"))
        pid, api_url = int(record["pid"]), str(record["api_url"])
        os.kill(pid, 0)
    except (FileNotFoundError, ValueError, KeyError, TypeError, ProcessLookupError, PermissionError):
        return None
    with contextlib.suppress(httpx.HTTPError):
        if httpx.get(f"{api_url}/health", timeout=2.0).status_code == 200:
            return api_url
    return None


def _raise_interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


@contextlib.contextmanager
def _api(api_url: str) -> Iterator[None]:
    """Point this process and the runs it starts at ``api_url``."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    previous = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = api_url  # flow-run subprocesses inherit the environment
    try:
        with temporary_settings(updates={PREFECT_API_URL: api_url}):
            yield
    finally:
        if previous is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = previous


def run_service(
    settings: Settings,
    *,
    host: str = "127.0.0.1",
    port: int | None = None,
    prefect_home: Path | None = None,
    sources: dict[str, Source] | None = None,
    settings_overrides: dict[str, Any] | None = None,
    run_now: bool = False,
    limit: int | None = None,
    ready_timeout: float = 120.0,
    on_ready: Any = None,
) -> None:
    """Start a local Prefect server and serve every deployment until Ctrl-C or SIGTERM.

    Args:
        settings: the service's settings (warehouse, sources file, ...), handed to every run.
        host: the server's address; keep loopback unless you mean to expose the UI.
        port: the server's port (None: 4200 when free, else any free port; 0: any free port).
        prefect_home: the server's home and SQLite database (default ``<data_dir>/prefect``).
        sources: the sources to deploy (default: ``settings.paths.sources_file``).
        settings_overrides: extra overrides for every run.
        run_now: also start one run of every enabled source's ingest at once.
        limit: at most this many flow runs at once (None: no limit).
        ready_timeout: seconds to wait for ``/api/health``.
        on_ready: called with the UI's URL once the server answers (the CLI prints it).

    Raises:
        ServerStartError: the server did not come up.
    """
    home = (prefect_home or settings.paths.data_dir / "prefect").resolve()
    if port is None:
        port = DEFAULT_PORT if _port_is_free(host, DEFAULT_PORT) else 0
    if sources is None:
        sources = load_sources(settings.paths.sources_file)
    previous_term = signal.signal(signal.SIGTERM, _raise_interrupt)
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    try:
        with local_prefect_server(home, host=host, port=port, ready_timeout=ready_timeout) as api_url, _api(api_url):
            service_file(home).write_text(json.dumps({"api_url": api_url, "pid": os.getpid()}), encoding="utf-8")
            try:
                ui_url = api_url.removesuffix("/api")
                logger.info("Prefect UI at %s", ui_url)
                if on_ready is not None:
                    on_ready(ui_url)
                if run_now:
                    _start_runs_soon([s for s in sources.values() if s.enabled])
                serve_all(settings, sources, settings_overrides=settings_overrides, limit=limit)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    service_file(home).unlink()
    except KeyboardInterrupt:
        logger.info("stopped")
    finally:
        signal.signal(signal.SIGTERM, previous_term)


def _start_runs_soon(sources: list[Source]) -> None:
    """Schedule one run of each source's ingest deployment for now (once the runner registers it).

    The deployments do not exist before ``serve`` registers them, so a helper thread waits for
    each and creates a flow run from it.
    """
    import contextvars
    import threading

    def create() -> None:
        from prefect.client.orchestration import get_client
        from prefect.exceptions import ObjectNotFound

        with get_client(sync_client=True) as client:
            for source in sources:
                for _attempt in range(120):
                    try:
                        deployment = client.read_deployment_by_name(f"ingest/ingest-{source.name}")
                    except ObjectNotFound:
                        time.sleep(0.5)
                        continue
                    client.create_flow_run_from_deployment(deployment.id, tags=["run-now"])
                    break

    context = contextvars.copy_context()  # Prefect's settings (the API URL) live in context variables
    threading.Thread(target=context.run, args=(create,), name="mediamon-run-now", daemon=True).start()
