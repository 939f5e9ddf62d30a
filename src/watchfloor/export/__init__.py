"""Exports: fused events as CSV, JSON Lines, Parquet or PLOVER JSON; reports in the gold shape.

Needs: fused events as `query.iter_events` gives them (one dict per canonical
event, with its sources), or for "gold" the coded reports of
`query.exported_events`. Gives: the number of rows written. Every writer
consumes its input as it comes and keeps at most one batch in memory.
docs/exports.md lists each format's columns.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from watchfloor.errors import InputError
from watchfloor.export.plover import plover_record
from watchfloor.export.table import write_csv

# Formats of fused events, and "gold": every coded report in the gold shape, for scorers.
FORMATS = ("csv", "jsonl", "parquet", "plover", "gold")
TEXT_FORMATS = frozenset({"csv", "jsonl", "plover", "gold"})


def check_format(format: str) -> str:
    """`format` if watchfloor writes it; else an InputError naming the known ones."""
    if format not in FORMATS:
        raise InputError(f"--format must be one of {', '.join(FORMATS)}, got {format!r}")
    return format


def write_events(events: Iterable[Mapping[str, Any]], format: str, stream: TextIO) -> int:
    """Write events to a text stream in a text format; returns how many were written.

    "csv" flattens a fused event into one row (docs/exports.md); "jsonl" writes
    each fused event as `watchfloor events --json` gives it, one per line;
    "plover" writes one PLOVER record per line (`plover.py`); "gold" writes
    coded reports (`query.exported_events`) one per line.
    """
    if check_format(format) == "csv":
        return write_csv(events, stream)
    if format == "parquet":
        raise InputError("parquet is binary: use write_parquet, or --output FILE")
    count = 0
    for event in events:
        record = plover_record(event) if format == "plover" else event
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_parquet(
    events: Iterable[Mapping[str, Any]], sink: str | Path | BinaryIO, batch_rows: int = 1000
) -> int:
    """Write fused events to a Parquet file, `batch_rows` at a time (`parquet.py`)."""
    from watchfloor.export.parquet import write_parquet as write

    return write(events, sink, batch_rows)


__all__ = ["FORMATS", "TEXT_FORMATS", "check_format", "write_events", "write_parquet"]
