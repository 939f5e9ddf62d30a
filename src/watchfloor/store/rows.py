"""Conversions between records and database rows; shared by every backend."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from watchfloor.records import (
    Actor,
    Article,
    CanonicalEvent,
    Event,
    Mention,
    PartialDate,
    Place,
    Quantity,
    Role,
    StoryMatch,
    TimeExpression,
)
from watchfloor.store.base import Placement

EVENT_COLUMNS = (
    "event_id", "doc_id", "seq", "type", "mode", "context", "actor", "recipient", "date",
    "date_source", "status", "quantity_value", "quantity_unit", "quantity_qualifier",
    "quantity_text", "evidence", "evidence_start", "evidence_end", "trigger", "trigger_start",
    "trigger_end", "score", "recipient_source", "place_country", "place_name", "fusion_key",
)  # fmt: skip


def _date(value: str | None) -> PartialDate | None:
    return PartialDate.parse(value) if value else None


def _iso(value: PartialDate | None) -> str | None:
    return value.iso() if value else None


def article_from_row(row: Mapping[str, Any]) -> Article:
    return Article(
        doc_id=row["doc_id"],
        title=row["title"],
        text=row["text"],
        published=_date(row["published"]),
        source=row["source"],
        outlet=row["outlet"],
        url=row["url"],
        byline=row["byline"],
        language=row["language"],
        content_hash=row["content_hash"],
        derived_from=row["derived_from"],
    )


def mention_row(mention: Mention) -> tuple[Any, ...]:
    return (
        mention.doc_id, mention.start, mention.end, mention.text, mention.label,
        mention.sentence, mention.descriptor, mention.actor_id, mention.reason,
    )  # fmt: skip


def time_row(doc_id: str, expression: TimeExpression) -> tuple[Any, ...]:
    return (
        doc_id, expression.start, expression.end, expression.text, expression.kind,
        _iso(expression.value), expression.timex,
    )  # fmt: skip


def event_id(event: Event, seq: int) -> str:
    """A stable id: the same event in the same place of the same text keeps its id."""
    key = json.dumps(
        [event.doc_id, event.type, event.actor, event.recipient, event.evidence_start,
         event.evidence_end, event.trigger_start, seq],
    )  # fmt: skip
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def event_row(event: Event, event_id: str, seq: int) -> tuple[Any, ...]:
    quantity = event.quantity
    return (
        event_id, event.doc_id, seq, event.type, event.mode, json.dumps(list(event.context)),
        json.dumps(list(event.actor)), json.dumps(list(event.recipient)), _iso(event.date),
        event.date_source, event.status,
        quantity.value if quantity else None, quantity.unit if quantity else None,
        quantity.qualifier if quantity else None, quantity.text if quantity else None,
        event.evidence, event.evidence_start, event.evidence_end, event.trigger,
        event.trigger_start, event.trigger_end, event.score, event.recipient_source,
        event.place.country if event.place else None, event.place.name if event.place else None,
        fusion_key(event.type, event.actor, event.recipient),
    )  # fmt: skip


def fusion_key(type: str, actor: Sequence[str], recipient: Sequence[str]) -> str:
    """The block of reports that can fuse with one another (`fuse.fuse_events` groups by it).

    A JSON array of the type and the sorted, distinct actor and recipient ids, written
    compactly as SQLite's json functions write it (migration 0006 computes it in SQL).
    """
    parts = [type, sorted(set(actor)), sorted(set(recipient))]
    return json.dumps(parts, separators=(",", ":"), ensure_ascii=False)


def event_from_row(row: Mapping[str, Any]) -> Event:
    quantity = None
    if row["quantity_value"] is not None:
        quantity = Quantity(
            value=row["quantity_value"],
            unit=row["quantity_unit"] or "",
            qualifier=row["quantity_qualifier"],
            text=row["quantity_text"] or "",
        )
    return Event(
        doc_id=row["doc_id"],
        type=row["type"],
        actor=tuple(json.loads(row["actor"])),
        recipient=tuple(json.loads(row["recipient"])),
        status=row["status"],
        evidence=row["evidence"],
        evidence_start=row["evidence_start"],
        evidence_end=row["evidence_end"],
        mode=row["mode"],
        context=tuple(json.loads(row["context"])),
        date=_date(row["date"]),
        date_source=row["date_source"],
        quantity=quantity,
        trigger=row["trigger"],
        trigger_start=row["trigger_start"],
        trigger_end=row["trigger_end"],
        score=row["score"],
        recipient_source=row["recipient_source"],
        place=place_from_row(row),
    )


def place_from_row(row: Mapping[str, Any]) -> Place | None:
    """The place of an event or fused event row, or None."""
    country = row["place_country"]
    return Place(country, row["place_name"]) if country else None


def place_dict(place: Place | None) -> dict[str, str | None] | None:
    """A place as JSON: {"country": "UKR", "name": "Kharkiv"} (name may be null), or None."""
    return {"country": place.country, "name": place.name} if place else None


def role_row(actor_id: str, role: Role) -> tuple[Any, ...]:
    return (
        actor_id, role.title, role.country, role.sector, role.organisation,
        _iso(role.start), _iso(role.end), _iso(role.stated), role.doc_id,
    )  # fmt: skip


def role_from_row(row: Mapping[str, Any]) -> Role:
    return Role(
        title=row["title"],
        country=row["country"],
        sector=row["sector"],
        organisation=row["organisation"],
        start=_date(row["start"]),
        end=_date(row["end"]),
        stated=_date(row["stated"]),
        doc_id=row["doc_id"],
    )


def actor_from_row(row: Mapping[str, Any], aliases: Sequence[str], roles: Sequence[Role]) -> Actor:
    return Actor(
        id=row["actor_id"],
        name=row["name"],
        kind=row["kind"],
        country=row["country"],
        sector=row["sector"],
        aliases=tuple(aliases),
        roles=tuple(roles),
        members=tuple(json.loads(row["members"])),
    )


def event_to_gold(event: Event) -> dict[str, Any]:
    """An event in the shape of a gold event record (SCHEMA.md), plus extra keys."""
    quantity = event.quantity
    return {
        "doc_id": event.doc_id,
        "type": event.type,
        "mode": event.mode,
        "context": list(event.context),
        "actor": list(event.actor),
        "recipient": list(event.recipient),
        "date": _iso(event.date),
        "status": event.status,
        "quantity": (
            {"value": quantity.value, "unit": quantity.unit, "qualifier": quantity.qualifier}
            if quantity
            else None
        ),
        "evidence": event.evidence,
        "evidence_start": event.evidence_start,
        "evidence_end": event.evidence_end,
        "trigger": event.trigger,
        "date_source": event.date_source,
        "recipient_source": event.recipient_source,
        "score": event.score,
        "place": place_dict(event.place),
    }


def canonical_row(event: CanonicalEvent) -> tuple[Any, ...]:
    conflicts = [
        {"field": d.field, "values": [{"value": v, "doc_ids": list(ids)} for v, ids in d.values]}
        for d in event.disagreements
    ]
    return (
        event.canonical_id, event.type, event.mode, json.dumps(list(event.actor)),
        json.dumps(list(event.recipient)), _iso(event.date), event.status, len(event.event_ids),
        event.independent_sources, json.dumps(conflicts),
        event.place.country if event.place else None, event.place.name if event.place else None,
        fusion_key(event.type, event.actor, event.recipient),
    )  # fmt: skip


def canonical_from_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A fused event as listings show it, before its sources are added."""
    return {
        "canonical_id": row["canonical_id"],
        "type": row["type"],
        "mode": row["mode"],
        "actor": json.loads(row["actor"]),
        "recipient": json.loads(row["recipient"]),
        "date": row["date"],
        "status": row["status"],
        "mentions": row["mentions"],
        "independent_sources": row["independent_sources"],
        "conflicts": json.loads(row["conflicts"]),
        "place": place_dict(place_from_row(row)),
    }


def own_placement(event: CanonicalEvent) -> Placement:
    """A fused event placed by its own date alone (undated: unplaced)."""
    return Placement(event.date.iso(), "date") if event.date else Placement()


def story_matches(
    stories: Sequence[tuple[str, int, Any]], features: Iterable[tuple[str, str, int]]
) -> dict[str, StoryMatch]:
    """`StoryMatch` records from (story id, members, near) rows and the (story id,
    feature, members) rows of their features; features of other stories are ignored."""
    held: dict[str, dict[str, int]] = {story_id: {} for story_id, _, _ in stories}
    for story_id, feature, count in features:
        if story_id in held:
            held[story_id][feature] = count
    return {
        story_id: StoryMatch(story_id, count, held[story_id], bool(near))
        for story_id, count, near in stories
    }
