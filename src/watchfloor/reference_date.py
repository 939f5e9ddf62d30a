"""Reference dates: the earliest an article without a publication date can have been written.

Listings use them only to place undated events (`place_event`); they are never
written into an event's `date`. They are computed when asked, from what the store
holds, so a re-ingest, a new version of an article, a new copy link or `watchfloor
reprocess` changes them with nothing to refresh. Fusion, which every ingest that
stores something and every reprocess ends with, also records each fused event's
placement, so that listings can order and limit in the database.

An article without a publication date gets, in this order:

1. **`derived_from`:** when it is a copy, the publication date of its original
   (a copy is published on or after its original). A chain of undated copies is
   followed to the first dated original.
2. **`content`:** the latest date the article itself shows to be past: the dates
   of its asserted events, and absolute, day-precise time expressions ("21
   October 2024": the text names the year and the day). An expression that
   dates one of the article's future events, and any date after today, is left
   out: it says nothing about when the article was written.
3. Otherwise none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date as _date
from typing import Any, Literal

from watchfloor.records import PartialDate
from watchfloor.store import Placement, Store

Basis = Literal["derived_from", "content"]
# Copies of copies are followed this far, which also stops at a cycle.
MAX_COPY_CHAIN = 10


@dataclass(frozen=True, slots=True)
class ReferenceDate:
    """Where an undated article sits in time, and why."""

    date: PartialDate
    basis: Basis  # "derived_from": its original's publication date; "content": its own dates


@dataclass(frozen=True, slots=True)
class _Dating:
    """What one article's analysis says about when it was written."""

    event_dates: tuple[PartialDate, ...] = ()  # of its asserted events
    future_dates: tuple[PartialDate, ...] = ()  # of its future events
    expressions: tuple[tuple[str, PartialDate], ...] = ()  # day-precise (text, value)


def is_absolute(text: str, value: PartialDate) -> bool:
    """Whether an expression names the year and day of its day-precise value itself.

    "21 October 2024" and "2024-10-21" do; "Friday", "today" and "October 8th"
    were resolved against another date and do not.
    """
    if value.day is None:
        return False
    return _names_number(text, value.year) and _names_number(text, value.day)


def _names_number(text: str, number: int) -> bool:
    return re.search(rf"(?<!\d)0?{number}(?!\d)", text) is not None


def content_date(
    event_dates: Iterable[PartialDate],
    expressions: Iterable[tuple[str, PartialDate]],
    future_dates: Iterable[PartialDate] = (),
    today: _date | None = None,
) -> PartialDate | None:
    """The latest date an article shows to be past, or None.

    Needs: the dates of its asserted events; its (text, value) time expressions;
    the dates of its future events. Gives: the latest of the event dates and the
    absolute day-precise expression values that date no future event, none after
    `today`.
    """
    limit = (today or _date.today()).isoformat()
    future = set(future_dates)
    candidates = [*event_dates]
    candidates += [
        value for text, value in expressions if value not in future and is_absolute(text, value)
    ]
    past = [d for d in candidates if d.iso() <= limit]
    return max(past, key=lambda d: d.sort_key) if past else None


def read_reference_dates(
    store: Store, doc_ids: Iterable[str], today: _date | None = None
) -> dict[str, ReferenceDate]:
    """The reference date of every article among `doc_ids` that has no publication date.

    Needs: a store with articles, copy links (`derived_from`), events and time
    expressions. Gives: doc_id -> ReferenceDate, for undated articles that have one.
    """
    articles = _read_articles(store, set(doc_ids))
    undated = [doc_id for doc_id, (published, _) in articles.items() if published is None]
    found: dict[str, ReferenceDate] = {}
    for doc_id in undated:
        original = _original_date(store, doc_id, articles)
        if original is not None:
            found[doc_id] = ReferenceDate(original, "derived_from")
    datings = _read_datings(store, [d for d in undated if d not in found])
    for doc_id, dating in datings.items():
        bound = content_date(dating.event_dates, dating.expressions, dating.future_dates, today)
        if bound is not None:
            found[doc_id] = ReferenceDate(bound, "content")
    return found


def _original_date(
    store: Store, doc_id: str, articles: dict[str, tuple[str | None, str | None]]
) -> PartialDate | None:
    """The publication date of the first dated article up the copy chain of `doc_id`."""
    seen = {doc_id}
    original = articles[doc_id][1]
    for _ in range(MAX_COPY_CHAIN):
        if original is None or original in seen:
            return None
        if original not in articles:
            articles.update(_read_articles(store, {original}))
        row = articles.get(original)
        if row is None:
            return None
        published, derived_from = row
        if published is not None:
            return PartialDate.parse(published)
        seen.add(original)
        original = derived_from
    return None


def _read_articles(store: Store, doc_ids: set[str]) -> dict[str, tuple[str | None, str | None]]:
    return store.read_article_dates(doc_ids)


def _read_datings(store: Store, doc_ids: list[str]) -> dict[str, _Dating]:
    events: dict[str, dict[str, list[PartialDate]]] = {}
    expressions: dict[str, list[tuple[str, PartialDate]]] = {}
    for doc_id, status, date in store.read_event_dates(doc_ids):
        events.setdefault(doc_id, {}).setdefault(status, []).append(PartialDate.parse(date))
    for doc_id, text, value in store.read_date_expressions(doc_ids):
        expressions.setdefault(doc_id, []).append((text, PartialDate.parse(value)))
    return {
        doc_id: _Dating(
            event_dates=tuple(events.get(doc_id, {}).get("asserted", ())),
            future_dates=tuple(events.get(doc_id, {}).get("future", ())),
            expressions=tuple(expressions.get(doc_id, ())),
        )
        for doc_id in set(events) | set(expressions)
    }


def with_reference(source: dict[str, Any], reference: ReferenceDate | None) -> dict[str, Any]:
    """A fused event's source with its article's reference date and basis (or None)."""
    return {
        **source,
        "reference_date": reference.date.iso() if reference else None,
        "reference_basis": reference.basis if reference else None,
    }


def order_sources(
    sources: Iterable[dict[str, Any]], references: Mapping[str, ReferenceDate]
) -> list[dict[str, Any]]:
    """Sources with their reference dates, oldest first by publication or reference date.

    A published source goes before a referenced one on the same date.
    """
    placed = [with_reference(source, references.get(source["doc_id"])) for source in sources]
    return sorted(placed, key=_source_order)


def _source_order(source: dict[str, Any]) -> tuple[bool, str, bool, str]:
    when = source["published"] or source["reference_date"]
    return (when is None, when or "", source["published"] is None, source["doc_id"])


def place_event(date: str | None, ordered_sources: Sequence[dict[str, Any]]) -> Placement:
    """Where a fused event goes on a timeline.

    Needs: the event's own date, and its sources from `order_sources`. Gives: its
    own date ("date"), else its first source's publication date ("published"),
    else that source's reference date ("reference_date"), else nothing.
    """
    first = ordered_sources[0] if ordered_sources else {}
    if date:
        return Placement(date, "date")
    if first.get("published"):
        return Placement(first["published"], "published")
    if first.get("reference_date"):
        return Placement(first["reference_date"], "reference_date")
    return Placement()
