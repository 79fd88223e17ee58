"""Fixtures for the demo newsroom tests: one corpus, one page cache and one server per session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from demo.corpus import Corpus
from demo.pages import Pages
from demo.server import Newsroom, newsroom_pages, start_newsroom


@pytest.fixture(scope="session")
def pages() -> Pages:
    return newsroom_pages(42)


@pytest.fixture(scope="session")
def corpus(pages: Pages) -> Corpus:
    return pages.corpus


@pytest.fixture(scope="session")
def newsroom() -> Iterator[Newsroom]:
    with start_newsroom() as running:
        yield running
