"""Parser benchmark: speed and quality of ``parsers.parse`` next to trafilatura, same run.

    .venv/bin/python bench/parse.py [--limit N] [--skip-dates] [--rounds 3] [--speed-only]

Speed: pages per second over pages-dev (HTML already in memory, one process, after a warm-up,
median of alternating rounds) for ``parsers.parse`` and for ``trafilatura.extract`` (its default
text extraction), by wall clock and by this process's CPU time. On a shared machine the CPU-time
ratio is the steadier one: other processes stretch the wall clock of whichever round they hit.
The warm-up runs every page once: dateparser (under htmldate) compiles each locale's patterns
the first time it tries that locale, a one-off cost of several seconds.
Quality: ``parsers.evaluation`` scoring for ``parsers.parse`` and for trafilatura's
``bare_extraction(with_metadata=True)`` (the baseline to beat) on pages-dev and dates-dev.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import trafilatura

from mediamon.errors import ParseError
from parsers import evaluation, parse


def time_ours(pages: list[evaluation.GoldPage]) -> tuple[float, float]:
    """Pages per second of ``parsers.parse``: (wall clock, process CPU time)."""
    start, start_cpu = time.perf_counter(), time.process_time()
    for page in pages:
        with contextlib.suppress(ParseError):
            parse(page.html, url=evaluation.corpus_url(page))
    return len(pages) / (time.perf_counter() - start), len(pages) / (time.process_time() - start_cpu)


def time_trafilatura(pages: list[evaluation.GoldPage]) -> tuple[float, float]:
    """Pages per second of ``trafilatura.extract``: (wall clock, process CPU time)."""
    start, start_cpu = time.perf_counter(), time.process_time()
    for page in pages:
        trafilatura.extract(page.html, url=evaluation.corpus_url(page))
    return len(pages) / (time.perf_counter() - start), len(pages) / (time.process_time() - start_cpu)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages of each corpus")
    parser.add_argument("--skip-dates", action="store_true", help="skip dates-dev")
    parser.add_argument("--rounds", type=int, default=3, help="timing rounds per extractor")
    parser.add_argument("--speed-only", action="store_true", help="skip the quality table")
    args = parser.parse_args()
    if not (evaluation.CORPORA_DIR / evaluation.PAGES_DEV).is_dir():
        print(f"corpora not found at {evaluation.CORPORA_DIR}", file=sys.stderr)
        return 2
    pages = evaluation.load_corpus(evaluation.PAGES_DEV, limit=args.limit)
    dates = [] if args.skip_dates else evaluation.load_corpus(evaluation.DATES_DEV, limit=args.limit)
    # Warm both up (imports, lazy tables, regex caches of dateparser/htmldate) so neither pays
    # start-up inside the timing, then alternate rounds so load from other processes on the
    # machine hits both alike.
    time_ours(pages)
    time_trafilatura(pages)
    ours_rounds, traf_rounds = [], []
    for _ in range(args.rounds):
        ours_rounds.append(time_ours(pages))
        traf_rounds.append(time_trafilatura(pages))
    print(f"speed on {len(pages)} pages-dev pages (one process, median of {args.rounds} alternating rounds):")
    print(f"  {'':20} {'wall':>7} {'cpu':>7} pages/s")
    ours = [statistics.median(r[i] for r in ours_rounds) for i in (0, 1)]
    traf = [statistics.median(r[i] for r in traf_rounds) for i in (0, 1)]
    print(f"  {'parsers.parse':20} {ours[0]:7.1f} {ours[1]:7.1f}")
    print(f"  {'trafilatura.extract':20} {traf[0]:7.1f} {traf[1]:7.1f}")
    print(f"  {'ratio':20} {ours[0] / traf[0]:6.2f}x {ours[1] / traf[1]:6.2f}x")
    if args.speed_only:
        return 0
    print()
    rows = {}
    for name, predict in (
        ("parsers.parse", evaluation.predict_ours),
        ("trafilatura bare+meta", evaluation.predict_trafilatura),
    ):
        pages_score = evaluation.evaluate(pages, predict)
        dates_score = evaluation.evaluate(dates, predict) if dates else None
        rows[name] = (pages_score, dates_score)
    print(evaluation.format_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
