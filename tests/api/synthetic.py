"""A small deterministic warehouse with known signals, for the trend-library, snapshot and API tests.

120 days (2023-01-01 .. 2023-04-30) of three outlets, two articles per outlet and day, plus:
- a planted spike: "Yevgeny Prigozhin" in one article every 10 days, and in 12 more on SPIKE_DAY;
- a growing topic: climate change (medtop:20000418, narrower than environment medtop:06000000) on
  5, 10, 15 and 20 articles in January to April;
- mentions typed CITED (a source named in a citation) that must not count as entity volume;
- one article whose title and URL are hostile (a script tag, a javascript: URL), for escaping tests.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from mediamon.records import Article, CanonicalEntity, EntityMention, Tags, TopicScore, WatchMatch
from warehouse import db
from warehouse.load import LoadItem, load_batch, upsert_topics

FIRST_DAY = date(2023, 1, 1)
DAYS = 120
LAST_DAY = FIRST_DAY + timedelta(days=DAYS - 1)
SPIKE_DAY = date(2023, 3, 15)
SPIKE_EXTRA = 12
OUTLETS = (("alpha", "Alpha Times"), ("beta", "Beta Post"), ("gamma", "Gamma Daily"))
XSS_TITLE = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2"> Budget talks'
XSS_URL = "javascript:window.__xss = 3"

BELARUS = CanonicalEntity("gpe:belarus", "Belarus", "GPE")
RUSSIA = CanonicalEntity("gpe:russia", "Russia", "GPE")
PUTIN = CanonicalEntity("person:vladimir-putin", "Vladimir Putin", "PERSON")
LUKASHENKA = CanonicalEntity("person:alyaksandr-lukashenka", "Alyaksandr Lukashenka", "PERSON")
PRIGOZHIN = CanonicalEntity("person:yevgeny-prigozhin", "Yevgeny Prigozhin", "PERSON")
WAGNER = CanonicalEntity("org:wagner-group", "Wagner Group", "ORG")
BELTA = CanonicalEntity("org:belta", "BelTA", "ORG")

POLITICS = TopicScore("medtop:11000000", "politics", 0.8, level=1)
CLIMATE = TopicScore("medtop:20000418", "climate change", 0.9, level=2)
ENVIRONMENT = TopicScore("medtop:06000000", "environment", 0.9, level=1)  # the tagger adds the broader code too
TOPIC_ROWS: list[dict[str, object]] = [
    {"code": "medtop:06000000", "label": "environment", "scheme": "iptc-mediatopic", "level": 1, "parent": None},
    {"code": "medtop:20000418", "label": "climate change", "scheme": "iptc-mediatopic", "level": 2,
     "parent": "medtop:06000000"},
    {"code": "medtop:11000000", "label": "politics", "scheme": "iptc-mediatopic", "level": 1, "parent": None},
]  # fmt: skip
CLIMATE_PER_MONTH = {1: 5, 2: 10, 3: 15, 4: 20}


def _item(n: int, day: date, outlet: int, entities: Sequence[CanonicalEntity], *, cited: bool = False,
          climate: bool = False, phrases: Sequence[str] = (), title: str | None = None,
          url: str | None = None) -> LoadItem:  # fmt: skip
    source, site = OUTLETS[outlet]
    when = datetime(day.year, day.month, day.day, 6 + n % 12, n % 60, tzinfo=UTC)
    mentions = [EntityMention(0, len(e.name), e.name, e.type, e.entity_id, e.name) for e in entities]
    canon = list(entities)
    if cited:  # "(BelTA, March 3)": a source, not a subject
        mentions.append(EntityMention(10, 15, "BelTA", "CITED", BELTA.entity_id, BELTA.name))
        canon.append(BELTA)
    watch = []
    if PRIGOZHIN in entities:
        watch.append(WatchMatch("wagner", ("Prigozhin",)))
    if climate:
        watch.append(WatchMatch("climate-policy", ("climate",)))
    address = url or f"http://{source}.test/{day.isoformat()}/{n}"
    article = Article(
        url=address,
        id=f"s{n:06d}",
        title=title or f"{site} story {n} about {', '.join(e.name for e in entities) or 'nothing'}",
        body="text " * 50,
        published_at=when,
        canonical_url=address,
        outlet=site,
    )
    tags = Tags(
        tuple(mentions),
        tuple(canon),
        (ENVIRONMENT, CLIMATE) if climate else (POLITICS,),
        tuple(watch),
        tuple(phrases),
    )
    return LoadItem(source, article, f"h{n}", tags)


def synthetic_items() -> list[LoadItem]:
    """Every article of the synthetic warehouse, in publication order (deterministic)."""
    rng = random.Random(7)  # noqa: S311 -- reproducible test data, not secrets
    items: list[LoadItem] = []
    climate_left = dict(CLIMATE_PER_MONTH)
    n = 0
    for offset in range(DAYS):
        day = FIRST_DAY + timedelta(days=offset)
        for slot in range(6):
            outlet = slot % 3
            entities = [e for e, p in ((BELARUS, 0.5), (RUSSIA, 0.6), (PUTIN, 0.3), (LUKASHENKA, 0.25))
                        if rng.random() < p]  # fmt: skip
            if slot == 0 and offset % 10 == 5:
                entities.append(PRIGOZHIN)
            climate = slot == 1 and climate_left.get(day.month, 0) > 0 and rng.random() < 0.8
            if climate:
                climate_left[day.month] -= 1
            items.append(
                _item(n := n + 1, day, outlet, entities, cited=rng.random() < 0.3, climate=climate,
                      phrases=("state media", "border crossing") if slot % 2 else ("state media",))
            )  # fmt: skip
        if day == SPIKE_DAY:
            for extra in range(SPIKE_EXTRA):
                items.append(_item(n := n + 1, day, extra % 3, [PRIGOZHIN, WAGNER, RUSSIA], phrases=("wagner mutiny",)))
        if day == date(2023, 2, 1):
            items.append(_item(n := n + 1, day, 0, [BELARUS], title=XSS_TITLE, url=XSS_URL))
    # any month whose quota was not reached by chance gets the rest on its last day
    for month, left in climate_left.items():
        last = date(2023, month + 1, 1) - timedelta(days=1) if month < 12 else date(2023, 12, 31)
        for _ in range(left):
            items.append(_item(n := n + 1, last, 1, [BELARUS], climate=True))
    return items


def build_warehouse(path: Path, items: Sequence[LoadItem] | None = None) -> Path:
    """Create (or extend) the warehouse at ``path`` with ``items`` (default: all of them)."""
    con = db.connect(path)
    try:
        upsert_topics(con, TOPIC_ROWS)
        load_batch(con, list(items if items is not None else synthetic_items()), [],
                   now=datetime(2023, 5, 1, tzinfo=UTC))  # fmt: skip
    finally:
        con.close()
    return path
