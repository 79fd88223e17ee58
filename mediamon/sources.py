"""The outlets a user monitors, read from ``config/sources.toml`` and validated before any work.

Format (one table per source; ``[defaults]`` is merged under every source)::

    [defaults]
    schedule = { interval = "1h" }      # or { cron = "0 */2 * * *" }
    [defaults.politeness]               # Scrapy's names; any key of FetchSettings' politeness part
    download_delay = 2.0

    [sources.demo-jamestown]
    outlet = "The Jamestown Foundation"
    kind = "demo"                       # "demo" (bundled offline newsroom) or "web"
    homepage = "http://jamestown.test/"
    feeds = ["http://jamestown.test/feed/"]       # RSS / Atom / JSON Feed
    sitemaps = []                                 # urlset, sitemap index or Google News sitemap
    autodiscover = false                # also read the homepage's <link rel="alternate"> feeds
    robots_sitemaps = false             # also read the sitemaps robots.txt lists

    [sources.demo-jamestown.listing]    # listing pages, for `mediamon backfill`
    url = "http://jamestown.test/"
    item = "li.teaser"                  # CSS selectors
    link = "a"
    date = "span.date"
    next = "a[rel~=next]"
    language = "en"
    date_order = "DMY"                  # how the outlet writes 11.05.2023
    enabled = true

A typo or bad value fails with a ``ConfigError`` naming the file, the source and the key.
"""

from __future__ import annotations

import re
import tomllib
from datetime import timedelta
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from mediamon.errors import ConfigError

_SOURCE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)\s*$")
_CRON_FIELD = re.compile(r"^[\d*/,\-A-Za-z?LW#]+$")
_INTERVAL_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Schedule(_Strict):
    """Either an interval ("15m", "1h", "1d") or a cron expression (5 fields), not both."""

    interval: str | None = None
    cron: str | None = None
    timezone: str = "UTC"

    @field_validator("interval")
    @classmethod
    def _check_interval(cls, value: str | None) -> str | None:
        if value is not None and not _INTERVAL.match(value):
            raise ValueError(f"{value!r} is not an interval such as '30m', '1h' or '1d'")
        return value

    @field_validator("cron")
    @classmethod
    def _check_cron(cls, value: str | None) -> str | None:
        if value is not None:
            fields = value.split()
            if len(fields) != 5 or not all(_CRON_FIELD.match(f) for f in fields):
                raise ValueError(f"{value!r} is not a 5-field cron expression")
        return value

    @model_validator(mode="after")
    def _one_kind(self) -> Schedule:
        if (self.interval is None) == (self.cron is None):
            raise ValueError("give exactly one of 'interval' or 'cron'")
        return self

    @property
    def interval_seconds(self) -> float | None:
        if self.interval is None:
            return None
        match = _INTERVAL.match(self.interval)
        assert match is not None  # validated above
        return float(match.group(1)) * _INTERVAL_UNITS[match.group(2)]

    @property
    def interval_timedelta(self) -> timedelta | None:
        seconds = self.interval_seconds
        return None if seconds is None else timedelta(seconds=seconds)


class Politeness(_Strict):
    """Per-source overrides of the global fetch settings (Scrapy's names)."""

    robotstxt_obey: bool | None = None
    download_delay: float | None = Field(default=None, ge=0)
    concurrent_requests_per_domain: int | None = Field(default=None, ge=1, le=256)
    read_timeout: float | None = Field(default=None, gt=0)
    max_body_bytes: int | None = Field(default=None, ge=1024)
    user_agent: str | None = None


class Listing(_Strict):
    """Listing pages for backfill: where they start and how to read them (CSS selectors).

    From ``url``, each page's ``item`` elements (teasers) give an article link (``link``, the first
    match inside the item) and optionally its visible date (``date``); ``next`` finds the link to
    the next, older page.
    """

    url: str
    item: str = "article"
    link: str = "a[href]"
    date: str | None = None
    next: str = "a[rel~=next]"

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError(f"{value!r} is not an http(s) URL")
        return value


class Source(_Strict):
    name: str
    outlet: str
    kind: Literal["demo", "web"] = "web"
    homepage: str
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    # Find feeds from the homepage's <link rel="alternate"> and sitemaps from robots.txt.
    autodiscover: bool = False
    robots_sitemaps: bool = False
    language: str | None = None
    date_order: Literal["DMY", "MDY", "YMD"] | None = None
    region: str | None = None
    enabled: bool = True
    schedule: Schedule = Field(default_factory=lambda: Schedule(interval="1h"))
    politeness: Politeness = Field(default_factory=Politeness)
    max_items: int | None = Field(default=None, ge=1, description="cap on items per discovery run")
    listing: Listing | None = None

    @field_validator("homepage", "feeds", "sitemaps")
    @classmethod
    def _http_urls(cls, value: str | tuple[str, ...]) -> str | tuple[str, ...]:
        for url in (value,) if isinstance(value, str) else value:
            if not url.startswith(("http://", "https://")):
                raise ValueError(f"{url!r} is not an http(s) URL")
        return value

    @model_validator(mode="after")
    def _has_discovery(self) -> Source:
        if not (self.feeds or self.sitemaps or self.autodiscover or self.robots_sitemaps):
            raise ValueError(
                "a source needs 'feeds' or 'sitemaps' (or autodiscover / robots_sitemaps = true)"
            )
        return self


def load_sources(path: Path) -> dict[str, Source]:
    """Read and validate every source in ``path``.

    Returns:
        Sources by name, in file order (enabled or not).

    Raises:
        ConfigError: the file is missing, not TOML, or a source has an unknown key or bad value;
            the message names the file, the source and the key.
    """
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: file not found") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    unknown = set(raw) - {"defaults", "sources"}
    if unknown:
        raise ConfigError(f"{path}: unknown top-level key(s): {', '.join(sorted(unknown))}")
    defaults: dict[str, Any] = raw.get("defaults", {})
    tables: dict[str, Any] = raw.get("sources", {})
    if not tables:
        raise ConfigError(f"{path}: no [sources.<name>] tables")
    sources: dict[str, Source] = {}
    for name, table in tables.items():
        if not _SOURCE_NAME.match(name):
            raise ConfigError(f"{path}: source {name!r}: names are lowercase letters, digits, '-' and '_'")
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: source {name!r}: expected a table")
        values = _merge_defaults(defaults, table)
        try:
            sources[name] = Source(name=name, **values)
        except ValidationError as exc:
            raise ConfigError(_describe(exc, path, name)) from exc
        except TypeError as exc:
            raise ConfigError(f"{path}: source {name!r}: {exc}") from exc
    return sources


def select_sources(sources: dict[str, Source], names: list[str] | None, *, path: Path | None = None) -> list[Source]:
    """The sources to run: the named ones (enabled or not), else every enabled one.

    Raises:
        ConfigError: a name is not in the file.
    """
    if not names:
        return [s for s in sources.values() if s.enabled]
    missing = [n for n in names if n not in sources]
    if missing:
        where = f"{path}: " if path else ""
        raise ConfigError(f"{where}unknown source(s): {', '.join(missing)}; known: {', '.join(sources)}")
    return [sources[n] for n in names]


def _merge_defaults(defaults: dict[str, Any], table: dict[str, Any]) -> dict[str, Any]:
    merged = dict(defaults)
    for key, value in table.items():
        # Politeness overrides add to the defaults; a schedule replaces the default one whole
        # (an interval in [defaults] and a cron in the source must not combine).
        if key == "politeness" and isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


def _describe(exc: ValidationError, path: Path, name: str) -> str:
    lines = []
    for err in exc.errors():
        key = ".".join(str(part) for part in err["loc"]) or "(source)"
        lines.append(f"{path}: source {name!r}: key {key!r}: {err['msg']}")
    return "\n".join(lines)
