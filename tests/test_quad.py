"""PLOVER quad classes, scores and the per-month dyad summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from watchfloor.quad import QUAD_OF_TYPE, quad_class, score_event, summarize_dyad
from watchfloor.records import EVENT_TYPES, Analysis, Article, CanonicalEvent, Event, PartialDate
from watchfloor.store import EventFilter, Placement, open_store


def test_quad_every_plover_type_has_one_class() -> None:
    assert set(QUAD_OF_TYPE) == set(EVENT_TYPES)
    assert [quad_class(t) for t in ("consult", "AID", "THREATEN", "ASSAULT")] == [1, 2, 3, 4]
    assert quad_class("DEMAND") is None


@pytest.mark.parametrize(
    ("event_type", "mode", "expected"),
    [
        ("AID", None, 10.0),
        ("CONSULT", "visit", 4.0),
        ("CONSULT", "no-such-mode", 2.5),
        ("ACCUSE", None, -3.0),
        ("DEMAND", None, None),
    ],
)
def test_quad_scores_by_type_and_mode(
    event_type: str, mode: str | None, expected: float | None
) -> None:
    assert score_event(event_type, mode) == expected


def test_quad_summarizes_a_dyad_by_month(tmp_path: Path) -> None:
    store = open_store(tmp_path / "dyad.db")
    plan = [  # (type, mode, placed on, actor, recipient)
        ("AID", None, "2024-03-02", "KOR", "UKR"),
        ("CONSULT", "visit", "2024-03-20", "KOR", "UKR"),
        ("THREATEN", None, "2024-04-01", "KOR", "UKR"),
        ("AID", None, "2024-04-09", "UKR", "KOR"),  # the other direction: not counted
        ("REJECT", None, None, "KOR", "UKR"),
    ]
    fused, placements = [], {}
    with store.transaction():
        store.write_article(Article("d1", "t", "x" * 50, PartialDate(2024, 5, 1), content_hash="h"))
        events = [
            Event("d1", kind, (actor,), (recipient,), "asserted", f"e{n}", n, n + 1, mode=mode)
            for n, (kind, mode, _, actor, recipient) in enumerate(plan)
        ]
        store.write_analysis(Analysis("d1", events=tuple(events)))
    ids = [event_id for event_id, *_ in store.read_event_reports()]
    for n, ((kind, mode, when, actor, recipient), event_id) in enumerate(
        zip(plan, ids, strict=True)
    ):
        parties = ((actor,), (recipient,))
        fused.append(
            CanonicalEvent(f"c{n}", kind, *parties, "asserted", (event_id,), ("d1",), 1, mode=mode)
        )
        placements[f"c{n}"] = Placement(when, "date" if when else None)
    with store.transaction():
        store.replace_canonical_events(fused, placements)
    summary = summarize_dyad(store, EventFilter(actor="KOR", recipient="UKR"))
    assert [(m["month"], m["events"], m["mean_score"]) for m in summary] == [
        ("2024-03", 2, 7.0),  # AID 10 and CONSULT:visit 4
        ("2024-04", 1, -3.5),
        (None, 1, -2.0),
    ]
    assert summary[0]["by_quad"] == {
        "verbal cooperation": 1, "material cooperation": 1, "verbal conflict": 0,
        "material conflict": 0,
    }  # fmt: skip
    store.close()
