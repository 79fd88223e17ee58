"""Imports point one way, and the pure packages stay pure (read from the source, not run)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from mediamon.settings import PROJECT_ROOT

PACKAGES = ["mediamon", "fetching", "parsers", "tagging", "warehouse", "flows", "api", "demo"]
# Who may import whom: flows, api and mediamon.cli sit on top; the stages in the middle; the
# kernel (mediamon) at the bottom.
ALLOWED = {
    "mediamon": {"mediamon"},
    "fetching": {"fetching", "mediamon"},
    "parsers": {"parsers", "mediamon"},
    "tagging": {"tagging", "mediamon"},
    "warehouse": {"warehouse", "mediamon"},
    "demo": {"demo", "mediamon"},
    "flows": {"flows", "fetching", "parsers", "tagging", "warehouse", "mediamon", "demo"},
    "api": {"api", "warehouse", "mediamon"},
}
TOP_LEVEL_EXEMPT = {"mediamon/cli.py", "mediamon/sqlcli.py"}  # the CLI is the edge: it may call every package
PURE_FORBIDDEN = {"httpx", "requests", "urllib.request", "socket", "duckdb", "prefect", "aiohttp"}
CLOCK = re.compile(r"\b(?:datetime\.now|datetime\.utcnow|date\.today|time\.time)\s*\(")


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def python_files(package: str) -> list[Path]:
    return sorted((PROJECT_ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", PACKAGES)
def test_imports_point_one_way(package):
    own = set(PACKAGES)
    for path in python_files(package):
        if str(path.relative_to(PROJECT_ROOT)) in TOP_LEVEL_EXEMPT:
            continue
        for name in imports_of(path):
            root = name.split(".")[0]
            if root in own:
                assert root in ALLOWED[package], f"{path.relative_to(PROJECT_ROOT)} imports {name}"


@pytest.mark.parametrize("package", ["parsers", "tagging"])
def test_pure_packages_touch_no_network_database_clock_or_prefect(package):
    for path in python_files(package):
        names = imports_of(path)
        bad = {n for n in names if n in PURE_FORBIDDEN or n.split(".")[0] in PURE_FORBIDDEN}
        assert not bad, f"{path.relative_to(PROJECT_ROOT)} imports {bad}"
        assert not CLOCK.search(path.read_text(encoding="utf-8")), f"{path.name} reads the clock"


def test_only_flows_imports_prefect():
    for package in PACKAGES:
        if package == "flows":
            continue
        for path in python_files(package):
            assert not any(n.split(".")[0] == "prefect" for n in imports_of(path)), path
