from pathlib import Path

import pytest

from mediamon.errors import ConfigError
from mediamon.settings import PROJECT_ROOT, load_settings
from mediamon.sources import load_sources, select_sources

VALID = """
[defaults]
schedule = { interval = "1h" }
[defaults.politeness]
download_delay = 2.0

[sources.alpha]
outlet = "Alpha"
homepage = "https://alpha.example/"
feeds = ["https://alpha.example/feed/"]
politeness = { concurrent_requests_per_domain = 3 }

[sources.beta]
outlet = "Beta"
homepage = "https://beta.example/"
sitemaps = ["https://beta.example/sitemap.xml"]
schedule = { cron = "0 */6 * * *" }
enabled = false
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_project_sources_file_is_valid_and_lists_demo_and_real_outlets():
    sources = load_sources(PROJECT_ROOT / "config" / "sources.toml")
    demo = [s for s in sources.values() if s.kind == "demo"]
    real = [s for s in sources.values() if s.kind == "web"]
    assert len(demo) >= 3
    assert all(s.enabled for s in demo)
    assert len(real) >= 6
    assert not any(s.enabled for s in real), "real outlets need internet: disabled by default"
    assert "jamestown-edm" in sources


def test_defaults_merge_under_each_source(tmp_path):
    sources = load_sources(write(tmp_path, VALID))
    alpha, beta = sources["alpha"], sources["beta"]
    assert alpha.politeness.download_delay == 2.0
    assert alpha.politeness.concurrent_requests_per_domain == 3
    assert alpha.schedule.interval_seconds == 3600
    assert beta.schedule.cron == "0 */6 * * *"
    assert beta.schedule.interval is None
    assert [s.name for s in select_sources(sources, None)] == ["alpha"]
    assert [s.name for s in select_sources(sources, ["beta"])] == ["beta"]


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ('feedz = ["https://x.example/f"]', "key 'feedz'"),
        ('schedule = { interval = "often" }', "schedule.interval"),
        ('schedule = { cron = "* *" }', "schedule.cron"),
        ("politeness = { download_delay = -1 }", "politeness.download_delay"),
        ("politeness = { donwload_delay = 1 }", "politeness.donwload_delay"),
        ('kind = "rss"', "key 'kind'"),
    ],
)
def test_bad_values_name_file_source_and_key(tmp_path, snippet, expected):
    if snippet.startswith("politeness"):
        text = VALID.replace("politeness = { concurrent_requests_per_domain = 3 }", snippet)
    else:
        text = VALID.replace('outlet = "Alpha"', f'outlet = "Alpha"\n{snippet}')
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_sources(path)
    message = str(info.value)
    assert str(path) in message
    assert "'alpha'" in message
    assert expected in message


def test_bad_toml_missing_file_and_unknown_source(tmp_path):
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_sources(write(tmp_path, "[sources.alpha\n"))
    with pytest.raises(ConfigError, match="file not found"):
        load_sources(tmp_path / "nope.toml")
    sources = load_sources(write(tmp_path, VALID))
    with pytest.raises(ConfigError, match="unknown source\\(s\\): gamma"):
        select_sources(sources, ["gamma"])


def test_source_without_discovery_is_refused(tmp_path):
    text = VALID.replace('feeds = ["https://alpha.example/feed/"]', "")
    with pytest.raises(ConfigError, match="feeds' or 'sitemaps"):
        load_sources(write(tmp_path, text))


def test_settings_environment_and_overrides(monkeypatch, tmp_path):
    monkeypatch.setenv("MEDIAMON_FETCH__DOWNLOAD_DELAY", "0.25")
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text("[fetch]\ndownload_delay = 3.0\nread_timeout = 7.0\n", encoding="utf-8")
    settings = load_settings(settings_file, pipeline={"parse_workers": 2})
    assert settings.fetch.download_delay == 0.25  # environment wins over the file
    assert settings.fetch.read_timeout == 7.0
    assert settings.pipeline.parse_workers == 2
    settings_file.write_text("[fetch]\ndownload_dealy = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"settings.toml: fetch.download_dealy"):
        load_settings(settings_file)
