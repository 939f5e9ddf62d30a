"""The real case: undated seed articles place their undated events by reference dates."""

from __future__ import annotations

from typing import Any

import pytest

from watchfloor import query
from watchfloor.reference_date import read_reference_dates
from watchfloor.store import SQLiteStore

pytestmark = [pytest.mark.shared, pytest.mark.model]

COPY, ORIGINAL = "000_f8883650cadc4fcb", "001_f52b47a81cd55041"


def _undated_articles(store: SQLiteStore) -> list[str]:
    return [a.doc_id for a in store.iter_articles() if a.published is None]


def test_reference_date_seeds_copy_takes_its_originals_date(seeds_store: SQLiteStore) -> None:
    original = seeds_store.get_article(ORIGINAL)
    assert original is not None
    assert original.published is not None
    reference = read_reference_dates(seeds_store, [COPY])[COPY]
    assert (reference.date, reference.basis) == (original.published, "derived_from")


def test_reference_date_seeds_bound_every_asserted_event(seeds_store: SQLiteStore) -> None:
    """A content reference date is never earlier than a date the article asserts."""
    references = read_reference_dates(seeds_store, _undated_articles(seeds_store))
    assert any(r.basis == "content" for r in references.values())
    for doc_id, reference in references.items():
        if reference.basis != "content":
            continue
        for event in seeds_store.read_events(doc_id):
            if event.status == "asserted" and event.date is not None:
                assert event.date.sort_key <= reference.date.sort_key, (doc_id, event.evidence)


def test_reference_date_seeds_timeline_places_what_it_can(seeds_store: SQLiteStore) -> None:
    events = query.list_events(seeds_store, actor="KOR", recipient="UKR")
    placed = [e for e in events if e["when_source"] == "reference_date"]
    assert any(e["type"] == "REJECT" for e in placed)
    whens = [e["when"] for e in events]
    dated = [w for w in whens if w is not None]
    assert whens == dated + [None] * (len(whens) - len(dated))
    assert dated == sorted(dated)
    for event in events:
        placed_by = [d for d in map(_date_of, event["sources"]) if d is not None]
        expected = event["date"] or (min(placed_by) if placed_by else None)
        assert event["when"] == expected


def _date_of(source: dict[str, Any]) -> str | None:
    return source["published"] or source["reference_date"]
