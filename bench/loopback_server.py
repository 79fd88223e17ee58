"""A minimal asyncio HTTP/1.1 server for benchmarks: serves the demo newsroom's pre-rendered pages.

The demo server (stdlib ThreadingHTTPServer) is built for correctness, not speed, and on two cores
it — not the client — limits a fetch benchmark. This one answers keep-alive GETs from memory, with
Host dispatch, so bench/fetch measures the fetcher. Run: ``python -m bench.loopback_server PORT``.
"""

from __future__ import annotations

import asyncio
import sys

from demo.corpus import build_corpus
from demo.pages import Pages


def build_responses() -> dict[tuple[str, str], bytes]:
    responses = {}
    for host, path, page in Pages(build_corpus(42)).render_all():
        body = page.body if isinstance(page.body, bytes) else page.body.encode()
        head = (
            f"HTTP/1.1 {page.status} OK\r\nContent-Type: {page.content_type}\r\n"
            f"Content-Length: {len(body)}\r\nETag: {page.etag}\r\n\r\n"
        ).encode()
        responses[(host, path)] = head + body
    return responses


NOT_FOUND = b"HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\nnot found"


async def serve(port: int) -> None:
    responses = build_responses()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                path = lines[0].split(" ")[1]
                host = next((ln.split(":", 1)[1].strip() for ln in lines[1:] if ln.lower().startswith("host:")), "")
                writer.write(responses.get((host.split(":")[0], path), NOT_FOUND))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, IndexError):
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", port, backlog=512)
    print("listening", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(serve(int(sys.argv[1])))
