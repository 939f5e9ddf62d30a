"""Page metadata read from single lines: bylines and outlet names.

Every parser here looks at one line and either recognises it as metadata or
returns None; `page.py` decides where in a page each may be used. Date lines
are read by `date_lines.py`.
"""

from __future__ import annotations

import re

from watchfloor.ingest.date_lines import parse_date_line
from watchfloor.records import PartialDate

_MONTH_OR_WEEKDAY = re.compile(
    r"^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    r"|mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\W*$",
    re.I,
)
_BYLINE = re.compile(
    r"^(?:(?:written|reported|reporting|words|story|text)\s+)?by\s*:?\s+(?P<name>[^\W\d_].*?)\W*$",
    re.I,
)
_BYLINE_PARTS = re.compile(r"\s+[|–—]\s+|\s+-\s+")
_NAME_PART = re.compile(r"^[^\W\d_][\w.'’&-]*,?$")
_NAME_PARTICLE = re.compile(
    r"^(?:and|\&|de|da|di|del|van|von|der|den|bin|ibn|al|el|la|le|du)$",
    re.I,
)
_NOT_NAME_START = re.compile(
    r"^(?:the|a|an|this|that|these|those|its|his|her|their|our|my|then|now|far|way"
    r"|default|contrast|comparison|land|sea|air)$",
    re.I,
)
_OUTLET_SUFFIX = re.compile(r"^(?P<head>.+)\s+[|–—-]\s+(?P<outlet>\S.*?)$")
# Suffixes that name a kind of piece, not a publisher: "... - Analysis".
_GENRE_WORD = re.compile(
    r"^(?:analysis|explainer|opinion|comment|commentary|editorial|interview|live|video"
    r"|report|update|updates|factbox|timeline|podcast|review|feature)$",
    re.I,
)
_OUTLET_WORD = re.compile(r"^(?:[A-Z][\w.&'’]*|of|the|and|de|la|le|al|el)$")
_WIRE_DATELINE = re.compile(
    r"^[A-Z][A-Z .'’-]{1,40}(?:,\s*[\w .,]{1,30}?)?\s*\((?P<outlet>[A-Z][\w .&'’-]{0,40})\)\s*[-–—]"
)
MAX_BYLINE_WORDS = 8
MAX_OUTLET_WORDS = 4
MIN_WORDS_BEFORE_OUTLET = 3


def parse_byline(line: str) -> str | None:
    """The name in a byline line ("By Jane Doe", "by J. Doe | 12 March 2021"), else None."""
    match = _BYLINE.match(line.strip())
    if match is None:
        return None
    name = _BYLINE_PARTS.split(match["name"])[0].strip(" ,")
    words = name.split()
    if not 1 <= len(words) <= MAX_BYLINE_WORDS or _NOT_NAME_START.match(words[0].rstrip(",;:")):
        return None
    if _MONTH_OR_WEEKDAY.match(words[0]) or not all(_NAME_PART.match(word) for word in words):
        return None
    return name if _consistent_case(words) else None


def byline_date(line: str) -> PartialDate | None:
    """The date written after the name in a byline ("By Jane Doe | 12 March 2021")."""
    parts = _BYLINE_PARTS.split(line.strip())[1:]
    found = (parse_date_line(part) for part in parts)
    return next((date_line.date for date_line in found if date_line and date_line.date), None)


def _consistent_case(words: list[str]) -> bool:
    """Names are capitalised throughout ("Jane Doe") or typed all in lower case ("jane doe")."""
    if all(word.islower() for word in words):
        return True
    return all(word[0].isupper() or _NAME_PARTICLE.match(word) for word in words)


def split_outlet_suffix(headline: str) -> tuple[str, str | None]:
    """Split "Headline words here - Outlet Name" into the headline and the outlet."""
    match = _OUTLET_SUFFIX.match(headline.strip())
    if match is None:
        return headline.strip(), None
    head, outlet = match["head"].strip(), match["outlet"].strip()
    outlet_words = outlet.split()
    if (
        len(head.split()) < MIN_WORDS_BEFORE_OUTLET
        or not 1 <= len(outlet_words) <= MAX_OUTLET_WORDS
        or not outlet_words[0][:1].isupper()
        or not all(_OUTLET_WORD.match(word) for word in outlet_words)
        or _GENRE_WORD.match(outlet)
    ):
        return headline.strip(), None
    return head, outlet


def dateline_outlet(line: str) -> str | None:
    """The agency in a wire dateline: "NIAMEY, Aug 3 (Reuters) - ..." gives "Reuters"."""
    match = _WIRE_DATELINE.match(line.strip())
    return match["outlet"].strip() if match else None
