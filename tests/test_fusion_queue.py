"""Incremental fusion: ingests in several runs give what one run, and a full fusion, give."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from watchfloor.demo import sample_corpus
from watchfloor.fusion_queue import copy_group_members, fuse_pending, fuse_store, queue_fusion
from watchfloor.pipeline import build_pipeline
from watchfloor.records import Analysis, Article, DuplicateLink, Event, PartialDate
from watchfloor.settings import Settings
from watchfloor.store import EventFilter, Store, open_store
from watchfloor.store.rows import fusion_key

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
BATCHES = 3


def _units(corpus: Path) -> list[tuple[str, str | None]]:
    """The corpus as (file name, None) per file, or (file name, line) per JSON Lines row."""
    files = [corpus] if corpus.is_file() else sorted(p for p in corpus.iterdir() if p.is_file())
    units: list[tuple[str, str | None]] = []
    for path in files:
        if path.suffix == ".jsonl":
            lines = path.read_text(encoding="utf-8").splitlines()
            units += [(path.name, line) for line in lines if line.strip()]
        else:
            units.append((path.name, None))
    return units


def _split(corpus: Path, folder: Path) -> list[Path]:
    """The corpus cut into BATCHES folders, in reading order, under the same file names."""
    units = _units(corpus)
    source = corpus.parent if corpus.is_file() else corpus
    size = -(-len(units) // BATCHES)
    batches = []
    for number in range(BATCHES):
        batch = folder / f"batch{number}"
        batch.mkdir()
        for name, line in units[number * size : (number + 1) * size]:
            if line is None:
                shutil.copy(source / name, batch / name)
            else:
                with (batch / name).open("a", encoding="utf-8") as out:
                    out.write(line + "\n")
        batches.append(batch)
    return batches


def _record(store: Store) -> dict[str, Any]:
    """What must not depend on how the input was split: fused events, copies, stories."""
    fused = list(store.iter_canonical_events(EventFilter()))
    sources = store.read_event_sources([event["canonical_id"] for event in fused])
    return {
        "fused": fused,
        "sources": sources,
        "duplicates": store.read_duplicates(),
        "stories": store.read_stories(),
        "story_members": sorted((d, s) for d, s, _ in store.read_story_members()),
        "pending": store.read_fusion_pending(),
    }


def _ingest(store: Store, paths: list[Path]) -> None:
    """One `watchfloor ingest` run, with stages as fresh as a new process has them."""
    build_pipeline(store, Settings(db=store.path)).ingest(paths)


CORPORA = [
    pytest.param(sample_corpus(), id="sample"),
    pytest.param(SHARED / "corpus" / "seeds", id="seeds", marks=pytest.mark.shared),
    pytest.param(SHARED / "gold" / "tbaq-articles.jsonl", id="tbaq", marks=pytest.mark.shared),
]


@pytest.mark.model
@pytest.mark.parametrize("corpus", CORPORA)
def test_fusion_queue_ingest_in_batches_equals_one_ingest_and_a_full_fusion(
    corpus: Path, tmp_path: Path
) -> None:
    if not corpus.exists():
        pytest.skip(f"{corpus} is not present")
    whole = open_store(tmp_path / "whole.db")
    _ingest(whole, [corpus])
    parts = open_store(tmp_path / "parts.db")
    for batch in _split(corpus, tmp_path):
        _ingest(parts, [batch])
    expected = _record(whole)
    assert expected["fused"], "the corpus must give fused events for this test to mean much"
    assert _record(parts) == expected
    fuse_store(parts, Settings())
    assert _record(parts) == expected


def _article(doc_id: str, published: str | None = "2025-03-03") -> Article:
    text = f"The council of Varnholm met the envoys of Ostrava ({doc_id})."
    return Article(
        doc_id, f"Title {doc_id}", text, PartialDate.parse(published) if published else None,
        source=f"{doc_id}.txt", content_hash=f"hash-{doc_id}",
    )  # fmt: skip


def _event(doc_id: str, type: str, actor: str, recipient: str) -> Event:
    return Event(doc_id, type, (actor,), (recipient,), "asserted", f"{actor} {type} {recipient}",
                 0, 10, date=PartialDate(2025, 3, 2))  # fmt: skip


def _write(store: Store, doc_id: str, *events: Event) -> None:
    with store.transaction():
        store.write_article(_article(doc_id))
        store.write_analysis(Analysis(doc_id, events=events))


def test_fusion_queue_copy_group_members_follows_chains_of_links(tmp_path: Path) -> None:
    store = open_store(tmp_path / "w.db")
    with store.transaction():
        store.write_duplicates(
            [
                DuplicateLink("c", "b", "near", 0.9, "b"),
                DuplicateLink("b", "a", "near", 0.9, "a"),
                DuplicateLink("y", "x", "exact", 1.0, None),
            ]
        )
    assert copy_group_members(store, ["c"]) == {"a": "a", "b": "a", "c": "a"}
    assert copy_group_members(store, ["lone", "x"]) == {"lone": "lone", "x": "x", "y": "x"}


def test_fusion_queue_queues_the_blocks_of_an_article_and_its_copies(tmp_path: Path) -> None:
    store = open_store(tmp_path / "w.db")
    _write(store, "a1", _event("a1", "AID", "VRN", "OST"))
    _write(store, "a2", _event("a2", "THREATEN", "OST", "VRN"))
    _write(store, "a3", _event("a3", "PROTEST", "KLM", "OST"))
    fuse_store(store, Settings())
    assert store.read_fusion_pending() == []
    with store.transaction():
        store.write_duplicates([DuplicateLink("a2", "a1", "near", 0.9, "a1")])
        queue_fusion(store, ["a2"])
    assert store.read_fusion_pending() == sorted(
        [fusion_key("AID", ["VRN"], ["OST"]), fusion_key("THREATEN", ["OST"], ["VRN"])]
    )


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_fusion_queue_fuse_pending_replaces_only_queued_blocks(
    tmp_path: Path, backend: str, request: pytest.FixtureRequest
) -> None:
    if backend == "sqlite":
        store = open_store(tmp_path / "w.db")
    else:
        store = open_store(request.getfixturevalue("postgres_url"))
    request.addfinalizer(store.close)
    _write(store, "a1", _event("a1", "AID", "VRN", "OST"), _event("a1", "PROTEST", "KLM", "OST"))
    fuse_store(store, Settings())
    with store.transaction():
        queue_fusion(store, ["a2"])  # before: a2 has no events yet
        store.write_article(_article("a2"))
        store.write_analysis(Analysis("a2", events=(_event("a2", "AID", "VRN", "OST"),)))
        queue_fusion(store, ["a2"])
    assert store.read_fusion_pending() == [fusion_key("AID", ["VRN"], ["OST"])]
    assert fuse_pending(store, Settings()) == 1
    assert store.read_fusion_pending() == []
    by_type = {e["type"]: e for e in store.iter_canonical_events(EventFilter())}
    assert by_type["AID"]["mentions"] == 2
    assert by_type["PROTEST"]["mentions"] == 1
    before = _record(store)
    fuse_store(store, Settings())
    assert _record(store) == before


def test_fusion_queue_a_new_version_leaves_its_old_block(tmp_path: Path) -> None:
    store = open_store(tmp_path / "w.db")
    _write(store, "a1", _event("a1", "AID", "VRN", "OST"))
    fuse_store(store, Settings())
    with store.transaction():
        queue_fusion(store, ["a1"])
        store.write_article(Article("a1", "New", "Changed text.", None, content_hash="v2"))
        store.write_analysis(Analysis("a1", events=(_event("a1", "REJECT", "VRN", "OST"),)))
        queue_fusion(store, ["a1"])
    fuse_pending(store, Settings())
    assert [e["type"] for e in store.iter_canonical_events(EventFilter())] == ["REJECT"]
