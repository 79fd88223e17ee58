"""The one ``httpx.AsyncClient`` of a run: timeouts, limits, identity, HTTP/2, host mapping."""

from __future__ import annotations

import httpx

from mediamon.settings import FetchSettings


class HostMapTransport(httpx.AsyncBaseTransport):
    """Connect to a mapped ``127.0.0.1:PORT`` for some host names, keeping URL and Host header.

    This is ``curl --resolve`` for httpx: the demo newsroom's outlets have stable names
    (``jamestown.test``) whatever loopback port the server got, so URLs, ids and ETags are the same
    on every run. Hosts not in the map go to the network as usual.
    """

    def __init__(self, inner: httpx.AsyncBaseTransport, host_map: dict[str, str]) -> None:
        self._inner = inner
        self._map = {host.lower(): target for host, target in host_map.items()}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        target = self._map.get(request.url.host.lower())
        if target is not None:
            host, _, port = target.rpartition(":")
            # The Host header was set from the original URL when the request was built.
            request.url = request.url.copy_with(scheme="http", host=host, port=int(port))
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()


def build_client(settings: FetchSettings) -> httpx.AsyncClient:
    """A client configured from the fetch settings.

    Redirects are followed by the fetcher itself (to record the chain and bound it), so the
    client never follows them.
    """
    timeout = httpx.Timeout(
        connect=settings.connect_timeout,
        read=settings.read_timeout,
        write=settings.read_timeout,
        pool=settings.total_timeout,
    )
    limits = httpx.Limits(
        max_connections=settings.concurrent_requests,
        max_keepalive_connections=settings.concurrent_requests,
    )
    inner: httpx.AsyncBaseTransport = httpx.AsyncHTTPTransport(http2=True, limits=limits, retries=0)
    transport = HostMapTransport(inner, settings.host_map) if settings.host_map else inner
    return httpx.AsyncClient(
        transport=transport,
        timeout=timeout,
        follow_redirects=False,
        headers={"User-Agent": settings.identity, "Accept-Encoding": "gzip, deflate"},
    )
