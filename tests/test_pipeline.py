"""End to end: articles we wrote, through the real pipeline, into a real SQLite file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from watchfloor import query
from watchfloor.pipeline import build_pipeline
from watchfloor.settings import Settings
from watchfloor.store import SQLiteStore, open_store

pytestmark = pytest.mark.model


def _ingest(folder: Path, db: Path) -> SQLiteStore:
    settings = Settings(db=str(db))
    store = open_store(settings.db)
    build_pipeline(store, settings).ingest([folder])
    return store


@pytest.fixture(scope="module")
def tanks(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> SQLiteStore:
    return _ingest(data_dir / "pipeline" / "tanks", tmp_path_factory.mktemp("t") / "w.db")


def _aid(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for e in events if e["type"] == "AID" and e["actor"] == ["DEU"]]


def test_pipeline_one_event_in_three_outlets_fuses_and_flags_the_figures(
    tanks: SQLiteStore,
) -> None:
    (event,) = _aid(query.list_events(tanks))
    assert event["recipient"] == ["UKR"]
    assert event["date"] == "2024-03-04"
    assert sorted(s["doc_id"] for s in event["sources"]) == [
        "daily-tanks",
        "weekly-tanks",
        "wire-tanks",
    ]
    assert event["independent_sources"] == 3
    (conflict,) = [c for c in event["conflicts"] if c["field"] == "quantity"]
    reported = {v["value"]: sorted(v["doc_ids"]) for v in conflict["values"]}
    assert reported == {"18 tanks": ["daily-tanks"], "20 tanks": ["weekly-tanks", "wire-tanks"]}


def test_pipeline_two_deals_a_year_apart_stay_separate(tmp_path: Path, data_dir: Path) -> None:
    store = _ingest(data_dir / "pipeline" / "deals", tmp_path / "w.db")
    deals = [
        e for e in query.list_events(store) if {"POL", "USA"} <= {*e["actor"], *e["recipient"]}
    ]
    assert [d["date"] for d in deals] == ["2023-08-14", "2024-08-13"]
    assert all(d["independent_sources"] == 1 for d in deals)


def test_pipeline_reingest_is_idempotent(tanks: SQLiteStore, data_dir: Path) -> None:
    before = query.collect_stats(tanks)
    settings = Settings(db=tanks.path)
    report = build_pipeline(tanks, settings).ingest([data_dir / "pipeline" / "tanks"])
    assert (report.stored, report.unchanged) == (0, 3)
    after = query.collect_stats(tanks)
    assert {k: v for k, v in after.items() if k != "runs"} == {
        k: v for k, v in before.items() if k != "runs"
    }


def test_pipeline_reprocess_gives_the_same_record(tanks: SQLiteStore) -> None:
    before = [(e["type"], e["actor"], e["recipient"], e["date"]) for e in query.list_events(tanks)]
    build_pipeline(tanks, Settings(db=tanks.path)).reprocess()
    after = [(e["type"], e["actor"], e["recipient"], e["date"]) for e in query.list_events(tanks)]
    assert after == before


@pytest.fixture(scope="module")
def undated(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> SQLiteStore:
    return _ingest(data_dir / "pipeline" / "undated", tmp_path_factory.mktemp("u") / "w.db")


def _placed(store: SQLiteStore, actor: str, words: str) -> tuple[str | None, str | None]:
    (event,) = [
        e
        for e in query.list_events(store, actor=actor)
        if any(words in s["evidence"] for s in e["sources"])
    ]
    return event["when"], event["when_source"]


def test_pipeline_undated_events_are_placed_by_reference_dates(undated: SQLiteStore) -> None:
    # the digest's own dated pledge bounds it; its future minesweepers do not
    assert _placed(undated, "FIN", "fighter jets") == ("2024-03-04", "reference_date")
    assert _placed(undated, "EST", "howitzers") == (None, None)


def test_pipeline_a_copy_is_dated_by_its_original(undated: SQLiteStore) -> None:
    shown = query.show_article(undated, "fjord-reprint")
    assert shown["derived_from"] == "fjord-wire"
    assert (shown["reference_date"], shown["reference_basis"]) == ("2024-02-12", "derived_from")
    assert query.show_article(undated, "fjord-wire")["reference_date"] is None


def test_pipeline_reference_dates_survive_reprocess_and_reingest(
    undated: SQLiteStore, data_dir: Path
) -> None:
    def placements() -> list[tuple[str, str | None, str | None]]:
        return [
            (e["canonical_id"], e["when"], e["when_source"]) for e in query.list_events(undated)
        ]

    before = placements()
    build_pipeline(undated, Settings(db=undated.path)).reprocess()
    assert placements() == before
    report = build_pipeline(undated, Settings(db=undated.path)).ingest(
        [data_dir / "pipeline" / "undated"]
    )
    assert report.stored == 0
    assert placements() == before
