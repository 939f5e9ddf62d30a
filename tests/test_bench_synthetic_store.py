"""The benchmarks' synthetic store (benchmarks/synthetic_store.py), built small."""

from __future__ import annotations

import sys
from itertools import islice
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from synthetic_store import (  # noqa: E402
    build_store,
    cached_sqlite_store,
    cached_store_path,
    fused_events,
)
from watchfloor import query  # noqa: E402
from watchfloor.store import EventFilter, open_store  # noqa: E402


def test_bench_synthetic_store_builds_articles_reports_and_their_fused_events(
    tmp_path: Path,
) -> None:
    store = open_store(tmp_path / "s.db")
    build_store(store, 400)
    assert (store.count("articles"), store.count("events")) == (200, 400)
    assert store.count("canonical_events") == 200
    reports = {event_id for event_id, *_ in store.read_event_reports()}
    fused = list(fused_events(200))
    # Every report is in exactly one fused event, made of two neighbouring articles.
    assert sorted(i for event in fused for i in event.event_ids) == sorted(reports)
    assert fused[0].doc_ids == ("doc0000000", "doc0000199")
    assert fused[5].doc_ids == ("doc0000005", "doc0000004")
    busiest = list(query.iter_events(store, EventFilter(actor="A00")))
    assert 20 < len(busiest) < 100  # about a fifth of the events
    whens = [event["when"] for event in busiest]
    assert whens == sorted(whens)
    assert len(next(iter(busiest))["sources"]) == 2
    assert len(list(islice(query.iter_conflicts(store), 100))) == 20
    assert store.search("w1", limit=5)


def test_bench_synthetic_store_is_built_once_per_parameters(tmp_path: Path) -> None:
    path = cached_sqlite_store(40, folder=tmp_path)
    assert path == cached_store_path(40, folder=tmp_path) != cached_store_path(40, 8, tmp_path)
    built = path.stat().st_mtime_ns
    assert cached_sqlite_store(40, folder=tmp_path) == path
    assert path.stat().st_mtime_ns == built
    assert cached_sqlite_store(60, folder=tmp_path) != path
    assert not list(tmp_path.glob("*.part*"))


@pytest.mark.parametrize("events", [2, 3])
def test_bench_synthetic_store_smallest_sizes(tmp_path: Path, events: int) -> None:
    store = open_store(tmp_path / "s.db")
    build_store(store, events)
    assert store.count("canonical_events") == 2
