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
