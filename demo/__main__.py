"""``python -m demo``: serve the demo newsroom until Ctrl-C, printing its URL and host map."""

from __future__ import annotations

import argparse
import sys
import threading

from demo.corpus import DEFAULT_SEED
from demo.server import start_newsroom


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, start the newsroom and block until interrupted. Returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m demo", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8765, help="port to listen on, 0 for any (default: 8765)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"corpus seed (default: {DEFAULT_SEED})")
    args = parser.parse_args(argv)

    newsroom = start_newsroom(host=args.host, port=args.port, seed=args.seed)
    print(f"demo newsroom: {newsroom.url}  ({len(newsroom.corpus.articles)} articles, seed {args.seed})")
    for outlet_host, address in newsroom.host_map.items():
        print(f"  {outlet_host:<22} -> {address}   browse: {newsroom.url}/_/{outlet_host}/")
    print(f"try: curl -H 'Host: jamestown.test' {newsroom.url}/feed/")
    print("Ctrl-C to stop", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        print("stopping", file=sys.stderr)
    finally:
        newsroom.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
