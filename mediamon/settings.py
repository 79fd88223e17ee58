"""Settings: one typed, frozen object built at the edge and passed down.

Sources of values, later ones winning: defaults below → a settings TOML file (optional) →
environment variables ``MEDIAMON_<SECTION>__<KEY>`` (e.g. ``MEDIAMON_FETCH__USER_AGENT``) →
explicit overrides from the CLI or a test.
Unknown keys fail loudly.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from mediamon.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PathSettings(_Section):
    data_dir: Path = Field(default=Path("data"), description="where the warehouse and caches live")
    config_dir: Path = Field(default=PROJECT_ROOT / "config", description="sources.toml, watch.toml, entities.toml")
    database: Path | None = Field(default=None, description="DuckDB file; data_dir/mediamon.duckdb")
    sources: Path | None = Field(default=None, description="the sources file; config_dir/sources.toml")
    archive: Path | None = Field(default=None, description="WARC archive folder; data_dir/archive")
    warc_max_bytes: int = Field(default=256 * 1024 * 1024, ge=1024, description="rotate WARC files past this")

    @property
    def database_path(self) -> Path:
        return self.database if self.database is not None else self.data_dir / "mediamon.duckdb"

    @property
    def archive_dir(self) -> Path:
        return self.archive if self.archive is not None else self.data_dir / "archive"

    @property
    def sources_file(self) -> Path:
        return self.sources if self.sources is not None else self.config_dir / "sources.toml"


class FetchSettings(_Section):
    """Global politeness and client defaults (Scrapy's names where they exist)."""

    # Who is crawling and how to reach them: site owners read this in their logs. Set contact_url
    # to your own page or mailto: address; "{contact_url}" in user_agent is replaced by it.
    contact_url: str = "https://github.com/mediamon/mediamon"
    user_agent: str = "mediamon/0.1 (+{contact_url}; media monitoring)"

    @property
    def identity(self) -> str:
        """The User-Agent sent with every request, with the contact URL filled in."""
        return self.user_agent.replace("{contact_url}", self.contact_url)

    robotstxt_obey: bool = True
    download_delay: float = Field(default=1.0, ge=0, description="seconds between requests to a host")
    # Scrapy's default. More is slower here, not faster: httpcore's pool scans every connection for
    # every queued request (measured on loopback: 8 in flight 1,300 pages/s, 16 870, 64 330).
    concurrent_requests: int = Field(default=16, ge=1, le=1024)
    concurrent_requests_per_domain: int = Field(default=4, ge=1, le=256)
    connect_timeout: float = Field(default=10.0, gt=0)
    read_timeout: float = Field(default=20.0, gt=0)
    total_timeout: float = Field(default=60.0, gt=0)
    max_redirects: int = Field(default=5, ge=0, le=30)
    max_body_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    retry_times: int = Field(default=2, ge=0, le=10)
    retry_backoff: float = Field(default=0.5, ge=0, description="base of the exponential backoff")
    max_retry_after: float = Field(default=120.0, ge=0, description="cap on a server's Retry-After")
    # Across runs: a URL that failed transiently (network, 408, 429, 5xx) is tried again by later
    # runs after retry_across_runs_base * 2**(failures - 1) seconds, at most max_attempts_across_runs
    # times in all; a final failure (other 4xx, refused content type, oversized body) is not retried.
    retry_across_runs_base: float = Field(default=900.0, ge=0)
    max_attempts_across_runs: int = Field(default=5, ge=1, le=100)
    allowed_content_types: tuple[str, ...] = (
        "text/html",
        "application/xhtml+xml",
        "application/xml",
        "text/xml",
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+json",
        "application/json",
        "application/x-gzip",
        "application/gzip",
        "text/plain",
    )
    # host -> "127.0.0.1:PORT": connect there instead of resolving the host (like curl --resolve).
    # Used by the demo newsroom; empty for real outlets.
    host_map: dict[str, str] = Field(default_factory=dict)


class PipelineSettings(_Section):
    parse_workers: int = Field(default=1, ge=1, le=64, description="processes for the parse stage")
    tag_processes: int = Field(default=1, ge=1, le=64, description="spaCy nlp.pipe n_process")
    tag_batch_size: int = Field(default=64, ge=1)
    load_batch_size: int = Field(default=500, ge=1, description="articles per load transaction")
    publish_snapshot: bool = Field(
        default=True, description="publish the readers' snapshot (data/mediamon.snapshot.duckdb) after each batch"
    )
    publish_interval: float = Field(
        default=0.0,
        ge=0,
        description="at least this many seconds between two snapshot publishes within a run (0: after every batch);"
        " the run's last batch is always published",
    )
    # Where parse and tag run (flows/executors.py): "local" = this process, its process pool
    # (parse_workers) and spaCy's processes (tag_processes); "dask" = chunked tasks on Dask.
    executor: Literal["local", "dask"] = "local"
    dask_address: str | None = Field(
        default=None, description="a Dask scheduler, tcp://host:8786; None: a LocalCluster per run"
    )
    dask_workers: int = Field(default=2, ge=1, le=256, description="LocalCluster worker processes (no dask_address)")
    dask_chunk_size: int = Field(default=128, ge=1, description="pages or articles per Dask task")


class DemoSettings(_Section):
    seed: int = 42


class HealthSettings(_Section):
    """When a source is flagged (flows/health.py), and where alerts go."""

    quiet_runs: int = Field(default=12, ge=1, description="scheduled runs in a row with no new article")
    failing_runs: int = Field(default=1, ge=1, description="scheduled runs in a row that failed")
    webhook_url: str | None = Field(default=None, description="POST alerts here as JSON; None: log only")
    webhook_timeout: float = Field(default=10.0, gt=0)


class WriterSettings(_Section):
    """The warehouse writer lock (flows/writer.py)."""

    lease_seconds: float = Field(default=60.0, ge=60, description="slot lease, renewed while held")
    poll_seconds: float = Field(default=5.0, gt=0, description="how often a waiting writer looks for a dead holder")


class ServiceSettings(_Section):
    """`mediamon run`: the local Prefect server and the served deployments."""

    host: str = "127.0.0.1"
    port: int | None = Field(default=None, ge=0, le=65535, description="None: 4200 when free, else any; 0: any")
    run_limit: int | None = Field(default=None, ge=1, description="flow runs at once; None: no limit")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="MEDIAMON_",
        env_nested_delimiter="__",
        extra="forbid",
        frozen=True,
    )

    paths: PathSettings = Field(default_factory=PathSettings)
    fetch: FetchSettings = Field(default_factory=FetchSettings)
    pipeline: PipelineSettings = Field(default_factory=PipelineSettings)
    demo: DemoSettings = Field(default_factory=DemoSettings)
    health: HealthSettings = Field(default_factory=HealthSettings)
    writer: WriterSettings = Field(default_factory=WriterSettings)
    service: ServiceSettings = Field(default_factory=ServiceSettings)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # Only explicit values: load_settings() merges file < environment < overrides itself.
        return (init_settings,)


def load_settings(settings_file: Path | None = None, **overrides: Any) -> Settings:
    """Build the settings from an optional TOML file, the environment and explicit overrides.

    Args:
        settings_file: a TOML file with ``[paths]``, ``[fetch]``, ``[pipeline]``, ``[demo]``,
            ``[health]``, ``[writer]``, ``[service]`` tables.
        overrides: section dicts that win over the file (the environment wins over the file too).

    Raises:
        ConfigError: naming the file and the offending key.
    """
    file_values: dict[str, Any] = {}
    if settings_file is not None and settings_file.exists():
        try:
            file_values = tomllib.loads(settings_file.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{settings_file}: not valid TOML: {exc}") from exc
    try:
        env_values = EnvSettingsSource(Settings)()
    except Exception as exc:  # pydantic-settings raises SettingsError on undecodable env values
        raise ConfigError(f"environment: {exc}") from exc
    merged = _merge(_merge(file_values, env_values), overrides)
    try:
        return Settings(**merged)
    except ValidationError as exc:
        raise ConfigError(_describe(exc, settings_file)) from exc


def _merge(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _describe(exc: ValidationError, origin: Path | None) -> str:
    where = str(origin) if origin is not None else "settings"
    lines = []
    for err in exc.errors():
        key = ".".join(str(part) for part in err["loc"])
        lines.append(f"{where}: {key}: {err['msg']}")
    return "\n".join(lines)
