"""Checking an eval report against pinned floors (`watchfloor eval --floors`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from watchfloor.errors import InputError
from watchfloor.evaluate.report import NOT_MEASURED


def check_floors(report: Mapping[str, Any], floors: Mapping[str, Any]) -> list[str]:
    """One message for every metric of `report` below its floor.

    `floors` is nested like the report: {"events": {"f1": 0.5}, "actors":
    {"f1": 0.9}}, down to per-type figures if wanted. A floor on a metric the
    report lacks, or on one that is None (nothing to measure), fails too, so a
    misspelt floor can never pass silently. A floor that is neither a number nor
    a table raises InputError.
    """
    failures = []
    for path, floor in _floor_entries(floors, ()):
        name = ".".join(path)
        value = _look_up(report, path)
        if value is _ABSENT:
            failures.append(f"{name}: not in the report (floor {floor})")
        elif value is None:
            failures.append(f"{name}: {NOT_MEASURED}, nothing to measure (floor {floor})")
        elif isinstance(value, bool) or not isinstance(value, int | float):
            failures.append(f"{name}: is not a number in the report (floor {floor})")
        elif value < floor:
            failures.append(f"{name} = {value:.4f}, below its floor {floor}")
    return failures


_ABSENT = object()


def _floor_entries(
    floors: Mapping[str, Any], path: tuple[str, ...]
) -> Iterator[tuple[tuple[str, ...], float]]:
    for key, floor in floors.items():
        here = (*path, str(key))
        if isinstance(floor, Mapping):
            yield from _floor_entries(floor, here)
        elif isinstance(floor, int | float) and not isinstance(floor, bool):
            yield here, floor
        else:
            name = ".".join(here)
            raise InputError(f"floors: {name} must be a number or a table, got {floor!r}")


def _look_up(report: Mapping[str, Any], path: Sequence[str]) -> Any:
    value: Any = report
    for key in path:
        if not isinstance(value, Mapping) or key not in value:
            return _ABSENT
        value = value[key]
    return value
