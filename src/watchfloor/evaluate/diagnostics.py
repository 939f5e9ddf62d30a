"""Where event matching loses: P/R/F1 under the type, type + actor and full rules.

Needs the matched documents of `events.match_document`. Gives one row per rule,
loosest first; the rules and why their counts never shrink as a rule loosens
are in the `events` module docstring. The last row is the full rule and equals
the lenient event score.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from watchfloor.evaluate.events import DocumentEvents, MatchRule, match_events
from watchfloor.evaluate.ratios import prf

RULES: tuple[MatchRule, ...] = ("type", "type_actor", "type_actor_recipient")
RULE_LABELS: dict[str, str] = {
    "type": "type",
    "type_actor": "type + actor",
    "type_actor_recipient": "type + actor + recipient",
}


def score_match_rules(documents: Sequence[DocumentEvents]) -> dict[str, dict[str, Any]]:
    """P/R/F1 and the matched count of the events under each rule of `RULES`."""
    gold_count = sum(len(document.gold) for document in documents)
    predicted_count = sum(len(document.predicted) for document in documents)
    figures: dict[str, dict[str, Any]] = {}
    for rule in RULES:
        matched = sum(
            len(match_events(document.gold, document.predicted, rule=rule))
            for document in documents
        )
        figures[rule] = {**prf(matched, predicted_count, gold_count), "matched": matched}
    return figures
