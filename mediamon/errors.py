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
    """The page parsed, but it is not an article (a homepage, a listing, an error page)."""
