"""The timeline chart's layout: one mark per placed event, lane by quad class, shape by status."""

from __future__ import annotations

from typing import Any

from watchfloor.web.chart import lay_out_timeline


def _event(
    n: int, type: str, when: str | None, status: str = "asserted", source: str = "date"
) -> Any:
    return {
        "canonical_id": f"c{n}", "type": type, "mode": None, "actor": ["KOR"],
        "recipient": ["UKR"], "status": status, "when": when,
        "when_source": source if when else None,
        "sources": [{"evidence": f"evidence {n} <b>"}],
    }  # fmt: skip


def test_web_chart_places_marks_by_date_lane_and_status() -> None:
    chart = lay_out_timeline([
        _event(1, "AGREE", "2023-01-10"),
        _event(2, "ASSAULT", "2024-01", "future"),
        _event(3, "AID", "2023-06-01", "negated", source="published"),
        _event(4, "REJECT", None),
    ])  # fmt: skip
    dots = {dot.canonical_id: dot for dot in chart.dots}
    assert set(dots) == {"c1", "c2", "c3"}
    assert chart.unplaced == 1
    assert dots["c1"].x < dots["c3"].x < dots["c2"].x
    assert [dots[c].quad for c in ("c1", "c3", "c2")] == [1, 2, 4]
    assert dots["c1"].y < dots["c3"].y < dots["c2"].y  # one lane per quad class, top down
    assert (dots["c2"].shape, dots["c3"].shape) == ("triangle", "cross")
    assert (dots["c1"].hollow, dots["c3"].hollow) == (False, True)
    assert dots["c1"].summary == "2023-01-10 AGREE KOR -> UKR (asserted): evidence 1 <b>"
    assert [label for _, label in chart.ticks] == ["2023-04", "2023-07", "2023-10", "2024"]


def test_web_chart_stacks_marks_of_one_day() -> None:
    chart = lay_out_timeline([_event(n, "AID", "2024-05-01") for n in range(12)])
    places = {(dot.x, dot.y) for dot in chart.dots}
    assert len(places) == 12  # none drawn on top of another
    assert len({dot.x for dot in chart.dots}) == 3  # five to a column
