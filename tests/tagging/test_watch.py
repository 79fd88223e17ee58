from __future__ import annotations

from pathlib import Path

import pytest

from mediamon.errors import ConfigError
from tagging.tagger import DEFAULT_CONFIG_DIR
from tagging.watch import QuerySyntaxError, WatchTopic, load_watch_topics, parse_query, watch_words


def match(query: str, body: str, title: str = ""):
    topic = WatchTopic("t", query, "", parse_query(query))
    return topic.match(watch_words(title), watch_words(body))


@pytest.mark.parametrize(
    ("query", "body", "title", "terms"),
    [
        ("sanction* AND (Belarus OR Russia)", "New sanctions hit Belarus's potash.", "", ("sanctions", "belarus")),
        ('"union state" NEAR/3 integration', "Union State treaty integration", "", ("union state", "integration")),
        ('"union state integr*"', "the Union State integration programs", "", ("union state integration",)),
        ("Lukashenko Putin", "Putin met Lukashenko.", "", ("putin", "lukashenko")),
        ("title:Лукашенко", "", "Lukashenko speaks", ("lukashenko",)),
        ("wagner OR prigozhin", "Wagner fighters", "", ("wagner",)),
        ("Belarus NOT Ukraine", "Belarus and Russia", "", ("belarus",)),
        ("U.S. AND sanctions", "The U.S. sanctions", "", ("u s", "sanctions")),
        ("body:(climate NEAR/2 change)", "climate of change", "", ("climate", "change")),
    ],
)
def test_queries_that_match(query, body, title, terms):
    found = match(query, body, title)
    assert found is not None
    assert found.terms == terms


@pytest.mark.parametrize(
    ("query", "body", "title"),
    [
        ("sanction* AND Belarus", "sanctions on Russia", ""),
        ("Belarus NOT Ukraine", "Belarus and Ukraine", ""),
        ("title:Belarus", "Belarus", "Russia"),
        ("body:Belarus", "Russia", "Belarus"),
        ("climate NEAR/1 change", "climate is a big change", ""),
        ('"union state"', "union of the state", ""),
    ],
)
def test_queries_that_do_not_match(query, body, title):
    assert match(query, body, title) is None


@pytest.mark.parametrize(
    ("query", "message", "position"),
    [
        ("sanction* AND", "query ends where a term was expected", 13),
        ("(a OR b", "unclosed parenthesis", 0),
        ('"abc', "unclosed quote", 0),
        ("foo:bar", "unknown scope", 0),
        ("a NEAR/2 (b AND c)", "NEAR needs", 9),
        ("sa*nc", "wildcard", 2),
        ("NOT a", "only NOT", 0),
        ("", "empty query", 0),
        ("a ) b", "unexpected ')'", 2),
    ],
)
def test_malformed_queries_report_their_position(query, message, position):
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query(query)
    assert message in caught.value.message
    assert caught.value.position == position


def test_shipped_watch_topics_load():
    names = {t.name for t in load_watch_topics(DEFAULT_CONFIG_DIR / "watch.toml")}
    assert {"union-state-integration", "sanctions", "wagner"} <= names


def test_malformed_watch_file_names_file_topic_and_position(tmp_path: Path):
    path = tmp_path / "watch.toml"
    path.write_text('[topic.broken]\nquery = "Belarus AND (sanctions OR"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_watch_topics(path)
    message = str(caught.value)
    assert str(path) in message
    assert "'broken'" in message
    assert "character 26" in message


def test_missing_watch_file_means_no_topics(tmp_path: Path):
    assert load_watch_topics(tmp_path / "absent.toml") == ()
