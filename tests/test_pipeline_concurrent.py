"""Two connections to one SQLite file, as two processes would hold them, interleaved on purpose.

The pipeline is real except the NLP stages, which a stand-in replaces so that the
test decides when the other connection writes: in the middle of a batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from watchfloor.dedup.stage import DedupStage, StoryStage
from watchfloor.errors import StoreError
from watchfloor.pipeline import Pipeline
from watchfloor.records import Actor, Analysis, Article, Mention
from watchfloor.settings import Settings
from watchfloor.store import SQLiteStore, Store, open_store

TEXT = (
    "Varnholm recalled its ambassador from Ostrava on Monday, the foreign ministry said. "
    "Ostrava called the decision regrettable."
)


class MeanwhileAnalyser:
    """Finds one actor per article, after running `meanwhile` (another process's write)."""

    def __init__(self, meanwhile: Callable[[], None]) -> None:
        self.meanwhile = meanwhile

    def load(self, store: Store) -> None:
        pass

    def analyse(self, articles: Sequence[Article]) -> Iterator[Analysis]:
        self.meanwhile()
        for article in articles:
            actor = Actor("VRN", "Varnholm", "country", "VRN")
            mention = Mention(article.doc_id, 0, 8, "Varnholm", "GPE", actor_id="VRN")
            yield Analysis(article.doc_id, mentions=(mention,), actors=(actor,))


def _pipeline(store: SQLiteStore, settings: Settings, meanwhile: Callable[[], None]) -> Pipeline:
    analyser = MeanwhileAnalyser(meanwhile)
    return Pipeline(store, settings, analyser, DedupStage(settings), StoryStage(settings))


def _nothing() -> None:
    pass


def _write_files(folder: Path, count: int) -> Path:
    folder.mkdir(exist_ok=True)
    for n in range(count):
        (folder / f"a{n}.txt").write_text(f"Report {n}\n\n{TEXT} ({n})\n", encoding="utf-8")
    return folder


def test_pipeline_article_stored_meanwhile_by_another_run_is_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    settings = Settings(db=str(db))
    other = open_store(db)
    folder = _write_files(tmp_path / "in", 1)

    def store_it_first() -> None:
        # The other run stores the same text after this one found it new.
        _pipeline(other, settings, _nothing).ingest([folder])

    report = _pipeline(open_store(db), settings, store_it_first).ingest([folder])
    assert (report.stored, report.unchanged) == (0, 1)
    assert [v["version"] for v in other.article_versions("a0")] == [1]


def test_pipeline_reprocess_keeps_other_writers_out_until_it_is_done(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    settings = Settings(db=str(db), batch_size=1)
    store = open_store(db)
    _pipeline(store, settings, _nothing).ingest([_write_files(tmp_path / "in", 3)])
    other = SQLiteStore(db, busy_timeout_s=0.05)
    refused: list[str] = []

    def write_from_another_process() -> None:
        try:
            with other.transaction():
                other.write_actors([Actor("OST", "Ostrava", "country", "OST")])
        except StoreError as exc:
            refused.append(str(exc))

    # Before, each batch was its own transaction: the other write got in between, and the
    # reprocess's next batch failed with "database is locked", its actors and stories
    # half cleared.
    assert _pipeline(store, settings, write_from_another_process).reprocess() == 3
    assert len(refused) == 3
    assert refused[0].startswith(f"the database {db} is busy: another process")
    assert [a.id for a in store.read_actors()] == ["VRN"]
    assert sum(story["members"] for story in store.read_stories()) == 3
    assert store.read_mentions("a0")[0]["actor_id"] == "VRN"


def test_pipeline_an_interrupted_reprocess_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    settings = Settings(db=str(db), batch_size=1)
    store = open_store(db)
    _pipeline(store, settings, _nothing).ingest([_write_files(tmp_path / "in", 3)])
    calls: list[int] = []

    def fail_on_the_third_batch() -> None:
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _pipeline(store, settings, fail_on_the_third_batch).reprocess()
    assert [a.id for a in store.read_actors()] == ["VRN"]
    assert sum(story["members"] for story in store.read_stories()) == 3
