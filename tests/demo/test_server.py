"""The newsroom over real HTTP on 127.0.0.1: Host dispatch, keep-alive, 404, 304, browsing."""

from __future__ import annotations

import socket
import time
from email.utils import parsedate_to_datetime

import httpx
import pytest

from demo.feeds import ATOM_PATH, RSS_PATH, SITEMAP_INDEX_PATH
from demo.outlets import CASPIAN, JAMESTOWN, OUTLETS, STEPPE
from demo.seed_article import SEED_PATH
from demo.server import host_without_port, start_newsroom


@pytest.fixture
def client(newsroom):
    with httpx.Client(base_url=newsroom.url, timeout=10) as http:
        yield http


def test_newsroom_describes_itself(newsroom):
    assert newsroom.url == f"http://127.0.0.1:{newsroom.port}"
    assert newsroom.host_map == {outlet.host: f"127.0.0.1:{newsroom.port}" for outlet in OUTLETS}
    assert len(newsroom.corpus.articles) >= 2000


@pytest.mark.parametrize(
    ("host", "path", "content_type"),
    [
        (JAMESTOWN.host, RSS_PATH, "application/rss+xml"),
        (CASPIAN.host, ATOM_PATH, "application/atom+xml"),
        (STEPPE.host, SITEMAP_INDEX_PATH, "application/xml"),
        (JAMESTOWN.host, SEED_PATH, "text/html; charset=utf-8"),
        (STEPPE.host, "/robots.txt", "text/plain"),
    ],
)
def test_host_header_picks_the_outlet(client, newsroom, host, path, content_type):
    response = client.get(path, headers={"Host": f"{host}:{newsroom.port}"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(content_type)
    assert int(response.headers["content-length"]) == len(response.content)
    page = newsroom.pages.get(host, path)
    assert response.content == page.body
    assert response.headers["etag"] == page.etag
    assert parsedate_to_datetime(response.headers["last-modified"]) == page.last_modified.replace(microsecond=0)


def test_same_path_differs_by_host(client):
    jamestown = client.get("/", headers={"Host": JAMESTOWN.host})
    steppe = client.get("/", headers={"Host": STEPPE.host})
    assert b"The Jamestown Foundation" in jamestown.content
    assert b"Steppe Ledger" in steppe.content
    assert b"Jamestown" not in steppe.content


def test_unknown_path_is_a_404_page(client):
    response = client.get("/program/no-such-article/", headers={"Host": JAMESTOWN.host})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert b"404" in response.content


def test_if_none_match_gives_304_and_if_modified_since_too(client):
    first = client.get(SEED_PATH, headers={"Host": JAMESTOWN.host})
    etag = first.headers["etag"]
    again = client.get(SEED_PATH, headers={"Host": JAMESTOWN.host, "If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    other = client.get(SEED_PATH, headers={"Host": JAMESTOWN.host, "If-None-Match": '"something-else"'})
    assert other.status_code == 200
    since = client.get(SEED_PATH, headers={"Host": JAMESTOWN.host,
                                           "If-Modified-Since": first.headers["last-modified"]})
    assert since.status_code == 304


def test_head_sends_headers_only(client):
    response = client.head(RSS_PATH, headers={"Host": JAMESTOWN.host})
    assert response.status_code == 200
    assert response.content == b""
    assert int(response.headers["content-length"]) > 100_000


def test_unknown_host_gets_the_index_and_can_browse(client):
    index = client.get("/", headers={"Host": "localhost"})
    assert index.status_code == 200
    for outlet in OUTLETS:
        assert f"/_/{outlet.host}/".encode() in index.content
    browsed = client.get(f"/_/{JAMESTOWN.host}{SEED_PATH}")
    assert browsed.status_code == 200
    assert b"Belarus and Russia Advance Economic Integration" in browsed.content
    assert b"http://jamestown.test/" not in browsed.content
    assert client.get("/_/nowhere.test/").status_code == 404
    assert client.get("/feed/").status_code == 404


def test_keep_alive_serves_hundreds_of_requests_quickly(client, newsroom):
    paths = [a.path for a in newsroom.corpus.for_source(CASPIAN.source)[:300]]
    started = time.perf_counter()
    for path in paths:
        response = client.get(path, headers={"Host": CASPIAN.host})
        assert response.status_code == 200
        assert response.http_version == "HTTP/1.1"
    elapsed = time.perf_counter() - started
    assert elapsed < 3.0, f"{len(paths)} requests took {elapsed:.2f}s"


def test_host_without_port():
    assert host_without_port("Jamestown.test:8080") == "jamestown.test"
    assert host_without_port("steppe-ledger.test") == "steppe-ledger.test"
    assert host_without_port("[::1]:80") == "::1"


def test_stop_closes_the_port():
    started = time.perf_counter()
    with start_newsroom() as newsroom:
        assert time.perf_counter() - started < 3.0
        response = httpx.get(newsroom.url + RSS_PATH, headers={"Host": JAMESTOWN.host})
        assert response.status_code == 200
        port = newsroom.port
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0
