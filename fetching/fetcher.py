"""Fetching pages politely and never losing one: every attempt ends in a ``FetchResult``.

The order of checks for one URL: robots.txt → host gate (concurrency, delay) → GET with
conditional headers → redirects followed by hand (bounded, loops and chains recorded) → status
(304 is "not modified"; 429/503 honour Retry-After; 5xx, resets and timeouts are retried with
exponential backoff and jitter; other 4xx are final) → content type → body streamed and cut off
past ``max_body_bytes`` (counted after decompression, so a gzip bomb stops too).
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from urllib.parse import urljoin

import httpx

from fetching.archive import WarcArchive
from fetching.politeness import HostGate, HostPolicy, RobotsCache
from mediamon.records import FeedHints, FetchResult
from mediamon.urls import host_of

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True, slots=True)
class FetchRequest:
    """One URL to fetch, with what we know from earlier runs."""

    source: str
    url: str
    etag: str | None = None
    last_modified: str | None = None
    hints: FeedHints = FeedHints()


class Fetcher:
    """Fetches URLs with one shared client, one gate per host and a robots.txt cache."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        policies: dict[str, HostPolicy],
        default: HostPolicy,
        archive: WarcArchive | None = None,
        concurrency: int = 32,
    ):
        """
        Args:
            client: the run's client (never follows redirects itself).
            policies: the politeness policy per host (from each source's overrides).
            default: the policy for hosts no source names (e.g. a redirect to another host).
            archive: where every HTTP response is kept (None: not archived, e.g. in unit tests).
            concurrency: requests in flight at once across all hosts (CONCURRENT_REQUESTS); keep it
                at most the client's connection limit, so requests never queue inside httpcore's
                pool, whose queue scan costs O(queued × connections) per request.
        """
        self._in_flight = asyncio.Semaphore(concurrency)
        self._archive = archive
        self._client = client
        self._policies = policies
        self._default = default
        self._gates: dict[str, HostGate] = {}
        self._gate_locks: dict[str, asyncio.Lock] = {}
        self.robots = RobotsCache(client)

    def policy(self, url: str) -> HostPolicy:
        return self._policies.get(host_of(url), self._default)

    async def _gate(self, url: str, policy: HostPolicy) -> HostGate:
        host = host_of(url)
        gate = self._gates.get(host)
        if gate is not None:
            return gate
        # One gate per host, even when many first requests arrive at once: the lock makes the
        # others wait while the first reads robots.txt's Crawl-delay.
        async with self._gate_locks.setdefault(host, asyncio.Lock()):
            gate = self._gates.get(host)
            if gate is None:
                gate = HostGate(policy.concurrent_requests_per_domain, policy.download_delay)
                if policy.robotstxt_obey:
                    gate.slow_down(await self.robots.crawl_delay(url, policy.user_agent))
                self._gates[host] = gate
        return gate

    async def fetch(self, request: FetchRequest) -> FetchResult:
        """Fetch one URL. Never raises for HTTP or network trouble: the result carries the reason.

        Every result that carries an HTTP response is written to the archive, when there is one.
        """
        result = await self._fetch(request)
        if self._archive is not None and result.status is not None:
            pointer = self._archive.write(result)
            if pointer is not None:
                result = replace(result, warc=(pointer.file, pointer.offset))
        return result

    async def _fetch(self, request: FetchRequest) -> FetchResult:
        started = time.perf_counter()
        fetched_at = datetime.now(UTC)
        policy = self.policy(request.url)

        def failed(
            reason: str,
            status: int | None = None,
            final_url: str | None = None,
            redirects: tuple[str, ...] = (),
            headers: tuple[tuple[str, str], ...] = (),
        ) -> FetchResult:
            return FetchResult(
                source=request.source,
                url=request.url,
                final_url=final_url or request.url,
                status=status,
                headers=headers,
                body=b"",
                fetched_at=fetched_at,
                duration_ms=(time.perf_counter() - started) * 1000,
                error=reason,
                redirects=redirects,
                hints=request.hints,
            )

        if policy.robotstxt_obey and not await self.robots.allowed(request.url, policy.user_agent):
            return failed("disallowed by robots.txt")
        gate = await self._gate(request.url, policy)
        attempt = 0
        while True:
            async with gate.slot(), self._in_flight:
                outcome = await self._attempt(request, policy)
            if isinstance(outcome, _Retry) and attempt < policy.retry_times:
                attempt += 1
                await asyncio.sleep(outcome.wait if outcome.wait is not None else _backoff(policy, attempt))
                continue
            if isinstance(outcome, _Retry):
                return failed(
                    f"{outcome.reason} (after {attempt + 1} attempts)",
                    outcome.status,
                    outcome.final_url,
                    outcome.redirects,
                )
            if isinstance(outcome, _Failure):
                return failed(outcome.reason, outcome.status, outcome.final_url, outcome.redirects, outcome.headers)
            return FetchResult(
                source=request.source,
                url=request.url,
                final_url=outcome.final_url,
                status=outcome.status,
                headers=outcome.headers,
                body=outcome.body,
                fetched_at=fetched_at,
                duration_ms=(time.perf_counter() - started) * 1000,
                error=None,
                redirects=outcome.redirects,
                hints=request.hints,
            )

    async def fetch_many(
        self,
        requests: Sequence[FetchRequest],
        *,
        on_done: Callable[[FetchResult], None] | None = None,
    ) -> list[FetchResult]:
        """Fetch every request concurrently (bounded by the client and the host gates), in order."""

        async def one(req: FetchRequest) -> FetchResult:
            result = await self.fetch(req)
            if on_done is not None:
                on_done(result)
            return result

        return list(await asyncio.gather(*(one(r) for r in requests)))

    async def _attempt(self, request: FetchRequest, policy: HostPolicy) -> _Success | _Failure | _Retry:
        url = request.url
        chain: list[str] = []
        seen = {url}
        headers = {"User-Agent": policy.user_agent}
        if request.etag:
            headers["If-None-Match"] = request.etag
        if request.last_modified:
            headers["If-Modified-Since"] = request.last_modified
        while True:
            try:
                async with self._client.stream("GET", url, headers=headers) as response:
                    status = response.status_code
                    resp_headers = tuple((k, v) for k, v in response.headers.items())
                    if status in REDIRECT_STATUSES:
                        location = response.headers.get("location")
                        if not location:
                            return _Failure(f"HTTP {status} redirect without Location", status, url, tuple(chain))
                        target = urljoin(url, location)
                        chain.append(url)
                        if target in seen:
                            return _Failure(f"redirect loop at {target}", status, url, tuple(chain))
                        if len(chain) > policy.max_redirects:
                            return _Failure(f"more than {policy.max_redirects} redirects", status, url, tuple(chain))
                        if policy.robotstxt_obey and not await self.robots.allowed(target, policy.user_agent):
                            return _Failure(f"redirect to {target} disallowed by robots.txt", status, url, tuple(chain))
                        seen.add(target)
                        url = target
                        continue
                    if status == 304:
                        return _Success(304, url, resp_headers, b"", tuple(chain))
                    if status in RETRY_STATUSES:
                        wait = _retry_after(response.headers.get("retry-after"), policy.max_retry_after)
                        return _Retry(f"HTTP {status}", status, url, tuple(chain), wait)
                    if status >= 400:
                        return _Failure(f"HTTP {status}", status, url, tuple(chain), resp_headers)
                    if status < 200 or status >= 300:
                        return _Failure(f"unexpected HTTP {status}", status, url, tuple(chain), resp_headers)
                    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
                    if content_type and not _allowed_type(content_type, policy.allowed_content_types):
                        return _Failure(
                            f"content type {content_type} not allowed", status, url, tuple(chain), resp_headers
                        )
                    declared = response.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > policy.max_body_bytes:
                        return _Failure(
                            f"body of {declared} bytes exceeds the {policy.max_body_bytes}-byte limit",
                            status,
                            url,
                            tuple(chain),
                            resp_headers,
                        )
                    body = bytearray()
                    async for chunk in response.aiter_bytes():
                        body.extend(chunk)
                        if len(body) > policy.max_body_bytes:
                            return _Failure(
                                f"body exceeds the {policy.max_body_bytes}-byte limit (decoded)",
                                status,
                                url,
                                tuple(chain),
                                resp_headers,
                            )
                    if not body:
                        return _Failure("empty body", status, url, tuple(chain), resp_headers)
                    return _Success(status, url, resp_headers, bytes(body), tuple(chain))
            except httpx.TimeoutException as exc:
                return _Retry(f"timeout ({type(exc).__name__})", None, url, tuple(chain), None)
            except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError, httpx.ConnectError) as exc:
                return _Retry(f"{type(exc).__name__}: {exc or 'connection failed'}", None, url, tuple(chain), None)
            except httpx.DecodingError as exc:
                return _Failure(f"undecodable body: {exc}", None, url, tuple(chain))
            except httpx.HTTPError as exc:
                return _Failure(f"{type(exc).__name__}: {exc}", None, url, tuple(chain))


@dataclass(frozen=True, slots=True)
class _Success:
    status: int
    final_url: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    redirects: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Failure:
    reason: str
    status: int | None
    final_url: str
    redirects: tuple[str, ...]
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class _Retry:
    reason: str
    status: int | None
    final_url: str
    redirects: tuple[str, ...]
    wait: float | None


def _allowed_type(content_type: str, allowed: tuple[str, ...]) -> bool:
    return content_type in allowed or content_type.endswith("+xml")


def _backoff(policy: HostPolicy, attempt: int) -> float:
    """Exponential backoff with full jitter: uniform in [0, base * 2**attempt]."""
    return random.uniform(0, policy.retry_backoff * (2**attempt))  # noqa: S311 -- jitter, not crypto


def _retry_after(value: str | None, cap: float) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or HTTP date), capped; None if absent."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), cap)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, min((when - datetime.now(UTC)).total_seconds(), cap))
