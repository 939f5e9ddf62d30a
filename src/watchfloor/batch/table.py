"""The batch job's parsed table on disk: one Parquet file per partition, in input order.

Needs: a folder every Spark executor and the loader see at the same path, and
pyarrow. Gives: `start_table`, `write_partition`, `finish_table` and
`fail_table` for the job, and `read_rows` for the load, which reads the
partitions in input order, either of a finished table or, given a `running`
check, of one the job is still writing: it waits for each partition's file.

OUT/parsed/ holds `part-00000.parquet`, `part-00001.parquet`, ... (the
partition's index, so input order is name order). Each is written under a
temporary name and renamed when complete, so a file that is there is whole
(a task Spark runs twice writes the same rows twice; the last rename wins).
`_PARTITIONS` (written before any partition) says how many files to expect,
`_SUCCESS` that the job finished, and `_FAILED` why it stopped (one line).
Each file's columns: `order` (the row's input position), `kind` (`article`
or `rejected`), `record` (JSON, `rows.encode_item`) and `doc` (the spaCy Doc
as bytes, or null).
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from watchfloor.errors import ConfigError, InputError

PARSED_TABLE = "parsed"
PARTITIONS_FILE = "_PARTITIONS"
SUCCESS_FILE = "_SUCCESS"
FAILED_FILE = "_FAILED"
# How often a following load looks for the next partition (seconds).
POLL_S = 0.1
ROWS_PER_ROW_GROUP = 256

Row = tuple[int, str, str, bytes | None]  # order, kind, record, doc


def table_folder(out: Path) -> Path:
    return out / PARSED_TABLE


def partition_path(out: Path, index: int) -> Path:
    return table_folder(out) / f"part-{index:05d}.parquet"


def clear_table(out: Path) -> None:
    """Remove an earlier run's table, so that nothing of it is read as this run's."""
    shutil.rmtree(table_folder(out), ignore_errors=True)


def start_table(out: Path, partitions: int) -> None:
    """An empty table that will hold `partitions` files."""
    clear_table(out)
    table_folder(out).mkdir(parents=True)
    _write_atomically(table_folder(out) / PARTITIONS_FILE, f"{partitions}\n")


def finish_table(out: Path) -> None:
    _write_atomically(table_folder(out) / SUCCESS_FILE, "")


def fail_table(out: Path, reason: str) -> None:
    """Tell a following load that the job stopped, and why (one line)."""
    line = " ".join(reason.split()) or "unknown error"
    table_folder(out).mkdir(parents=True, exist_ok=True)
    _write_atomically(table_folder(out) / FAILED_FILE, line + "\n")


def write_partition(out: Path, index: int, rows: Iterable[Row]) -> int:
    """Write one partition's rows (in input order) as its file; returns how many there were."""
    pa, pq = _pyarrow()
    schema = pa.schema(
        [
            pa.field("order", pa.int64(), nullable=False),
            pa.field("kind", pa.string(), nullable=False),
            pa.field("record", pa.string(), nullable=False),
            pa.field("doc", pa.binary()),
        ]
    )
    final = partition_path(out, index)
    temporary = final.with_name(f".{final.name}.{uuid.uuid4().hex}.tmp")
    count = 0
    try:
        with pq.ParquetWriter(temporary, schema) as writer:
            chunk: list[Row] = []
            for row in rows:
                chunk.append(row)
                if len(chunk) == ROWS_PER_ROW_GROUP:
                    writer.write_table(_arrow_table(pa, schema, chunk))
                    count, chunk = count + len(chunk), []
            if chunk or not count:
                writer.write_table(_arrow_table(pa, schema, chunk))
                count += len(chunk)
        os.replace(temporary, final)
    finally:
        temporary.unlink(missing_ok=True)
    return count


def table_partitions(out: Path) -> int:
    """How many partition files a finished table holds."""
    if not (table_folder(out) / SUCCESS_FILE).is_file():
        raise InputError(f"{out}: no finished batch output here (run: watchfloor batch)")
    return _partition_count(out)


def count_rows(out: Path) -> int:
    """Rows in a finished table (articles and rejections)."""
    _, pq = _pyarrow()
    total = table_partitions(out)
    return sum(pq.ParquetFile(partition_path(out, i)).metadata.num_rows for i in range(total))


def read_rows(
    out: Path, running: Callable[[], bool] | None = None
) -> Iterator[dict[str, Any] | None]:
    """Every row, partition after partition, in input order.

    Given `running` (is the job still going?), the table may still be being
    written: wait for `_PARTITIONS` and then for each partition's file, and stop
    with an `InputError` when `_FAILED` appears (naming the job's error) or the
    job ends without the file. Before each such wait, None is yielded, so that
    the reader can act on the rows it has. Without `running`, the table must be
    finished (checked at once, before any row is asked for), and no None comes.
    """
    _pyarrow()
    if running is None:
        table_partitions(out)
    return _rows(out, running)


def _rows(out: Path, running: Callable[[], bool] | None) -> Iterator[dict[str, Any] | None]:
    _, pq = _pyarrow()
    if running is not None:
        _wait_for(out, table_folder(out) / PARTITIONS_FILE, running)
    last = -1
    for index in range(_partition_count(out)):
        path = partition_path(out, index)
        if running is not None and not path.is_file():
            yield None  # a wait comes
            _wait_for(out, path, running)
        elif not path.is_file():
            raise InputError(f"{path}: missing from the batch output (run watchfloor batch again)")
        for chunk in pq.ParquetFile(path).iter_batches(batch_size=ROWS_PER_ROW_GROUP):
            for row in chunk.to_pylist():
                if row["order"] <= last:
                    raise InputError(f"{path}: rows out of input order at {row['order']}")
                last = row["order"]
                yield row


def _wait_for(out: Path, path: Path, running: Callable[[], bool]) -> None:
    """Return once `path` exists; raise if the job failed or ended first."""
    failed = table_folder(out) / FAILED_FILE
    while not path.is_file():
        ended = not running()  # asked first: what the job wrote before it ended is seen below
        if failed.is_file():
            reason = failed.read_text(encoding="utf-8").strip()
            raise InputError(f"{out}: the batch job stopped: {reason}")
        if ended and not path.is_file():
            raise InputError(f"{out}: the batch job ended without writing {path.name}")
        time.sleep(POLL_S)


def _partition_count(out: Path) -> int:
    text = (table_folder(out) / PARTITIONS_FILE).read_text(encoding="utf-8").strip()
    if not text.isdigit():
        raise InputError(f"{out}: {PARTITIONS_FILE} holds {text!r}, not a number")
    return int(text)


def _arrow_table(pa: Any, schema: Any, rows: list[Row]) -> Any:
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in schema.names]
    return pa.Table.from_pydict(dict(zip(schema.names, columns, strict=True)), schema=schema)


def _write_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        needed = "the batch job needs pyarrow: pip install 'watchfloor[spark]'"
        raise ConfigError(needed) from None
    return pyarrow, pyarrow.parquet
