"""Duplicate scoring for `watchfloor eval`: pair precision and recall of `derived_from`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from watchfloor.evaluate.input import PredictedDocument
from watchfloor.evaluate.ratios import prf


def score_duplicates(
    gold: Sequence[Mapping[str, Any]], predicted: Mapping[str, PredictedDocument]
) -> dict[str, Any]:
    """Pair precision and recall of `derived_from` links.

    Pairs are ordered, (copy, original), as `derived_from` gives direction: a
    predicted (original, copy) is wrong. `unordered_*` figures compare the pairs
    without direction. Gold positives are the (doc_id, derived_from) pairs of
    the gold documents; every other pair of gold documents is a negative. A
    predicted pair counts when its copy is a gold document and its original is a
    gold document too (or the pair is a gold positive); a pair pointing outside
    the gold is neither right nor wrong and is only counted as `outside_gold`.
    """
    gold_ids = {str(document["doc_id"]) for document in gold}
    gold_pairs = {
        (str(document["doc_id"]), str(document["derived_from"]))
        for document in gold
        if document.get("derived_from")
    }
    predicted_pairs: set[tuple[str, str]] = set()
    outside_gold = 0
    for doc_id in sorted(gold_ids):
        original = predicted[doc_id].derived_from if doc_id in predicted else None
        if original is None:
            continue
        if original in gold_ids or (doc_id, original) in gold_pairs:
            predicted_pairs.add((doc_id, original))
        else:
            outside_gold += 1
    unordered_gold = {frozenset(pair) for pair in gold_pairs}
    unordered_predicted = {frozenset(pair) for pair in predicted_pairs}
    correct = len(predicted_pairs & gold_pairs)
    unordered_correct = len(unordered_predicted & unordered_gold)
    unordered = prf(unordered_correct, len(unordered_predicted), len(unordered_gold))
    return {
        "gold_pairs": len(gold_pairs),
        "predicted_pairs": len(predicted_pairs),
        "correct": correct,
        **prf(correct, len(predicted_pairs), len(gold_pairs)),
        "unordered_correct": unordered_correct,
        **{f"unordered_{name}": value for name, value in unordered.items()},
        "outside_gold": outside_gold,
    }
