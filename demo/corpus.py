"""The demo corpus: a deterministic year of articles for the three demo outlets.

``build_corpus(seed)`` schedules every article of 2022-12-01..2023-11-30, plants the signals the
trend queries must find (``PLANTED``), and writes each article from the templates in
``demo.vocabulary``. The same seed always gives the same corpus; nothing reads the clock, the
network or the environment, and nothing depends on hash randomisation.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from types import MappingProxyType

from demo.outlets import CASPIAN, JAMESTOWN, OUTLETS, STEPPE, Outlet, Writer
from demo.prose import (
    MONTHS,
    ArticleWriter,
    Draft,
    EarlierStory,
    Paragraph,
    Span,
    slugify,
)
from demo.seed_article import (
    PART_ONE_DAY,
    PART_ONE_LEAD,
    PART_ONE_PATH,
    SEED_DAY,
    SEED_ISSUE,
    SEED_PATH,
    SEED_SERIES,
    SEED_VOLUME,
    load_seed_text,
)
from demo.vocabulary import (
    COUNTRIES,
    ELECTION_AFTER,
    ELECTION_AFTER_LEADS,
    ELECTION_AFTER_TITLES,
    ELECTION_BEFORE,
    ELECTIONS,
    GENERIC,
    MILITARY,
    PRIGOZHIN_AFTER_DEATH,
    PRIGOZHIN_AFTER_MUTINY,
    PRIGOZHIN_BEFORE_MUTINY,
    PRIGOZHIN_FEUD_TITLES,
    PRIGOZHIN_MUTINY,
    PRIGOZHIN_MUTINY_TITLES,
    TOPIC_WEIGHTS,
    TOPICS,
    Election,
    Template,
    Topic,
)

DEFAULT_SEED = 42
PERIOD_START = date(2022, 12, 1)
PERIOD_END = date(2023, 11, 30)
MONTH_KEYS = tuple(
    f"{year}-{month:02d}" for year, month in [(2022, 12)] + [(2023, m) for m in range(1, 12)]
)

MUTINY_DAY = date(2023, 6, 24)
PRIGOZHIN_DEATH_DAY = date(2023, 8, 23)

# Demo-jamestown publishes Monday to Thursday, skips these days and adds these special issues.
# Together they make 11 May 2023 the 77th publishing day of 2023, as in the seed (Issue 77).
JAMESTOWN_BREAKS = frozenset(
    [date(2022, 12, 26), date(2022, 12, 27), date(2022, 12, 28), date(2022, 12, 29),
     date(2023, 7, 4), date(2023, 11, 23)]
)
JAMESTOWN_SPECIALS = frozenset([date(2023, 2, 24)])

# Publication hours (outlet local time) and how many articles a day, at most.
PUBLISHING_HOURS = {JAMESTOWN.source: (13, 21), CASPIAN.source: (8, 21), STEPPE.source: (3, 15)}
MAX_PER_DAY = {JAMESTOWN.source: 3, CASPIAN.source: 5, STEPPE.source: 4}
BASE_VOLUME = {JAMESTOWN.source: 400, CASPIAN.source: 965, STEPPE.source: 700}
FIRST_NUMBER = {JAMESTOWN.source: 121_407, CASPIAN.source: 1, STEPPE.source: 20_311}

# Jamestown series besides the seed: (series title, topic, country, partner, author, parts, month).
SERIES_PLAN = (
    ("Kazakhstan's Multi-Vector Foreign Policy Under Strain", "politics", "Kazakhstan", "China",
     "Aliya Sarsenova", 2, (2023, 2)),
    ("Russia's War Economy at a Crossroads", "economy", "Russia", "China", "Daniel Whitcombe", 3, (2023, 4)),
    ("Armenia Looks Beyond the CSTO", "politics", "Armenia", "Russia", "Ramil Guliyev", 2, (2023, 8)),
    ("Moldova's Long Road to Brussels", "politics", "Moldova", "Ukraine", "Thomas Brennan", 2, (2023, 10)),
)
PART_WORDS = ("One", "Two", "Three")
# The Caspian Courier story that Steppe Ledger republishes verbatim the next day.
SYNDICATED_TITLE = "Middle Corridor Gains Momentum as Shippers Avoid Russia"

PRIGOZHIN_COUNTRIES = (("Russia", 6), ("Belarus", 3), ("Ukraine", 3))


@dataclass(frozen=True, slots=True)
class PlantedSignals:
    """The signals every corpus contains, whatever the seed: the numbers analysts check.

    Attributes:
        spike_person: the person whose mentions spike.
        spike_week: first and last day of the spike (ISO week ``spike_iso_week``).
        spike_articles: articles per outlet that mention the person in the spike week.
        spike_min_mentions: each spike article mentions the surname at least this often.
        baseline_every_days: outside the spike week, one article per window of this many days
            (windows start on Monday 2022-11-28) mentions the person.
        growing_topic: topic key of the growing topic; ``growing_topic_codes`` its IPTC codes.
        growing_by_month: number of articles on the growing topic per month (UTC publication date).
        growing_split: how each month's growing-topic articles are shared between outlets (weights).
        syndicated_from / syndicated_to: the outlet of the original and of the verbatim copy.
        volumes: number of articles per outlet.
    """

    spike_person: str = "Yevgeny Prigozhin"
    spike_surname: str = "Prigozhin"
    spike_week: tuple[date, date] = (date(2023, 6, 19), date(2023, 6, 25))
    spike_iso_week: str = "2023-W25"
    spike_articles: tuple[tuple[str, int], ...] = (
        (JAMESTOWN.source, 6), (CASPIAN.source, 18), (STEPPE.source, 12),
    )
    spike_min_mentions: int = 3
    baseline_every_days: int = 14
    baseline_first_window: date = date(2022, 11, 28)
    growing_topic: str = "environment"
    growing_topic_codes: tuple[str, ...] = ("medtop:06000000", "medtop:20000418")
    growing_by_month: tuple[tuple[str, int], ...] = tuple(
        (month, 5 * (index + 1)) for index, month in enumerate(MONTH_KEYS)
    )
    growing_split: tuple[tuple[str, int], ...] = ((JAMESTOWN.source, 2), (CASPIAN.source, 5), (STEPPE.source, 3))
    syndicated_from: str = CASPIAN.source
    syndicated_to: str = STEPPE.source
    volumes: tuple[tuple[str, int], ...] = ((JAMESTOWN.source, 400), (CASPIAN.source, 983), (STEPPE.source, 713))

    @property
    def spike_total(self) -> int:
        return sum(count for _, count in self.spike_articles)

    @property
    def baseline_windows(self) -> tuple[tuple[date, date], ...]:
        """The baseline windows that overlap the corpus period, as (first day, last day)."""
        windows = []
        start = self.baseline_first_window
        while start <= PERIOD_END:
            windows.append((start, start + timedelta(days=self.baseline_every_days - 1)))
            start += timedelta(days=self.baseline_every_days)
        return tuple(windows)


PLANTED = PlantedSignals()


@dataclass(frozen=True, slots=True)
class DemoArticle:
    """One generated article with everything a page, a feed and a test needs.

    ``title`` is the full title a parser should produce (for series: h1 + " " + subtitle);
    ``headline`` is the h1. ``paragraphs`` include the Jamestown italic lead (kind "lead") and the
    "Read Part One here" line (kind "series-link"); ``body_text`` leaves the latter out.
    ``entities`` are the canonical names of the people, organisations and countries mentioned.
    ``signals`` names the planted signals the article carries.
    """

    source: str
    number: int
    url: str
    path: str
    slug: str
    title: str
    headline: str
    subtitle: str | None
    dek: str
    authors: tuple[str, ...]
    author_bios: tuple[str, ...]
    section: str
    tags: tuple[str, ...]
    topic: str
    iptc: tuple[str, ...]
    country: str
    published_at: datetime
    modified_at: datetime
    paragraphs: tuple[Paragraph, ...]
    entities: tuple[str, ...] = ()
    series: str | None = None
    part: int | None = None
    volume: str | None = None
    issue: str | None = None
    image_url: str | None = None
    image_caption: str | None = None
    syndicated_from: str | None = None
    signals: tuple[str, ...] = ()

    @property
    def body_text(self) -> str:
        """Lead and body paragraphs as plain text separated by blank lines (no series navigation)."""
        return "\n\n".join(p.text for p in self.paragraphs if p.kind != "series-link")

    @property
    def word_count(self) -> int:
        return len(self.body_text.split())

    @property
    def links(self) -> tuple[Span, ...]:
        """Every inline link of the article, in order."""
        return tuple(span for p in self.paragraphs for span in p.spans if span.href)

    @property
    def visible_date(self) -> str:
        """The date as the outlet prints it (DD.MM.YYYY for DMY outlets, "May 11, 2023" otherwise)."""
        local = self.published_at
        if self.source == JAMESTOWN.source:
            return local.strftime("%d.%m.%Y")
        return f"{MONTHS[local.month - 1]} {local.day}, {local.year}"  # not %B: that follows the locale


@dataclass(frozen=True, slots=True)
class GroundTruth:
    """Which articles of one corpus carry each planted signal (URLs), and the resulting counts."""

    prigozhin_urls: tuple[str, ...]
    prigozhin_spike_urls: tuple[str, ...]
    prigozhin_by_week: tuple[tuple[str, int], ...]
    environment_urls: tuple[str, ...]
    environment_by_month: tuple[tuple[str, int], ...]
    syndicated_original_url: str
    syndicated_copy_url: str
    seed_url: str
    seed_part_one_url: str
    series: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class Corpus:
    """A generated corpus: articles in publication order, with lookups and the ground truth."""

    seed: int
    articles: tuple[DemoArticle, ...]
    truth: GroundTruth
    by_url: Mapping[str, DemoArticle] = field(default_factory=lambda: MappingProxyType({}))

    def for_source(self, source: str) -> tuple[DemoArticle, ...]:
        """Return the articles of one outlet, oldest first."""
        return tuple(article for article in self.articles if article.source == source)


@dataclass(slots=True)
class _Slot:
    """A planned article: when and where it appears, and what it must carry. Mutable while planning."""

    outlet: Outlet
    published_at: datetime
    role: str = "ordinary"
    topic: str = ""
    country: str = ""
    partner: str = ""
    series: tuple[str, int, int, str] | None = None  # (title, part, parts, author)
    links_to: tuple[_Slot, ...] = ()
    url: str = ""

    @property
    def day(self) -> date:
        return self.published_at.date()


def iso_week(moment: datetime) -> str:
    """Return the ISO week of ``moment`` (in UTC) as "YYYY-Www"."""
    year, week, _ = moment.astimezone(JAMESTOWN.tz).isocalendar()
    return f"{year}-W{week:02d}"


def month_key(moment: datetime) -> str:
    """Return the month of ``moment`` (in UTC) as "YYYY-MM"."""
    return moment.astimezone(JAMESTOWN.tz).strftime("%Y-%m")


def is_jamestown_day(day: date) -> bool:
    """Return True when demo-jamestown publishes on ``day`` (see ``JAMESTOWN_BREAKS``)."""
    if day in JAMESTOWN_SPECIALS:
        return True
    return day.weekday() < 4 and day not in JAMESTOWN_BREAKS


def edm_issue(day: date) -> tuple[str, str]:
    """Return (volume, issue) of the Eurasia Daily Monitor for a publishing day.

    Volume 1 is 2004; the issue is the number of publishing days of that year up to ``day``.
    """
    return str(day.year - 2003), str(_issue_numbers(day.year)[day])


@functools.cache
def _issue_numbers(year: int) -> dict[date, int]:
    """Map every day of ``year`` to the number of demo-jamestown publishing days so far."""
    numbers: dict[date, int] = {}
    count = 0
    day = date(year, 1, 1)
    while day.year == year:
        count += is_jamestown_day(day)
        numbers[day] = count
        day += timedelta(days=1)
    return numbers


def _days() -> list[date]:
    return [PERIOD_START + timedelta(days=offset) for offset in range((PERIOD_END - PERIOD_START).days + 1)]


def _times(rng: random.Random, outlet: Outlet, day: date, count: int) -> list[datetime]:
    first_hour, last_hour = PUBLISHING_HOURS[outlet.source]
    minutes = rng.sample(range(first_hour * 60, (last_hour + 1) * 60), count)
    return [
        datetime.combine(day, time(minute // 60, minute % 60), tzinfo=outlet.tz) for minute in sorted(minutes)
    ]


def _schedule(rng: random.Random) -> list[_Slot]:
    """Plan the publication times of every base article of every outlet."""
    slots: list[_Slot] = []
    spike_start, spike_end = PLANTED.spike_week
    for outlet in OUTLETS:
        days = [day for day in _days() if outlet is not JAMESTOWN or is_jamestown_day(day)]
        counts = dict.fromkeys(days, 1)
        if outlet is JAMESTOWN:
            for day in days:
                if spike_start <= day <= spike_end:
                    counts[day] = 2
        elif outlet is CASPIAN:
            counts = dict.fromkeys(days, 2)
        remaining = BASE_VOLUME[outlet.source] - sum(counts.values())
        while remaining > 0:
            day = rng.choice(days)
            if counts[day] < MAX_PER_DAY[outlet.source]:
                counts[day] += 1
                remaining -= 1
        for day in days:
            slots.extend(_Slot(outlet, moment) for moment in _times(rng, outlet, day, counts[day]))
    return slots


def _plan(rng: random.Random) -> list[_Slot]:
    """Schedule every article and assign the planted roles. Returns slots in publication order."""
    slots = _schedule(rng)
    by_outlet_day: dict[tuple[str, date], list[_Slot]] = {}
    for slot in slots:
        by_outlet_day.setdefault((slot.outlet.source, slot.day), []).append(slot)

    def free(slot: _Slot) -> bool:
        return slot.role == "ordinary"

    # The seed (Part Two) and its generated Part One.
    part_one = by_outlet_day[(JAMESTOWN.source, PART_ONE_DAY)][0]
    seed = by_outlet_day[(JAMESTOWN.source, SEED_DAY)][0]
    part_one.role, part_one.topic, part_one.country, part_one.partner = "seed-part-one", "economy", "Belarus", "Russia"
    part_one.series = (SEED_SERIES, 1, 2, "Yauheni Preiherman")
    seed.role, seed.topic, seed.country, seed.partner = "seed", "economy", "Belarus", "Russia"
    seed.series = (SEED_SERIES, 2, 2, "Yauheni Preiherman")
    seed.links_to = (part_one,)

    # Other Jamestown series, on consecutive publishing days.
    for title, topic, country, partner, author, parts, (year, month) in SERIES_PLAN:
        days = sorted({
            slot.day for slot in slots
            if slot.outlet is JAMESTOWN and (slot.day.year, slot.day.month) == (year, month)
        })
        start = rng.randrange(0, len(days) - parts - 1)
        previous: list[_Slot] = []
        for part in range(1, parts + 1):
            slot = next(s for s in by_outlet_day[(JAMESTOWN.source, days[start + part - 1])] if free(s))
            slot.role, slot.topic, slot.country, slot.partner = "series", topic, country, partner
            slot.series = (title, part, parts, author)
            slot.links_to = tuple(previous)
            previous.append(slot)

    # The Prigozhin spike: Jamestown articles of the week become spike articles; the news outlets
    # publish extra stories on the weekend of the mutiny.
    spike_start, spike_end = PLANTED.spike_week
    spike_counts = dict(PLANTED.spike_articles)
    week_slots = [s for s in slots if s.outlet is JAMESTOWN and spike_start <= s.day <= spike_end and free(s)]
    for slot in rng.sample(week_slots, spike_counts[JAMESTOWN.source]):
        slot.role = "prigozhin-spike"
    for outlet in (CASPIAN, STEPPE):
        total = spike_counts[outlet.source]
        for day, count in ((MUTINY_DAY, total // 2), (MUTINY_DAY + timedelta(days=1), total - total // 2)):
            slots.extend(_Slot(outlet, moment, role="prigozhin-spike") for moment in _times(rng, outlet, day, count))

    # The syndicated story: a Caspian Courier economy story, copied by Steppe Ledger the next day.
    original = rng.choice([s for s in slots if s.outlet is CASPIAN and s.day.month == 3 and free(s)])
    original.role, original.topic, original.country, original.partner = (
        "syndicated-original", "economy", "Kazakhstan", "Azerbaijan",
    )
    copy_time = _times(rng, STEPPE, original.day + timedelta(days=1), 1)[0]
    slots.append(_Slot(STEPPE, copy_time, role="syndicated-copy", links_to=(original,)))

    # Baseline Prigozhin mentions: one article per fortnight, never in the spike week.
    for first, last in PLANTED.baseline_windows:
        candidates = [
            s for s in slots
            if first <= s.day <= last and free(s) and not spike_start <= s.day <= spike_end
        ]
        if candidates:
            rng.choice(candidates).role = "prigozhin-baseline"

    # The growing topic: a fixed number of environment articles per month, shared between outlets.
    split = PLANTED.growing_split
    weight_total = sum(weight for _, weight in split)
    by_outlet_month: dict[tuple[str, str], list[_Slot]] = {}
    for slot in slots:
        by_outlet_month.setdefault((slot.outlet.source, month_key(slot.published_at)), []).append(slot)
    for month_name, count in PLANTED.growing_by_month:
        shares = {source: count * weight // weight_total for source, weight in split}
        by_remainder = sorted(split, key=lambda item: (-(count * item[1] % weight_total), item[0]))
        for source, _ in by_remainder[: count - sum(shares.values())]:
            shares[source] += 1
        for source, share in shares.items():
            pool = [s for s in by_outlet_month[(source, month_name)] if free(s)]
            for slot in rng.sample(pool, share):
                slot.role, slot.topic = "environment", "environment"

    slots.sort(key=lambda s: (s.published_at, OUTLETS.index(s.outlet)))
    return slots


def _weighted(rng: random.Random, weights: Sequence[tuple[str, int]]) -> str:
    names = [name for name, _ in weights]
    return rng.choices(names, weights=[weight for _, weight in weights])[0]


def _election_near(rng: random.Random, day: date) -> Election | None:
    candidates = [e for e in ELECTIONS if -60 <= (e.day - day).days <= 120]
    return rng.choice(candidates) if candidates else None


def _pick_writers(rng: random.Random, outlet: Outlet, country: str) -> tuple[Writer, ...]:
    beat = [writer for writer in outlet.writers if country in writer.beats]
    first = rng.choice(beat) if beat and rng.random() < 0.85 else rng.choice(outlet.writers)
    co_author_rate = 0.05 if outlet is JAMESTOWN else 0.12
    if rng.random() < co_author_rate:
        second = rng.choice([writer for writer in outlet.writers if writer is not first])
        return (first, second)
    return (first,)


def _writer_named(outlet: Outlet, name: str) -> Writer:
    return next(writer for writer in outlet.writers if writer.name == name)


def _prigozhin_pool(day: date) -> tuple[Template, ...]:
    if day < MUTINY_DAY:
        return PRIGOZHIN_BEFORE_MUTINY
    if day < PRIGOZHIN_DEATH_DAY:
        return PRIGOZHIN_MUTINY + PRIGOZHIN_AFTER_MUTINY
    return PRIGOZHIN_AFTER_DEATH + PRIGOZHIN_AFTER_MUTINY


def _path_for(slot: _Slot, slug: str, number: int) -> str:
    if slot.outlet is JAMESTOWN:
        return f"/program/{slug}/"
    if slot.outlet is CASPIAN:
        day = slot.published_at
        return f"/news/{day.year:04d}/{day.month:02d}/{day.day:02d}/{slug}"
    return f"/articles/{number}-{slug}.html"


def _modified(rng: random.Random, slot: _Slot) -> datetime:
    published = slot.published_at
    end = datetime.combine(PERIOD_END, time(23, 59), tzinfo=slot.outlet.tz)
    if slot.outlet is CASPIAN and rng.random() < 0.25:
        return min(published + timedelta(minutes=rng.randint(10, 240)), end)
    if slot.outlet is STEPPE and rng.random() < 0.15:
        return min(published + timedelta(days=rng.randint(1, 3), minutes=rng.randint(0, 300)), end)
    return published


CAPTIONS = (
    "A view of {city}, {country}.",
    "Officials arrive for talks in {city}.",
    "Trucks wait at a border crossing near {city}.",
    "A market in {city}, {country}.",
    "Government buildings in {city}.",
    "Workers at an industrial site outside {city}.",
)
CAPTION_CREDITS = ("Caspian Courier", "Reuters", "AFP", "press service photo")


def _write(
    rng: random.Random,
    slot: _Slot,
    earlier: Sequence[EarlierStory],
    taken_titles: set[str],
) -> tuple[Draft, Topic, str, Election | None]:
    """Choose what the slot's article is about and write it. Returns (draft, topic, country, election)."""
    outlet = slot.outlet
    role = slot.role
    election = None
    if role in ("prigozhin-spike", "prigozhin-baseline"):
        topic = MILITARY
        country_weights = outlet.country_weights if role == "prigozhin-spike" else PRIGOZHIN_COUNTRIES
        country = slot.country or _weighted(rng, country_weights)
    elif role in ("seed-part-one", "series", "syndicated-original"):
        topic = TOPICS[slot.topic]
        country = slot.country
    elif role == "environment":
        topic = TOPICS["environment"]
        country = _weighted(rng, outlet.country_weights)
    else:
        topic = TOPICS[_weighted(rng, TOPIC_WEIGHTS)]
        if topic.key == "elections":
            election = _election_near(rng, slot.day)
            if election is None:
                topic = TOPICS["politics"]
        country = election.country if election else _weighted(rng, outlet.country_weights)
    partner = slot.partner or rng.choice(COUNTRIES[country].partners)
    writer = ArticleWriter(
        rng, outlet, slot.day, COUNTRIES[country], COUNTRIES[partner], earlier=earlier, election=election
    )

    titles, leads, sentences = topic.titles, topic.leads, topic.sentences
    forced: list[Template] = []
    forced_in_lead = False
    if election is not None and slot.day >= election.day:
        titles, leads, sentences = ELECTION_AFTER_TITLES, ELECTION_AFTER_LEADS, sentences + ELECTION_AFTER
    elif election is not None:
        sentences = sentences + ELECTION_BEFORE
    if role in ("prigozhin-spike", "prigozhin-baseline"):
        pool = [t for t in _prigozhin_pool(slot.day) if t.fits(country, slot.day)]
        rng.shuffle(pool)
        if role == "prigozhin-spike":
            forced = pool[: min(rng.randint(4, 5), len(pool))]
            forced_in_lead = True
            titles = PRIGOZHIN_FEUD_TITLES if slot.day < MUTINY_DAY else PRIGOZHIN_MUTINY_TITLES
        else:
            forced = pool[:1]
    if slot.series is not None:
        titles = (Template(slot.series[0]),)
    deks = topic.deks
    if role == "seed-part-one":
        leads, deks = (Template(PART_ONE_LEAD),), ()
    elif role == "syndicated-original":
        titles = (Template(SYNDICATED_TITLE),)
        leads = tuple(t for t in sentences if "Middle Corridor" in t.text)
        sentences = tuple(t for t in sentences if t not in leads)

    draft = writer.write(
        titles=titles,
        deks=deks,
        leads=leads,
        sentences=sentences,
        generic=GENERIC,
        quotes=topic.quotes,
        official_quotes=topic.official_quotes,
        closings=topic.closings,
        forced=forced,
        forced_in_lead=forced_in_lead,
        taken_titles=frozenset(taken_titles),
    )
    return draft, topic, country, election


def _tags(draft: Draft, topic: Topic, country: str, role: str) -> tuple[str, ...]:
    tags = [country]
    tags.extend(name for name in draft.entities if name in COUNTRIES and name != country)
    tags.extend(draft.org_tags)
    if role.startswith("prigozhin"):
        tags.extend(["Yevgeny Prigozhin", "Wagner Group"])
    if topic.key == "environment":
        tags.append("climate change")
    unique: list[str] = []
    for tag in tags:
        if tag not in unique:
            unique.append(tag)
    return tuple(unique[:7])


def _series_link(slot: _Slot) -> Paragraph:
    spans: list[Span] = [Span("Read ")]
    for index, earlier in enumerate(slot.links_to):
        if index:
            spans.append(Span(" and "))
        spans.extend([Span(f"Part {PART_WORDS[index]} "), Span("here", earlier.url)])
    return Paragraph(tuple(spans), "series-link")


def _seed_article(slot: _Slot, number: int) -> DemoArticle:
    text = load_seed_text()
    volume, issue = edm_issue(slot.day)
    if (volume, issue) != (SEED_VOLUME, SEED_ISSUE):
        raise ValueError(f"demo-jamestown calendar gives Volume {volume} Issue {issue} for the seed")
    return DemoArticle(
        source=JAMESTOWN.source,
        number=number,
        url=JAMESTOWN.base_url + SEED_PATH,
        path=SEED_PATH,
        slug=SEED_PATH.strip("/").split("/")[-1],
        title=f"{text.headline} {text.subtitle}",
        headline=text.headline,
        subtitle=text.subtitle,
        dek=text.lead.text,
        authors=(text.author,),
        author_bios=(text.bio,),
        section=JAMESTOWN.section_for("economy"),
        tags=("Belarus", "Russia", "Union State", "Shanghai Cooperation Organization"),
        topic="economy",
        iptc=TOPICS["economy"].iptc,
        country="Belarus",
        published_at=slot.published_at,
        modified_at=slot.published_at,
        paragraphs=(text.lead, text.series_link, *text.body),
        entities=(
            "Belarus", "Russia", "Union State", "Alyaksandr Lukashenka", "Vladimir Putin",
            "Shanghai Cooperation Organization",
        ),
        series=text.headline,
        part=2,
        volume=volume,
        issue=issue,
        signals=("seed",),
    )


def build_corpus(seed: int = DEFAULT_SEED) -> Corpus:
    """Generate the demo corpus.

    Args:
        seed: seed of the single ``random.Random`` every choice is drawn from.

    Returns:
        A ``Corpus`` of about 2,100 articles over 2022-12-01..2023-11-30 with the signals described
        by ``PLANTED`` and the URLs that carry them in ``Corpus.truth``. The same seed gives an equal
        corpus on every run and every machine.
    """
    rng = random.Random(seed)  # noqa: S311 - a reproducible corpus, not a secret
    slots = _plan(rng)
    numbers = {outlet.source: FIRST_NUMBER[outlet.source] for outlet in OUTLETS}
    earlier: dict[str, list[EarlierStory]] = {outlet.source: [] for outlet in OUTLETS}
    titles: dict[str, set[str]] = {outlet.source: set() for outlet in OUTLETS}
    slugs: dict[str, set[str]] = {outlet.source: set() for outlet in OUTLETS}
    written: dict[int, DemoArticle] = {}
    articles: list[DemoArticle] = []

    # Series parts must know the URL of earlier parts before those are written: fix seed URLs first.
    for slot in slots:
        if slot.role == "seed":
            slot.url = JAMESTOWN.base_url + SEED_PATH
        elif slot.role == "seed-part-one":
            slot.url = JAMESTOWN.base_url + PART_ONE_PATH

    for slot in slots:
        outlet = slot.outlet
        number = numbers[outlet.source]
        numbers[outlet.source] += 1
        if slot.role == "seed":
            article = _seed_article(slot, number)
        elif slot.role == "syndicated-copy":
            article = _syndicated_copy(slot, written[id(slot.links_to[0])], number)
        else:
            article = _generated_article(rng, slot, number, earlier[outlet.source], titles, slugs)
        slot.url = article.url
        titles[outlet.source].add(article.title)
        slugs[outlet.source].add(article.slug)
        earlier[outlet.source].append(EarlierStory(article.url, article.published_at.date()))
        written[id(slot)] = article
        articles.append(article)

    truth = _ground_truth(articles)
    return Corpus(seed, tuple(articles), truth, MappingProxyType({a.url: a for a in articles}))


def _generated_article(
    rng: random.Random,
    slot: _Slot,
    number: int,
    earlier: Sequence[EarlierStory],
    titles: dict[str, set[str]],
    slugs: dict[str, set[str]],
) -> DemoArticle:
    outlet = slot.outlet
    draft, topic, country, _ = _write(rng, slot, earlier, titles[outlet.source])
    subtitle = None
    series = part = None
    paragraphs = draft.paragraphs
    authors: tuple[Writer, ...]
    if slot.series is not None:
        series, part, _, author = slot.series
        subtitle = f"(Part {PART_WORDS[part - 1]})"
        authors = (_writer_named(outlet, author),)
        if slot.links_to:
            paragraphs = (paragraphs[0], _series_link(slot), *paragraphs[1:])
    else:
        authors = _pick_writers(rng, outlet, country)
    title = f"{draft.title} {subtitle}" if subtitle else draft.title

    if slot.role == "seed-part-one":
        path = PART_ONE_PATH
        slug = PART_ONE_PATH.strip("/").split("/")[-1]
    else:
        slug = slugify(title)[:90].rstrip("-")
        base, suffix = slug, 2
        while slug in slugs[outlet.source]:
            slug, suffix = f"{base}-{suffix}", suffix + 1
        path = _path_for(slot, slug, number)

    volume = issue = None
    if outlet is JAMESTOWN:
        volume, issue = edm_issue(slot.day)
    image_url = image_caption = None
    if outlet is CASPIAN:
        moment = slot.published_at
        image_url = f"{outlet.base_url}/media/{moment.year:04d}/{moment.month:02d}/{slug}.png"
        caption = rng.choice(CAPTIONS).format(city=rng.choice(COUNTRIES[country].cities), country=country)
        image_caption = f"{caption} (Photo: {rng.choice(CAPTION_CREDITS)})"

    signals: tuple[str, ...] = ()
    if slot.role == "prigozhin-spike":
        signals = ("prigozhin", "prigozhin-spike")
    elif slot.role == "prigozhin-baseline":
        signals = ("prigozhin",)
    elif slot.role == "environment":
        signals = ("environment",)
    elif slot.role == "syndicated-original":
        signals = ("syndicated-original",)
    elif slot.role == "seed-part-one":
        signals = ("seed-part-one",)

    return DemoArticle(
        source=outlet.source,
        number=number,
        url=outlet.base_url + path,
        path=path,
        slug=slug,
        title=title,
        headline=draft.title,
        subtitle=subtitle,
        dek=draft.dek if outlet is not JAMESTOWN else paragraphs[0].text,
        authors=tuple(writer.name for writer in authors),
        author_bios=tuple(writer.bio for writer in authors),
        section=outlet.section_for(topic.key),
        tags=_tags(draft, topic, country, slot.role),
        topic=topic.key,
        iptc=topic.iptc,
        country=country,
        published_at=slot.published_at,
        modified_at=_modified(rng, slot),
        paragraphs=paragraphs,
        entities=draft.entities,
        series=series,
        part=part,
        volume=volume,
        issue=issue,
        image_url=image_url,
        image_caption=image_caption,
        signals=signals,
    )


def _syndicated_copy(slot: _Slot, original: DemoArticle, number: int) -> DemoArticle:
    slug = original.slug
    path = _path_for(slot, slug, number)
    return DemoArticle(
        source=STEPPE.source,
        number=number,
        url=STEPPE.base_url + path,
        path=path,
        slug=slug,
        title=original.title,
        headline=original.headline,
        subtitle=None,
        dek=original.dek,
        authors=original.authors,
        author_bios=(),
        section=STEPPE.section_for(original.topic),
        tags=original.tags,
        topic=original.topic,
        iptc=original.iptc,
        country=original.country,
        published_at=slot.published_at,
        modified_at=slot.published_at,
        paragraphs=original.paragraphs,
        entities=original.entities,
        syndicated_from=original.url,
        signals=("syndicated-copy",),
    )


def _ground_truth(articles: Sequence[DemoArticle]) -> GroundTruth:
    prigozhin = [a for a in articles if "prigozhin" in a.signals]
    weeks: dict[str, int] = {}
    for article in prigozhin:
        week = iso_week(article.published_at)
        weeks[week] = weeks.get(week, 0) + 1
    environment = [a for a in articles if "environment" in a.signals]
    months = dict.fromkeys(MONTH_KEYS, 0)
    for article in environment:
        months[month_key(article.published_at)] += 1
    original = next(a for a in articles if "syndicated-original" in a.signals)
    copy = next(a for a in articles if "syndicated-copy" in a.signals)
    series: dict[str, list[str]] = {}
    for article in articles:
        if article.series:
            series.setdefault(article.series, []).append(article.url)
    return GroundTruth(
        prigozhin_urls=tuple(a.url for a in prigozhin),
        prigozhin_spike_urls=tuple(a.url for a in prigozhin if "prigozhin-spike" in a.signals),
        prigozhin_by_week=tuple(sorted(weeks.items())),
        environment_urls=tuple(a.url for a in environment),
        environment_by_month=tuple(months.items()),
        syndicated_original_url=original.url,
        syndicated_copy_url=copy.url,
        seed_url=JAMESTOWN.base_url + SEED_PATH,
        seed_part_one_url=JAMESTOWN.base_url + PART_ONE_PATH,
        series=tuple((title, tuple(urls)) for title, urls in series.items()),
    )
