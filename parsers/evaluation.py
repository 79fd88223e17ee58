"""Parser quality on the shared development corpora, ours next to trafilatura's.

Used by ``tests/parsers/test_quality.py`` (pinned floors) and ``bench/parse.py`` (the table and
speed). Scoring, on text normalised to single spaces:

- body: pooled over all snippets of all pages; recall = share of ``body_with`` snippets found in
  the body, precision = share of ``body_without`` snippets absent from it, F1 their harmonic mean.
  A page we refuse (NotAnArticle/ParseError) has an empty body.
- title: exact match with the gold title.
- author: the gold value split on ";", ",", "&", "/", " and ", " und " gives a set of names that
  must equal the set of our author names (gold joins names in several styles).
- date: our publication day (as stated, ``YYYY-MM-DD``) equals the gold date.
Gold values that are null or malformed are unscorable and left out of that field's denominator.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import trafilatura

from mediamon.errors import ParseError
from parsers import parse

CORPORA_DIR = Path(__file__).resolve().parents[2] / "shared" / "corpora"
PAGES_DEV = "pages-dev"
DATES_DEV = "dates-dev"

_SPACE_RE = re.compile(r"\s+")
_AUTHOR_SPLIT_RE = re.compile(r"\s*(?:[;,&/]|\band\b|\bund\b)\s*")


@dataclass(frozen=True, slots=True)
class GoldPage:
    """One corpus page: its HTML and the gold values (None when unscorable)."""

    page_id: str
    url: str
    html: bytes
    title: str | None = None
    author: str | None = None
    date: str | None = None
    body_with: tuple[str, ...] = ()
    body_without: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Prediction:
    """What one extractor said about one page."""

    body: str = ""
    title: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None


@dataclass(slots=True)
class Score:
    """Running quality counts for one extractor over one corpus."""

    with_found: int = 0
    with_total: int = 0
    without_absent: int = 0
    without_total: int = 0
    title_ok: int = 0
    title_total: int = 0
    author_ok: int = 0
    author_total: int = 0
    date_ok: int = 0
    date_total: int = 0
    misses: dict[str, list[str]] = field(default_factory=lambda: {"title": [], "author": [], "date": []})

    @property
    def recall(self) -> float:
        return self.with_found / self.with_total if self.with_total else 0.0

    @property
    def precision(self) -> float:
        return self.without_absent / self.without_total if self.without_total else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def title_accuracy(self) -> float:
        return self.title_ok / self.title_total if self.title_total else 0.0

    @property
    def author_accuracy(self) -> float:
        return self.author_ok / self.author_total if self.author_total else 0.0

    @property
    def date_accuracy(self) -> float:
        return self.date_ok / self.date_total if self.date_total else 0.0


def normalise(text: str | None) -> str:
    """Whitespace collapsed to single spaces, stripped."""
    return _SPACE_RE.sub(" ", text or "").strip()


def valid_gold_date(value: Any) -> str | None:
    """The gold date when it is a real ``YYYY-MM-DD`` day, else None (unscorable)."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value).isoformat() if len(value) == 10 else None
    except ValueError:
        return None


def author_names_of(gold: str) -> set[str]:
    """The set of names in a gold author string (see module docstring)."""
    return {normalise(name) for name in _AUTHOR_SPLIT_RE.split(normalise(gold)) if normalise(name)}


def load_corpus(name: str, corpora_dir: Path = CORPORA_DIR, limit: int | None = None) -> list[GoldPage]:
    """Read ``<corpora_dir>/<name>/gold.jsonl`` and the gzipped pages it lists."""
    folder = corpora_dir / name
    pages: list[GoldPage] = []
    with (folder / "gold.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            title = normalise(row.get("title")) if isinstance(row.get("title"), str) else None
            author = normalise(row.get("author")) if isinstance(row.get("author"), str) else None
            pages.append(
                GoldPage(
                    page_id=row["id"],
                    url=row["url"],
                    html=gzip.decompress((folder / row["file"]).read_bytes()),
                    title=title or None,
                    author=author or None,
                    date=valid_gold_date(row.get("date")),
                    body_with=tuple(normalise(s) for s in row.get("body_with") or () if normalise(s)),
                    body_without=tuple(normalise(s) for s in row.get("body_without") or () if normalise(s)),
                )
            )
            if limit is not None and len(pages) >= limit:
                break
    return pages


def corpus_url(page: GoldPage) -> str:
    """A URL to parse the page under (some gold URLs are labels like "hard::site-name.html")."""
    if page.url.startswith(("http://", "https://")):
        return page.url
    return f"https://corpus.invalid/{page.url.split('::')[-1]}"


def predict_ours(page: GoldPage) -> Prediction:
    """``parsers.parse`` on the page; an empty prediction when it refuses the page."""
    try:
        article = parse(page.html, url=corpus_url(page))
    except ParseError:
        return Prediction()
    return Prediction(
        body=article.body,
        title=article.title or None,
        authors=article.author_names,
        date=article.published_at.date().isoformat() if article.published_at else None,
    )


def predict_trafilatura(page: GoldPage) -> Prediction:
    """trafilatura ``bare_extraction(with_metadata=True)`` with its defaults: the baseline."""
    try:
        document = trafilatura.bare_extraction(page.html, url=corpus_url(page), with_metadata=True)
    except Exception:  # a baseline that crashes on a page scores as an empty prediction
        return Prediction()
    if document is None:
        return Prediction()
    author = getattr(document, "author", None)
    return Prediction(
        body=getattr(document, "text", None) or "",
        title=getattr(document, "title", None),
        authors=tuple(a.strip() for a in author.split(";")) if author else (),
        date=getattr(document, "date", None),
    )


def score_page(score: Score, page: GoldPage, prediction: Prediction) -> None:
    """Add one page's result to ``score``."""
    body = normalise(prediction.body)
    found = [s for s in page.body_with if s in body]
    score.with_found += len(found)
    score.with_total += len(page.body_with)
    score.without_absent += sum(1 for s in page.body_without if s not in body)
    score.without_total += len(page.body_without)
    if page.title is not None:
        score.title_total += 1
        if normalise(prediction.title) == page.title:
            score.title_ok += 1
        else:
            score.misses["title"].append(page.page_id)
    if page.author is not None:
        score.author_total += 1
        if {normalise(a) for a in prediction.authors} == author_names_of(page.author):
            score.author_ok += 1
        else:
            score.misses["author"].append(page.page_id)
    if page.date is not None:
        score.date_total += 1
        if prediction.date == page.date:
            score.date_ok += 1
        else:
            score.misses["date"].append(page.page_id)


def evaluate(pages: Iterable[GoldPage], predict: Callable[[GoldPage], Prediction]) -> Score:
    """Score ``predict`` over ``pages``."""
    score = Score()
    for page in pages:
        score_page(score, page, predict(page))
    return score


def format_table(rows: dict[str, tuple[Score, Score | None]]) -> str:
    """A text table: extractor -> (pages-dev score, dates-dev score or None)."""
    header = (
        f"{'extractor':<22} {'body P':>7} {'body R':>7} {'body F1':>7} "
        f"{'title':>7} {'author':>7} {'date':>7} {'dates-dev':>9}"
    )
    lines = [header, "-" * len(header)]
    for name, (pages_score, dates_score) in rows.items():
        dates_text = f"{dates_score.date_accuracy:9.3f}" if dates_score is not None else f"{'-':>9}"
        lines.append(
            f"{name:<22} {pages_score.precision:7.3f} {pages_score.recall:7.3f} {pages_score.f1:7.3f} "
            f"{pages_score.title_accuracy:7.3f} {pages_score.author_accuracy:7.3f} "
            f"{pages_score.date_accuracy:7.3f} {dates_text}"
        )
    return "\n".join(lines)
