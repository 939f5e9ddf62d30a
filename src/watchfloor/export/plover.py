"""A fused event as a PLOVER record: the field names of the PLOVER data exchange format.

Needs: a fused event as `query.iter_events` gives it. Gives: a JSON-able dict
with PLOVER's names (`id`, `date`, `event_type`, `mode`, `context`, `actor`,
`recipient`, `event_text`, `text_info`, `quad_code`, `event_scale`, `event_loc`) and
watchfloor's additions (`status`, `quantities`, `place`, `mentions`,
`independent_sources`, `conflicts`, `when`, `when_source`). PLOVER lists modes,
contexts and texts, and gives actors as entity objects (`{"code": "KOR"}`);
`text_info` holds one text object (article, start, end) per mention.
docs/exports.md describes every field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# PLOVER's quad categories: 1 verbal cooperation, 2 material cooperation, 3 verbal
# conflict, 4 material conflict (the manual's "Quad category" of each type).
QUAD_CODES = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip


def plover_record(event: Mapping[str, Any]) -> dict[str, Any]:
    """One fused event as a PLOVER record (see the module docstring)."""
    sources = event.get("sources") or []
    place = event.get("place")
    return {
        "id": event["canonical_id"],
        "date": event.get("date"),
        "when": event.get("when"),
        "when_source": event.get("when_source"),
        "event_type": event["type"],
        "mode": [event["mode"]] if event.get("mode") else [],
        "context": list(event.get("context") or []),
        "actor": [{"code": code} for code in event.get("actor") or []],
        "recipient": [{"code": code} for code in event.get("recipient") or []],
        "quad_code": QUAD_CODES.get(event["type"]),
        "event_scale": _scale(sources),
        "event_text": [source["evidence"] for source in sources],
        "text_info": [
            {"doc_id": s["doc_id"], "start": s["evidence_start"], "end": s["evidence_end"]}
            for s in sources
        ],
        "event_loc": (
            {"country_code": place["country"], "extracted_place": place.get("name")}
            if place
            else None
        ),
        "status": event["status"],
        "quantities": [
            {"value": s["quantity_value"], "unit": s.get("quantity_unit"), "doc_id": s["doc_id"]}
            for s in sources
            if s.get("quantity_value") is not None
        ],
        "place": place,
        "independent_sources": event.get("independent_sources"),
        "conflicts": list(event.get("conflicts") or []),
        "mentions": [_mention(source) for source in sources],
    }


def _mention(source: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "doc_id": source["doc_id"],
        "outlet": source.get("outlet"),
        "published": source.get("published"),
        "reference_date": source.get("reference_date"),
        "status": source.get("status"),
        "date": source.get("date"),
        "evidence": source["evidence"],
        "start": source["evidence_start"],
        "end": source["evidence_end"],
    }


def _scale(sources: list[Mapping[str, Any]]) -> float | None:
    """PLOVER's conflict-cooperation score, when the sources carry one (else None)."""
    scores = [s["score"] for s in sources if s.get("score") is not None]
    return scores[0] if scores else None
