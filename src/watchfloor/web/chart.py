"""Lays out a timeline chart: one dot per fused event, by date, in a lane per quad class.

Pure layout, no I/O; the `timeline.html` template draws the SVG from it. Colour
says the quad class, shape the status (asserted, future, hypothetical, negated,
historical); an event placed by a publication or reference date is drawn hollow.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from watchfloor.quad import QUAD_CLASSES, quad_class

WIDTH, LANE_HEIGHT, LEFT, RIGHT, TOP = 960, 56, 150, 20, 12
# Dots closer than this many pixels in one lane are stacked instead of drawn on top:
# up to STACK above and below each other, then in a further column to the right.
NEAR_PX = 7
STACK = 5
SHAPES = {
    "asserted": "circle",
    "future": "triangle",
    "hypothetical": "diamond",
    "negated": "cross",
    "historical": "square",
}


@dataclass(frozen=True, slots=True)
class Dot:
    canonical_id: str
    x: float
    y: float
    quad: int  # 0 for a type outside PLOVER's quad classes
    shape: str
    hollow: bool
    summary: str


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    lanes: tuple[tuple[int, str, float], ...]  # (quad, label, y of the lane's middle)
    ticks: tuple[tuple[float, str], ...]  # (x, year label)
    dots: tuple[Dot, ...]
    unplaced: int  # events with no date to place them by


def _day(when: str) -> int:
    """The middle of a YYYY, YYYY-MM or YYYY-MM-DD period, as a day number."""
    parts = [int(part) for part in when.split("-")]
    if len(parts) == 1:
        return date(parts[0], 7, 1).toordinal()
    if len(parts) == 2:
        return date(parts[0], parts[1], 15).toordinal()
    year, month, day = parts
    return date(year, month, min(day, calendar.monthrange(year, month)[1])).toordinal()


def summarize_event(event: dict[str, Any]) -> str:
    """One line for a hover: when, type:mode, actor -> recipient, status, first evidence."""
    kind = event["type"] + (f":{event['mode']}" if event["mode"] else "")
    parties = ",".join(event["actor"]) + (
        " -> " + ",".join(event["recipient"]) if event["recipient"] else ""
    )
    evidence = event["sources"][0]["evidence"] if event["sources"] else ""
    if len(evidence) > 160:
        evidence = evidence[:159] + "…"
    return f"{event['when'] or 'undated'} {kind} {parties} ({event['status']}): {evidence}"


def _ticks(first: int, last: int) -> list[tuple[int, str]]:
    """Day numbers and labels of the axis ticks: years, or quarters for spans under 3 years."""
    first_year, last_year = date.fromordinal(first).year, date.fromordinal(last).year
    if last - first < 3 * 365:
        starts = [
            (date(year, month, 1), f"{year}" if month == 1 else f"{year}-{month:02d}")
            for year in range(first_year, last_year + 1)
            for month in (1, 4, 7, 10)
        ]
    else:
        step = max(1, (last_year - first_year + 1) // 10)
        starts = [(date(y, 1, 1), str(y)) for y in range(first_year, last_year + 1, step)]
    return [(day.toordinal(), label) for day, label in starts if first <= day.toordinal() <= last]


def lay_out_timeline(events: Sequence[dict[str, Any]]) -> Chart:
    """The chart of `events` (placed fused events, as `query.iter_events` gives them)."""
    lanes = [(quad, label) for quad, label in QUAD_CLASSES.items()]
    if any(quad_class(e["type"]) is None for e in events):
        lanes.append((0, "other"))
    lane_y = {quad: TOP + LANE_HEIGHT * (n + 0.5) for n, (quad, _) in enumerate(lanes)}
    placed = [e for e in events if e["when"]]
    days = [_day(e["when"]) for e in placed]
    first, last = (min(days), max(days)) if days else (0, 1)
    if last - first < 30:
        first, last = first - 15, last + 15
    span = WIDTH - LEFT - RIGHT

    def x_of(day: int) -> float:
        return round(LEFT + span * (day - first) / (last - first), 1)

    dots, taken = [], dict[tuple[int, int], int]()
    for event, day in zip(placed, days, strict=True):
        quad = quad_class(event["type"]) or 0
        x = x_of(day)
        column = (quad, int(x // NEAR_PX))
        stacked = taken.get(column, 0)
        taken[column] = stacked + 1
        row, shift = stacked % STACK, stacked // STACK
        dots.append(
            Dot(
                canonical_id=event["canonical_id"],
                x=round(x + shift * 9, 1),
                y=lane_y[quad] + ((row + 1) // 2) * 9 * (1 if row % 2 else -1),
                quad=quad,
                shape=SHAPES.get(event["status"], "circle"),
                hollow=event["when_source"] != "date",
                summary=summarize_event(event),
            )
        )
    ticks = tuple((x_of(day), label) for day, label in _ticks(first, last))
    return Chart(
        width=WIDTH,
        height=TOP + LANE_HEIGHT * len(lanes) + 24,
        lanes=tuple((quad, label, lane_y[quad]) for quad, label in lanes),
        ticks=ticks,
        dots=tuple(dots),
        unplaced=len(events) - len(placed),
    )
