"""Publication dates: metadata lines of a page, and dates given by input records.

A line is a date line when nothing is left of it once its dates, clock times,
time zones, weekday names, label words ("Published", "Updated", "on", "at")
and separators are taken away ("May 3, 2013 | 8:20 am EDT", "21 July 2013
Last updated at 11:11 GMT"), or when it begins with a date, optionally
labelled, followed by a headline or a byline ("date 2023-04-11 Headline",
"Posted on 7 Aug 2023 by A. Writer"). Dates are never taken from sentences.

Written dates are parsed by strict patterns; an all-numeric date other than
ISO is used only when its order is certain (`11/27/2005`), never guessed
(`05/02/2013`).

A date an input record gives is checked (`read_given_published`): a day that
does not exist (`2023-02-30`) or a year outside `PUBLISHED_YEARS` (`0000`,
`9999`) rejects the document; a relative date ("yesterday", "next week") is
never resolved against the day of ingest, as it names no day by itself.
"""

from __future__ import annotations

import datetime
import email.utils
import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from dateparser.date import DateDataParser

from watchfloor.ingest._problems import InputProblem
from watchfloor.records import PartialDate

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY_NAME = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_WEEKDAY = rf"(?:{_WEEKDAY_NAME},?\s+)?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_CALENDAR_DATE = (
    r"(?:(?P<year>\d{4})[-/.](?P<month>\d{2})[-/.](?P<day>\d{2})"
    rf"|(?P<day_first>\d{{1,2}}){_ORDINAL}\s+(?P<month_named>{_MONTH}),?\s+(?P<year_named>\d{{4}})"
    rf"|(?P<month_first>{_MONTH})\s+(?P<day_after>\d{{1,2}}){_ORDINAL},?\s+(?P<year_after>\d{{4}})"
    r"|\b(?P<number_a>\d{1,2})[/.](?P<number_b>\d{1,2})[/.](?P<number_year>\d{4}))"
)
_MONTH_NUMBERS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_CLOCK_TIME = (
    r"(?:\s*(?:,|at|\||-|–|—|T|@)?\s*\d{1,2}[:.]\d{2}(?::\d{2})?(?:\.\d+)?(?:\s*[ap]\.?m\.?)?"
    r"(?:\s*(?:Z|(?-i:[A-Z]{2,5})|[+-]\d{2}:?\d{2})\b)?)?"
)
_LABEL = (
    r"(?:(?:first\s+|originally\s+)?(?:published|posted)|last\s+updated|updated|last\s+modified"
    r"|modified|edited|created|issued|dated|date)(?:\s+on)?"
)
_SEPARATORS = " \t|,;:-–—"
_UPDATE_LABEL = re.compile(r"updated|modified|edited", re.I)
_LABEL_WORD = re.compile(
    r"\b(?:published|posted|updated|modified|edited|created|issued|date)", re.I
)
_LEADING_DATE = re.compile(
    rf"^(?P<label>{_LABEL})?\s*[:|–—-]?\s*{_WEEKDAY}{_CALENDAR_DATE}{_CLOCK_TIME}"
    r"(?P<rest>(?:\W.*)?)$",
    re.I,
)
_ANY_DATE = re.compile(_CALENDAR_DATE, re.I)
# What a date line may hold besides its dates.
_DATE_LINE_NOISE = re.compile(
    r"(?:\b|(?<=T))\d{1,2}(?:[:.]\d{2}){1,2}(?:\.\d+)?Z?\s*(?:[ap]\.?m?\b\.?)?"  # 8:20, 5:55p
    r"|\b(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}\b"  # offsets
    r"|\b(?-i:[A-Z]{1,4}T|UTC|Z)\b|\b(?-i:T)(?=\d)"  # zones: GMT, EDT, AEST, Z; ISO "T"
    rf"|\b{_WEEKDAY_NAME}"
    r"|\b(?:first|last|originally|published|posted|updated|modified|edited|created|issued"
    r"|dated?|time|on|at|article|hrs)\b"
    r"|[\W_]+",
    re.I,
)
_RELATIVE_DATE_LINE = re.compile(
    rf"^(?P<label>{_LABEL})\s*:?\s*"
    r"(?:\d+\s+(?:second|minute|hour|day|week)s?\s+ago|today|yesterday)\W*$",
    re.I,
)
_WRITTEN_DATE = re.compile(rf"^{_WEEKDAY}{_CALENDAR_DATE}\b", re.I)
_ISO_START = re.compile(r"^\d{4}-\d")
MAX_DATE_LINE_CHARS = 120  # a line holding nothing but dates, times and labels is shorter
_NUMERIC_START = re.compile(r"^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b")
# Publication years taken as real: outside them a date is a placeholder (0000, 9999)
# or a typo, and date arithmetic near the ends of the calendar fails.
PUBLISHED_YEARS = range(1800, 2201)
MAX_PUBLISHED_CHARS = 100  # a longer value is no date
_ABSOLUTE_PARSERS = ["timestamp", "custom-formats", "absolute-time"]


@dataclass(frozen=True, slots=True)
class DateLine:
    """A line (or line start) that states when the page was published or updated."""

    kind: Literal["published", "updated"]
    date: PartialDate | None  # None for "Updated 3 hours ago" or an uncertain "05/02/2013"
    labelled: bool  # holds "Published", "Updated", "date", ...
    rest: str  # a headline or byline after the date, separators removed; "" when none


def parse_date_line(line: str) -> DateLine | None:
    """Recognise a date line (see the module docstring); None for any other line."""
    stripped = line.strip()
    leading = _LEADING_DATE.match(stripped)
    if leading is not None:
        rest = leading["rest"].strip(_SEPARATORS)
        if rest and not _only_noise(rest):
            label = leading["label"]
            return DateLine(_kind(label), _date_of(leading), bool(label), rest)
    dates = list(_ANY_DATE.finditer(stripped)) if len(stripped) <= MAX_DATE_LINE_CHARS else []
    if dates and _only_noise(_ANY_DATE.sub(" ", stripped)):
        before = stripped[: dates[0].start()]
        labelled = _LABEL_WORD.search(stripped) is not None
        return DateLine(_kind(before), _date_of(dates[0]), labelled, "")
    relative = _RELATIVE_DATE_LINE.match(stripped)
    if relative is not None:
        return DateLine(_kind(relative["label"]), None, True, "")
    return None


def read_given_published(value: str) -> PartialDate | None:
    """A publication date as an input record gives it, checked.

    Needs: the record's `published` value.
    Gives: its date, or None when it names no day by itself (`published_flaw`
    says why); raises `InputProblem` (`bad_published`, stage "clean") for a day
    that does not exist or a year outside `PUBLISHED_YEARS`.
    """
    value = value.strip()
    if len(value) > MAX_PUBLISHED_CHARS:
        return None
    impossible = _impossible_date(value)
    if impossible:
        raise InputProblem("bad_published", f"published {value!r}: {impossible}", "clean")
    found = parse_published(value)
    if found is not None and found.year not in PUBLISHED_YEARS:
        detail = (
            f"published {value!r}: the year is outside "
            f"{PUBLISHED_YEARS.start}-{PUBLISHED_YEARS.stop - 1}"
        )
        raise InputProblem("bad_published", detail, "clean")
    return found


def published_flaw(value: str) -> str | None:
    """Why a given `published` yields no date: "relative" or "not a date"; None when it does."""
    value = value.strip()
    if not value or len(value) > MAX_PUBLISHED_CHARS:
        return None if not value else "not a date"
    try:
        if read_given_published(value) is not None:
            return None
    except InputProblem:
        return None  # rejected, not ignored
    try:
        relative = _date_parser(relative=True).get_date_data(value).date_obj is not None
    except (ValueError, OverflowError, OSError):
        relative = False
    return "relative" if relative else "not a date"


def in_published_years(date: PartialDate | None) -> PartialDate | None:
    """The date when its year is a real publication year, else None."""
    return date if date is not None and date.year in PUBLISHED_YEARS else None


def _impossible_date(value: str) -> str | None:
    """What is wrong with a date that is complete but cannot exist, else None."""
    if _ISO_START.match(value) or re.fullmatch(r"\d{4}", value):
        try:
            found = PartialDate.parse(value)
        except ValueError:
            return "the month or day does not exist"
        if found.year not in PUBLISHED_YEARS:
            return f"the year is outside {PUBLISHED_YEARS.start}-{PUBLISHED_YEARS.stop - 1}"
        if found.day is not None and not _exists(found.year, found.month or 1, found.day):
            return "the day does not exist"
        return None
    written = _WRITTEN_DATE.match(value)
    if written is None or written["number_a"]:
        return None
    year = int(written["year_named"] or written["year_after"])
    if year not in PUBLISHED_YEARS:
        return f"the year is outside {PUBLISHED_YEARS.start}-{PUBLISHED_YEARS.stop - 1}"
    return None if _date_of(written) is not None else "the day does not exist"


def _exists(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def parse_published(value: str) -> PartialDate | None:
    """A publication date as an input record or a page gives it, in the publisher's calendar.

    Accepts ISO dates and timestamps (`2023-08-07T09:00:00Z`, `2023-08`), RFC 822
    dates as feeds write them, and written dates ("7 August 2023"); None otherwise.
    """
    value = value.strip()
    try:
        return PartialDate.parse(value)
    except ValueError:
        if _ISO_START.match(value):
            return None  # an ISO date with an impossible month or day
    try:
        stamp = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        written = _WRITTEN_DATE.match(value)
        return _date_of(written) if written else _parse_other_date(value)
    return PartialDate(stamp.year, stamp.month, stamp.day)


def _date_of(match: re.Match[str]) -> PartialDate | None:
    """The day a `_CALENDAR_DATE` match names; None when impossible (31 June) or uncertain."""
    if match["year"]:
        year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
    elif match["day_first"]:
        year, day = int(match["year_named"]), int(match["day_first"])
        month = _MONTH_NUMBERS[match["month_named"][:3].lower()]
    elif match["month_first"]:
        year, day = int(match["year_after"]), int(match["day_after"])
        month = _MONTH_NUMBERS[match["month_first"][:3].lower()]
    else:
        first, second = int(match["number_a"]), int(match["number_b"])
        if min(first, second) > 12 or max(first, second) <= 12:
            return None  # day and month cannot be told apart
        year, month, day = int(match["number_year"]), min(first, second), max(first, second)
    try:
        datetime.date(year, month, day)
    except ValueError:
        return None
    return PartialDate(year, month, day)


def _only_noise(text: str) -> bool:
    return not _DATE_LINE_NOISE.sub("", text)


def _parse_other_date(text: str) -> PartialDate | None:
    """Any other full date an input record may hold, by dateparser (day, month and year).

    All-numeric dates other than ISO are refused here: whether the day or the
    month comes first is unknown, and a wrong date is worse than none.
    """
    if _NUMERIC_START.match(text) or len(text) > MAX_PUBLISHED_CHARS:
        return None
    try:
        found = _date_parser().get_date_data(text).date_obj
    except (ValueError, OverflowError, OSError):  # a timestamp beyond the platform's range
        return None
    return None if found is None else PartialDate(found.year, found.month, found.day)


@cache
def _date_parser(relative: bool = False) -> DateDataParser:
    """dateparser for absolute dates only ("yesterday" is no date); `relative` also reads those."""
    settings: dict[str, object] = {"STRICT_PARSING": True}
    if not relative:
        settings["PARSERS"] = _ABSOLUTE_PARSERS
    return DateDataParser(languages=["en"], settings=settings)


def _kind(label_text: str | None) -> Literal["published", "updated"]:
    """ "updated" when the last label word before the date says so."""
    words = _LABEL_WORD.findall(label_text or "")
    return "updated" if words and _UPDATE_LABEL.match(words[-1]) else "published"
