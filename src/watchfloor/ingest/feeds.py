"""RSS and Atom feed files -> one RawDocument per entry (parsed by feedparser).

An entry's doc_id is its `id` (RSS guid, Atom id), else its link, else
`STEM#N`; its source is `path#N`, N counting entries from 1. The entry's HTML
content (or, failing that, its summary) is the document; the feed's title is
the outlet. Dates stay as the feed wrote them, so the clean stage keeps the
publisher's own calendar day.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from watchfloor.ingest._problems import InputProblem
from watchfloor.ingest.decode import replace_lone_surrogates, unmarked_utf16
from watchfloor.records import RawDocument, Rejected

FEED_SNIFF_BYTES = 4096
# Before the root: an XML declaration, comments, processing instructions and a
# DOCTYPE, whose inline DTD ("[ <!ENTITY ...> ]") holds ">" of its own.
_FEED_ROOT = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?"
    r"(?:<!--.*?-->\s*|<\?.*?\?>\s*|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>\s*|<![^>]*>\s*)*"
    r"<(?:rss|feed|rdf:RDF)\b",
    re.S | re.I,
)
_PLAIN_TYPES = frozenset({"text/plain", "text"})


def looks_like_feed(data: bytes) -> bool:
    """True when the document's root element is `<rss>`, `<feed>` or `<rdf:RDF>`.

    The start is read in its byte-order mark's encoding or as UTF-16 told by its
    zero bytes, else as UTF-8 (other ASCII-compatible encodings read alike here).
    """
    start = data[:FEED_SNIFF_BYTES]
    encoding = feed_encoding(start) or "utf-8-sig"
    return _FEED_ROOT.match(start.decode(encoding, errors="replace")) is not None


def feed_encoding(start: bytes) -> str | None:
    """The encoding of a feed in UTF-16 or UTF-32, which feedparser is given decoded; else None."""
    for mark, name in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32")):
        if start.startswith(mark):
            return name
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return unmarked_utf16(start)


def read_feed(data: bytes, path: str, stem: str) -> Iterator[RawDocument | Rejected]:
    """Parse one feed file.

    Needs: the file's bytes (feedparser finds the encoding), its path and stem.
    Gives: a RawDocument per entry with content, or a Rejected per entry without;
    one Rejected for the file when it is not a readable feed.
    """
    import feedparser  # here, not at the top: imported only by a run that reads a feed

    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        if parsed.bozo:
            problem = InputProblem(
                "malformed_feed", f"not a readable feed: {parsed.bozo_exception}"
            )
        else:
            problem = InputProblem("empty", "the feed has no entries")
        yield problem.rejected(stem, path)
        return
    channel: Mapping[str, Any] = parsed.feed
    flaw = f" (the feed is malformed: {parsed.bozo_exception})" if parsed.bozo else ""
    for number, entry in enumerate(parsed.entries, start=1):
        document = _document_from_entry(entry, channel, f"{stem}#{number}", f"{path}#{number}")
        if isinstance(document, Rejected) and flaw:
            document = replace(document, detail=document.detail + flaw)
        yield document


def _document_from_entry(
    entry: Mapping[str, Any], channel: Mapping[str, Any], default_id: str, source: str
) -> RawDocument | Rejected:
    doc_id = _text(entry, "id") or _text(entry, "link") or default_id
    body, is_html = _entry_body(entry)
    if body is None:
        return InputProblem("missing_text", "the entry has no content or summary").rejected(
            doc_id, source
        )
    return RawDocument(
        doc_id=doc_id,
        source=source,
        text=None if is_html else body,
        html=body if is_html else None,
        title=_text(entry, "title"),
        url=_text(entry, "link"),
        outlet=_text(channel, "title"),
        published=_text(entry, "published") or _updated(entry),
        language=_text(channel, "language"),
    )


def _entry_body(entry: Mapping[str, Any]) -> tuple[str | None, bool]:
    """The longest content block (Atom can carry several), else the summary."""
    blocks = [block for block in entry.get("content") or () if str(block.get("value", "")).strip()]
    if blocks:
        block = max(blocks, key=lambda item: len(item["value"]))
        return replace_lone_surrogates(str(block["value"])), block.get("type") not in _PLAIN_TYPES
    summary = _text(entry, "summary")
    if summary is None:
        return None, True
    detail = entry.get("summary_detail") or {}
    return summary, detail.get("type") not in _PLAIN_TYPES


def _updated(entry: Mapping[str, Any]) -> str | None:
    """The entry's own `updated` date; feedparser's `get("updated")` falls back to
    `published` with a DeprecationWarning, so the plain dict lookup is used."""
    value = dict.get(entry, "updated") if isinstance(entry, dict) else entry.get("updated")
    return (replace_lone_surrogates(value).strip() or None) if isinstance(value, str) else None


def _text(fields: Mapping[str, Any], name: str) -> str | None:
    value = fields.get(name)
    return (replace_lone_surrogates(value).strip() or None) if isinstance(value, str) else None
