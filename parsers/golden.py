"""Golden files for the parser tests: saved pages with reviewed ``.expected.json`` output.

Every ``tests/fixtures/pages/<name>.html`` (or ``.html.gz``) listed in ``manifest.json`` beside it
(``{"<file name>": {"url": ..., "date_order": ...}}``) has ``<name>.expected.json``: the
``article_to_record`` of its parse, or ``{"error": "<ErrorType>: reason"}``.

Regenerate after an intended output change, then review the diff like code::

    .venv/bin/python -m parsers.golden --update      # rewrite the .expected.json files
    .venv/bin/python -m parsers.golden               # only report which ones differ
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from mediamon.errors import ParseError
from parsers import parse
from parsers.batch import article_to_record, read_page_file

FIXTURES_DIR = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "pages"
MANIFEST_NAME = "manifest.json"


def load_manifest(fixtures_dir: Path = FIXTURES_DIR) -> dict[str, dict[str, Any]]:
    """The fixture manifest: page file name -> ``{"url", "date_order"?}``."""
    manifest: dict[str, dict[str, Any]] = json.loads((fixtures_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    return manifest


def expected_path(page_path: Path) -> Path:
    """``x.html`` / ``x.html.gz`` -> ``x.expected.json``."""
    name = page_path.name.removesuffix(".gz").removesuffix(".html")
    return page_path.with_name(f"{name}.expected.json")


def render_record(page_path: Path, spec: dict[str, Any]) -> dict[str, Any]:
    """Parse one fixture page into the record its golden file must hold."""
    try:
        article = parse(read_page_file(page_path), url=spec["url"], date_order=spec.get("date_order"))
    except ParseError as exc:
        return {"error": f"{type(exc).__name__}: {exc.reason}"}
    return article_to_record(article)


def dump(record: dict[str, Any]) -> str:
    """The golden file text: sorted keys, indented, UTF-8, trailing newline."""
    return json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Report (or with ``--update`` rewrite) golden files that differ from the current output."""
    parser = argparse.ArgumentParser(prog="python -m parsers.golden", description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="rewrite differing .expected.json files")
    parser.add_argument("--dir", type=Path, default=FIXTURES_DIR, help="fixtures folder")
    args = parser.parse_args(argv)
    differing = 0
    for name, spec in sorted(load_manifest(args.dir).items()):
        page_path = args.dir / name
        target = expected_path(page_path)
        text = dump(render_record(page_path, spec))
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current == text:
            continue
        differing += 1
        if args.update:
            target.write_text(text, encoding="utf-8")
            print(f"updated {target.name}")
        else:
            print(f"differs {target.name}")
    if not args.update and differing:
        print(f"{differing} golden file(s) differ; review, then run with --update", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
