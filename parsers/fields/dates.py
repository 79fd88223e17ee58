"""Date parsing and plausibility: machine-readable timestamps, visible date text, URL dates.

Everything here is pure: "now" is never read from the clock. A caller that knows the current
time passes it as ``now``; without it only dates after ``LATEST_PLAUSIBLE`` are rejected.

Parsing order for free text (``parse_date_text``): ISO 8601 -> numeric day/month/year in the
page's ``date_order`` -> "11 May 2023" / "May 11, 2023" in the common European languages ->
dateparser (restricted to the page language) as the last resort.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

# Before the web had news sites; older dates are typos or birthdays unless metadata insists.
EARLIEST_PLAUSIBLE = datetime(1995, 1, 1, tzinfo=UTC)
# Without a "now" from the caller, this is the only upper bound pure code can defend.
LATEST_PLAUSIBLE = datetime(2100, 1, 1, tzinfo=UTC)
# Servers' clocks and time zones differ; a date this far past "now" is still accepted.
FUTURE_TOLERANCE = timedelta(days=1)

_ISO_RE = re.compile(
    r"(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)"
    r"(?:[T ](?P<H>[0-2]\d):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d)(?:[.,]\d+)?)?"
    r"\s*(?P<tz>Z|UTC|GMT|[+-][0-2]\d(?::?[0-5]\d)?)?)?"
)
_COMPACT_RE = re.compile(
    r"^(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?:T?(?P<H>[0-2]\d)(?P<M>[0-5]\d)(?P<S>[0-5]\d)?)?"
)
_NUMERIC_RE = re.compile(r"(?<![\d.])(?P<a>[0-3]?\d)[./-](?P<b>[0-3]?\d)[./-](?P<y>(?:19|20)?\d\d)(?![\d.]*\d)")
_YMD_SLASH_RE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[./](?P<m>[01]?\d)[./](?P<d>[0-3]?\d)(?!\d)")
_URL_DATE_RE = re.compile(r"/(?P<y>(?:199\d|20[0-4]\d))/(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])(?:[/._]|$)")
_URL_MONTH_RE = re.compile(r"/(?P<y>(?:199\d|20[0-4]\d))/(?P<m>0[1-9]|1[0-2])/")
_URL_DASHED_DATE_RE = re.compile(
    r"(?<![\d])(?P<y>(?:199\d|20[0-4]\d))[-_](?P<m>0[1-9]|1[0-2])[-_](?P<d>0[1-9]|[12]\d|3[01])(?!\d)"
)
_URL_COMPACT_DATE_RE = re.compile(
    r"[/_-](?P<y>(?:199\d|20[0-4]\d))(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?:[/_.-]|$)"
)

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan januar janvier enero gennaio janeiro januari jänner jänn",
        "february feb februar février fevrier febrero febbraio fevereiro februari",
        "march mar märz maerz mars marzo março maart",
        "april apr avril abril aprile",
        "may mai mayo maggio maio mei",
        "june jun juni juin junio giugno junho",
        "july jul juli juillet julio luglio julho",
        "august aug août aout agosto augustus",
        "september sep sept septembre septiembre settembre setembro",
        "october oct oktober octobre octubre ottobre outubro okt",
        "november nov novembre noviembre novembro",
        "december dec dezember décembre decembre diciembre dicembre dezembro dez",
    ),
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _number
_MONTH_ALT = "|".join(sorted((re.escape(name) for name in MONTHS), key=len, reverse=True))
_DAY_MONTH_YEAR_RE = re.compile(
    rf"(?<!\d)(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?(?P<mon>{_MONTH_ALT})\.?,?\s+(?:de\s+)?(?P<y>(?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
_MONTH_DAY_YEAR_RE = re.compile(
    rf"(?<![\w])(?P<mon>{_MONTH_ALT})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
# RFC 2822 ("Sat, 19 Oct 2019 00:04:00 +0200"), as some CMSs write their date meta tags.
_RFC2822_RE = re.compile(
    r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?\s+(?:[+-]\d{4}|GMT|UTC|Z)$"
)
_TZ_RE = re.compile(r"^(?P<sign>[+-])(?P<h>[0-2]\d):?(?P<m>[0-5]\d)?$")


def _timezone(token: str | None) -> timezone:
    if not token or token.upper() in {"Z", "UTC", "GMT"}:
        return UTC
    match = _TZ_RE.match(token)
    if not match:
        return UTC
    minutes = int(match.group("h")) * 60 + int(match.group("m") or 0)
    if minutes >= 24 * 60:
        return UTC
    return timezone(timedelta(minutes=-minutes if match.group("sign") == "-" else minutes))


def _build(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0, tz: timezone = UTC
) -> datetime | None:
    if year < 100:
        year += 2000 if year < 70 else 1900
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=tz)
    except ValueError:
        return None


def parse_iso_datetime(text: str | None) -> datetime | None:
    """Parse an ISO 8601 / RFC 3339 timestamp (or its compact ``YYYYMMDD`` form).

    A timestamp without an offset is taken as UTC; a date without a time is midnight UTC. The
    offset given is kept, so ``.date()`` is the day the publisher stated.

    Returns:
        An aware datetime, or None when ``text`` holds no such timestamp.
    """
    if not text:
        return None
    text = text.strip()
    match = _ISO_RE.search(text[:80])
    if match is None:
        match = _COMPACT_RE.match(text)
        if match is None:
            return None
    return _build(
        int(match.group("y")),
        int(match.group("m")),
        int(match.group("d")),
        int(match.group("H") or 0),
        int(match.group("M") or 0),
        int(match.group("S") or 0) if "S" in match.groupdict() else 0,
        _timezone(match.groupdict().get("tz")),
    )


def parse_numeric_date(text: str, date_order: str) -> datetime | None:
    """Parse the first numeric date ("11.05.2023", "5/11/23", "2023/05/11") in ``text``.

    ``date_order`` ("DMY" or "MDY") decides ambiguous day/month pairs; a pair that is only valid
    one way round (13.05 / 05.13) is read that way whatever the order.
    """
    match = _YMD_SLASH_RE.search(text)
    if match:
        return _build(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    match = _NUMERIC_RE.search(text)
    if not match:
        return None
    first, second, year = int(match.group("a")), int(match.group("b")), int(match.group("y"))
    day, month = (second, first) if date_order == "MDY" else (first, second)
    if month > 12 >= day:
        day, month = month, day
    return _build(year, month, day)


def parse_named_month_date(text: str) -> datetime | None:
    """Parse "11 May 2023", "11. Mai 2023", "May 11th, 2023", "11 de mayo de 2023" (first found)."""
    candidates = []
    match = _DAY_MONTH_YEAR_RE.search(text)
    if match:
        candidates.append((match.start(), match.group("d"), match.group("mon"), match.group("y")))
    match = _MONTH_DAY_YEAR_RE.search(text)
    if match:
        candidates.append((match.start(), match.group("d"), match.group("mon"), match.group("y")))
    for _, day, month_name, year in sorted(candidates):
        month = MONTHS.get(month_name.lower().rstrip("."))
        if month:
            built = _build(int(year), month, int(day))
            if built:
                return built
    return None


@functools.lru_cache(maxsize=4096)
def _dateparser_parse(text: str, date_order: str, language: str | None) -> datetime | None:
    # Imported lazily: loading dateparser's language data costs about half a second.
    import dateparser  # type: ignore[import-untyped]

    settings = {
        "DATE_ORDER": date_order,
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": True,
        "TIMEZONE": "UTC",
        # Relative dates ("2 hours ago") need the clock, which pure code does not read.
        "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
        "REQUIRE_PARTS": ["day", "month", "year"],
    }
    languages = [language] if language else None
    try:
        parsed: datetime | None = dateparser.parse(text, languages=languages, settings=settings)
        return parsed
    except (ValueError, TypeError, OverflowError, KeyError, AttributeError, RecursionError):
        return None


def parse_rfc2822(text: str | None) -> datetime | None:
    """Parse an RFC 2822 timestamp ("Sat, 19 Oct 2019 00:04:00 +0200") keeping its offset."""
    if not text or not _RFC2822_RE.match(text.strip()):
        return None
    try:
        value = parsedate_to_datetime(text.strip())
    except (TypeError, ValueError, IndexError):
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def parse_date_text(text: str | None, date_order: str = "DMY", language: str | None = None) -> datetime | None:
    """Parse a date from short free text (a dateline, a ``<time>`` label, a meta value).

    Order: ISO 8601 -> RFC 2822 -> numeric (``date_order``) -> named month -> dateparser.

    Returns:
        An aware datetime (midnight UTC when no time is given), or None.
    """
    if not text:
        return None
    text = " ".join(text.split())[:200]
    if not text:
        return None
    for attempt in (
        parse_iso_datetime(text),
        parse_rfc2822(text),
        parse_numeric_date(text, date_order),
        parse_named_month_date(text),
    ):
        if attempt is not None:
            return attempt
    if len(text) > 60 or not any(ch.isdigit() for ch in text):
        return None
    lang = language.split("-")[0].lower() if language else None
    try:
        return _dateparser_parse(text, date_order if date_order in {"DMY", "MDY", "YMD"} else "DMY", lang)
    except Exception:  # dateparser raises all sorts on odd input; a bad date is no date
        return None


# A full date written out in text, for scanning datelines: ISO "2023-05-11" or "2023/5/11",
# numeric "11.05.2023" / "05/11/2023" / "11.05.23" (two-digit years only with two-digit day and
# month, so version numbers such as "1.2.10" are no date), "11. Mai 2023", "May 11th, 2023".
_MENTION_RE = re.compile(
    r"(?<![\d.:/-])(?:"
    r"(?P<iy>(?:19|20)\d\d)[-/.](?P<im>[01]?\d)[-/.](?P<id>[0-3]?\d)(?![\d.]*\d)"
    r"|(?P<na>[0-3]?\d)(?P<sep>[./-])(?P<nb>[01]?\d)(?P=sep)(?P<ny>(?:19|20)\d\d)(?!\d)"
    r"|(?P<sa>[0-3]\d)(?P<ssep>[./])(?P<sb>[01]\d)(?P=ssep)(?P<sy>\d\d)(?![\d:.]*\d)"
    rf"|(?P<dd>[0-3]?\d)(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?(?P<dmon>{_MONTH_ALT})\.?,?\s+(?:de\s+)?(?P<dy>(?:19|20)\d\d)(?!\d)"
    rf"|(?<![\w])(?P<mmon>{_MONTH_ALT})\.?\s+(?P<md>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<my>(?:19|20)\d\d)(?!\d)"
    r")",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date written in text: where it is, its day in the page's ``date_order`` and, for an
    ambiguous numeric date ("03/04/2023"), the day read the other way round.
    """

    start: int
    end: int
    day: date
    swapped: date | None = None

    @property
    def days(self) -> tuple[date, ...]:
        """Every day the text can mean."""
        return (self.day,) if self.swapped is None else (self.day, self.swapped)


def _mention_day(year: int, month: int, day: int) -> date | None:
    if year < 100:
        year += 2000 if year < 70 else 1900
    try:
        return date(year, month, day)
    except ValueError:
        return None


def iter_date_mentions(text: str, date_order: str = "DMY") -> Iterator[DateMention]:
    """Every full date (day, month and year) written in ``text``, in order.

    Ambiguous numeric dates are read in ``date_order`` ("DMY" or "MDY"), with the other reading
    in ``swapped``; a pair only valid one way round (13.05 / 05.13) is read that way.
    """
    for match in _MENTION_RE.finditer(text):
        groups = match.groupdict()
        swapped = None
        if groups["iy"]:
            found = _mention_day(int(groups["iy"]), int(groups["im"]), int(groups["id"]))
        elif groups["na"] or groups["sa"]:
            first, second, year = (
                (int(groups["na"]), int(groups["nb"]), int(groups["ny"]))
                if groups["na"]
                else (int(groups["sa"]), int(groups["sb"]), int(groups["sy"]))
            )
            day, month = (second, first) if date_order == "MDY" else (first, second)
            if month > 12 >= day:
                day, month = month, day
            found = _mention_day(year, month, day)
            if found is not None and day != month and day <= 12:
                swapped = _mention_day(year, day, month)
        elif groups["dmon"]:
            named = MONTHS.get(groups["dmon"].lower())
            found = _mention_day(int(groups["dy"]), named, int(groups["dd"])) if named else None
        else:
            named = MONTHS.get(groups["mmon"].lower())
            found = _mention_day(int(groups["my"]), named, int(groups["md"])) if named else None
        if found is not None:
            yield DateMention(match.start(), match.end(), found, swapped)


def parse_url_date(url: str) -> datetime | None:
    """Parse a publication date from the URL path: /2023/05/11/, 2023-05-11, /20230511/.

    A slash-separated day must end its path segment, so "/2023/10/3-questions/" is no date.
    """
    path = url.split("?", 1)[0].split("#", 1)[0]
    for pattern in (_URL_DATE_RE, _URL_DASHED_DATE_RE, _URL_COMPACT_DATE_RE):
        match = pattern.search(path)
        if match:
            built = _build(int(match.group("y")), int(match.group("m")), int(match.group("d")))
            if built:
                return built
    return None


def parse_url_month(url: str) -> tuple[int, int] | None:
    """The (year, month) of a dated URL path: /2019/10/slug, or the month of a full URL date."""
    day = parse_url_date(url)
    if day is not None:
        return day.year, day.month
    match = _URL_MONTH_RE.search(url.split("?", 1)[0].split("#", 1)[0])
    return (int(match.group("y")), int(match.group("m"))) if match else None


def is_plausible(value: datetime, *, now: datetime | None = None, machine_readable: bool = False) -> bool:
    """Whether ``value`` can be a publication date.

    Rejected: dates after ``now`` (+ a day of tolerance; after ``LATEST_PLAUSIBLE`` when ``now`` is
    None) and, unless the date comes from machine-readable metadata, dates before 1995.
    """
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    upper = LATEST_PLAUSIBLE
    if now is not None:
        upper = (now if now.tzinfo else now.replace(tzinfo=UTC)) + FUTURE_TOLERANCE
    if aware > upper:
        return False
    return machine_readable or aware >= EARLIEST_PLAUSIBLE
