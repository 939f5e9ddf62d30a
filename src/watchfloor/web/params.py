"""Query parameters shared by the API and the pages: dates, event filters, paging."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query

from watchfloor.errors import InputError
from watchfloor.records import PartialDate
from watchfloor.store import EventFilter

# Rows per page of a listing: the default, and the most one request may ask for.
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Rows per page, 1 to {MAX_LIMIT}.")]
Offset = Annotated[int, Query(ge=0, description="Rows to skip (paging).")]
Since = Annotated[str | None, Query(description="Dated on or after: YYYY, YYYY-MM or YYYY-MM-DD.")]
Until = Annotated[str | None, Query(description="Dated on or before: YYYY, YYYY-MM or YYYY-MM-DD.")]
ActorParam = Annotated[str | None, Query(description="Actor id or name, e.g. KOR.")]
RecipientParam = Annotated[str | None, Query(description="Recipient id or name, e.g. UKR.")]
PlaceParam = Annotated[
    str | None,
    Query(description="Where: a country code or name (UKR, Ukraine) or a place name (Kharkiv)."),
]


def parse_date(value: str | None, name: str) -> PartialDate | None:
    """A YYYY[-MM[-DD]] parameter as a PartialDate; an InputError naming `name` otherwise."""
    if value is None or not value.strip():
        return None
    try:
        parsed = PartialDate.parse(value)
    except ValueError:
        parsed = None
    if parsed is None or len(value.strip()) > 10:
        raise InputError(f"{name} must be a date like 2024, 2024-05 or 2024-05-01, got {value!r}")
    return parsed


def event_filter(
    actor: str | None = None,
    recipient: str | None = None,
    type: str | None = None,
    mode: str | None = None,
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    text: str | None = None,
    independent_sources: int | None = None,
    conflicts_only: bool = False,
    place: str | None = None,
) -> EventFilter:
    """The EventFilter the parameters ask for (values are checked by `query.iter_events`)."""
    return EventFilter(
        actor=actor or None,
        recipient=recipient or None,
        type=type or None,
        status=status or None,
        since=parse_date(since, "since"),
        until=parse_date(until, "until"),
        independent_sources=independent_sources,
        conflicts_only=conflicts_only,
        mode=mode or None,
        outlet=outlet or None,
        text=text or None,
        place=place or None,
    )


def event_query(
    actor: ActorParam = None,
    recipient: RecipientParam = None,
    type: Annotated[str | None, Query(description="PLOVER type, e.g. AID.")] = None,
    mode: Annotated[str | None, Query(description="PLOVER mode, e.g. violence.")] = None,
    status: Annotated[
        str | None, Query(description="asserted, future, hypothetical, negated or historical.")
    ] = None,
    since: Since = None,
    until: Until = None,
    outlet: Annotated[str | None, Query(description="Reported by this outlet.")] = None,
    text: Annotated[str | None, Query(description="Evidence contains these words.")] = None,
    independent_sources: Annotated[
        int | None, Query(ge=1, description="At least this many independent sources.")
    ] = None,
    conflicts: Annotated[bool, Query(description="Only events whose sources disagree.")] = False,
    place: PlaceParam = None,
) -> EventFilter:
    """The event filters of the query string (a FastAPI dependency of /events and /export)."""
    return event_filter(
        actor, recipient, type, mode, status, since, until, outlet, text,
        independent_sources, conflicts, place,
    )  # fmt: skip


def page(name: str, items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """A listing page: the items under `name`, with where the next page starts (or null)."""
    return {
        name: items,
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if len(items) == limit else None,
    }
