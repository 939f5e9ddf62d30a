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
    db: str
    report: IngestReport
    stats: dict[str, Any]
    articles: list[dict[str, Any]]


def run_demo(db: str | None = None) -> DemoResult:
    """Ingest the sample corpus into `db` (default: a new temporary file)."""
    if db is None:
        db = str(Path(tempfile.mkdtemp(prefix="watchfloor-demo-")) / "demo.db")
    path = db
    settings = load_settings(db=path)
    store = open_store(settings.db)
    report = build_pipeline(store, settings).ingest([sample_corpus()])
    return DemoResult(
        db=path,
        report=report,
        stats=query.collect_stats(store),
        articles=query.list_articles(store),
    )
