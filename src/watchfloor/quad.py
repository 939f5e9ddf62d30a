"""PLOVER quad classes and conflict-cooperation scores, and per-month dyad summaries.

PLOVER groups its sixteen event types into four quad classes, from talk to acts and
from cooperation to conflict (PLOVER manual, "Quad categories"):

* verbal cooperation (1): AGREE, CONSULT, SUPPORT, CONCEDE;
* material cooperation (2): COOPERATE, AID, RETREAT;
* verbal conflict (3): REQUEST, ACCUSE, REJECT, SANCTION, THREATEN;
* material conflict (4): PROTEST, MOBILIZE, COERCE, ASSAULT.

Each type (and some type:mode pairs) has a score from -10 (most conflictual) to +10
(most cooperative); the table is `data/plover/scores.yaml`, which event coding
reads too.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from watchfloor.errors import ConfigError
from watchfloor.store import EventFilter, Store

# A safe loader: the C one when PyYAML was built with libyaml (10x faster at start-up).
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

QUAD_CLASSES: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
QUAD_OF_TYPE: dict[str, int] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), 2),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "SANCTION", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}


def quad_class(event_type: str) -> int | None:
    """The quad class (1-4) of a PLOVER type, or None for a type PLOVER does not list."""
    return QUAD_OF_TYPE.get(event_type.upper())


@lru_cache(maxsize=1)
def read_scores() -> Mapping[str, float]:
    """The bundled score table: "TYPE" or "TYPE:mode" -> score."""
    path = resources.files("watchfloor") / "data" / "plover" / "scores.yaml"
    try:
        table = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        return {str(key): float(value) for key, value in table.items()}
    except (OSError, yaml.YAMLError, AttributeError, TypeError, ValueError) as exc:
        raise ConfigError(f"cannot read the PLOVER score table scores.yaml: {exc}") from None


def score_event(event_type: str, mode: str | None = None) -> float | None:
    """The score of `event_type:mode`, else of `event_type`; None for an unknown type."""
    scores = read_scores()
    if mode and f"{event_type}:{mode}" in scores:
        return scores[f"{event_type}:{mode}"]
    return scores.get(event_type)


def summarize_dyad(store: Store, filters: EventFilter) -> list[dict[str, Any]]:
    """Per month, the fused events matching `filters` counted by quad class, and their mean score.

    Needs: `filters` already checked (`query.check_event_filter`); usually an actor
    and a recipient. Gives one row per month of placement, oldest first (events
    known only to the year are counted under the year, unplaced ones last under
    None): `month`, `events`, `by_quad` (class name -> count, every class listed)
    and `mean_score` (None when no event of the month has a score).
    """
    months: dict[str | None, dict[str, Any]] = {}
    for row in store.count_canonical_events_by_month(filters):
        month = months.setdefault(row["month"], _empty_month(row["month"]))
        month["events"] += row["events"]
        quad = quad_class(row["type"])
        if quad is not None:
            month["by_quad"][QUAD_CLASSES[quad]] += row["events"]
        score = score_event(row["type"], row["mode"])
        if score is not None:
            month["_scored"] += row["events"]
            month["_total"] += score * row["events"]
    summary = []
    for month in months.values():
        scored, total = month.pop("_scored"), month.pop("_total")
        month["mean_score"] = round(total / scored, 3) if scored else None
        summary.append(month)
    return summary


def _empty_month(month: str | None) -> dict[str, Any]:
    return {
        "month": month,
        "events": 0,
        "by_quad": dict.fromkeys(QUAD_CLASSES.values(), 0),
        "_scored": 0,
        "_total": 0.0,
    }
