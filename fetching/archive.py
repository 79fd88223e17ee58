"""The raw archive: every HTTP response goes to gzipped WARC files, rotated by size.

The archive is the source of truth: ``mediamon reparse`` rebuilds articles from it with no network.
Each response is one WARC ``response`` record (one gzip member, so a record can be read from its
offset alone) carrying the final URL, status line, headers, body and fetch time, plus mediamon's own
headers for the requested URL, the source and the redirect chain.

Bodies are stored decoded (httpx has already undone Content-Encoding), so the stored headers drop
Content-Encoding/Transfer-Encoding and give the stored Content-Length.
"""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from mediamon.records import FeedHints, FetchResult

DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024
_DROPPED_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})
_REQUEST_URL = "WARC-Mediamon-Request-URL"
_SOURCE = "WARC-Mediamon-Source"
_REDIRECTS = "WARC-Mediamon-Redirects"
_DURATION = "WARC-Mediamon-Duration-Ms"


@dataclass(frozen=True, slots=True)
class ArchivePointer:
    """Where one response lies: the WARC file (name relative to the archive folder) and offset."""

    file: str
    offset: int


class WarcArchive:
    """Appends responses to ``<folder>/mediamon-<start time>-<n>.warc.gz``, a new file past
    ``max_file_bytes``. Thread-safe; one instance per run."""

    def __init__(self, folder: Path, *, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> None:
        self.folder = folder
        self.max_file_bytes = max_file_bytes
        self._lock = threading.Lock()
        self._handle: io.BufferedWriter | None = None
        self._writer: WARCWriter | None = None
        self._name = ""
        self._serial = 0
        self._stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")

    def write(self, result: FetchResult) -> ArchivePointer | None:
        """Archive one response; None when there was no HTTP response to keep."""
        if result.status is None:
            return None
        with self._lock:
            writer = self._current_writer()
            assert self._handle is not None
            offset = self._handle.tell()
            headers = [(k, v) for k, v in result.headers if k.lower() not in _DROPPED_HEADERS]
            headers.append(("Content-Length", str(len(result.body))))
            http_headers = StatusAndHeaders(str(result.status), headers, protocol="HTTP/1.1")
            record = writer.create_warc_record(
                result.final_url,
                "response",
                payload=io.BytesIO(result.body),
                http_headers=http_headers,
                warc_headers_dict={
                    "WARC-Date": result.fetched_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                    _REQUEST_URL: result.url,
                    _SOURCE: result.source,
                    _REDIRECTS: json.dumps(list(result.redirects)),
                    _DURATION: f"{result.duration_ms:.3f}",
                },
            )
            writer.write_record(record)
            self._handle.flush()
            return ArchivePointer(self._name, offset)

    def close(self) -> None:
        with self._lock:
            if self._handle is not None:
                self._handle.close()
                self._handle = None
                self._writer = None

    def __enter__(self) -> WarcArchive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _current_writer(self) -> WARCWriter:
        if self._handle is not None and self._handle.tell() >= self.max_file_bytes:
            self._handle.close()
            self._handle = None
        if self._handle is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._serial += 1
            self._name = f"mediamon-{self._stamp}-{self._serial:05d}.warc.gz"
            self._handle = open(self.folder / self._name, "ab")  # noqa: SIM115 -- kept open across writes
            self._writer = WARCWriter(self._handle, gzip=True)
        assert self._writer is not None
        return self._writer


def read_response(folder: Path, pointer: ArchivePointer) -> FetchResult:
    """The archived response at ``pointer``, as the ``FetchResult`` the fetcher returned.

    Raises:
        FileNotFoundError: the WARC file is gone.
        ValueError: no response record at that offset.
    """
    with open(folder / pointer.file, "rb") as handle:
        handle.seek(pointer.offset)
        for record in ArchiveIterator(handle):
            if record.rec_type == "response":
                return _to_result(record)
            break
    raise ValueError(f"{pointer.file}@{pointer.offset}: no WARC response record there")


def iter_responses(folder: Path) -> Iterator[tuple[ArchivePointer, FetchResult]]:
    """Every archived response, file by file in name (= time) order."""
    for path in sorted(folder.glob("*.warc.gz")):
        with open(path, "rb") as handle:
            iterator = ArchiveIterator(handle)
            for record in iterator:
                if record.rec_type == "response":
                    offset = iterator.get_record_offset()
                    yield ArchivePointer(path.name, offset), _to_result(record)


def _to_result(record: object) -> FetchResult:
    warc = record.rec_headers  # type: ignore[attr-defined]
    http = record.http_headers  # type: ignore[attr-defined]
    body = record.content_stream().read()  # type: ignore[attr-defined]
    fetched = datetime.fromisoformat(warc.get_header("WARC-Date").replace("Z", "+00:00"))
    return FetchResult(
        source=warc.get_header(_SOURCE) or "",
        url=warc.get_header(_REQUEST_URL) or warc.get_header("WARC-Target-URI"),
        final_url=warc.get_header("WARC-Target-URI"),
        status=int(http.get_statuscode()),
        headers=tuple(http.headers),
        body=body,
        fetched_at=fetched,
        duration_ms=float(warc.get_header(_DURATION) or 0),
        redirects=tuple(json.loads(warc.get_header(_REDIRECTS) or "[]")),
        hints=FeedHints(),
    )
