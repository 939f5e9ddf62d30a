"""A local JSONL file cut into ranges by the driver reads as Spark's textFile numbers it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from watchfloor.batch.split import LineRange, plan_ranges, range_lines

# Every way a line can end, blank lines, a last line with no end, bytes that are not UTF-8.
AWKWARD = (
    b'{"doc_id": "a"}\n\n{"doc_id": "b"}\r\n{"doc_id": "c"}\r{"doc_id": "d"}\n'
    b'\r\n{"doc_id": "caf\xc3\xa9"}\n{"doc_id": "\xff\xfe"}\n  \n{"doc_id": "last"}'
)


def _lines(path: Path, ranges: list[LineRange]) -> list[tuple[str, int]]:
    return [pair for lines in ranges for pair in range_lines(path, lines)]


def _expected(data: bytes) -> list[tuple[str, int]]:
    lines = data.splitlines()
    return [(line.decode("utf-8", errors="replace"), n) for n, line in enumerate(lines)]


@pytest.mark.parametrize("target", [1, 7, 20, 40, 10_000])
@pytest.mark.parametrize("data", [AWKWARD, AWKWARD + b"\n", b"one line", b"\n\n\n"])
def test_ranges_hold_every_line_once_numbered_across_the_file(
    tmp_path: Path, data: bytes, target: int
) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_bytes(data)
    ranges = plan_ranges(path, target)
    assert ranges[0].start == 0
    assert ranges[-1].end == len(data)
    assert all(a.end == b.start for a, b in zip(ranges, ranges[1:], strict=False))
    assert _lines(path, ranges) == _expected(data)
    assert all(lines.end > lines.start for lines in ranges)


def test_ranges_of_an_empty_file_are_one_empty_range(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"")
    assert plan_ranges(path, 100) == [LineRange(0, 0, 0)]
    assert _lines(path, plan_ranges(path, 100)) == []


@pytest.mark.spark
def test_ranges_read_as_spark_reads_and_numbers_the_file(tmp_path: Path) -> None:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("PySpark needs Java, which is not installed")
    from watchfloor.batch.job import start_spark

    path = tmp_path / "rows.jsonl"
    path.write_bytes(AWKWARD)
    spark = start_spark("local[2]")
    try:
        by_spark = spark.sparkContext.textFile(str(path), minPartitions=3).zipWithIndex()
        assert _lines(path, plan_ranges(path, 30)) == by_spark.collect()
    finally:
        spark.stop()
