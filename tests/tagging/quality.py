"""Quality measures of the tagger against the hand-made gold sets in tests/fixtures/tagging/.

Run ``.venv/bin/python -m tests.tagging.quality`` to print every number; the tests in
``test_quality.py`` assert floors on the same functions.

* ``entities_gold.jsonl``: 21 articles (the seed and 20 written in the styles of varied outlets),
  each with the distinct PERSON / ORG / GPE / LOC entities a reader would count (cited sources
  in parenthetical citations excluded). Scored per article on distinct entities, ignoring type;
  type agreement is reported separately.
* ``alias_pairs.tsv``: spelling variants and the entity id they must resolve to ("-": none).
* ``iptc_gold.jsonl``: 123 short articles with their primary IPTC top-level topic.
* ``iptc_news_gold.jsonl``: 180 real, long (260+ words) English news and analysis pages of about 165
  outlets in ../shared/corpora
  (pages-dev and dates-dev; only ids and labels are stored here, the text is parsed in place),
  labelled by hand before any prediction was looked at: ``top`` is what the article is mainly
  about, ``acceptable`` the other top-level codes a careful editor could defend, ``level2`` the
  level-2 code where one is clear. Top-1 counts as right when it is ``top`` or in
  ``acceptable``. ``split``: ``tune`` (method changes may be checked against it) or
  ``held_out`` (never tuned on).
"""

from __future__ import annotations

import csv
import functools
import gzip
import json
from dataclasses import dataclass
from pathlib import Path

from tagging.gazetteer import Gazetteer
from tagging.tagger import Tagger
from tagging.topics import IPTC_TOPICS, TopicScorer, text_words
from tagging.transliteration import fold_alias

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "tagging"
COUNTED_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC"})
SHARED = Path(__file__).resolve().parents[3] / "shared"
SHARED_IPTC = SHARED / "data" / "iptc-mediatopic" / "mediatopic_2023-10-24_en.csv"


@dataclass(frozen=True)
class EntityScores:
    precision: float
    recall: float
    f1: float
    type_accuracy: float
    predicted: int
    gold: int
    misses: tuple[tuple[str, str], ...]  # (article id, gold name) not found
    extras: tuple[tuple[str, str], ...]  # (article id, predicted name) not in gold


def load_jsonl(name: str) -> list[dict[str, object]]:
    with (FIXTURES / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _gold_key(name: str, gazetteer: Gazetteer) -> str:
    entry = gazetteer.lookup(name)
    return entry.entity.entity_id if entry else fold_alias(name)


def score_entities(tagger: Tagger) -> EntityScores:
    """Precision/recall of distinct counted entities per article (see the module docstring)."""
    articles = load_jsonl("entities_gold.jsonl")
    tags_list = list(tagger.tag_many((str(a["text"]), str(a["title"])) for a in articles))
    true_pos = predicted_n = gold_n = typed_ok = 0
    misses: list[tuple[str, str]] = []
    extras: list[tuple[str, str]] = []
    for article, tags in zip(articles, tags_list, strict=True):
        counted_ids = {m.entity_id for m in tags.entities if m.type in COUNTED_TYPES}
        predicted = [e for e in tags.canonical_entities if e.entity_id in counted_ids]
        gold = [(str(e["name"]), str(e["type"])) for e in article["entities"]]  # type: ignore[union-attr]
        gold_keys = {_gold_key(name, tagger.gazetteer): (name, kind) for name, kind in gold}
        matched_gold: set[str] = set()
        for entity in predicted:
            keys = {entity.entity_id, fold_alias(entity.name)}
            hit = next((k for k in keys if k in gold_keys and k not in matched_gold), None)
            if hit is None:
                extras.append((str(article["id"]), entity.name))
                continue
            matched_gold.add(hit)
            true_pos += 1
            typed_ok += entity.type == gold_keys[hit][1]
        misses.extend((str(article["id"]), name) for key, (name, _) in gold_keys.items() if key not in matched_gold)
        predicted_n += len(predicted)
        gold_n += len(gold_keys)
    precision = true_pos / predicted_n if predicted_n else 0.0
    recall = true_pos / gold_n if gold_n else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return EntityScores(
        precision,
        recall,
        f1,
        typed_ok / true_pos if true_pos else 0.0,
        predicted_n,
        gold_n,
        tuple(misses),
        tuple(extras),
    )


def score_aliases(gazetteer: Gazetteer) -> tuple[float, int, list[str]]:
    """Accuracy of alias resolution over alias_pairs.tsv: (accuracy, pairs, failures)."""
    failures = []
    total = 0
    with (FIXTURES / "alias_pairs.tsv").open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if not row or row[0].startswith("#"):
                continue
            variant, expected = row[0], row[1]
            total += 1
            entry = gazetteer.lookup(variant)
            got = entry.entity.entity_id if entry else "-"
            if got != expected:
                failures.append(f"{variant!r}: expected {expected}, got {got}")
    return (total - len(failures)) / total, total, failures


def score_iptc(scorer: TopicScorer) -> tuple[float, float, int, list[str]]:
    """Top-level accuracy over iptc_gold.jsonl with the lexicon scorer alone (no spaCy).

    Returns (top-1 accuracy, gold-in-kept-topics rate, articles, failures).
    """
    top1 = in_kept = 0
    failures = []
    rows = load_jsonl("iptc_gold.jsonl")
    for row in rows:
        topics = scorer.score(text_words(str(row["text"])), text_words(str(row["title"])))
        level1 = [t.code for t in topics if t.level == 1]
        if level1 and level1[0] == row["top"]:
            top1 += 1
        else:
            failures.append(f"{row['id']}: gold {row['top']}, got {level1}")
        in_kept += row["top"] in level1
    return top1 / len(rows), in_kept / len(rows), len(rows), failures


def score_iptc_definitions(scorer: TopicScorer) -> tuple[float, int] | None:
    """Top-level accuracy on the label + definition of every active IPTC concept of level 3 or
    deeper. No longer held out: the scorer's vocabulary terms are these labels (their definitions
    are still unused). None without ../shared."""
    if not SHARED_IPTC.exists():
        return None
    with SHARED_IPTC.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if not r["retired"] and int(r["level"]) >= 3]
    correct = 0
    for row in rows:
        topics = scorer.score(text_words(f"{row['label_en']}. {row['definition_en']}"))
        level1 = [t.code for t in topics if t.level == 1]
        correct += bool(level1) and level1[0] == row["top_level"]
    return correct / len(rows), len(rows)


@dataclass(frozen=True)
class NewsTopicScores:
    """IPTC accuracy on one split of ``iptc_news_gold.jsonl``."""

    articles: int
    top1: float  # top-1 level-1 code is the primary or an acceptable code
    top1_strict: float  # top-1 level-1 code is the primary code
    level2: float  # the first (best) level-2 code is the gold level-2 code (articles that have one)
    level2_articles: int
    failures: tuple[str, ...]


def shared_news_missing_reason() -> str | None:
    """Why the real-news IPTC evaluation cannot run here (None when it can)."""
    for corpus in ("pages-dev", "dates-dev"):
        if not (SHARED / "corpora" / corpus / "gold.jsonl").exists():
            return f"../shared/corpora/{corpus} is absent (the real news pages are read in place, never copied)"
    return None


@functools.cache
def load_news_articles() -> tuple[tuple[dict[str, object], str, str], ...]:
    """Parse every page of ``iptc_news_gold.jsonl`` from ../shared: (gold row, title, body)."""
    from parsers import parse

    pages: dict[tuple[str, str], dict[str, str]] = {}
    for corpus in ("pages-dev", "dates-dev"):
        with (SHARED / "corpora" / corpus / "gold.jsonl").open(encoding="utf-8") as handle:
            for line in handle:
                page = json.loads(line)
                pages[(corpus, page["id"])] = page
    loaded = []
    for row in load_jsonl("iptc_news_gold.jsonl"):
        corpus = str(row["corpus"])
        page = pages[(corpus, str(row["id"]))]
        html = gzip.decompress((SHARED / "corpora" / corpus / page["file"]).read_bytes())
        article = parse(html, url=page["url"])
        loaded.append((row, article.title or "", article.body))
    return tuple(loaded)


def score_iptc_news(scorer: TopicScorer, split: str | None = None) -> NewsTopicScores:
    """Top-level and level-2 accuracy on the real news pages (``split``: tune, held_out or all)."""
    chosen = [a for a in load_news_articles() if split is None or a[0]["split"] == split]
    top1 = strict = l2_right = l2_total = 0
    failures = []
    for row, title, body in chosen:
        topics = scorer.score(text_words(body), text_words(title))
        level1 = [t.code for t in topics if t.level == 1]
        level2 = [t.code for t in topics if t.level == 2]
        allowed = {row["top"], *row["acceptable"]}  # type: ignore[misc]
        got = level1[0] if level1 else None
        top1 += got in allowed
        strict += got == row["top"]
        if got not in allowed:
            failures.append(f"{row['id']} ({row['note']}): gold {row['top']}, got {level1}")
        if row["level2"]:
            l2_total += 1
            l2_right += bool(level2) and level2[0] == row["level2"]
    n = max(len(chosen), 1)
    return NewsTopicScores(len(chosen), top1 / n, strict / n, l2_right / max(l2_total, 1), l2_total, tuple(failures))


def score_demo(tagger: Tagger) -> dict[str, float] | None:
    """Agreement with the demo newsroom's ground truth (None when ``demo`` is not importable):
    environment-topic precision/recall against ``truth.environment_urls``, IPTC top-1 within the
    article's own top-level codes, and recall of its canonical entity names."""
    try:
        from demo.corpus import build_corpus
    except ImportError:
        return None
    corpus = build_corpus()
    articles = corpus.articles
    tags_list = list(tagger.tag_many((a.body_text, a.title) for a in articles))
    environment = set(corpus.truth.environment_urls)
    predicted = {
        a.url for a, t in zip(articles, tags_list, strict=True) if "medtop:06000000" in {x.code for x in t.topics}
    }
    top1 = names_found = names_total = 0
    for article, tags in zip(articles, tags_list, strict=True):
        gold_tops = {
            c if IPTC_TOPICS[c].level == 1 else IPTC_TOPICS[c].parent for c in article.iptc if c in IPTC_TOPICS
        }
        level1 = [t.code for t in tags.topics if t.level == 1]
        top1 += bool(level1) and level1[0] in gold_tops
        names = {e.name for e in tags.canonical_entities}
        names_total += len(article.entities)
        names_found += sum(name in names for name in article.entities)
    return {
        "articles": len(articles),
        "environment_precision": len(environment & predicted) / max(len(predicted), 1),
        "environment_recall": len(environment & predicted) / max(len(environment), 1),
        "iptc_top1": top1 / len(articles),
        "entity_name_recall": names_found / max(names_total, 1),
    }


def main() -> None:
    from tagging import load_tagger

    tagger = load_tagger()
    entities = score_entities(tagger)
    print(
        f"entities: precision {entities.precision:.3f} recall {entities.recall:.3f} F1 {entities.f1:.3f} "
        f"type agreement {entities.type_accuracy:.3f} ({entities.predicted} predicted, {entities.gold} gold)"
    )
    print("  missed:", "; ".join(f"{a}:{n}" for a, n in entities.misses))
    print("  extra:", "; ".join(f"{a}:{n}" for a, n in entities.extras))
    accuracy, pairs, failures = score_aliases(tagger.gazetteer)
    print(f"aliases: accuracy {accuracy:.3f} on {pairs} pairs", *failures, sep="\n  ")
    top1, kept, count, iptc_failures = score_iptc(tagger.topic_scorer)
    print(f"iptc gold: top-1 {top1:.3f}, gold among kept {kept:.3f} on {count} articles", *iptc_failures, sep="\n  ")
    held_out = score_iptc_definitions(tagger.topic_scorer)
    if held_out:
        print(f"iptc definitions (labels feed the lexicon): top-1 {held_out[0]:.3f} on {held_out[1]} concepts")
    if (reason := shared_news_missing_reason()) is None:
        for split in ("tune", "held_out"):
            news = score_iptc_news(tagger.topic_scorer, split)
            print(
                f"iptc real news ({split}): top-1 {news.top1:.3f} (strict {news.top1_strict:.3f}) on "
                f"{news.articles} articles, level-2 {news.level2:.3f} on {news.level2_articles}",
                *news.failures,
                sep="\n  ",
            )
    else:
        print(f"iptc real news: skipped, {reason}")
    demo = score_demo(tagger)
    if demo:
        print(
            "demo newsroom:", ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in demo.items())
        )


if __name__ == "__main__":
    main()
