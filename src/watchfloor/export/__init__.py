"""Exports: fused events as CSV, JSON Lines, Parquet or PLOVER JSON; reports in the gold shape.

Needs: fused events as `query.iter_events` gives them (one dict per canonical
event, with its sources), or for "gold" the coded reports of
`query.exported_events`. Gives: the number of rows written. Every writer
consumes its input as it comes and keeps at most one batch in memory.
docs/exports.md lists each format's columns.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from watchfloor.errors import InputError
from watchfloor.export.plover import plover_record
from watchfloor.export.table import csv_row, csv_writer

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
    count = 0

    def counted() -> Iterator[Mapping[str, Any]]:
        nonlocal count
        for event in events:
            count += 1
            yield event

    for chunk in iter_text(counted(), format):
        stream.write(chunk)
    return count


def iter_text(
    events: Iterable[Mapping[str, Any]], format: str, batch_rows: int = 200
) -> Iterator[str]:
    """The text of a text format (as `write_events` writes it) in chunks of `batch_rows`
    events, for a caller that streams it (the API's /export): the CSV header comes
    with the first chunk, even when there is no event."""
    if check_format(format) == "parquet":
        raise InputError("parquet is binary: use write_parquet, or --output FILE")
    buffer = io.StringIO()
    writer = csv_writer(buffer) if format == "csv" else None
    if writer is not None:
        writer.writeheader()
    found = iter(events)
    while batch := list(islice(found, batch_rows)):
        for event in batch:
            if writer is not None:
                writer.writerow(csv_row(event))
            else:
                record = plover_record(event) if format == "plover" else event
                buffer.write(json.dumps(record, ensure_ascii=False) + "\n")
        yield _take(buffer)
    if buffer.tell():
        yield _take(buffer)


def _take(buffer: io.StringIO) -> str:
    """What the buffer holds, leaving it empty."""
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def write_parquet(
    events: Iterable[Mapping[str, Any]], sink: str | Path | BinaryIO, batch_rows: int = 1000
) -> int:
    """Write fused events to a Parquet file, `batch_rows` at a time (`parquet.py`)."""
    from watchfloor.export.parquet import write_parquet as write

    return write(events, sink, batch_rows)


__all__ = [
    "FORMATS", "TEXT_FORMATS", "check_format", "iter_text", "write_events", "write_parquet",
]  # fmt: skip
