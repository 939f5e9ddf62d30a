"""spaCy in worker processes: the same Docs, and the same store, as one process."""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from watchfloor.demo import sample_corpus
from watchfloor.errors import ConfigError
from watchfloor.nlp.model import DICTIONARY_SPANS, build_pipeline
from watchfloor.nlp.workers import MAX_AUTO_PROCESSES, ParsePool, worker_count
from watchfloor.pipeline import build_pipeline as build_ingest
from watchfloor.resolve.knowledge import load_knowledge
from watchfloor.settings import Settings, load_settings
from watchfloor.store import open_store

pytestmark = pytest.mark.model

TEXTS = [
    "Germany sent 20 tanks to Ukraine on Monday, Chancellor Olaf Scholz said in Berlin.",
    "North Korea fired a missile into the sea.\n\nSeoul condemned the launch.",
    "Protesters marched in Paris. Police arrested 12 people, the ministry said.",
    "The U.S. and NATO agreed to hold talks with Russia in Geneva next week.",
    "Nothing happened here at all, said nobody in particular.",
]


def _described(doc: Any) -> tuple[Any, ...]:
    return (
        [(t.text, t.tag_, t.dep_, t.head.i, t.is_sent_start) for t in doc],
        [(e.start, e.end, e.label_, e.ent_id_) for e in doc.ents],
        [(s.start, s.end, s.label_, s.id_) for s in doc.spans[DICTIONARY_SPANS]],
        doc.tensor.tobytes(),  # the learned event detector reads it
    )


def test_nlp_workers_give_the_docs_of_one_process() -> None:
    settings = Settings()
    nlp = build_pipeline(settings, load_knowledge(None))
    here = [_described(doc) for doc in nlp.pipe(TEXTS)]
    pool = ParsePool(nlp, settings, 2)
    try:
        there = [_described(doc) for doc in pool.pipe(TEXTS, batch_size=2)]
    finally:
        pool.close()
    assert there == here


def test_nlp_workers_a_killed_worker_leaves_the_parse_to_this_process() -> None:
    settings = Settings()
    nlp = build_pipeline(settings, load_knowledge(None))
    pool = ParsePool(nlp, settings, 2)
    try:
        assert len(list(pool.pipe(TEXTS, batch_size=2))) == len(TEXTS)  # workers started
        for pid in list(pool._executor._processes):  # the pool's own worker ids
            os.kill(pid, signal.SIGKILL)
        there = [_described(doc) for doc in pool.pipe(TEXTS, batch_size=2)]
    finally:
        pool.close()
    assert there == [_described(doc) for doc in nlp.pipe(TEXTS)]


def test_nlp_workers_count_follows_the_setting() -> None:
    assert worker_count(3) == 3
    assert worker_count(1) == 1
    assert 1 <= worker_count(0) <= MAX_AUTO_PROCESSES


def test_nlp_workers_negative_setting_is_refused() -> None:
    with pytest.raises(ConfigError, match="processes must be at least 0"):
        load_settings(environ={"WATCHFLOOR_PROCESSES": "-1"})


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    """The sample articles and the pipeline fixtures together: copies, stories, fused events."""
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copytree(sample_corpus(), folder / "sample")
    shutil.copytree(data_dir / "pipeline", folder / "pipeline")
    return folder


def _ingest(corpus: Path, db: Path, processes: int) -> tuple[Any, Any]:
    settings = Settings(db=str(db), processes=processes, batch_size=5)
    store = open_store(settings.db)
    report = build_ingest(store, settings).ingest([corpus])
    return store, report


def test_nlp_workers_ingest_stores_what_one_process_stores(
    corpus: Path, tmp_path: Path, snapshot: Callable[[Any], dict[str, Any]]
) -> None:
    one, one_report = _ingest(corpus, tmp_path / "one.db", processes=1)
    two, two_report = _ingest(corpus, tmp_path / "two.db", processes=2)
    assert one_report.stored > 10
    assert two_report.as_dict() == one_report.as_dict()
    assert snapshot(two) == snapshot(one)
    again = build_ingest(two, Settings(db=str(tmp_path / "two.db"), processes=2)).ingest([corpus])
    assert (again.stored, again.unchanged) == (0, one_report.stored)
    settings = Settings(db=str(tmp_path / "two.db"), processes=2, batch_size=5)
    assert build_ingest(two, settings).reprocess() == one_report.stored
    assert snapshot(two) == snapshot(one)


def test_nlp_workers_cli_refuses_a_negative_count(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from watchfloor.cli import app

    result = CliRunner().invoke(app, ["ingest", str(tmp_path), "--processes", "-1"])
    assert result.exit_code == 2
    assert "--processes" in result.output
