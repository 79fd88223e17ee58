"""The template engine that writes one article's prose (see ``demo.vocabulary`` for the language).

``ArticleWriter`` holds everything one article needs to stay coherent: its outlet, date, main and
partner country, the people and organisations already introduced (first mention in full, later
mentions shortened), its expert, and the random generator it draws from. It never reads the clock.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from demo.outlets import JAMESTOWN, Outlet
from demo.vocabulary import (
    EXPERT_NAMES,
    EXPERT_ROLES,
    INTERVIEW_QUOTE_FRAMES,
    OFFICIAL_QUOTE_FRAMES,
    ORGANISATIONS,
    PEOPLE,
    QUOTE_FRAMES,
    SELF_QUOTE_FRAMES,
    Country,
    Election,
    Person,
    Template,
)

CHOICE_RE = re.compile(r"<([^<>]*)>")
SLOT_RE = re.compile(r"\{(\w+)\}")
LINK_MARKER_RE = re.compile(r"\[\[(.+?)\]\]")
# A resolved link inside a sentence: \x00text\x01href\x02 (control characters never occur in prose).
RESOLVED_LINK_RE = re.compile(r"\x00(.*?)\x01(.*?)\x02")
T = TypeVar("T")

NON_SLUG_RE = re.compile(r"[^a-z0-9]+")
APOSTROPHE_RE = re.compile(r"['’]")

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
COUNT_WORDS = ("", "", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven")

MIN_WORDS = 200
MAX_WORDS = 450
MIN_PARAGRAPHS = 4
MAX_PARAGRAPHS = 10
# Slots a title may use: titles never introduce anyone, so they have no first-mention state.
TITLE_SLOTS = frozenset({
    "country", "country2", "adj", "adj2", "capital", "capital2", "city", "leader_surname",
    "leader2_surname", "org_tag", "bn", "ename_title",
})


@dataclass(frozen=True, slots=True)
class Span:
    """A run of paragraph text; ``href`` is set when the run is the text of an inline link."""

    text: str
    href: str | None = None


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph: ``kind`` is "lead" (italic summary), "series-link" or "body"."""

    spans: tuple[Span, ...]
    kind: str = "body"

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True, slots=True)
class EarlierStory:
    """An article the outlet published before the one being written (target of internal links)."""

    url: str
    day: date


@dataclass(frozen=True, slots=True)
class Draft:
    """What ``ArticleWriter.write`` produces."""

    title: str
    dek: str
    paragraphs: tuple[Paragraph, ...]
    entities: tuple[str, ...]
    org_tags: tuple[str, ...]


def slugify(text: str) -> str:
    """Return a lowercase ASCII slug: diacritics dropped, apostrophes removed, other runs → "-"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return NON_SLUG_RE.sub("-", APOSTROPHE_RE.sub("", ascii_text.lower())).strip("-")


def format_day(day: date, *, relative_to: date | None = None) -> str:
    """Return "June 23", adding the year when it differs from ``relative_to``'s year."""
    text = f"{MONTHS[day.month - 1]} {day.day}"
    if relative_to is not None and relative_to.year != day.year:
        text += f", {day.year}"
    return text


def spans_from_text(text: str) -> tuple[Span, ...]:
    """Split text with resolved link markers into plain and link spans."""
    spans: list[Span] = []
    position = 0
    for match in RESOLVED_LINK_RE.finditer(text):
        if match.start() > position:
            spans.append(Span(text[position:match.start()]))
        spans.append(Span(match.group(1), match.group(2)))
        position = match.end()
    if position < len(text):
        spans.append(Span(text[position:]))
    return tuple(spans)


class ArticleWriter:
    """Writes the title, dek and paragraphs of one article from templates.

    Args:
        rng: the corpus generator; the writer draws from it in a fixed order.
        outlet: whose house style (quotes, dashes, citation and link habits) to follow.
        day: the publication date; relative dates ("on Tuesday", "in May") are computed from it.
        country: the main country; ``partner`` the secondary one (may be outside the region).
        earlier: the outlet's earlier stories, newest last, for internal links and "(see EDM, ...)".
        election: the election an elections article is about.
    """

    def __init__(
        self,
        rng: random.Random,
        outlet: Outlet,
        day: date,
        country: Country,
        partner: Country,
        *,
        earlier: Sequence[EarlierStory] = (),
        election: Election | None = None,
    ) -> None:
        self.rng = rng
        self.outlet = outlet
        self.day = day
        self.country = country
        self.partner = partner
        self.earlier = earlier
        self.election = election
        self.city = rng.choice(country.cities)
        orgs = list(country.orgs) or ["eu"]
        rng.shuffle(orgs)
        self.org = orgs[0]
        self.org2 = orgs[1] if len(orgs) > 1 else orgs[0]
        firsts, surnames = rng.choice(EXPERT_NAMES.get(country.region, EXPERT_NAMES["Eastern Europe"]))
        self.expert_name = f"{rng.choice(firsts)} {rng.choice(surnames)}"
        # Citations never predate the event the sentence reports (the template's ``since``).
        self._cite_floor: date | None = None
        self._cite_allowed = True
        self.expert_role = self._resolve_choices(rng.choice(EXPERT_ROLES)).replace("{city}", self.city)
        self._introduced: set[str] = set()
        self._entities: list[str] = []
        self._org_tags: list[str] = []
        self._links_made = 0

    # ---------------------------------------------------------------- public

    def write(
        self,
        *,
        titles: Sequence[Template],
        deks: Sequence[Template],
        leads: Sequence[Template],
        sentences: Sequence[Template],
        generic: Sequence[Template],
        quotes: Sequence[str],
        official_quotes: Sequence[str],
        closings: Sequence[Template],
        forced: Sequence[Template] = (),
        forced_in_lead: bool = False,
        taken_titles: frozenset[str] = frozenset(),
    ) -> Draft:
        """Write one article.

        ``forced`` sentences open consecutive body paragraphs (the first one opens the lead when
        ``forced_in_lead``); they are how the planted Prigozhin mentions get in. Returns a draft of
        4-10 paragraphs and 200-450 words; if a composition falls outside those bounds it is redrawn.
        """
        title = self._title(titles, taken_titles)
        dek = self._finish(self._pick_sentence(deks) or "")
        snapshot = (set(self._introduced), list(self._entities), list(self._org_tags))
        for _ in range(20):
            self._introduced = set(snapshot[0])
            self._entities = list(snapshot[1])
            self._org_tags = list(snapshot[2])
            self._links_made = 0
            paragraphs = self._compose(
                leads, sentences, generic, quotes, official_quotes, closings, forced, forced_in_lead, dek
            )
            words = sum(len(paragraph.text.split()) for paragraph in paragraphs)
            if MIN_PARAGRAPHS <= len(paragraphs) <= MAX_PARAGRAPHS and MIN_WORDS <= words <= MAX_WORDS:
                break
        return Draft(title, dek, paragraphs, tuple(self._entities), tuple(self._org_tags))

    # ---------------------------------------------------------------- composition

    def _compose(
        self,
        leads: Sequence[Template],
        sentences: Sequence[Template],
        generic: Sequence[Template],
        quotes: Sequence[str],
        official_quotes: Sequence[str],
        closings: Sequence[Template],
        forced: Sequence[Template],
        forced_in_lead: bool,
        dek: str,
    ) -> tuple[Paragraph, ...]:
        rng = self.rng
        pending_forced = list(forced)
        topic_pool = [t for t in sentences if t.fits(self.country.name, self.day)]
        generic_pool = [t for t in generic if t.fits(self.country.name, self.day)]
        quote_budget = 2
        official_budget = 1 if rng.random() < 0.4 else 0
        quote_pool = list(quotes)
        target = rng.randint(MIN_WORDS + 20, MAX_WORDS - 60)
        sentences_per_paragraph = {
            "demo-jamestown": (2, 2, 3, 3, 4),
            "demo-caspian": (1, 2, 2, 3, 3),
            "demo-steppe": (2, 2, 2, 3),
        }.get(self.outlet.source, (2, 3))

        lead_sentences: list[str | None] = []
        # The Jamestown italic lead is a summary: the opening sentence and the dek, uncited.
        self._cite_allowed = self.outlet.source != JAMESTOWN.source
        if forced_in_lead and pending_forced:
            lead_sentences.append(self._required(pending_forced.pop(0)))
        else:
            lead_sentences.append(self._pick_sentence(leads) or self._pick_from(topic_pool))
        self._cite_allowed = True
        if self.outlet.source == JAMESTOWN.source:
            if dek:
                lead_sentences.append(dek)
            paragraphs = [self._paragraph(lead_sentences, "lead")]
        else:
            lead_sentences.append(self._pick_from(topic_pool) or self._pick_from(generic_pool))
            paragraphs = [self._paragraph(lead_sentences)]
        words = len(paragraphs[0].text.split())

        while len(paragraphs) < MAX_PARAGRAPHS - 1:
            parts: list[str] = []
            if pending_forced:
                parts.append(self._required(pending_forced.pop(0)))
            for _ in range(rng.choice(sentences_per_paragraph) - len(parts)):
                roll = rng.random()
                sentence = None
                if roll < 0.12 and official_budget:
                    sentence = self._quote(official_quotes, OFFICIAL_QUOTE_FRAMES)
                    official_budget -= 1
                elif roll < 0.24 and quote_budget:
                    sentence = self._quote(quote_pool, self._quote_frames(), consume=True)
                    quote_budget -= 1
                elif roll < 0.38:
                    sentence = self._pick_from(generic_pool)
                sentence = sentence or self._pick_from(topic_pool) or self._pick_from(generic_pool)
                if sentence:
                    parts.append(sentence)
            if not parts:
                break
            paragraph = self._paragraph(parts)
            size = len(paragraph.text.split())
            if words + size > MAX_WORDS - 45 and len(paragraphs) >= MIN_PARAGRAPHS - 1 and not pending_forced:
                break
            paragraphs.append(paragraph)
            words += size
            if words >= target and len(paragraphs) >= MIN_PARAGRAPHS - 1 and not pending_forced:
                break
        closing = self._pick_sentence(closings)
        if closing:
            paragraphs.append(self._paragraph([closing]))
        return tuple(paragraphs)

    def _quote_frames(self) -> tuple[str, ...]:
        if self.outlet.source == JAMESTOWN.source:
            return QUOTE_FRAMES + INTERVIEW_QUOTE_FRAMES
        return QUOTE_FRAMES + SELF_QUOTE_FRAMES

    def _quote(self, bodies: list[str] | Sequence[str], frames: Sequence[str], *, consume: bool = False) -> str | None:
        """Render one quotation; with ``consume`` the body is taken out of ``bodies`` (no repeats)."""
        if not bodies:
            return None
        frames = [f for f in frames if "{expert_short}" not in f or "expert" in self._introduced]
        frame = self.rng.choice(frames)
        body = self._draw(bodies) if consume and isinstance(bodies, list) else self.rng.choice(bodies)
        return self._render(frame.replace("{quote}", body))

    def _paragraph(self, sentences: Sequence[str | None], kind: str = "body") -> Paragraph:
        text = " ".join(self._finish(sentence) for sentence in sentences if sentence)
        return Paragraph(spans_from_text(text), kind)

    def _draw(self, pool: list[T]) -> T:
        """Remove and return a random element of ``pool`` (cheaper than shuffling the whole pool)."""
        index = self.rng.randrange(len(pool))
        pool[index], pool[-1] = pool[-1], pool[index]
        return pool.pop()

    def _pick_from(self, pool: list[Template]) -> str | None:
        """Pop templates from ``pool`` until one renders; None when the pool is exhausted."""
        while pool:
            template = self._draw(pool)
            text = self._render(template.text, template.since)
            if text is not None:
                return text
        return None

    def _pick_sentence(self, templates: Sequence[Template]) -> str | None:
        return self._pick_from([t for t in templates if t.fits(self.country.name, self.day)])

    def _required(self, template: Template) -> str:
        text = self._render(template.text, template.since)
        if text is None:
            raise ValueError(f"forced template cannot be rendered: {template.text!r}")
        return text

    def _title(self, titles: Sequence[Template], taken: frozenset[str]) -> str:
        pool = [t for t in titles if t.fits(self.country.name, self.day)]
        fallback = None
        while pool:
            template = self._draw(pool)
            title = self._render_title(template.text)
            if title is None:
                continue
            if title not in taken:
                return title
            fallback = fallback or title
        return fallback or f"{self.country.name}: {MONTHS[self.day.month - 1]} {self.day.year} Review"

    # ---------------------------------------------------------------- template resolution

    def _resolve_choices(self, text: str) -> str:
        return CHOICE_RE.sub(lambda match: self.rng.choice(match.group(1).split("|")), text)

    def _render_title(self, text: str) -> str | None:
        text = self._resolve_choices(text)
        values: dict[str, str] = {}
        for name in SLOT_RE.findall(text):
            value = self._title_slot(name)
            if value is None:
                return None
            values[name] = value
        return " ".join(SLOT_RE.sub(lambda match: values[match.group(1)], text).split())

    def _title_slot(self, name: str) -> str | None:
        if name not in TITLE_SLOTS:
            return None
        if name == "leader_surname":
            leader = self._leader(self.country)
            return leader.spelling(self.outlet.source)[1] if leader else None
        if name == "leader2_surname":
            leader = self._leader(self.partner)
            return leader.spelling(self.outlet.source)[1] if leader else None
        if name == "org_tag":
            return ORGANISATIONS[self.org].tag
        if name == "bn":
            return self._slot_bn().replace("billion", "Billion")
        if name == "ename_title":
            return self.election.title if self.election else None
        if name in ("country", "country2"):
            return (self.country if name == "country" else self.partner).name
        value: str | None = getattr(self, f"_slot_{name}")()
        return value

    def _render(self, text: str, since: date | None = None) -> str | None:
        """Resolve one sentence template, or return None when a slot does not apply to this article.

        ``since`` is the date of the event the sentence reports: citations are not dated earlier.
        """
        self._cite_floor = since
        if self.election is not None:
            text = text.replace("{election_context}", self.election.context)
        elif "{election_context}" in text:
            return None
        if "<" in text:
            text = self._resolve_choices(text)
        if "{" in text:
            if not all(self._available(name) for name in SLOT_RE.findall(text)):
                return None
            text = SLOT_RE.sub(lambda match: self._slot(match.group(1)), text)
        if "[[" in text:
            text = LINK_MARKER_RE.sub(lambda match: self._link(match.group(1)), text)
        return text

    def _available(self, name: str) -> bool:
        if name in ("leader", "leader2"):
            return self._leader(self.country if name == "leader" else self.partner) is not None
        if name in ("ename", "edate"):
            return self.election is not None
        if name == "expert_short":
            return "expert" in self._introduced
        if name.endswith("_name"):
            name = name[: -len("_name")]
        return name in PEOPLE or name in ORGANISATIONS or hasattr(self, f"_slot_{name}")

    def _slot(self, name: str) -> str:
        method = getattr(self, f"_slot_{name}", None)
        if method is not None:
            value = method()
        elif name.endswith("_name") and name[: -len("_name")] in PEOPLE:
            value = self._person_mention(PEOPLE[name[: -len("_name")]], with_role=False)
        elif name in PEOPLE:
            value = self._person_mention(PEOPLE[name])
        else:
            value = self._org_mention(name)
        return value or ""

    def _finish(self, sentence: str) -> str:
        """Apply the outlet's quote and dash style and capitalise the first letter."""
        if not self.outlet.curly_quotes:
            sentence = sentence.replace("“", '"').replace("”", '"')
        sentence = sentence.replace("—", self.outlet.dash)
        if sentence and sentence[0].islower():
            sentence = sentence[0].upper() + sentence[1:]
        return sentence

    # ---------------------------------------------------------------- mentions

    def _leader(self, country: Country) -> Person | None:
        for key in country.leaders:
            person = PEOPLE[key]
            if person.since is not None and self.day < person.since:
                continue
            if person.until is not None and self.day > person.until:
                continue
            return person
        return None

    def _leader_mention(self, country: Country) -> str | None:
        leader = self._leader(country)
        return self._person_mention(leader) if leader else None

    def _person_mention(self, person: Person, *, with_role: bool = True) -> str:
        full, surname = person.spelling(self.outlet.source)
        if person.key in self._introduced:
            return surname
        self._introduced.add(person.key)
        self._note_entity(person.name)
        return f"{person.role} {full}" if with_role else full

    def _org_mention(self, key: str) -> str:
        org = ORGANISATIONS[key]
        if org.tag not in self._org_tags:
            self._org_tags.append(org.tag)
        if key in self._introduced:
            return org.later
        self._introduced.add(key)
        self._note_entity(org.name)
        return org.first

    def _country_mention(self, country: Country) -> str:
        self._note_entity(country.name)
        return country.name

    def _expert_mention(self) -> str:
        if "expert" in self._introduced:
            return self.expert_name.split()[-1]
        self._introduced.add("expert")
        return f"{self.expert_name}, {self.expert_role}"

    def _note_entity(self, name: str) -> None:
        if name not in self._entities:
            self._entities.append(name)

    # ---------------------------------------------------------------- dates, citations, links

    def _period(self) -> str:
        elapsed = self.day.month - 1
        if self.day.month == 12:
            return f"the first {COUNT_WORDS[11]} months of {self.day.year}"
        if elapsed == 0:
            return str(self.day.year - 1)
        if elapsed == 1:
            return f"January {self.day.year}"
        return f"the first {COUNT_WORDS[elapsed]} months of {self.day.year}"

    def _interview_month(self) -> str:
        earlier = self.day - timedelta(days=self.rng.randint(20, 70))
        return f"{MONTHS[earlier.month - 1]} {earlier.year}"

    def _citation(self) -> str:
        rng = self.rng
        if rng.random() >= self.outlet.cite_rate or not self._cite_allowed:
            return ""
        if self.outlet.source == JAMESTOWN.source and self.earlier and rng.random() < 0.2:
            story = rng.choice(self.earlier[-60:])
            return f" (see \x00EDM\x01{story.url}\x02, {format_day(story.day, relative_to=self.day)})"
        parts = [self._agency_citation()]
        if self.outlet.source == JAMESTOWN.source and rng.random() < 0.2:
            parts.append(self._agency_citation())
        return f" ({'; '.join(parts)})"

    def _agency_citation(self) -> str:
        country = self.partner if self.rng.random() < 0.15 else self.country
        agency = self.rng.choice(country.agencies)
        back = self.rng.randint(0, 12)
        if self._cite_floor is not None:
            back = min(back, max(0, (self.day - self._cite_floor).days))
        cited = self.day - timedelta(days=back)
        return f"{agency}, {format_day(cited, relative_to=self.day)}"

    def _link(self, text: str) -> str:
        rng = self.rng
        first = self._links_made == 0 and self.outlet.link_rate >= 0.4
        if not first and rng.random() >= self.outlet.link_rate:
            return text
        self._links_made += 1
        if self.earlier and rng.random() < 0.25:
            href = rng.choice(self.earlier[-200:]).url
        else:
            source = self.partner if rng.random() < 0.15 and self.partner.link_patterns else self.country
            pattern = rng.choice(source.link_patterns)
            when = self.day - timedelta(days=rng.randint(0, 20))
            slug = slugify(f"{source.name} {text} {rng.choice(SLUG_WORDS)}")
            href = pattern.format(
                slug=slug,
                n=rng.randint(10_000, 999_999),
                yyyy=f"{when.year:04d}",
                mm=f"{when.month:02d}",
                dd=f"{when.day:02d}",
            )
        return f"\x00{text}\x01{href}\x02"


    # ---------------------------------------------------------------- slots (``{name}`` → _slot_name)

    def _slot_country(self) -> str:
        return self._country_mention(self.country)

    def _slot_country2(self) -> str:
        return self._country_mention(self.partner)

    def _slot_adj(self) -> str:
        return self.country.adjective

    def _slot_adj2(self) -> str:
        return self.partner.adjective

    def _slot_capital(self) -> str:
        return self.country.capital

    def _slot_capital2(self) -> str:
        return self.partner.capital

    def _slot_city(self) -> str:
        return self.city

    def _slot_region(self) -> str:
        return self.country.region

    def _slot_currency(self) -> str:
        return self.country.currency

    def _slot_leader(self) -> str | None:
        return self._leader_mention(self.country)

    def _slot_leader2(self) -> str | None:
        return self._leader_mention(self.partner)

    def _slot_org(self) -> str:
        return self._org_mention(self.org)

    def _slot_org2(self) -> str:
        return self._org_mention(self.org2)

    def _slot_cite(self) -> str:
        return self._citation()

    def _slot_weekday(self) -> str:
        return WEEKDAYS[(self.day - timedelta(days=self.rng.randint(1, 3))).weekday()]

    def _slot_prev_month(self) -> str:
        return MONTHS[(self.day.month - 2) % 12]

    def _slot_period(self) -> str:
        return self._period()

    def _slot_pct(self) -> str:
        return str(self.rng.randint(5, 45))

    def _slot_pct_small(self) -> str:
        return str(self.rng.randint(2, 9))

    def _slot_pct_big(self) -> str:
        return str(self.rng.randint(20, 35))

    def _slot_growth(self) -> str:
        return f"{self.rng.randint(2, 6)}.{self.rng.randint(0, 9)}"

    def _slot_digit(self) -> str:
        return str(self.rng.randint(0, 9))

    def _slot_bn(self) -> str:
        return f"${self.rng.randint(1, 9)}.{self.rng.randint(1, 9)} billion"

    def _slot_num_thousand(self) -> str:
        return f"{self.rng.randint(3, 40)},000"

    def _slot_num_small(self) -> str:
        return str(self.rng.randint(4, 9))

    def _slot_turnout(self) -> str:
        return str(self.rng.randint(38, 79))

    def _slot_expert(self) -> str:
        return self._expert_mention()

    def _slot_expert_short(self) -> str | None:
        return self.expert_name.split()[-1] if "expert" in self._introduced else None

    def _slot_self(self) -> str:
        return f"the {self.outlet.site_name}"

    def _slot_interview_month(self) -> str:
        return self._interview_month()

    def _slot_ename(self) -> str | None:
        return f"the {self.election.name}" if self.election else None

    def _slot_edate(self) -> str | None:
        return format_day(self.election.day, relative_to=self.day) if self.election else None


SLUG_WORDS = (
    "talks", "meeting", "cooperation", "statement", "visit", "agreement", "security", "trade",
    "energy", "investment", "forum", "summit", "briefing", "report", "decree",
)
