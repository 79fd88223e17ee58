"""Typed errors. Each carries the URL (where there is one) and a short reason that is recorded."""

from __future__ import annotations


class MediamonError(Exception):
    """Base class for every error mediamon raises on purpose."""


class ConfigError(MediamonError):
    """A configuration file or setting is invalid. The message names the file, source and key."""


class FetchError(MediamonError):
    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


class ParseError(MediamonError):
    """The page could not be parsed (broken markup, undecodable bytes, ...)."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


class NotAnArticle(ParseError):
    """The page parsed, but it is not an article (a homepage, a listing, an error page).

    ``article`` is what the parser read from the page anyway (a ``mediamon.records.Article``)
    when it got that far, for callers that report refused pages: its title, dates and text tell
    a reader why the page was refused and what it holds. None when refused before that.
    """

    article: object | None = None
