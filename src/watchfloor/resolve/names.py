"""Phonetic keys for romanised names: one key for the spellings of one name.

Needs: a personal name as written in English-language news.
Gives: `name_key` ("Mun Jae-in" and "Moon Jae In" give the same key),
`word_keys` for matching a partial name ("Moon") against a full one, and
`slug` for actor ids.

The key is built in three steps, each general rather than tied to any name:

1. Folding: diacritics stripped, case folded, apostrophes dropped (Wade-Giles
   aspiration "p'ing" = "ping"), Arabic articles ("al-", "el-") and
   "Abdul"/"Abd al-" folded; words are split on spaces and hyphens.
2. Spelling rules applied to each syllable group, in order: the digraphs of
   Korean romanisation (eo, eu, oo, yeo, ui), the Slavic endings (-sky/-skyy/
   -skiy, -iy/-yy, ye/ie), Wade-Giles and pinyin initials (hs/x, ch/zh/j,
   ts/tz/z), English consonant spellings (ph, ck, kh, dh, th, double letters),
   a voicing merge (b/p, d/t, g/k, v/w/f) and three vowel classes (a/e, i/y,
   o/u), so that the alternations transliteration systems disagree on
   collapse to one form.
3. Cross-language given names: Ukrainian and Russian forms of one name
   (Volodymyr/Vladimir, Kyrylo/Kirill) map to one key through a small table,
   because no spelling rule relates them.

A key is meant for candidate matching: callers must still check that the
country and role of the two people agree before treating them as one.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Ukrainian (and English) forms of given names -> the Russian form they share a key with.
_GIVEN_NAME_FORMS: dict[str, str] = {
    "volodymyr": "vladimir",
    "oleksandr": "aleksandr",
    "alexander": "aleksandr",
    "oleksiy": "aleksei",
    "oleksii": "aleksei",
    "dmytro": "dmitri",
    "serhiy": "sergei",
    "serhii": "sergei",
    "kyrylo": "kirill",
    "mykhailo": "mikhail",
    "mykhaylo": "mikhail",
    "mykola": "nikolai",
    "andriy": "andrei",
    "andrii": "andrei",
    "hryhoriy": "grigori",
    "petro": "pyotr",
    "peter": "pyotr",
    "pavlo": "pavel",
    "olha": "olga",
    "ihor": "igor",
    "oleh": "oleg",
    "hlib": "gleb",
    "vasyl": "vasili",
    "yevhen": "yevgeni",
    "bohdan": "bogdan",
    "iryna": "irina",
    "kateryna": "yekaterina",
    "halyna": "galina",
    "heorhiy": "georgi",
    "yosyp": "iosif",
}

# Rewrites applied to one lower-case ASCII word, in this order.
_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        # Slavic adjective endings: -sky, -skyy, -skiy, -skyi, -skij, -ski -> -ski.
        (r"(?<=[bcdfghjklmnpqrstvwxz])(?:iy|yy|yi|ii|ij|yj|ey|ei|y)$", "i"),
        # Wade-Giles and pinyin initials, before the generic consonant rules.
        (r"^hs", "x"),
        (r"^x", "s"),
        (r"x", "ks"),
        (r"q(?=[iy])", "j"),
        (r"q", "k"),
        (r"shch|sch", "s"),
        (r"dzh|dj|zh|ch|tch", "j"),
        (r"ts|tz", "z"),
        (r"sh", "s"),
        (r"kh", "h"),
        (r"ph", "f"),
        (r"ck", "k"),
        (r"(?<=[dt])h", ""),
        (r"gh", "g"),
        (r"^rh", "r"),
        # English "ar" before a consonant marks a long a (Park = Pak).
        (r"ar(?=[bcdfgjklmnpqstvwxz])", "a"),
        # Korean vowels written with two letters, and their loose English forms.
        (r"yeo", "yo"),
        (r"eo|eu|oo|ou", "u"),
        (r"(?<=[aeiou])y(?=[^aeiou]|$)", "i"),
        (r"(?<=[^aeiou])ui$", "i"),
        (r"oi", "oe"),
        (r"ee", "i"),
        (r"ie(?!$)|ye(?!$)", "e"),
        (r"^ye", "e"),
        (r"ei|ai", "ai"),
        # A word-final h after a vowel is silent (Abdallah = Abdalla).
        (r"(?<=[aeiou])h$", ""),
        # y between consonants is a vowel (Dmytro, Kyrylo).
        (r"(?<=[^aeiouy])y(?=[^aeiouy]|$)", "i"),
        # Voicing and letter-choice merges.
        (r"c(?=[eiy])", "s"),
        (r"c", "k"),
        (r"b", "p"),
        (r"d", "t"),
        (r"(?<!n)g", "k"),
        (r"[vw]", "f"),
        (r"z", "s"),
        # Three vowel classes.
        (r"e", "a"),
        (r"o", "u"),
        # The Korean surname Lee/Yi/Rhee/Ri and Lim/Im: an initial liquid before i drops.
        (r"^[lry](?=i)", ""),
        (r"^r(?=yu)", ""),
        # Doubled letters, last.
        (r"(.)\1+", r"\1"),
    )
)
# ISO codes of countries whose names English-language news writes family name first.
FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "KHM"})
_ARTICLE = re.compile(r"^(?:al|el|ul|ad|ar|as|ash|at|az|an)$")
_ABD = re.compile(r"^abd(?:ul|ur|al|el|ol|u|e)?(.*)$")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_SPLIT = re.compile(r"[\s\-\u2010-\u2015]+")
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    """Strip diacritics, fold case and drop apostrophes and dots (asked of every name
    word of a text, often many times over: cached)."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    ascii_only = re.sub(r"['\u2018\u2019\u02bc`\u00b4.]", "", ascii_only)
    return ascii_only.casefold()


def _parts(word: str) -> list[str]:
    """The hyphen-separated parts of one written word, Arabic articles removed."""
    parts = []
    for part in _SPLIT.split(word):
        part = re.sub(r"[^a-z]", "", part)
        if not part or _ARTICLE.match(part):
            continue
        abd = _ABD.match(part)
        if abd is None:
            parts.append(part)
        else:
            parts.extend(piece for piece in ("abd", abd.group(1)) if piece)
    return parts


@lru_cache(maxsize=65536)
def syllable_key(part: str) -> str:
    """The phonetic key of one lower-case name part ("deok" -> "duk")."""
    part = _GIVEN_NAME_FORMS.get(part, part)
    for pattern, replacement in _RULES:
        part = pattern.sub(replacement, part)
    return part


@lru_cache(maxsize=65536)
def generation(name: str) -> str | None:
    """The generational suffix closing a name ("jr" of "Donald Trump Jr."), if any.

    A suffix alone is no name: "II" gives None.
    """
    words = _fold(name).replace(",", " ").split()
    return words[-1] if len(words) > 1 and words[-1] in _SUFFIXES else None


def is_generation(word: str) -> bool:
    """Whether one written word is a generational suffix ("Jr.", "III")."""
    return _fold(word).strip(",") in _SUFFIXES


def without_generation(name: str) -> str:
    """The name without its generational suffix: "Trump Jr." -> "Trump"."""
    if generation(name) is None:
        return name
    return name.rstrip().rsplit(None, 1)[0].rstrip(" ,")


@lru_cache(maxsize=65536)
def word_keys(name: str) -> tuple[str, ...]:
    """One key per written word ("Han Duck-soo" -> ("han", "tuksu")), for partial matching.

    Middle initials and a generational suffix are left out: "George W. Bush" and
    "George Bush" share their keys, and so do "Trump Jr." and "Trump"; the
    suffix counts in `name_key`, which tells a son from his father.
    """
    words = _fold(name).replace(",", " ").split()
    if len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    if len(words) > 2:
        words = [words[0], *(word for word in words[1:-1] if len(word) > 1), words[-1]]
    keys = []
    for word in words:
        key = "".join(syllable_key(part) for part in _parts(word))
        if key:
            keys.append(key)
    return tuple(keys)


def family_name_keys(name: str, country: str | None) -> tuple[str, ...]:
    """Keys of the words a bare family name of this person may be written as.

    The last word ("Scholz" of "Olaf Scholz", "Burhan" of "Abdel Fattah
    al-Burhan"); in countries whose names English news writes family name
    first, the first word too ("Yoon" of "Yoon Suk Yeol", "Xi" of "Xi Jinping").
    """
    words = word_keys(name)
    if not words:
        return ()
    return tuple(
        dict.fromkeys((words[0], words[-1]) if country in FAMILY_NAME_FIRST else words[-1:])
    )


def word_initial(word: str) -> str:
    """The first letter of one name word as its key reads it: "el-Sisi" -> "s", "Ülker" -> "u"."""
    return plain_spelling(word)[:1]


def plain_spelling(word: str) -> str:
    """A name word folded as its key reads it, before spelling rules: "al-Burhan" -> "burhan"."""
    return "".join(_parts(_fold(word)))


def name_key(name: str) -> str:
    """The phonetic key of a whole name; spaces and hyphens between parts do not count.

    A generational suffix is part of the key: "Donald Trump Jr." and "Donald
    Trump" are two people, "James B. Comey" and "James Comey" one.
    """
    key = "".join(word_keys(name))
    suffix = generation(name)
    return f"{key}+{suffix}" if key and suffix else key


def same_name(first: str, second: str) -> bool:
    """Whether two spellings share a phonetic key (and are not empty); generations must match."""
    key = name_key(first)
    return bool(key) and key == name_key(second)


def slug(text: str) -> str:
    """A lower-case ASCII id for a name: "Han Duck-soo" -> "han-duck-soo"."""
    return _SLUG_JUNK.sub("-", _fold(text)).strip("-")
