"""The CLI refuses bad input before any work, with messages that name what is wrong."""

from __future__ import annotations

from typer.testing import CliRunner

from mediamon.cli import app

runner = CliRunner()


def test_help_lists_the_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("ingest", "parse", "tag", "trends", "demo", "sources"):
        assert command in result.output


def test_unknown_source_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("MEDIAMON_PATHS__DATA_DIR", str(tmp_path))
    result = runner.invoke(app, ["ingest", "--source", "nope"])
    assert result.exit_code == 2
    assert "unknown source(s): nope" in result.output
    assert not (tmp_path / "mediamon.duckdb").exists()  # no work started


def test_bad_sources_file_is_refused_with_file_source_and_key(monkeypatch, tmp_path):
    bad = tmp_path / "sources.toml"
    bad.write_text('[sources.x]\noutlet = "X"\nhomepage = "http://x.test/"\nfeedz = ["http://x.test/f"]\n')
    monkeypatch.setenv("MEDIAMON_PATHS__SOURCES", str(bad))
    result = runner.invoke(app, ["ingest"])
    assert result.exit_code == 2
    assert "source 'x'" in result.output
    assert "feedz" in result.output


def test_sources_command_lists_demo_and_real_outlets():
    result = runner.invoke(app, ["sources"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "demo-jamestown" in result.output
    assert "jamestown-edm" in result.output


def test_trends_without_a_warehouse_says_what_to_do(monkeypatch, tmp_path):
    monkeypatch.setenv("MEDIAMON_PATHS__DATA_DIR", str(tmp_path))
    result = runner.invoke(app, ["trends"], env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert "make demo" in result.output


def test_parse_batch_contract(tmp_path):
    """IN {"id","url","path"} -> OUT {"id", every Article field}; a failing page gets "error"."""
    import gzip
    import json

    page = (
        '<html lang="en"><head><title>Minsk talks | Loopback Times</title>'
        '<meta name="author" content="Maria Ivanova">'
        '<meta property="article:published_time" content="2023-05-11T09:30:00+00:00"></head>'
        "<body><article><h1>Minsk talks</h1>"
        + "<p>Belarusian officials met their Russian counterparts in Minsk to discuss the Union State.</p>" * 8
        + "</article></body></html>"
    )
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.html.gz").write_bytes(gzip.compress(page.encode()))
    (tmp_path / "b.html").write_text(page, encoding="utf-8")
    lines = [
        {"id": "a", "url": "http://x.test/a", "path": "pages/a.html.gz"},  # relative to IN's folder
        {"id": "b", "url": "http://x.test/b", "path": str(tmp_path / "b.html")},  # absolute
        {"id": "c", "url": "http://x.test/c", "path": "missing.html"},
    ]
    batch = tmp_path / "in.jsonl"
    batch.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["parse", "--batch", str(batch), "--out", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a", "b", "c"]
    first = records[0]
    assert first["title"] == "Minsk talks"
    assert first["authors"] == ["Maria Ivanova"]
    assert first["published"].startswith("2023-05-11")
    assert "Union State" in first["body"]
    assert "error" in records[2]
    assert "error" not in first


def test_tag_batch_contract(tmp_path):
    """IN {"id","text","title"?} -> OUT entities with offsets into text, topics, watch, keyphrases."""
    import json

    text = "President Alyaksandr Lukashenka met Vladimir Putin in Minsk to discuss the Union State (BelTA, July 6)."
    batch = tmp_path / "in.jsonl"
    batch.write_text(
        json.dumps({"id": 1, "text": text, "title": "Lukashenko and Putin meet"}) + "\n" + '{"id": 2}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["tag", "--batch", str(batch), "--out", str(out)])
    assert result.exit_code == 0, result.output
    first, bad = (json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())
    for key in ("entities", "topics", "watch", "keyphrases"):
        assert key in first
    for entity in first["entities"]:
        assert text[entity["start"] : entity["end"]] == entity["text"]
        assert {"type", "entity_id", "canonical"} <= set(entity)
    canonical = {e["canonical"] for e in first["entities"]}
    assert {"Alyaksandr Lukashenka", "Vladimir Putin", "Minsk", "Union State"} <= canonical
    assert "BelTA" not in canonical  # a cited source, not a subject
    assert [e["text"] for e in first["cited"]] == ["BelTA"]
    assert {e["canonical"] for e in first["title_entities"]} == {"Alyaksandr Lukashenka", "Vladimir Putin"}
    assert all({"code", "label", "score", "scheme"} <= set(t) for t in first["topics"])
    assert bad["id"] == 2 and "error" in bad
