"""Tag a JSON-lines file of articles: the engine of ``mediamon tag --batch IN --out OUT``.

IN, one JSON object per line: ``{"id": ..., "text": "<body>", "title": "<title>"?}``.
OUT, one line per IN line, same order::

    {"id": ..., "tagger_version": "...",
     "entities": [{"start", "end", "type", "text", "entity_id", "canonical", "sentence", "in_title"}],
     "canonical_entities": [{"entity_id", "name", "type", "aliases", "wikidata_id"}],
     "topics": [{"code", "label", "score", "scheme", "level"}],
     "watch": [{"name", "terms"}],
     "keyphrases": ["...", ...]}

Entity offsets point into ``text``, or into ``title`` when ``in_title`` is true. Blank IN lines
are skipped. OUT is written to a temporary file beside it and renamed at the end, so a failed
run never leaves half a file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from mediamon.errors import MediamonError
from mediamon.records import Tags
from tagging.tagger import Tagger, load_tagger

__all__ = ["BatchInputError", "run_tag_batch", "tags_to_json"]


class BatchInputError(MediamonError):
    """A line of the batch input is not a JSON object with an ``id`` and a string ``text``."""


def tags_to_json(article_id: object, tags: Tags) -> dict[str, Any]:
    """Return the OUT record of one article (the shape in the module docstring)."""
    return {
        "id": article_id,
        "tagger_version": tags.tagger_version,
        "entities": [asdict(m) for m in tags.entities],
        "canonical_entities": [{**asdict(e), "aliases": list(e.aliases)} for e in tags.canonical_entities],
        "topics": [asdict(t) for t in tags.topics],
        "watch": [{"name": w.name, "terms": list(w.terms)} for w in tags.watch],
        "keyphrases": list(tags.keyphrases),
    }


def _read_items(in_path: Path, ids: list[object]) -> Iterator[tuple[str, str | None]]:
    with in_path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise BatchInputError(f"{in_path}:{number}: not JSON: {exc}") from exc
            if not isinstance(record, dict) or "id" not in record or not isinstance(record.get("text"), str):
                raise BatchInputError(f"{in_path}:{number}: needs an object with 'id' and a string 'text'")
            title = record.get("title")
            ids.append(record["id"])
            yield record["text"], title if isinstance(title, str) and title else None


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
        The number of articles tagged.

    Raises:
        BatchInputError: a malformed input line (nothing is written).
        mediamon.errors.ConfigError: the default tagger's configuration is malformed.
    """
    tagger = tagger if tagger is not None else load_tagger()
    ids: list[object] = []
    temporary = out_path.with_name(f".{out_path.name}.partial")
    count = 0
    try:
        with temporary.open("w", encoding="utf-8") as out:
            for tags in tagger.tag_many(_read_items(in_path, ids)):
                out.write(json.dumps(tags_to_json(ids[count], tags), ensure_ascii=False))
                out.write("\n")
                count += 1
                if on_progress is not None:
                    on_progress(count)
        os.replace(temporary, out_path)
    finally:
        if temporary.exists():
            temporary.unlink()
    return count
