"""Clean author names out of byline text and metadata values.

``split_author_names`` turns "By Jane Doe and John Roe, Staff Writers | Example Times" into
["Jane Doe", "John Roe"]: it strips a leading "By"/"Von"/"Par"/..., e-mail addresses, URLs,
dates and times, "Updated"/"Published" tails, roles ("Staff Writer", "Correspondent") and an
outlet name given by the caller, then splits on "and", "und", "&", ";", "|", "/" and commas
(a comma only splits when both sides look like names).
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

_PREFIX_RE = re.compile(
    r"^\s*(?:(?:written|posted|reported|text|story|words|published|submitted)\s+by|(?:eingestellt|erstellt|geschrieben|gespeichert|verfasst|veröffentlicht)\s+von|by|von|vom|par|por|di|door|av|af|de|autor(?:in)?|author|authors|autoren|verfasser(?:in)?|text|texto|escribe|interview|redakteur(?:in)?|责任编辑|编辑|作者|记者)\b\s*[:：\-–—]?\s*",
    re.IGNORECASE,
)
_EMAIL_RE = re.compile(
    r"\S+@\S+\.\w+|\[?email\s+protected\]?"
    r"|[\w.+-]+\s*(?:\[at\]|\(at\)|\s+at\s+)\s*[\w-]+(?:\.|\s*\[dot\]\s*|\s*\(dot\)\s*)[a-z]{2,}\b",
    re.IGNORECASE,
)
_COPYRIGHT_RE = re.compile(r"^\s*(?:©|\(c\)|copyright\b)\s*(?:\d{4}\s*)?", re.IGNORECASE)
# "Posted on May 5, 2023 by Jane Doe", "4. November 2021 von Redaktion": the name follows the
# last "by"/"von" of a byline whose lead-in is a date or a posting verb.
_INNER_BY_RE = re.compile(
    r"^(?P<lead>.*?(?:\d|\b(?:posted|written|published|beitrag|artikel|text|eingestellt|erstellt|veröffentlicht|geschrieben|publié|"
    r"rezept|recipe|kolumne|column|gastbeitrag|kommentar|essay|bericht|reportage|pressemitteilung)\b)[^|]*?)"
    r"(?:^|\s|[·|,]|(?<=\d))(?:by|von|par|por|door|di)\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)
# Link titles around an author link: "Zum Profil von jdoe", "View profile of Jane Doe".
_LINK_TITLE_RE = re.compile(
    r"\b(?:zum\s+profil\s+von|profil\s+von|view\s+(?:the\s+)?profile\s+of|(?:alle\s+)?(?:beiträge|artikel)\s+von"
    r"|(?:all|more|view)\s+(?:posts|articles|stories)\s+(?:by|from))\s+",
    re.IGNORECASE,
)
_AUTHOR_LABEL_RE = re.compile(
    r"\b(?:autor(?:in|en)?|authors?|auteurs?|autore|verfasser(?:in)?|text)\s*:\s*(?P<rest>\S.*)$", re.IGNORECASE
)
_NEXT_LABEL_RE = re.compile(r"\s+[^\W\d]+:(?:\s|$)")
# Pieces of a byline row that are not names: "in Uncategorized", "Leave a comment".
_NOT_A_NAME_PIECE_RE = re.compile(
    r"^(?:in|im|unter|filed under|category|kategorie)\s|comment|kommentar|hinterlasse|antworten|reply",
    re.IGNORECASE,
)
# A user handle with digits ("freeman1984", "delta201") is a name here; other digit runs are not.
_HANDLE_WITH_DIGITS_RE = re.compile(r"^[A-Za-z][A-Za-z_.-]*\d+[A-Za-z]*$")
# Markup inside a metadata value: '<a href="/experts/jane-doe">Jane Doe</a>'.
_TAG_RE = re.compile(r"</?[a-zA-Z][^>]*>")
_URL_RE = re.compile(r"https?://\S+|www\.\S+")
_HANDLE_RE = re.compile(r"(?<!\w)@\w+")
_DATE_TAIL_RE = re.compile(
    r"\s*(?:[|,–—-]\s*)?(?:"
    # "Updated ...", "Zuletzt geändert ...", "Publicado ...", "Stand: ..."
    r"\b(?:(?:zuletzt\s+|last\s+)?(?:updated|modified|geändert)|published|posted|stand(?=:)|aktualisiert"
    r"|veröffentlicht|actualizado|atualizado|publicado|publié|mis à jour)\b[^|]*"
    # "am"/"on"/"um"/"le"/"el" only before a date or time ("on May 5", "am 5. Mai"), or alone at the end
    r"|\b(?:am|on|um|le|el)\b(?:[:\s]+(?=(?:[^\W\d]+\.?,?\s+)?\d)[^|]*)?"
    r"|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}.*"
    r"|\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*day\b.*"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b.*"
    r"|\d{1,2}:\d{2}.*"
    # a day and a month name: "4 mayo", "5. Mai 2023"
    r"|(?<=\s)\d{1,2}\.?\s+(?:de\s+)?[^\W\d]{3,}\.?(?:\s+(?:de\s+)?\d{2,4})?"
    r"|\b(?:mo|di|mi|do|fr|sa|so|mon|tue|wed|thu|fri|sat|sun)\.?,?\s+\d.*"
    r")$",
    re.IGNORECASE,
)
_ROLE_RE = re.compile(
    r"\s*[,|–—-]?\s*\b(?:senior\s+|chief\s+|special\s+|contributing\s+|associate\s+|deputy\s+|managing\s+|executive\s+|political\s+|foreign\s+|staff\s+)*"
    r"(?:staff\s+writer|writer|reporter|correspondent|editor(?:\s+at\s+large)?|columnist|contributor|journalist|photographer|\w*redakteur(?:in)?|\w*korrespondent(?:in)?|mitarbeiter(?:in)?|autor(?:in)?)s?\b.*$",
    re.IGNORECASE,
)
# A compound role before the name: "FOCUS-Online-Experte Jane Doe", "Gast-Autorin Jane Doe".
_ROLE_PREFIX_RE = re.compile(
    r"^[\w.]+(?:-[\w.]+)*-(?:experte|expertin|autor(?:in)?|redakteur(?:in)?|korrespondent(?:in)?|kolumnist(?:in)?"
    r"|reporter(?:in)?)\s+(?=\S+\s+\S)",
    re.IGNORECASE,
)
_SPLIT_RE = re.compile(r"\s+(?:and|und|et|y|e|en|och|og|&)\s+|\s*[;&|/]\s*|\s*·\s*", re.IGNORECASE)
_NOISE_RE = re.compile(r"[\[\]{}<>\"“”„«»]|\s{2,}")
_NON_NAME_RE = re.compile(
    r"\d{3,}|^(?:admin|administrator|wordpressadmin|editor|staff|guest|unknown|anonymous|null|none|name|publiziert|posted|"
    r"please enter your name here|your name|ihr name|agencies|no author|datum|date|autor unbekannt|unknown author|"
    r"(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday))$"
    r"|^(?:fotos?|photos?|bild|bilder|images?|quelle|source|fuente|fonte|źródło|übersetzung|translation|traduction)\b|\.(?:html?|php|aspx?|pdf|jpe?g|png)\b|\b(?:says|sagt|schreibt|wrote)$|\*",
    re.IGNORECASE,
)
_TAIL_NOISE_RE = re.compile(
    r"\s+(?:alle artikel|all (?:posts|articles|stories)|mehr von|more from|über|about|autorenseite|profile?"
    r"|view all|schließen|weitere beiträge|mehr beiträge|more posts|mitglied der|member of|lesezeit|reading time"
    r"|\d+\s*min\.?(?:ute)?s?\b|(?:kategorien?|categor(?:y|ies)|tags|schlagwörter)\s*:|twitter|facebook|instagram|linkedin|mastodon"
    r"|(?:illustrations?|illustriert|fotos?|photos?|bilder|images?|grafiken?|video)\s*(?:von|by|:)\s"
    r"|(?:übersetzung|translation|traduction|traducción)\b).*$",
    re.IGNORECASE,
)
_ORGANISATION_RE = re.compile(
    r"\b(?:e\.\s?V|gGmbH|GmbH|AG|SE|KG|Ltd|Inc|LLC|S\.A|Corp|plc)\b\.?$"
    r"|\b(?:stiftung|verband|verein|institut|foundation|association|university|universität|ministerium|ministry)\b",
    re.IGNORECASE,
)
_DOMAIN_RE = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$", re.IGNORECASE)
_WORD_RE = re.compile(r"[^\W\d_]+")
# One capitalised word of a name ("Doe", "Lange-Fricke", "O'Mahony").
_NAME_WORD_RE = re.compile(r"[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:['’-][^\W\d_]+)*")
_SEGMENT_SEP_RE = re.compile(r"\s+[-–—|:]\s+")
_INITIAL_END_RE = re.compile(r"(?:^|\s)\w\.$")
# WordPress rows "Posted by Jane under News", "by admin in Allgemein": a lower-case "under"/"in"
# starts the category, never a name.
_CATEGORY_TAIL_RE = re.compile(r"\s+(?:filed\s+under|under|in)(?:\s+\S.*)?$")
# Affiliation markers glued to a name in journal bylines: "Marwan H. Adwan1", "Jane Doe1,2*".
_FOOTNOTE_TAIL_RE = re.compile(r"(?<=[^\W\d_])\s?\d{1,2}(?:,\s*\d{1,2})*\*?$")
# Credits that name someone other than the author: "Edited by", "Photos by", "Theme by".
_CREDIT_VERBS = (
    r"edited|translated|illustrated|photographed|compiled|curated|produced|designed|developed|powered|hosted"
    r"|reviewed|fact-checked"
)
_CREDIT_NOUNS = r"photos?|images?|illustrations?|video|theme|design|übersetzt|übersetzung|fotos?|bearbeitet"
_OTHER_CREDIT_RE = re.compile(
    rf"^\W*(?:(?:\S+\s+){{0,3}}(?:{_CREDIT_VERBS})\s+by|(?:{_CREDIT_NOUNS})\s+(?:by|von)"
    r"|(?:bearbeitet|redigiert|übersetzt)\s+von)\b",
    re.IGNORECASE,
)
# The words just before a "by" that make it someone else's credit: "XenForo theme| by X".
_CREDIT_LEAD_RE = re.compile(rf"\b(?:{_CREDIT_VERBS}|{_CREDIT_NOUNS})\W*$", re.IGNORECASE)
# Lower-case words a personal name may contain ("Ursula von der Leyen", "Charles de Gaulle");
# any other lower-case word before a capitalised one ("Kontaktverbot bis Zoonose", "und
# Interview: Jane Doe") means the text is not a name. A lower-case surname typed by a user
# ("Mobasir hassan") stays a name.
NAME_PARTICLES = frozenset(
    {
        *("von", "vom", "zu", "zum", "zur", "der", "den", "van", "ver", "ten", "ter"),
        *("de", "del", "della", "degli", "dei", "di", "da", "das", "dos", "do", "du", "des"),
        *("la", "le", "lo", "les", "y", "e", "i", "bin", "ibn", "bint", "al", "el", "ben", "ap", "mac", "af", "av"),
    }
)
MAX_NAME_WORDS = 6
MAX_NAME_CHARS = 60


def _looks_like_name(text: str) -> bool:
    words = text.split()
    if not 1 <= len(words) <= MAX_NAME_WORDS or len(text) > MAX_NAME_CHARS:
        return False
    lower = [i for i, word in enumerate(words) if word.isalpha() and word.islower() and word not in NAME_PARTICLES]
    if lower and any(word[0].isupper() for word in words[lower[0] + 1 :]):
        return False
    # Two lower-case words beside capitalised ones, or a sentence's full stop inside, make prose
    # ("Creative Commons funktionieren wie ein", "Zucker führt. Dieser"). A name typed all in
    # lower case ("giampiero maggio") stays a name.
    sentence_end = any(word.endswith(".") and len(word) > 3 and word[:-1].islower() for word in words[:-1])
    if (len(lower) >= 2 and len(lower) < len(words)) or sentence_end:
        return False
    return any(ch.isalpha() for ch in text)


def clean_author_name(raw: str, *, outlet: str | None = None) -> str | None:
    """One author name from ``raw`` with prefixes, e-mails, dates and roles removed, or None."""
    text = " ".join(html.unescape(raw).replace("\xa0", " ").replace("\xad", "").split())
    text = _COPYRIGHT_RE.sub("", text)
    text = _EMAIL_RE.sub("", text)
    text = _URL_RE.sub("", text)
    text = _HANDLE_RE.sub("", text) if not text.startswith("@") else text.lstrip("@")
    for _ in range(2):
        text = _PREFIX_RE.sub("", text)
    text = _DATE_TAIL_RE.sub("", text)
    text = _ROLE_PREFIX_RE.sub("", text)
    # A role after the name ("Jane Doe, Reporter", "Jane Doe Redakteurin"), unless it would leave a
    # lone first word: "Rasender Reporter" is a pen name.
    role = _ROLE_RE.search(text)
    if role and (len(text[: role.start()].split()) != 1 or re.match(r"\s*[,|–—-]", role.group(0))):
        text = text[: role.start()]
    text = _TAIL_NOISE_RE.sub("", text)
    text = _CATEGORY_TAIL_RE.sub("", text)
    if " " in text.strip():
        text = _FOOTNOTE_TAIL_RE.sub("", text.strip())
    text = _NOISE_RE.sub(" ", text).strip(" ,;:|-–—()·@")
    # A trailing full stop is kept after an initial ("Joe S.") and dropped elsewhere.
    if text.endswith(".") and not _INITIAL_END_RE.search(text):
        text = text.rstrip(".").strip()
    # An avatar's alt text next to the linked name: "Jane Doe Jane Doe"; the user's login after
    # the name: "Jane Doe janedoe".
    words = text.split()
    half = len(words) // 2
    if half and len(words) % 2 == 0 and words[:half] == words[half:]:
        text = " ".join(words[:half])
    elif len(words) > 2 and words[-1].islower() and words[-1] == "".join(words[:-1]).lower():
        text = " ".join(words[:-1])
    if outlet and text.lower() == outlet.lower():
        return None
    if not text or _NOT_A_NAME_PIECE_RE.search(text) or not _looks_like_name(text):
        return None
    if _NON_NAME_RE.search(text) and not _HANDLE_WITH_DIGITS_RE.match(text):
        return None
    return text


def ends_with_credit_word(text: str) -> bool:
    """Whether ``text`` ends with a word that makes a following "by" someone else's credit
    ("XenForo theme", "Photos", "Edited").
    """
    return bool(_CREDIT_LEAD_RE.search(text))


def looks_like_handle(name: str) -> bool:
    """Whether ``name`` is a user handle ("AlexanderLasch", "AOC_media", "brn_dd", "jdoe",
    "jane-doe"), not a name as the byline shows it.
    """
    if " " in name:
        return False
    inner_capital = any(ch.isupper() for ch in name[1:]) and not name.isupper()
    # A login is typed in lower case; a name as printed is not ("jdoe" vs "Cooper").
    login = name.islower() and name.replace("-", "").isalpha()
    return inner_capital or login or "_" in name or any(ch.isdigit() for ch in name) or "." in name


_FIRST_NAMES_FILE = Path(__file__).resolve().parents[1] / "data" / "first_names.txt"
# A person's full name as bylines print it: a given name and one or two capitalised names more.
_FULL_NAME_RE = re.compile(r"^[^\W\d_][\w'’.-]*(?:\s+[A-ZÄÖÜÁÉÍÓÚØÅÆ][\w'’-]+){1,2}$")


@functools.cache
def first_names() -> frozenset[str]:
    """The given names of ``parsers/data/first_names.txt`` (see NOTICE.txt there)."""
    lines = _FIRST_NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def looks_like_person(name: str) -> bool:
    """Whether ``name`` reads as a person's full name: a known given name followed by one or two
    capitalised names ("Wolfgang Schmale", "Anu Garg"); "Biathlon World" and "Die Tagespresse"
    do not.
    """
    words = name.split()
    return (
        bool(_FULL_NAME_RE.match(name))
        and words[0] in first_names()
        and not any(len(w) > 2 and w.isupper() for w in words)  # "Luigi LAVAZZA SPA"
    )


def looks_like_organisation(name: str, site_names: tuple[str, ...] = ()) -> bool:
    """Whether ``name`` names an organisation rather than a person: a legal form ("e.V.",
    "GmbH"), a domain name ("example.de"), or the site itself: the whole site name, or two or
    more words found together in it ("Die FURCHE" on "Achtsam durch die Krise | Die FURCHE",
    "Helmholtz Klima" on "Helmholtz-Klima-Initiative"). One word inside a longer site name is
    not enough: "Julia" on "Crazy Julia" is the blogger.
    """
    if _ORGANISATION_RE.search(name) or _DOMAIN_RE.match(name):
        return True
    words = _WORD_RE.findall(name.lower())
    if not words:
        return False
    phrase = f" {' '.join(words)} "
    for site in site_names:
        site_phrase = f" {' '.join(_WORD_RE.findall(site.lower()))} "
        if phrase == site_phrase or (len(words) >= 2 and phrase in site_phrase):
            return True
        # The site's name inside the value: "Casa Editorial El Tiempo" on "El Tiempo".
        if site_phrase.count(" ") >= 3 and site_phrase in phrase:
            return True
    return False


def _strip_outlet_segments(text: str, outlet: str) -> str:
    """``text`` without a leading or trailing segment that is the outlet's name ("Example -
    Jane Doe", "Jane Doe | Example").
    """
    pieces = _SEGMENT_SEP_RE.split(text)
    if len(pieces) < 2:
        return text
    kept = [piece for piece in pieces if piece.strip().lower() != outlet.strip().lower()]
    return " - ".join(kept) if kept and len(kept) < len(pieces) else text


def split_author_names(raw: str, *, outlet: str | None = None) -> list[str]:
    """All author names in a byline or metadata value, cleaned, in order, without duplicates."""
    if not raw:
        return []
    # Soft hyphens are invisible hyphenation hints ("Mat\xadthi\xadas"), not part of the name.
    text = " ".join(_TAG_RE.sub(" ", html.unescape(raw)).replace("\xa0", " ").replace("\xad", "").split())
    if _OTHER_CREDIT_RE.match(text):
        return []
    # URLs go before splitting: their "/" would split them into pieces.
    text = _URL_RE.sub(" ", text).strip(" -–—·|:*~")
    if outlet:
        text = _strip_outlet_segments(text, outlet)
    text = _LINK_TITLE_RE.sub("", text)
    # A labelled row inside a block: "Datum: 19.11.2021 Autor: Jane Doe Quelle: Example".
    labelled = _AUTHOR_LABEL_RE.search(text)
    if labelled and labelled.start() > 0:
        text = _NEXT_LABEL_RE.split(labelled.group("rest"), maxsplit=1)[0]
    inner = _INNER_BY_RE.match(text)
    if inner and not _PREFIX_RE.match(text):
        text = inner.group("rest")
    text = _PREFIX_RE.sub("", text)
    text = _DATE_TAIL_RE.sub("", text)
    parts: list[str] = []
    for chunk in _SPLIT_RE.split(text):
        pieces = [p for p in chunk.split(",") if p.strip()]
        # "Doe, Jane" (one name) vs "Jane Doe, John Roe" (two names): split only when each piece
        # has at least two words.
        if len(pieces) > 1 and all(len(p.split()) >= 2 for p in pieces):
            parts.extend(pieces)
        elif len(pieces) == 2 and all(_NAME_WORD_RE.fullmatch(p.strip()) for p in pieces):
            parts.append(f"{pieces[1].strip()} {pieces[0].strip()}")
        elif len(pieces) == 2 and all(len(p.split()) == 1 for p in pieces):
            # "red, wien.ORF.at": an abbreviation and a source, no inverted name.
            parts.extend(pieces)
        else:
            parts.append(pieces[0] if pieces else chunk)
    names: list[str] = []
    for part in parts:
        name = clean_author_name(part, outlet=outlet)
        if name and name.lower() not in {n.lower() for n in names}:
            names.append(name)
    return names
