"""Normalise one temporal expression to its TimeML value; no spaCy here.

Needs: the text of one expression, an anchor date (usually the publication
date) and, optionally, the tense of the clause the expression modifies.
Gives: a `Timex` (TimeML kind and value), or None when the text is not a
temporal expression, or is one that needs an anchor that is missing.

Calendar dates in any written format go to dateparser; the rules here add
what it lacks: TimeML granularity (weeks, quarters, halves, seasons, decades),
the year of a date written without one, deictic words ("last", "this",
"next"), offsets ("two weeks ago", "in a fortnight"), the reference words
PRESENT_REF, PAST_REF and FUTURE_REF, durations and sets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal

from watchfloor.nlp.time import timex_calendar as cal
from watchfloor.nlp.time.timex_calendar import Tense
from watchfloor.records import PartialDate

TimexKind = Literal["date", "time", "duration", "set"]

_WEEKDAY = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_SEASON = "spring|summer|fall|autumn|winter"
_DAY_PART = "morning|afternoon|evening|night"
_UNIT = "day|week|fortnight|month|quarter|year|decade|century|hour|minute|second"
_REFS = {
    "PRESENT_REF": "now|right now|just now|currently|current|present|at present|presently|"
    "nowadays|these days|at the moment|for now|for the time being|the time being",
    "PAST_REF": "recently|recent|lately|previously|formerly|earlier|the past|in the past|past|"
    "some time ago|a while ago|long ago|years ago|months ago|weeks ago|days ago",
    "FUTURE_REF": "future|the future|the near future|soon|shortly|later|eventually|someday|"
    "a later date|as soon as possible|in due course|in the future|in the near future",
}
_REF_OF = {word: ref for ref, words in _REFS.items() for word in words.split("|")}
_PRESENT_MOMENT = re.compile(r"^(?:this|the present|the current)(?: \w+)? (?:moment|time|point)$")
_APPROXIMATE = re.compile(
    r"^(?:about|around|approximately|roughly|nearly|almost|some|more than|less than|over|"
    r"under|at least|at most|only|just|fully|barely|exactly|precisely|another|more|most|even|"
    r"its|their|his|her|our|your|my)\s+"
)
_PREPOSITION = re.compile(
    r"^(?:on|at|by|since|until|till|from|during|for|of|as of|as early as|as late as|"
    r"through|throughout|before|after|beginning|starting|ending|effective|within|between|in)\s+"
)
_MODIFIER = re.compile(
    r"^(?:early|earlier|late|later|mid|middle|sometime|some time|post|pre|"
    r"(?:the )?(?:end|beginning|start|middle|rest|close|turn|remainder|bulk) of|"
    r"(?:a |the )?(?:good |large |greater |better )?part of|much of|most of|all of|"
    r"the (?:last|latter|first|second|early|later) (?:half|part|days|weeks|months) of)(?:\s+|-)"
)
_DEICTIC = {
    "last": -1, "past": -1, "previous": -1, "prior": -1, "preceding": -1, "this past": -1,
    "this coming": 1, "this": 0, "current": 0, "that": 0, "same": 0, "the same": 0, "": 0,
    "next": 1, "coming": 1, "following": 1, "upcoming": 1,
}  # fmt: skip
_DAY_WORDS = ("yesterday", "today", "tomorrow", "tonight", "night")
_MAX_DEPTH = 6
NOT_A_DATE = re.compile(r"[\s-]years?[\s-]olds?\b|\banniversary\b|^\d+(?:st|nd|rd|th)$")
_DET = (
    r"(?:the )?(?P<det>last|past|previous|prior|preceding|this past|this coming|this|"
    r"current|that|same|next|coming|following|upcoming)?"
)


@dataclass(frozen=True, slots=True)
class Timex:
    """A TimeML kind and value, e.g. ("date", "2023-04-10") or ("duration", "P2W")."""

    kind: TimexKind
    value: str


@dataclass(frozen=True, slots=True)
class _Context:
    anchor: PartialDate | None
    tense: Tense | None


@lru_cache(maxsize=4096)
def normalise(
    expression: str, anchor: PartialDate | None, tense: Tense | None = None
) -> Timex | None:
    """The TimeML kind and value of `expression` against `anchor`, or None.

    Cached: the rules read nothing but the arguments, and an article asks again
    for the same expressions (each act's date checks those of its sentence).
    """
    text = cal.clean(expression)
    if not text or NOT_A_DATE.search(text):
        return None
    return _normalise(text, _Context(anchor, tense), depth=0)


def _normalise(text: str, ctx: _Context, depth: int) -> Timex | None:
    for rule in _RULES:
        found = rule(text, ctx)
        if found is not None:
            return found
    shorter = _strip_once(text)
    if shorter is None or depth >= _MAX_DEPTH:
        return None
    return _normalise(shorter, ctx, depth + 1)


def _strip_once(text: str) -> str | None:
    """Drop one leading preposition, approximation or modifier ("mid-", "late")."""
    for pattern in (_APPROXIMATE, _PREPOSITION, _MODIFIER):
        shorter = pattern.sub("", text, count=1)
        if shorter != text and shorter:
            return shorter
    if text.startswith("the "):
        return text[4:]
    return None


# Rules: each takes cleaned lowercase text and the context; None means "not mine".


def _dated(value: str | None) -> Timex | None:
    """A calendar value as a Timex: a time when it carries a part of the day."""
    if value is None:
        return None
    return Timex("time" if re.search(r"\dT", value) else "date", value)


def _reference(text: str, ctx: _Context) -> Timex | None:
    ref = _REF_OF.get(text)
    if ref is None and _PRESENT_MOMENT.match(text):
        ref = "PRESENT_REF"
    return Timex("date", ref) if ref else None


def _set(text: str, ctx: _Context) -> Timex | None:
    adverbs = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P1Q"}
    adverbs |= {"annually": "P1Y", "yearly": "P1Y", "annual": "P1Y", "hourly": "PT1H"}
    if text in adverbs:
        return Timex("set", adverbs[text])
    match = re.match(rf"^(?:every|each|per) (?:(?P<wd>{_WEEKDAY})|(?P<unit>{_UNIT}))s?$", text)
    if match is None:
        return None
    if match["wd"]:
        return Timex("set", f"XXXX-WXX-{cal.WEEKDAYS.index(match['wd']) + 1}")
    return Timex("set", cal.duration_value(1, match["unit"]))


def _decade_or_century(text: str, ctx: _Context) -> Timex | None:
    match = re.match(r"^(?:the )?(?:(?P<c>1\d|20)|')?(?P<d>\d)0'?s$", text)
    if match:
        century = match["c"] or cal.century_of_short_decade(int(match["d"]), ctx.anchor)
        return Timex("date", f"{century}{match['d']}")
    if text in cal.DECADE_WORDS:
        digit = cal.DECADE_WORDS[text]
        return Timex("date", f"{cal.century_of_short_decade(digit, ctx.anchor)}{digit}")
    match = re.match(r"^(?:the )?(\d{1,2})(?:st|nd|rd|th) century$", text)
    return Timex("date", f"{int(match[1]) - 1:02d}") if match else None


def _year(text: str, ctx: _Context) -> Timex | None:
    match = re.match(
        r"^(?:the )?(?:(?:fy|the year|year) ?)?(\d{4})(?: period| year| season)?$", text
    )
    if match and 1000 <= int(match[1]) <= 2999:
        return Timex("date", match[1])
    year = cal.year_from_words(text)
    return Timex("date", f"{year:04d}") if year is not None else None


def _day_word(text: str, ctx: _Context) -> Timex | None:
    """yesterday, today, tonight, last night, this morning, the day after tomorrow."""
    match = re.match(
        r"^(?P<day>the day before yesterday|the day after tomorrow|yesterday|today|tomorrow|"
        r"tonight|last night|(?:the )?(?:next|following|previous|preceding)|this|that|the)"
        rf"(?: (?P<part>{_DAY_PART}))?$",
        text,
    )
    if match is None or (match["part"] is None and not match["day"].endswith(_DAY_WORDS)):
        return None
    shift = {"before yesterday": -2, "yesterday": -1, "last night": -1, "previous": -1}
    shift |= {"preceding": -1, "tomorrow": 1, "after tomorrow": 2, "next": 1, "following": 1}
    day = cal.shift_day(
        ctx.anchor, next((n for w, n in shift.items() if match["day"].endswith(w)), 0)
    )
    part = match["part"] or ("night" if match["day"] in {"tonight", "last night"} else None)
    return _dated(cal.day_value(day, part)) if day else None


def _weekday(text: str, ctx: _Context) -> Timex | None:
    match = re.match(rf"^{_DET} ?(?P<wd>{_WEEKDAY})(?: (?P<part>{_DAY_PART})s?)?$", text)
    if match is None:
        return None
    weekday = cal.WEEKDAYS.index(match["wd"])
    day = cal.resolve_weekday(weekday, match["det"] or "", ctx.anchor, ctx.tense)
    return _dated(cal.day_value(day, match["part"])) if day else None


def _deictic_unit(text: str, ctx: _Context) -> Timex | None:
    """'last week', 'this year', 'next month', 'the following day', 'the quarter'."""
    match = re.match(
        rf"^{_DET} ?(?P<unit>day|week|weekend|month|year|quarter|decade|century)$", text
    )
    if match is None or re.match(r"the (?:past|last) ", text):  # "the past year" lasts a year
        return None
    if match["unit"] == "quarter" and not match["det"]:
        return _latest_quarter(ctx, years_back=0)
    offset = _DEICTIC[match["det"] or ""]
    return _dated(cal.unit_value(match["unit"], offset, ctx.anchor, ctx.tense))


def _month(text: str, ctx: _Context) -> Timex | None:
    match = re.match(rf"^{_DET} ?(?P<month>{cal.MONTH_PATTERN})(?:,? (?:of )?(?P<year>.+))?$", text)
    if match is None:
        return None
    month = cal.month_number(match["month"])
    if match["year"]:
        year = _year_of(match["year"], ctx)
        return Timex("date", f"{year:04d}-{month:02d}") if year is not None else None
    offset = _DEICTIC[match["det"] or ""]
    if offset:
        found = cal.month_by_offset(month, offset, ctx.anchor)
    elif match["det"] and ctx.anchor:
        found = PartialDate(ctx.anchor.year, month)
    else:
        found = cal.pick_year(month, None, ctx.anchor, ctx.tense)
    return Timex("date", found.iso() if found else f"XXXX-{month:02d}")


def _season(text: str, ctx: _Context) -> Timex | None:
    match = re.match(rf"^{_DET} ?(?P<season>{_SEASON})(?: (?:of )?(?P<year>.+))?$", text)
    match = match or re.match(rf"^(?P<det>)(?P<year>\d{{4}}) (?P<season>{_SEASON})$", text)
    if match is None:
        return None
    code = cal.SEASON_CODES[match["season"]]
    if match["year"]:
        year = _year_of(match["year"], ctx)
        return Timex("date", f"{year:04d}-{code}") if year is not None else None
    offset = _DEICTIC[match["det"]] if match["det"] else None
    year = cal.season_year(code, offset, ctx.anchor, ctx.tense)
    return Timex("date", f"{year:04d}-{code}") if year is not None else None


def _quarter_or_half(text: str, ctx: _Context) -> Timex | None:
    """'the third quarter', 'Q3 2023', 'the first half of next year', 'the latest quarter'."""
    match = re.match(
        r"^(?:the )?(?:(?P<pre>.+?) )?(?:fiscal )?"
        r"(?P<ord>first|second|third|fourth|last|latter|1st|2nd|3rd|4th)[\s-](?P<part>quarter|half)"
        r"(?: (?:of )?(?P<post>.+))?$",
        text,
    )
    match = match or re.match(
        r"^(?:(?P<pre>\d{4}) )?(?P<part>q|h)(?P<ord>[1-4])(?: (?P<post>\d{4}))?$", text
    )
    if match is None:
        latest = re.match(r"^(?:the )?(latest|most recent|year-earlier|year-ago) quarter$", text)
        return _latest_quarter(ctx, years_back=latest[1].startswith("year")) if latest else None
    part = "half" if match["part"] in {"half", "h"} else "quarter"
    last = 2 if part == "half" else 4
    number = {"last": last, "latter": last}.get(match["ord"]) or cal.ORDINALS.get(match["ord"])
    number = number or int(match["ord"])
    if part == "half" and number > 2:
        return None
    year_text = match["pre"] or match["post"]
    if year_text is None:
        year = cal.period_year(part, number, ctx.anchor, ctx.tense)
    else:
        year = _year_of(year_text, ctx)
    return Timex("date", f"{year:04d}-{part[0].upper()}{number}") if year is not None else None


def _year_of(text: str, ctx: _Context) -> int | None:
    """The year a phrase names: '2023', 'last year', 'nineteen ninety-six'; else None."""
    found = _normalise(text, ctx, depth=_MAX_DEPTH)
    return int(found.value) if found and re.fullmatch(r"\d{4}", found.value) else None


def _latest_quarter(ctx: _Context, years_back: int) -> Timex | None:
    """A report's 'the quarter' is the last complete one; 'the year-ago quarter' a year before."""
    latest = cal.latest_complete_quarter(ctx.anchor)
    return Timex("date", f"{latest[0] - years_back:04d}-Q{latest[1]}") if latest else None


def _offset(text: str, ctx: _Context) -> Timex | None:
    """'two days ago', 'in a fortnight', 'a year earlier', 'the day after'."""
    match = re.match(
        rf"^(?P<in>in )?(?:the )?(?:(?P<n>.+?)[\s-])?(?:more )?(?P<unit>{_UNIT})s?"
        r"(?P<dir> ago| earlier| before| back| later| after| afterwards| from now| hence| on)?$",
        text,
    )
    if re.fullmatch(r"(?:the )?year-(?:ago|earlier)", text):
        return _dated(cal.offset_value(-1, "year", ctx.anchor))
    if match is None or not (match["in"] and match["n"] or match["dir"]):
        return None
    sign = -1 if match["dir"] in {" ago", " earlier", " before", " back"} else 1
    count = cal.count_of(match["n"] or "a")
    if count is None:
        return None
    if count == "X":
        return Timex("date", "PAST_REF" if sign < 0 else "FUTURE_REF")
    return _dated(cal.offset_value(sign * count, match["unit"], ctx.anchor))


def _duration(text: str, ctx: _Context) -> Timex | None:
    """'24 hours', 'a three-year period', 'the past two months', 'recent weeks'."""
    match = re.match(
        r"^(?:(?:each of |all of )?the )?(?:(?P<det>past|last|next|first|coming|latest|previous|"
        r"final|recent|full|entire|whole|remaining|following|preceding) )?"
        rf"(?:(?P<n>.+?)[\s-])?(?P<unit>{_UNIT})(?P<plural>s)?(?:[\s-]long)?"
        r"(?: period| term| span| stretch| window)?$",
        text,
    )
    if match is None:
        return None
    if match["n"] is None:  # "weeks", "the past year"; but "last year" is a date
        if not match["plural"] and not (match["det"] and text.startswith("the ")):
            return None
        count = cal.count_of("x" if match["plural"] else "1")
    else:
        count = cal.count_of(match["n"])
    return Timex("duration", cal.duration_value(count, match["unit"])) if count else None


def _holiday(text: str, ctx: _Context) -> Timex | None:
    """'Christmas', 'last Easter', 'Thanksgiving Day 1999', 'Victory Day'."""
    match = re.match(rf"^{_DET} ?(?P<name>[a-z' ]+?)(?: (?P<year>\d{{4}}))?$", text)
    if match is None or cal.holiday(match["name"], 2000) is None:
        return None
    if match["year"]:
        day = cal.holiday(match["name"], int(match["year"]))
    else:
        offset = _DEICTIC[match["det"]] if match["det"] else None
        day = cal.nearest_holiday(match["name"], offset, ctx.anchor, ctx.tense)
    return Timex("date", day.isoformat()) if day else None


def _week_of(text: str, ctx: _Context) -> Timex | None:
    """'the week of March 6': the ISO week that holds the day."""
    match = re.match(r"^(?:the )?week of (.+)$", text)
    day = _normalise(match[1], ctx, _MAX_DEPTH) if match else None
    if day is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", day.value):
        return None
    iso_year, week, _ = date.fromisoformat(day.value).isocalendar()
    return Timex("date", f"{iso_year:04d}-W{week:02d}")


def _calendar(text: str, ctx: _Context) -> Timex | None:
    """A date written with a month name or in digits: dateparser reads the format."""
    parsed = cal.parse_calendar(text)
    if parsed is None:
        return None
    year, month, day = parsed
    if year is None:
        found = cal.pick_year(month, day, ctx.anchor, ctx.tense)
        if found is None:
            return Timex("date", f"XXXX-{month:02d}" + (f"-{day:02d}" if day else ""))
        return Timex("date", found.iso())
    if day is None:
        return Timex("date", f"{year:04d}-{month:02d}")
    return Timex("date", f"{year:04d}-{month:02d}-{day:02d}")


def _time_of_day(text: str, ctx: _Context) -> Timex | None:
    """'10 p.m.', '10:35 a.m. Wednesday', 'noon Saturday', 'midnight'."""
    match = re.match(
        r"^(?:(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ap>[ap])\.?m\.?(?: [a-z]{2,3}t)?|"
        r"(?P<word>noon|midday|midnight))(?:,? (?P<rest>.+))?$",
        text,
    )
    if match is None:
        return None
    if match["word"]:
        hour, minute = (24, 0) if match["word"] == "midnight" else (12, 0)
    else:
        hour, minute = int(match["h"]) % 12 + 12 * (match["ap"] == "p"), int(match["m"] or 0)
    day = _normalise(match["rest"], ctx, _MAX_DEPTH) if match["rest"] else None
    anchor = cal.anchor_day(ctx.anchor)
    value = day.value[:10] if day else (anchor.isoformat() if anchor else "")
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return None
    return Timex("time", f"{value}T{hour:02d}:{minute:02d}")


_RULES = (
    _reference,
    _set,
    _decade_or_century,
    _year,
    _day_word,
    _time_of_day,
    _weekday,
    _deictic_unit,
    _month,
    _season,
    _quarter_or_half,
    _offset,
    _duration,
    _holiday,
    _week_of,
    _calendar,
)
