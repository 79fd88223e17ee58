"""The demo newsroom's HTTP server: one loopback port, outlets chosen by the ``Host`` header.

``start_newsroom()`` builds (or reuses) the corpus for a seed, starts a ``ThreadingHTTPServer`` in a
daemon thread and returns a ``Newsroom``. Requests are HTTP/1.1 with keep-alive and Content-Length;
pages carry a strong ETag and Last-Modified and honour If-None-Match / If-Modified-Since with 304.
A request whose Host is not an outlet gets an index page and can browse any outlet under
``/_/<host>/<path>``. Nothing is logged per request unless the ``demo.server`` logger is at DEBUG.
"""

from __future__ import annotations

import functools
import logging
import threading
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit

from demo.corpus import DEFAULT_SEED, Corpus, build_corpus
from demo.outlets import OUTLET_BY_HOST, OUTLETS
from demo.pages import Page, Pages, render_index, render_not_found, rewrite_for_browsing

logger = logging.getLogger(__name__)

BROWSE_PREFIX = "/_/"


@functools.cache
def newsroom_pages(seed: int) -> Pages:
    """Return the (cached, immutable) corpus and page cache for ``seed``, built once per process."""
    return Pages(build_corpus(seed))


def host_without_port(host_header: str) -> str:
    """Return the lowercase host name of a Host header value ("Jamestown.test:8080" → "jamestown.test")."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if ":" in host else host


class NewsroomHTTPServer(ThreadingHTTPServer):
    """A threading HTTP server that knows the newsroom's pages."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], pages: Pages) -> None:
        super().__init__(address, NewsroomRequestHandler)
        self.pages = pages
        self.index_page = render_index(self.server_address[1])


class NewsroomRequestHandler(BaseHTTPRequestHandler):
    """Serves GET and HEAD from the page cache, dispatching on the Host header."""

    server: NewsroomHTTPServer
    protocol_version = "HTTP/1.1"
    server_version = "mediamon-demo-newsroom/1.0"
    sys_version = ""
    # Headers and body go out in separate writes: without TCP_NODELAY, keep-alive clients would
    # wait for delayed ACKs (~40 ms per request).
    disable_nagle_algorithm = True
    timeout = 60

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("%s %s", self.address_string(), format % args)

    def _resolve(self) -> Page:
        """Return the page for this request: outlet page, browse-prefixed page, index or 404."""
        target = urlsplit(self.path)
        host = host_without_port(target.netloc or self.headers.get("Host", ""))
        path = target.path or "/"
        pages = self.server.pages
        if host in OUTLET_BY_HOST:
            return pages.get(host, path) or render_not_found(path)
        if path == "/":
            return self.server.index_page
        if path.startswith(BROWSE_PREFIX):
            browse_host, _, rest = path[len(BROWSE_PREFIX):].partition("/")
            page = pages.get(browse_host.lower(), "/" + rest)
            if page is not None:
                return rewrite_for_browsing(page)
        return render_not_found(path)

    def _not_modified(self, page: Page) -> bool:
        if page.status != 200:
            return False
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
            return "*" in tags or page.etag in tags
        if_modified_since = self.headers.get("If-Modified-Since")
        if if_modified_since and page.last_modified is not None:
            try:
                since = parsedate_to_datetime(if_modified_since)
            except (TypeError, ValueError):
                return False
            if since.tzinfo is None:
                return False
            return page.last_modified.replace(microsecond=0) <= since
        return False

    def _respond(self, *, send_body: bool) -> None:
        page = self._resolve()
        status = 304 if self._not_modified(page) else page.status
        self.send_response(status)
        self.send_header("ETag", page.etag)
        if page.last_modified is not None:
            self.send_header("Last-Modified", http_date(page.last_modified))
        if status != 304:
            self.send_header("Content-Type", page.content_type)
            self.send_header("Content-Length", str(len(page.body)))
        self.end_headers()
        if send_body and status != 304:
            self.wfile.write(page.body)


def http_date(moment: datetime) -> str:
    """Return ``moment`` as an HTTP date ("Thu, 11 May 2023 14:00:00 GMT")."""
    return format_datetime(moment.astimezone(UTC), usegmt=True)


class Newsroom:
    """A running demo newsroom.

    Attributes:
        url: base URL of the server, "http://127.0.0.1:PORT".
        port: the port the server listens on.
        host_map: outlet host → "127.0.0.1:PORT", for mapping outlet URLs onto the server.
        corpus: the corpus being served.
        pages: the page cache (``pages.get(host, path)``).
    """

    def __init__(self, server: NewsroomHTTPServer, thread: threading.Thread) -> None:
        self._server = server
        self._thread = thread
        host, port = server.server_address[:2]
        if isinstance(host, bytes):
            host = host.decode("ascii")
        self.port: int = int(port)
        self.url = f"http://{host}:{self.port}"
        self.host_map: dict[str, str] = {outlet.host: f"{host}:{self.port}" for outlet in OUTLETS}
        self.pages: Pages = server.pages
        self.corpus: Corpus = server.pages.corpus

    def stop(self) -> None:
        """Stop serving and close the listening socket (idempotent)."""
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join()
        self._server.server_close()

    def __enter__(self) -> Newsroom:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def start_newsroom(host: str = "127.0.0.1", port: int = 0, seed: int = DEFAULT_SEED) -> Newsroom:
    """Start the demo newsroom in a daemon thread.

    Args:
        host: address to listen on (keep the loopback default unless you mean to expose it).
        port: port to listen on; 0 picks a free one.
        seed: corpus seed; the corpus and rendered pages are built once per seed and process.

    Returns:
        The running ``Newsroom``; call ``stop()`` or use it as a context manager.

    Raises:
        OSError: when the address cannot be bound.
    """
    server = NewsroomHTTPServer((host, port), newsroom_pages(seed))
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.1}, name="demo-newsroom", daemon=True
    )
    thread.start()
    newsroom = Newsroom(server, thread)
    logger.info("demo newsroom serving %s (seed %d)", newsroom.url, seed)
    return newsroom
