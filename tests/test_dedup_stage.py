"""DedupStage: copies found through the store's band index, across runs, as in memory."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from watchfloor.dedup.near_dup import DuplicateFinder
from watchfloor.dedup.stage import DedupStage, band_stored_fingerprints
from watchfloor.errors import ConfigError
from watchfloor.records import Article, DuplicateLink, PartialDate
from watchfloor.settings import Settings
from watchfloor.store import open_store
from watchfloor.store.sqlite import SQLiteStore


@pytest.fixture
def store(tmp_path: Path):
    opened = open_store(tmp_path / "dedup.db")
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def articles(data_dir: Path) -> list[Article]:
    """Originals, exact copies, near copies and reworded copies, some dated, in arrival order."""
    texts = {
        path.stem: path.read_text(encoding="utf-8") for path in (data_dir / "dedup").glob("*.txt")
    }
    made = []
    for round_ in range(3):
        for name, text in sorted(texts.items()):
            if round_ == 1:
                text = text.replace(" the ", " a ", 1)  # a near copy
            published = PartialDate(2024, 3, 4 + round_) if round_ != 1 else None
            made.append(Article(f"{name}-{round_}", "", text, published))
    return made


def _links_in_memory(articles: list[Article]) -> list[DuplicateLink]:
    texts = {article.doc_id: article.text for article in articles}
    finder = DuplicateFinder(Settings(), texts.get)
    return [link for article in articles for link in finder.add(article)[0]]


def _ingest(store, articles: list[Article], batch: int, settings: Settings | None = None):
    """Dedup `articles` a batch at a time, each batch written as a pipeline writes it."""
    links, stage = [], DedupStage(settings or Settings())
    stage.load(store)
    for start in range(0, len(articles), batch):
        chunk = articles[start : start + batch]
        _, found = stage.run(chunk)
        with store.transaction():
            store.write_articles(chunk)
            stage.write(store, found)
        links += found
    return links, stage


def test_dedup_stage_store_lookups_give_the_in_memory_links(store, articles):
    expected = _links_in_memory(articles)
    assert {link.kind for link in expected} == {"exact", "near", "reworded"}
    links, _ = _ingest(store, articles[:5], batch=2)  # one run, then another
    more, stage = _ingest(store, articles[5:], batch=3)
    assert links + more == expected
    # Nothing from the store, nor the batches written, stays in memory.
    assert len(stage.finder) == 0
    assert store.count_unbanded_fingerprints(stage.finder.layout) == 0


def test_dedup_stage_bands_fingerprints_stored_before_bands(store, articles):
    first, _ = _ingest(store, articles[:6], batch=6)
    assert isinstance(store, SQLiteStore)
    # A store written before migration 0009: fingerprints with their state only.
    store.db.execute("UPDATE fingerprints SET layout = NULL, content_hash = NULL")
    store.db.execute("DELETE FROM fingerprint_bands")
    ticks: list[tuple[str, int | None, int]] = []

    def progress_bar(label, total):
        from contextlib import contextmanager

        @contextmanager
        def bar():
            yield lambda done: ticks.append((label, total, done))

        return bar()

    assert band_stored_fingerprints(store, Settings(), progress_bar) == 6
    assert ticks == [("indexing stored fingerprints", 6, 6)]
    assert band_stored_fingerprints(store, Settings(), progress_bar) == 0
    rest, _ = _ingest(store, articles[6:], batch=6)
    assert first + rest == _links_in_memory(articles)


def test_dedup_stage_rebands_for_another_threshold(store, articles):
    _ingest(store, articles[:6], batch=6)
    other = dataclasses.replace(Settings(), near_dup_threshold=0.7)
    assert DuplicateFinder(other, {}.get).layout != DuplicateFinder(Settings(), {}.get).layout
    assert band_stored_fingerprints(store, other) == 6
    links, _ = _ingest(store, articles[6:], batch=6, settings=other)
    texts = {article.doc_id: article.text for article in articles}
    finder = DuplicateFinder(other, texts.get)
    expected = [link for article in articles for link in finder.add(article)[0]]
    assert links
    assert links == expected[-len(links) :]


def test_dedup_stage_refuses_fingerprints_of_other_settings(store, articles):
    _ingest(store, articles[:2], batch=2)
    with pytest.raises(ConfigError, match="recompute the fingerprints"):
        DedupStage(dataclasses.replace(Settings(), num_perm=64)).load(store)
