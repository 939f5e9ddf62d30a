from __future__ import annotations

from typing import Any

import pytest

from watchfloor.fuse import Report, copy_groups, dates_agree, fuse_events, transfer_kind
from watchfloor.records import DuplicateLink, Event, PartialDate, Place, Quantity


def _report(
    doc_id: str, evidence: str, published: PartialDate | None = None, **fields: Any
) -> Report:
    values: dict[str, Any] = {
        "type": "AID", "actor": ("DEU",), "recipient": ("UKR",), "status": "asserted",
        "evidence_start": 0, "evidence_end": len(evidence),
    }  # fmt: skip
    values.update(fields)
    event = Event(doc_id=doc_id, evidence=evidence, **values)
    return Report(f"{doc_id}:{values['evidence_start']}", event, published)


def test_fuse_same_event_in_three_outlets_with_differing_figures_is_one_flagged_event() -> None:
    day = PartialDate(2024, 3, 4)
    reports = [
        _report("wire", "Germany sent 20 tanks to Ukraine.", day, quantity=Quantity(20, "tanks"),
                date=day),
        _report("daily", "Berlin delivered 20 tanks to Kyiv.", day, quantity=Quantity(20, "tanks")),
        _report("weekly", "Germany shipped 18 tanks to Ukraine on Monday.", PartialDate(2024, 3, 6),
                quantity=Quantity(18, "tanks"), date=PartialDate(2024, 3, 4)),
    ]  # fmt: skip
    (fused,) = fuse_events(reports, copy_groups(["wire", "daily", "weekly"], []))
    assert fused.doc_ids == ("weekly", "wire", "daily")  # dated reports first
    assert fused.independent_sources == 3
    assert fused.date == day
    (disagreement,) = fused.disagreements
    assert disagreement.field == "quantity"
    assert dict(disagreement.values) == {"18 tanks": ("weekly",), "20 tanks": ("wire", "daily")}


def test_fuse_two_deals_a_year_apart_stay_separate() -> None:
    reports = [
        _report("a", "Poland agreed to buy 96 helicopters from the US.", PartialDate(2023, 8, 15),
                type="AGREE", actor=("POL",), recipient=("USA",), date=PartialDate(2023, 8, 14)),
        _report("b", "Poland signed a deal for 96 Apache helicopters.", PartialDate(2024, 8, 14),
                type="AGREE", actor=("POL",), recipient=("USA",), date=PartialDate(2024, 8, 13)),
    ]  # fmt: skip
    assert len(fuse_events(reports, {})) == 2


def test_fuse_undated_reports_join_within_the_window_only() -> None:
    near = [
        _report("a", "Chad closed its border with Sudan.", PartialDate(2023, 4, 20), actor=("TCD",),
                recipient=("SDN",), type="SANCTION"),
        _report("b", "N'Djamena shut the Sudanese border.", PartialDate(2023, 4, 30),
                actor=("TCD",), recipient=("SDN",), type="SANCTION"),
        _report("c", "Chad closed the border with Sudan again.", PartialDate(2024, 1, 5),
                actor=("TCD",), recipient=("SDN",), type="SANCTION"),
    ]  # fmt: skip
    fused = fuse_events(near, {}, window_days=30)
    assert sorted(len(f.event_ids) for f in fused) == [1, 2]


def test_fuse_copies_count_once_as_a_source() -> None:
    reports = [
        _report("original", "Japan pledged aid to the Philippines.", PartialDate(2024, 2, 1)),
        _report("copy", "Japan promised aid to the Philippines.", None),
    ]
    groups = copy_groups(
        ["original", "copy"], [DuplicateLink("copy", "original", "reworded", 0.8, "original")]
    )
    (fused,) = fuse_events(reports, groups)
    assert (len(fused.doc_ids), fused.independent_sources) == (2, 1)


def test_fuse_sale_against_loan_is_flagged() -> None:
    reports = [
        _report("a", "Seoul will sell 300 howitzers to Warsaw.", PartialDate(2022, 7, 1)),
        _report("b", "Seoul will lend 300 howitzers to Warsaw.", PartialDate(2022, 7, 2)),
    ]
    (fused,) = fuse_events(reports, {})
    assert [d.field for d in fused.disagreements] == ["transfer"]


def test_fuse_different_types_or_parties_never_fuse() -> None:
    reports = [
        _report("a", "Germany sent tanks to Ukraine.", PartialDate(2024, 3, 4)),
        _report("b", "Germany sent tanks to Poland.", PartialDate(2024, 3, 4), recipient=("POL",)),
        _report("c", "Germany promised tanks to Ukraine.", PartialDate(2024, 3, 4), type="AGREE"),
    ]
    assert len(fuse_events(reports, {})) == 3


def test_fuse_is_independent_of_input_order() -> None:
    reports = [
        _report(doc, f"Germany sent tanks to Ukraine ({doc}).", PartialDate(2024, 3, day))
        for doc, day in [("x", 1), ("y", 9), ("z", 20), ("w", 28)]
    ]
    assert fuse_events(reports, {}) == fuse_events(list(reversed(reports)), {})


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (PartialDate(2023, 3), PartialDate(2023, 3, 1), True),
        (PartialDate(2023), PartialDate(2023, 11, 2), True),
        (PartialDate(2023, 3, 2), PartialDate(2023, 3, 1), False),
        (PartialDate(2022), PartialDate(2023), False),
    ],
)
def test_fuse_dates_agree_at_common_precision(
    first: PartialDate, second: PartialDate, expected: bool
) -> None:
    assert dates_agree(first, second) is expected


@pytest.mark.parametrize(
    ("evidence", "kind"),
    [
        ("Norway sold the frigate to Brazil.", "sale"),
        ("The shells were lent to the US.", "loan"),
        ("Estonia donated its howitzers.", "donation"),
        ("Canada decided to lend rather than sell the rifles.", None),
        ("France sent radars.", None),
    ],
)
def test_fuse_transfer_kind_from_evidence(evidence: str, kind: str | None) -> None:
    event = Event("d", "AID", ("X",), ("Y",), "asserted", evidence, 0, len(evidence))
    assert transfer_kind(event) == kind


def test_fuse_undated_reports_need_similar_evidence() -> None:
    def undated(doc_id: str, evidence: str) -> Report:
        event = Event(doc_id, "REJECT", ("TUR",), ("SWE",), "asserted", evidence, 0, len(evidence))
        return Report(f"{doc_id}:0", event, None, "story-1")

    reports = [
        undated("a", "Turkey blocked Sweden's NATO bid."),
        undated("b", "Ankara refused to extradite the journalists."),
        undated("c", "Turkey again blocked Sweden's bid to join NATO."),
    ]
    fused = fuse_events(reports, {})
    assert sorted(f.doc_ids for f in fused) == [("a", "c"), ("b",)]


def test_fuse_reports_of_one_article_stay_apart() -> None:
    reports = [
        _report("a", "Germany sent tanks to Ukraine.", PartialDate(2024, 3, 4)),
        _report(
            "a", "Germany sent more tanks to Ukraine.", PartialDate(2024, 3, 4), evidence_start=40
        ),
    ]
    assert len(fuse_events(reports, {})) == 2


def test_fuse_place_is_the_one_most_reports_give_and_other_countries_are_flagged() -> None:
    day = PartialDate(2024, 3, 4)
    reports = [
        _report("a", "Germany sent 20 tanks to Ukraine via Rzeszow.", day, date=day,
                place=Place("POL", "Rzeszow")),
        _report("b", "Germany delivered 20 tanks to Ukraine.", day, date=day, place=Place("POL")),
        _report("c", "Berlin handed 20 tanks to Kyiv in Lviv.", day, date=day,
                place=Place("UKR", "Lviv")),
        _report("d", "Germany sent tanks to Ukraine.", day, date=day),
    ]  # fmt: skip
    (fused,) = fuse_events(reports, {})
    assert fused.place == Place("POL", "Rzeszow")
    (disagreement,) = fused.disagreements
    assert disagreement.field == "place"
    assert dict(disagreement.values) == {"POL": ("a", "b"), "UKR": ("c",)}


def test_fuse_place_refined_by_a_city_is_no_disagreement() -> None:
    day = PartialDate(2024, 3, 4)
    reports = [
        _report("a", "Germany sent tanks to Ukraine.", day, date=day, place=Place("UKR")),
        _report("b", "Germany sent tanks to Ukraine in Lviv.", day, date=day,
                place=Place("UKR", "Lviv")),
    ]  # fmt: skip
    (fused,) = fuse_events(reports, {})
    assert fused.place == Place("UKR", "Lviv")
    assert fused.disagreements == ()
