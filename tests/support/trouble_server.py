"""A real HTTP server on 127.0.0.1 that misbehaves on purpose, one route per kind of trouble."""

from __future__ import annotations

import gzip
import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

PAGE = b"<html><head><title>ok</title></head><body><p>hello</p></body></html>"
FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>One</title><link>http://{host}/a/1</link><pubDate>Thu, 11 May 2023 09:00:00 +0000</pubDate></item>
<item><title>Two</title><link>http://{host}/a/2</link></item></channel></rss>"""
SITEMAP_SELF = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>http://{host}/sitemap-self.xml</loc></sitemap>
<sitemap><loc>http://{host}/urlset.xml.gz</loc></sitemap></sitemapindex>"""
URLSET = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>http://{host}/a/1</loc></url><url><loc>http://{host}/a/3</loc></url></urlset>"""


MIXED_FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>mixed</title>
<item><title>Good</title><link>http://{host}/story/good?utm_source=rss</link></item>
<item><title>Second</title><link>http://{host}/story/second</link></item>
<item><title>Same story, other URL</title><link>http://{host}/story/good-alias</link></item>
<item><title>Gone</title><link>http://{host}/404</link></item>
<item><title>Binary</title><link>http://{host}/binary</link></item>
<item><title>Stub</title><link>http://{host}/ok</link></item>
<item><title>Down</title><link>http://{host}/always-503</link></item>
</channel></rss>"""
STORY = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} | Loopback Times</title>
<link rel="canonical" href="http://{host}/story/{slug}">
<meta property="og:site_name" content="Loopback Times">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "{title}", "datePublished": "2023-05-11T09:30:00+00:00",
"author": {{"@type": "Person", "name": "Maria Ivanova"}}}}</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1><p class="byline">By Maria Ivanova</p>
<p>Belarusian officials met their Russian counterparts in Minsk on Thursday to discuss new
integration programs of the Union State, according to a statement released after the talks.</p>
<p>President Alyaksandr Lukashenka said the two countries would deepen cooperation in industry,
energy and transport, while Moscow promised further credits to support Belarusian enterprises.</p>
<p>Analysts in Vilnius and Warsaw warned that closer economic ties leave Minsk more dependent on
the Kremlin, as Western sanctions continue to cut the country off from European markets.</p>
<p>The next meeting of the Supreme State Council is expected later this year in Moscow, where both
sides hope to sign further agreements on taxation and customs.</p></article>
<footer>Copyright Loopback Times</footer></body></html>"""


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
            robots = b"User-agent: *\nDisallow: /private\nSitemap: http://%s/urlset.xml.gz\n" % host
            self._send(200, robots, "text/plain")
        elif path == "/whoami":
            self._send(200, (self.headers.get("User-Agent") or "").encode(), "text/plain")
        elif path == "/":
            home = (b'<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
                    b'<link rel="alternate" type="application/feed+json" href="/feed.json">'
                    b'<link rel="stylesheet" href="/style.css"></head><body>home</body></html>')  # fmt: skip
            self._send(200, home)
        elif path == "/feed.json":
            items = [{"id": "4", "url": f"http://{host.decode()}/a/4", "title": "Four",
                      "date_published": "2023-05-12T08:00:00Z", "authors": [{"name": "Ann Example"}]}]  # fmt: skip
            body = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": items})
            self._send(200, body.encode(), "application/feed+json")
        elif path == "/big-feed.xml":
            entries = b"".join(
                b"<item><title>Item %d</title><link>http://%s/a/%d</link></item>" % (n, host, n) for n in range(10_000)
            )
            self._send(200, b'<?xml version="1.0"?><rss version="2.0"><channel><title>big</title>%s</channel></rss>'
                       % entries, "application/rss+xml")  # fmt: skip
        elif path == "/offsite":
            port = self.server.server_address[1]
            self._send(302, headers={"Location": f"http://localhost:{port}/ok"})
        elif path == "/truncated":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "5000")
            self.end_headers()
            self.wfile.write(b"<html><body><p>cut short")
            self.wfile.flush()
            self.close_connection = True
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
        elif path in ("/story/good", "/story/good-alias", "/story/second"):
            slug = "second" if path.endswith("second") else "good"
            title = "Minsk and Moscow agree on more integration" if slug == "good" else "A second story"
            page = STORY.format(title=title, slug=slug, host=host.decode())
            self._send(200, page.encode(), headers={"ETag": f'"{slug}-v1"'})
        elif path == "/mixed-feed.xml":
            self._send(200, MIXED_FEED.replace(b"{host}", host), "application/rss+xml")
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


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        return  # resets and aborted transfers are the point here, not noise to print


@contextmanager
def serve_trouble() -> Iterator[str]:
    """Start the misbehaving server on a free loopback port; yields its base URL."""
    server = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def reset_hits() -> None:
    Handler.hits.clear()
