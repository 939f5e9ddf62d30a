"""The real case: the events a reworded copy shares with its original fuse, counted once."""

from __future__ import annotations

import pytest

from watchfloor import query
from watchfloor.store import SQLiteStore

pytestmark = [pytest.mark.shared, pytest.mark.model]

COPY, ORIGINAL = "000_f8883650cadc4fcb", "001_f52b47a81cd55041"


def test_fuse_seeds_copy_and_original_share_events(seeds_store: SQLiteStore) -> None:
    shared = [e for e in query.list_events(seeds_store) if _docs(e) >= {COPY, ORIGINAL}]
    assert len(shared) >= 5


def test_fuse_seeds_copy_and_original_are_one_source(seeds_store: SQLiteStore) -> None:
    for event in query.list_events(seeds_store):
        docs = _docs(event)
        if {COPY, ORIGINAL} <= docs:
            assert event["independent_sources"] == len(docs) - 1


def test_fuse_seeds_no_shared_event_is_split(seeds_store: SQLiteStore) -> None:
    """No event of the copy stays apart from a report of the original that retells it."""
    events = query.list_events(seeds_store)
    for event in events:
        if _docs(event) != {COPY}:
            continue
        for other in events:
            if _docs(other) == {ORIGINAL} and _same_key(event, other):
                copy_words = _words(event["sources"][0]["evidence"])
                original_words = _words(other["sources"][0]["evidence"])
                overlap = len(copy_words & original_words) / min(
                    len(copy_words), len(original_words)
                )
                assert overlap < 0.6, (event["sources"], other["sources"])


def _docs(event: dict[str, object]) -> set[str]:
    return {str(s["doc_id"]) for s in event["sources"]}  # type: ignore[attr-defined]


def _same_key(first: dict[str, object], second: dict[str, object]) -> bool:
    return all(first[k] == second[k] for k in ("type", "actor", "recipient", "status"))


def _words(text: str) -> set[str]:
    return {word for word in text.lower().split() if len(word) > 3}
