"""A real HTTP server on 127.0.0.1 that misbehaves on purpose, one route per kind of trouble."""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

PAGE = b"<html><head><title>ok</title></head><body><p>hello</p></body></html>"
FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>One</title><link>http://{host}/a/1</link><pubDate>Thu, 11 May 2023 09:00:00 +0000</pubDate></item>
<item><title>Two</title><link>http://{host}/a/2</link></item></channel></rss>"""
SITEMAP_SELF = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>http://{host}/sitemap-self.xml</loc></sitemap>
<sitemap><loc>http://{host}/urlset.xml.gz</loc></sitemap></sitemapindex>"""
URLSET = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>http://{host}/a/1</loc></url><url><loc>http://{host}/a/3</loc></url></urlset>"""


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    hits: ClassVar[Counter[str]] = Counter()

    def log_message(self, format: str, *args: object) -> None:  # silence
        return

    def _send(
        self,
        status: int,
        body: bytes = b"",
        ctype: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        Handler.hits[path] += 1
        n = Handler.hits[path]
        host = self.headers.get("Host", "").encode()
        if path == "/robots.txt":
            self._send(200, b"User-agent: *\nDisallow: /private\n", "text/plain")
        elif path in ("/ok", "/a/1", "/a/2", "/a/3"):
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.send_header("ETag", '"v1"')
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self._send(200, PAGE, headers={"ETag": '"v1"', "Last-Modified": "Thu, 11 May 2023 09:00:00 GMT"})
        elif path in ("/404", "/410"):
            self._send(int(path[1:]), b"<html>gone</html>")
        elif path == "/flaky":
            self._send(500, b"oops") if n == 1 else self._send(200, PAGE)
        elif path == "/throttled":
            self._send(429, b"slow down", headers={"Retry-After": "1"}) if n == 1 else self._send(200, PAGE)
        elif path == "/always-503":
            self._send(503, b"down")
        elif path == "/reset":
            self.connection.shutdown(2)
            self.close_connection = True
        elif path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            for _ in range(10):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.5)
        elif path == "/loop":
            self._send(302, headers={"Location": "/loop2"})
        elif path == "/loop2":
            self._send(302, headers={"Location": "/loop"})
        elif path == "/moved":
            self._send(301, headers={"Location": "/ok"})
        elif path == "/big":
            body = b"a" * (20 * 1024 * 1024)
            self._send(200, body)
        elif path == "/big-chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"a" * 65536
            try:
                for _ in range(400):
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.write(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/bomb":
            self._send(200, gzip.compress(b"\0" * (50 * 1024 * 1024)), headers={"Content-Encoding": "gzip"})
        elif path == "/binary":
            self._send(200, b"\x00\x01\x02", "application/octet-stream")
        elif path == "/empty":
            self._send(200, b"")
        elif path == "/private/page":
            self._send(200, PAGE)
        elif path == "/feed.xml":
            self._send(200, FEED.replace(b"{host}", host), "application/rss+xml")
        elif path == "/not-a-feed.xml":
            self._send(200, b"<html><body>this is no feed</body></html>", "application/rss+xml")
        elif path == "/sitemap-self.xml":
            self._send(200, SITEMAP_SELF.replace(b"{host}", host), "application/xml")
        elif path == "/urlset.xml.gz":
            self._send(200, gzip.compress(URLSET.replace(b"{host}", host)), "application/x-gzip")
        else:
            self._send(404, b"not found")


@pytest.fixture(scope="session")
def trouble_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _reset_hits() -> None:
    Handler.hits.clear()
