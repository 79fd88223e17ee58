"""Tag a JSON-lines file of articles: the engine of ``mediamon tag --batch IN --out OUT``.

IN, one JSON object per line: ``{"id": ..., "text": "<body>", "title": "<title>"?}``.
OUT, one line per IN line, same order::

    {"id": ..., "tagger_version": "...",
     "entities": [{"start", "end", "type", "text", "entity_id", "canonical", "sentence", "in_title"}],
     "title_entities": [... the same, offsets into title ...],
     "cited": [... names inside parenthetical citations, type "CITED" ...],
     "canonical_entities": [{"entity_id", "name", "type", "aliases", "wikidata_id"}],
     "topics": [{"code", "label", "score", "scheme", "level"}],
     "watch": [{"name", "terms"}],
     "keyphrases": ["...", ...]}

``entities`` offsets point into ``text``; ``title_entities`` into ``title``. Blank IN lines are
skipped; a malformed line gets ``{"id", "error"}`` in its place and the batch goes on. OUT is
written to a temporary file beside it and renamed at the end, so a failed run never leaves half a
file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from mediamon.errors import MediamonError
from mediamon.records import Tags
from tagging.tagger import Tagger, load_tagger

CITED = "CITED"  # the type the tagger gives names inside parenthetical citations

__all__ = ["BatchInputError", "run_tag_batch", "tags_to_json"]


class BatchInputError(MediamonError):
    """A line of the batch input is not a JSON object with an ``id`` and a string ``text``."""


def tags_to_json(article_id: object, tags: Tags) -> dict[str, Any]:
    """Return the OUT record of one article (the shape in the module docstring).

    ``entities`` holds the mentions in ``text`` only, so ``text[start:end]`` is each one's text;
    mentions in the title are under ``title_entities`` (offsets into ``title``), and names inside
    parenthetical citations ("(BelTA, July 6)") under ``cited`` — sources, not subjects.
    """
    body = [m for m in tags.entities if not m.in_title and m.type != CITED]
    return {
        "id": article_id,
        "tagger_version": tags.tagger_version,
        "entities": [asdict(m) for m in body],
        "title_entities": [asdict(m) for m in tags.entities if m.in_title and m.type != CITED],
        "cited": [asdict(m) for m in tags.entities if m.type == CITED],
        "canonical_entities": [{**asdict(e), "aliases": list(e.aliases)} for e in tags.canonical_entities],
        "topics": [asdict(t) for t in tags.topics],
        "watch": [{"name": w.name, "terms": list(w.terms)} for w in tags.watch],
        "keyphrases": list(tags.keyphrases),
    }


def _read_lines(in_path: Path) -> list[tuple[object, str | None, str | None, str | None]]:
    """(id, text, title, error) per non-blank line; a malformed line keeps its place with an error."""
    rows: list[tuple[object, str | None, str | None, str | None]] = []
    with in_path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                rows.append((None, None, None, f"BatchInputError: line {number}: not JSON: {exc}"))
                continue
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                ident = record.get("id") if isinstance(record, dict) else None
                rows.append((ident, None, None, f"BatchInputError: line {number}: needs a string 'text'"))
                continue
            title = record.get("title")
            clean_title = title if isinstance(title, str) and title else None
            rows.append((record.get("id"), record["text"], clean_title, None))
    return rows


def run_tag_batch(
    in_path: Path,
    out_path: Path,
    tagger: Tagger | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> int:
    """Tag every article of ``in_path`` and write the results to ``out_path``.

    Args:
        in_path: JSON lines ``{"id", "text", "title"?}``.
        out_path: where the JSON-lines results go (replaced atomically at the end).
        tagger: a loaded tagger; None loads the default one (``load_tagger()``).
        on_progress: called with the number of articles written so far, after each article.

    Returns:
        The number of OUT lines written (one per non-blank IN line, errors included).

    Raises:
        mediamon.errors.ConfigError: the default tagger's configuration is malformed.
    """
    tagger = tagger if tagger is not None else load_tagger()
    rows = _read_lines(in_path)
    good = [(text, title) for _id, text, title, error in rows if error is None and text is not None]
    temporary = out_path.with_name(f".{out_path.name}.partial")
    count = 0
    try:
        tagged = tagger.tag_many(good)
        with temporary.open("w", encoding="utf-8") as out:
            for ident, _text, _title, error in rows:
                record = {"id": ident, "error": error} if error is not None else tags_to_json(ident, next(tagged))
                out.write(json.dumps(record, ensure_ascii=False))
                out.write("\n")
                count += 1
                if on_progress is not None:
                    on_progress(count)
        os.replace(temporary, out_path)
    finally:
        if temporary.exists():
            temporary.unlink()
    return count
