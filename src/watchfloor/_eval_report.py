"""The eval report as a plain-text table, and the check against pinned floors."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from watchfloor.errors import InputError

NOT_MEASURED = "n/a"
_ACCURACY_FIELDS = ("date", "status", "mode", "quantity")


def format_report(report: Mapping[str, Any]) -> str:
    """Render a `score` report as aligned plain text, readable in a pipe.

    Scores have three decimals; an accuracy with no matched events is "n/a".
    """
    sections = [
        _format_events(report["events"]),
        _format_actors(report["actors"]),
        _format_duplicates(report["duplicates"]),
    ]
    heading = f"{report.get('documents', 0)} gold documents"
    if "documents_predicted" in report:
        heading += f", {report['documents_predicted']} with predictions"
    return "\n\n".join([heading, *sections]) + "\n"


def _format_events(events: Mapping[str, Any]) -> str:
    heading = (
        f"Events: gold {events['gold']}, predicted {events['predicted']}, "
        f"matched {events['matched']} ({events.get('matched_by_union', 0)} by the two-sided rule)"
    )
    overall = [
        ["", "precision", "recall", "f1", "matched"],
        _prf_row("lenient", events, "", events["matched"]),
        _prf_row("strict", events, "strict_", events["strict_matched"]),
    ]
    per_type = [["type", "support", "predicted", "matched", "precision", "recall", "f1"]]
    for event_type, figures in events["per_type"].items():
        counts = [figures["support"], figures.get("predicted", ""), figures.get("matched", "")]
        scores = [figures["precision"], figures["recall"], figures["f1"]]
        per_type.append([event_type, *map(_cell, counts), *map(_cell, scores)])
    accuracy = [["on matched events", "accuracy", "correct"]]
    for name in _ACCURACY_FIELDS:
        correct = events.get(f"{name}_correct")
        shown = "" if correct is None else f"{correct}/{events['matched']}"
        accuracy.append([name, _cell(events[f"{name}_accuracy"]), shown])
    tables = [_table(per_type)] if len(per_type) > 1 else []
    accuracy_table = _table(accuracy)
    if any(events[f"{name}_accuracy"] is None for name in _ACCURACY_FIELDS):
        accuracy_table += f"\n  ({NOT_MEASURED}: no matched events to measure)"
    return "\n\n".join([heading + "\n" + _table(overall), *tables, accuracy_table])


def _format_actors(actors: Mapping[str, Any]) -> str:
    heading = (
        f"Actors: gold name items {actors.get('items', 0)}, "
        f"never resolved {actors.get('unresolved_items', 0)}, "
        f"ambiguous forms left out {actors.get('ambiguous_forms', 0)}"
    )
    rows = [["", "precision", "recall", "f1"], _prf_row("B-cubed", actors, "")]
    merged = (
        f"  merged share {_cell(actors['merged_share'])} "
        f"({actors.get('merged_actors', 0)} of {actors.get('multi_name_actors', 0)} "
        "actors with two or more names)"
    )
    if "resolved_share" in actors:
        merged += f"\n  resolved share {_cell(actors['resolved_share'])} (of the gold name items)"
    return "\n".join([heading, _table(rows), merged])


def _format_duplicates(duplicates: Mapping[str, Any]) -> str:
    heading = (
        f"Duplicates: gold pairs {duplicates.get('gold_pairs', 0)}, "
        f"predicted {duplicates.get('predicted_pairs', 0)}, "
        f"correct {duplicates.get('correct', 0)}, "
        f"outside the gold {duplicates.get('outside_gold', 0)}"
    )
    rows = [["", "precision", "recall", "f1"], _prf_row("ordered", duplicates, "")]
    if "unordered_precision" in duplicates:
        rows.append(_prf_row("unordered", duplicates, "unordered_"))
    return "\n".join([heading, _table(rows)])


def _prf_row(label: str, figures: Mapping[str, Any], prefix: str, *extra: Any) -> list[str]:
    names = ("precision", "recall", "f1")
    return [label, *(_cell(figures.get(f"{prefix}{name}")) for name in names), *map(_cell, extra)]


def _cell(value: Any) -> str:
    if value is None:
        return NOT_MEASURED
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _table(rows: Sequence[Sequence[str]]) -> str:
    """Indented columns: the first left-aligned, the others right-aligned."""
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        lines.append("  " + "  ".join(cells).rstrip())
    return "\n".join(lines)


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
