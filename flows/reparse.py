"""Reparse: rebuild articles from the raw WARC archive with no network.

A better parser is applied to old pages without fetching them again: for every URL, the latest
archived 2xx response is parsed again; articles whose text changed are retagged and versioned,
the rest are left alone (idempotent: a second reparse changes nothing).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE
from prefect.utilities.annotations import quote

from fetching.archive import ArchivePointer, read_response
from flows import stages
from flows.stages import Parsed
from mediamon.records import FetchResult
from mediamon.settings import load_settings
from mediamon.sources import load_sources
from warehouse import db
from warehouse.load import LoadItem

LATEST_ARCHIVED = """
SELECT url, source, warc_file, warc_offset
FROM fetches
WHERE warc_file IS NOT NULL AND status BETWEEN 200 AND 299
  AND outcome IN ('new', 'updated', 'unchanged', 'parse_failed', 'not_article')
  AND (len($sources) = 0 OR list_contains($sources, source))
QUALIFY row_number() OVER (PARTITION BY url ORDER BY fetched_at DESC, fetch_id DESC) = 1
ORDER BY url
"""


@task(name="read-archive", cache_policy=NONE)
def read_archive_task(archive_dir: Path, rows: list[tuple[str, str, str, int]]) -> list[FetchResult]:
    results = []
    for _url, source, warc_file, offset in rows:
        result = read_response(archive_dir, ArchivePointer(warc_file, offset))
        results.append(replace(result, source=source))
    return results


@flow(name="reparse", log_prints=False, validate_parameters=False)
def reparse_flow(
    source_names: list[str] | None = None,
    settings_overrides: dict[str, Any] | None = None,
) -> dict[str, int]:
    """Parse every archived page again and load what changed.

    Returns:
        Counts: pages read from the archive, articles new, updated, unchanged, and failed.
    """
    logger = get_run_logger()
    settings = load_settings(None, **(settings_overrides or {}))
    sources = load_sources(settings.paths.sources_file)
    con = db.connect(settings.paths.database_path)
    try:
        rows = con.execute(LATEST_ARCHIVED, {"sources": list(source_names or [])}).fetchall()
        results = read_archive_task(settings.paths.archive_dir, quote(rows))
        parsed: list[Parsed] = stages.parse(results, sources, workers=settings.pipeline.parse_workers)
        changes = stages.split_changed(con, parsed)
        tags = stages.tag([p.article for p in changes.to_tag if p.article], settings)
        items = [
            LoadItem(p.fetch.source, p.article, p.content_hash or "", t)
            for p, t in zip(changes.to_tag, tags, strict=True)
            if p.article is not None
        ]
        # Nothing was seen on the web: unchanged articles keep their last_seen.
        counts = stages.load(con, items, [], [], batch_size=settings.pipeline.load_batch_size)
    finally:
        con.close()
    summary = {
        "pages": len(rows),
        "new": counts.new,
        "updated": counts.updated,
        "unchanged": len(changes.unchanged),
        "failed": sum(1 for p in parsed if p.article is None),
    }
    logger.info("reparse: %s", summary)
    return summary
