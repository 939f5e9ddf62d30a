"""The eval scorer: event matching, accuracies, actor B-cubed, duplicates, files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from watchfloor.errors import InputError
from watchfloor.evaluate import (
    PredictedDocument,
    check_floors,
    format_report,
    load_gold,
    load_predictions,
    score,
)
from watchfloor.evaluate.actors import normalise_form
from watchfloor.evaluate.events import (
    date_is_correct,
    evidence_overlap,
    match_events,
    mode_is_correct,
    quantity_is_correct,
)


def make_event(
    type: str = "AID",
    actor: tuple[str, ...] = ("KOR",),
    recipient: tuple[str, ...] = ("UKR",),
    **fields: Any,
) -> dict[str, Any]:
    """A gold-shaped event with harmless defaults."""
    event = {
        "type": type,
        "mode": None,
        "context": [],
        "actor": list(actor),
        "recipient": list(recipient),
        "date": None,
        "status": "asserted",
        "quantity": None,
        "evidence": "South Korea sent shells to Ukraine.",
    }
    event.update(fields)
    return event


def make_gold(
    doc_id: str = "d1",
    events: list[dict[str, Any]] | None = None,
    actors: list[dict[str, Any]] | None = None,
    derived_from: str | None = None,
) -> dict[str, Any]:
    return {
        "doc_id": doc_id,
        "published": None,
        "derived_from": derived_from,
        "actors": actors or [],
        "events": events or [],
    }


def make_actor(actor_id: str, *names: str) -> dict[str, Any]:
    return {
        "id": actor_id,
        "kind": "country",
        "country": None,
        "sector": None,
        "names": list(names),
    }


def predict(
    doc_id: str = "d1",
    events: list[dict[str, Any]] | None = None,
    names: tuple[tuple[str, str], ...] = (),
    derived_from: str | None = None,
) -> PredictedDocument:
    return PredictedDocument(doc_id, tuple(events or ()), names, derived_from)


def score_one(gold_events: list[dict[str, Any]], predicted_events: list[dict[str, Any]]) -> Any:
    """The events part of the report for a single document."""
    return score([make_gold(events=gold_events)], {"d1": predict(events=predicted_events)})[
        "events"
    ]


def pairs(gold: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Matched (gold index, predicted index) pairs, by identity."""
    return sorted(
        (gold.index(match.gold), predicted.index(match.predicted))
        for match in match_events(gold, predicted)
    )


# Events: matching


def test_evaluate_exact_match_scores_one() -> None:
    events = score_one([make_event()], [make_event()])
    assert (events["precision"], events["recall"], events["f1"]) == (1.0, 1.0, 1.0)
    assert events["matched"] == 1
    assert events["matched_by_union"] == 0


def test_evaluate_actor_order_does_not_matter() -> None:
    gold = [make_event("CONSULT", ("KOR", "USA"), ())]
    assert score_one(gold, [make_event("CONSULT", ("USA", "KOR"), ())])["f1"] == 1.0


@pytest.mark.parametrize(
    ("gold", "predicted", "matches"),
    [
        # Two-sided gold: actor and recipient of the prediction together equal the gold actors.
        (make_event("CONSULT", ("KOR", "USA"), ()), make_event("CONSULT", ("KOR",), ("USA",)), 1),
        (make_event("CONSULT", ("KOR", "USA"), ()), make_event("CONSULT", ("USA",), ("KOR",)), 1),
        # The union must be equal, not just overlapping.
        (make_event("CONSULT", ("KOR", "USA"), ()), make_event("CONSULT", ("KOR",), ("JPN",)), 0),
        # One-sided gold events get no union rule, in either direction.
        (make_event("CONSULT", ("KOR",), ("USA",)), make_event("CONSULT", ("KOR", "USA"), ()), 0),
        (make_event("CONSULT", ("KOR",), ()), make_event("CONSULT", ("KOR",), ("USA",)), 0),
        # Two actors and a recipient is not two-sided: no union rule either.
        (
            make_event("ACCUSE", ("USA", "KOR"), ("PRK",)),
            make_event("ACCUSE", ("USA",), ("KOR",)),
            0,
        ),
        # Empty recipient matches empty recipient.
        (make_event("REJECT", ("KOR",), ()), make_event("REJECT", ("KOR",), ()), 1),
        # Type must be equal.
        (make_event("AID"), make_event("AGREE"), 0),
    ],
)
def test_evaluate_match_rules(gold: Any, predicted: Any, matches: int) -> None:
    events = score_one([gold], [predicted])
    assert events["matched"] == matches
    assert events["matched_by_union"] == (matches if gold["actor"] != predicted["actor"] else 0)


def test_evaluate_type_mismatch_is_a_miss_on_both_sides() -> None:
    events = score_one([make_event("AID")], [make_event("AGREE")])
    assert (events["precision"], events["recall"], events["f1"]) == (0.0, 0.0, 0.0)
    assert events["per_type"]["AID"]["support"] == 1
    assert events["per_type"]["AGREE"] == {
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
        "support": 0,
        "predicted": 1,
        "matched": 0,
    }


def test_evaluate_exact_match_wins_over_union_with_more_overlap() -> None:
    talks = "South Korea and the United States held talks."
    gold = [
        make_event("CONSULT", ("KOR", "USA"), (), evidence=talks),
        make_event("CONSULT", ("KOR",), ("USA",), evidence="Seoul consulted Washington later."),
    ]
    # p0 has the evidence of gold 0 but matches gold 1 exactly; p1 fits gold 0 exactly.
    predicted = [
        make_event("CONSULT", ("KOR",), ("USA",), evidence=talks),
        make_event("CONSULT", ("USA", "KOR"), (), evidence="A meeting."),
    ]
    assert pairs(gold, predicted) == [(0, 1), (1, 0)]


def test_evaluate_higher_evidence_overlap_wins() -> None:
    gold = [
        make_event(evidence="South Korea sent shells to Ukraine in March."),
        make_event(evidence="Seoul later delivered more artillery to Kyiv."),
    ]
    predicted = [make_event(evidence="Seoul delivered artillery to Kyiv.")]
    assert pairs(gold, predicted) == [(1, 0)]


def test_evaluate_greedy_is_best_first_over_the_whole_document() -> None:
    # p0 overlaps gold 1 most, but p1 overlaps gold 1 even more and takes it first;
    # p0 is then left with gold 0. Matching prediction by prediction would differ.
    gold = [make_event(evidence="alpha beta"), make_event(evidence="gamma delta epsilon zeta")]
    predicted = [
        make_event(evidence="gamma delta epsilon"),  # gold 1: 3/4, gold 0: 0
        make_event(evidence="gamma delta epsilon zeta"),  # gold 1: 1.0
    ]
    assert pairs(gold, predicted) == [(0, 0), (1, 1)]


def test_evaluate_equal_overlap_goes_to_gold_order_then_prediction_order() -> None:
    gold = [make_event(evidence="one two"), make_event(evidence="one two")]
    assert pairs(gold, [make_event(evidence="one two")]) == [(0, 0)]
    predicted = [make_event(evidence="one two"), make_event(evidence="one two")]
    assert pairs(gold[:1], predicted) == [(0, 0)]


def test_evaluate_each_event_is_used_once() -> None:
    events = score_one([make_event()], [make_event(), make_event()])
    assert (events["matched"], events["precision"], events["recall"]) == (1, 0.5, 1.0)


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("Seoul sent shells.", "seoul SENT shells", 1.0),
        ("Seoul sent shells", "Seoul sent tanks", 0.5),  # 2 shared of 4 words
        ("500 000 shells", "500,000 shells", 1.0),  # punctuation splits words
        ("", "", 0.0),
    ],
)
def test_evaluate_evidence_overlap_is_word_jaccard(
    first: str, second: str, expected: float
) -> None:
    assert evidence_overlap(first, second) == expected


def test_evaluate_strict_requires_equal_status() -> None:
    events = score_one([make_event(status="hypothetical")], [make_event(status="asserted")])
    assert events["f1"] == 1.0
    assert (events["strict_matched"], events["strict_f1"]) == (0, 0.0)
    assert events["status_accuracy"] == 0.0


def test_evaluate_strict_rematches_with_status() -> None:
    # Leniently the prediction goes to gold 0 (same evidence); strictly only gold 1
    # has its status, so the strict matching pairs it there.
    gold = [
        make_event(status="asserted", evidence="Seoul sent shells to Kyiv."),
        make_event(status="hypothetical", evidence="Seoul could send tanks."),
    ]
    events = score_one(gold, [make_event(status="hypothetical", evidence="Seoul sent shells.")])
    assert (events["matched"], events["status_accuracy"]) == (1, 0.0)
    assert events["strict_matched"] == 1
    assert events["strict_precision"] == 1.0
    assert events["strict_recall"] == 0.5


def test_evaluate_per_type_scores_and_support() -> None:
    gold = [make_event("AID"), make_event("AID", ("USA",)), make_event("AGREE")]
    predicted = [make_event("AID"), make_event("AGREE", ("JPN",)), make_event("SANCTION")]
    per_type = score_one(gold, predicted)["per_type"]
    assert sorted(per_type) == ["AGREE", "AID", "SANCTION"]
    assert per_type["AID"] == {
        "precision": 1.0,
        "recall": 0.5,
        "f1": pytest.approx(2 / 3),
        "support": 2,
        "predicted": 1,
        "matched": 1,
    }
    assert (per_type["AGREE"]["support"], per_type["AGREE"]["f1"]) == (1, 0.0)
    assert (per_type["SANCTION"]["support"], per_type["SANCTION"]["precision"]) == (0, 0.0)


def largest_matching(gold: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> int:
    """Size of a maximum matching over the candidate pairs (augmenting paths)."""
    # Candidates are found by matching each pair alone: type and id sets decide it.
    edges = [[j for j, p in enumerate(predicted) if match_events([g], [p])] for g in gold]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    return sum(augment(i, set()) for i in range(len(gold)))


_ids = st.sets(st.sampled_from(["KOR", "USA", "UKR"]), max_size=3).map(sorted)
_events = st.builds(
    lambda type, actor, recipient, status, words: make_event(
        type, tuple(actor) or ("KOR",), tuple(recipient), status=status, evidence=words
    ),
    st.sampled_from(["AID", "CONSULT"]),
    _ids,
    _ids,
    st.sampled_from(["asserted", "future"]),
    st.sampled_from(["a b", "b c", "a b c", ""]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_events, max_size=5), st.lists(_events, max_size=5))
def test_evaluate_greedy_matching_is_as_large_as_possible(
    gold: list[dict[str, Any]], predicted: list[dict[str, Any]]
) -> None:
    events = score_one(gold, predicted)
    assert events["matched"] == largest_matching(gold, predicted)
    assert events["strict_matched"] <= events["matched"]


# Events: accuracies on matched events


@pytest.mark.parametrize(
    ("gold", "predicted", "correct"),
    [
        ("2023-03", "2023-03-01", True),  # finer prediction is cut to the month
        ("2023", "2023-12-31", True),
        ("2023-03-01", "2023-03", False),  # coarser prediction cannot be cut up
        ("2023-03-01", "2023-03-02", False),
        ("2022", "2023-01", False),
        (None, None, True),  # no date in the text, none predicted
        (None, "2023", False),
        ("2023", None, False),
        ("2023-03", "not a date", False),
    ],
)
def test_evaluate_date_accuracy(gold: Any, predicted: Any, correct: bool) -> None:
    assert date_is_correct({"date": gold}, {"date": predicted}) is correct


@pytest.mark.parametrize(
    ("gold", "predicted", "correct"),
    [
        (None, None, True),  # no amount stated, none predicted
        (None, {"value": 5, "unit": "tanks"}, False),
        ({"value": 5, "unit": "tanks"}, None, False),
        ({"value": 500000, "unit": "shells"}, {"value": 500000.0, "unit": "155 mm shells"}, True),
        ({"value": 1500, "unit": "troops"}, {"value": 12000, "unit": "troops"}, False),
    ],
)
def test_evaluate_quantity_accuracy(gold: Any, predicted: Any, correct: bool) -> None:
    assert quantity_is_correct({"quantity": gold}, {"quantity": predicted}) is correct


@pytest.mark.parametrize(
    ("gold", "predicted", "correct"),
    [(None, None, True), (None, "assist", False), ("assist", None, False), ("meet", "meet", True)],
)
def test_evaluate_mode_accuracy(gold: Any, predicted: Any, correct: bool) -> None:
    assert mode_is_correct({"mode": gold}, {"mode": predicted}) is correct


def test_evaluate_accuracies_over_matched_events() -> None:
    gold = [
        make_event("AID", date="2023-03", mode="assist", quantity={"value": 5, "unit": "tanks"}),
        make_event("AGREE", date="2023-03-01"),
        make_event("REJECT"),  # unmatched: does not count
    ]
    predicted = [
        make_event("AID", date="2023-03-09", mode=None, quantity={"value": 5, "unit": "tanks"}),
        make_event("AGREE", date="2023-03", status="future"),
    ]
    events = score_one(gold, predicted)
    assert events["matched"] == 2
    assert events["date_accuracy"] == 0.5
    assert events["status_accuracy"] == 0.5
    assert events["mode_accuracy"] == 0.5
    assert events["quantity_accuracy"] == 1.0
    assert (events["date_correct"], events["quantity_correct"]) == (1, 2)


def test_evaluate_accuracies_are_none_without_matched_events() -> None:
    report = score([make_gold(events=[make_event()])], {})
    for name in ("date", "status", "mode", "quantity"):
        assert report["events"][f"{name}_accuracy"] is None
    text = format_report(report)
    assert "date                    n/a      0/0" in text
    assert "(n/a: no matched events to measure)" in text


def test_evaluate_zero_predictions_score_zero_with_counts() -> None:
    events = score_one([make_event()], [])
    assert (events["precision"], events["recall"], events["f1"]) == (0.0, 0.0, 0.0)
    assert (events["gold"], events["predicted"], events["matched"]) == (1, 0, 0)


def test_evaluate_missing_and_extra_documents() -> None:
    gold = [make_gold("d1", [make_event()]), make_gold("d2", [make_event("AGREE")])]
    predicted = {"d1": predict("d1", [make_event()]), "x": predict("x", [make_event()])}
    report = score(gold, predicted)
    events = report["events"]
    assert (events["gold"], events["predicted"], events["matched"]) == (2, 1, 1)
    assert (events["precision"], events["recall"]) == (1.0, 0.5)
    assert events["per_document"]["d2"] == {
        "gold": 1,
        "predicted": 0,
        "matched": 0,
        "strict_matched": 0,
    }
    assert "x" not in events["per_document"]
    assert (report["documents"], report["documents_predicted"]) == (2, 1)


# Actors


@pytest.mark.parametrize(
    ("form", "normalised"),
    [
        ("The Kremlin's", "kremlin"),
        ("the Kremlin", "kremlin"),
        ("SEOUL", "seoul"),
        ("Seoul’s", "seoul"),
        ("  South   Korea ", "south korea"),
        ("Thebes", "thebes"),  # "the" only as a word of its own
        ("Hague", "hague"),
    ],
)
def test_evaluate_normalise_form(form: str, normalised: str) -> None:
    assert normalise_form(form) == normalised


def test_evaluate_actors_bcubed_hand_computed() -> None:
    # Gold items and clusters:
    #   d1: south korea (K), seoul (K), united states (U), washington (U)
    #   d2: south korea (K), yoon (Y)
    # System clusters: KOR = {d1 south korea, d1 seoul, d1 washington, d2 south korea},
    #   USA = {d1 united states}, and d2 yoon never resolved: a singleton.
    # Precision per item: the three K items 3/4 each, d1 washington 1/4,
    #   d1 united states 1/1, d2 yoon 1/1 -> (2.25 + 0.25 + 1 + 1) / 6 = 0.75
    # Recall per item: the three K items 3/3, d1 washington 1/2, d1 united states 1/2,
    #   d2 yoon 1/1 -> (3 + 0.5 + 0.5 + 1) / 6 = 5/6
    # F1 = 2 * 0.75 * 5/6 / (0.75 + 5/6) = 15/19
    # Merged: K has two forms, all in KOR (merged); U has two forms, split (not);
    #   Y has one form (not counted) -> 1 of 2.
    gold = [
        make_gold(
            "d1",
            actors=[
                make_actor("KOR", "South Korea", "Seoul"),
                make_actor("USA", "United States", "Washington"),
            ],
        ),
        make_gold("d2", actors=[make_actor("KOR", "South Korea"), make_actor("yoon", "Yoon")]),
    ]
    names_d1 = (
        ("South Korea", "KOR"),
        ("Seoul", "KOR"),
        ("United States", "USA"),
        ("Washington", "KOR"),
        ("Pyongyang", "PRK"),  # not a gold item: ignored
    )
    predicted = {
        "d1": predict("d1", names=names_d1),
        "d2": predict("d2", names=(("South Korea", "KOR"), ("Korea", "KOR"))),  # "Korea": no item
    }
    actors = score(gold, predicted)["actors"]
    assert actors["items"] == 6
    assert actors["unresolved_items"] == 1
    assert actors["precision"] == pytest.approx(0.75)
    assert actors["recall"] == pytest.approx(5 / 6)
    assert actors["f1"] == pytest.approx(15 / 19)
    assert (actors["merged_share"], actors["multi_name_actors"], actors["merged_actors"]) == (
        0.5,
        2,
        1,
    )


def test_evaluate_actors_without_predictions_are_singletons() -> None:
    gold = [make_gold(actors=[make_actor("KOR", "South Korea", "Seoul")])]
    actors = score(gold, {})["actors"]
    # Two singletons for one gold cluster of two: precision 1, recall 1/2.
    assert (actors["precision"], actors["recall"]) == (1.0, 0.5)
    assert (actors["resolved_share"], actors["merged_share"]) == (0.0, 0.0)


def test_evaluate_actors_form_normalisation_applies_to_both_sides() -> None:
    gold = [make_gold(actors=[make_actor("RUS", "Kremlin", "Moscow"), make_actor("UKR", "Kyiv")])]
    names = (("the Kremlin's", "RUS"), ("MOSCOW", "RUS"), ("Kyiv’s", "UKR"))
    actors = score(gold, {"d1": predict(names=names)})["actors"]
    assert (actors["unresolved_items"], actors["f1"], actors["merged_share"]) == (0, 1.0, 1.0)


def test_evaluate_ambiguous_forms_are_left_out() -> None:
    # "foreign ministry" names two actors in d1, so it is not an item at all.
    gold = [
        make_gold(
            actors=[
                make_actor("fra-mfa", "French foreign ministry", "Foreign Ministry"),
                make_actor("ner-mfa", "foreign ministry"),
            ]
        )
    ]
    names = (("French foreign ministry", "fra-mfa"), ("foreign ministry", "ner-mfa"))
    actors = score(gold, {"d1": predict(names=names)})["actors"]
    assert (actors["items"], actors["ambiguous_forms"]) == (1, 1)
    assert actors["f1"] == 1.0
    assert actors["multi_name_actors"] == 0  # fra-mfa has one form left


def test_evaluate_system_cluster_is_most_frequent_id_then_first_seen() -> None:
    gold = [make_gold(actors=[make_actor("KOR", "Seoul", "South Korea")])]
    most_frequent = (("Seoul", "seoul-city"), ("Seoul", "KOR"), ("Seoul", "KOR"))
    tie = (("Seoul", "KOR"), ("Seoul", "seoul-city"))
    for seoul in (most_frequent, tie):
        names = (*seoul, ("South Korea", "KOR"))
        assert score(gold, {"d1": predict(names=names)})["actors"]["merged_share"] == 1.0
    tie_other_way = (("Seoul", "seoul-city"), ("Seoul", "KOR"), ("South Korea", "KOR"))
    assert score(gold, {"d1": predict(names=tie_other_way)})["actors"]["merged_share"] == 0.0


def test_evaluate_unresolved_forms_are_never_merged() -> None:
    # Both forms unresolved: two singletons, so the actor is not merged.
    gold = [make_gold(actors=[make_actor("yoon", "Yoon Suk Yeol", "Yun Sok-yeol")])]
    actors = score(gold, {"d1": predict(names=(("Kim", "kim"),))})["actors"]
    assert (actors["multi_name_actors"], actors["merged_actors"]) == (1, 0)


def test_evaluate_actor_clusters_span_documents() -> None:
    gold = [
        make_gold("d1", actors=[make_actor("yoon", "Yoon Suk Yeol")]),
        make_gold("d2", actors=[make_actor("yoon", "Yoon Seok-yol")]),
    ]
    same = {
        "d1": predict("d1", names=(("Yoon Suk Yeol", "p1"),)),
        "d2": predict("d2", names=(("Yoon Seok-yol", "p1"),)),
    }
    split = {"d1": same["d1"], "d2": predict("d2", names=(("Yoon Seok-yol", "p2"),))}
    assert score(gold, same)["actors"]["merged_share"] == 1.0
    assert score(gold, split)["actors"]["merged_share"] == 0.0
    assert score(gold, split)["actors"]["recall"] == 0.5


# Duplicates


def duplicate_gold() -> list[dict[str, Any]]:
    return [make_gold("a"), make_gold("b", derived_from="a"), make_gold("c")]


@pytest.mark.parametrize(
    ("links", "expected"),
    [
        ({"b": "a"}, {"precision": 1.0, "recall": 1.0, "unordered_precision": 1.0}),
        ({"b": "a", "c": "b"}, {"precision": 0.5, "recall": 1.0, "correct": 1}),
        # Direction matters for the ordered pairs, not for the unordered ones.
        ({"a": "b"}, {"precision": 0.0, "recall": 0.0, "unordered_recall": 1.0}),
        ({}, {"precision": 0.0, "recall": 0.0, "predicted_pairs": 0, "gold_pairs": 1}),
        # A link to a document outside the gold is neither right nor wrong.
        ({"b": "a", "c": "elsewhere"}, {"precision": 1.0, "outside_gold": 1}),
    ],
)
def test_evaluate_duplicate_pairs(links: dict[str, str], expected: dict[str, Any]) -> None:
    predicted = {
        doc_id: predict(doc_id, derived_from=original) for doc_id, original in links.items()
    }
    duplicates = score(duplicate_gold(), predicted)["duplicates"]
    assert {key: duplicates[key] for key in expected} == expected


# Files


def test_evaluate_load_and_score_the_data_files(data_dir: Path) -> None:
    gold = load_gold(data_dir / "eval" / "gold.jsonl")
    predicted = load_predictions(data_dir / "eval" / "predictions.jsonl")
    assert [document["doc_id"] for document in gold] == ["a-talks", "b-copy", "c-other"]
    assert sorted(predicted) == ["a-talks", "b-copy", "z-not-in-gold"]
    assert len(predicted["a-talks"].events) == 3
    assert predicted["a-talks"].names == ()
    events = score(gold, predicted)["events"]
    # a-talks: CONSULT by union, AID exactly (status wrong), THREATEN unmatched;
    # b-copy: CONSULT exactly (date too coarse); c-other: nothing predicted.
    assert (events["gold"], events["predicted"], events["matched"]) == (4, 4, 3)
    assert (events["precision"], events["recall"], events["f1"]) == (0.75, 0.75, 0.75)
    assert (events["strict_matched"], events["strict_f1"]) == (2, 0.5)
    assert events["matched_by_union"] == 1
    assert events["date_accuracy"] == pytest.approx(2 / 3)
    assert events["status_accuracy"] == pytest.approx(2 / 3)
    assert (events["mode_accuracy"], events["quantity_accuracy"]) == (1.0, 1.0)


def write_lines(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD_GOLD_LINE = json.dumps(make_gold("ok", [make_event()], [make_actor("KOR", "Seoul")]))


def gold_line(**changes: Any) -> str:
    document = make_gold("bad", [make_event()], [make_actor("KOR", "Seoul")])
    document.update(changes)
    return json.dumps(document)


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"doc_id": "bad", ', "not valid JSON"),
        ("[1, 2]", "expected a JSON object, got a list"),
        (gold_line(doc_id=""), "doc_id must be a non-empty string"),
        (gold_line(doc_id="ok"), "doc_id 'ok' is already used at"),
        (gold_line(published="April 2023"), "published: expected a date like"),
        (gold_line(derived_from="bad"), "derived_from names the document itself"),
        (gold_line(events={}), "events must be a list"),
        (gold_line(events=[make_event(status="done")]), "events[0].status must be one of"),
        (gold_line(events=[make_event(type="HELP")]), "events[0].type must be a PLOVER category"),
        (gold_line(events=[make_event(date="2023-13")]), "events[0].date: month must be 1-12"),
        (gold_line(events=[make_event(actor=("",))]), "events[0].actor must hold non-empty"),
        (
            gold_line(events=[{**make_event(), "recipient": "UKR"}]),
            "events[0].recipient must be a list",
        ),
        (
            gold_line(events=[make_event(quantity={"value": "5", "unit": "tanks"})]),
            "events[0].quantity.value must be a number",
        ),
        (gold_line(events=[{"type": "AID"}]), "events[0] lacks mode, context, actor"),
        (gold_line(actors=[{"id": "KOR", "names": "Seoul"}]), "actors[0].names must be a list"),
        (
            gold_line(actors=[make_actor("KOR", "Seoul"), make_actor("KOR", "South Korea")]),
            "actors[1]: actor id 'KOR' is listed twice",
        ),
    ],
)
def test_evaluate_malformed_gold_line(tmp_path: Path, line: str, problem: str) -> None:
    path = write_lines(tmp_path / "gold.jsonl", GOOD_GOLD_LINE, "", line)
    with pytest.raises(InputError) as raised:
        load_gold(path)
    message = str(raised.value)
    assert message.startswith(f"{path}:3: ")
    assert problem in message
    assert "\n" not in message


def test_evaluate_gold_event_may_have_no_actor(tmp_path: Path) -> None:
    unnamed = make_event("ASSAULT", actor=(), recipient=("UKR",))
    path = write_lines(tmp_path / "gold.jsonl", gold_line(events=[unnamed]))
    gold = load_gold(path)
    assert gold[0]["events"][0]["actor"] == []
    events = score(gold, {"bad": predict("bad", [unnamed])})["events"]
    assert (events["matched"], events["f1"]) == (1, 1.0)


def test_evaluate_missing_gold_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read the file"):
        load_gold(tmp_path / "absent.jsonl")


def test_evaluate_malformed_prediction_line(tmp_path: Path) -> None:
    event = make_event()
    path = write_lines(
        tmp_path / "p.jsonl", json.dumps({"doc_id": "d1", **event}), json.dumps(event)
    )
    with pytest.raises(InputError, match=r"p\.jsonl:2: doc_id must be a non-empty string"):
        load_predictions(path)


# Report and floors


def small_report() -> dict[str, Any]:
    gold = [make_gold("a", [make_event(date="2023")], [make_actor("KOR", "Seoul")])]
    predicted = {"a": predict("a", [make_event(date="2023-05")], (("Seoul", "KOR"),))}
    return score(gold, predicted)


def test_evaluate_format_report_exactly() -> None:
    assert format_report(small_report()) == (
        "1 gold documents, 1 with predictions\n"
        "\n"
        "Events: gold 1, predicted 1, matched 1 (0 by the two-sided rule)\n"
        "           precision  recall     f1  matched\n"
        "  lenient      1.000   1.000  1.000        1\n"
        "  strict       1.000   1.000  1.000        1\n"
        "\n"
        "  type  support  predicted  matched  precision  recall     f1\n"
        "  AID         1          1        1      1.000   1.000  1.000\n"
        "\n"
        "  diagnostic: matched on    precision  recall     f1  matched\n"
        "  type                          1.000   1.000  1.000        1\n"
        "  type + actor                  1.000   1.000  1.000        1\n"
        "  type + actor + recipient      1.000   1.000  1.000        1\n"
        "\n"
        "  on matched events  accuracy  correct\n"
        "  date                  1.000      1/1\n"
        "  status                1.000      1/1\n"
        "  mode                  1.000      1/1\n"
        "  quantity              1.000      1/1\n"
        "\n"
        "Actors: gold name items 1, never resolved 0, ambiguous forms left out 0\n"
        "           precision  recall     f1\n"
        "  B-cubed      1.000   1.000  1.000\n"
        "  merged share 0.000 (0 of 0 actors with two or more names)\n"
        "  resolved share 1.000 (of the gold name items)\n"
        "\n"
        "Duplicates: gold pairs 0, predicted 0, correct 0, outside the gold 0\n"
        "             precision  recall     f1\n"
        "  ordered        0.000   0.000  0.000\n"
        "  unordered      0.000   0.000  0.000\n"
    )


def test_evaluate_report_is_json_ready() -> None:
    report = small_report()
    assert json.loads(json.dumps(report)) == report


@pytest.mark.parametrize(
    ("floors", "failures"),
    [
        ({"events": {"f1": 0.9}, "actors": {"f1": 1.0}}, []),
        ({"events": {"per_type": {"AID": {"recall": 1}}}}, []),
        (
            {"duplicates": {"precision": 0.5}},
            ["duplicates.precision = 0.0000, below its floor 0.5"],
        ),
        ({"events": {"f2": 0.5}}, ["events.f2: not in the report (floor 0.5)"]),
        (
            {"events": {"per_type": {"AGREE": {"f1": 0.1}}}},
            ["events.per_type.AGREE.f1: not in the report (floor 0.1)"],
        ),
    ],
)
def test_evaluate_check_floors(floors: dict[str, Any], failures: list[str]) -> None:
    assert check_floors(small_report(), floors) == failures


def test_evaluate_floor_on_unmeasured_accuracy_fails() -> None:
    report = score([make_gold(events=[make_event()])], {})
    assert check_floors(report, {"events": {"date_accuracy": 0.5}}) == [
        "events.date_accuracy: n/a, nothing to measure (floor 0.5)"
    ]


@pytest.mark.parametrize("floor", ["0.5", None, True, [0.5]])
def test_evaluate_bad_floor_value(floor: Any) -> None:
    with pytest.raises(InputError, match=r"floors: events\.f1 must be a number or a table"):
        check_floors(small_report(), {"events": {"f1": floor}})


# Gold scored against itself


def gold_as_prediction(document: dict[str, Any]) -> PredictedDocument:
    names = tuple((name, actor["id"]) for actor in document["actors"] for name in actor["names"])
    return predict(document["doc_id"], document["events"], names, document["derived_from"])


def assert_perfect(report: dict[str, Any]) -> None:
    events, actors, duplicates = report["events"], report["actors"], report["duplicates"]
    for key in ("precision", "recall", "f1", "strict_f1"):
        assert events[key] == 1.0, key
    for key in ("date", "status", "mode", "quantity"):
        assert events[f"{key}_accuracy"] == 1.0, key
    for event_type, figures in events["per_type"].items():
        assert (figures["precision"], figures["recall"], figures["f1"]) == (1, 1, 1), event_type
    for key in ("precision", "recall", "f1", "merged_share"):
        assert actors[key] == 1.0, key
    assert actors["multi_name_actors"] > 0
    assert (duplicates["precision"], duplicates["recall"]) == (1.0, 1.0)


@pytest.mark.shared
def test_evaluate_seed_gold_scores_perfectly_against_itself(shared_dir: Path) -> None:
    gold = load_gold(shared_dir / "gold" / "seeds.jsonl")
    assert len(gold) == 5
    report = score(gold, {document["doc_id"]: gold_as_prediction(document) for document in gold})
    assert_perfect(report)
    assert report["events"]["gold"] == sum(len(document["events"]) for document in gold)


def test_evaluate_sample_gold_scores_perfectly_against_itself() -> None:
    path = Path(__file__).resolve().parents[1] / "src/watchfloor/data/sample/gold.jsonl"
    gold = load_gold(path)
    assert_perfect(
        score(gold, {document["doc_id"]: gold_as_prediction(document) for document in gold})
    )
