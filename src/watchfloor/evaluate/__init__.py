"""Score a run against hand-coded gold: events, actors and duplicates.

The rules are those of "How `eval` scores" in the gold format; this package is
the pure scorer behind `watchfloor eval`. It reads gold and prediction files,
builds a report (a JSON-ready dict), renders it as a plain-text table and
checks it against pinned floors. Each part lives in its own module: file
checks in `input`, event matching in `events`, the looser matching rules that
show where events are lost in `diagnostics`, actor B-cubed in `actors`,
`derived_from` pairs in `duplicates`, the error-analysis lists in `misses`, the
table in `report` and the floors in `floors`.

Conventions, applied everywhere:

* Only documents in the gold are scored; a gold document without a prediction
  scores as one with no events, no resolved names and no `derived_from`.
* Precision, recall, F1 and shares are 0.0 when their denominator is empty
  (no predictions, no gold); the counts beside them tell the cases apart.
* Accuracies on matched events are None when no event matched; the table
  shows them as "n/a".
* Several gold files score as one gold set for the total (events pooled,
  actor clusters and duplicate pairs across all the files), and each on its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from watchfloor.evaluate.actors import score_actors
from watchfloor.evaluate.diagnostics import score_match_rules
from watchfloor.evaluate.duplicates import score_duplicates
from watchfloor.evaluate.events import match_document, score_events
from watchfloor.evaluate.floors import check_floors
from watchfloor.evaluate.input import (
    GoldFile,
    PredictedDocument,
    load_gold,
    load_gold_files,
    load_predictions,
)
from watchfloor.evaluate.misses import find_misses
from watchfloor.evaluate.report import format_report

__all__ = [
    "GoldFile",
    "PredictedDocument",
    "check_floors",
    "find_misses",
    "format_report",
    "load_gold",
    "load_gold_files",
    "load_predictions",
    "score",
    "score_duplicates",
    "score_gold_files",
]


def score(
    gold: Sequence[Mapping[str, Any]], predicted: Mapping[str, PredictedDocument]
) -> dict[str, Any]:
    """Score predictions against gold documents (as `load_gold` returns them).

    Gives {"documents", "documents_predicted", "events", "actors",
    "duplicates"}; `events` also holds `by_rule`, the event scores under the
    looser matching rules of `diagnostics`. See the module docstrings of
    `events`, `actors` and `duplicates` for the rules.
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
        "events": {**score_events(documents), "by_rule": score_match_rules(documents)},
        "actors": score_actors(gold, names),
        "duplicates": score_duplicates(gold, predicted),
    }


def score_gold_files(
    files: Sequence[GoldFile],
    predicted: Mapping[str, PredictedDocument],
    with_misses: bool = False,
) -> dict[str, Any]:
    """Score several gold files at once: the total and each file on its own.

    Gives the `score` report of all the files' documents taken as one gold set,
    plus `files`, a list of {"gold": path, ...that file's `score` report} in the
    order given, and with `with_misses` also `misses` (see `find_misses`).
    """
    documents = [document for file in files for document in file.documents]
    report = score(documents, predicted)
    report["files"] = [{"gold": file.path, **score(file.documents, predicted)} for file in files]
    if with_misses:
        report["misses"] = find_misses(documents, predicted)
    return report
