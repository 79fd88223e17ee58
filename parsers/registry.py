"""Which site parser handles which host: one explicit dict, no discovery magic.

``SITE_PARSERS`` maps a host name (without ``www.``) to its site parser module; subdomains match
their parent domain ("edm.jamestown.org" -> "jamestown.org"). Hosts not listed use the generic
chain.
"""

from __future__ import annotations

from typing import Protocol

from mediamon.records import Article
from parsers.page import Page
from parsers.sites import caspian, jamestown, steppe


class SiteParser(Protocol):
    """What a site parser module provides."""

    NAME: str

    def parse_page(self, page: Page) -> Article: ...


SITE_PARSERS: dict[str, SiteParser] = {
    "jamestown.org": jamestown,
    "jamestown.test": jamestown,
    "caspian-courier.test": caspian,
    "steppe-ledger.test": steppe,
}


def parser_for_host(host: str) -> SiteParser | None:
    """The site parser for ``host`` (exact, then each parent domain), or None for generic."""
    host = host.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    labels = host.split(".")
    for start in range(len(labels) - 1):
        parser = SITE_PARSERS.get(".".join(labels[start:]))
        if parser is not None:
            return parser
    return None
