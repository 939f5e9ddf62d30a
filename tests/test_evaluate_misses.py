"""eval --misses: gold events with nothing predicted on their clause, unmatched predictions."""

from __future__ import annotations

import json
from typing import Any

import pytest

from watchfloor.evaluate import PredictedDocument, find_misses, format_report, score_gold_files
from watchfloor.evaluate.input import GoldFile
from watchfloor.evaluate.misses import evidence_overlaps

TEXT = (
    "Veltria shipped grain to Norland on Tuesday. "
    "Ostrava condemned the shipment, its foreign ministry said. "
    "Unknown gunmen shelled a depot near the border."
)


def event(
    type: str, actor: tuple[str, ...], recipient: tuple[str, ...], evidence: str, **fields: Any
) -> dict[str, Any]:
    """A gold-shaped event; the countries and the text are made up."""
    return {
        "type": type,
        "mode": None,
        "context": [],
        "actor": list(actor),
        "recipient": list(recipient),
        "date": None,
        "status": "asserted",
        "quantity": None,
        "evidence": evidence,
        **fields,
    }


def document(doc_id: str, events: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "doc_id": doc_id,
        "published": None,
        "derived_from": None,
        "actors": [],
        "events": events,
    }


GOLD_SHIPMENT = event("AID", ("VEL",), ("NOR",), "Veltria shipped grain to Norland")
GOLD_CONDEMN = event(
    "ACCUSE", ("OST",), ("VEL",), "Ostrava condemned the shipment", mode="disapprove"
)
GOLD_SHELLING = event("ASSAULT", (), ("NOR",), "Unknown gunmen shelled a depot near the border.")


def words(text: str) -> list[str]:
    return text.casefold().replace(",", "").replace(".", "").split()


@pytest.mark.parametrize(
    ("first", "second", "overlaps"),
    [
        ("Veltria shipped grain to Norland", TEXT, True),  # one inside the other
        ("grain to Norland on Tuesday", "Veltria shipped grain to Norland", True),  # end = start
        ("Norland on Tuesday Ostrava", "Tuesday Ostrava condemned", False),  # two words at the edge
        ("to Norland on", "on Tuesday", False),  # one shared word only
        ("the shipment its foreign ministry", "the border", False),  # no stretch in common
        ("foreign ministry said", "Ostrava condemned the foreign ministry", False),  # not an edge
        ("", "Veltria", False),
    ],
)
def test_evaluate_misses_evidence_overlaps(first: str, second: str, overlaps: bool) -> None:
    assert evidence_overlaps(words(first), words(second)) is overlaps
    assert evidence_overlaps(words(second), words(first)) is overlaps


def test_evaluate_misses_per_document() -> None:
    gold = [document("d1", [GOLD_SHIPMENT, GOLD_CONDEMN, GOLD_SHELLING])]
    predicted = {
        "d1": PredictedDocument(
            "d1",
            (
                # matches the shipment
                event("AID", ("VEL",), ("NOR",), "Veltria shipped grain to Norland on Tuesday."),
                # on the condemnation's clause, wrong actor: unmatched, and the gold
                # event is not "missed" since something was predicted there
                event("ACCUSE", ("NOR",), ("VEL",), "Ostrava condemned the shipment, its foreign"),
                # nowhere near any gold event
                event("SUPPORT", ("NOR",), ("VEL",), "its foreign ministry said"),
            ),
            (),
        )
    }
    misses = find_misses(gold, predicted)
    assert list(misses) == ["d1"]
    assert misses["d1"]["missed_gold"] == [
        {
            "type": "ASSAULT",
            "mode": None,
            "actor": [],
            "recipient": ["NOR"],
            "status": "asserted",
            "date": None,
            "evidence": "Unknown gunmen shelled a depot near the border.",
        }
    ]
    assert [e["type"] for e in misses["d1"]["unmatched_predicted"]] == ["ACCUSE", "SUPPORT"]


def test_evaluate_misses_leave_out_documents_with_nothing_to_show() -> None:
    gold = [document("d1", [GOLD_SHIPMENT]), document("d2", [GOLD_CONDEMN])]
    predicted = {"d1": PredictedDocument("d1", (GOLD_SHIPMENT,), ())}
    misses = find_misses(gold, predicted)
    assert list(misses) == ["d2"]
    assert misses["d2"]["unmatched_predicted"] == []
    assert [e["type"] for e in misses["d2"]["missed_gold"]] == ["ACCUSE"]


def test_evaluate_misses_matched_elsewhere_is_not_missed() -> None:
    # The prediction quotes a later retelling of the shipment; it still matches.
    later = event("AID", ("VEL",), ("NOR",), "the grain Veltria sent")
    assert (
        find_misses(
            [document("d1", [GOLD_SHIPMENT])], {"d1": PredictedDocument("d1", (later,), ())}
        )
        == {}
    )


def test_evaluate_misses_in_the_report_and_json() -> None:
    gold = GoldFile("made-up.jsonl", (document("d1", [GOLD_SHIPMENT, GOLD_CONDEMN]),))
    predicted = {
        "d1": PredictedDocument(
            "d1",
            (event("SANCTION", ("NOR",), ("OST",), "sanctions on Ostrava", status="future"),),
            (),
        )
    }
    report = score_gold_files([gold], predicted, with_misses=True)
    assert json.loads(json.dumps(report)) == report
    assert list(report["misses"]["d1"]) == ["missed_gold", "unmatched_predicted"]
    assert format_report(report).endswith(
        "Misses: 2 gold events with no prediction on their clause, "
        "1 predictions with no matching gold event\n"
        "\n"
        "  d1\n"
        '    missed     AID VEL -> NOR, asserted: "Veltria shipped grain to Norland"\n'
        '    missed     ACCUSE:disapprove OST -> VEL, asserted: "Ostrava condemned the shipment"\n'
        '    unmatched  SANCTION NOR -> OST, future: "sanctions on Ostrava"\n'
    )
    assert "misses" not in score_gold_files([gold], predicted)


def test_evaluate_misses_show_empty_actor_as_dash() -> None:
    report = score_gold_files([GoldFile("g", (document("d1", [GOLD_SHELLING]),))], {}, True)
    assert '    missed     ASSAULT - -> NOR, asserted: "Unknown gunmen' in format_report(report)
