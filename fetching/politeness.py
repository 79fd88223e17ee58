"""Politeness: robots.txt, per-host delay and concurrency, with Scrapy's vocabulary.

``HostPolicy`` is the merged view of the global fetch settings and a source's overrides.
``HostGate`` serialises access to one host: at most ``concurrent_requests_per_domain`` requests in
flight and at least ``download_delay`` seconds (or the robots.txt Crawl-delay, if larger) between
the starts of two requests.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
from protego import Protego

from mediamon.settings import FetchSettings
from mediamon.sources import Politeness

ROBOTS_TTL_SECONDS = 3600.0
ROBOTS_MAX_BYTES = 512 * 1024


@dataclass(frozen=True, slots=True)
class HostPolicy:
    user_agent: str
    robotstxt_obey: bool
    download_delay: float
    concurrent_requests_per_domain: int
    read_timeout: float
    max_body_bytes: int
    max_redirects: int
    retry_times: int
    retry_backoff: float
    max_retry_after: float
    allowed_content_types: tuple[str, ...]

    @classmethod
    def merge(cls, base: FetchSettings, overrides: Politeness | None = None) -> HostPolicy:
        """The global settings with a source's non-empty overrides on top."""
        o = overrides or Politeness()
        return cls(
            user_agent=(o.user_agent or base.user_agent).replace("{contact_url}", base.contact_url),
            robotstxt_obey=base.robotstxt_obey if o.robotstxt_obey is None else o.robotstxt_obey,
            download_delay=base.download_delay if o.download_delay is None else o.download_delay,
            concurrent_requests_per_domain=o.concurrent_requests_per_domain or base.concurrent_requests_per_domain,
            read_timeout=o.read_timeout or base.read_timeout,
            max_body_bytes=o.max_body_bytes or base.max_body_bytes,
            max_redirects=base.max_redirects,
            retry_times=base.retry_times,
            retry_backoff=base.retry_backoff,
            max_retry_after=base.max_retry_after,
            allowed_content_types=base.allowed_content_types,
        )


class HostGate:
    """Concurrency and minimum interval for one host."""

    def __init__(self, concurrency: int, delay: float) -> None:
        self._semaphore = asyncio.Semaphore(concurrency)
        self._delay = delay
        self._lock = asyncio.Lock()
        self._next_start = 0.0

    def slow_down(self, delay: float) -> None:
        """Raise the minimum interval (e.g. to a robots.txt Crawl-delay)."""
        self._delay = max(self._delay, delay)

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        async with self._semaphore:
            if self._delay > 0:
                async with self._lock:
                    wait = self._next_start - time.monotonic()
                    if wait > 0:
                        await asyncio.sleep(wait)
                    self._next_start = time.monotonic() + self._delay
            yield


class RobotsCache:
    """robots.txt per host, parsed with protego and kept for ``ttl`` seconds.

    A missing robots.txt (4xx) allows everything; an unreachable one (5xx, network error) also
    allows, as most crawlers do, but is retried after the TTL.
    """

    def __init__(self, client: httpx.AsyncClient, ttl: float = ROBOTS_TTL_SECONDS) -> None:
        self._client = client
        self._ttl = ttl
        self._cache: dict[str, tuple[float, Protego | None]] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def rules(self, url: str) -> Protego | None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        lock = self._locks.setdefault(origin, asyncio.Lock())
        async with lock:
            cached = self._cache.get(origin)
            if cached and time.monotonic() - cached[0] < self._ttl:
                return cached[1]
            parsed = await self._download(origin)
            self._cache[origin] = (time.monotonic(), parsed)
            return parsed

    async def allowed(self, url: str, user_agent: str) -> bool:
        rules = await self.rules(url)
        return True if rules is None else bool(rules.can_fetch(url, user_agent))

    async def crawl_delay(self, url: str, user_agent: str) -> float:
        rules = await self.rules(url)
        if rules is None:
            return 0.0
        delay = rules.crawl_delay(user_agent)
        return float(delay) if delay else 0.0

    async def sitemaps(self, url: str) -> list[str]:
        rules = await self.rules(url)
        return [] if rules is None else list(rules.sitemaps)

    async def _download(self, origin: str) -> Protego | None:
        try:
            response = await self._client.get(f"{origin}/robots.txt")
        except httpx.HTTPError:
            return None
        if response.status_code >= 400:
            return None
        text = response.content[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace")
        try:
            return Protego.parse(text)
        except Exception:  # protego is lenient; anything it cannot take means "no rules"
            return None
