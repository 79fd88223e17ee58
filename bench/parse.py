"""Parser benchmark: speed and quality of ``parsers.parse`` next to trafilatura, same run.

    .venv/bin/python bench/parse.py [--limit N] [--skip-dates] [--rounds 3] [--speed-only]

Speed: pages per second over pages-dev (HTML already in memory, one process, after a warm-up,
median of alternating rounds) for ``parsers.parse`` and for ``trafilatura.extract`` (its default
text extraction).
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

WARM_UP_PAGES = 150


def time_ours(pages: list[evaluation.GoldPage]) -> float:
    start = time.perf_counter()
    for page in pages:
        with contextlib.suppress(ParseError):
            parse(page.html, url=evaluation.corpus_url(page))
    return len(pages) / (time.perf_counter() - start)


def time_trafilatura(pages: list[evaluation.GoldPage]) -> float:
    start = time.perf_counter()
    for page in pages:
        trafilatura.extract(page.html, url=evaluation.corpus_url(page))
    return len(pages) / (time.perf_counter() - start)


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
    time_ours(pages[:WARM_UP_PAGES])
    time_trafilatura(pages[:WARM_UP_PAGES])
    ours_rounds, traf_rounds = [], []
    for _ in range(args.rounds):
        ours_rounds.append(time_ours(pages))
        traf_rounds.append(time_trafilatura(pages))
    ours_speed = statistics.median(ours_rounds)
    traf_speed = statistics.median(traf_rounds)
    print(f"speed on {len(pages)} pages-dev pages (one process, median of {args.rounds} alternating rounds):")
    print(f"  parsers.parse        {ours_speed:7.1f} pages/s")
    print(f"  trafilatura.extract  {traf_speed:7.1f} pages/s")
    print(f"  ratio                {ours_speed / traf_speed:7.2f}x")
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
