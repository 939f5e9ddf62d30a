"""Fused event ids are stable: the same after re-ingesting, reprocessing and in a fresh store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from watchfloor import query
from watchfloor.pipeline import build_pipeline
from watchfloor.settings import Settings
from watchfloor.store import Store, open_store

pytestmark = pytest.mark.model


def _events(store: Store) -> dict[str, Any]:
    """canonical_id -> (type, parties, and each source's doc_id, outlet, date and offsets)."""
    return {
        event["canonical_id"]: (
            event["type"],
            event["actor"],
            event["recipient"],
            [
                (
                    s["doc_id"],
                    s["outlet"],
                    s["published"],
                    s["evidence"],
                    s["evidence_start"],
                    s["evidence_end"],
                )
                for s in event["sources"]
            ],
        )  # fmt: skip
        for event in query.iter_events(store)
    }


def test_pipeline_canonical_ids_survive_reingest_and_reprocess(
    data_dir: Path, tmp_path: Path
) -> None:
    articles = data_dir / "web" / "articles.jsonl"
    first = open_store(tmp_path / "first.db")
    pipeline = build_pipeline(first, Settings(db=str(tmp_path / "first.db")))
    pipeline.ingest([articles])
    ingested = _events(first)
    assert len(ingested) >= 5
    assert all(sources for *_, sources in ingested.values())

    pipeline.ingest([articles])
    assert _events(first) == ingested
    pipeline.reprocess()
    assert _events(first) == ingested

    second = open_store(tmp_path / "second.db")
    build_pipeline(second, Settings(db=str(tmp_path / "second.db"))).ingest([articles])
    assert _events(second) == ingested
    first.close()
    second.close()
