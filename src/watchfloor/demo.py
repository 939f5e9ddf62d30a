"""The demo: ingest the bundled sample corpus and gather what the pipeline knows."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from watchfloor import query
from watchfloor.pipeline import IngestReport, build_pipeline
from watchfloor.settings import load_settings
from watchfloor.store import open_store


def sample_corpus() -> Path:
    """The folder of the bundled sample articles (written for the project)."""
    return Path(str(resources.files("watchfloor") / "data" / "sample" / "articles"))


@dataclass(frozen=True, slots=True)
class DemoResult:
    db: str | None  # None: the database was temporary and is gone
    report: IngestReport
    stats: dict[str, Any]
    articles: list[dict[str, Any]]


def run_demo(db: str | None = None) -> DemoResult:
    """Ingest the sample corpus into `db`.

    Without `db`, into a temporary folder that is removed before this returns:
    the result holds everything the demo shows, and `db` is None.
    """
    if db is not None:
        return _ingest_sample(db, keep=True)
    with tempfile.TemporaryDirectory(prefix="watchfloor-demo-") as folder:
        return _ingest_sample(str(Path(folder) / "demo.db"), keep=False)


def _ingest_sample(path: str, keep: bool) -> DemoResult:
    settings = load_settings(db=path)
    store = open_store(settings.db)
    try:
        report = build_pipeline(store, settings).ingest([sample_corpus()])
        return DemoResult(
            db=path if keep else None,
            report=report,
            stats=query.collect_stats(store),
            articles=query.list_articles(store),
        )
    finally:
        store.close()
