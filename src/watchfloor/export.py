"""Event exports: JSON Lines in the gold shape, or CSV with one column per field."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

CSV_COLUMNS = (
    "doc_id", "type", "mode", "context", "actor", "recipient", "date", "status",
    "quantity_value", "quantity_unit", "quantity_qualifier", "evidence", "evidence_start",
    "evidence_end", "trigger", "date_source", "recipient_source", "score",
)  # fmt: skip


def _csv_row(event: Mapping[str, Any]) -> dict[str, Any]:
    quantity = event.get("quantity") or {}
    row = {key: event.get(key) for key in CSV_COLUMNS}
    for key in ("context", "actor", "recipient"):
        row[key] = ";".join(event.get(key) or [])
    row["quantity_value"] = quantity.get("value")
    row["quantity_unit"] = quantity.get("unit")
    row["quantity_qualifier"] = quantity.get("qualifier")
    return row


def write_events(events: Iterable[Mapping[str, Any]], format: str, stream: TextIO) -> int:
    """Write events to `stream` as "jsonl" or "csv"; returns how many were written.

    CSV joins list fields (context, actor, recipient) with ";".
    """
    count = 0
    if format == "csv":
        writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for event in events:
            writer.writerow(_csv_row(event))
            count += 1
        return count
    for event in events:
        stream.write(json.dumps(event, ensure_ascii=False) + "\n")
        count += 1
    return count
