"""A local JSON Lines file cut into partitions by the driver: byte ranges at line ends.

Needs: the path of a JSON Lines file that every Python worker can read at the same
path (a local master's workers run on the driver's machine).
Gives: `plan_ranges`, the `LineRange`s of a file, each about `target` bytes, in
file order, with the number of the first row it holds; `range_lines`, the
(line, position) pairs of one range, as Spark's `textFile` and `zipWithIndex`
would number them: UTF-8 with undecodable bytes replaced, lines ended by `\\n`,
`\\r\\n` or `\\r`, positions counting rows from 0 across the whole file.

With ranges, a local job needs no counting pass before the parse (`zipWithIndex`
runs a Spark job of its own to count each partition's rows), and the JVM does not
carry the text to the workers: each worker reads its own range.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple


class LineRange(NamedTuple):
    """Bytes [start, end) of a file, whole lines only; `first_row`: its first line's position."""

    start: int
    end: int
    first_row: int


def plan_ranges(path: Path, target: int) -> list[LineRange]:
    """Ranges of about `target` bytes (at least one line each) covering the file, in order.

    A file with no bytes has one empty range, so that the job has a partition to run.
    """
    ranges: list[LineRange] = []
    start, row = 0, 0
    with path.open("rb") as file:
        while block := file.read(max(1, target)):
            # To the end of the line the block cut short: a range ends with b"\n" (or
            # the file), so no "\r\n" is cut in two, and its lines are counted as
            # `range_lines` reads them.
            block += file.readline()
            ranges.append(LineRange(start, start + len(block), row))
            start += len(block)
            row += len(block.splitlines())
    return ranges or [LineRange(0, 0, 0)]


def range_lines(path: Path, lines: LineRange) -> Iterator[tuple[str, int]]:
    """(line, position) for every line of one range, in order."""
    with path.open("rb") as file:
        file.seek(lines.start)
        block = file.read(lines.end - lines.start)
    for offset, line in enumerate(block.splitlines()):
        yield line.decode("utf-8", errors="replace"), lines.first_row + offset
