"""The trend query library (warehouse/queries/*.sql + wrappers) and its table macros (generated from the files),
on the synthetic warehouse of tests/api/synthetic.py, whose signals are known exactly."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.api import synthetic as syn
from warehouse import db, queries

SPIKE_WEEK = syn.SPIKE_DAY - timedelta(days=syn.SPIKE_DAY.weekday())


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    path = syn.build_warehouse(tmp_path_factory.mktemp("trend") / "t.duckdb")
    connection = db.connect(path)  # migrated: the macros are there
    yield connection
    connection.close()


def test_entity_volume_by_id_or_name_zero_filled_and_split_by_outlet(con):
    weekly = queries.volume(con, "entity", "Yevgeny Prigozhin", grain="week")
    assert weekly == queries.volume(con, "entity", "person:yevgeny-prigozhin", grain="week")
    assert weekly == queries.volume(con, "entity", "YEVGENY PRIGOZHIN", grain="week")
    peak = max(weekly, key=lambda p: p.articles)
    assert (peak.period, peak.outlet) == (SPIKE_WEEK, None)
    assert peak.articles >= syn.SPIKE_EXTRA
    assert len(weekly) == len({p.period for p in weekly}) == 18  # every ISO week, zeros included
    assert sum(p.articles == 0 for p in weekly) > 0
    split = queries.volume(con, "entity", "Yevgeny Prigozhin", grain="week", by_outlet=True)
    assert {p.outlet for p in split} == {site for _, site in syn.OUTLETS}
    for week in weekly:
        assert sum(p.articles for p in split if p.period == week.period) == week.articles
    one = queries.volume(con, "entity", "Yevgeny Prigozhin", grain="day", start=syn.SPIKE_DAY, end=syn.SPIKE_DAY,
                         outlets=["Alpha Times"])  # fmt: skip
    assert [(p.period, p.articles) for p in one] == [(syn.SPIKE_DAY, 4)]  # 12 spread over 3 outlets


def test_topic_volume_counts_narrower_codes_and_grows_monthly(con):
    monthly = queries.volume(con, "topic", "medtop:06000000", grain="month")
    assert [(p.period.month, p.articles) for p in monthly] == list(syn.CLIMATE_PER_MONTH.items())
    assert [p.articles for p in queries.volume(con, "watch", "climate-policy", grain="month")] == [5, 10, 15, 20]
    assert [p.articles for p in queries.topic_volume(con, "medtop:06000000", grain="month")] == [5, 10, 15, 20]


def test_citations_are_not_entity_volume(con):
    assert all(p.articles == 0 for p in queries.volume(con, "entity", "BelTA", grain="month"))
    assert con.execute("SELECT count(*) FROM entity_mentions WHERE type = 'CITED'").fetchall()[0][0] > 0
    assert "org:belta" not in {e.entity_id for e in queries.entity_ranking(
        con, start=syn.FIRST_DAY, end=syn.LAST_DAY, limit=100).rows}  # fmt: skip


def test_share_of_voice_sums_to_one_per_period(con):
    shares = queries.share_of_voice(con, ["Vladimir Putin", "gpe:belarus", "Yevgeny Prigozhin"], grain="month")
    assert {s.entity for s in shares} == {"Vladimir Putin", "Belarus", "Yevgeny Prigozhin"}
    for month in {s.period for s in shares}:
        assert sum(s.share for s in shares if s.period == month) == pytest.approx(1, abs=1e-3)
    march = {s.entity: s for s in shares if s.period == date(2023, 3, 1)}
    assert march["Yevgeny Prigozhin"].articles >= syn.SPIKE_EXTRA


def test_entity_ranking_window_change_filters_and_pages(con):
    week = queries.entity_ranking(con, start=SPIKE_WEEK, end=SPIKE_WEEK + timedelta(days=6), limit=50)
    prig = next(e for e in week.rows if e.entity == "Yevgeny Prigozhin")
    assert prig.articles >= syn.SPIKE_EXTRA
    assert prig.change == prig.articles - prig.previous_articles > 10
    page = queries.entity_ranking(con, start=syn.FIRST_DAY, end=syn.LAST_DAY, limit=2, offset=1)
    full = queries.entity_ranking(con, start=syn.FIRST_DAY, end=syn.LAST_DAY, limit=100)
    assert page.rows == full.rows[1:3]
    assert page.total == full.total == len(full.rows)
    persons = queries.entity_ranking(con, start=syn.FIRST_DAY, end=syn.LAST_DAY, entity_types=["PERSON"], limit=100)
    assert {e.entity_type for e in persons.rows} == {"PERSON"}
    green = queries.entity_ranking(con, start=syn.FIRST_DAY, end=syn.LAST_DAY, topic="medtop:06000000", limit=100)
    assert sum(1 for _ in green.rows) >= 1
    assert green.rows[0].articles <= 50
    with pytest.raises(ValueError, match="before it starts"):
        queries.entity_ranking(con, start=syn.LAST_DAY, end=syn.FIRST_DAY)


def test_topic_ranking_and_cooccurrences(con):
    topics = queries.topic_ranking(con, start=date(2023, 4, 1), end=date(2023, 4, 30), limit=5)
    climate = next(t for t in topics.rows if t.code == "medtop:20000418")
    before = queries.articles_behind(con, start=date(2023, 3, 2), end=date(2023, 3, 31), topic="medtop:20000418")
    assert (climate.articles, climate.previous_articles) == (20, before.total)  # the 30 days before April
    assert climate.change == 20 - before.total
    about = queries.topic_ranking(con, start=SPIKE_WEEK, end=SPIKE_WEEK + timedelta(days=6), entity="Wagner Group")
    assert [t.code for t in about.rows] == ["medtop:11000000"]
    co = queries.cooccurrences(con, "Yevgeny Prigozhin", limit=3)
    wagner = next(c for c in co.rows if c.entity == "Wagner Group")  # only ever named with him
    assert wagner.articles == syn.SPIKE_EXTRA
    assert wagner.share == pytest.approx(wagner.articles / wagner.focus_articles, abs=1e-3)
    assert co.rows[0].entity == "Russia"  # in every spike article and in most others
    assert all(c.entity_id != "person:yevgeny-prigozhin" for c in co.rows)


def test_spikes_agree_with_entity_spikes_and_filter(con):
    every = queries.spikes(con, limit=1000)
    legacy = queries.entity_spikes(con)
    as_tuples = {(s.entity_id, s.day, s.articles, s.baseline_mean, s.ratio, s.z_score) for s in every.rows}
    assert as_tuples == {(s.entity_id, s.day, s.articles, s.baseline_mean, s.ratio, s.z_score) for s in legacy}
    assert {(s.entity, s.day) for s in every.rows} >= {("Yevgeny Prigozhin", syn.SPIKE_DAY)}
    assert all(s.entity not in ("Belarus", "Russia") for s in every.rows)  # steady is not spiky
    assert queries.spikes(con, entity="Yevgeny Prigozhin").rows[0].day == syn.SPIKE_DAY
    assert queries.spikes(con, end=syn.SPIKE_DAY - timedelta(days=1)).total == 0
    assert queries.spikes(con, min_z=1000).total == 0
    alpha = queries.spikes(con, outlets=["Alpha Times"], min_count=3)
    assert {s.day for s in alpha.rows} == {syn.SPIKE_DAY}


def test_emerging_keyphrases_finds_the_new_phrase(con):
    found = queries.emerging_keyphrases(con, start=SPIKE_WEEK, end=SPIKE_WEEK + timedelta(days=6), min_count=3)
    assert found.rows[0].phrase == "wagner mutiny"
    assert found.rows[0].baseline_articles == 0
    steady = next(p for p in found.rows if p.phrase == "state media")
    assert steady.growth < 2


def test_articles_behind_a_point(con):
    spike = queries.articles_behind(con, start=syn.SPIKE_DAY, end=syn.SPIKE_DAY, entities=["Yevgeny Prigozhin"])
    assert spike.total == syn.SPIKE_EXTRA
    both = queries.articles_behind(con, entities=["Yevgeny Prigozhin", "org:wagner-group"], limit=5, offset=5)
    assert both.total == syn.SPIKE_EXTRA and len(both.rows) == 5
    assert queries.articles_behind(con, entities=["Yevgeny Prigozhin", "nobody"]).total == 0
    week = queries.period_end(SPIKE_WEEK, "week")
    green = queries.articles_behind(con, start=date(2023, 4, 1), end=queries.period_end(date(2023, 4, 1), "month"),
                                    topic="medtop:06000000", limit=100)  # fmt: skip
    assert green.total == 20
    assert week == SPIKE_WEEK + timedelta(days=6)
    assert queries.articles_behind(con, phrase="WAGNER MUTINY").total == syn.SPIKE_EXTRA
    assert queries.articles_behind(con, watch="wagner", outlets=["Beta Post"]).total > 0
    newest = queries.articles_behind(con, limit=3).rows
    assert [a.published_at for a in newest] == sorted((a.published_at for a in newest), reverse=True)


@pytest.mark.parametrize(
    "hostile",
    ["'; DROP TABLE articles; --", "x' OR '1'='1", "Belarus') OR 1=1 --", "%", "_", "\\", "\x00", "ü" * 300],
)
def test_parameters_are_bound_not_formatted(con, hostile):
    assert all(p.articles == 0 for p in queries.volume(con, "entity", hostile, grain="month"))
    assert queries.articles_behind(con, entities=[hostile]).total == 0
    assert queries.articles_behind(con, phrase=hostile, outlets=[hostile]).total == 0
    assert queries.search_entities(con, hostile) == [] or hostile in ("%", "_")
    assert con.execute("SELECT count(*) FROM articles").fetchall()[0][0] == len(syn.synthetic_items())


def test_grains_and_kinds_are_checked(con):
    with pytest.raises(ValueError, match="grain"):
        queries.volume(con, "entity", "Belarus", grain="year")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="kind"):
        queries.volume(con, "person", "Belarus")  # type: ignore[arg-type]
    assert queries.period_end(date(2024, 2, 1), "month") == date(2024, 2, 29)
    assert queries.period_end(date(2023, 12, 1), "month") == date(2023, 12, 31)


# --- the macros are twins of the files ---------------------------------------------------------

MACRO_TWINS = [
    (
        "SELECT * FROM entity_volume('Yevgeny Prigozhin', grain := 'day', by_outlet := true)",
        lambda c: [
            tuple(vars_(p)) for p in queries.volume(c, "entity", "Yevgeny Prigozhin", grain="day", by_outlet=True)
        ],
    ),
    (
        "SELECT * FROM topic_volume('medtop:06000000', grain := 'month', outlets := ['Beta Post'])",
        lambda c: [
            tuple(vars_(p)) for p in queries.volume(c, "topic", "medtop:06000000", grain="month", outlets=["Beta Post"])
        ],
    ),
    (
        "SELECT * FROM watch_volume('wagner', start_day := DATE '2023-03-01', end_day := DATE '2023-03-31')",
        lambda c: [
            tuple(vars_(p)) for p in queries.volume(c, "watch", "wagner", start=date(2023, 3, 1), end=date(2023, 3, 31))
        ],
    ),
    (
        "SELECT * FROM share_of_voice(['Belarus', 'Russia'], grain := 'month')",
        lambda c: [tuple(vars_(s)) for s in queries.share_of_voice(c, ["Belarus", "Russia"], grain="month")],
    ),
    (
        "SELECT * EXCLUDE (total) FROM entity_ranking(DATE '2023-03-13', DATE '2023-03-19', max_rows := 7)",
        lambda c: [
            tuple(vars_(e))
            for e in queries.entity_ranking(c, start=date(2023, 3, 13), end=date(2023, 3, 19), limit=7).rows
        ],
    ),
    (
        "SELECT * EXCLUDE (total) FROM topic_ranking(DATE '2023-04-01', DATE '2023-04-30')",
        lambda c: [
            tuple(vars_(t))
            for t in queries.topic_ranking(c, start=date(2023, 4, 1), end=date(2023, 4, 30), limit=1000).rows
        ],
    ),
    (
        "SELECT * EXCLUDE (total) FROM cooccurrences('Yevgeny Prigozhin')",
        lambda c: [tuple(vars_(x)) for x in queries.cooccurrences(c, "Yevgeny Prigozhin", limit=1000).rows],
    ),
    (
        "SELECT * EXCLUDE (total) FROM spikes(min_count := 3, min_ratio := 3.0)",
        lambda c: [tuple(vars_(s)) for s in queries.spikes(c, min_count=3, min_ratio=3.0, limit=1000).rows],
    ),
    (
        "SELECT * EXCLUDE (total) FROM emerging_keyphrases(DATE '2023-03-13', DATE '2023-03-19', min_count := 1)",
        lambda c: [
            tuple(vars_(p))
            for p in queries.emerging_keyphrases(
                c, start=date(2023, 3, 13), end=date(2023, 3, 19), min_count=1, limit=1000
            ).rows
        ],
    ),
    (
        "SELECT * EXCLUDE (total) FROM articles_behind(entity_refs := ['Wagner Group'], max_rows := 20)",
        lambda c: [tuple(vars_(a)) for a in queries.articles_behind(c, entities=["Wagner Group"], limit=20).rows],
    ),
]


def vars_(record: object) -> list[object]:
    return [getattr(record, name) for name in record.__slots__]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("sql", "wrapper"), MACRO_TWINS, ids=[s.split("(")[0].split()[-1] for s, _ in MACRO_TWINS])
def test_macro_gives_the_same_rows_as_its_query_file(con, sql, wrapper):
    from_macro = [tuple(row) for row in con.execute(sql).fetchall()]
    from_file = wrapper(con)
    assert from_macro == from_file
    assert from_file, "a twin test on no rows proves nothing"
