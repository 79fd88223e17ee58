"""The generated corpus: volume, dates, shape, spellings, seed article, series and planted signals."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from datetime import UTC, date
from pathlib import Path

import pytest

from demo.corpus import PERIOD_END, PERIOD_START, PLANTED, build_corpus, edm_issue, iso_week, month_key
from demo.outlets import CASPIAN, JAMESTOWN, OUTLET_BY_SOURCE, STEPPE
from demo.seed_article import MD_LINK_RE, SEED_PATH, load_seed_text, read_seed_markdown

SHARED_SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_c14b338a4646c3d4.txt"
CITATION_RE = re.compile(
    r"\((?:see )?[A-Z][\w.\- ]+, (?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December) \d{1,2}(?:, \d{4})?(?:; [^)]+)?\)"
)
ENVIRONMENT_WORDS_RE = re.compile(r"climate|glacier|drought|emission", re.IGNORECASE)


def generated(corpus):
    return [a for a in corpus.articles if "seed" not in a.signals]


def test_volume_matches_the_plan(corpus):
    counts = Counter(article.source for article in corpus.articles)
    assert len(corpus.articles) >= 2000
    assert dict(counts) == dict(PLANTED.volumes)
    assert len(corpus.by_url) == len(corpus.articles), "URLs are unique"


def test_dates_stay_in_the_period_and_the_outlet_time_zone(corpus):
    for article in corpus.articles:
        tz = OUTLET_BY_SOURCE[article.source].tz
        assert article.published_at.utcoffset() == tz.utcoffset(None)
        for moment in (article.published_at, article.modified_at):
            assert PERIOD_START <= moment.astimezone(UTC).date() <= PERIOD_END
        assert article.modified_at >= article.published_at
    assert corpus.articles[0].published_at.astimezone(UTC).date() == PERIOD_START
    assert corpus.articles[-1].published_at.astimezone(UTC).date() == PERIOD_END


def test_articles_have_the_promised_shape(corpus):
    for article in generated(corpus):
        paragraphs = [p for p in article.paragraphs if p.kind != "series-link"]
        assert 4 <= len(paragraphs) <= 10, article.url
        assert 200 <= article.word_count <= 450, article.url
        assert 1 <= len(article.authors) <= 2
        roster = {writer.name for writer in OUTLET_BY_SOURCE[article.source].writers}
        if article.syndicated_from is None:
            assert set(article.authors) <= roster
        assert article.title
        assert article.section
        assert article.tags
        assert not re.search(r"[{}<>\[\]\x00-\x08]", article.title + article.body_text), article.url
    with_links = sum(1 for article in corpus.articles if article.links)
    assert with_links > 0.9 * len(corpus.articles)
    citations = sum(len(CITATION_RE.findall(a.body_text)) for a in corpus.articles if a.source == JAMESTOWN.source)
    assert citations > 400


def test_outlets_spell_names_their_own_way(corpus):
    texts = {source: " ".join(a.body_text for a in corpus.articles if a.source == source and not a.syndicated_from)
             for source in (JAMESTOWN.source, CASPIAN.source, STEPPE.source)}
    assert "Lukashenka" in texts[JAMESTOWN.source]
    assert "Lukashenko" not in texts[JAMESTOWN.source]
    assert "Alexander Lukashenko" in texts[CASPIAN.source]
    assert "Lukashenka" not in texts[CASPIAN.source]
    assert "Aleksandr Lukashenko" in texts[STEPPE.source]
    assert "Zelenskyy" in texts[JAMESTOWN.source]
    assert "Zelenskyy" not in texts[CASPIAN.source]


def test_prigozhin_spike_is_in_the_text(corpus):
    by_week: Counter[str] = Counter()
    for article in corpus.articles:
        mentions = article.body_text.count(PLANTED.spike_surname)
        if not mentions:
            continue
        assert PLANTED.spike_person in article.body_text
        week = iso_week(article.published_at)
        by_week[week] += 1
        if week == PLANTED.spike_iso_week:
            assert mentions >= PLANTED.spike_min_mentions, article.url
    assert by_week[PLANTED.spike_iso_week] == PLANTED.spike_total >= 30
    assert all(count == 1 for week, count in by_week.items() if week != PLANTED.spike_iso_week)
    assert tuple(sorted(by_week.items())) == corpus.truth.prigozhin_by_week
    start, end = PLANTED.spike_week
    assert date.fromisocalendar(2023, 25, 1) == start
    assert date.fromisocalendar(2023, 25, 7) == end
    spike_sources = Counter(corpus.by_url[url].source for url in corpus.truth.prigozhin_spike_urls)
    assert dict(spike_sources) == dict(PLANTED.spike_articles)


def test_prigozhin_baseline_is_one_article_a_fortnight(corpus):
    spike_start, spike_end = PLANTED.spike_week
    days = [corpus.by_url[url].published_at.astimezone(UTC).date() for url in corpus.truth.prigozhin_urls
            if url not in corpus.truth.prigozhin_spike_urls]
    for first, last in PLANTED.baseline_windows:
        assert sum(first <= day <= last for day in days) == 1
    assert not any(spike_start <= day <= spike_end for day in days)


def test_environment_grows_every_month(corpus):
    months = Counter(month_key(a.published_at) for a in corpus.articles if a.topic == PLANTED.growing_topic)
    series = [months[month] for month, _ in PLANTED.growing_by_month]
    assert tuple(months.items()) == tuple((m, n) for m, n in PLANTED.growing_by_month if m in months)
    assert series == [count for _, count in PLANTED.growing_by_month]
    assert series[0] == 5
    assert series[-1] == 60
    assert all(later > earlier for earlier, later in itertools.pairwise(series))
    for article in corpus.articles:
        is_environment = article.topic == PLANTED.growing_topic
        assert is_environment == ("environment" in article.signals)
        if is_environment:
            assert re.search("climat", article.body_text, re.IGNORECASE), article.url
            assert article.iptc == PLANTED.growing_topic_codes
        else:
            assert not ENVIRONMENT_WORDS_RE.search(article.body_text), article.url


def test_one_caspian_story_is_syndicated_verbatim_on_steppe(corpus):
    original = corpus.by_url[corpus.truth.syndicated_original_url]
    copy = corpus.by_url[corpus.truth.syndicated_copy_url]
    assert (original.source, copy.source) == (PLANTED.syndicated_from, PLANTED.syndicated_to)
    assert original.url != copy.url
    assert original.body_text == copy.body_text
    assert original.title == copy.title
    assert copy.syndicated_from == original.url
    bodies = Counter(article.body_text for article in corpus.articles)
    assert [count for count in bodies.values() if count > 1] == [2]


def test_seed_data_reproduces_the_shared_seed_character_for_character():
    if not SHARED_SEED.exists():
        pytest.skip("../shared is absent (fresh clone): nothing to compare the seed data with")
    data = MD_LINK_RE.sub(lambda match: f"[{match.group(1)}](#)", read_seed_markdown())
    assert data.strip() == SHARED_SEED.read_text(encoding="utf-8").strip()


def test_seed_article_and_its_part_one(corpus):
    seed = corpus.by_url[corpus.truth.seed_url]
    text = load_seed_text()
    assert seed.path == SEED_PATH
    assert seed.visible_date == text.visible_date == "11.05.2023"
    assert (seed.volume, seed.issue) == ("20", "77") == edm_issue(date(2023, 5, 11))
    assert seed.title == "Belarus and Russia Advance Economic Integration (Part Two)"
    assert (seed.series, seed.part, seed.authors) == (text.headline, 2, ("Yauheni Preiherman",))
    assert seed.author_bios == ("Director, Minsk Dialogue Council on International Relations",)
    assert [p.kind for p in seed.paragraphs[:2]] == ["lead", "series-link"]
    assert len(seed.paragraphs) == 2 + 12
    part_one = corpus.by_url[corpus.truth.seed_part_one_url]
    assert seed.paragraphs[1].spans[-1].href == part_one.url
    assert part_one.visible_date == "10.05.2023"
    assert part_one.subtitle == "(Part One)"
    assert part_one.authors == ("Yauheni Preiherman",)
    assert part_one.issue == "76"


def test_series_parts_follow_each_other_and_link_back(corpus):
    assert len(corpus.truth.series) == 5
    for title, urls in corpus.truth.series:
        parts = [corpus.by_url[url] for url in urls]
        assert [p.part for p in parts] == list(range(1, len(parts) + 1))
        assert all(p.series == title and p.title.startswith(title) for p in parts)
        assert [p.published_at for p in parts] == sorted(p.published_at for p in parts)
        for index, part in enumerate(parts[1:], start=1):
            links = [s.href for p in part.paragraphs if p.kind == "series-link" for s in p.spans if s.href]
            assert links == list(urls[:index])


def test_same_seed_same_corpus_other_seed_other_corpus(corpus):
    again = build_corpus(42)
    assert again.articles == corpus.articles
    other = build_corpus(7)
    assert other.articles != corpus.articles
    assert len(other.articles) == len(corpus.articles)
    assert other.truth.environment_by_month == corpus.truth.environment_by_month
    assert other.truth.prigozhin_by_week != ()
    assert dict(other.truth.prigozhin_by_week)[PLANTED.spike_iso_week] == 36
