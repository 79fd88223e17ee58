"""Transliteration and romanisation folding for alias matching.

Names of people and places from the post-Soviet space reach English-language news in many
spellings: "Lukashenka" (Belarusian), "Lukashenko" (Russian), "Лукашэнка", "Zelensky",
"Zelenskyy", "Zelenskiy", "Зеленский". No registry package does Cyrillic→Latin *plus* folding of
English/German/French romanisation habits the way alias matching needs it (``text-unidecode`` and
``unidecode`` transliterate, but do not fold "kh"/"h" or "-iy"/"-y"), so this module is
hand-written and small. The rules are deliberately conservative: two spellings meet only when the
difference is a *spelling convention*. Differences of *language* ("-enka" vs "-enko",
"Aleksandr" vs "Alyaksandr", "ou" vs "ov") are not folded; they are explicit aliases in
``config/entities.toml`` or ``tagging/data/organisations.toml``.

Folding rules, applied in this order by :func:`fold_alias` (documented in docs/tagging.md):

1. NFKC, then Cyrillic→Latin with :data:`CYRILLIC_TO_LATIN` (Russian, Belarusian, Ukrainian
   letters; soft and hard signs vanish; ``ё``→``e``, ``ў``→``u``, ``ы``→``y``).
2. Diacritics are removed (NFKD, combining marks dropped): ``ë``→``e``, ``ł``→``l``, ``İ``→``I``.
3. Case-folded; apostrophes and the possessive ``'s`` dropped; hyphens, dots and any other
   non-alphanumeric run become one space.
4. Per word: ``dzh``→``j``; ``kh``→``h``; ``tz``→``ts``; ``c`` not followed by ``h``→``ts``;
   ``sch``→``sh`` is NOT folded (German "Lukaschenko" stays distinct);
   word-initial ``ye``→``e`` (Yevgeny/Evgeny); ``yo``/``ë`` after a consonant →``e``
   (Fyodor/Fedor); ``iy`` before a vowel →``i`` (Aliyev/Aliev); ``ye`` after a vowel →``e``
   (Tokayev/Tokaev); doubled consonants →single (Kassym/Kasym); ``ya``→``ia``; ``yu``→``iu``;
   word-final ``ey``→``ei``, ``ay``→``ai``, ``oy``→``oi``; word-final ``iy``, ``ij``, ``yy``,
   ``yi``, ``ii`` →``y``; word-final ``ski``→``sky``.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["CYRILLIC_TO_LATIN", "fold_alias", "slugify", "transliterate"]

# Russian, Belarusian and Ukrainian letters. The Ukrainian/Belarusian "г" is romanised "h" by
# their own standards and "g" by Russian; "g" is used here and the variants are explicit aliases.
CYRILLIC_TO_LATIN: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e", "є": "ye",
    "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ў": "u", "ф": "f",
    "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip

_TRANSLIT_TABLE = str.maketrans(
    {**CYRILLIC_TO_LATIN, **{k.upper(): v.capitalize() for k, v in CYRILLIC_TO_LATIN.items()}}
)
_POSSESSIVE_RE = re.compile(r"['’]s\b|(?<=s)['’](?=\s|$)")
_APOSTROPHE_RE = re.compile(r"['’ʼ`´]")
_NON_ALNUM_RE = re.compile(r"[^0-9a-z]+")
_VOWELS = "aeiouy"
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]+")

# Per-word folding, applied in order (see the module docstring).
_WORD_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"dzh"), "j"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"tz"), "ts"),
    (re.compile(r"c(?!h)"), "ts"),
    (re.compile(r"^ye"), "e"),
    (re.compile(r"(?<=[^aeiouy])yo"), "e"),
    (re.compile(r"iy(?=[aeiou])"), "i"),
    (re.compile(r"(?<=[aeiou])ye"), "e"),
    (re.compile(r"([bcdfghjklmnpqrstvwxz])\1"), r"\1"),
    (re.compile(r"ya"), "ia"),
    (re.compile(r"yu"), "iu"),
    (re.compile(r"ey$"), "ei"),
    (re.compile(r"ay$"), "ai"),
    (re.compile(r"oy$"), "oi"),
    (re.compile(r"(?:iy|ij|yy|yi|ii)$"), "y"),
    (re.compile(r"ski$"), "sky"),
)


def transliterate(text: str) -> str:
    """Return ``text`` with Cyrillic letters romanised and diacritics removed (case kept).

    Used for display slugs and as the first steps of :func:`fold_alias`. Non-Cyrillic,
    non-Latin scripts pass through unchanged.
    """
    if text.isascii():
        return text  # every step below leaves ASCII as it is; most article text is ASCII
    latin = unicodedata.normalize("NFKC", text).translate(_TRANSLIT_TABLE)
    decomposed = unicodedata.normalize("NFKD", latin)
    # Only non-ASCII characters can be combining marks: look at those alone (a whole article
    # went through a per-character generator before, the costliest step of watch matching).
    stripped = _NON_ASCII_RE.sub(_drop_combining, decomposed)
    return stripped.replace("ł", "l").replace("Ł", "L").replace("ı", "i")


def _drop_combining(match: re.Match[str]) -> str:
    return "".join(ch for ch in match.group() if not unicodedata.combining(ch))


def _fold_word(word: str) -> str:
    for pattern, replacement in _WORD_RULES:
        word = pattern.sub(replacement, word)
    return word


def fold_alias(text: str) -> str:
    """Return the matching key of a name: equal keys mean "same spelling modulo convention".

    The key is lowercase ASCII words separated by single spaces; "" for text without letters
    or digits. Pure and deterministic. See the module docstring for the rules and their order.
    """
    latin = transliterate(text).casefold()
    latin = _POSSESSIVE_RE.sub("", latin)
    latin = _APOSTROPHE_RE.sub("", latin)
    words = _NON_ALNUM_RE.sub(" ", latin).split()
    return " ".join(_fold_word(w) for w in words)


def slugify(text: str) -> str:
    """Return a URL- and id-safe slug of ``text``: lowercase ASCII words joined by "-".

    Transliterates first (so "Лукашэнка" → "lukashenka"); no romanisation folding, so the slug
    stays readable. Empty input gives "".
    """
    latin = _APOSTROPHE_RE.sub("", transliterate(text).casefold())
    return "-".join(_NON_ALNUM_RE.sub(" ", latin).split())
