"""Calendar arithmetic and word tables for `timex_rules`; no spaCy here.

Every function takes the anchor as a `PartialDate` and returns None when the
anchor is missing or too coarse for the answer asked (a weekday needs an
anchor known to the day, "next month" one known to the month).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal

from dateparser.date import DateDataParser
from dateutil.easter import easter
from text_to_num import alpha2digit, text2num  # type: ignore[import-untyped]  # ships no type hints

from watchfloor.records import PartialDate

Tense = Literal["past", "present", "future"]
Count = int | Literal["X"]
_TENSES = ("past", "future")  # a present tense says nothing about which year

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_PATTERN = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_MONTH_PREFIXES = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
)  # fmt: skip
SEASON_CODES = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_SEASON_START_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}  # fmt: skip
DECADE_WORDS = {
    "the twenties": 2, "the thirties": 3, "the forties": 4, "the fifties": 5,
    "the sixties": 6, "the seventies": 7, "the eighties": 8, "the nineties": 9,
}  # fmt: skip
_VAGUE_COUNTS = {"few", "a few", "several", "some", "many", "a number of", "numerous", "x"}
_VAGUE_COUNTS |= {"two or three", "a couple of", "a couple", "couple of"}
_YEARS_IN = {"year": 1, "decade": 10, "century": 100}
_DURATION_LETTER = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}
_DURATION_LETTER |= {"decade": "DE", "century": "CE", "hour": "H", "minute": "M", "second": "S"}
_DAY_PART_CODES = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_FIXED_HOLIDAYS = {
    "new year": (1, 1), "new year's": (1, 1), "new year's eve": (12, 31),
    "valentine": (2, 14), "valentine's": (2, 14), "victory": (5, 9),
    "halloween": (10, 31), "christmas eve": (12, 24), "christmas": (12, 25),
    "boxing": (12, 26),
}  # fmt: skip
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{1,4})?\b")
_MONTH_WORD = re.compile(rf"\b(?:{MONTH_PATTERN})\b\.?")
_WRITTEN_YEAR = re.compile(r"\b\d{4}\b|'\d{2}\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b")


def clean(expression: str) -> str:
    """Lowercase, one space, plain quotes and hyphens, no possessive or edge punctuation."""
    text = expression.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[\u2010-\u2015]", "-", text)
    text = re.sub(r"(?<=[a-z])'s\b", "", text)
    text = re.sub(
        r"\s+or so\b|\s+(?:or (?:more|less|later|earlier|so)|and beyond|onwards?)$", "", text
    )
    text = re.sub(r"\b(?:fiscal|calendar)[\s-]", "", text)
    text = re.sub(r"\byear[\s-]end\b", "the end of the year", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip(" .,;:!?\"'()[]")


def month_number(word: str) -> int:
    return _MONTH_PREFIXES.index(word[:3]) + 1


def century_of_short_decade(digit: int, anchor: PartialDate | None) -> str:
    """The century of "the '80s": the latest such decade not after the anchor."""
    if anchor is None:
        return "19"
    century = anchor.year // 100
    if century * 100 + digit * 10 > anchor.year:
        century -= 1
    return str(century)


def year_from_words(text: str) -> int | None:
    """'nineteen ninety-six' -> 1996; 'the year two thousand' -> 2000."""
    words = re.sub(r"^the year ", "", text)
    if words == text:
        first, _, rest = text.partition(" ")
        high, low = _number_from_words(first), _number_from_words(rest)
        if high is None or low is None or not (11 <= high <= 20 and 10 <= low <= 99):
            return None
        return high * 100 + low
    year = _number_from_words(words)
    return year if year is not None and 1000 <= year <= 2999 else None


def _number_from_words(words: str) -> int | None:
    try:
        return int(text2num(words, "en"))
    except ValueError:
        return None


def count_of(words: str | None) -> Count | None:
    """The number in '24', 'two', 'a', 'twenty four', 'a few' (X); None if not a count."""
    if not words:
        return None
    words = words.strip()
    if words in _VAGUE_COUNTS:
        return "X"
    if words in {"a", "an", "one", "single", "a single"}:
        return 1
    if re.fullmatch(r"\d{1,3}", words):
        return int(words)
    if words.startswith(("a ", "an ")):
        return count_of(words.split(" ", 1)[1])
    return _number_from_words(words)


def duration_value(count: Count, unit: str) -> str:
    """The TimeML duration value: P2W, PT24H, PXM, P6M for two quarters."""
    if unit == "fortnight":
        return "PXW" if count == "X" else f"P{2 * count}W"
    prefix = "PT" if unit in {"hour", "minute", "second"} else "P"
    return f"{prefix}{count}{_DURATION_LETTER[unit]}"


def day_value(day: date, part: str | None = None) -> str:
    """'2023-04-10', or '2023-04-10TNI' with a part of the day."""
    code = _DAY_PART_CODES.get(part or "")
    return f"{day.isoformat()}T{code}" if code else day.isoformat()


def anchor_day(anchor: PartialDate | None) -> date | None:
    if anchor is None or anchor.day is None or anchor.month is None:
        return None
    return date(anchor.year, anchor.month, anchor.day)


def shift_day(anchor: PartialDate | None, days: int) -> date | None:
    day = anchor_day(anchor)
    return day + timedelta(days=days) if day else None


def resolve_weekday(
    weekday: int, det: str, anchor: PartialDate | None, tense: Tense | None
) -> date | None:
    """The day a weekday name points to.

    'last Friday' is the latest Friday before the anchor, 'this Friday' the one
    in the anchor's week, 'next Friday' the first after it. A bare 'Friday'
    follows news usage: the latest Friday on or before the anchor, unless the
    clause is in the future tense, then the first Friday after it.
    """
    day = anchor_day(anchor)
    if day is None:
        return None
    before = (day.weekday() - weekday) % 7
    after = (weekday - day.weekday()) % 7
    if det in {"last", "past", "previous", "prior", "preceding"}:
        return day - timedelta(days=before or 7)
    if det in {"this", "current"}:
        return day + timedelta(days=weekday - day.weekday())
    if det in {"next", "coming", "following", "upcoming"} or tense == "future":
        return day + timedelta(days=after or 7)
    return day - timedelta(days=before)


def unit_value(
    unit: str, offset: int, anchor: PartialDate | None, tense: Tense | None
) -> str | None:
    """The value of 'last week', 'this year', 'next month', 'the following day'."""
    if anchor is None:
        return None
    if unit in _YEARS_IN:
        year = anchor.year + offset * _YEARS_IN[unit]
        return str(year // _YEARS_IN[unit]) if unit != "year" else f"{year:04d}"
    if unit in {"month", "quarter"}:
        if anchor.month is None:
            return None
        year, month = _add_months(
            anchor.year, anchor.month, offset * (3 if unit == "quarter" else 1)
        )
        return (
            f"{year:04d}-Q{(month - 1) // 3 + 1}"
            if unit == "quarter"
            else f"{year:04d}-{month:02d}"
        )
    day = shift_day(anchor, 7 * offset if unit in {"week", "weekend"} else offset)
    if day is None:
        return None
    if unit == "day":
        return day.isoformat()
    if unit == "weekend" and offset == 0 and tense != "future" and day.weekday() < 5:
        day -= timedelta(days=7)  # "the weekend" in a report is the one just gone
    iso_year, week, _ = day.isocalendar()
    return f"{iso_year:04d}-W{week:02d}" + ("-WE" if unit == "weekend" else "")


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def offset_value(amount: int, unit: str, anchor: PartialDate | None) -> str | None:
    """The value of 'two weeks ago' (amount -2) or 'in three months' (amount 3)."""
    if unit in _YEARS_IN:
        return f"{anchor.year + amount * _YEARS_IN[unit]:04d}" if anchor else None
    if unit in {"month", "quarter"}:
        return unit_value(unit, amount, anchor, None)
    if unit in {"day", "week", "fortnight"}:
        day = shift_day(anchor, amount * {"day": 1, "week": 7, "fortnight": 14}[unit])
    else:  # hours, minutes, seconds: the day they reach
        day = shift_day(anchor, int(amount * {"hour": 1, "minute": 1 / 60}.get(unit, 0) / 24))
    return day.isoformat() if day else None


def month_by_offset(month: int, offset: int, anchor: PartialDate | None) -> PartialDate | None:
    """'last April' is the latest April before the anchor's month, 'next April' the first after."""
    if anchor is None or anchor.month is None:
        return None
    year = anchor.year
    if offset < 0:
        year -= month >= anchor.month
    elif offset > 0:
        year += month <= anchor.month
    return PartialDate(year, month)


def pick_year(
    month: int, day: int | None, anchor: PartialDate | None, tense: Tense | None
) -> PartialDate | None:
    """The year of a date written without one ('May 9th', 'in June').

    The date is taken in the anchor's year, then moved a year back when that
    puts it after the anchor in a past-tense clause, or a year on when it
    puts it before the anchor in a future-tense clause. With no tense known
    it goes to the year that puts it nearest the anchor (at most six months away).
    """
    if anchor is None:
        return None
    year = anchor.year
    if anchor.month is not None:
        later = (month, day or 0) > (anchor.month, anchor.day or 31)
        earlier = (month, day or 32) < (anchor.month, anchor.day or 0)
        if (tense == "past" and later) or (tense not in _TENSES and month - anchor.month > 6):
            year -= 1
        elif (tense == "future" and earlier) or (tense not in _TENSES and anchor.month - month > 6):
            year += 1
    return PartialDate(year, month, day if day is None or _valid(year, month, day) else None)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def season_year(
    code: str, offset: int | None, anchor: PartialDate | None, tense: Tense | None
) -> int | None:
    """The year of 'last summer', 'this winter', 'the spring': the year the season starts."""
    if anchor is None or anchor.month is None:
        return None
    now = anchor.year * 12 + anchor.month - 1
    start = _SEASON_START_MONTH[code] - 1
    begun = (now - start) // 12  # the year of the latest such season begun by the anchor
    over = now >= begun * 12 + start + 3
    if offset == 0:
        return begun if code == "WI" and anchor.month <= 2 else anchor.year
    if offset == -1:
        return begun if over else begun - 1
    if offset == 1:
        return begun + 1
    return begun + 1 if tense == "future" and over else begun


def latest_complete_quarter(anchor: PartialDate | None) -> tuple[int, int] | None:
    """The last quarter that ended before the anchor: a report's 'the quarter'."""
    if anchor is None or anchor.month is None:
        return None
    quarter = (anchor.month - 1) // 3
    return (anchor.year, quarter) if quarter else (anchor.year - 1, 4)


def period_year(
    part: str, number: int, anchor: PartialDate | None, tense: Tense | None
) -> int | None:
    """The year of 'the third quarter' or 'the first half': the latest begun, or the next."""
    if anchor is None:
        return None
    if anchor.month is None:
        return anchor.year
    months = 3 if part == "quarter" else 6
    start, current = (number - 1) * months + 1, (anchor.month - 1) // months + 1
    if tense == "future":
        return anchor.year + (number < current)
    return anchor.year - (start > anchor.month)


def holiday(name: str, year: int) -> date | None:
    """The date of a named holiday in a year, or None for a name not in the table."""
    name = re.sub(r"^(?:the )|(?: day| sunday| weekend)$", "", name)
    if name in _FIXED_HOLIDAYS:
        return date(year, *_FIXED_HOLIDAYS[name])
    if name == "easter":
        return easter(year)
    if name == "good friday":
        return easter(year) - timedelta(days=2)
    if name == "thanksgiving":  # the fourth Thursday of November (United States)
        first = date(year, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    return None


def nearest_holiday(
    name: str, offset: int | None, anchor: PartialDate | None, tense: Tense | None
) -> date | None:
    """The holiday 'last Christmas' or 'this Easter' names; a bare name as a weekday is read."""
    day = anchor_day(anchor)
    if day is None:
        return None
    years = (day.year - 1, day.year, day.year + 1)
    dates = [found for year in years if (found := holiday(name, year)) is not None]
    before = [d for d in dates if d < day] if offset == -1 else [d for d in dates if d <= day]
    after = [d for d in dates if d > day]
    if offset == 0:
        return holiday(name, day.year)
    if offset == 1 or (offset is None and tense == "future"):
        return after[0] if after else None
    if offset == -1 or tense == "past":
        return before[-1] if before else None
    return min(dates, key=lambda d: abs((d - day).days))


def parse_calendar(text: str) -> tuple[int | None, int, int | None] | None:
    """(year or None, month, day or None) of a date written with a month name or in digits."""
    if not (_MONTH_WORD.search(text) or _NUMERIC_DATE.search(text)):
        return None
    return _parse_calendar(text)


@lru_cache(maxsize=8192)
def _parse_calendar(text: str) -> tuple[int | None, int, int | None] | None:
    text = re.sub(
        rf"^(?:(?:this|last|next|this coming|this past) )?(?:{'|'.join(WEEKDAYS)}),? ", "", text
    )
    if re.search(r"(?:st|nd|rd|th)\b", text):  # "March eighth" -> "March 8th"
        text = alpha2digit(text, "en")
    data = _date_parser().get_date_data(text)
    if data.date_obj is None or data.period not in {"day", "month", "time"}:
        return None
    year = data.date_obj.year if _WRITTEN_YEAR.search(text) else None
    day = data.date_obj.day if data.period != "month" else None
    return year, data.date_obj.month, day


@lru_cache(maxsize=1)
def _date_parser() -> DateDataParser:
    settings = {
        "RELATIVE_BASE": datetime(2000, 1, 1),  # a leap year, so "29 February" parses
        "PREFER_DATES_FROM": "current_period",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_TIME_AS_PERIOD": True,
    }
    return DateDataParser(languages=["en"], settings=settings)
