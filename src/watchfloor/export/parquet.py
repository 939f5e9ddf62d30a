"""Fused events as Parquet: the nested shape of `watchfloor events --json`, typed.

Needs: fused events as `query.iter_events` gives them; pyarrow. Gives: a
Parquet file with one row per fused event and the columns of `SCHEMA`, written
`batch_rows` events at a time (one row group each), so memory holds one batch
whatever the number of events. Reading it back (`pyarrow.parquet.read_table(...)
.to_pylist()`) gives the same dicts as `events --json`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

_TEXT = pa.string()
_TEXTS = pa.list_(pa.string())
PLACE = pa.struct([("country", _TEXT), ("name", _TEXT)])
CONFLICT = pa.struct(
    [
        ("field", _TEXT),
        ("values", pa.list_(pa.struct([("value", _TEXT), ("doc_ids", _TEXTS)]))),
    ]
)
SOURCE = pa.struct(
    [
        ("event_id", _TEXT),
        ("doc_id", _TEXT),
        ("published", _TEXT),
        ("outlet", _TEXT),
        ("title", _TEXT),
        ("status", _TEXT),
        ("mode", _TEXT),
        ("context", _TEXTS),
        ("date", _TEXT),
        ("evidence", _TEXT),
        ("evidence_start", pa.int64()),
        ("evidence_end", pa.int64()),
        ("quantity_value", pa.float64()),
        ("quantity_unit", _TEXT),
        ("score", pa.float64()),
        ("place", PLACE),
        ("reference_date", _TEXT),
        ("reference_basis", _TEXT),
    ]
)
SCHEMA = pa.schema(
    [
        ("canonical_id", _TEXT),
        ("type", _TEXT),
        ("mode", _TEXT),
        ("context", _TEXTS),
        ("actor", _TEXTS),
        ("recipient", _TEXTS),
        ("date", _TEXT),
        ("when", _TEXT),
        ("when_source", _TEXT),
        ("status", _TEXT),
        ("mentions", pa.int64()),
        ("independent_sources", pa.int64()),
        ("conflicts", pa.list_(CONFLICT)),
        ("place", PLACE),
        ("sources", pa.list_(SOURCE)),
    ]
)


def write_parquet(
    events: Iterable[Mapping[str, Any]], sink: str | Path | BinaryIO, batch_rows: int = 1000
) -> int:
    """Write fused events to `sink` (a path or a binary file), `batch_rows` per row group."""
    found = iter(events)
    count = 0
    with pq.ParquetWriter(sink, SCHEMA) as writer:
        while batch := list(islice(found, batch_rows)):
            writer.write_table(pa.Table.from_pylist(batch, schema=SCHEMA))
            count += len(batch)
    return count
