"""The second half of the batch job: its parsed table, in input order, into a store.

Needs: OUT/parsed/ as `job.run_batch` writes it (`table.py`; pyarrow reads it,
Spark is not needed here), finished or still being written, and a store (any
`Store`: SQLite, or PostgreSQL).
Gives: `load_batch`, the `IngestReport` of running the articles through the
same pipeline as `ingest` (unchanged articles skipped, copies linked, actors
resolved in order, events, stories, fusion), each Doc taken from the table.
At most a few batches of Docs are held in memory at once.
"""

from __future__ import annotations

import contextlib
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from watchfloor.batch.rows import decode_item
from watchfloor.batch.table import read_rows
from watchfloor.errors import ConfigError
from watchfloor.nlp.analyse import ArticleAnalyser
from watchfloor.nlp.doc_bytes import hooks_looked_up_once
from watchfloor.pipeline import INPUT_WAITS, IngestReport, InputWaits, Progress, build_pipeline
from watchfloor.records import Analysis, Article, Rejected
from watchfloor.settings import Settings
from watchfloor.store import Store


class ParsedAnalyser(ArticleAnalyser):
    """The NLP stages on Docs parsed by the batch job instead of parsed here."""

    def __init__(self, settings: Settings, docs: OrderedDict[tuple[str, str], bytes]) -> None:
        super().__init__(settings)
        self.docs = docs  # (doc_id, content_hash) -> Doc bytes, filled as rows are read

    def analyse(self, articles: Sequence[Article]) -> Iterator[Analysis]:
        from spacy.tokens import Doc

        with hooks_looked_up_once():
            for article in articles:
                data = self.docs[(article.doc_id, article.content_hash)]
                yield self.analyse_doc(article, Doc(self.nlp.vocab).from_bytes(data))


def load_batch(
    folder: Path,
    store: Store,
    settings: Settings,
    progress: Progress | None = None,
    running: Callable[[], bool] | None = None,
) -> IngestReport:
    """Store what `watchfloor batch` wrote to `folder`, as `ingest` would have stored it.

    Given `running` (is the batch job still going?), the table is read while the job
    writes it, each partition as its file appears (`table.read_rows`).
    """
    rows = read_rows(folder, running)
    docs: OrderedDict[tuple[str, str], bytes] = OrderedDict()
    pipeline = build_pipeline(store, settings)
    analyser = ParsedAnalyser(settings, docs)
    # Built now, while the job starts Spark and parses its first partition, rather than
    # when the first partition arrives (the spaCy model: seconds of CPU). A model that
    # cannot be loaded is reported as before: by the job, whose workers fail first.
    with contextlib.suppress(ConfigError):
        analyser.nlp  # noqa: B018
    pipeline.analyser = analyser
    # An article is analysed within the batch it was read in: keep two batches' Docs.
    items = _read_items(rows, docs, keep=2 * settings.batch_size + 1)
    return pipeline.ingest_items(items, progress)


def _read_items(
    rows: Iterator[dict[str, Any] | None], docs: OrderedDict[tuple[str, str], bytes], keep: int
) -> Iterator[Article | Rejected | InputWaits]:
    for row in rows:
        if row is None:  # the next partition is still being parsed: store what is read
            yield INPUT_WAITS
            continue
        item = decode_item(row["kind"], row["record"])
        if isinstance(item, Article):
            _remember(docs, (item.doc_id, item.content_hash), row["doc"], keep)
        yield item


def _remember(docs: OrderedDict[Any, bytes], key: Any, data: bytes, keep: int) -> None:
    docs[key] = data
    docs.move_to_end(key)
    while len(docs) > keep:
        docs.popitem(last=False)
