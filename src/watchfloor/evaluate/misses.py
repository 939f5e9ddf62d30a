"""Error analysis for `watchfloor eval --misses`: what was missed and what was added.

Needs gold documents and predictions as `score` reads them. Gives, per document
that has any, two lists of events:

* `missed_gold`: gold events the full rule left unmatched and with no prediction
  on their clause, that is no predicted event (of any type) whose evidence
  overlaps theirs; the system coded nothing there.
* `unmatched_predicted`: predictions the full rule left unmatched.

A gold event left unmatched but with a prediction on its clause is in neither
list; the prediction on its clause is among the unmatched ones.

Gold evidence carries no offsets, so overlap is read from the texts: compared as
sequences of case-folded words (`\\w+` runs), two evidence texts overlap when
one contains the other, or when the end of one is the start of the other over
at least three words: what two overlapping stretches of one article look like.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from watchfloor.evaluate.events import Event, match_events
from watchfloor.evaluate.input import PredictedDocument

MIN_SHARED_WORDS = 3
_WORD = re.compile(r"\w+")
_SHOWN_FIELDS = ("type", "mode", "actor", "recipient", "status", "date", "evidence")


def find_misses(
    gold: Sequence[Mapping[str, Any]], predicted: Mapping[str, PredictedDocument]
) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """{doc_id: {"missed_gold": [...], "unmatched_predicted": [...]}} in gold order.

    Documents with neither kind are left out; each event keeps the fields a
    reader needs to find it: type, mode, actor, recipient, status, date, evidence.
    """
    misses = {}
    for document in gold:
        doc_id = str(document["doc_id"])
        gold_events = list(document.get("events") or ())
        found = predicted.get(doc_id)
        predicted_events = list(found.events) if found else []
        missed, unmatched = find_document_misses(gold_events, predicted_events)
        if missed or unmatched:
            misses[doc_id] = {
                "missed_gold": [_shown(event) for event in missed],
                "unmatched_predicted": [_shown(event) for event in unmatched],
            }
    return misses


def find_document_misses(
    gold: Sequence[Event], predicted: Sequence[Event]
) -> tuple[list[Event], list[Event]]:
    """(gold events with nothing predicted on their clause, unmatched predictions)."""
    matches = match_events(gold, predicted)
    matched_gold = {id(match.gold) for match in matches}
    matched_predicted = {id(match.predicted) for match in matches}
    predicted_words = [_words(event) for event in predicted]
    missed = [
        event
        for event in gold
        if id(event) not in matched_gold
        and not any(evidence_overlaps(_words(event), words) for words in predicted_words)
    ]
    unmatched = [event for event in predicted if id(event) not in matched_predicted]
    return missed, unmatched


def evidence_overlaps(first: list[str], second: list[str]) -> bool:
    """Whether two word sequences could be overlapping stretches of one text."""
    if not first or not second:
        return False
    shorter, longer = sorted((first, second), key=len)
    if _contains(longer, shorter):
        return True
    for size in range(MIN_SHARED_WORDS, len(shorter)):
        if first[-size:] == second[:size] or second[-size:] == first[:size]:
            return True
    return False


def _contains(longer: list[str], shorter: list[str]) -> bool:
    size = len(shorter)
    return any(longer[start : start + size] == shorter for start in range(len(longer) - size + 1))


def _words(event: Event) -> list[str]:
    return _WORD.findall(str(event.get("evidence") or "").casefold())


def _shown(event: Event) -> dict[str, Any]:
    return {field: event.get(field) for field in _SHOWN_FIELDS}
