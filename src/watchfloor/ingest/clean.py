"""RawDocument -> Article: the clean stage.

HTML is first reduced to its main text by trafilatura (`extract.py`); every
text then goes through the same line rules (`page.py`, `boilerplate.py`,
`metadata.py`). The cleaned `text` is final: every later character offset
points into it.

Metadata precedence, first found wins:

* title: the input record, the page's metadata, the text's headline (a title-like
  line above the first paragraph, else a first line that reads as a headline over
  the rest: see `page._first_line_headline`);
* published: the input record, the page's metadata, a publication date line,
  an "Updated" date line (a page that states only when it was updated was
  published on or shortly before that day);
* outlet: the input record, the page's site name, a "Headline - Outlet"
  suffix or a wire dateline "(Agency) -";
* language: what the text reads as (`language.article_language`), else the input
  record's or the page's.

`title` is "" when none of these gives one: a first line that reads as a sentence
(it ends with a full stop, holds one, or is an exclamation) is no headline.

A `published` the input record gives is checked (`date_lines.read_given_published`):
an impossible date rejects the document (`bad_published`); a relative or
unreadable one is ignored, and `published_note` says so for the run's report.

The work a document may cost later is bounded here: a run of more than
`MAX_SYMBOL_RUN_CHARS` punctuation or symbol characters with no letter, digit or
space in it ("&&&&...", "!?!?...") is cut to that length, as spaCy's tokenizer
takes time quadratic in the length of such a run. A text that is still more than
`MAX_SYMBOL_SHARE` punctuation or symbols is rejected (`pathological_text`), and
`nlp_max_chars` bounds the length the NLP stages read.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from watchfloor.ingest._problems import InputProblem
from watchfloor.ingest.date_lines import (
    in_published_years,
    parse_published,
    published_flaw,
    read_given_published,
)
from watchfloor.ingest.extract import ExtractedPage, extract_page
from watchfloor.ingest.language import article_language
from watchfloor.ingest.metadata import split_outlet_suffix
from watchfloor.ingest.page import CleanedText, clean_text
from watchfloor.records import Article, PartialDate, RawDocument, Rejected
from watchfloor.settings import Settings

__all__ = [
    "cap_symbol_runs",
    "clean_document",
    "content_hash",
    "normalise_for_hash",
    "published_note",
]

MAX_SYMBOL_RUN_CHARS = 32
MAX_SHOWN_CHARS = 60  # of a given value quoted in a warning
# Each punctuation or symbol character is a token of its own, so a text mostly
# made of them costs the NLP stages several times a prose text of its length.
MAX_SYMBOL_SHARE = 0.3
_LONG_SYMBOL_RUN = re.compile(rf"[^\w\s]{{{MAX_SYMBOL_RUN_CHARS + 1},}}")
_SYMBOL = re.compile(r"[^\w\s]")
_NOT_SPACE = re.compile(r"\S")


def clean_document(raw: RawDocument, settings: Settings) -> Article | Rejected:
    """Clean one document.

    Needs: a RawDocument with `text` or `html`; `settings.min_text_chars`.
    Gives: an Article whose text is the body without boilerplate, with title,
    byline, outlet and publication date; or a Rejected (stage "extract" for HTML
    without main text, "clean" with reason `too_short` when too little is left).
    """
    try:
        given = read_given_published(raw.published) if raw.published else None
        page = _page_of(raw)
    except InputProblem as problem:
        return problem.rejected(raw.doc_id, raw.source)
    cleaned = clean_text(cap_symbol_runs(page.text))
    if len(cleaned.text) < settings.min_text_chars:
        detail = (
            f"{len(cleaned.text)} characters left after cleaning, "
            f"fewer than min_text_chars={settings.min_text_chars}"
        )
        return InputProblem("too_short", detail, "clean").rejected(raw.doc_id, raw.source)
    symbols = len(_SYMBOL.findall(cleaned.text)) / max(1, len(_NOT_SPACE.findall(cleaned.text)))
    if symbols > MAX_SYMBOL_SHARE:
        detail = (
            f"{symbols:.0%} of the text is punctuation or symbols, over "
            f"{MAX_SYMBOL_SHARE:.0%}: not prose, and too costly to analyse"
        )
        return InputProblem("pathological_text", detail, "clean").rejected(raw.doc_id, raw.source)
    return _article(raw, page, cleaned, given)


def published_note(raw: RawDocument) -> str | None:
    """One line when the record's `published` was given but ignored (relative, not a date)."""
    flaw = published_flaw(raw.published) if raw.published else None
    if flaw is None or raw.published is None:
        return None
    if flaw == "relative":
        why = "a relative date names no day by itself, and the day of ingest is not it"
    else:
        why = "not a date watchfloor reads (use YYYY-MM-DD)"
    shown = raw.published if len(raw.published) <= MAX_SHOWN_CHARS else raw.published[:57] + "..."
    return f"published {shown!r} ignored: {why}"


def cap_symbol_runs(text: str) -> str:
    """`text` with each run of punctuation or symbols cut to `MAX_SYMBOL_RUN_CHARS`."""
    return _LONG_SYMBOL_RUN.sub(lambda run: run[0][:MAX_SYMBOL_RUN_CHARS], text)


def normalise_for_hash(text: str) -> str:
    """The form of a text its content hash is computed over.

    Unicode NFKC, case-folded, every run of whitespace one space, ends stripped:
    two texts differing only in case, spacing, line breaks or compatibility
    characters (ligatures, full-width forms, non-breaking spaces) hash alike.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(folded.split())


def content_hash(text: str) -> str:
    """sha256 hex digest of `normalise_for_hash(text)`; what `Article.content_hash` holds."""
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()


def _page_of(raw: RawDocument) -> ExtractedPage:
    if raw.text is not None:
        return ExtractedPage(text=raw.text)
    if raw.html is not None:
        return extract_page(raw.html, raw.url)
    raise InputProblem("missing_text", "the document has neither text nor html", "clean")


def _article(
    raw: RawDocument, page: ExtractedPage, cleaned: CleanedText, given: PartialDate | None
) -> Article:
    page_title, suffix_outlet = split_outlet_suffix(page.title) if page.title else (None, None)
    return Article(
        doc_id=raw.doc_id,
        title=_first(raw.title, page_title, cleaned.title) or "",
        text=cleaned.text,
        published=given or _published(page, cleaned),
        source=raw.source,
        outlet=_first(raw.outlet, page.outlet, suffix_outlet, cleaned.outlet),
        url=_first(raw.url, page.url),
        byline=_first(page.byline, cleaned.byline),
        language=article_language(cleaned.text, _first(raw.language, page.language)),
        content_hash=content_hash(cleaned.text),
    )


def _published(page: ExtractedPage, cleaned: CleanedText) -> PartialDate | None:
    """The page's own date, else its date lines; years that are no real date are dropped."""
    parsed = in_published_years(parse_published(page.published)) if page.published else None
    return parsed or in_published_years(cleaned.published) or in_published_years(cleaned.updated)


def _first(*values: str | None) -> str | None:
    for value in values:
        if value is not None and value.strip():
            return value.strip()
    return None
