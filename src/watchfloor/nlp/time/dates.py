"""Temporal expressions: find them in a parsed text and resolve them to dates.

Needs: a spaCy `Doc` with entities and a dependency parse, and the article's
publication date when it is known.
Gives: `TimeExpression` records with character offsets, TimeML kind and value,
and the `PartialDate` the expression points to.

Anchors. Deictic expressions ("last year", "on Monday", "in two weeks") are
resolved against the publication date. Anaphoric ones ("the next day", "a day
after", "two days earlier", "the following week"; but "next week", without
"the", is deictic) are resolved against the governing date: `resolve_date`
takes it as its anchor, and `find_time_expressions` uses the nearest preceding
expression precise enough ("the next day" needs a day, "that year" a year), else
the publication date.

With no publication date, a wire dateline at the head of the text
("KABUL, March 3, 2009 (AP) - ") stands in for it. Without one, a deictic
expression, and a month or day written without its year ("On November 19"),
is resolved only against an absolute date with a year and a day ("3 May
2021") that the text names in a past-tense clause, in the same sentence
before it or in the `ANCHOR_SENTENCES` sentence(s) before that: the latest of
them, since a report comes out after the past events it dates. An anaphoric
expression, too, looks no further back for its governing date.
Otherwise `value` stays None: a year is never taken from a date named
paragraphs away, nor from the day the text is read. `needs_anchor` tells such
an expression from one that is no date at all.

Tense. A bare weekday or a month without a year is read as news reports it:
the latest such day on or before the anchor when the clause is in the past,
the first one after it when the clause is in the future ("will meet on
Friday"). `find_time_expressions` reads the tense from the verb that governs
the expression; the string functions take it as an optional argument.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from watchfloor.nlp.time import timex_rules
from watchfloor.nlp.time.timex_calendar import MONTH_PATTERN, WEEKDAYS, Tense
from watchfloor.nlp.time.timex_rules import Timex, TimexKind
from watchfloor.records import PartialDate, TimeExpression

Doc = Any  # spacy.tokens.Doc; spaCy ships no type hints
Span = Any  # spacy.tokens.Span

_NER_LABELS: dict[str, TimexKind] = {"DATE": "date", "TIME": "time"}
_WEEKDAY = "|".join(WEEKDAYS)
_MONTH = MONTH_PATTERN
_ANAPHORIC = re.compile(
    r"^(?:(?:the )?(?:following|previous|preceding|prior|same)|the next) "
    r"(?P<a>day|week|month|year)\b|"
    r"^that (?P<b>day|week|month|year|morning|night)\b|"
    r"\b(?P<c>day|week|month|year)s? (?:later|earlier|before|after|afterwards)$",
    re.IGNORECASE,
)
_PRECISION_NEEDED = {"day": 3, "week": 3, "morning": 3, "night": 3, "month": 2, "year": 1}
_RANGE_SPLIT = re.compile(
    r"\s+(?:to|and|or|through|thru|until|till|ended|ending)\s+|(?<=\d)\s*[-\u2013]\s*(?=\d)"
)
_LEADING_NOISE = {"on", "at", "between", "its", "their", "his", "her", "our"}
_ANY_ANCHOR = PartialDate(2000, 6, 15)
_TEMPORAL_WORD = re.compile(
    r"\b(?:\d{4}|\d0s|day|days|week|weeks|month|months|year|years|quarter|decade|century|"
    rf"{_WEEKDAY}|{_MONTH}|"
    r"today|tonight|yesterday|tomorrow|now|morning|afternoon|evening|night|noon)\b",
    re.IGNORECASE,
)
_CAP_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?)"
)
_CAP_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
_MOD = r"(?:(?i:early|late|earlier|later|mid)[ -])"
_YEAR = r"(?:1[5-9]|20)\d\d\b"
_DAY_NUMBER = r"\d{1,2}(?:st|nd|rd|th)?\b"
_DET = r"(?:last|this|next|past|previous|coming|following)"
_COUNT = (
    r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|fifty|a few|several|a couple of)"
)
_UNITS = r"(?:day|week|fortnight|month|year|decade)s?"
_RULE_PATTERNS = tuple(
    re.compile(pattern)
    for pattern in (
        rf"(?:{_CAP_WEEKDAY},? )?(?:{_CAP_MONTH} {_DAY_NUMBER}(?:,? {_YEAR})?|"
        rf"(?:the )?{_DAY_NUMBER} (?:of )?{_CAP_MONTH}(?:,? {_YEAR})?)",
        rf"{_MOD}?{_CAP_MONTH},? {_YEAR}",
        rf"\b(?i:in|since|until|by|from|through|during|of|before|after|last|this|next|early|"
        rf"late|mid) (?P<t>{_CAP_MONTH})(?! \d)",
        rf"{_MOD}{_CAP_MONTH}(?! \d)",
        rf"(?:{_MOD}?(?i:(?:the )?{_DET}) )?{_CAP_WEEKDAY}"
        r"(?: (?:morning|afternoon|evening|night))?",
        rf"\b(?i:{_MOD}?(?:the )?{_DET} (?:week|weekend|month|year|quarter|decade|century|"
        r"spring|summer|autumn|winter)|the (?:following|previous|next|same) day|"
        rf"(?:last|this|next) fall)\b",
        rf"\b(?i:{_MOD}?(?:yesterday|today|tomorrow|tonight|last night|"
        r"this (?:morning|afternoon|evening)))\b",
        r"\b(?i:now|currently|recently|nowadays|presently|at present|lately|the future|the past)\b",
        rf"\b(?i:{_COUNT}(?: more)? {_UNITS}(?: or so)? (?:ago|earlier|later|from now))\b",
        rf"\b(?i:in) (?P<t>(?i:{_COUNT}) (?i:{_UNITS}))\b(?! of)",
        rf"\b(?i:in|since|until|by|from|during|before|after|through|of|fiscal|year) "
        rf"(?P<t>{_MOD}?{_YEAR})(?![-.,]?\d)",
        rf"{_MOD}{_YEAR}",
        rf"(?:\bthe )?{_MOD}?(?:\b(?:1[5-9]|20)\d0|'\d0)'?s\b",
        rf"\b(?i:(?:the )?(?:first|second|third|fourth)[ -](?:quarter|half)"
        rf"(?: of (?:{_YEAR}|the year|this year|last year|next year))?)\b",
        rf"\bQ[1-4] {_YEAR}",
        r"\b\d{4}-\d\d-\d\d\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
        r"\b(?:(?i:last|this|next) )?(?:Christmas(?: Eve| Day)?|New Year's(?: Eve| Day)?|"
        r"Easter(?: Sunday)?|Good Friday|Thanksgiving(?: Day)?|Halloween|Victory Day|Boxing Day)\b",
    )
)
# With no publication date, how many sentences before an expression's own may name its anchor.
ANCHOR_SENTENCES = 1
_SENTENCE_END = re.compile(r"[.!?][\"')\u201d]?\s+(?=[\"'(\u201c]?[A-Z0-9])|\n\s*\n")
# What may stand before and after the date of a wire dateline: a place (and a weekday),
# then a dash, a news agency in brackets or a line break.
_DATELINE_BEFORE = re.compile(
    r"^\s*(?:[A-Z][\w.'\u2019 -]{0,40},\s*)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s*)?$"
)
_DATELINE_AFTER = re.compile(r"^[ \t]*(?:\([^)]{1,40}\)\s*)?(?:[-\u2013\u2014]|\n)")
_FUTURE_AUX = {"will", "shall", "'ll", "wo", "would"}
_FUTURE_GOVERNORS = {"plan", "expect", "schedule", "set", "due", "intend", "aim", "go", "prepare"}


def normalise_timex(
    expression: str, anchor: PartialDate | None, *, tense: Tense | None = None
) -> str | None:
    """The TimeML value of one expression ("1989-10-24", "1989-Q3", "P2W", "PAST_REF").

    None when the text is not a temporal expression or needs a missing anchor.
    """
    found = timex_rules.normalise(expression, anchor, tense)
    return found.value if found else None


def resolve_date(
    expression: str, anchor: PartialDate | None, *, tense: Tense | None = None
) -> PartialDate | None:
    """The calendar date an expression points to, as precise as it says.

    `anchor` is the date the expression is relative to: the publication date
    for "last year", the governing date for "a day after". Quarters, halves,
    seasons and weeks that straddle two months give the year (a week within
    one month gives the month); decades, durations and the *_REF values give
    None, as a `PartialDate` cannot hold them.
    """
    found = timex_rules.normalise(expression, anchor, tense)
    return partial_date_of(found.value) if found and found.kind in {"date", "time"} else None


def partial_date_of(value: str) -> PartialDate | None:
    """The `PartialDate` of a TimeML date value, at the precision it can hold."""
    match = re.match(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:T.*)?$", value)
    if match:
        year, month, day = match.groups()
        return PartialDate(int(year), int(month) if month else None, int(day) if day else None)
    match = re.match(r"^(\d{4})-W(\d\d)", value)
    if match:
        try:
            monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
        except ValueError:  # no such week in that year
            return None
        sunday = monday + timedelta(days=6)
        if monday.month == sunday.month:
            return PartialDate(monday.year, monday.month)
        return PartialDate(sunday.year) if monday.year == sunday.year else None
    match = re.match(r"^(\d{4})-(?:[QH]\d|SP|SU|FA|WI)$", value)
    return PartialDate(int(match[1])) if match else None


def find_time_expressions(doc: Doc, published: PartialDate | None) -> list[TimeExpression]:
    """Find and resolve the temporal expressions in a parsed text.

    Needs: `doc` with entities and a parse (or none: sentences are then split
    on punctuation); `published` if known.
    Gives: one TimeExpression per expression, in text order, with offsets
    into `doc.text`; `value` None when it cannot be put on the calendar.
    """
    text = doc.text  # spaCy joins every token again on each read of Doc.text
    spans = _candidate_spans(doc, text)
    published = published or _dateline_date(text, spans)
    starts = _sentence_starts(doc)
    days: list[tuple[int, PartialDate]] = []  # absolute days named so far, by sentence
    found: list[TimeExpression] = []
    for span in spans:
        tense = clause_tense(span)
        sentence = max(0, bisect_right(starts, span.start_char) - 1)
        # undated: an anaphor ("a year earlier") also looks back only ANCHOR_SENTENCES
        since = 0 if published else starts[max(0, sentence - ANCHOR_SENTENCES)]
        earlier = (
            [expression for expression in found if expression.start >= since] if since else found
        )
        anchor = _anchor_for(span.text, published or _nearby_day(days, sentence), earlier)
        timex = _normalise_span(span, anchor, tense)
        if timex is None and not _TEMPORAL_WORD.search(span.text):
            continue
        expression = _expression(span, timex)
        found.append(expression)
        if expression.value and _dates_the_past(doc, tense) and _is_absolute_day(span.text):
            days.append((sentence, expression.value))
    return found


def needs_anchor(expression: TimeExpression) -> bool:
    """Whether an expression points to a date the text gives no anchor for.

    "on Thursday", "last week" or "November 19" in an article with no
    publication date and no absolute date near it: a date, but not one that
    can be put on the calendar without guessing.
    """
    if expression.value is not None or expression.kind not in {"date", "time"}:
        return False
    found = timex_rules.normalise(expression.text, _ANY_ANCHOR)
    return found is not None and partial_date_of(found.value) is not None


def _nearby_day(days: Sequence[tuple[int, PartialDate]], sentence: int) -> PartialDate | None:
    """The latest day named in `sentence` or the ANCHOR_SENTENCES sentences before it."""
    near = [value for index, value in days if sentence - ANCHOR_SENTENCES <= index <= sentence]
    return max(near, key=lambda value: value.sort_key) if near else None


def _dates_the_past(doc: Doc, tense: Tense | None) -> bool:
    """Whether a clause of this tense tells of the past: a past tense, or any when the
    text has no parse to tell ("due on 15 May 2031" and "will meet on 3 June" do not)."""
    return tense == "past" or (tense is None and not doc.has_annotation("DEP"))


def _sentence_starts(doc: Doc) -> list[int]:
    """Where each sentence starts: from the parse, else split on end punctuation."""
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        return [sentence.start_char for sentence in doc.sents]
    return [0, *(match.end() for match in _SENTENCE_END.finditer(doc.text))]


def _dateline_date(text: str, spans: Sequence[Span]) -> PartialDate | None:
    """The date of a wire dateline opening the text ("KABUL, March 3, 2009 (AP) - ")."""
    if not spans:
        return None
    first = spans[0]
    if not _DATELINE_BEFORE.match(text[: first.start_char]):
        return None
    if not _DATELINE_AFTER.match(text[first.end_char : first.end_char + 60]):
        return None
    found = timex_rules.normalise(first.text, None)
    if found is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", found.value):
        return None
    return partial_date_of(found.value)


def _normalise_span(span: Span, anchor: PartialDate | None, tense: Tense | None) -> Timex | None:
    """Normalise a span; "in" before "two weeks" makes it a date only in a future clause.

    "will decide in two weeks" points to a day (None without an anchor); "the highest
    in two years" is a duration.
    """
    timex = timex_rules.normalise(span.text, anchor, tense)
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    if before == "in" and tense == "future" and timex is not None and timex.kind == "duration":
        ahead = timex_rules.normalise(f"in {span.text}", anchor, tense)
        return ahead if ahead is not None and ahead.kind == "date" else None
    return timex


def _expression(span: Span, timex: Timex | None) -> TimeExpression:
    kind = timex.kind if timex else _NER_LABELS.get(span.label_, "date")
    value = partial_date_of(timex.value) if timex and kind in {"date", "time"} else None
    return TimeExpression(
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        kind=kind,
        value=value,
        timex=timex.value if timex else "",
    )


def _anchor_for(
    text: str, anchor: PartialDate | None, earlier: Sequence[TimeExpression]
) -> PartialDate | None:
    """The publication date (or its stand-in); for an anaphoric expression, the last date
    named that is precise enough ("the next day" needs a day, "that year" a year)."""
    match = _ANAPHORIC.search(text)
    if match is None:
        return anchor
    needed = _PRECISION_NEEDED[(match["a"] or match["b"] or match["c"]).lower()]
    for expression in reversed(earlier):
        value = expression.value
        if value is not None and 1 + (value.month is not None) + (value.day is not None) >= needed:
            return value
    return anchor


def _is_absolute_day(text: str) -> bool:
    found = timex_rules.normalise(text, None)
    return found is not None and re.fullmatch(r"\d{4}-\d\d-\d\d", found.value) is not None


def clause_tense(span: Span) -> Tense | None:
    """The tense of the clause an expression modifies, read from its governing verb."""
    verb = span.root
    for _ in range(6):
        if verb.pos_ in {"VERB", "AUX"} or verb.head is verb:
            break
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    auxiliaries = [child for child in verb.children if child.dep_ in {"aux", "auxpass"}]
    if any(aux.lower_ in _FUTURE_AUX for aux in auxiliaries):
        return "future"
    if verb.dep_ == "xcomp" and verb.head.lemma_ in _FUTURE_GOVERNORS:
        return "future"
    if verb.tag_ == "VBD" or any(aux.tag_ == "VBD" for aux in auxiliaries):
        return "past"
    if verb.tag_ == "VBN" and any(aux.lemma_ == "have" for aux in auxiliaries):
        return "past"
    if verb.tag_ in {"VBZ", "VBP", "VBG"}:
        return "present"
    return None


def _candidate_spans(doc: Doc, text: str) -> list[Span]:
    """NER DATE/TIME entities and rule matches in `text` (the doc's), overlaps resolved,
    in text order."""
    spans = [piece for ent in doc.ents if ent.label_ in _NER_LABELS for piece in _split_range(ent)]
    for start, end in find_candidates(text):
        span = doc.char_span(start, end, label="DATE", alignment_mode="expand")
        if span is not None:
            spans.append(span)
    return _without_overlaps(_trimmed(span) for span in spans if not _is_not_a_date(span))


def _is_temporal(text: str) -> bool:
    """Whether the text normalises at all (against an arbitrary full anchor)."""
    return timex_rules.normalise(text, _ANY_ANCHOR) is not None


def _is_not_a_date(span: Span) -> bool:
    return timex_rules.NOT_A_DATE.search(span.text.lower()) is not None


def _split_range(span: Span) -> list[Span]:
    """'between 1982 and 1992' or 'the quarter ended Oct. 31' as two expressions."""
    pieces = []
    start = 0
    for match in [*_RANGE_SPLIT.finditer(span.text), None]:
        end = match.start() if match else len(span.text)
        piece = span.doc.char_span(
            span.start_char + start, span.start_char + end, label=span.label_
        )
        pieces.append(piece)
        start = match.end() if match else start
    if len(pieces) < 2 or any(p is None or not _is_temporal(p.text) for p in pieces):
        return [span]
    return pieces


@lru_cache(maxsize=8)
def find_candidates(text: str) -> tuple[tuple[int, int], ...]:
    """Character spans of the temporal expressions the rules find (the NER misses some).

    Of overlapping matches the longest is kept. Cached: dates and quantities both ask.
    """
    matches = [
        match.span("t" if "t" in pattern.groupindex else 0)
        for pattern in _RULE_PATTERNS
        for match in pattern.finditer(text)
    ]
    kept: list[tuple[int, int]] = []
    for start, end in sorted(matches, key=lambda span: (span[0] - span[1], span[0])):
        if all(end <= other_start or other_end <= start for other_start, other_end in kept):
            kept.append((start, end))
    return tuple(sorted(kept))


def _trimmed(span: Span) -> Span:
    """Drop edge punctuation, a possessive and a leading preposition or pronoun."""
    start, end = span.start, span.end
    while start + 1 < end and (
        span.doc[start].is_punct
        or (span.doc[start].lower_ in _LEADING_NOISE and span.doc[start + 1].lower_ != "least")
    ):
        start += 1
    while end > start and (span.doc[end - 1].is_punct or span.doc[end - 1].tag_ == "POS"):
        end -= 1
    return span.doc[start:end] if (start, end) != (span.start, span.end) else span


def _without_overlaps(spans: Iterable[Span]) -> list[Span]:
    """Keep the longest of overlapping spans (the first found on a tie)."""
    ordered = sorted((s for s in spans if len(s)), key=lambda s: (-(s.end - s.start), s.start))
    kept: list[Span] = []
    taken: set[int] = set()
    for span in ordered:
        if taken.isdisjoint(range(span.start, span.end)):
            kept.append(span)
            taken.update(range(span.start, span.end))
    return sorted(kept, key=lambda s: s.start)
