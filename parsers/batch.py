"""Batch parsing: a JSON-lines list of saved pages in, one JSON line per article (or error) out.

This is what ``mediamon parse --batch IN --out OUT`` runs. One bad page never stops the batch: it
becomes an error line and the batch goes on.
"""

from __future__ import annotations

import gzip
import json
import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from mediamon.errors import NotAnArticle, ParseError
from mediamon.records import Article, FeedHints
from parsers import parse

logger = logging.getLogger(__name__)


def article_to_record(article: Article) -> dict[str, Any]:
    """A JSON-ready dict of every ``Article`` field.

    Conversions: ``authors`` -> list of names, with ``author_affiliations`` the parallel list
    (None where unknown); datetimes -> ISO 8601 strings; ``published`` is the publication day
    (``YYYY-MM-DD``) for convenience next to the full ``published_at``; ``links`` -> list of
    ``{url, text}``; ``cited_sources`` -> list of ``{name, date_text, raw}``; tuples -> lists.
    """
    published_at = article.published_at
    return {
        "id": article.id,
        "url": article.url,
        "canonical_url": article.canonical_url,
        "title": article.title,
        "subtitle": article.subtitle,
        "series": article.series,
        "part": article.part,
        "outlet": article.outlet,
        "publication": article.publication,
        "volume": article.volume,
        "issue": article.issue,
        "authors": [a.name for a in article.authors],
        "author_affiliations": [a.affiliation for a in article.authors],
        "published": published_at.date().isoformat() if published_at else None,
        "published_at": published_at.isoformat() if published_at else None,
        "published_source": article.published_source,
        "modified_at": article.modified_at.isoformat() if article.modified_at else None,
        "modified_source": article.modified_source,
        "language": article.language,
        "language_declared": article.language_declared,
        "language_detected": article.language_detected,
        "section": article.section,
        "tags": list(article.tags),
        "categories": list(article.categories),
        "summary": article.summary,
        "image_url": article.image_url,
        "body": article.body,
        "word_count": article.word_count,
        "links": [{"url": link.url, "text": link.text} for link in article.links],
        "cited_sources": [{"name": c.name, "date_text": c.date_text, "raw": c.raw} for c in article.cited_sources],
        "parser": article.parser,
        "parser_version": article.parser_version,
    }


def read_page_file(path: Path) -> bytes:
    """The bytes of a saved page, gunzipped when the name ends in ``.gz``.

    Raises:
        OSError: the file cannot be read (or is not valid gzip).
    """
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def _hints_from(entry: dict[str, Any]) -> FeedHints | None:
    raw = entry.get("hints")
    if not isinstance(raw, dict):
        return None
    published = raw.get("published_at")
    try:
        published_at = datetime.fromisoformat(published) if isinstance(published, str) else None
    except ValueError:
        published_at = None
    return FeedHints(
        title=raw.get("title"),
        published_at=published_at,
        authors=tuple(raw.get("authors") or ()),
        summary=raw.get("summary"),
        language=raw.get("language"),
        date_order=raw.get("date_order"),
    )


def parse_entry(entry: dict[str, Any], base_dir: Path) -> dict[str, Any]:
    """Parse one IN entry ``{"id", "url", "path"[, "date_order", "hints"]}`` into an OUT record.

    Returns:
        ``{"id": ..., **article_to_record(article)}``, or ``{"id", "url", "error"}`` where the
        error reads "<ErrorType>: reason". A page refused as ``NotAnArticle`` after it was read
        keeps every field of what it holds next to its ``error``.
    """
    entry_id, url = entry.get("id"), entry.get("url")
    try:
        if not isinstance(url, str) or not isinstance(entry.get("path"), str):
            raise ParseError(str(url), "entry needs string 'url' and 'path'")
        path = Path(entry["path"])
        html = read_page_file(path if path.is_absolute() else base_dir / path)
        article = parse(html, url=url, hints=_hints_from(entry), date_order=entry.get("date_order"))
    except NotAnArticle as exc:
        error = f"NotAnArticle: {exc.reason}"
        # What the refused page holds (its title, dates, text) comes along with the error.
        if isinstance(exc.article, Article):
            return {**article_to_record(exc.article), "id": entry_id, "url": url, "error": error}
        return {"id": entry_id, "url": url, "error": error}
    except ParseError as exc:
        return {"id": entry_id, "url": url, "error": f"{type(exc).__name__}: {exc.reason}"}
    except (OSError, EOFError) as exc:
        return {"id": entry_id, "url": url, "error": f"{type(exc).__name__}: {exc}"}
    return {**article_to_record(article), "id": entry_id}


def run_parse_batch(in_path: Path, out_path: Path, on_progress: Callable[[int], None] | None = None) -> tuple[int, int]:
    """Parse every page listed in ``in_path`` (JSON lines) into ``out_path`` (JSON lines).

    Each IN line is ``{"id", "url", "path"}`` with ``path`` to a ``.html`` or ``.html.gz`` file,
    absolute or relative to IN's folder. Each OUT line is the article record (see
    ``article_to_record``) with the entry's ``id``, or ``{"id", "url", "error"}``. Blank IN lines
    are skipped; a malformed one becomes an error line.

    Args:
        on_progress: called after each entry with the number of entries done so far.

    Returns:
        (ok, failed) counts.
    """
    base_dir = in_path.resolve().parent
    ok = failed = 0
    with in_path.open(encoding="utf-8") as source, out_path.open("w", encoding="utf-8") as sink:
        for line_number, line in enumerate(source, start=1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
                if not isinstance(entry, dict):
                    raise ValueError("not a JSON object")
            except ValueError as exc:
                record: dict[str, Any] = {
                    "id": None,
                    "url": None,
                    "error": f"ParseError: bad input line {line_number}: {exc}",
                }
            else:
                record = parse_entry(entry, base_dir)
            if "error" in record:
                failed += 1
                logger.info("parse failed: %s %s", record.get("url"), record["error"])
            else:
                ok += 1
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
            if on_progress is not None:
                on_progress(ok + failed)
    return ok, failed
