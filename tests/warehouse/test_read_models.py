"""The read models (migration 0007, warehouse/snapshot.py READ_MODELS) against the raw tables.

Two checks, on the synthetic warehouse of tests/api/synthetic.py plus a few articles that give two
entities the same name (a name then selects both):

- each read model's rows, as a view in the warehouse and as a sorted table in the snapshot, equal
  the rows computed here from the raw tables (entity_mentions, articles, article_topics, …);
- each query of the library that now reads a read model returns exactly the rows of the raw-table
  query it replaced (tests/warehouse/reference/<name>.sql, the library as it was before the read
  models), on the warehouse and on the snapshot, for many parameter sets.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from mediamon.records import CanonicalEntity
from tests.api import synthetic as syn
from warehouse import db, queries
from warehouse.load import load_batch
from warehouse.snapshot import READ_MODELS, open_snapshot, publish_snapshot

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
TWIN = CanonicalEntity("org:wagner-opera", "Wagner Group", "ORG")  # same name as syn.WAGNER
SPIKE_WEEK = syn.SPIKE_DAY - timedelta(days=syn.SPIKE_DAY.weekday())


def twin_items() -> list:
    """Articles naming the other "Wagner Group", one of them with the real one and Prigozhin."""
    items = []
    for k, day in enumerate((date(2023, 3, 14), date(2023, 3, 15), date(2023, 4, 2))):
        entities = [TWIN, syn.BELARUS] + ([syn.WAGNER, syn.PRIGOZHIN] if k == 1 else [])
        items.append(syn._item(900_000 + k, day, k % 3, entities, phrases=("State Media", "opera season")))
    return items


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    path = syn.build_warehouse(tmp_path_factory.mktemp("read-models") / "w.duckdb")
    con = db.connect(path)
    load_batch(con, twin_items(), [], now=datetime(2023, 5, 2, tzinfo=UTC))
    yield con
    con.close()


@pytest.fixture(scope="module")
def snapshot(warehouse, tmp_path_factory):
    path = publish_snapshot(warehouse, tmp_path_factory.mktemp("read-models-snapshot") / "s.duckdb")
    con = open_snapshot(path)
    yield con
    con.close()


# --- each read model against the raw tables ---------------------------------------------------


def raw_article_keys(con) -> list[tuple]:
    """Dated articles numbered 1.. newest first (published_at descending, then id)."""
    rows = con.execute(
        "SELECT id, published_at, CAST(timezone('UTC', published_at) AS DATE), coalesce(outlet, source) "
        "FROM articles WHERE published_at IS NOT NULL"
    ).fetchall()
    ordered = sorted(rows, key=lambda r: r[0])
    ordered.sort(key=lambda r: r[1], reverse=True)  # stable: ties stay in id order
    return [(k, *row) for k, row in enumerate(ordered, start=1)]


def raw_entity_articles(con) -> set[tuple]:
    key = {row[1]: row[0] for row in raw_article_keys(con)}
    rows = con.execute(
        """
        SELECT m.entity_id, a.id, CAST(timezone('UTC', a.published_at) AS DATE), coalesce(a.outlet, a.source),
               a.published_at
        FROM entity_mentions m JOIN articles a ON a.id = m.article_id
        WHERE m.type <> 'CITED' AND a.published_at IS NOT NULL
        """
    ).fetchall()
    return {(*row, key[row[1]]) for row in rows}


def expected_read_models(con) -> dict[str, list[tuple]]:
    """Every read model computed in Python from raw-table rows."""
    pairs = raw_entity_articles(con)
    ids = sorted(row[0] for row in con.execute("SELECT entity_id FROM entities").fetchall())
    key = {entity: k for k, entity in enumerate(ids, start=1)}
    per_day = Counter((entity, day) for entity, _, day, _, _, _ in pairs)
    daily = []
    for (entity, day), n in per_day.items():
        before = [per_day.get((entity, day - timedelta(days=k)), 0) for k in range(1, 15)]
        daily.append((key[entity], day, n, sum(before), sum(b * b for b in before)))
    articles_of = Counter(entity for entity, *_ in pairs)
    lists: dict[str, list] = defaultdict(list)
    where: dict[str, tuple] = {}
    for entity, article, day, outlet, _, article_key in pairs:
        lists[article].append(key[entity])
        where[article] = (article_key, day, outlet)
    dated = {
        row[0]: (row[1], row[2])
        for row in con.execute(
            "SELECT id, CAST(timezone('UTC', published_at) AS DATE), coalesce(outlet, source) FROM articles "
            "WHERE published_at IS NOT NULL"
        ).fetchall()
    }
    parent = dict(con.execute("SELECT code, parent FROM topics").fetchall())
    topics = [  # each tag counts for its own code and for its parent's
        (topic, code, article, score, *dated[article])
        for article, code, score in con.execute("SELECT article_id, code, score FROM article_topics").fetchall()
        if article in dated
        for topic in {code, parent.get(code) or code}
    ]
    phrases: dict[tuple, set] = defaultdict(set)
    for article, phrase in con.execute("SELECT article_id, phrase FROM article_keyphrases").fetchall():
        if article in dated:
            phrases[(phrase.lower(), article)].add(phrase)
    return {
        "article_keys": raw_article_keys(con),
        "entity_articles": sorted(pairs),
        "entity_timeline": sorted(pairs),
        "entity_daily": sorted(daily),
        "entity_keys": sorted((key[e], e, articles_of.get(e, 0)) for e in ids),
        "article_entity_keys": sorted((a, *where[a], sorted(ks)) for a, ks in lists.items()),
        "topic_articles": sorted(topics),
        # the spelling is any of the article's spellings of the phrase: checked apart
        "keyphrase_articles": sorted((k, a, *dated[a]) for k, a in phrases),
    }


def rows_of(con, name: str) -> list[tuple]:
    columns = {
        "article_keys": "article_key, article_id, published_at, day, outlet",
        "entity_articles": "entity_id, article_id, day, outlet, published_at, article_key",
        "entity_timeline": "entity_id, article_id, day, outlet, published_at, article_key",
        "entity_daily": "entity_key, day, articles, trailing_articles, trailing_squares",
        "entity_keys": "entity_key, entity_id, articles",
        "article_entity_keys": "article_id, article_key, day, outlet, entity_keys",
        "topic_articles": "topic, code, article_id, score, day, outlet",
        "keyphrase_articles": "phrase_key, article_id, day, outlet",
    }[name]
    return sorted(tuple(row) for row in con.execute(f"SELECT {columns} FROM {name}").fetchall())  # noqa: S608


def test_every_read_model_is_covered_here():
    assert {name for name, _ in READ_MODELS} == {
        "article_keys",
        "entity_articles",
        "entity_timeline",
        "entity_daily",
        "entity_keys",
        "article_entity_keys",
        "topic_articles",
        "keyphrase_articles",
    }


@pytest.mark.parametrize("name", [name for name, _ in READ_MODELS])
def test_read_model_view_and_snapshot_table_equal_the_raw_tables(warehouse, snapshot, name):
    expected = expected_read_models(warehouse)[name]
    assert expected, "a read model test on no rows proves nothing"
    assert rows_of(warehouse, name) == expected
    assert rows_of(snapshot, name) == expected
    kind = "SELECT table_type FROM information_schema.tables WHERE table_name = $name"
    assert warehouse.execute(kind, {"name": name}).fetchall() == [("VIEW",)]
    assert snapshot.execute(kind, {"name": name}).fetchall() == [("BASE TABLE",)]


@pytest.mark.parametrize(("name", "keys"), READ_MODELS)
def test_snapshot_tables_are_sorted_by_their_keys(snapshot, name, keys):
    stored = snapshot.execute(f"SELECT {', '.join(keys)} FROM {name}").fetchall()  # noqa: S608
    assert stored == sorted(stored)


def test_keyphrase_spelling_is_one_of_the_articles_spellings(warehouse):
    spellings = defaultdict(set)
    for article, phrase in warehouse.execute("SELECT article_id, phrase FROM article_keyphrases").fetchall():
        spellings[(phrase.lower(), article)].add(phrase)
    for key, phrase, article in warehouse.execute(
        "SELECT phrase_key, phrase, article_id FROM keyphrase_articles"
    ).fetchall():
        assert phrase in spellings[(key, article)]


def test_entity_daily_baseline_counts_days_without_articles_as_zero(warehouse):
    # Prigozhin: one article every 10 days, 12 more on the spike day: 10 days before it, one article
    row = warehouse.execute(
        "SELECT d.articles, d.trailing_articles, d.trailing_squares "
        "FROM entity_daily d JOIN entity_keys USING (entity_key) "
        "WHERE entity_id = 'person:yevgeny-prigozhin' AND day = $day",
        {"day": syn.SPIKE_DAY},
    ).fetchall()
    assert row == [(syn.SPIKE_EXTRA + 1, 1, 1)]


# --- each query against the raw-table query it replaced ---------------------------------------

W = {"start": None, "end": None}
MAR = {"start": date(2023, 3, 1), "end": date(2023, 3, 31)}
ONE = ["Alpha Times"]
TWO = ["Beta Post", "Gamma Daily"]
CASES: list[tuple[str, dict[str, object]]] = [
    *[
        ("volume_entity", {"entity": e, "grain": g, **w, "outlets": o, "by_outlet": b})
        for e in ("Yevgeny Prigozhin", "gpe:belarus", "Wagner Group", "nobody")
        for g in ("day", "week", "month")
        for w in (W, MAR)
        for o in ([], ONE)
        for b in (False, True)
    ],
    *[
        ("volume_topic", {"code": c, "min_score": s, "grain": g, **w, "outlets": o, "by_outlet": b})
        for c in ("medtop:06000000", "medtop:20000418", "medtop:11000000", "medtop:99999999")
        for s in (0.0, 0.85)
        for g in ("week", "month")
        for w in (W, MAR)
        for o in ([], TWO)
        for b in (False, True)
    ],
    *[
        ("share_of_voice", {"entities": es, "grain": g, **w, "outlets": o})
        for es in (["Belarus", "Russia"], ["Wagner Group", "person:yevgeny-prigozhin", "Vladimir Putin"], [])
        for g in ("week", "month")
        for w in (W, MAR)
        for o in ([], ONE)
    ],
    *[
        (
            "entity_ranking",
            {"start": s, "end": e, "outlets": o, "topic": t, "entity_types": ty, "limit": lim, "offset": off},
        )
        for s, e in (
            (SPIKE_WEEK, SPIKE_WEEK + timedelta(days=6)),
            (syn.FIRST_DAY, syn.LAST_DAY),
            (date(2023, 1, 1), date(2023, 1, 1)),
        )
        for o in ([], TWO)
        for t in (None, "medtop:06000000")
        for ty in ([], ["PERSON"])
        for lim, off in ((100, 0), (2, 1))
    ],
    *[
        (
            "topic_ranking",
            {"start": s, "end": e, "outlets": o, "entity": ent, "min_score": 0.0, "limit": 50, "offset": 0},
        )
        for s, e in ((date(2023, 4, 1), date(2023, 4, 30)), (SPIKE_WEEK, SPIKE_WEEK + timedelta(days=6)))
        for o in ([], ONE)
        for ent in (None, "Wagner Group")
    ],
    *[
        ("cooccurrences", {"entity": ent, **w, "outlets": o, "limit": lim, "offset": off})
        for ent in ("Yevgeny Prigozhin", "Wagner Group", "gpe:belarus", "nobody")
        for w in (W, MAR, {"start": syn.SPIKE_DAY, "end": syn.SPIKE_DAY})
        for o in ([], ONE)
        for lim, off in ((100, 0), (2, 1))
    ],
    *[
        (
            "spikes",
            {
                **w,
                "entity": ent,
                "outlets": o,
                "min_count": mc,
                "min_ratio": mr,
                "min_z": mz,
                "limit": 1000,
                "offset": 0,
            },
        )
        for w in (
            W,
            MAR,
            {"start": None, "end": syn.SPIKE_DAY - timedelta(days=1)},
            {"start": syn.FIRST_DAY, "end": syn.FIRST_DAY + timedelta(days=20)},
        )
        for ent in (None, "Yevgeny Prigozhin", "Wagner Group")
        for o in ([], ONE)
        for mc, mr, mz in ((5, 4.0, None), (1, 1.0, None), (2, 1.5, 1.0), (3, 0.0, None))
    ],
    *[
        (
            "spikes",
            {
                **W,
                "entity": None,
                "outlets": [],
                "min_count": 2,
                "min_ratio": 1.0,
                "min_z": None,
                "limit": lim,
                "offset": off,
            },
        )
        for lim, off in ((3, 0), (3, 3), (5, 1000))
    ],
    *[
        (
            "emerging_keyphrases",
            {"start": s, "end": e, "baseline_days": bd, "outlets": o, "min_count": mc, "limit": 100, "offset": 0},
        )
        for s, e in (
            (SPIKE_WEEK, SPIKE_WEEK + timedelta(days=6)),
            (date(2023, 3, 14), date(2023, 3, 15)),
            (syn.FIRST_DAY, syn.FIRST_DAY + timedelta(days=3)),
        )
        for bd in (28, 3)
        for o in ([], TWO)
        for mc in (1, 3)
    ],
    *[
        (
            "articles_behind",
            {**w, "entities": es, "topic": t, "watch": wa, "phrase": ph, "outlets": o, "limit": lim, "offset": off},
        )
        for w in (W, MAR, {"start": syn.SPIKE_DAY, "end": syn.SPIKE_DAY})
        for es in (
            [],
            ["Yevgeny Prigozhin"],
            ["Wagner Group"],
            ["Yevgeny Prigozhin", "org:wagner-group"],
            ["Yevgeny Prigozhin", "nobody"],
            ["Belarus", "Russia", "Vladimir Putin"],
        )
        for t, wa, ph in (
            (None, None, None),
            ("medtop:06000000", None, None),
            (None, "wagner", None),
            (None, None, "state media"),
        )
        for o in ([], TWO)
        for lim, off in ((20, 0), (3, 2))
    ],
]


def case_id(case: tuple[str, dict[str, object]]) -> str:
    name, params = case
    shown = ",".join(f"{k}={v}" for k, v in params.items() if v not in (None, [], 0, 0.0, False))
    return f"{name}[{shown}]"


# Every fifth case runs in the quick tier; the whole grid with -m slow (about two minutes).
GRID = [
    pytest.param(name, params, id=case_id((name, params)), marks=() if i % 5 == 0 else (pytest.mark.slow,))
    for i, (name, params) in enumerate(CASES)
]


@pytest.mark.parametrize(("name", "params"), GRID)
def test_query_returns_the_rows_of_the_raw_query_it_replaced(warehouse, snapshot, name, params):
    reference = (REFERENCE_DIR / f"{name}.sql").read_text(encoding="utf-8")
    expected = warehouse.execute(reference, params).fetchall()
    assert warehouse.execute(queries.load_sql(name), params).fetchall() == expected
    assert snapshot.execute(queries.load_sql(name), params).fetchall() == expected


@pytest.mark.slow
def test_the_reference_cases_see_signal(warehouse):
    """Guards the test above against comparing empty answers only."""
    answered = Counter()
    for name, params in CASES:
        reference = (REFERENCE_DIR / f"{name}.sql").read_text(encoding="utf-8")
        answered[name] += bool(warehouse.execute(reference, params).fetchall())
    assert all(answered[name] >= 3 for name, _ in CASES), answered
    # the name shared by two entities selects both
    assert warehouse.execute(
        (REFERENCE_DIR / "articles_behind.sql").read_text(encoding="utf-8"),
        {
            **W,
            "entities": ["Wagner Group"],
            "topic": None,
            "watch": None,
            "phrase": None,
            "outlets": [],
            "limit": 100,
            "offset": 0,
        },
    ).fetchall()[0][-1] == syn.SPIKE_EXTRA + len(twin_items())
