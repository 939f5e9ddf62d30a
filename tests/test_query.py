"""Listings over a store: fused events are read a page at a time, limits reach the store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from watchfloor import query
from watchfloor.records import Analysis, Article, CanonicalEvent, Event, PartialDate
from watchfloor.store import EventFilter, Placement, Store, open_store


class _Counting:
    """A store that counts the calls listings make, passing each one through."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.calls: list[tuple[str, Any]] = []

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._store, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls.append((name, args if name == "iter_canonical_events" else ()))
            return method(*args, **kwargs)

        return counted


@pytest.fixture(params=["sqlite", "postgres"])
def many(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """250 fused events of the made-up actor MRV, one per article, dated in reverse order.

    On SQLite and on the test session's PostgreSQL server.
    """
    if request.param == "postgres":
        store = open_store(request.getfixturevalue("postgres_store_url"))
    else:
        store = open_store(tmp_path / "many.db")
    fused, placements = [], {}
    with store.transaction():
        for n in range(250):
            doc_id = f"d{n:03d}"
            day = PartialDate(2020 + n // 300, 1 + (249 - n) // 28 % 12, 1 + (249 - n) % 28)
            store.write_article(
                Article(doc_id, "", "Moravel aided Tessin.", day, content_hash=doc_id)
            )
            event = Event(doc_id, "AID", ("MRV",), ("TSN",), "asserted", "Moravel aided", 0, 13)
            store.write_analysis(Analysis(doc_id, events=(event,)))
        for event_id, event, published, _ in store.read_event_reports():
            placements[f"c{event.doc_id}"] = Placement(published, "published")
            fused.append(
                CanonicalEvent(
                    f"c{event.doc_id}",
                    "AID",
                    ("MRV",),
                    ("TSN",),
                    "asserted",
                    (event_id,),
                    (event.doc_id,),
                    1,
                )  # fmt: skip
            )
        store.replace_canonical_events(fused, placements)
    yield store
    store.close()


def test_query_events_read_one_page_of_sources_at_a_time(many: Store) -> None:
    counting = _Counting(many)
    listed = list(query.iter_events(counting, EventFilter(actor="MRV")))  # type: ignore[arg-type]
    assert len(listed) == 250
    assert [name for name, _ in counting.calls].count("read_event_sources") == 3
    assert [name for name, _ in counting.calls].count("iter_canonical_events") == 1


def test_query_events_limit_reaches_the_store(many: Store) -> None:
    counting = _Counting(many)
    listed = query.list_events(counting, actor="MRV", limit=7)  # type: ignore[arg-type]
    assert len(listed) == 7
    assert ("iter_canonical_events", (EventFilter(actor="MRV"), 7)) in counting.calls


def test_query_events_keep_timeline_order_across_pages(many: Store) -> None:
    listed = query.list_events(many)
    assert [e["when"] for e in listed] == sorted(e["when"] for e in listed)
    assert all(e["when_source"] == "published" for e in listed)
