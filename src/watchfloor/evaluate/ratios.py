"""Ratios shared by the eval scorers, with one convention for empty denominators.

Precision, recall, F1 and shares are 0.0 when there is nothing to divide by
(no predictions, no gold items); the report always carries the counts beside
them, so a 0.0 from an empty denominator can be told apart from a real 0.0.
Accuracies on matched events follow a different rule (None, see
`events`), because with no matched events there is nothing to be right or
wrong about.
"""

from __future__ import annotations


def ratio(part: int | float, whole: int | float) -> float:
    """`part / whole`, or 0.0 when `whole` is 0."""
    return part / whole if whole else 0.0


def f1_score(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall; 0.0 when both are 0."""
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


def prf(correct: int, predicted: int, gold: int) -> dict[str, float]:
    """Precision, recall and F1 from counts."""
    precision, recall = ratio(correct, predicted), ratio(correct, gold)
    return {"precision": precision, "recall": recall, "f1": f1_score(precision, recall)}
