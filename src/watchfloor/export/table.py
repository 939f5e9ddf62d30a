"""Fused events as flat rows: one CSV row per canonical event, its sources in one cell.

Needs: fused events as `query.iter_events` gives them. Gives: rows with the
columns of `CSV_COLUMNS` (docs/exports.md): lists joined with ";", the place in
two columns, the first quantity any source gives, the earliest source's
evidence, and every source as a JSON list in `sources`.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping
from typing import Any, TextIO

CSV_COLUMNS = (
    "canonical_id", "type", "mode", "context", "actor", "recipient", "date", "when",
    "when_source", "status", "mentions", "independent_sources", "place_country", "place_name",
    "quantity_value", "quantity_unit", "conflicts", "doc_ids", "outlets", "evidence", "sources",
)  # fmt: skip
# What each source keeps in the `sources` cell.
SOURCE_KEYS = (
    "doc_id", "outlet", "published", "reference_date", "status", "date", "evidence",
    "evidence_start", "evidence_end",
)  # fmt: skip


def csv_row(event: Mapping[str, Any]) -> dict[str, Any]:
    """One fused event as a flat row (see the module docstring)."""
    sources = event.get("sources") or []
    place = event.get("place") or {}
    quantity: Mapping[str, Any] = next(
        (s for s in sources if s.get("quantity_value") is not None), {}
    )
    outlets = dict.fromkeys(s["outlet"] for s in sources if s.get("outlet"))
    return {
        **{key: event.get(key) for key in CSV_COLUMNS},
        "context": ";".join(event.get("context") or []),
        "actor": ";".join(event.get("actor") or []),
        "recipient": ";".join(event.get("recipient") or []),
        "place_country": place.get("country"),
        "place_name": place.get("name"),
        "quantity_value": quantity.get("quantity_value"),
        "quantity_unit": quantity.get("quantity_unit"),
        "conflicts": ";".join(c["field"] for c in event.get("conflicts") or []),
        "doc_ids": ";".join(s["doc_id"] for s in sources),
        "outlets": ";".join(outlets),
        "evidence": sources[0]["evidence"] if sources else "",
        "sources": json.dumps(
            [{key: s.get(key) for key in SOURCE_KEYS} for s in sources], ensure_ascii=False
        ),
    }


def csv_writer(stream: TextIO) -> csv.DictWriter[str]:
    """A CSV writer of `CSV_COLUMNS` rows on `stream` (header not yet written)."""
    return csv.DictWriter(stream, fieldnames=CSV_COLUMNS, lineterminator="\n")
