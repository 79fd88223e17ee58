from __future__ import annotations

import pytest

from tagging.citations import find_citations


@pytest.mark.parametrize(
    "text",
    [
        "(BelTA, July 6)",
        "(TASS, Kommersant, May 3; Interfax, May 4)",
        "(Author's interview, February 2023)",
        "(Kommersant, May 3, 2023)",
        "(RFE/RL, 12.05.2023)",
        "(EDM, January 10)",
        "(Nasha Niva, mid-March)",
    ],
)
def test_citations_are_found(text):
    assert find_citations(f"Something happened {text}. Then more.") == [(19, 19 + len(text))]


@pytest.mark.parametrize("text", ["(the EU, the US and the UK)", "(see Part One)", "(CSTO)", "(2,000 troops)"])
def test_other_parentheticals_are_not_citations(text):
    assert find_citations(f"Something {text} happened.") == []
