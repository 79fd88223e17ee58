"""The HTTP API on a real loopback server: every query in JSON and CSV, validation, caching,
pagination, authentication, and the hostile inputs of the security checklist."""

from __future__ import annotations

import csv
import io
import socket
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from api.server import running_server
from api.settings import ApiSettings
from tests.api import synthetic as syn
from warehouse import db
from warehouse.load import load_batch
from warehouse.snapshot import publish_snapshot

PRIG = "Yevgeny Prigozhin"
QUERIES = {
    "entities": {"q": "bel"},
    "entity-volume": {"entity": PRIG, "grain": "week"},
    "topic-volume": {"topic": "medtop:06000000", "grain": "month"},
    "watch-volume": {"watch": "climate-policy", "grain": "month", "by_outlet": "true"},
    "share-of-voice": {"grain": "month"},
    "top-entities": {"limit": 5},
    "top-topics": {"start": "2023-04-01", "end": "2023-04-30"},
    "cooccurrences": {"entity": PRIG},
    "spikes": {},
    "emerging-keyphrases": {"start": "2023-03-13", "end": "2023-03-19"},
    "articles": {"entity": PRIG, "start": "2023-03-15", "end": "2023-03-15"},
}


def test_health_and_meta(client):
    health = client.get("/health").json()
    assert health["status"] == "ok"
    assert (health["first_day"], health["last_day"]) == ("2023-01-01", "2023-04-30")
    meta = client.get("/api/meta").json()
    assert [o["outlet"] for o in meta["outlets"]] == ["Alpha Times", "Beta Post", "Gamma Daily"]
    assert {t["code"] for t in meta["topics"]} >= {"medtop:20000418", "medtop:11000000"}
    assert {w["watch"] for w in meta["watches"]} == {"wagner", "climate-policy"}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_query_answers_json_and_csv(client, name):
    answer = client.get(f"/api/{name}", params=QUERIES[name])
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["query"] == name and body["rows"], body
    assert body["total"] >= len(body["rows"])
    assert answer.headers["content-type"] == "application/json"
    table = client.get(f"/api/{name}.csv", params=QUERIES[name])
    assert table.status_code == 200
    assert table.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(table.text)))
    assert len(rows) == len(body["rows"])
    assert list(rows[0]) == list(body["rows"][0])


def test_the_planted_spike_is_in_the_feeds(client):
    weekly = client.get("/api/entity-volume", params={"entity": PRIG, "grain": "week"}).json()["rows"]
    peak = max(weekly, key=lambda r: r["articles"])
    assert peak["period"] == "2023-03-13" and peak["articles"] >= syn.SPIKE_EXTRA
    spikes = client.get("/api/spikes", params={"entity": "person:yevgeny-prigozhin"}).json()["rows"]
    assert spikes[0]["day"] == syn.SPIKE_DAY.isoformat()
    behind = client.get("/api/articles", params={"entity": PRIG, "start": "2023-03-15", "end": "2023-03-15"}).json()
    assert behind["total"] == syn.SPIKE_EXTRA
    monthly = client.get("/api/topic-volume", params={"topic": "medtop:06000000", "grain": "month"}).json()["rows"]
    assert [r["articles"] for r in monthly] == [5, 10, 15, 20]


def test_pagination_headers_and_pages(client):
    first = client.get("/api/articles", params={"limit": 10})
    second = client.get("/api/articles", params={"limit": 10, "offset": 10})
    total = int(first.headers["x-total-count"])
    assert total == len(syn.synthetic_items()) == first.json()["total"]
    assert 'rel="next"' in first.headers["link"] and "offset=10" in first.headers["link"]
    ids = [r["article_id"] for r in first.json()["rows"] + second.json()["rows"]]
    assert len(set(ids)) == 20
    series = client.get("/api/entity-volume", params={"entity": PRIG, "grain": "day", "limit": 7, "offset": 70}).json()
    assert series["total"] == syn.DAYS and len(series["rows"]) == 7 and series["offset"] == 70
    last = client.get("/api/entity-volume", params={"entity": PRIG, "grain": "day", "limit": 50, "offset": 100})
    assert "link" not in last.headers


def test_etag_and_cache_control(client):
    first = client.get("/api/top-entities", params={"limit": 3})
    etag = first.headers["etag"]
    assert etag.startswith('W/"')
    assert first.headers["cache-control"] == "public, max-age=30"
    again = client.get("/api/top-entities", params={"limit": 3}, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    other = client.get("/api/top-entities", params={"limit": 4})
    assert other.headers["etag"] != etag  # the parameters are part of the tag
    assert client.get("/api/top-entities.csv", params={"limit": 3}).headers["etag"] != etag


def test_a_new_publish_is_served_without_a_restart_and_changes_the_etag(tmp_path):
    database = tmp_path / "w.duckdb"
    snapshot = tmp_path / "w.snapshot.duckdb"
    items = syn.synthetic_items()
    con = db.connect(database)
    try:
        load_batch(con, items[:100], [], now=datetime(2023, 5, 1, tzinfo=UTC))
        publish_snapshot(con, snapshot)
        with running_server(create_app(snapshot, settings=ApiSettings())) as url, httpx.Client(base_url=url) as http:
            before = http.get("/api/articles", params={"limit": 1})
            assert before.json()["total"] == 100
            load_batch(con, items[100:], [], now=datetime(2023, 5, 2, tzinfo=UTC))
            publish_snapshot(con, snapshot)
            after = http.get("/api/articles", params={"limit": 1}, headers={"If-None-Match": before.headers["etag"]})
            assert after.status_code == 200
            assert after.json()["total"] == len(items)
    finally:
        con.close()


def test_no_snapshot_yet_is_503_not_a_crash(tmp_path):
    with running_server(create_app(tmp_path / "none.duckdb", settings=ApiSettings())) as url:
        assert httpx.get(f"{url}/health").status_code == 503
        answer = httpx.get(f"{url}/api/spikes")
        assert answer.status_code == 503 and "no snapshot yet" in answer.json()["detail"]
        assert httpx.get(f"{url}/").status_code == 200  # the page itself is served


def test_bearer_token(synthetic_snapshot):
    settings = ApiSettings(token="s3cret-token")  # type: ignore[arg-type]  # noqa: S106 -- a test token
    with running_server(create_app(synthetic_snapshot, settings=settings)) as url, httpx.Client(base_url=url) as http:
        assert http.get("/api/spikes").status_code == 401
        assert http.get("/api/spikes").headers["www-authenticate"] == "Bearer"
        assert http.get("/api/spikes", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert http.get("/api/spikes.csv", headers={"Authorization": "Basic s3cret-token"}).status_code == 401
        good = http.get("/api/spikes", headers={"Authorization": "Bearer s3cret-token"})
        assert good.status_code == 200
        assert good.headers["cache-control"].startswith("private")
        assert http.get("/health").status_code == 200
        assert http.get("/").status_code == 200


def test_token_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("MEDIAMON_API__TOKEN", "from-env")
    assert ApiSettings().token is not None
    assert ApiSettings().token.get_secret_value() == "from-env"  # type: ignore[union-attr]


def test_openapi_schema_lists_every_query_twice(client):
    schema = client.get("/openapi.json").json()
    for name in QUERIES:
        assert f"/api/{name}" in schema["paths"] and f"/api/{name}.csv" in schema["paths"]
    params = {p["name"]: p for p in schema["paths"]["/api/entity-volume"]["get"]["parameters"]}
    assert params["grain"]["schema"]["enum"] == ["day", "week", "month"]
    assert params["entity"]["schema"]["maxLength"] == 200
    assert not any("sql" in path.lower() for path in schema["paths"])  # no raw-SQL endpoint


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/entity-volume", {"entity": PRIG, "grain": "year"}),
        ("/api/entity-volume", {"entity": "x" * 201}),
        ("/api/entity-volume", {}),
        ("/api/spikes", {"limit": 0}),
        ("/api/spikes", {"limit": 100_000}),
        ("/api/spikes", {"offset": -1}),
        ("/api/spikes", {"min_count": "many"}),
        ("/api/spikes", {"bogus": "1"}),
        ("/api/articles", {"start": "2023-02-30"}),
        ("/api/articles", {"start": "2023-03-01", "end": "2023-02-01"}),
        ("/api/articles", {"start": "1990-01-01", "end": "2023-02-01"}),
        ("/api/articles", {"outlet": [f"o{i}" for i in range(21)]}),
        ("/api/articles", {"entity": [f"e{i}" for i in range(11)]}),
        ("/api/top-entities", {"entity_type": "person; drop"}),
        ("/api/entities", {"q": "q" * 101}),
    ],
)
def test_invalid_parameters_are_refused(client, path, params):
    answer = client.get(path, params=params)
    assert answer.status_code == 422, answer.text


def _raw_get(api_url: str, target: str) -> bytes:
    """Send a raw request line, so that no client normalises or refuses it first."""
    host, port = api_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        raw = b""
        try:
            while chunk := sock.recv(65536):
                raw += chunk
        except ConnectionResetError:
            pass
    return raw


def test_oversized_requests_are_refused(client, api_url):
    assert client.get("/api/articles", params={"phrase": "x" * 60_000}).status_code == 422
    raw = _raw_get(api_url, "/api/articles?phrase=" + "x" * 200_000)
    assert raw == b"" or 400 <= int(raw.split(b" ", 2)[1]) < 500  # refused by the HTTP layer, or cut off


@pytest.mark.parametrize(
    "hostile",
    ["'; DROP TABLE articles; --", "x' OR '1'='1", "') UNION SELECT body FROM articles --", "$entity", "%' --", "\\'"],
)
def test_sql_injection_is_only_data(client, hostile):
    for path, params in [
        ("/api/entity-volume", {"entity": hostile}),
        ("/api/articles", {"entity": hostile, "phrase": hostile, "topic": hostile, "outlet": hostile}),
        ("/api/cooccurrences", {"entity": hostile}),
        ("/api/top-entities", {"topic": hostile, "outlet": hostile}),
        ("/api/entities", {"q": hostile}),
    ]:
        answer = client.get(path, params=params)
        assert answer.status_code == 200, answer.text
        assert all(r.get("articles", 0) == 0 for r in answer.json()["rows"]) or path == "/api/entities"
    assert client.get("/api/articles", params={"limit": 1}).json()["total"] == len(syn.synthetic_items())


@pytest.mark.parametrize(
    "path",
    [
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/static/%2e%2e%2f%2e%2e%2fwarehouse/db.py",
        "/static/vendor/..%2f..%2fapp.py",
        "/static/....//app.py",
        "/static//etc/passwd",
        "/static/%2fetc%2fpasswd",
        "/static/index.html%00.py",
    ],
)
def test_static_files_never_leave_their_folder(api_url, path):
    raw = _raw_get(api_url, path)
    status = int(raw.split(b" ", 2)[1])
    assert status in (400, 404), raw[:200]
    assert b"create_app" not in raw and b"root:" not in raw and b"apply_migrations" not in raw


def test_static_files_and_security_headers(client):
    page = client.get("/")
    assert page.status_code == 200 and "<canvas" in page.text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/vendor/chart.umd.min.js").status_code == 200
    assert "MIT" in client.get("/static/vendor/chart.js.LICENSE.md").text
    assert "https://" not in page.text.replace("https?:", "")  # nothing from a CDN
    assert client.get("/api/spikes").headers["x-content-type-options"] == "nosniff"


def test_hostile_titles_are_data_in_json_and_csv(client):
    params = {"start": "2023-02-01", "end": "2023-02-01", "entity": "Belarus", "limit": 100}
    rows = client.get("/api/articles", params=params).json()["rows"]
    hostile = next(r for r in rows if r["url"] == syn.XSS_URL)
    assert hostile["title"] == syn.XSS_TITLE  # JSON carries it as a string; the page inserts it as text
    formula = client.get("/api/top-entities.csv", params={"limit": 1})
    assert formula.status_code == 200


def test_csv_cells_that_look_like_formulas_are_neutralised():
    from api.app import _csv_cell

    assert _csv_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert _csv_cell("@SUM(A1)") == "'@SUM(A1)"
    assert _csv_cell("plain") == "plain"
    assert _csv_cell(-3) == -3
    assert _csv_cell(None) == ""


def test_the_page_uses_text_not_html_for_data():
    script = (Path(__file__).resolve().parents[2] / "api" / "static" / "app.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in script, f"app.js uses {sink}"
