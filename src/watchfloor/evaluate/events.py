"""Event scoring for `watchfloor eval`: matching predicted to gold events.

Matching happens within one document. A prediction and a gold event are a
candidate pair when their `type` is equal and

* **exact:** the sets of `actor` ids are equal and the sets of `recipient` ids
  are equal (an empty recipient matches an empty recipient); or
* **union:** the gold event is two-sided (empty recipient, two or more distinct
  actors) and the union of the prediction's actor and recipient ids equals the
  gold actor set ("KOR met USA" for "KOR and USA met").

Pairs are taken greedily over the whole document, best first: exact before
union, then higher evidence overlap, then gold order, then prediction order.
Each gold event and each prediction is used at most once.

Evidence overlap is the Jaccard index of the two evidence texts' word sets,
where a word is a run of Unicode word characters (`\\w+`) after case folding;
two texts with no words at all overlap 0.0.

The strict score re-runs the same matching with equal `status` as a further
condition of a candidate pair, so a prediction with the right status is not
lost because the lenient matching paired it with a look-alike gold event.
Whether a pair is a candidate depends only on the type, the id sets (and the
status), so the greedy order always reaches a largest possible matching; the
strict count therefore never exceeds the lenient one.

**Looser rules, for diagnosis.** `match_events` can also match on less than the
full rule: on `type` only, or on `type` and actors (the full rule without its
recipient condition: equal actor sets, or the two-sided union). The greedy
order is the same, preceded by one key: pairs that meet a stricter rule come
first (the full rule, then type + actor, then type only). Each looser matching
therefore starts with the stricter one and only adds pairs, so its count is
never smaller, and a gold event lost between two rules shows which step lost
it. An empty actor set equals an empty actor set, as recipients do.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from watchfloor.evaluate.ratios import prf
from watchfloor.records import PartialDate

Event = Mapping[str, Any]
MatchRule = Literal["type", "type_actor", "type_actor_recipient"]

FULL_RULE: MatchRule = "type_actor_recipient"
# How loose each rule is: a pair meeting the rule of rank r is a candidate under
# every rule of rank r or more.
_RULE_RANK: dict[MatchRule, int] = {"type_actor_recipient": 0, "type_actor": 1, "type": 2}

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class EventMatch:
    """One gold event paired with one predicted event of the same document."""

    gold: Event
    predicted: Event
    by_union: bool  # matched through the two-sided union rule, not exactly
    overlap: float  # evidence word Jaccard


@dataclass(frozen=True, slots=True)
class DocumentEvents:
    """The gold and predicted events of one document and how they matched."""

    doc_id: str
    gold: tuple[Event, ...]
    predicted: tuple[Event, ...]
    matches: tuple[EventMatch, ...]
    strict_matches: tuple[EventMatch, ...]


def evidence_words(text: str) -> frozenset[str]:
    """The set of case-folded words of an evidence text."""
    return frozenset(_WORD.findall(text.casefold()))


def evidence_overlap(first: str, second: str) -> float:
    """Word Jaccard of two evidence texts; 0.0 when neither has a word."""
    return _jaccard(evidence_words(first), evidence_words(second))


def match_events(
    gold: Sequence[Event],
    predicted: Sequence[Event],
    require_status: bool = False,
    rule: MatchRule = FULL_RULE,
) -> list[EventMatch]:
    """Pair gold and predicted events of one document greedily, best pair first.

    `rule` is the full rule by default; "type_actor" and "type" are the looser
    rules of the module docstring.
    """
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    matches = []
    for _, tier, negative_overlap, gold_index, predicted_index in sorted(
        _candidate_pairs(gold, predicted, require_status, _RULE_RANK[rule])
    ):
        if gold_index in used_gold or predicted_index in used_predicted:
            continue
        used_gold.add(gold_index)
        used_predicted.add(predicted_index)
        matches.append(
            EventMatch(gold[gold_index], predicted[predicted_index], tier == 1, -negative_overlap)
        )
    return matches


def _candidate_pairs(
    gold: Sequence[Event], predicted: Sequence[Event], require_status: bool, loosest: int
) -> list[tuple[int, int, float, int, int]]:
    """(rank, tier, -overlap, gold index, predicted index) for every pair that may match."""
    gold_words = [evidence_words(str(event.get("evidence") or "")) for event in gold]
    predicted_words = [evidence_words(str(event.get("evidence") or "")) for event in predicted]
    candidates = []
    for gold_index, gold_event in enumerate(gold):
        for predicted_index, predicted_event in enumerate(predicted):
            strength = _match_strength(gold_event, predicted_event)
            if strength is None or strength[0] > loosest:
                continue
            if require_status and gold_event.get("status") != predicted_event.get("status"):
                continue
            overlap = _jaccard(gold_words[gold_index], predicted_words[predicted_index])
            candidates.append((*strength, -overlap, gold_index, predicted_index))
    return candidates


def match_document(
    doc_id: str, gold: Sequence[Event], predicted: Sequence[Event]
) -> DocumentEvents:
    """Match one document's events, leniently and strictly."""
    return DocumentEvents(
        doc_id=doc_id,
        gold=tuple(gold),
        predicted=tuple(predicted),
        matches=tuple(match_events(gold, predicted)),
        strict_matches=tuple(match_events(gold, predicted, require_status=True)),
    )


def _match_strength(gold: Event, predicted: Event) -> tuple[int, int] | None:
    """(rank of the strictest rule the pair meets, tier), or None when types differ.

    The tier is 0 for an exact match and 1 for a two-sided union match.
    """
    if gold.get("type") != predicted.get("type"):
        return None
    gold_actor, gold_recipient = _ids(gold, "actor"), _ids(gold, "recipient")
    predicted_actor, predicted_recipient = _ids(predicted, "actor"), _ids(predicted, "recipient")
    if gold_actor == predicted_actor and gold_recipient == predicted_recipient:
        return _RULE_RANK["type_actor_recipient"], 0
    two_sided = not gold_recipient and len(gold_actor) >= 2
    if two_sided and predicted_actor | predicted_recipient == gold_actor:
        return _RULE_RANK["type_actor_recipient"], 1
    if gold_actor == predicted_actor:
        return _RULE_RANK["type_actor"], 0
    return _RULE_RANK["type"], 0


def _ids(event: Event, key: str) -> frozenset[str]:
    return frozenset(event.get(key) or ())


def _jaccard(first: frozenset[str], second: frozenset[str]) -> float:
    union = first | second
    return len(first & second) / len(union) if union else 0.0


def score_events(documents: Sequence[DocumentEvents]) -> dict[str, Any]:
    """Overall, strict and per-type P/R/F1 plus accuracies on matched events."""
    gold_count = sum(len(document.gold) for document in documents)
    predicted_count = sum(len(document.predicted) for document in documents)
    matches = [match for document in documents for match in document.matches]
    strict_count = sum(len(document.strict_matches) for document in documents)
    strict = prf(strict_count, predicted_count, gold_count)
    return {
        "gold": gold_count,
        "predicted": predicted_count,
        "matched": len(matches),
        "matched_by_union": sum(match.by_union for match in matches),
        **prf(len(matches), predicted_count, gold_count),
        "strict_matched": strict_count,
        "strict_precision": strict["precision"],
        "strict_recall": strict["recall"],
        "strict_f1": strict["f1"],
        "per_type": _per_type(documents, matches),
        **_accuracies(matches),
        "per_document": {document.doc_id: _document_counts(document) for document in documents},
    }


def _per_type(
    documents: Sequence[DocumentEvents], matches: Sequence[EventMatch]
) -> dict[str, dict[str, Any]]:
    """P/R/F1 for every type that is in the gold or the predictions."""
    gold = Counter(str(event.get("type")) for doc in documents for event in doc.gold)
    predicted = Counter(str(event.get("type")) for doc in documents for event in doc.predicted)
    matched = Counter(str(match.gold.get("type")) for match in matches)
    return {
        event_type: {
            **prf(matched[event_type], predicted[event_type], gold[event_type]),
            "support": gold[event_type],
            "predicted": predicted[event_type],
            "matched": matched[event_type],
        }
        for event_type in sorted(gold.keys() | predicted.keys())
    }


def _document_counts(document: DocumentEvents) -> dict[str, int]:
    return {
        "gold": len(document.gold),
        "predicted": len(document.predicted),
        "matched": len(document.matches),
        "strict_matched": len(document.strict_matches),
    }


def _accuracies(matches: Sequence[EventMatch]) -> dict[str, Any]:
    """Accuracy of date, status, mode and quantity on matched events.

    Each is None when there are no matched events; `<field>_correct` counts the
    matched events that field is right on (the denominator is `matched`).
    """
    checks = {
        "date": date_is_correct,
        "status": status_is_correct,
        "mode": mode_is_correct,
        "quantity": quantity_is_correct,
    }
    figures: dict[str, Any] = {}
    for name, check in checks.items():
        correct = sum(bool(check(match.gold, match.predicted)) for match in matches)
        figures[f"{name}_accuracy"] = correct / len(matches) if matches else None
        figures[f"{name}_correct"] = correct
    return figures


def date_is_correct(gold: Event, predicted: Event) -> bool:
    """The predicted date, cut to the gold date's precision, equals the gold date.

    A null gold date is matched only by a null prediction. A prediction coarser
    than the gold date (2023-03 for 2023-03-01), null or unreadable is wrong; a
    finer one is cut (2023-03-01 for 2023-03 is right).
    """
    gold_date, predicted_date = _date(gold.get("date")), _date(predicted.get("date"))
    if gold_date is None:
        return predicted.get("date") is None
    if predicted_date is None:
        return False
    return predicted_date.truncate(gold_date.precision) == gold_date


def status_is_correct(gold: Event, predicted: Event) -> bool:
    """The statuses are equal."""
    return bool(gold.get("status") == predicted.get("status"))


def mode_is_correct(gold: Event, predicted: Event) -> bool:
    """The modes are equal; a null gold mode is matched only by a null prediction."""
    return bool(gold.get("mode") == predicted.get("mode"))


def quantity_is_correct(gold: Event, predicted: Event) -> bool:
    """`quantity.value` is equal (within 1e-9 relative); units are not compared.

    Both null counts as correct; exactly one null is wrong.
    """
    gold_value, predicted_value = _quantity_value(gold), _quantity_value(predicted)
    if gold_value is None or predicted_value is None:
        return gold_value is None and predicted_value is None
    return math.isclose(gold_value, predicted_value, rel_tol=1e-9)


def _date(value: Any) -> PartialDate | None:
    if isinstance(value, PartialDate):
        return value
    if not isinstance(value, str):
        return None
    try:
        return PartialDate.parse(value)
    except ValueError:
        return None


def _quantity_value(event: Event) -> float | None:
    quantity = event.get("quantity")
    if not isinstance(quantity, Mapping):
        return None
    value = quantity.get("value")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)
