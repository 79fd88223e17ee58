"""The fetcher against a real loopback server: every kind of trouble ends in a recorded reason."""

from __future__ import annotations

import asyncio

import pytest

from fetching.client import build_client
from fetching.fetcher import Fetcher, FetchRequest
from fetching.politeness import HostPolicy
from mediamon.records import FetchResult
from mediamon.settings import FetchSettings

SETTINGS = FetchSettings(
    download_delay=0, read_timeout=1.0, retry_times=2, retry_backoff=0.01, max_body_bytes=5 * 1024 * 1024
)


def fetch(url: str, settings: FetchSettings = SETTINGS, **request: str) -> FetchResult:
    async def run() -> FetchResult:
        async with build_client(settings) as client:
            fetcher = Fetcher(client, {}, HostPolicy.merge(settings))
            return await fetcher.fetch(FetchRequest("test", url, **request))

    return asyncio.run(run())


def test_ok_page_and_conditional_get(trouble_server):
    first = fetch(f"{trouble_server}/ok")
    assert first.ok
    assert first.status == 200
    assert b"hello" in first.body
    assert first.header("etag") == '"v1"'
    again = fetch(f"{trouble_server}/ok", etag='"v1"')
    assert again.ok
    assert again.status == 304
    assert again.body == b""


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/404", "HTTP 404"),
        ("/410", "HTTP 410"),
        ("/always-503", "HTTP 503 (after 3 attempts)"),
        ("/loop", "redirect loop"),
        ("/big", "exceeds the 5242880-byte limit"),
        ("/big-chunked", "exceeds the 5242880-byte limit (decoded)"),
        ("/bomb", "exceeds the 5242880-byte limit (decoded)"),
        ("/binary", "content type application/octet-stream not allowed"),
        ("/empty", "empty body"),
        ("/private/page", "disallowed by robots.txt"),
        ("/trickle", "timeout"),
        ("/reset", "RemoteProtocolError"),
        ("/truncated", "RemoteProtocolError"),
    ],
)
def test_trouble_is_recorded_with_a_reason(trouble_server, path, reason):
    result = fetch(f"{trouble_server}{path}")
    assert not result.ok
    assert reason in (result.error or "")
    assert result.url == f"{trouble_server}{path}"


def test_transient_errors_are_retried(trouble_server):
    flaky = fetch(f"{trouble_server}/flaky")
    assert flaky.ok
    assert flaky.status == 200


def test_retry_after_is_honoured(trouble_server):
    import time

    started = time.perf_counter()
    result = fetch(f"{trouble_server}/throttled")
    assert result.ok
    assert time.perf_counter() - started >= 0.9  # the server asked for 1 s


def test_redirects_are_followed_and_recorded(trouble_server):
    result = fetch(f"{trouble_server}/moved")
    assert result.ok
    assert result.final_url == f"{trouble_server}/ok"
    assert result.redirects == (f"{trouble_server}/moved",)


def test_host_map_sends_virtual_hosts_to_loopback(trouble_server):
    port = trouble_server.rsplit(":", 1)[1]
    settings = SETTINGS.model_copy(update={"host_map": {"outlet.test": f"127.0.0.1:{port}"}})
    result = fetch("http://outlet.test/ok", settings)
    assert result.ok
    assert result.url == "http://outlet.test/ok"


def test_redirect_to_another_host_is_followed_with_that_hosts_rules(trouble_server):
    result = fetch(f"{trouble_server}/offsite")
    assert result.ok
    assert result.final_url.startswith("http://localhost:")
    assert result.redirects == (f"{trouble_server}/offsite",)


def test_user_agent_names_the_contact_url(trouble_server):
    settings = SETTINGS.model_copy(update={"contact_url": "mailto:newsroom@example.org"})
    result = fetch(f"{trouble_server}/whoami", settings)
    assert result.body.decode() == "mediamon/0.1 (+mailto:newsroom@example.org; media monitoring)"


def test_crawl_delay_from_robots_txt_spaces_requests():
    import threading
    import time
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    starts: list[float] = []

    class Slow(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            return

        def do_GET(self) -> None:
            body = b"User-agent: *\nCrawl-delay: 0.3\n" if self.path == "/robots.txt" else b"<p>x</p>"
            if self.path != "/robots.txt":
                starts.append(time.monotonic())
            self.send_response(200)
            self.send_header("Content-Type", "text/plain" if self.path == "/robots.txt" else "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    settings = SETTINGS.model_copy(update={"concurrent_requests_per_domain": 8})

    async def run() -> list[FetchResult]:
        async with build_client(settings) as client:
            fetcher = Fetcher(client, {}, HostPolicy.merge(settings))
            return await fetcher.fetch_many([FetchRequest("t", f"{base}/p{n}") for n in range(4)])

    try:
        results = asyncio.run(run())
    finally:
        server.shutdown()
    assert all(r.ok for r in results)
    gaps = [b - a for a, b in zip(sorted(starts), sorted(starts)[1:], strict=False)]
    assert min(gaps) >= 0.28  # Crawl-delay 0.3 s, whatever the concurrency allows
