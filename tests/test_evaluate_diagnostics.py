"""The diagnostic rows of eval: event matching on type, type + actor, and the full rule."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from watchfloor.evaluate import PredictedDocument, format_report, score
from watchfloor.evaluate.events import match_events


def event(
    type: str,
    actor: tuple[str, ...],
    recipient: tuple[str, ...] = (),
    evidence: str = "Veltria shipped grain to Norland.",
    status: str = "asserted",
) -> dict[str, Any]:
    """A gold-shaped event; the countries are made up."""
    return {
        "type": type,
        "mode": None,
        "context": [],
        "actor": list(actor),
        "recipient": list(recipient),
        "date": None,
        "status": status,
        "quantity": None,
        "evidence": evidence,
    }


def by_rule(gold: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> dict[str, Any]:
    document = {"doc_id": "d", "published": None, "derived_from": None, "actors": []}
    report = score(
        [{**document, "events": gold}], {"d": PredictedDocument("d", tuple(predicted), ())}
    )
    return dict(report["events"]["by_rule"])


def matched(gold: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> list[int]:
    figures = by_rule(gold, predicted)
    return [figures[rule]["matched"] for rule in ("type", "type_actor", "type_actor_recipient")]


@pytest.mark.parametrize(
    ("gold", "predicted", "counts"),
    [
        # right type, actor and recipient: found under every rule
        (event("AID", ("VEL",), ("NOR",)), event("AID", ("VEL",), ("NOR",)), [1, 1, 1]),
        # wrong recipient: lost at the last step
        (event("AID", ("VEL",), ("NOR",)), event("AID", ("VEL",), ("OST",)), [1, 1, 0]),
        # wrong actor: lost at the second step
        (event("AID", ("VEL",), ("NOR",)), event("AID", ("OST",), ("NOR",)), [1, 0, 0]),
        # wrong type: never matched
        (event("AID", ("VEL",), ("NOR",)), event("SANCTION", ("VEL",), ("NOR",)), [0, 0, 0]),
        # a two-sided gold event and a directed prediction of the same parties
        (event("CONSULT", ("VEL", "NOR")), event("CONSULT", ("VEL",), ("NOR",)), [1, 1, 1]),
        # an unnamed perpetrator: an empty actor set matches an empty one
        (event("ASSAULT", (), ("NOR",)), event("ASSAULT", (), ("NOR",)), [1, 1, 1]),
        (event("ASSAULT", (), ("NOR",)), event("ASSAULT", ("VEL",), ("NOR",)), [1, 0, 0]),
        (event("ASSAULT", ("VEL",), ("NOR",)), event("ASSAULT", (), ("NOR",)), [1, 0, 0]),
    ],
)
def test_evaluate_diagnostics_rule_steps(
    gold: dict[str, Any], predicted: dict[str, Any], counts: list[int]
) -> None:
    assert matched([gold], [predicted]) == counts


def test_evaluate_diagnostics_full_rule_row_is_the_lenient_score() -> None:
    gold = [event("AID", ("VEL",), ("NOR",)), event("REQUEST", ("NOR",), ("VEL",))]
    predicted = [event("AID", ("VEL",), ("NOR",)), event("REQUEST", ("NOR",), ("OST",))]
    document = {"doc_id": "d", "published": None, "derived_from": None, "actors": []}
    report = score(
        [{**document, "events": gold}], {"d": PredictedDocument("d", tuple(predicted), ())}
    )
    events = report["events"]
    full = events["by_rule"]["type_actor_recipient"]
    assert full == {
        "precision": events["precision"],
        "recall": events["recall"],
        "f1": events["f1"],
        "matched": events["matched"],
    }
    assert events["by_rule"]["type"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "matched": 2}


def test_evaluate_diagnostics_stricter_pairs_are_taken_first() -> None:
    # The looser pair (a wrong recipient) shares more words, but the exact pair is
    # taken first, so the looser rule keeps every match of the stricter one.
    gold = [
        event("AID", ("VEL",), ("NOR",), evidence="Veltria shipped grain to Norland"),
        event("CONSULT", ("VEL", "OST")),
    ]
    predicted = [
        event("AID", ("VEL",), ("OST",), evidence="Veltria shipped grain to Norland"),
        event("AID", ("VEL",), ("NOR",), evidence="the grain shipment"),
    ]
    loose = match_events(gold, predicted, rule="type_actor")
    assert [(gold.index(m.gold), predicted.index(m.predicted)) for m in loose] == [(0, 1)]


def test_evaluate_diagnostics_looser_rule_keeps_a_union_match() -> None:
    # The first prediction matches the two-sided gold by the union rule; under
    # type + actor it could also pair with the directed gold event, but the full
    # rule's pairs come first, so the second prediction takes the directed one.
    gold = [event("CONSULT", ("VEL",), ("ZAR",)), event("CONSULT", ("VEL", "OST"))]
    predicted = [
        event("CONSULT", ("VEL",), ("OST",), evidence="Veltria met Ostrava in Norland"),
        event("CONSULT", ("VEL",), ("ZAR",), evidence="talks"),
    ]
    assert matched(gold, predicted) == [2, 2, 2]


_ids = st.sets(st.sampled_from(["VEL", "NOR", "OST"]), max_size=3).map(tuple)
_events = st.builds(
    lambda type, actor, recipient, words: event(type, actor, recipient, evidence=words),
    st.sampled_from(["AID", "CONSULT"]),
    _ids,
    _ids,
    st.sampled_from(["a b", "b c", "a b c", ""]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_events, max_size=5), st.lists(_events, max_size=5))
def test_evaluate_diagnostics_looser_rules_keep_every_stricter_match(
    gold: list[dict[str, Any]], predicted: list[dict[str, Any]]
) -> None:
    def pairs(rule: Any) -> set[tuple[int, int]]:
        return {
            (gold.index(m.gold), predicted.index(m.predicted))
            for m in match_events(gold, predicted, rule=rule)
        }

    full, actor, type_only = pairs("type_actor_recipient"), pairs("type_actor"), pairs("type")
    assert full == {
        (gold.index(m.gold), predicted.index(m.predicted)) for m in match_events(gold, predicted)
    }
    assert full <= actor <= type_only


def test_evaluate_diagnostics_table_rows() -> None:
    report = score(
        [
            {
                "doc_id": "d",
                "published": None,
                "derived_from": None,
                "actors": [],
                "events": [event("AID", ("VEL",), ("NOR",)), event("AID", ("OST",), ("NOR",))],
            }
        ],
        {"d": PredictedDocument("d", (event("AID", ("VEL",), ("ZAR",)),), ())},
    )
    table = format_report(report)
    assert (
        "  diagnostic: matched on    precision  recall     f1  matched\n"
        "  type                          1.000   0.500  0.667        1\n"
        "  type + actor                  1.000   0.500  0.667        1\n"
        "  type + actor + recipient      0.000   0.000  0.000        0\n"
    ) in table
