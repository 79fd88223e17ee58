"""Batch parsing: IN jsonl -> OUT jsonl, bad pages become error lines and the batch goes on."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from parsers.batch import run_parse_batch

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
SEED_URL = "http://jamestown.test/program/belarus-and-russia-advance-economic-integration-part-two/"


def test_batch_parses_good_pages_and_records_failures(tmp_path: Path) -> None:
    seed = (FIXTURES / "jamestown_seed.html").read_bytes()
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "seed.html.gz").write_bytes(gzip.compress(seed))
    (tmp_path / "empty.html").write_bytes(b"")
    absolute = tmp_path / "abs.html"
    absolute.write_bytes(seed)
    entries = [
        {"id": "a", "url": SEED_URL, "path": "pages/seed.html.gz"},
        {"id": "b", "url": "http://example.com/x", "path": "empty.html"},
        {"id": "c", "url": "http://example.com/missing", "path": "nope.html"},
        {"id": "d", "url": SEED_URL, "path": str(absolute)},
    ]
    in_path = tmp_path / "in.jsonl"
    in_path.write_text("\n".join(json.dumps(e) for e in entries) + "\n\nnot json\n", encoding="utf-8")
    out_path = tmp_path / "out.jsonl"
    progress: list[int] = []

    ok, failed = run_parse_batch(in_path, out_path, on_progress=progress.append)

    assert (ok, failed) == (2, 3)
    assert progress == [1, 2, 3, 4, 5]
    records = [json.loads(line) for line in out_path.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a", "b", "c", "d", None]
    good = records[0]
    assert good["title"] == "Belarus and Russia Advance Economic Integration (Part Two)"
    assert good["authors"] == ["Yauheni Preiherman"]
    assert good["author_affiliations"] == ["Director, Minsk Dialogue Council on International Relations"]
    assert good["published"] == "2023-05-11"
    assert good["published_at"].startswith("2023-05-11T")
    assert good["published_source"] == "visible-text"
    assert good["publication"] == "Eurasia Daily Monitor"
    assert good["links"][0].keys() == {"url", "text"}
    assert good["cited_sources"][0] == {
        "name": "Author's interview",
        "date_text": "February 2023",
        "raw": "(Author's interview, February 2023)",
    }
    assert good["word_count"] > 900
    assert records[1]["error"].startswith("NotAnArticle: ")
    assert records[2]["error"].startswith("FileNotFoundError: ")
    assert records[4]["error"].startswith("ParseError: bad input line")


def test_refused_page_keeps_what_it_holds_next_to_its_error(tmp_path: Path) -> None:
    paragraph = "<p>" + " ".join(["We sell printers and labels for industry, trade and logistics."] * 6) + "</p>"
    homepage = (
        "<html lang='de'><head><title>Drucker | Example AG</title></head><body>"
        f"<h1>Drucker und Druckausgabe-Lösungen vom Experten!</h1>{paragraph}</body></html>"
    )
    (tmp_path / "home.html").write_text(homepage, encoding="utf-8")
    (tmp_path / "in.jsonl").write_text(
        json.dumps({"id": "h", "url": "https://printers.example.de/", "path": "home.html"}) + "\n", encoding="utf-8"
    )

    ok, failed = run_parse_batch(tmp_path / "in.jsonl", tmp_path / "out.jsonl")

    assert (ok, failed) == (0, 1)
    record = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))
    assert record["error"] == "NotAnArticle: homepage"
    assert (record["id"], record["url"]) == ("h", "https://printers.example.de/")
    assert record["title"] == "Drucker und Druckausgabe-Lösungen vom Experten!"
    assert "printers and labels" in record["body"]
