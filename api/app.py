"""The read-only HTTP API and the dashboard page, on the published snapshot.

Every trend query of ``warehouse.queries`` has a JSON endpoint ``/api/<name>`` and a CSV twin
``/api/<name>.csv`` with the same validated parameters (bounded lengths, counts and ranges; unknown
parameters are refused), pagination (``limit``/``offset``, ``total`` in the body, ``X-Total-Count``
and a ``Link: rel="next"`` header), an ETag derived from the snapshot's identity and the parameters
(``If-None-Match`` answers 304 without running the query) and ``Cache-Control``. There is no
raw-SQL endpoint. Parameters are always bound by the query library, never formatted into SQL.

This module deliberately does not use ``from __future__ import annotations``: FastAPI reads the
parameter models of the endpoints built in :func:`_add_query` from their annotations at runtime.
"""

import csv
import dataclasses
import hashlib
import hmac
import io
import json
import threading
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal

import duckdb
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from api.reader import Generation, SnapshotMissing, SnapshotReader
from api.settings import ApiSettings
from warehouse import queries

STATIC_DIR = Path(__file__).resolve().parent / "static"
MAX_SPAN_DAYS = 3700  # ten years of daily points: bounds the work of any one request
MAX_OUTLETS = 20
MAX_ENTITIES = 10

Text = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
Grain = Literal["day", "week", "month"]

SECURITY_HEADERS = {
    # The page loads only its own script, style and vendored chart library; no inline code at all.
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


# --- parameters -----------------------------------------------------------------------------


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Window(_Params):
    start: date | None = Field(default=None, description="first day (inclusive); default depends on the query")
    end: date | None = Field(default=None, description="last day (inclusive); default: the latest publication day")
    outlet: list[Text] = Field(default_factory=list, max_length=MAX_OUTLETS, description="outlets (repeat); none = all")

    @model_validator(mode="after")
    def _check_window(self) -> "Window":
        if self.start and self.end:
            if self.end < self.start:
                raise ValueError("end is before start")
            if (self.end - self.start).days > MAX_SPAN_DAYS:
                raise ValueError(f"a window spans at most {MAX_SPAN_DAYS} days")
        return self


class Paged(Window):
    limit: int = Field(default=50, ge=1, le=1000)
    offset: int = Field(default=0, ge=0, le=100_000)


class Series(Window):
    grain: Grain = "week"
    by_outlet: bool = False
    limit: int = Field(default=5000, ge=1, le=5000)
    offset: int = Field(default=0, ge=0, le=100_000)


class EntityVolumeParams(Series):
    entity: Text = Field(description="entity id (person:yevgeny-prigozhin) or name")


class TopicVolumeParams(Series):
    topic: Text = Field(description="IPTC code, e.g. medtop:06000000 (narrower codes count too)")
    min_score: float = Field(default=0.0, ge=0, le=1)


class WatchVolumeParams(Series):
    watch: Text = Field(description="a watch topic's name (config/watch.toml)")


class ShareOfVoiceParams(Window):
    entity: list[Text] = Field(default_factory=list, max_length=MAX_ENTITIES,
                               description="entities to compare (repeat); none = the top 5 of the window")  # fmt: skip
    grain: Grain = "week"
    limit: int = Field(default=5000, ge=1, le=5000)
    offset: int = Field(default=0, ge=0, le=100_000)


class TopEntitiesParams(Paged):
    topic: Text | None = None
    entity_type: list[Annotated[str, StringConstraints(pattern=r"^[A-Z_]{2,20}$")]] = Field(
        default_factory=list, max_length=20
    )


class TopTopicsParams(Paged):
    entity: Text | None = None
    min_score: float = Field(default=0.0, ge=0, le=1)


class CooccurrenceParams(Paged):
    entity: Text


class SpikeParams(Paged):
    entity: Text | None = None
    min_count: int = Field(default=5, ge=1, le=100_000)
    min_ratio: float = Field(default=4.0, ge=0, le=1_000_000)
    min_z: float | None = Field(default=None, ge=-1000, le=1000)


class KeyphraseParams(Paged):
    baseline_days: int = Field(default=28, ge=1, le=MAX_SPAN_DAYS)
    min_count: int = Field(default=3, ge=1, le=100_000)


class ArticleParams(Paged):
    entity: list[Text] = Field(default_factory=list, max_length=MAX_ENTITIES, description="all must be named")
    topic: Text | None = None
    watch: Text | None = None
    phrase: Text | None = None


class EntitySearchParams(_Params):
    q: Annotated[str, StringConstraints(max_length=100, strip_whitespace=True)] = ""
    limit: int = Field(default=20, ge=1, le=200)


# --- answers --------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Answer:
    rows: Sequence[Any]  # dataclass instances
    total: int
    params: dict[str, Any]  # the parameters as the query ran them (defaults filled in)
    paged: bool = True  # the query applied limit/offset itself; False: every row, paged here


class SnapshotInfo(BaseModel):
    published_at: datetime
    first_day: date | None
    last_day: date | None


class Envelope(BaseModel):
    """Every JSON answer: the rows of one page and what produced them."""

    query: str
    params: dict[str, Any]
    snapshot: SnapshotInfo
    total: int
    limit: int
    offset: int
    rows: list[dict[str, Any]]


def _default_window(coverage: queries.Coverage, window: Window, days: int | None) -> tuple[date | None, date | None]:
    """``days`` days ending at ``end`` (default: the latest day), or the whole warehouse when None."""
    end = window.end or coverage.last_day
    if window.start is not None or days is None or end is None:
        return window.start, end
    return end - timedelta(days=days - 1), end


def _jsonable(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _row_dict(row: Any) -> dict[str, Any]:
    return {f.name: _jsonable(getattr(row, f.name)) for f in dataclasses.fields(row)}


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Any) -> Any:
    """Spreadsheet-safe cell: text that a spreadsheet would run as a formula gets a leading quote."""
    value = _jsonable(value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


# --- the app --------------------------------------------------------------------------------


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every HTTP response (a plain ASGI middleware: it only edits the
    response-start message, so the body goes out untouched and in one piece)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.extra = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                present = {name for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in self.extra if h[0] not in present)]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(snapshot_path: Path, *, settings: ApiSettings | None = None) -> FastAPI:
    """The API and dashboard on the snapshot at ``snapshot_path`` (read when requests come in, so
    the app starts before the first publish and follows every later one)."""
    settings = settings or ApiSettings()
    reader = SnapshotReader(snapshot_path)
    app = FastAPI(
        title="mediamon API",
        version="1.0",
        description="Read-only trend queries on the published mediamon snapshot. Every query has a JSON "
        "endpoint and a .csv twin with the same parameters.",
        docs_url=None,  # the Swagger UI page loads its assets from a CDN; the schema is at /openapi.json
        redoc_url=None,
    )
    app.state.reader = reader
    app.state.settings = settings
    # level 6, not Starlette's 9: a 5,000-point series compresses about as well in a third of the time
    app.add_middleware(GZipMiddleware, minimum_size=2048, compresslevel=6)

    app.add_middleware(SecurityHeaders)

    @app.exception_handler(SnapshotMissing)
    async def _no_snapshot(request: Request, exc: SnapshotMissing) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503, headers={"Retry-After": "30"})

    @app.exception_handler(ValueError)
    async def _bad_value(request: Request, exc: ValueError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    def authorize(request: Request) -> None:
        if settings.token is None:
            return
        expected = settings.token.get_secret_value().encode()
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected):
            raise HTTPException(401, "a bearer token is required", headers={"WWW-Authenticate": "Bearer"})

    guarded = [Depends(authorize)]

    @app.get("/health", tags=["service"], summary="Liveness and the snapshot being served")
    def health() -> JSONResponse:
        try:
            with reader.cursor() as (cur, generation):
                coverage = reader.coverage(cur, generation)
        except SnapshotMissing as exc:
            return JSONResponse({"status": "no_snapshot", "detail": str(exc)}, status_code=503)
        return JSONResponse(
            {
                "status": "ok",
                "published_at": generation.published_at.isoformat(),
                "articles": coverage.articles,
                "first_day": _jsonable(coverage.first_day),
                "last_day": _jsonable(coverage.last_day),
            },
            headers={"Cache-Control": "no-store"},
        )

    @app.get("/api/meta", tags=["filters"], dependencies=guarded, summary="Date range, outlets, topics, watches")
    def meta(request: Request) -> Response:
        def run(cur: duckdb.DuckDBPyConnection, coverage: queries.Coverage) -> dict[str, Any]:
            return {
                "first_day": _jsonable(coverage.first_day),
                "last_day": _jsonable(coverage.last_day),
                "articles": coverage.articles,
                "outlets": [{"outlet": o, "articles": n} for o, n in queries.list_outlets(cur)],
                "topics": [
                    {"code": c, "label": label, "level": level, "articles": n}
                    for c, label, level, n in queries.list_topics(cur)[:300]
                ],
                "watches": [{"watch": w, "articles": n} for w, n in queries.list_watches(cur)],
            }

        return _respond_raw(request, reader, settings, run)

    for route, params, handler, summary in (
        ("entities", EntitySearchParams, _search_entities,
         "Entities whose name, id or alias contains q, most mentioned first"),
        ("entity-volume", EntityVolumeParams, _entity_volume,
         "Articles naming an entity per day/week/month (zero-filled), overall or by outlet"),
        ("topic-volume", TopicVolumeParams, _topic_volume,
         "Articles with a topic (or narrower codes) per period, overall or by outlet"),
        ("watch-volume", WatchVolumeParams, _watch_volume,
         "Articles matching a watch topic per period, overall or by outlet"),
        ("share-of-voice", ShareOfVoiceParams, _share_of_voice,
         "Each entity's share of the articles naming any of the compared entities, per period"),
        ("top-entities", TopEntitiesParams, _top_entities,
         "Entities in the most articles in the window, with the previous window and the change"),
        ("top-topics", TopTopicsParams, _top_topics,
         "Topics on the most articles in the window, with the previous window and the change"),
        ("cooccurrences", CooccurrenceParams, _cooccurrences,
         "Entities named in the same articles as an entity"),
        ("spikes", SpikeParams, _spikes,
         "Entity-days far above their trailing 14-day baseline (ratio, z-score, minimum count)"),
        ("emerging-keyphrases", KeyphraseParams, _keyphrases,
         "Keyphrases growing against their baseline rate"),
        ("articles", ArticleParams, _articles,
         "The articles behind any point of a chart, newest first"),
    ):  # fmt: skip
        _add_query(app, reader, settings, guarded, route, params, handler, summary)

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", headers={"Cache-Control": "no-cache"})

    return app


def _etag(generation: Generation, request: Request) -> str:
    params = sorted(request.query_params.multi_items())
    digest = hashlib.sha256(json.dumps([generation.tag, request.url.path, params]).encode()).hexdigest()
    return f'W/"{digest[:32]}"'


def _cache_headers(settings: ApiSettings, etag: str) -> dict[str, str]:
    scope = "private" if settings.token is not None else "public"
    return {"ETag": etag, "Cache-Control": f"{scope}, max-age={settings.cache_max_age}", "Vary": "Authorization"}


def _not_modified(request: Request, etag: str) -> bool:
    given = request.headers.get("if-none-match", "")
    return given.strip() == "*" or etag in (tag.strip() for tag in given.split(","))


class _Watchdog:
    """Interrupts a cursor whose query runs past the timeout (DuckDB has no statement timeout)."""

    def __init__(self, cur: duckdb.DuckDBPyConnection, seconds: float) -> None:
        self.fired = False
        self._timer = threading.Timer(seconds, self._fire, args=(cur,))
        self._timer.daemon = True

    def _fire(self, cur: duckdb.DuckDBPyConnection) -> None:
        self.fired = True
        cur.interrupt()

    def __enter__(self) -> "_Watchdog":
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()


def _run_guarded(settings: ApiSettings, cur: duckdb.DuckDBPyConnection, work: Callable[[], Any]) -> Any:
    with _Watchdog(cur, settings.query_timeout) as watchdog:
        try:
            return work()
        except duckdb.Error as exc:
            if watchdog.fired:
                raise HTTPException(503, f"the query took longer than {settings.query_timeout:g} s") from exc
            raise


def _respond_raw(
    request: Request,
    reader: SnapshotReader,
    settings: ApiSettings,
    run: Callable[[duckdb.DuckDBPyConnection, queries.Coverage], dict[str, Any]],
) -> Response:
    with reader.cursor() as (cur, generation):
        etag = _etag(generation, request)
        headers = _cache_headers(settings, etag)
        if _not_modified(request, etag):
            return Response(status_code=304, headers=headers)
        coverage = reader.coverage(cur, generation)
        content = reader.remember(
            generation,
            request.url.path,
            lambda: json.dumps(_run_guarded(settings, cur, lambda: run(cur, coverage)), ensure_ascii=False),
        )
    return Response(content, media_type="application/json", headers=headers)


QueryRunner = Callable[[duckdb.DuckDBPyConnection, queries.Coverage, Any], Answer]


def _add_query(
    app: FastAPI,
    reader: SnapshotReader,
    settings: ApiSettings,
    guarded: list[Any],
    name: str,
    params_model: type[BaseModel],
    run: QueryRunner,
    summary: str,
) -> None:
    """Register ``/api/<name>`` (JSON) and ``/api/<name>.csv`` for one query."""

    def answer(request: Request, params: Any, as_csv: bool) -> Response:
        with reader.cursor() as (cur, generation):
            etag = _etag(generation, request)
            headers = _cache_headers(settings, etag)
            if _not_modified(request, etag):
                return Response(status_code=304, headers=headers)
            coverage = reader.coverage(cur, generation)
            result: Answer = _run_guarded(settings, cur, lambda: run(cur, coverage, params))
        limit = getattr(params, "limit", len(result.rows))
        offset = getattr(params, "offset", 0)
        rows = result.rows if result.paged else result.rows[offset : offset + limit]
        headers["X-Total-Count"] = str(result.total)
        if offset + limit < result.total:
            following = request.url.include_query_params(offset=offset + limit)
            headers["Link"] = f'<{following.path}?{following.query}>; rel="next"'
        if as_csv:
            return _csv_response(name, rows, headers)
        body = {
            "query": name,
            "params": {k: _jsonable(v) for k, v in result.params.items()},
            "snapshot": {
                "published_at": generation.published_at.isoformat(),
                "first_day": _jsonable(coverage.first_day),
                "last_day": _jsonable(coverage.last_day),
            },
            "total": result.total,
            "limit": limit,
            "offset": offset,
            "rows": [_row_dict(row) for row in rows],
        }
        return Response(json.dumps(body, ensure_ascii=False), media_type="application/json", headers=headers)

    def json_endpoint(request: Request, params: Annotated[params_model, Query()]) -> Response:  # type: ignore[valid-type]
        return answer(request, params, as_csv=False)

    def csv_endpoint(request: Request, params: Annotated[params_model, Query()]) -> Response:  # type: ignore[valid-type]
        return answer(request, params, as_csv=True)

    tag = ["trends"] if name != "entities" else ["filters"]
    app.add_api_route(f"/api/{name}", json_endpoint, methods=["GET"], summary=summary, tags=tag,
                      dependencies=guarded, response_model=Envelope, name=name)  # fmt: skip
    app.add_api_route(f"/api/{name}.csv", csv_endpoint, methods=["GET"], summary=f"{summary} (CSV)", tags=tag,
                      dependencies=guarded, response_class=Response, name=f"{name}.csv",
                      responses={200: {"content": {"text/csv": {}}}})  # fmt: skip


def _csv_response(name: str, rows: Sequence[Any], headers: dict[str, str]) -> Response:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if rows:
        fields = [f.name for f in dataclasses.fields(rows[0])]
        writer.writerow(fields)
        for row in rows:
            writer.writerow([_csv_cell(getattr(row, f)) for f in fields])
    headers = {**headers, "Content-Disposition": f'attachment; filename="{name}.csv"'}
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


# --- one function per query: parameters in, Answer out ---------------------------------------


@dataclasses.dataclass(frozen=True)
class EntityRow:
    entity_id: str
    name: str
    type: str
    articles: int


def _search_entities(cur: duckdb.DuckDBPyConnection, coverage: queries.Coverage, p: EntitySearchParams) -> Answer:
    rows = [EntityRow(*row) for row in queries.search_entities(cur, p.q, limit=p.limit)]
    return Answer(rows, len(rows), {"q": p.q, "limit": p.limit}, paged=False)


def _series_params(coverage: queries.Coverage, p: Series) -> dict[str, Any]:
    start, end = _default_window(coverage, p, None)
    return {"grain": p.grain, "start": start, "end": end, "outlets": p.outlet, "by_outlet": p.by_outlet}


def _entity_volume(cur: duckdb.DuckDBPyConnection, coverage: queries.Coverage, p: EntityVolumeParams) -> Answer:
    args = _series_params(coverage, p)
    rows = queries.volume(cur, "entity", p.entity, **args)
    return Answer(rows, len(rows), {"entity": p.entity, **args}, paged=False)


def _topic_volume(cur: duckdb.DuckDBPyConnection, coverage: queries.Coverage, p: TopicVolumeParams) -> Answer:
    args = _series_params(coverage, p)
    rows = queries.volume(cur, "topic", p.topic, min_score=p.min_score, **args)
    return Answer(rows, len(rows), {"topic": p.topic, "min_score": p.min_score, **args}, paged=False)


def _watch_volume(cur: duckdb.DuckDBPyConnection, coverage: queries.Coverage, p: WatchVolumeParams) -> Answer:
    args = _series_params(coverage, p)
    rows = queries.volume(cur, "watch", p.watch, **args)
    return Answer(rows, len(rows), {"watch": p.watch, **args}, paged=False)


def _share_of_voice(cur: duckdb.DuckDBPyConnection, coverage: queries.Coverage, p: ShareOfVoiceParams) -> Answer:
    start, end = _default_window(coverage, p, None)
    entities = list(p.entity)
    if not entities and end:  # the top five of the window's last 30 days: today's voices, cheaply
        first = max(start or coverage.first_day or end, end - timedelta(days=29))
        top = queries.entity_ranking(cur, start=first, end=end, outlets=p.outlet, limit=5)
        entities = [e.entity_id for e in top.rows]
    rows = queries.share_of_voice(cur, entities, grain=p.grain, start=start, end=end, outlets=p.outlet)
    return Answer(rows, len(rows), {"entity": entities, "grain": p.grain, "start": start, "end": end,
                                    "outlets": p.outlet}, paged=False)  # fmt: skip


def _require(start: date | None, end: date | None) -> tuple[date, date]:
    if start is None or end is None:
        raise SnapshotMissing("the snapshot has no dated articles yet")
    return start, end


def _top_entities(cur: duckdb.DuckDBPyConnection, coverage: queries.Coverage, p: TopEntitiesParams) -> Answer:
    start, end = _require(*_default_window(coverage, p, 30))
    page = queries.entity_ranking(cur, start=start, end=end, outlets=p.outlet, topic=p.topic,
                                  entity_types=p.entity_type, limit=p.limit, offset=p.offset)  # fmt: skip
    return Answer(page.rows, page.total, {"start": start, "end": end, "outlets": p.outlet, "topic": p.topic,
                                          "entity_types": p.entity_type})  # fmt: skip


def _top_topics(cur: duckdb.DuckDBPyConnection, coverage: queries.Coverage, p: TopTopicsParams) -> Answer:
    start, end = _require(*_default_window(coverage, p, 30))
    page = queries.topic_ranking(cur, start=start, end=end, outlets=p.outlet, entity=p.entity,
                                 min_score=p.min_score, limit=p.limit, offset=p.offset)  # fmt: skip
    return Answer(page.rows, page.total, {"start": start, "end": end, "outlets": p.outlet, "entity": p.entity,
                                          "min_score": p.min_score})  # fmt: skip


def _cooccurrences(cur: duckdb.DuckDBPyConnection, coverage: queries.Coverage, p: CooccurrenceParams) -> Answer:
    start, end = _default_window(coverage, p, None)
    page = queries.cooccurrences(cur, p.entity, start=start, end=end, outlets=p.outlet, limit=p.limit,
                                 offset=p.offset)  # fmt: skip
    return Answer(page.rows, page.total, {"entity": p.entity, "start": start, "end": end, "outlets": p.outlet})


def _spikes(cur: duckdb.DuckDBPyConnection, coverage: queries.Coverage, p: SpikeParams) -> Answer:
    start, end = _default_window(coverage, p, None)
    page = queries.spikes(cur, start=start, end=end, entity=p.entity, outlets=p.outlet, min_count=p.min_count,
                          min_ratio=p.min_ratio, min_z=p.min_z, limit=p.limit, offset=p.offset)  # fmt: skip
    used = {"start": start, "end": end, "entity": p.entity, "outlets": p.outlet, "min_count": p.min_count,
            "min_ratio": p.min_ratio, "min_z": p.min_z}  # fmt: skip
    return Answer(page.rows, page.total, used)


def _keyphrases(cur: duckdb.DuckDBPyConnection, coverage: queries.Coverage, p: KeyphraseParams) -> Answer:
    start, end = _require(*_default_window(coverage, p, 7))
    page = queries.emerging_keyphrases(cur, start=start, end=end, baseline_days=p.baseline_days, outlets=p.outlet,
                                       min_count=p.min_count, limit=p.limit, offset=p.offset)  # fmt: skip
    return Answer(page.rows, page.total, {"start": start, "end": end, "baseline_days": p.baseline_days,
                                          "outlets": p.outlet, "min_count": p.min_count})  # fmt: skip


def _articles(cur: duckdb.DuckDBPyConnection, coverage: queries.Coverage, p: ArticleParams) -> Answer:
    page = queries.articles_behind(cur, start=p.start, end=p.end, entities=p.entity, topic=p.topic, watch=p.watch,
                                   phrase=p.phrase, outlets=p.outlet, limit=p.limit, offset=p.offset)  # fmt: skip
    return Answer(page.rows, page.total, {"start": p.start, "end": p.end, "entity": p.entity, "topic": p.topic,
                                          "watch": p.watch, "phrase": p.phrase, "outlets": p.outlet})  # fmt: skip
