"""Words the demo corpus is written from: countries, people, organisations and sentence templates.

Template mini-language (resolved by ``demo.prose``):

- ``{slot}`` is filled from the article being written (``{country}``, ``{leader}``, ``{cite}``...)
  or names a person or organisation by key (``{putin}``, ``{csto}``). People and organisations
  are written in full at their first mention in an article and shortened afterwards.
- ``<a|b|c>`` picks one alternative at random.
- ``[[text]]`` may become an inline link (to an official site, a news agency or an earlier story).
- ``“ ”`` and ``—`` are rewritten to each outlet's quote and dash style.

A template can be limited to some main countries (``only``), exclude some (``exclude``), and to a
date window (``since``/``until``) so that the corpus never mentions an event before it happened.
The people and events are real; every article, quote, figure and expert in the corpus is invented.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Person:
    """A real public figure the corpus mentions.

    ``variants`` holds per-outlet spellings as ``(source, full name, surname)``; the outlets
    disagree on purpose (Lukashenka/Lukashenko) so that entity resolution has work to do.
    """

    key: str
    name: str
    surname: str
    role: str
    variants: tuple[tuple[str, str, str], ...] = ()
    since: date | None = None
    until: date | None = None

    def spelling(self, source: str) -> tuple[str, str]:
        """Return ``(full name, surname)`` as written by the outlet ``source``."""
        for variant_source, full, surname in self.variants:
            if variant_source == source:
                return full, surname
        return self.name, self.surname


@dataclass(frozen=True, slots=True)
class Organisation:
    """An organisation: ``first`` is its first mention in an article, ``later`` the short form."""

    key: str
    name: str
    first: str
    later: str
    tag: str


@dataclass(frozen=True, slots=True)
class Country:
    """A country the corpus writes about (``leaders`` are Person keys, by date)."""

    name: str
    adjective: str
    capital: str
    region: str
    cities: tuple[str, ...]
    agencies: tuple[str, ...]
    link_patterns: tuple[str, ...]
    partners: tuple[str, ...]
    orgs: tuple[str, ...]
    leaders: tuple[str, ...]
    currency: str


@dataclass(frozen=True, slots=True)
class Template:
    """One sentence (or title) template and where it may be used."""

    text: str
    only: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None

    def fits(self, country: str, day: date) -> bool:
        """Return True when the template may be used for an article about ``country`` on ``day``."""
        if self.only and country not in self.only:
            return False
        if country in self.exclude:
            return False
        if self.since is not None and day < self.since:
            return False
        return self.until is None or day <= self.until


@dataclass(frozen=True, slots=True)
class Topic:
    """A topic: its IPTC Media Topic codes and the templates articles about it are written from."""

    key: str
    label: str
    iptc: tuple[str, ...]
    titles: tuple[Template, ...]
    deks: tuple[Template, ...]
    leads: tuple[Template, ...]
    sentences: tuple[Template, ...]
    quotes: tuple[str, ...]
    official_quotes: tuple[str, ...]
    closings: tuple[Template, ...]


@dataclass(frozen=True, slots=True)
class Election:
    """An election in (or just after) the corpus period; articles about it switch tense on ``day``."""

    country: str
    day: date
    name: str
    title: str
    context: str


def _t(
    text: str,
    only: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    since: str | None = None,
    until: str | None = None,
) -> Template:
    return Template(
        text,
        only,
        exclude,
        date.fromisoformat(since) if since else None,
        date.fromisoformat(until) if until else None,
    )


CENTRAL_ASIA = ("Kazakhstan", "Uzbekistan", "Kyrgyzstan", "Tajikistan", "Turkmenistan")
SOUTH_CAUCASUS = ("Georgia", "Armenia", "Azerbaijan")
BALTICS = ("Estonia", "Latvia", "Lithuania")
RELOCATION_HUBS = ("Georgia", "Armenia", "Kazakhstan", "Kyrgyzstan", "Uzbekistan")
CASPIAN_LITTORAL = ("Kazakhstan", "Azerbaijan", "Russia", "Turkmenistan")
EU_HOPEFULS = ("Ukraine", "Moldova", "Georgia")
WAR_PARTIES = ("Russia", "Ukraine")

PEOPLE: dict[str, Person] = {
    person.key: person
    for person in (
        Person(
            "lukashenka",
            "Alyaksandr Lukashenka",
            "Lukashenka",
            "Belarusian President",
            (
                ("demo-caspian", "Alexander Lukashenko", "Lukashenko"),
                ("demo-steppe", "Aleksandr Lukashenko", "Lukashenko"),
            ),
        ),
        Person("putin", "Vladimir Putin", "Putin", "Russian President"),
        Person(
            "zelensky",
            "Volodymyr Zelensky",
            "Zelensky",
            "Ukrainian President",
            (("demo-jamestown", "Volodymyr Zelenskyy", "Zelenskyy"),),
        ),
        Person(
            "tokayev",
            "Kassym-Jomart Tokayev",
            "Tokayev",
            "Kazakh President",
            (("demo-steppe", "Kassym-Jomart Tokaev", "Tokaev"),),
        ),
        Person("mirziyoyev", "Shavkat Mirziyoyev", "Mirziyoyev", "Uzbek President"),
        Person("japarov", "Sadyr Japarov", "Japarov", "Kyrgyz President"),
        Person("rahmon", "Emomali Rahmon", "Rahmon", "Tajik President"),
        Person("berdimuhamedov", "Serdar Berdimuhamedov", "Berdimuhamedov", "Turkmen President"),
        Person("garibashvili", "Irakli Garibashvili", "Garibashvili", "Georgian Prime Minister"),
        Person("pashinyan", "Nikol Pashinyan", "Pashinyan", "Armenian Prime Minister"),
        Person("aliyev", "Ilham Aliyev", "Aliyev", "Azerbaijani President"),
        Person("sandu", "Maia Sandu", "Sandu", "Moldovan President"),
        Person("kallas", "Kaja Kallas", "Kallas", "Estonian Prime Minister"),
        Person("karins", "Krišjānis Kariņš", "Kariņš", "Latvian Prime Minister", until=date(2023, 9, 14)),
        Person("silina", "Evika Siliņa", "Siliņa", "Latvian Prime Minister", since=date(2023, 9, 15)),
        Person("nauseda", "Gitanas Nausėda", "Nausėda", "Lithuanian President"),
        Person("lavrov", "Sergei Lavrov", "Lavrov", "Russian Foreign Minister"),
        Person("shoigu", "Sergei Shoigu", "Shoigu", "Russian Defense Minister"),
        Person("gerasimov", "Valery Gerasimov", "Gerasimov", "Chief of the Russian General Staff"),
        Person("peskov", "Dmitry Peskov", "Peskov", "Kremlin spokesman"),
        Person("kuleba", "Dmytro Kuleba", "Kuleba", "Ukrainian Foreign Minister"),
        Person("bayramov", "Jeyhun Bayramov", "Bayramov", "Azerbaijani Foreign Minister"),
        Person("mirzoyan", "Ararat Mirzoyan", "Mirzoyan", "Armenian Foreign Minister"),
        Person("stoltenberg", "Jens Stoltenberg", "Stoltenberg", "NATO Secretary General"),
        Person("von_der_leyen", "Ursula von der Leyen", "von der Leyen", "European Commission President"),
        Person("xi", "Xi Jinping", "Xi", "Chinese President"),
        Person("erdogan", "Recep Tayyip Erdoğan", "Erdoğan", "Turkish President"),
        Person(
            "tsikhanouskaya",
            "Sviatlana Tsikhanouskaya",
            "Tsikhanouskaya",
            "Belarusian opposition leader",
            (("demo-caspian", "Svetlana Tikhanovskaya", "Tikhanovskaya"),),
        ),
        Person("prigozhin", "Yevgeny Prigozhin", "Prigozhin", "Wagner Group founder"),
    )
}

ORGANISATIONS: dict[str, Organisation] = {
    org.key: org
    for org in (
        Organisation("nato", "NATO", "NATO", "NATO", "NATO"),
        Organisation("eu", "European Union", "the European Union", "the EU", "EU"),
        Organisation(
            "csto",
            "Collective Security Treaty Organization",
            "the Collective Security Treaty Organization (CSTO)",
            "the CSTO",
            "CSTO",
        ),
        Organisation("eaeu", "Eurasian Economic Union", "the Eurasian Economic Union (EAEU)", "the EAEU", "EAEU"),
        Organisation(
            "sco",
            "Shanghai Cooperation Organization",
            "the Shanghai Cooperation Organization (SCO)",
            "the SCO",
            "SCO",
        ),
        Organisation("gazprom", "Gazprom", "Gazprom", "Gazprom", "Gazprom"),
        Organisation("union_state", "Union State", "the Union State", "the Union State", "Union State"),
        Organisation("wagner", "Wagner Group", "the Wagner Group", "Wagner", "Wagner Group"),
        Organisation(
            "osce", "OSCE", "the Organization for Security and Co-operation in Europe (OSCE)", "the OSCE", "OSCE"
        ),
    )
}

COUNTRIES: dict[str, Country] = {
    country.name: country
    for country in (
        Country(
            "Belarus", "Belarusian", "Minsk", "Eastern Europe",
            ("Minsk", "Brest", "Grodno", "Gomel", "Vitebsk", "Mogilev"),
            ("BelTA", "Nasha Niva", "Zerkalo"),
            (
                "https://www.belta.by/president/view/{slug}-{n}-{yyyy}/",
                "https://president.gov.by/en/events/{slug}",
                "https://www.belta.by/economics/view/{slug}-{n}-{yyyy}/",
            ),
            ("Russia", "China", "Poland", "Lithuania", "Ukraine", "Kazakhstan"),
            ("union_state", "csto", "eaeu", "sco"),
            ("lukashenka",),
            "Belarusian ruble",
        ),
        Country(
            "Russia", "Russian", "Moscow", "Eastern Europe",
            ("Moscow", "St. Petersburg", "Kazan", "Novosibirsk", "Yekaterinburg", "Rostov-on-Don"),
            ("TASS", "RIA Novosti", "Interfax", "Kommersant", "Vedomosti", "RBC"),
            (
                "https://tass.com/politics/{n}",
                "http://kremlin.ru/events/president/news/{n}",
                "https://www.kommersant.ru/doc/{n}",
                "https://ria.ru/{yyyy}{mm}{dd}/{slug}-{n}.html",
            ),
            ("Belarus", "China", "Kazakhstan", "Turkey", "Iran", "India"),
            ("csto", "eaeu", "sco", "gazprom"),
            ("putin",),
            "ruble",
        ),
        Country(
            "Ukraine", "Ukrainian", "Kyiv", "Eastern Europe",
            ("Kyiv", "Kharkiv", "Odesa", "Lviv", "Dnipro", "Zaporizhzhia"),
            ("Ukrinform", "Ukrainska Pravda", "Interfax-Ukraine"),
            (
                "https://www.ukrinform.net/rubric-polytics/{n}-{slug}.html",
                "https://www.president.gov.ua/en/news/{slug}-{n}",
            ),
            ("Poland", "Moldova", "Turkey", "Germany", "Russia"),
            ("eu", "nato"),
            ("zelensky",),
            "hryvnia",
        ),
        Country(
            "Kazakhstan", "Kazakhstani", "Astana", "Central Asia",
            ("Astana", "Almaty", "Shymkent", "Aktau", "Atyrau", "Karaganda"),
            ("Kazinform", "Tengrinews", "Vlast.kz"),
            ("https://www.akorda.kz/en/{slug}-{n}", "https://www.inform.kz/en/{slug}_a{n}"),
            ("Russia", "China", "Uzbekistan", "Azerbaijan", "Turkey", "Kyrgyzstan"),
            ("eaeu", "csto", "sco"),
            ("tokayev",),
            "tenge",
        ),
        Country(
            "Uzbekistan", "Uzbekistani", "Tashkent", "Central Asia",
            ("Tashkent", "Samarkand", "Bukhara", "Nukus", "Andijan"),
            ("Kun.uz", "UzA", "Gazeta.uz"),
            ("https://president.uz/en/lists/view/{n}", "https://kun.uz/en/news/{yyyy}/{mm}/{dd}/{slug}"),
            ("Kazakhstan", "Russia", "China", "Tajikistan", "Turkey"),
            ("sco",),
            ("mirziyoyev",),
            "som",
        ),
        Country(
            "Kyrgyzstan", "Kyrgyzstani", "Bishkek", "Central Asia",
            ("Bishkek", "Osh", "Karakol", "Jalal-Abad"),
            ("24.kg", "Kaktus Media", "AKIpress"),
            ("https://24.kg/english/{n}_{slug}/",),
            ("Kazakhstan", "Russia", "China", "Tajikistan", "Uzbekistan"),
            ("eaeu", "csto", "sco"),
            ("japarov",),
            "som",
        ),
        Country(
            "Tajikistan", "Tajikistani", "Dushanbe", "Central Asia",
            ("Dushanbe", "Khujand", "Kulob", "Khorog"),
            ("Asia-Plus", "Khovar"),
            ("https://asiaplustj.info/en/news/tajikistan/politics/{yyyy}{mm}{dd}/{slug}",),
            ("Russia", "China", "Uzbekistan", "Kyrgyzstan", "Iran"),
            ("csto", "sco"),
            ("rahmon",),
            "somoni",
        ),
        Country(
            "Turkmenistan", "Turkmenistani", "Ashgabat", "Central Asia",
            ("Ashgabat", "Turkmenbashi", "Mary", "Turkmenabat"),
            ("TDH", "Turkmenportal"),
            ("https://tdh.gov.tm/en/post/{n}/{slug}",),
            ("China", "Azerbaijan", "Turkey", "Russia", "Iran", "Uzbekistan"),
            ("gazprom",),
            ("berdimuhamedov",),
            "manat",
        ),
        Country(
            "Georgia", "Georgian", "Tbilisi", "the South Caucasus",
            ("Tbilisi", "Batumi", "Kutaisi", "Poti", "Rustavi"),
            ("Civil.ge", "Interpressnews", "Netgazeti"),
            ("https://civil.ge/archives/{n}", "https://www.interpressnews.ge/en/article/{n}-{slug}/"),
            ("Azerbaijan", "Armenia", "Turkey", "Russia", "Ukraine"),
            ("eu", "nato"),
            ("garibashvili",),
            "lari",
        ),
        Country(
            "Armenia", "Armenian", "Yerevan", "the South Caucasus",
            ("Yerevan", "Gyumri", "Vanadzor", "Goris"),
            ("Armenpress", "News.am", "CivilNet"),
            (
                "https://www.primeminister.am/en/press-release/item/{yyyy}/{mm}/{dd}/{slug}/",
                "https://armenpress.am/eng/news/{n}.html",
            ),
            ("Russia", "Azerbaijan", "Georgia", "Iran", "India"),
            ("csto", "eaeu", "eu"),
            ("pashinyan",),
            "dram",
        ),
        Country(
            "Azerbaijan", "Azerbaijani", "Baku", "the South Caucasus",
            ("Baku", "Ganja", "Sumgait", "Lankaran"),
            ("APA", "Trend", "Report.az"),
            ("https://president.az/en/articles/view/{n}", "https://report.az/en/foreign-politics/{slug}/"),
            ("Turkey", "Georgia", "Kazakhstan", "Russia", "Armenia", "Turkmenistan"),
            ("eu", "osce"),
            ("aliyev",),
            "manat",
        ),
        Country(
            "Moldova", "Moldovan", "Chisinau", "Eastern Europe",
            ("Chisinau", "Balti", "Cahul", "Comrat"),
            ("Moldpres", "NewsMaker", "Ziarul de Gardă"),
            (
                "https://presedinte.md/eng/comunicate-de-presa/{slug}",
                "https://www.moldpres.md/en/news/{yyyy}/{mm}/{dd}/{n}",
            ),
            ("Ukraine", "Russia", "Poland", "Turkey"),
            ("eu",),
            ("sandu",),
            "leu",
        ),
        Country(
            "Estonia", "Estonian", "Tallinn", "the Baltic region",
            ("Tallinn", "Tartu", "Narva", "Pärnu"),
            ("ERR", "Postimees"),
            ("https://news.err.ee/{n}/{slug}",),
            ("Latvia", "Lithuania", "Russia", "Poland", "Germany"),
            ("nato", "eu"),
            ("kallas",),
            "euro",
        ),
        Country(
            "Latvia", "Latvian", "Riga", "the Baltic region",
            ("Riga", "Daugavpils", "Liepāja", "Jelgava"),
            ("LSM", "Delfi", "LETA"),
            ("https://eng.lsm.lv/article/politics/{slug}.a{n}/",),
            ("Estonia", "Lithuania", "Russia", "Belarus", "Poland"),
            ("nato", "eu"),
            ("karins", "silina"),
            "euro",
        ),
        Country(
            "Lithuania", "Lithuanian", "Vilnius", "the Baltic region",
            ("Vilnius", "Kaunas", "Klaipėda", "Šiauliai"),
            ("LRT", "BNS", "15min"),
            ("https://www.lrt.lt/en/news-in-english/19/{n}/{slug}",),
            ("Latvia", "Estonia", "Belarus", "Poland", "Germany"),
            ("nato", "eu"),
            ("nauseda",),
            "euro",
        ),
        # Partners from outside the region: mentioned, never an article's main subject.
        Country("China", "Chinese", "Beijing", "East Asia", ("Beijing", "Xi'an", "Urumqi"), ("Xinhua",),
                ("https://english.news.cn/{yyyy}{mm}{dd}/{slug}/c.html",), (), ("sco",), ("xi",), "yuan"),
        Country("Turkey", "Turkish", "Ankara", "the Middle East", ("Ankara", "Istanbul"), ("Anadolu",),
                ("https://www.aa.com.tr/en/world/{slug}/{n}",), (), ("nato",), ("erdogan",), "lira"),
        Country("Iran", "Iranian", "Tehran", "the Middle East", ("Tehran", "Tabriz"), ("IRNA",),
                ("https://en.irna.ir/news/{n}/{slug}",), (), ("sco",), (), "rial"),
        Country("Poland", "Polish", "Warsaw", "Central Europe", ("Warsaw", "Rzeszów"), ("PAP",),
                ("https://www.pap.pl/en/news/{slug}",), (), ("nato", "eu"), (), "zloty"),
        Country("Germany", "German", "Berlin", "Central Europe", ("Berlin", "Munich"), ("dpa",),
                ("https://www.bundesregierung.de/breg-en/news/{slug}-{n}",), (), ("nato", "eu"), (), "euro"),
        Country("India", "Indian", "New Delhi", "South Asia", ("New Delhi", "Mumbai"), ("PTI",),
                ("https://www.mea.gov.in/press-releases.htm?dtl/{n}/{slug}",), (), ("sco",), (), "rupee"),
    )
}

REGION_COUNTRIES = tuple(name for name in COUNTRIES if COUNTRIES[name].partners)

ELECTIONS: tuple[Election, ...] = (
    Election(
        "Estonia", date(2023, 3, 5), "parliamentary elections", "Parliamentary Elections",
        "Security and energy prices dominated a campaign overshadowed by the war in Ukraine.",
    ),
    Election(
        "Kazakhstan", date(2023, 3, 19), "snap elections to the Mazhilis", "Mazhilis Elections",
        "The vote follows the constitutional reform that {tokayev} launched after the unrest of January 2022.",
    ),
    Election(
        "Uzbekistan", date(2023, 4, 30), "constitutional referendum", "Constitutional Referendum",
        "The new constitution resets the count of presidential terms, which would allow {mirziyoyev} to stay in "
        "office for years to come.",
    ),
    Election(
        "Uzbekistan", date(2023, 7, 9), "snap presidential election", "Snap Presidential Election",
        "The early vote follows the adoption of a new constitution in a referendum in April.",
    ),
    Election(
        "Russia", date(2023, 9, 10), "regional and local elections", "Regional Elections",
        "The vote was also staged in the occupied regions of Ukraine, a step that Kyiv and Western governments "
        "condemned as illegitimate.",
    ),
    Election(
        "Armenia", date(2023, 9, 17), "Yerevan city council elections", "Yerevan Council Elections",
        "The contest was widely seen as a test of the ruling Civil Contract party's standing in the capital.",
    ),
    Election(
        "Moldova", date(2023, 11, 5), "local elections", "Local Elections",
        "The campaign was overshadowed by allegations of vote buying linked to networks loyal to Moscow.",
    ),
    Election(
        "Belarus", date(2024, 2, 25), "parliamentary and local elections", "Parliamentary Elections",
        "They will be the first nationwide vote since the disputed presidential election of August 2020.",
    ),
    Election(
        "Russia", date(2024, 3, 17), "presidential election", "Presidential Election",
        "The Kremlin is expected to treat the vote as a referendum on the war.",
    ),
)

# --------------------------------------------------------------------------------------------
# Sentences shared by every topic.

GENERIC: tuple[Template, ...] = (
    _t("The developments reflect a broader shift in {region}, where governments are hedging against "
       "uncertainty about Russia's long-term trajectory.", exclude=("Russia",)),
    _t("Much will depend on how the war in Ukraine evolves over the coming months."),
    _t("For now, {capital} appears determined to keep its options open."),
    _t("Analysts caution against reading too much into the announcement, noting that similar pledges in "
       "the past were only partially implemented."),
    _t("The issue is likely to feature prominently at the next meeting of {org}."),
    _t("Western diplomats privately acknowledge that their leverage in {country} is limited.", exclude=BALTICS),
    _t("Local media [[reported]] that the decision had been prepared for several months{cite}."),
    _t("The government has not published the details of the plan, fueling speculation about its real aims."),
    _t("Official statistics are difficult to verify independently, and some economists suspect the "
       "figures are <overstated|incomplete|selectively published>."),
    _t("The approach fits a pattern that has become familiar over the past decade."),
    _t("Officials in {capital} have [[repeatedly stressed]] that the country's interests come first{cite}."),
    _t("The decision was [[announced]] on {weekday} after a meeting of the <Security Council|cabinet|"
       "presidential administration>{cite}."),
    _t("Neither side has disclosed the full terms of the arrangement."),
    _t("The timing is hardly accidental: {capital} is preparing for <a difficult budget year|a series of "
       "high-level visits|a new round of talks with its partners>."),
    _t("The move drew a cautious response from {capital2}, which said it would study the proposal{cite}."),
    _t("Observers in {city} describe the mood as one of <cautious optimism|weary pragmatism|quiet anxiety>."),
    _t("State television gave the story extensive coverage, presenting it as a diplomatic success."),
    _t("Independent media, most of which now operate from abroad, offered a far more skeptical reading.",
       only=("Belarus", "Russia", "Tajikistan", "Turkmenistan", "Azerbaijan")),
    _t("The broader context is the reshaping of the regional order since Russia's full-scale invasion of "
       "Ukraine in February 2022.", exclude=WAR_PARTIES),
    _t("Relations between {country} and {country2} have had their ups and downs, but both sides have an "
       "interest in keeping them stable."),
)

# ``{expert_short}`` (the surname) is only available once the expert has been introduced.
QUOTE_FRAMES: tuple[str, ...] = (
    "“{quote},” said {expert}.",
    "“{quote},” said {expert}.",
    "“{quote},” {expert_short} said.",
)
SELF_QUOTE_FRAMES: tuple[str, ...] = (
    "“{quote},” {expert_short} told {self}.",
    "“{quote},” {expert_short} told {self}.",
)
INTERVIEW_QUOTE_FRAMES: tuple[str, ...] = (
    "“{quote},” said {expert} (Author's interview, {interview_month}).",
    "As {expert_short} put it, “{quote}.”",
)
OFFICIAL_QUOTE_FRAMES: tuple[str, ...] = (
    "“{quote},” {leader} said{cite}.",
    "“{quote},” {leader} [[told]] reporters in {capital}{cite}.",
    "Speaking in {city}, {leader} said: “{quote}.”",
)

# Invented experts: (first names, surnames) per region, women and men kept apart so that
# Russian-style surnames agree with the first name.
EXPERT_NAMES: dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]] = {
    "Eastern Europe": (
        (("Andrei", "Dmitry", "Pavel", "Vadim", "Ion", "Oleksandr"),
         ("Sakovich", "Volsky", "Lisitsyn", "Ciobanu", "Melnyk", "Tarasevich")),
        (("Olena", "Iryna", "Natalia", "Kateryna", "Ana", "Hanna"),
         ("Marchenko", "Kovalenko", "Hrybova", "Rusu", "Lisitsyna", "Bondar")),
    ),
    "Central Asia": (
        (("Daniyar", "Bakyt", "Rustam", "Nurlan", "Farrukh", "Timur"),
         ("Kassenov", "Temirov", "Karimov", "Mukhamedov", "Tursunov", "Abenov")),
        (("Aigerim", "Dilnoza", "Saule", "Zarina", "Gulnara", "Madina"),
         ("Nurlanova", "Yusupova", "Abdrakhmanova", "Sadykova", "Kassenova", "Temirova")),
    ),
    "the South Caucasus": (
        (("Armen", "Levan", "Elnur", "Tural", "Giorgi", "Vahe"),
         ("Hakobyan", "Tsiklauri", "Mammadli", "Babayev", "Lomidze", "Petrosyan")),
        (("Tamar", "Nigar", "Anahit", "Mariam", "Nino", "Aynur"),
         ("Gelashvili", "Hasanova", "Sargsyan", "Lomidze", "Babayeva", "Petrosyan")),
    ),
    "the Baltic region": (
        (("Kristjan", "Mart", "Tomas", "Jānis", "Andrus"), ("Tamm", "Kask", "Petrauskas", "Kalniņš", "Saar")),
        (("Ieva", "Rasa", "Linda", "Kadri", "Liisa"), ("Ozola", "Jankauskaitė", "Bērziņa", "Saar", "Kask")),
    ),
}
EXPERT_ROLES: tuple[str, ...] = (
    "an analyst at the {city}-based <Center for Strategic Studies|Institute of Economic Research|"
    "Regional Policy Institute|Eurasia Analytics Group>",
    "a political scientist in {city}",
    "an economist at a {city}-based consultancy",
    "a senior fellow at the <Institute for Regional Studies|Center for Eurasian Affairs|Caucasus and Central "
    "Asia Forum>",
    "a former <diplomat|deputy minister|central bank official> who now teaches in {city}",
)

# --------------------------------------------------------------------------------------------
# Topics.

POLITICS = Topic(
    key="politics",
    label="politics",
    iptc=("medtop:11000000",),
    titles=(
        _t("{country} and {country2} Pledge Closer <Cooperation|Coordination|Ties> <Despite Differences|After Talks "
           "in {capital}|"
           "as Pressures Mount>"),
        _t("{leader_surname}'s Balancing Act Faces <New Tests|a Hard Winter|Its Biggest Test Yet|Pressure From "
           "{capital2}>"),
        _t("{capital} Recalibrates Its <Foreign Policy|Ties With {country2}|Approach to the {org_tag}>"),
        _t("Why {country} Is Hedging Its Bets", exclude=("Russia",)),
        _t("{country}'s Relations With Moscow Enter a New Phase", exclude=("Russia",)),
        _t("{org_tag} <Meeting|Summit|Talks in {city}> <Exposes|Deepens|Papers Over> Divisions Among Members"),
        _t("{adj} Diplomacy Seeks Room to Maneuver <in {region}|Between East and West|as {country2} Courts {capital}>"),
        _t("{leader_surname} Courts {country2} as Regional Order Shifts"),
        _t("{country} Tightens Control Over <Civil Society|Political Parties|Independent Media|Protests in {city}>"),
        _t("Brussels and Moscow Compete for Influence in {country}", only=(*EU_HOPEFULS, "Armenia")),
        _t("{capital} and {capital2}: A Partnership of Convenience"),
        _t("The Limits of {adj} Multi-Vectorism", only=(*CENTRAL_ASIA, "Azerbaijan", "Armenia")),
        _t("Kremlin Steps Up Pressure on {country}", exclude=("Russia",)),
        _t("{country}'s <Quiet|Cautious|Calculated> Pivot Toward {country2}"),
        _t("{adj} Leadership Doubles Down on <Sovereignty Rhetoric|Multi-Vector Diplomacy|Ties With {country2}>"),
        _t("What {leader_surname}'s Visit to {capital2} Tells Us"),
        _t("Peace Talks Between Baku and Yerevan Stall Again", only=("Armenia", "Azerbaijan")),
        _t("{country} Moves Closer to Brussels", only=EU_HOPEFULS),
    ),
    deks=(
        _t("{capital} is trying to keep its options open as the regional order shifts."),
        _t("The government insists nothing has changed. The evidence suggests otherwise."),
        _t("Officials describe the talks as constructive, but the substance remains thin."),
        _t("A flurry of visits points to a recalibration of {adj} foreign policy."),
        _t("The stakes are rising for a government that prefers not to choose sides."),
    ),
    leads=(
        _t("{leader} has [[stepped up]] efforts to diversify {country}'s foreign relations, holding talks with "
           "{leader2} on {weekday}{cite}."),
        _t("Relations between {country} and {country2} have entered a new phase after a series of high-level "
           "meetings in {capital} and {capital2}{cite}."),
        _t("The government in {capital} has [[signaled]] a subtle but significant shift in its approach to "
           "{org}{cite}."),
        _t("{leader} used a speech in {city} on {weekday} to [[restate]] the principles of {adj} foreign "
           "policy, insisting that the country would not be drawn into other people's conflicts{cite}."),
        _t("A new package of laws adopted in {capital} has [[expanded]] the authorities' powers over political "
           "parties, media and non-governmental organizations{cite}."),
        _t("Diplomatic traffic between {capital} and {capital2} has [[intensified]] markedly in recent weeks."),
    ),
    sentences=(
        _t("{capital} has sought to [[balance]] its relations with Moscow and the West, but the room for "
           "maneuver has narrowed considerably since February 2022{cite}.", exclude=("Russia", "Ukraine")),
        _t("The talks produced a joint statement that pledged closer coordination within {org}, although the "
           "document contained few concrete commitments."),
        _t("Officials in {capital} were quick to stress that the agreement is not directed against any third "
           "country."),
        _t("{lavrov} used a visit to {capital} to warn against what he called Western attempts to drag the "
           "region into confrontation{cite}.", exclude=("Russia", "Ukraine", *BALTICS)),
        _t("Diplomats familiar with the negotiations said the sides remained divided over <the sequencing of "
           "commitments|the wording of the final document|questions of transit and border management>."),
        _t("The exiled opposition [[criticized]] the move as an attempt by {leader} to gain legitimacy "
           "abroad{cite}.", only=("Belarus",)),
        _t("For {capital}, the priority is to avoid being forced to choose between competing centers of "
           "power.", exclude=("Russia", "Ukraine")),
        _t("{org} has struggled to offer its members much beyond declarations since Russia's full-scale "
           "invasion of Ukraine.", exclude=("Ukraine",)),
        _t("The {adj} Foreign Ministry [[summoned]] the {adj2} ambassador over remarks it described as "
           "unacceptable{cite}."),
        _t("The visit was the <second|third|fourth> meeting between the two leaders this year, underscoring "
           "the intensity of the political dialogue.", since="2023-03-01"),
        _t("Parliament in {capital} [[approved]] the measure by a comfortable majority, with only a handful of "
           "deputies voting against{cite}."),
        _t("Critics argue that the new rules give the security services sweeping powers to label independent "
           "groups as extremist."),
        _t("Brussels has [[signaled]] that {country}'s path toward membership will depend on progress in "
           "judicial reform and the fight against corruption{cite}.", only=EU_HOPEFULS),
        _t("The Kremlin [[responded]] with a familiar mix of warnings and offers of economic "
           "incentives.", exclude=("Russia", "Ukraine")),
        _t("The dispute over Karabakh continues to shape every aspect of relations between Baku and Yerevan.",
           only=("Armenia", "Azerbaijan")),
        _t("Negotiations on a peace treaty between Armenia and Azerbaijan have [[stalled]] repeatedly over "
           "transport links and border delimitation{cite}.", only=("Armenia", "Azerbaijan")),
        _t("Mass protests in Tbilisi in March forced the ruling Georgian Dream party to withdraw a draft law on "
           "“foreign agents”{cite}.", only=("Georgia",), since="2023-03-12"),
        _t("The government describes its foreign policy as multi-vector, a formula that allows it to deepen "
           "ties with China and Turkey without breaking with Russia.", only=(*CENTRAL_ASIA, "Azerbaijan")),
        _t("{peskov} told reporters that Moscow was following developments in {country} closely{cite}.",
           exclude=("Russia",)),
        _t("Officials in {capital} describe {union_state} as a framework for cooperation rather than a path "
           "toward a single state.", only=("Belarus",)),
        _t("Moscow has repeatedly [[accused]] the Baltic states of discriminating against Russian speakers, a "
           "charge that Tallinn, Riga and Vilnius reject{cite}.", only=BALTICS),
        _t("{country} has expelled several Russian diplomats over the past year and tightened entry rules for "
           "Russian citizens{cite}.", only=BALTICS),
        _t("Transnistria, the Russian-backed breakaway region on Moldova's eastern border, remains a source of "
           "concern for Chisinau.", only=("Moldova",)),
        _t("Moscow's distraction with the war has created openings for other powers, notably China and "
           "Turkey.", exclude=("Russia", "Ukraine")),
        _t("Beijing used the China–Central Asia summit in Xi'an in May to present itself as a partner that "
           "offers investment without political conditions{cite}.", only=CENTRAL_ASIA, since="2023-05-20"),
        _t("{putin} has [[praised]] {country} as a reliable ally, even as {capital} avoids recognizing the "
           "annexation of Ukrainian territories{cite}.", only=(*CENTRAL_ASIA, "Armenia")),
        _t("{lukashenka} and {putin} have met more often over the past year than at any time since the "
           "creation of {union_state}{cite}.", only=("Belarus", "Russia")),
        _t("{tsikhanouskaya} has urged Western governments to keep up the pressure on the regime in "
           "Minsk{cite}.", only=("Belarus", "Lithuania")),
        _t("{pashinyan}'s government has [[frozen]] Armenia's participation in CSTO activities, accusing the "
           "bloc of failing to honor its obligations{cite}.", only=("Armenia",), since="2023-02-01"),
        _t("{von_der_leyen} [[reaffirmed]] the European Union's support for {country}'s reform agenda during "
           "a visit to {capital}{cite}.", only=EU_HOPEFULS),
        _t("{erdogan} has offered to mediate, reflecting Ankara's growing ambitions in the region.",
           only=SOUTH_CAUCASUS + CENTRAL_ASIA + ("Ukraine",)),
        _t("The ruling elite in {capital} is united less by ideology than by a shared interest in stability."),
        _t("Opposition parties complain that they are denied access to state media and public venues."),
        _t("Several prominent activists were [[detained]] in {city} in the run-up to the visit{cite}.",
           only=("Belarus", "Russia", "Tajikistan", "Azerbaijan", "Kyrgyzstan")),
    ),
    quotes=(
        "Nobody in the region wants to be caught between Moscow and the West",
        "This is a pragmatic decision, not a strategic turn",
        "The leadership is buying time and hoping that the situation will clarify itself",
        "What we are seeing is diplomacy by small steps",
        "The old formulas of cooperation no longer work, and everybody knows it",
        "{capital} is trying to make itself useful to everyone at once",
        "There is a lot of symbolism here, but very little substance",
    ),
    official_quotes=(
        "We will not allow anyone to destabilize the situation in our country",
        "Our foreign policy is based on national interests, not on someone else's agenda",
        "We are open to dialogue with all partners who respect our sovereignty",
        "Nobody can dictate to us with whom we should be friends",
    ),
    closings=(
        _t("Whether {capital} can sustain this course will become clearer in the months ahead."),
        _t("The coming months will show whether the latest commitments translate into concrete results."),
        _t("For now, the balance of risks points toward continuity rather than change."),
        _t("What is clear is that the old certainties of the post-Soviet space no longer hold."),
        _t("{country}'s choices will matter well beyond its borders."),
        _t("Either way, the leadership in {capital} will have to make harder choices than it would like."),
    ),
)

MILITARY = Topic(
    key="military",
    label="conflict, war and peace",
    iptc=("medtop:16000000",),
    titles=(
        _t("{country} <Boosts|Raises|Plans Record> Military Spending <Amid Regional Tensions|as Threats Multiply|"
           "After Talks With {country2}>"),
        _t("{adj} Army Stages <Large-Scale|Snap|Joint|Command-Staff> Drills <Near {city}|With {country2}|on Short "
           "Notice>"),
        _t("What the War in Ukraine Means for {country}'s Security", exclude=WAR_PARTIES),
        _t("{country} Seeks New Arms Suppliers <in {country2}|Beyond Russia|as Deliveries Stall>"),
        _t("{org_tag} Exercises Reveal Limits of Military Integration"),
        _t("Border Incidents Raise Tensions Between {country} and {country2}"),
        _t("{capital} Weighs <Lessons From the Battlefield|the Risks of Escalation|Its Military Options>"),
        _t("<Drone Warfare Reshapes|The War in Ukraine Shakes Up|Air Defense Gaps Force a Rethink of> {adj} "
           "Defense Planning"),
        _t("Russia's Nuclear Deployment in Belarus Raises Stakes", only=("Belarus",), since="2023-03-26"),
        _t("NATO Strengthens Its Eastern Flank", only=BALTICS),
        _t("Fighting Intensifies Along the Front Line", only=WAR_PARTIES),
        _t("Karabakh Crisis Tests Russian Peacekeepers", only=("Armenia", "Azerbaijan")),
        _t("{adj} Military <Modernization|Reform|Procurement> Runs Into <Old Problems|Budget Limits|Red Tape>"),
        _t("Security Services Tighten <Grip|Controls> <in {country}|in {city}|on {country}'s Borders>"),
    ),
    deks=(
        _t("The war next door is forcing a rethink of {adj} defense priorities."),
        _t("Exercises and procurement plans point to growing anxiety in {capital}."),
        _t("Military planners are studying the lessons of the war in Ukraine closely."),
        _t("Officials insist there is no threat. Their actions suggest otherwise."),
    ),
    leads=(
        _t("The {adj} Defense Ministry has [[announced]] a new round of exercises involving some "
           "{num_thousand} troops and hundreds of pieces of equipment{cite}."),
        _t("{leader} has [[ordered]] an increase in military spending, citing the deteriorating security "
           "situation around {country}{cite}."),
        _t("Fighting along the front line in eastern Ukraine [[intensified]] this week, with both sides "
           "reporting heavy losses{cite}.", only=WAR_PARTIES),
        _t("Tensions on the border between {country} and {country2} [[flared]] again after a series of "
           "incidents that each side blamed on the other{cite}."),
        _t("The security situation in {region} has [[deteriorated]] markedly over the past month, according to "
           "officials in {capital}{cite}."),
    ),
    sentences=(
        _t("Russian forces continued their assault on Bakhmut, where Wagner units have led the fighting for "
           "months{cite}.", only=WAR_PARTIES, until="2023-05-20"),
        _t("Russian forces have [[concentrated]] their attacks on Avdiivka, a heavily fortified town north of "
           "Donetsk{cite}.", only=WAR_PARTIES, since="2023-10-10"),
        _t("Ukraine's counteroffensive, launched in early June, has made slow progress against dense Russian "
           "minefields in the south{cite}.", only=WAR_PARTIES, since="2023-06-12"),
        _t("Waves of Iranian-designed Shahed drones have [[targeted]] Ukraine's energy infrastructure{cite}.",
           only=(*WAR_PARTIES, "Moldova")),
        _t("Joint exercises under the umbrella of {csto} have become a regular fixture, although their "
           "practical value is debated.", only=("Belarus", "Russia", "Kazakhstan", "Kyrgyzstan", "Tajikistan")),
        _t("Moscow has [[begun]] moving tactical nuclear weapons to Belarus, a step {putin} announced in "
           "March{cite}.", only=("Belarus", "Russia", "Lithuania", "Latvia"), since="2023-06-15"),
        _t("Belarusian territory served as a launchpad for the assault on Kyiv in February 2022, and Ukrainian "
           "commanders still keep forces on the northern border.", only=("Belarus", "Ukraine")),
        _t("Armenian and Azerbaijani troops [[exchanged fire]] along the border, with each side blaming the "
           "other for the escalation{cite}.", only=("Armenia", "Azerbaijan"), until="2023-09-18"),
        _t("Azerbaijan's lightning offensive in September ended the rule of the ethnic Armenian authorities in "
           "Karabakh and triggered the exodus of more than 100,000 people{cite}.",
           only=("Armenia", "Azerbaijan"), since="2023-09-30"),
        _t("Russian peacekeepers deployed in Karabakh since November 2020 have been criticized in Yerevan for "
           "failing to keep the Lachin corridor open.", only=("Armenia", "Azerbaijan")),
        _t("Allies agreed at the Vilnius summit in July to strengthen air defenses and to station more troops "
           "on the eastern flank{cite}.", only=(*BALTICS, "Ukraine"), since="2023-07-13"),
        _t("Preparations for the NATO summit in Vilnius in July are dominated by the question of Ukraine's "
           "future membership{cite}.", only=BALTICS, since="2023-03-01", until="2023-07-10"),
        _t("Military spending in {country} is set to rise to {pct_small} percent of GDP next year{cite}."),
        _t("Analysts note that the {adj} armed forces still rely heavily on Soviet-era equipment that is "
           "increasingly difficult to maintain.", exclude=WAR_PARTIES + BALTICS),
        _t("Kyiv has [[urged]] its Western partners to speed up deliveries of air defense systems, artillery "
           "shells and long-range missiles{cite}.", only=("Ukraine",)),
        _t("The war has drained Russia's stockpiles of precision-guided munitions, pushing Moscow to seek "
           "supplies from Iran and North Korea.", only=("Russia", "Ukraine")),
        _t("Border guards in {country} [[reported]] increased activity near the frontier, although officials "
           "insisted there was no immediate threat{cite}."),
        _t("Russia maintains a military base in {country}, which remains a pillar of Moscow's security "
           "presence in the region.", only=("Armenia", "Tajikistan", "Kyrgyzstan")),
        _t("The mobilization of some 300,000 reservists in autumn 2022 continues to weigh on Russia's labor "
           "market.", only=("Russia",)),
        _t("{shoigu} [[inspected]] units in the so-called special military operation zone{cite}.",
           only=("Russia",)),
        _t("The Wagner Group's role on the battlefield has become a source of friction within the Russian "
           "military leadership.", only=("Russia",), until="2023-06-18"),
        _t("The government has [[signed]] contracts for Turkish-made drones and armored vehicles{cite}.",
           only=(*CENTRAL_ASIA, "Azerbaijan", "Georgia", "Moldova")),
        _t("India has emerged as a new supplier of artillery systems to Yerevan{cite}.", only=("Armenia",)),
        _t("Defense officials are also studying the use of cheap commercial drones, which have transformed the "
           "battlefield in Ukraine."),
        _t("The army has [[introduced]] new conscription rules that extend the length of service for some "
           "categories of recruits{cite}.", exclude=("Ukraine",)),
        _t("Air defense units were placed on heightened alert after an unidentified drone crossed into "
           "{adj} airspace{cite}.", only=("Moldova", "Belarus", "Lithuania", "Latvia", "Estonia")),
        _t("{stoltenberg} [[said]] the alliance would defend every inch of allied territory{cite}.",
           only=BALTICS),
        _t("The military-industrial complex has moved to round-the-clock shifts to meet the demand for "
           "ammunition.", only=("Russia", "Belarus")),
    ),
    quotes=(
        "The lessons of the war are being studied very carefully in every capital in the region",
        "Nobody believes any more that a large-scale war in Europe is impossible",
        "The army is being rebuilt for a different kind of conflict",
        "These exercises are as much a political signal as a military one",
        "The front line has become a laboratory for drone warfare",
    ),
    official_quotes=(
        "Our armed forces are ready to respond to any provocation",
        "We are strengthening our defense capabilities, but we threaten no one",
        "The security of our borders is not up for negotiation",
    ),
    closings=(
        _t("The risk of miscalculation remains high."),
        _t("Military planners in {capital} are unlikely to relax their guard any time soon."),
        _t("How the security situation develops will depend largely on events on the battlefield in Ukraine."),
        _t("For {country}, the question is no longer whether to adapt, but how quickly."),
    ),
)

ECONOMY = Topic(
    key="economy",
    label="economy, business and finance",
    iptc=("medtop:04000000",),
    titles=(
        _t("{country} Looks East as Trade With Russia Surges", exclude=("Russia", "Ukraine", *BALTICS)),
        _t("Sanctions Reshape {country}'s <Trade Patterns|Trade With {country2}|Economy|Transit Business>"),
        _t("{capital} Bets on <Transit|Mining|Manufacturing|Tourism> to Power Growth"),
        _t("Shippers Turn to the Middle Corridor",
           only=("Kazakhstan", "Azerbaijan", "Georgia", "Turkmenistan")),
        _t("Gazprom's Shrinking Markets Put Pressure on Moscow", only=("Russia",)),
        _t("{country}'s Economy <Outpaces Expectations|Shows Signs of Strain|Slows as Exports Weaken|Rides a Trade "
           "Boom>"),
        _t("Inflation <Eases|Slows|Lingers> in {country}, but <Risks Remain|Prices Still Bite|the Central Bank "
           "Stays Wary>"),
        _t("{country} and {country2} Sign Investment Deals Worth {bn}"),
        _t("Remittances Keep {country}'s Economy Afloat", only=("Tajikistan", "Kyrgyzstan", "Uzbekistan")),
        _t("{adj} Industry Finds New Markets in Russia", only=("Belarus", "Kazakhstan", "Armenia", "Kyrgyzstan")),
        _t("Re-Exports to Russia Draw Western Scrutiny", only=RELOCATION_HUBS),
        _t("{country} Courts <Foreign|Gulf|Chinese|European> Investors With New Incentives"),
        _t("<Energy|Transit|Investment> Deal With {country2} Raises Questions in {capital}"),
        _t("The Union State's Economic Agenda Gathers Pace", only=("Belarus", "Russia")),
        _t("Grain Exports Under Pressure", only=("Ukraine", "Moldova")),
        _t("{adj} Currency Comes Under Pressure <Again|as Imports Surge|as Remittances Fall>"),
    ),
    deks=(
        _t("Trade figures tell a story of adaptation, but not necessarily of prosperity."),
        _t("A sanctions-driven boom may prove short-lived."),
        _t("The government hopes transit and investment will offset weaker exports."),
        _t("New deals with {country2} come with strings attached."),
        _t("Economists warn that the growth figures hide structural weaknesses."),
    ),
    leads=(
        _t("Trade between {country} and {country2} [[grew]] by {pct} percent year-on-year in {period}, "
           "according to official statistics{cite}."),
        _t("The {adj} economy is [[expected]] to grow by {growth} percent this year, driven by <construction|"
           "retail trade|exports of metals|transit services>{cite}."),
        _t("{country} and {country2} have [[signed]] a package of agreements worth {bn}, covering energy, "
           "transport and industrial cooperation{cite}."),
        _t("The government in {capital} has [[unveiled]] a plan to invest {bn} in <road and rail links|new "
           "power plants|industrial parks|the modernization of state-owned enterprises>{cite}."),
        _t("Inflation in {country} slowed to {pct_small}.{digit} percent in {prev_month}, the central bank "
           "[[said]]{cite}."),
    ),
    sentences=(
        _t("Western sanctions have [[redirected]] trade flows, with goods increasingly moving through Central "
           "Asia and the South Caucasus to reach Russia."),
        _t("The government plans to invest {bn} in <road and rail links|new power plants|industrial parks|the "
           "modernization of state-owned enterprises>."),
        _t("{gazprom} has [[agreed]] to supply gas at a discount, a deal that critics say deepens the country's "
           "dependence on Moscow{cite}.", only=("Belarus", "Armenia", "Kyrgyzstan", "Uzbekistan", "Kazakhstan")),
        _t("{gazprom}'s exports to Europe have collapsed since 2022, pushing the company to look for new "
           "buyers in Asia{cite}.", only=("Russia",)),
        _t("Talks on the Power of Siberia 2 pipeline to China via Mongolia have made little visible "
           "progress{cite}.", only=("Russia",)),
        _t("The Middle Corridor, a trade route that links China to Europe via Kazakhstan, the Caspian Sea, "
           "Azerbaijan, Georgia and Turkey, has seen cargo volumes [[rise sharply]]{cite}.",
           only=("Kazakhstan", "Azerbaijan", "Georgia", "Turkmenistan")),
        _t("Oil exports through the Caspian Pipeline Consortium, which carries most of Kazakhstan's crude to "
           "the Black Sea port of Novorossiysk, remain vulnerable to disruption.", only=("Kazakhstan",)),
        _t("Remittances from labor migrants working in Russia account for roughly {pct_big} percent of "
           "{country}'s GDP.", only=("Tajikistan", "Kyrgyzstan", "Uzbekistan")),
        _t("The {currency} has weakened against the US dollar, raising the cost of imports{cite}.",
           exclude=BALTICS),
        _t("Re-exports of Western goods to Russia through {country} have come under growing scrutiny from "
           "Washington and Brussels{cite}.", only=RELOCATION_HUBS),
        _t("The Black Sea Grain Initiative, which allowed Ukraine to export grain by sea, collapsed in July "
           "after Russia refused to extend it{cite}.", only=("Ukraine", "Russia", "Moldova"), since="2023-07-19"),
        _t("The Black Sea Grain Initiative, brokered by Turkey and the United Nations, has allowed Ukraine to "
           "ship millions of tons of grain to world markets{cite}.", only=("Ukraine", "Moldova"),
           until="2023-07-16"),
        _t("Moscow wants to raise the share of national currencies in settlements within {eaeu}, a goal "
           "several members treat with caution.", only=("Russia", "Belarus", "Kazakhstan", "Kyrgyzstan",
                                                          "Armenia")),
        _t("Belarusian potash, once shipped through Lithuania's port of Klaipėda, is now [[routed]] through "
           "Russian ports{cite}.", only=("Belarus", "Lithuania")),
        _t("{country} depends on imports for <most|a large share> of its natural gas, which leaves the budget "
           "exposed to price swings.", only=("Belarus", "Armenia", "Moldova", "Georgia", "Kyrgyzstan",
                                             "Tajikistan")),
        _t("Foreign investors remain cautious, citing weak property rights and unpredictable regulation."),
        _t("The national statistics agency [[reported]] that industrial output rose by {pct_small} percent in "
           "{prev_month}{cite}."),
        _t("Companies relocating from Russia have brought an influx of capital and skilled workers to "
           "{capital}, pushing up rents.", only=RELOCATION_HUBS),
        _t("The price cap on Russian seaborne crude agreed by the G7 and the European Union has [[cut]] "
           "Moscow's oil revenues, although a shadow fleet of tankers has softened the blow{cite}.",
           only=("Russia",), since="2022-12-06"),
        _t("Chinese companies have [[stepped up]] investment in {country}'s <mining|energy|transport|"
           "agricultural> sector{cite}.", only=(*CENTRAL_ASIA, "Georgia", "Belarus")),
        _t("Bilateral trade with {country2} reached {bn} last year, and both sides aim to double it within "
           "five years."),
        _t("Small businesses complain about rising taxes and a heavier regulatory burden."),
        _t("The central bank has kept its key rate at {pct_small} percent, arguing that inflationary pressures "
           "have not yet eased{cite}."),
        _t("Officials hope that new transit routes will [[reduce]] the country's dependence on a single "
           "market."),
        _t("Microelectronics, machine-building and aviation are among the priority sectors for import "
           "substitution.", only=("Belarus", "Russia")),
        _t("The budget deficit is expected to widen as defense spending rises{cite}.",
           only=("Russia", "Ukraine", "Belarus")),
        _t("Western financial assistance keeps the {adj} budget afloat{cite}.", only=("Ukraine", "Moldova")),
        _t("Gold and copper exports have [[surged]], supported by high world prices.",
           only=("Kazakhstan", "Uzbekistan", "Kyrgyzstan")),
        _t("Turkmenistan, which holds some of the world's largest gas reserves, is looking for ways to ship "
           "gas westward across the Caspian{cite}.", only=("Turkmenistan", "Azerbaijan")),
    ),
    quotes=(
        "The numbers look impressive, but much of this growth is driven by re-exports",
        "Without structural reforms, the current boom will not last",
        "Businesses have adapted faster than anyone expected",
        "Transit is a good business until the geopolitics changes",
        "Dependence on a single market is always a risk, and the last two years have proven it",
        "The budget is balanced on assumptions that look increasingly optimistic",
    ),
    official_quotes=(
        "Our task is to create the best possible conditions for investors",
        "We expect trade to keep growing in the coming years",
        "The economy has shown its resilience in a very difficult environment",
    ),
    closings=(
        _t("Whether the current growth proves durable remains an open question."),
        _t("For now, the authorities appear content to ride the wave."),
        _t("The next budget cycle will show how much room for maneuver the government really has."),
        _t("Much will depend on the sanctions regime and on commodity prices."),
    ),
)

ENVIRONMENT = Topic(
    key="environment",
    label="environment",
    iptc=("medtop:06000000", "medtop:20000418"),
    titles=(
        _t("{country} Struggles With <Worsening Drought|Water Shortages|Record Heat|Extreme Weather> <Near {city}|>"),
        _t("Climate Change Puts {country}'s <Water Security|Harvests|Power Supply|Farmers> at Risk"),
        _t("{country} Bets on Wind and Solar to Meet Climate Goals"),
        _t("Shrinking Caspian Sea Alarms Coastal Communities", only=CASPIAN_LITTORAL),
        _t("Glacier Retreat Threatens Central Asia's Rivers", only=("Kyrgyzstan", "Tajikistan", "Kazakhstan",
                                                                    "Uzbekistan")),
        _t("Heat Wave Tests {country}'s Power Grid", since="2023-06-01", until="2023-09-15"),
        _t("{capital} Unveils <New|Long-Awaited|Revised> <Climate Strategy|Emissions Targets|Adaptation Plan>"),
        _t("Smog Returns to {city} as Coal Use Rises", only=("Kazakhstan", "Kyrgyzstan", "Uzbekistan", "Russia",
                                                             "Tajikistan")),
        _t("<Ecologists|Scientists|Farmers|Activists> Warn of Climate Risks <in {country}|Around {city}>"),
        _t("The Aral Sea's Long Shadow", only=("Kazakhstan", "Uzbekistan")),
        _t("Kakhovka Dam Disaster Leaves Environmental Scars", only=("Ukraine",), since="2023-06-07"),
        _t("{country} Prepares Its Climate Pitch for COP28", since="2023-09-01"),
        _t("<Wildfires and Floods|Heat and Drought|Mudslides and Floods>: {country} Counts the Cost of a Warming "
           "Climate"),
        _t("Melting Permafrost Threatens Russia's Arctic Infrastructure", only=("Russia",)),
        _t("{country} and {country2} Team Up on <Renewable Energy|Water Management|Climate Adaptation|Solar Power>"),
        _t("<Climate Adaptation|Water Security|Clean Energy> Moves Up {country}'s Agenda"),
    ),
    deks=(
        _t("Rising temperatures are no longer a distant threat for {country}."),
        _t("Officials promise a green transition. Environmentalists want to see it first."),
        _t("Water, heat and energy: the climate agenda is becoming a security agenda."),
        _t("The costs of adaptation are mounting faster than the budget can absorb."),
    ),
    leads=(
        _t("Average temperatures in {country} have risen faster than the global average, according to a "
           "[[new report]] on climate change by the national hydrometeorological service{cite}."),
        _t("The government in {capital} has [[adopted]] a climate strategy that aims to cut greenhouse gas "
           "emissions by {pct} percent by 2030 compared with 1990 levels{cite}."),
        _t("Drought has [[reduced]] harvests in parts of {country} for a second year in a row, renewing "
           "concerns about water security and climate change{cite}."),
        _t("{country} has [[launched]] construction of its largest wind farm to date, part of a push to "
           "decarbonize the power sector and meet its climate commitments{cite}."),
        _t("Environmental groups in {country} have [[warned]] that climate change is accelerating faster than "
           "the authorities are willing to admit{cite}."),
        _t("A record heat wave has [[pushed]] electricity demand in {country} to new highs, exposing the "
           "vulnerability of an aging grid to a changing climate{cite}.", since="2023-06-01",
           until="2023-09-15"),
    ),
    sentences=(
        _t("Officials say the country will need to invest heavily in irrigation and water storage to adapt to "
           "a hotter, drier climate."),
        _t("Scientists [[estimate]] that glaciers in the Tien Shan and Pamir mountains have lost roughly a "
           "third of their volume over the past half-century{cite}.", only=("Kyrgyzstan", "Tajikistan",
                                                                            "Kazakhstan", "Uzbekistan")),
        _t("The Caspian Sea has [[fallen]] to its lowest level in decades, leaving ports and fisheries along "
           "the coast struggling{cite}.", only=CASPIAN_LITTORAL),
        _t("The drying of the Aral Sea remains one of the world's worst man-made environmental disasters, and "
           "dust storms from the exposed seabed now carry salt and pesticides far inland.",
           only=("Kazakhstan", "Uzbekistan")),
        _t("The destruction of the Kakhovka dam in June flooded dozens of settlements and left a vast "
           "reservoir bed exposed{cite}.", only=("Ukraine",), since="2023-06-07"),
        _t("Winter smog in {city} has become a public health emergency, driven by coal-fired heating and "
           "traffic{cite}.", only=("Kazakhstan", "Kyrgyzstan", "Uzbekistan", "Tajikistan")),
        _t("Wildfires in the Abai region in June killed more than a dozen people and burned tens of thousands "
           "of hectares of forest{cite}.", only=("Kazakhstan",), since="2023-06-12"),
        _t("The thawing of permafrost is damaging pipelines, roads and buildings across Russia's north{cite}.",
           only=("Russia",)),
        _t("Coal still accounts for the bulk of {country}'s electricity generation, making decarbonization a "
           "formidable challenge.", only=("Kazakhstan", "Kyrgyzstan", "Russia")),
        _t("Renewable energy, mostly wind and solar, provides only a small share of the power supply, but the "
           "government aims to raise it to {pct_small}0 percent by 2030."),
        _t("Environmental activists complain that they are rarely consulted on large infrastructure projects."),
        _t("Climate change is expected to [[reduce]] river flows in Central Asia just as demand for water is "
           "rising{cite}.", only=CENTRAL_ASIA),
        _t("The construction of the Qosh Tepa canal in northern Afghanistan could divert a significant share of "
           "the Amu Darya's water, alarming officials downstream{cite}.", only=("Uzbekistan", "Turkmenistan")),
        _t("Lake Sevan, Armenia's largest freshwater reservoir, is under pressure from irrigation and warming "
           "temperatures.", only=("Armenia",)),
        _t("Flash floods and mudslides have become more frequent in the mountains, damaging roads and "
           "villages{cite}.", only=("Georgia", "Armenia", "Kyrgyzstan", "Tajikistan")),
        _t("The war has caused extensive environmental damage, from contaminated soil to burned forests, which "
           "officials estimate will take decades to repair.", only=("Ukraine",)),
        _t("Methane leaks from aging gas infrastructure are a significant and often overlooked source of "
           "emissions.", only=("Turkmenistan", "Russia", "Azerbaijan", "Uzbekistan")),
        _t("Preparations for the COP28 climate summit in Dubai have [[prompted]] a flurry of new pledges across "
           "the region{cite}.", since="2023-09-01"),
        _t("Azerbaijan has signaled interest in hosting a future UN climate conference, an ambition that "
           "environmental groups view with skepticism.", only=("Azerbaijan",), since="2023-08-01"),
        _t("The European Union has offered technical assistance to help {country} align its environmental "
           "legislation with European standards{cite}.", only=EU_HOPEFULS),
        _t("Farmers in {country} report that the growing season has shifted, with hotter summers and less "
           "predictable rainfall."),
        _t("Hydrometeorologists [[recorded]] the warmest {prev_month} since records began{cite}."),
        _t("Air pollution monitors in {city} regularly show levels of fine particulate matter several times "
           "above World Health Organization guidelines."),
        _t("International lenders have [[pledged]] financing for solar parks and energy efficiency projects "
           "in {country}{cite}."),
        _t("Climate adaptation has moved from the margins of policy debates to the center."),
        _t("The government has set up an interagency commission to coordinate its response to climate "
           "change."),
        _t("Green hydrogen projects, backed by European and Gulf investors, are being discussed but remain at "
           "an early stage.", only=("Kazakhstan", "Uzbekistan", "Azerbaijan", "Georgia")),
        _t("Deforestation and overgrazing have worsened soil erosion, making rural communities more "
           "vulnerable to extreme weather."),
        _t("Heat waves are putting a growing strain on the power grid, as demand for air conditioning "
           "soars{cite}.", since="2023-05-15", until="2023-09-30"),
        _t("Ecologists estimate that the region is warming roughly twice as fast as the global average."),
    ),
    quotes=(
        "Climate change is no longer an abstract threat for us; we see it every summer",
        "We are running out of time to modernize our water management",
        "Every year the rivers carry less water, and every year there are more of us",
        "The energy transition is possible, but it needs money and political will",
        "Adaptation is now a matter of national security",
        "The climate is changing faster than our institutions",
    ),
    official_quotes=(
        "We take our climate commitments very seriously",
        "Green energy is a priority for the development of our country",
        "Water security is one of the most important challenges of our time",
    ),
    closings=(
        _t("Adapting to a warmer, drier climate will require investment on a scale {country} has yet to "
           "contemplate."),
        _t("The cost of inaction, experts warn, will be far higher."),
        _t("Whether the new pledges are backed by real money will become clear in the next budget."),
        _t("For communities already living with drought and heat, the debate is anything but abstract."),
    ),
)

SOCIETY = Topic(
    key="society",
    label="society",
    iptc=("medtop:14000000",),
    titles=(
        _t("{country}'s Young People Look <Abroad|to {country2}|for a Future at Home>"),
        _t("Pressure on <Independent Media|Journalists|Bloggers|Activists> Grows in {country}"),
        _t("Russian Relocants <Transform|Reshape|Divide|Boost> {capital}", only=RELOCATION_HUBS),
        _t("{country} Debates <Language Policy|School Reform|Its Soviet Past|Migration Rules>"),
        _t("Brain Drain Worries Policymakers in {capital}"),
        _t("<Civil Society|Local Democracy|Trade Unions|Charities> in {country} Under Strain"),
        _t("Labor Migrants Face New Hurdles in Russia", only=CENTRAL_ASIA),
        _t("Political Prisoners: The Human Cost of {adj} Repression", only=("Belarus", "Russia", "Azerbaijan")),
        _t("Ukrainian Refugees Find Their Feet in {country}", only=("Moldova", "Estonia", "Latvia", "Lithuania")),
        _t("<Schools|Universities> in {country} Rethink the <History Curriculum|Language of Instruction>"),
        _t("<Emigration|Aging|Urbanization> Reshapes {country}'s <Demographics|Society|Labor Market>"),
    ),
    deks=(
        _t("Behind the official statistics lies a society on the move."),
        _t("Activists say the space for independent voices is shrinking."),
        _t("The war next door is changing everyday life in {country}."),
        _t("Demographers warn of long-term consequences."),
    ),
    leads=(
        _t("Tens of thousands of people have [[left]] {country} over the past year, according to estimates by "
           "independent demographers{cite}.", exclude=RELOCATION_HUBS),
        _t("Russians who fled the mobilization announced in September 2022 have [[settled]] in {capital} in "
           "large numbers, transforming parts of the city{cite}.", only=RELOCATION_HUBS),
        _t("Independent journalists in {country} face [[growing pressure]], from criminal cases to the blocking "
           "of websites{cite}."),
        _t("The government in {capital} has [[introduced]] new rules on the use of the state language in "
           "public administration and education{cite}."),
        _t("A new survey [[suggests]] that {pct} percent of young people in {country} would consider moving "
           "abroad{cite}."),
    ),
    sentences=(
        _t("Human rights groups estimate that Belarus holds about 1,500 political prisoners{cite}.",
           only=("Belarus",)),
        _t("Sociologists note a growing interest in national history and language among young people in "
           "{country}."),
        _t("Labor migrants from {country} have faced tighter checks in Russia, especially since the start of "
           "the war{cite}.", only=CENTRAL_ASIA, exclude=("Turkmenistan",)),
        _t("Teachers and doctors in rural areas complain of low salaries and staff shortages."),
        _t("Emigration has become a major demographic concern for {country}, whose population is aging "
           "fast."),
        _t("Public opinion surveys suggest that {pct} percent of respondents in {country} view <the European "
           "Union|Russia|China> favorably{cite}."),
        _t("Civil society organizations say the new registration rules make it nearly impossible to operate "
           "independently."),
        _t("Moldova has received hundreds of thousands of refugees from Ukraine since February 2022, more per "
           "capita than any other country.", only=("Moldova",)),
        _t("Several independent outlets have been [[labeled]] “extremist,” making it a crime to share their "
           "content{cite}.", only=("Belarus", "Russia")),
        _t("The arrival of well-paid newcomers has pushed up rents, causing resentment among locals.",
           only=RELOCATION_HUBS),
        _t("The authorities have [[launched]] a campaign to encourage the return of citizens working "
           "abroad{cite}."),
        _t("Universities report a sharp drop in applications from abroad and a rise in students leaving after "
           "graduation."),
        _t("Religious leaders have also weighed in on the debate."),
        _t("The Russian language still dominates in {capital}, but the use of {adj} is spreading, "
           "particularly among the young.", only=("Kazakhstan", "Kyrgyzstan", "Belarus", "Ukraine", "Moldova")),
        _t("Rights groups have [[documented]] dozens of cases of activists detained for online posts{cite}.",
           only=("Belarus", "Russia", "Tajikistan", "Azerbaijan", "Turkmenistan", "Kyrgyzstan")),
        _t("Volunteer networks have sprung up to help newcomers find housing, schools and work."),
        _t("The war has also deepened divisions within families, many of which have relatives in Russia.",
           exclude=("Russia",)),
        _t("The number of people applying for citizenship in {country} has <doubled|risen sharply> since "
           "2022{cite}.", only=RELOCATION_HUBS),
        _t("A new law on “foreign agents” has [[alarmed]] journalists and non-governmental organizations{cite}.",
           only=("Kyrgyzstan", "Georgia", "Russia")),
    ),
    quotes=(
        "People are tired, and many simply want to leave",
        "Society has changed more in the last two years than in the previous twenty",
        "The authorities are afraid of anything they cannot control",
        "Young people no longer see their future here",
        "Solidarity is stronger than people think",
    ),
    official_quotes=(
        "We want our citizens to build their future at home",
        "Freedom of speech does not mean freedom to spread lies",
        "Our society has shown great resilience",
    ),
    closings=(
        _t("The social consequences will be felt for years to come."),
        _t("For many families, the question is not whether to leave, but when."),
        _t("How {country} answers these questions will shape its society for a generation."),
    ),
)

ELECTIONS_TOPIC = Topic(
    key="elections",
    label="election",
    iptc=("medtop:11000000", "medtop:20000574"),
    titles=(
        _t("{country} Prepares for {ename_title} <Amid Apathy|Under Tight Control|With New Rules|>"),
        _t("<What to Watch in|Five Questions About|A Guide to|The Stakes in> {country}'s {ename_title}"),
        _t("{country}'s {ename_title}: <Few Surprises Expected|A Foregone Conclusion?|Old Faces, New Rules|"
           "The Opposition Regroups>"),
        _t("Campaign for {country}'s {ename_title} <Enters Final Stretch|Gets Under Way|Fails to Excite Voters>"),
    ),
    deks=(
        _t("The outcome is hardly in doubt. The turnout is another matter."),
        _t("A campaign without real competition still tells us something about {country}."),
        _t("The vote will be a test of the authorities' ability to mobilize their supporters."),
    ),
    leads=(
        _t("Voters in {country} go to the polls on {edate} in {ename}{cite}."),
        _t("The campaign ahead of {ename} in {country} on {edate} has [[entered its final stage]]{cite}."),
    ),
    sentences=(
        _t("The Central Election Commission has [[registered]] {num_small} parties and hundreds of "
           "candidates{cite}."),
        _t("Campaigning has been subdued, with few public debates and limited coverage of opposition "
           "candidates in state media."),
        _t("Independent observers have [[raised concerns]] about the fairness of the campaign{cite}."),
        _t("{osce} is expected to deploy an observation mission."),
        _t("Opposition groups have called on their supporters to <boycott the vote|turn out in large "
           "numbers|monitor polling stations>."),
        _t("Authorities have promised a transparent vote and invited international observers."),
        _t("Turnout will be closely watched as a measure of public trust in the authorities."),
    ),
    quotes=(
        "The outcome was never really in doubt; what matters is the turnout",
        "Elections here are a ritual of legitimation rather than a contest",
        "The authorities want a clean result, without scandals",
        "Voters are interested in prices and jobs, not in geopolitics",
    ),
    official_quotes=(
        "The people will make their choice freely",
        "These elections will strengthen our democratic institutions",
    ),
    closings=(
        _t("The real test for the authorities will come after the vote."),
        _t("Whatever the result, the balance of power in {capital} is unlikely to change."),
    ),
)

# Election sentences whose tense depends on whether the vote is past.
ELECTION_BEFORE: tuple[Template, ...] = (
    _t("Polls open on {edate}, and the authorities expect a high turnout."),
    _t("{election_context}"),
    _t("Few expect {ename} to change the balance of power in {capital}."),
)
ELECTION_AFTER: tuple[Template, ...] = (
    _t("Official results [[showed]] a turnout of {turnout} percent, according to the Central Election "
       "Commission{cite}."),
    _t("International observers said the vote on {edate} was orderly but lacked genuine competition{cite}."),
    _t("Opposition groups [[rejected]] the results, citing irregularities at polling stations{cite}."),
    _t("{election_context}"),
)
ELECTION_AFTER_TITLES: tuple[Template, ...] = (
    _t("After the Vote, {country} Faces <Familiar Challenges|New Questions|an Old Dilemma>"),
    _t("{country}'s {ename_title}: <No Surprises|Turnout Disappoints|A Managed Result|What the Numbers Say>"),
    _t("<Low Turnout|Opposition Complaints|Observers' Criticism> <Marks|Overshadows> {country}'s {ename_title}"),
)
ELECTION_AFTER_LEADS: tuple[Template, ...] = (
    _t("{country} held {ename} on {edate}, and the results [[confirmed]] the dominance of forces loyal to the "
       "authorities{cite}."),
    _t("The dust is settling after {ename} in {country} on {edate}{cite}."),
)

TOPICS: dict[str, Topic] = {
    topic.key: topic for topic in (POLITICS, MILITARY, ECONOMY, ENVIRONMENT, SOCIETY, ELECTIONS_TOPIC)
}

# Topic weights for ordinary articles (environment articles are planted by month, see demo.corpus).
TOPIC_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("politics", 32), ("military", 24), ("economy", 26), ("society", 12), ("elections", 6),
)

# --------------------------------------------------------------------------------------------
# Yevgeny Prigozhin: three phases, so that no article mentions an event before it happened.

PRIGOZHIN_BEFORE_MUTINY: tuple[Template, ...] = (
    _t("{prigozhin} has again [[accused]] the Russian Defense Ministry of starving his fighters of "
       "ammunition{cite}."),
    _t("{prigozhin}'s increasingly public feud with {shoigu} and {gerasimov} has exposed deep rifts inside the "
       "Russian war machine."),
    _t("Fighters recruited by {prigozhin} from Russian prisons have borne the brunt of the fighting around "
       "Bakhmut.", until="2023-05-25"),
    _t("Observers in {capital} are watching {prigozhin}'s rise with unease, not least because of {wagner}'s "
       "operations in Africa and the Middle East.", exclude=("Russia",)),
    _t("{prigozhin}'s expletive-laden video addresses have become a fixture of Russian social media."),
    _t("{prigozhin} has [[refused]] to sign the contract with the Defense Ministry that all volunteer "
       "formations are required to sign by July 1{cite}.", since="2023-06-11"),
    _t("Some analysts believe that {prigozhin} is positioning himself for a political role."),
)
PRIGOZHIN_MUTINY: tuple[Template, ...] = (
    _t("On June 23–24, {prigozhin} led {wagner} columns out of their camps, seized the military "
       "headquarters in Rostov-on-Don and sent an armored convoy toward Moscow{cite}.", since="2023-06-24"),
    _t("{prigozhin} called off the march roughly 200 kilometers from Moscow after a deal brokered by "
       "{lukashenka}, under which he was to move to Belarus{cite}.", since="2023-06-24"),
    _t("{putin} denounced the mutiny as a “stab in the back,” while {prigozhin} insisted that he had never "
       "sought to overthrow the government{cite}.", since="2023-06-24"),
    _t("The brief rebellion by {prigozhin} raised uncomfortable questions about the stability of the Russian "
       "state.", since="2023-06-24"),
    _t("In {capital}, officials refrained from commenting on {prigozhin} directly, but state media followed "
       "the events in Rostov-on-Don closely.", exclude=("Russia",), since="2023-06-24"),
    _t("Whether {prigozhin}'s fighters will settle in Belarus, redeploy to Africa or be absorbed into the "
       "regular army remains unclear.", since="2023-06-24"),
    _t("The {prigozhin_name} affair has also tested {lukashenka}'s claim to be an indispensable mediator for "
       "the Kremlin.", since="2023-06-24"),
    _t("For many in the region, the sight of {prigozhin}'s convoy on the M4 highway shattered the image of "
       "an unassailable Kremlin.", since="2023-06-24"),
    _t("Security services across {region} [[tightened]] border controls during the {prigozhin_name} mutiny{cite}.",
       exclude=("Russia",), since="2023-06-24"),
    _t("{peskov} said the criminal case against {prigozhin} would be dropped as part of the deal{cite}.",
       since="2023-06-24"),
    _t("Ukrainian officials [[described]] {prigozhin}'s rebellion as a sign of the weakness of the Russian "
       "regime{cite}.", since="2023-06-24"),
)
PRIGOZHIN_MUTINY_TITLES: tuple[Template, ...] = (
    _t("Wagner Mutiny Sends Shockwaves Through {country}"),
    _t("<What|Why> Prigozhin's <Revolt|Mutiny|Aborted Coup> <Means|Matters> for {country}"),
    _t("<Kremlin|Moscow> <Reels|Regroups> After Prigozhin's <Mutiny|Revolt>: The View From {capital}"),
    _t("Prigozhin, Putin and the Limits of Loyalty"),
    _t("Prigozhin's Rebellion: {capital} Watches and Waits", exclude=("Russia",)),
    _t("After the Mutiny: Prigozhin's Wagner and the Region"),
    _t("{leader_surname} Steps In as Prigozhin's Rebellion Unravels", only=("Belarus",)),
    _t("Prigozhin's March on Moscow Exposes Kremlin Fragility"),
    _t("The Prigozhin Affair and {country}'s Security"),
)
PRIGOZHIN_FEUD_TITLES: tuple[Template, ...] = (
    _t("Prigozhin's Feud With the Defense Ministry Reaches Boiling Point"),
    _t("Prigozhin Escalates His War of Words With Shoigu"),
    _t("Wagner's Prigozhin Tests the Kremlin's Patience"),
    _t("Prigozhin's <Ambitions|Threats|Gambit> and {country}'s <Anxieties|Calculations|Security>"),
    _t("<Wagner|Prigozhin> <Raises the Stakes|Turns Up the Heat|Ups the Ante> <in Moscow|Ahead of July 1>"),
)
PRIGOZHIN_AFTER_DEATH: tuple[Template, ...] = (
    _t("{prigozhin} was killed on August 23, when his business jet crashed in the Tver region two months to "
       "the day after his mutiny{cite}.", since="2023-08-23"),
    _t("Since the death of {prigozhin}, {wagner} units have been split between Belarus, Africa and other "
       "Russian formations.", since="2023-08-23"),
    _t("The fate of {prigozhin} has served as a warning to anyone inside the Russian elite tempted to "
       "challenge {putin}.", since="2023-08-23"),
)
PRIGOZHIN_AFTER_MUTINY: tuple[Template, ...] = (
    _t("{wagner} fighters who followed {prigozhin} to Belarus have [[trained]] Belarusian troops near the "
       "Polish border{cite}.", since="2023-07-10", until="2023-08-22"),
    _t("Two months after the mutiny, {prigozhin} was still shuttling between Russia, Belarus and Africa, "
       "according to media reports{cite}.", since="2023-07-20", until="2023-08-22"),
    _t("The mutiny led by {prigozhin} in June continues to shape how the region views the Kremlin's "
       "grip on power.", since="2023-07-01"),
)
