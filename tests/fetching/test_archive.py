"""The raw WARC archive: every response kept, readable from its pointer, rotated by size."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from fetching.archive import ArchivePointer, WarcArchive, iter_responses, read_response
from fetching.client import build_client
from fetching.fetcher import Fetcher, FetchRequest
from fetching.politeness import HostPolicy
from mediamon.records import FetchResult
from mediamon.settings import FetchSettings


def result(n: int) -> FetchResult:
    return FetchResult(
        source="s", url=f"http://x.test/{n}?utm_source=feed", final_url=f"http://x.test/{n}", status=200,
        headers=(("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip"), ("ETag", '"e"')),
        body=f"<p>page {n} – ünïcode</p>".encode() * 40, fetched_at=datetime(2024, 5, 1, 12, n, tzinfo=UTC),
        duration_ms=12.5, redirects=(f"http://x.test/old/{n}",),
    )  # fmt: skip


def test_round_trip_and_rotation(tmp_path):
    with WarcArchive(tmp_path, max_file_bytes=1500) as archive:
        pointers = [archive.write(result(n)) for n in range(6)]
    assert len({p.file for p in pointers}) >= 2  # rotated by size
    for n, pointer in enumerate(pointers):
        back = read_response(tmp_path, pointer)
        original = result(n)
        assert (back.url, back.final_url, back.status, back.body) == (
            original.url, original.final_url, 200, original.body,
        )  # fmt: skip
        assert back.redirects == original.redirects
        assert back.fetched_at == original.fetched_at
        assert dict(back.headers)["Content-Length"] == str(len(original.body))
        assert "Content-Encoding" not in dict(back.headers)  # the body is stored decoded
    assert [p for p, _ in iter_responses(tmp_path)] == pointers


def test_fetcher_archives_every_response_it_gets(tmp_path, trouble_server):
    settings = FetchSettings(download_delay=0, retry_times=0)

    async def run() -> list[FetchResult]:
        with WarcArchive(tmp_path) as archive:
            async with build_client(settings) as client:
                fetcher = Fetcher(client, {}, HostPolicy.merge(settings), archive)
                urls = ["/ok", "/404", "/moved"]
                return [await fetcher.fetch(FetchRequest("t", f"{trouble_server}{u}")) for u in urls]

    ok, missing, moved = asyncio.run(run())
    assert ok.warc and missing.warc and moved.warc
    assert read_response(tmp_path, ArchivePointer(*ok.warc)).body == ok.body
    assert read_response(tmp_path, ArchivePointer(*missing.warc)).status == 404
    assert read_response(tmp_path, ArchivePointer(*moved.warc)).final_url.endswith("/ok")
