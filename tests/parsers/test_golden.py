"""Golden tests: every saved page in tests/fixtures/pages parses to its reviewed .expected.json.

Regenerate with ``.venv/bin/python -m parsers.golden --update`` and review the diff.
"""

from __future__ import annotations

import json

import pytest

from parsers.golden import FIXTURES_DIR, expected_path, load_manifest, render_record

MANIFEST = load_manifest()


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_page_matches_golden_file(name: str) -> None:
    page_path = FIXTURES_DIR / name
    expected = json.loads(expected_path(page_path).read_text(encoding="utf-8"))
    assert render_record(page_path, MANIFEST[name]) == expected


def test_every_fixture_page_is_in_the_manifest() -> None:
    pages = {p.name for p in FIXTURES_DIR.iterdir() if p.name.endswith((".html", ".html.gz"))}
    assert pages == set(MANIFEST)
