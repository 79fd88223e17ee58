"""What mediamon deploys: one ingest deployment per source, with the schedule of sources.toml, and
the maintenance flows. Plain data, so that ``mediamon run`` (flows/serve.py), ``prefect.yaml``
(the scale-out shape) and the tests all read one list.

``python -m flows.deployments`` prints the ``prefect.yaml`` these specs imply (shared schedules and
the work pool as YAML anchors); tests/deploy checks that the committed file says the same.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mediamon.settings import PROJECT_ROOT
from mediamon.sources import Schedule, Source, load_sources

WORK_POOL = "mediamon"
WORK_QUEUE = "default"


@dataclass(frozen=True, slots=True)
class ScheduleSpec:
    """An interval (seconds) or a cron expression, in a time zone; inactive schedules are paused."""

    interval: float | None = None
    cron: str | None = None
    timezone: str = "UTC"
    active: bool = True

    @classmethod
    def from_source(cls, schedule: Schedule, *, active: bool) -> ScheduleSpec:
        return cls(schedule.interval_seconds, schedule.cron, schedule.timezone, active)

    @property
    def label(self) -> str:
        """A short name for the YAML anchor: ``every_15m``, ``daily_0330``, ``every_6h_at_00``."""
        if self.interval is not None:
            seconds = int(self.interval)
            for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
                if seconds % size == 0:
                    return f"every_{seconds // size}{unit}"
            return f"every_{seconds}s"
        fields = (self.cron or "").split()
        if len(fields) == 5 and fields[2:] == ["*", "*", "*"] and fields[0].isdigit():
            if fields[1].isdigit():
                return f"daily_{int(fields[1]):02d}{int(fields[0]):02d}"
            if fields[1].startswith("*/") and fields[1][2:].isdigit():
                return f"every_{fields[1][2:]}h_at_{int(fields[0]):02d}"
        return "cron_" + re.sub(r"_+", "_", re.sub(r"[^0-9a-z]", "_", (self.cron or "").replace("*", "x"))).strip("_")


@dataclass(frozen=True, slots=True)
class DeploymentSpec:
    """One deployment: which flow, with which parameters, on which schedule (None: on demand)."""

    name: str
    entrypoint: str  # "flows/ingest.py:ingest_flow" (prefect.yaml's form; also gives the module)
    description: str
    parameters: dict[str, Any] = field(default_factory=dict)
    schedule: ScheduleSpec | None = None
    tags: tuple[str, ...] = ()

    @property
    def collision_strategy(self) -> str:
        """One run at a time. A scheduled run that comes due while the previous one still runs is
        cancelled (a slow source must not pile up runs); on-demand runs wait their turn."""
        return "CANCEL_NEW" if self.schedule is not None else "ENQUEUE"

    @property
    def module(self) -> str:
        return self.entrypoint.partition(":")[0].removesuffix(".py").replace("/", ".")

    @property
    def flow_name(self) -> str:
        return self.entrypoint.partition(":")[2]


# The maintenance flows and their schedules. Compaction runs at night; retries and the retag check
# hourly (a retag run that finds no stale article costs the tagger's load, a few seconds).
MAINTENANCE: tuple[DeploymentSpec, ...] = (
    DeploymentSpec(
        "retry-failed",
        "flows/maintenance.py:retry_failed_flow",
        "Fetch again the URLs whose last attempt failed and whose retry time has come.",
        schedule=ScheduleSpec(interval=3600),
        tags=("maintenance",),
    ),
    DeploymentSpec(
        "retag-stale",
        "flows/maintenance.py:retag_flow",
        "Re-tag the articles tagged by an older tagger version (rules, gazetteer or model changed).",
        schedule=ScheduleSpec(interval=3600),
        tags=("maintenance",),
    ),
    DeploymentSpec(
        "publish-snapshot",
        "flows/maintenance.py:publish_snapshot_flow",
        "Publish the read-only reader snapshot (a safety net: loads publish it after each batch).",
        schedule=ScheduleSpec(interval=3600),
        tags=("maintenance",),
    ),
    DeploymentSpec(
        "compact-warehouse",
        "flows/maintenance.py:compact_flow",
        "CHECKPOINT and VACUUM the warehouse, at night.",
        schedule=ScheduleSpec(cron="30 3 * * *"),
        tags=("maintenance",),
    ),
    DeploymentSpec(
        "backfill-sitemaps",
        "flows/sitemap_backfill.py:sitemap_backfill_flow",
        "Ingest a source's sitemap entries dated in a range (run on demand; resumable).",
        tags=("reprocessing",),
    ),
    DeploymentSpec(
        "backfill",
        "flows/backfill.py:backfill_flow",
        "Ingest a source's older articles from its listing pages (run on demand).",
        tags=("reprocessing",),
    ),
    DeploymentSpec(
        "reparse",
        "flows/reparse.py:reparse_flow",
        "Rebuild articles from the raw WARC archive with no network (run on demand).",
        tags=("reprocessing",),
    ),
)


def ingest_spec(source: Source, parameters: dict[str, Any] | None = None) -> DeploymentSpec:
    """The ingest deployment of one source: paused unless the source is enabled."""
    return DeploymentSpec(
        name=f"ingest-{source.name}",
        entrypoint="flows/ingest.py:ingest_flow",
        description=f"{source.outlet}: discover, fetch, parse, tag and load ({source.kind}).",
        parameters={"source_names": [source.name], **(parameters or {})},
        schedule=ScheduleSpec.from_source(source.schedule, active=source.enabled),
        tags=("ingest", source.kind),
    )


def deployment_specs(sources: dict[str, Source], parameters: dict[str, Any] | None = None) -> list[DeploymentSpec]:
    """Every deployment: one ingest per source (file order), then the maintenance flows.

    Args:
        sources: the validated sources (enabled or not: a disabled source's schedule is paused).
        parameters: extra parameters for every flow (``settings_overrides`` for a served run).
    """
    extra = dict(parameters or {})
    specs = [ingest_spec(s, extra) for s in sources.values()]
    specs += [
        DeploymentSpec(m.name, m.entrypoint, m.description, {**m.parameters, **extra}, m.schedule, m.tags)
        for m in MAINTENANCE
    ]
    return specs


def render_prefect_yaml(specs: list[DeploymentSpec]) -> str:
    """The ``prefect.yaml`` for a work pool of process workers (docker-compose.yml's ``worker``)."""
    schedules: dict[str, ScheduleSpec] = {}
    for spec in specs:
        if spec.schedule is not None:
            base = ScheduleSpec(spec.schedule.interval, spec.schedule.cron, spec.schedule.timezone)
            schedules.setdefault(base.label, base)
    lines = [
        "# Deployments of mediamon for a work pool of process workers (docker-compose.yml's `worker`).",
        "# Generated from config/sources.toml and flows/deployments.py: python -m flows.deployments > prefect.yaml",
        "# (tests/deploy checks that this file and the specs agree). On one machine, `mediamon run` serves",
        "# the same deployments without a work pool. Register them with: prefect deploy --all",
        "name: mediamon",
        "prefect-version: 3.9.1",
        "",
        "definitions:",
        "  work_pools:",
        "    process_pool: &process_pool",
        f"      name: {WORK_POOL}",
        f"      work_queue_name: {WORK_QUEUE}",
        "  schedules:",
    ]
    for label, sched in sorted(schedules.items()):
        lines.append(f"    {label}: &{label}")
        if sched.interval is not None:
            lines.append(f"      interval: {int(sched.interval)}")
        else:
            lines.append(f'      cron: "{sched.cron}"')
        lines.append(f"      timezone: {sched.timezone}")
    lines += [
        "",
        "# The image's working directory holds the code (Dockerfile: WORKDIR /app).",
        "pull:",
        "  - prefect.deployments.steps.set_working_directory:",
        "      directory: /app",
        "",
        "deployments:",
    ]
    for spec in specs:
        lines.append(f"  - name: {spec.name}")
        lines.append(f"    description: {_yaml_string(spec.description)}")
        lines.append(f"    entrypoint: {spec.entrypoint}")
        if spec.tags:
            lines.append(f"    tags: [{', '.join(spec.tags)}]")
        if spec.parameters:
            lines.append("    parameters:")
            for key, value in spec.parameters.items():
                lines.append(f"      {key}: {_yaml_flow(value)}")
        if spec.schedule is None:
            lines.append("    schedules: []")
        else:
            label = ScheduleSpec(spec.schedule.interval, spec.schedule.cron, spec.schedule.timezone).label
            if spec.schedule.active:
                lines.append(f"    schedules:\n      - *{label}")
            else:
                lines.append(f"    schedules:\n      - <<: *{label}\n        active: false")
        lines.append(f"    concurrency_limit:\n      limit: 1\n      collision_strategy: {spec.collision_strategy}")
        lines.append("    work_pool: *process_pool")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _yaml_flow(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_flow(v) for v in value) + "]"
    if isinstance(value, str):
        return value if re.fullmatch(r"[A-Za-z0-9_.\-/]+", value) else _yaml_string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return str(value)


def main() -> int:  # pragma: no cover - a generator run by hand
    sources = load_sources(Path(sys.argv[1]) if len(sys.argv) > 1 else PROJECT_ROOT / "config" / "sources.toml")
    sys.stdout.write(render_prefect_yaml(deployment_specs(sources)))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
