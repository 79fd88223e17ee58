"""The three fictional outlets of the demo newsroom: names, hosts, rosters and house styles.

Everything here is fixed data. The outlets differ on purpose (date conventions, time zones,
spellings of names, quote and dash styles) so that the pipeline meets the variety of the real web.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, timedelta, timezone


@dataclass(frozen=True, slots=True)
class Writer:
    """A member of an outlet's fixed roster of authors.

    ``beats`` lists the countries the writer usually covers; ``bio`` is the one-line affiliation
    printed under the article (only the Jamestown-like outlet shows it).
    """

    name: str
    bio: str
    beats: tuple[str, ...] = ()

    @property
    def slug(self) -> str:
        return self.name.lower().replace(" ", "-")


@dataclass(frozen=True, slots=True)
class Outlet:
    """One fictional outlet: identity, discovery style and house style.

    Attributes:
        source: mediamon source name, e.g. ``"demo-caspian"``.
        host: virtual host name under the reserved ``.test`` TLD.
        site_name: the name the outlet gives itself.
        tz: the fixed time zone every publication time of the outlet is expressed in.
        date_order: the outlet's convention for visible numeric dates ("DMY" or "MDY").
        curly_quotes: write quotations with “ ” instead of straight quotes.
        dash: how an em dash in a template is written ("—", " — " or " – ").
        cite_rate: probability that a citation slot becomes a "(TASS, June 23)" citation.
        link_rate: probability that a link marker becomes an inline link.
        sections: section name per topic.
        writers: the fixed roster of authors.
        country_weights: how often each country is an article's main subject.
    """

    source: str
    host: str
    site_name: str
    tz: timezone
    date_order: str
    curly_quotes: bool
    dash: str
    cite_rate: float
    link_rate: float
    sections: tuple[tuple[str, str], ...]
    writers: tuple[Writer, ...]
    country_weights: tuple[tuple[str, int], ...]

    @property
    def base_url(self) -> str:
        return f"http://{self.host}"

    def section_for(self, topic: str) -> str:
        """Return the outlet's section name for a topic key (see ``demo.vocabulary.TOPICS``)."""
        return dict(self.sections)[topic]


BAKU = timezone(timedelta(hours=4))

JAMESTOWN = Outlet(
    source="demo-jamestown",
    host="jamestown.test",
    site_name="The Jamestown Foundation",
    tz=UTC,
    date_order="DMY",
    curly_quotes=False,
    dash="—",
    cite_rate=0.6,
    link_rate=0.75,
    sections=(
        ("politics", "Domestic/Foreign Policy"),
        ("military", "Military/Security"),
        ("economy", "Economy"),
        ("environment", "Environment"),
        ("society", "Society"),
        ("elections", "Elections"),
    ),
    writers=(
        Writer(
            "Yauheni Preiherman",
            "Director, Minsk Dialogue Council on International Relations",
            ("Belarus",),
        ),
        Writer(
            "Daniel Whitcombe",
            "Senior Fellow in Eurasian Studies, The Jamestown Foundation",
            ("Russia", "Ukraine"),
        ),
        Writer("Irina Vetrova", "Independent analyst based in Vilnius", ("Russia", "Estonia", "Latvia", "Lithuania")),
        Writer(
            "Aliya Sarsenova",
            "Research Associate, Central Asia Program",
            ("Kazakhstan", "Uzbekistan", "Kyrgyzstan", "Tajikistan", "Turkmenistan"),
        ),
        Writer("Thomas Brennan", "Nonresident Fellow, The Jamestown Foundation", ("Russia", "Moldova", "Georgia")),
        Writer("Oksana Hrytsenko", "Kyiv-based security analyst", ("Ukraine", "Moldova")),
        Writer("Ramil Guliyev", "Baku-based political analyst", ("Azerbaijan", "Armenia", "Georgia")),
    ),
    country_weights=(
        ("Russia", 22), ("Belarus", 12), ("Ukraine", 14), ("Kazakhstan", 8), ("Uzbekistan", 4),
        ("Kyrgyzstan", 3), ("Tajikistan", 3), ("Turkmenistan", 2), ("Georgia", 6), ("Armenia", 6),
        ("Azerbaijan", 6), ("Moldova", 5), ("Estonia", 3), ("Latvia", 3), ("Lithuania", 3),
    ),
)

CASPIAN = Outlet(
    source="demo-caspian",
    host="caspian-courier.test",
    site_name="Caspian Courier",
    tz=BAKU,
    date_order="MDY",
    curly_quotes=True,
    dash=" — ",
    cite_rate=0.3,
    link_rate=0.45,
    sections=(
        ("politics", "Politics"),
        ("military", "Conflict"),
        ("economy", "Economy"),
        ("environment", "Environment"),
        ("society", "Society"),
        ("elections", "Elections"),
    ),
    writers=(
        Writer("Leyla Mammadova", "Caspian Courier", ("Azerbaijan", "Georgia")),
        Writer("Farid Huseynov", "Caspian Courier", ("Azerbaijan", "Armenia", "Turkmenistan")),
        Writer("Nino Kapanadze", "Caspian Courier", ("Georgia", "Armenia")),
        Writer("Arman Sarsenbayev", "Caspian Courier", ("Kazakhstan", "Uzbekistan", "Kyrgyzstan")),
        Writer("Olga Petrenko", "Caspian Courier", ("Ukraine", "Russia", "Moldova", "Belarus")),
        Writer("James Whitmore", "Caspian Courier", ("Russia", "Estonia", "Latvia", "Lithuania")),
        Writer("Aida Karimova", "Caspian Courier", ("Tajikistan", "Uzbekistan", "Turkmenistan")),
        Writer("Davit Grigoryan", "Caspian Courier", ("Armenia",)),
    ),
    country_weights=(
        ("Azerbaijan", 14), ("Kazakhstan", 12), ("Russia", 12), ("Georgia", 9), ("Armenia", 9),
        ("Turkmenistan", 6), ("Ukraine", 8), ("Uzbekistan", 6), ("Belarus", 4), ("Kyrgyzstan", 4),
        ("Tajikistan", 4), ("Moldova", 3), ("Estonia", 2), ("Latvia", 2), ("Lithuania", 2),
    ),
)

STEPPE = Outlet(
    source="demo-steppe",
    host="steppe-ledger.test",
    site_name="Steppe Ledger",
    tz=UTC,
    date_order="MDY",
    curly_quotes=False,
    dash=" – ",
    cite_rate=0.15,
    link_rate=0.3,
    sections=(
        ("politics", "Politics"),
        ("military", "Security"),
        ("economy", "Business"),
        ("environment", "Climate"),
        ("society", "Society"),
        ("elections", "Elections"),
    ),
    writers=(
        Writer("Timur Akhmetov", "Steppe Ledger", ("Kazakhstan", "Russia")),
        Writer("Dana Seitkali", "Steppe Ledger", ("Kazakhstan", "Kyrgyzstan")),
        Writer("Ruslan Abenov", "Steppe Ledger", ("Kazakhstan", "Uzbekistan", "Turkmenistan")),
        Writer("Madina Utepova", "Steppe Ledger", ("Uzbekistan", "Tajikistan")),
        Writer("Sergei Volkov", "Steppe Ledger", ("Russia", "Belarus", "Ukraine")),
        Writer("Gulnara Ismailova", "Steppe Ledger", ("Kyrgyzstan", "Tajikistan", "Azerbaijan")),
    ),
    country_weights=(
        ("Kazakhstan", 30), ("Uzbekistan", 12), ("Kyrgyzstan", 10), ("Tajikistan", 7),
        ("Turkmenistan", 6), ("Russia", 12), ("Belarus", 3), ("Ukraine", 5), ("Azerbaijan", 5),
        ("Georgia", 3), ("Armenia", 3), ("Moldova", 1), ("Estonia", 1), ("Latvia", 1), ("Lithuania", 1),
    ),
)

OUTLETS: tuple[Outlet, ...] = (JAMESTOWN, CASPIAN, STEPPE)
OUTLET_BY_SOURCE: dict[str, Outlet] = {outlet.source: outlet for outlet in OUTLETS}
OUTLET_BY_HOST: dict[str, Outlet] = {outlet.host: outlet for outlet in OUTLETS}
