"""Progress reporting that libraries can call without knowing who is watching.

The CLI installs a Rich progress display with ``use_progress``; tests and scheduled runs get the
silent default. Stages report ``start(stage, total)``, ``advance(stage)`` and ``finish(stage)``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol


class ProgressSink(Protocol):
    def start(self, stage: str, total: int | None) -> None: ...
    def advance(self, stage: str, amount: int = 1) -> None: ...
    def finish(self, stage: str) -> None: ...


class SilentProgress:
    def start(self, stage: str, total: int | None) -> None:
        return None

    def advance(self, stage: str, amount: int = 1) -> None:
        return None

    def finish(self, stage: str) -> None:
        return None


# A process-wide slot rather than a ContextVar: Prefect may run tasks in worker threads that do not
# inherit the caller's context, and there is one terminal per process anyway.
_current: list[ProgressSink] = [SilentProgress()]


def progress() -> ProgressSink:
    """The installed progress sink (silent unless the CLI installed one)."""
    return _current[-1]


@contextmanager
def use_progress(sink: ProgressSink) -> Iterator[ProgressSink]:
    _current.append(sink)
    try:
        yield sink
    finally:
        _current.remove(sink)
