"""Fixtures of the tagging tests: the tagger (spaCy and all lexicons) is loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tagging import Tagger, load_tagger

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_c14b338a4646c3d4.txt"
SEED_TITLE = "Belarus and Russia Advance Economic Integration (Part Two)"


@pytest.fixture(scope="session")
def tagger() -> Tagger:
    """The default tagger (repository config/), loaded once for the whole test session."""
    return load_tagger()


@pytest.fixture(scope="session")
def seed_body() -> str:
    """The seed article's body as a parser would hand it over (from the lead on)."""
    if not SEED.exists():
        pytest.skip("../shared/seeds is absent (a fresh clone without the shared folder)")
    text = SEED.read_text(encoding="utf-8")
    return text[text.index("*For two decades") :]
