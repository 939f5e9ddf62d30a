"""Plain page text -> article body plus the metadata its boilerplate carried.

A page is read as lines in three zones:

* the header, every line before the first body paragraph: breadcrumbs, the
  headline (kept once, in the text), bylines, date lines, a repeated headline;
* the body: paragraphs, where only boilerplate lines and a "Read more: ..."
  promo glued to a paragraph's end are removed;
* the tail, from a related/comments/newsletter/tags/share line that follows the
  last body paragraph: dropped whole ("More news", a list of other headlines...).

Bylines and bare date lines count as metadata only near the top (the header and
the first few lines after it); labelled date lines ("Updated: ...") anywhere.
Only whitespace that is safe to touch is normalised; see `normalise_text`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from watchfloor.ingest.boilerplate import (
    TAIL_FAMILIES,
    boilerplate_kind,
    breadcrumb_tail,
    strip_trailing_promo,
)
from watchfloor.ingest.date_lines import DateLine, parse_date_line
from watchfloor.ingest.metadata import (
    byline_date,
    dateline_outlet,
    parse_byline,
    split_outlet_suffix,
)
from watchfloor.records import PartialDate

MIN_BODY_WORDS = 8  # a line this long ending like a sentence is a body paragraph
LONG_LINE_WORDS = 25  # a line this long is a body paragraph however it ends
MAX_TITLE_WORDS = 30
MAX_QUESTION_TITLE_WORDS = 15
# Bylines and bare date lines are looked for in the header, the first body
# paragraph and this many non-blank lines after it (standfirst, byline, date).
TOP_LINES_AFTER_FIRST_PARAGRAPH = 2
_SENTENCE_END = tuple('.!?"”’)')
_CLOSING = "\"”’')]»"
_NOT_TITLE_END = (".", ",", ";", ":", "…")
# A full stop, ! or ? after a lower-case word, then a capital: one sentence ends there.
# ("Gov. Palin" reads as two sentences too; abbreviations of one letter, "U.S.", do not.)
_SENTENCE_INSIDE = re.compile(r"[a-z]{2}[.!?][\"”’')\]]*\s+[\"“‘'(]*[A-Z]")
_LINE_BREAK = re.compile(r"\r\n?|[\v\f\x85\u2028]")
_SAFE_SPACES = str.maketrans(
    {"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\ufeff": None, "\u200b": None, "\u2060": None}
)
_HEADLINE_KEY = re.compile(r"\W+")
_BLANK_RUN = re.compile(r"\n{3,}")


@dataclass(frozen=True, slots=True)
class CleanedText:
    """The body of a page and the metadata read from its boilerplate."""

    text: str
    title: str | None = None
    byline: str | None = None
    outlet: str | None = None
    published: PartialDate | None = None
    updated: PartialDate | None = None


@dataclass(slots=True)
class _Found:
    """Metadata collected while one page is scanned (local to `clean_text`)."""

    title: str | None = None
    crumb: str | None = None
    byline: str | None = None
    outlet: str | None = None
    dates: dict[str, PartialDate] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Layout:
    kinds: tuple[str | None, ...]  # boilerplate rule of each line, None for content
    first_body: int
    top_end: int
    tail_start: int


def normalise_text(text: str) -> str:
    """Make line breaks `\\n`, non-breaking spaces plain spaces, and strip each line's ends.

    Zero-width spaces, word joiners and byte-order marks are removed. Quotes,
    dashes, spelling and the spaces inside a line are left exactly as they are.
    """
    text = _LINE_BREAK.sub("\n", text.replace("\u2029", "\n\n")).translate(_SAFE_SPACES)
    return "\n".join(line.strip() for line in text.split("\n"))


def clean_text(text: str) -> CleanedText:
    """Remove boilerplate from one page of plain text.

    Needs: the page text (any line endings).
    Gives: the body with paragraph breaks kept (runs of blank lines become one),
    and the title, byline, outlet and dates its header and metadata lines state.
    """
    lines = normalise_text(text).split("\n")
    layout = _lay_out(lines)
    found = _Found()
    kept = [_clean_line(index, line, layout, found) for index, line in enumerate(lines)]
    if found.title is None and found.crumb is not None and _looks_like_title(found.crumb):
        found.title, outlet = split_outlet_suffix(found.crumb)
        found.outlet = found.outlet or outlet
    body = _join_paragraphs(line for line in kept if line is not None)
    return CleanedText(
        text=body,
        title=found.title or _first_line_headline(body),
        byline=found.byline,
        outlet=found.outlet or _first_dateline_outlet(body),
        published=found.dates.get("published"),
        updated=found.dates.get("updated"),
    )


def _lay_out(lines: list[str]) -> _Layout:
    kinds = tuple(boilerplate_kind(line) for line in lines)
    body = [i for i, line in enumerate(lines) if kinds[i] is None and _is_body(line)]
    if not body:
        return _Layout(kinds, len(lines), len(lines), len(lines))
    after_header = [i for i in range(body[0], len(lines)) if lines[i]]
    top_end = after_header[min(TOP_LINES_AFTER_FIRST_PARAGRAPH, len(after_header) - 1)] + 1
    tail_markers = (i for i in range(body[-1] + 1, len(lines)) if kinds[i] in TAIL_FAMILIES)
    return _Layout(kinds, body[0], top_end, next(tail_markers, len(lines)))


def _clean_line(index: int, line: str, layout: _Layout, found: _Found) -> str | None:
    """The line as it stays in the text ("" for a paragraph break), or None when removed."""
    if not line:
        return ""
    kind = layout.kinds[index]
    if index >= layout.tail_start or kind is not None:
        if kind == "breadcrumb" and found.crumb is None:
            found.crumb = breadcrumb_tail(line)
        return None
    top = index < layout.top_end
    rest = _take_date(line, top, found)
    if rest is None:
        return None
    if top and (name := parse_byline(rest)) is not None:
        found.byline = found.byline or name
        if (date := byline_date(rest)) is not None:
            found.dates.setdefault("published", date)
        return None
    if index < layout.first_body:
        return _header_line(rest, found)
    if top and found.title is not None and _same_headline(rest, found.title):
        return None
    return strip_trailing_promo(rest)


def _take_date(line: str, top: bool, found: _Found) -> str | None:
    """Record a date line; return what is left of the line (None when nothing is)."""
    date_line = parse_date_line(line)
    if date_line is None or not (date_line.labelled or top):
        return line
    byline = parse_byline(date_line.rest) if date_line.rest else None
    if date_line.rest and byline is None and not (date_line.labelled and top):
        return line  # a sentence that happens to start with a date
    _note_date(date_line, found)
    if byline is not None:
        found.byline = found.byline or byline
    return date_line.rest if date_line.rest and byline is None else None


def _note_date(date_line: DateLine, found: _Found) -> None:
    if date_line.date is not None:
        found.dates.setdefault(date_line.kind, date_line.date)


def _header_line(line: str, found: _Found) -> str | None:
    """A content line above the body: the headline (kept once), a repeat of it, or a standfirst."""
    if found.title is not None:
        return None if _same_headline(line, found.title) else line
    headline, outlet = split_outlet_suffix(line)
    repeats_crumb = found.crumb is not None and _same_headline(line, found.crumb)
    if repeats_crumb or _looks_like_title(headline):
        found.title, found.outlet = headline, found.outlet or outlet
        return headline
    return line


def _same_headline(line: str, headline: str) -> bool:
    return _headline_key(split_outlet_suffix(line)[0]) == _headline_key(
        split_outlet_suffix(headline)[0]
    )


def _headline_key(text: str) -> str:
    return _HEADLINE_KEY.sub(" ", text.casefold()).strip()


def _looks_like_title(line: str) -> bool:
    """2 to `MAX_TITLE_WORDS` words, no full stop or other sentence punctuation at the end,
    also not inside a closing quote or bracket (`said "no."`)."""
    words = len(line.split())
    return 2 <= words <= MAX_TITLE_WORDS and not line.rstrip(_CLOSING).endswith(_NOT_TITLE_END)


def _first_line_headline(body: str) -> str | None:
    """The text's first line when it reads as a headline over the rest, else None.

    A plain-text article mostly opens with its headline, which the header rules miss
    when it ends like a sentence would ("...?", "...'enough'", "(UPDATE 2)") or is long.
    The first line is taken when more text follows it, it looks like a title, no
    sentence ends inside it, and it is no exclamation nor a question of more than
    `MAX_QUESTION_TITLE_WORDS` words.
    """
    first, _, rest = body.partition("\n")
    if not rest.strip() or not _looks_like_title(first) or _SENTENCE_INSIDE.search(first):
        return None
    end = first.rstrip(_CLOSING)[-1:]
    if end == "!" or (end == "?" and len(first.split()) > MAX_QUESTION_TITLE_WORDS):
        return None  # an exclamation, or a long question, opens a story as its first sentence
    return first


def _is_body(line: str) -> bool:
    words = len(line.split())
    return words >= LONG_LINE_WORDS or (words >= MIN_BODY_WORDS and line.endswith(_SENTENCE_END))


def _first_dateline_outlet(body: str) -> str | None:
    first = next((line for line in body.split("\n") if _is_body(line)), "")
    return dateline_outlet(first)


def _join_paragraphs(lines: Iterable[str]) -> str:
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip("\n")
