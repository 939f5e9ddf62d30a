"""HTML -> main text and page metadata, by trafilatura.

Only the page's own metadata gives a date (meta tags, JSON-LD, the URL);
htmldate's extensive search, which guesses from dates in the body, is off.
An HTML fragment (a feed entry's content) is wrapped in a page body first,
as trafilatura finds nothing in a bare fragment; when the main-text extractor
still finds nothing, trafilatura's baseline extractor is tried.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from watchfloor.ingest._problems import InputProblem

_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_PAGE_START = re.compile(r"<(?:html|body)\b", re.I)
FRAGMENT_SNIFF_CHARS = 4096


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    """What trafilatura found in one page; text paragraphs are separated by newlines."""

    text: str
    title: str | None = None
    byline: str | None = None
    outlet: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None
    language: str | None = None


def extract_page(html: str, url: str | None = None) -> ExtractedPage:
    """Extract the main text of one HTML page.

    Needs: the page's HTML; its URL when known (it helps trafilatura's metadata).
    Gives: the main text and whatever metadata the page declares; raises
    `InputProblem` (`no_main_text`, stage "extract") when no text is found.
    """
    import trafilatura  # here, not at the top: imported only by a run that reads HTML

    if _PAGE_START.search(html[:FRAGMENT_SNIFF_CHARS]) is None:
        html = f"<html><body>{html}</body></html>"
    found = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params=_DATE_PARAMS,
    )
    text = _optional(getattr(found, "text", None))
    if text is None:
        text = _optional(trafilatura.baseline(html)[1])
    if text is None:
        raise InputProblem("no_main_text", "trafilatura found no main text in the HTML", "extract")
    return ExtractedPage(
        text=text,
        title=_optional(getattr(found, "title", None)),
        byline=_optional(getattr(found, "author", None)),
        outlet=_optional(getattr(found, "sitename", None)),
        published=_optional(getattr(found, "date", None)),
        url=_optional(getattr(found, "url", None)),
        language=_optional(getattr(found, "language", None)),
    )


def _optional(value: object) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None
