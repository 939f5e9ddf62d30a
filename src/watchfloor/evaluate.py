"""Score a run against hand-coded gold: events, actors and duplicates.

The rules are those of "How `eval` scores" in the gold format; this module is
the pure scorer behind `watchfloor eval`. It reads gold and prediction files,
builds a report (a JSON-ready dict), renders it as a plain-text table and
checks it against pinned floors. The details of each part live beside it:
event matching in `_eval_events`, actor B-cubed in `_eval_actors`, file
checks in `_eval_input` and the table in `_eval_report`.

Conventions, applied everywhere:

* Only documents in the gold are scored; a gold document without a prediction
  scores as one with no events, no resolved names and no `derived_from`.
* Precision, recall, F1 and shares are 0.0 when their denominator is empty
  (no predictions, no gold); the counts beside them tell the cases apart.
* Accuracies on matched events are None when no event matched; the table
  shows them as "n/a".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from watchfloor._eval_actors import score_actors
from watchfloor._eval_events import match_document, score_events
from watchfloor._eval_input import (
    check_gold_document,
    check_line,
    check_predicted_event,
    read_json_lines,
)
from watchfloor._eval_ratios import prf
from watchfloor._eval_report import check_floors, format_report
from watchfloor.errors import InputError

__all__ = [
    "PredictedDocument",
    "check_floors",
    "format_report",
    "load_gold",
    "load_predictions",
    "score",
    "score_duplicates",
]


@dataclass(frozen=True, slots=True)
class PredictedDocument:
    """What the system says about one document, in the shapes the gold uses.

    `events` are gold-shaped event dicts; `names` holds (surface form as written,
    system actor id) for every actor mention the system resolved, repeats
    included; `derived_from` is the document the system thinks this one copies.
    """

    doc_id: str
    events: tuple[Mapping[str, Any], ...]
    names: tuple[tuple[str, str], ...]
    derived_from: str | None = None


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """Read a gold JSONL file, one document per line, checking every line.

    Raises InputError ("gold.jsonl:3: events[2].status must be one of ...") on
    the first bad line, and on a doc_id that appears twice.
    """
    documents: list[dict[str, Any]] = []
    first_seen: dict[str, str] = {}
    for where, document in read_json_lines(path):
        check_line(where, check_gold_document, document)
        doc_id = document["doc_id"]
        if doc_id in first_seen:
            raise InputError(f"{where}: doc_id {doc_id!r} is already used at {first_seen[doc_id]}")
        first_seen[doc_id] = where
        documents.append(document)
    return documents


def load_predictions(path: str | Path) -> dict[str, PredictedDocument]:
    """Read `watchfloor export --format jsonl` output: one event per line.

    Events are grouped by `doc_id` in file order. The export carries no actor
    mentions and no `derived_from`, so documents read this way have empty
    `names` and no `derived_from`; documents without events are absent, which
    `score` treats as empty.
    """
    grouped: dict[str, list[Mapping[str, Any]]] = {}
    for where, event in read_json_lines(path):
        check_line(where, check_predicted_event, event)
        grouped.setdefault(event["doc_id"], []).append(event)
    return {
        doc_id: PredictedDocument(doc_id=doc_id, events=tuple(events), names=())
        for doc_id, events in grouped.items()
    }


def score(
    gold: Sequence[Mapping[str, Any]], predicted: Mapping[str, PredictedDocument]
) -> dict[str, Any]:
    """Score predictions against gold documents (as `load_gold` returns them).

    Gives {"documents", "events", "actors", "duplicates"}; see the module
    docstrings of `_eval_events` and `_eval_actors` for the rules and
    `score_duplicates` for pairs.
    """
    empty = PredictedDocument(doc_id="", events=(), names=())
    documents = [
        match_document(
            str(document["doc_id"]),
            document.get("events") or (),
            predicted.get(str(document["doc_id"]), empty).events,
        )
        for document in gold
    ]
    names = {doc_id: prediction.names for doc_id, prediction in predicted.items()}
    return {
        "documents": len(gold),
        "documents_predicted": sum(str(document["doc_id"]) in predicted for document in gold),
        "events": score_events(documents),
        "actors": score_actors(gold, names),
        "duplicates": score_duplicates(gold, predicted),
    }


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
