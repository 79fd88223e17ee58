"""The demo newsroom: three fictional outlets, generated deterministically and served on loopback.

``start_newsroom()`` serves them; ``build_corpus()`` generates the articles; ``PLANTED`` describes
the signals planted in every corpus (see demo/README.md and docs/demo-outlets.md).
"""

from demo.corpus import PLANTED, Corpus, DemoArticle, GroundTruth, PlantedSignals, build_corpus
from demo.outlets import OUTLETS, Outlet
from demo.server import Newsroom, start_newsroom

__all__ = [
    "OUTLETS",
    "PLANTED",
    "Corpus",
    "DemoArticle",
    "GroundTruth",
    "Newsroom",
    "Outlet",
    "PlantedSignals",
    "build_corpus",
    "start_newsroom",
]
