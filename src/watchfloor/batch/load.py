"""The second half of the batch job: its parsed table, in input order, into a store.

Needs: OUT/parsed/ as `job.run_batch` wrote it (pyarrow reads it; Spark is
not needed here) and a store (any `Store`: SQLite, or PostgreSQL).
Gives: `load_batch`, the `IngestReport` of running the articles through the
same pipeline as `ingest` (unchanged articles skipped, copies linked, actors
resolved in order, events, stories, fusion), each Doc taken from the table.
At most a few batches of Docs are held in memory at once.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from watchfloor.batch.job import PARSED_TABLE
from watchfloor.batch.rows import decode_item
from watchfloor.errors import ConfigError, InputError
from watchfloor.nlp.analyse import ArticleAnalyser
from watchfloor.pipeline import IngestReport, Progress, build_pipeline
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

        for article in articles:
            data = self.docs[(article.doc_id, article.content_hash)]
            yield self.analyse_doc(article, Doc(self.nlp.vocab).from_bytes(data))


def load_batch(
    folder: Path, store: Store, settings: Settings, progress: Progress | None = None
) -> IngestReport:
    """Store what `watchfloor batch` wrote to `folder`, as `ingest` would have stored it."""
    files = table_files(folder)
    docs: OrderedDict[tuple[str, str], bytes] = OrderedDict()
    pipeline = build_pipeline(store, settings)
    pipeline.analyser = ParsedAnalyser(settings, docs)
    # An article is analysed within the batch it was read in: keep two batches' Docs.
    items = _read_items(files, docs, keep=2 * settings.batch_size + 1)
    return pipeline.ingest_items(items, progress)


def count_rows(folder: Path) -> int:
    """Rows in the batch job's table (articles and rejections)."""
    pq = _parquet()
    return sum(pq.ParquetFile(path).metadata.num_rows for path in table_files(folder))


def table_files(folder: Path) -> list[Path]:
    """The table's Parquet files, in input order (each holds one run of consecutive rows)."""
    pq = _parquet()
    table = folder / PARSED_TABLE
    if not (table / "_SUCCESS").is_file():
        raise InputError(f"{folder}: no finished batch output here (run: watchfloor batch)")
    firsts = []
    for path in sorted(table.glob("*.parquet")):
        orders = pq.read_table(path, columns=["order"]).column("order")
        if len(orders):
            firsts.append((orders[0].as_py(), path))
    return [path for _, path in sorted(firsts)]


def _read_items(
    files: list[Path], docs: OrderedDict[tuple[str, str], bytes], keep: int
) -> Iterator[Article | Rejected]:
    pq = _parquet()
    last = -1
    for path in files:
        for chunk in pq.ParquetFile(path).iter_batches(batch_size=256):
            for row in chunk.to_pylist():
                if row["order"] <= last:
                    raise InputError(f"{path}: rows out of input order at {row['order']}")
                last = row["order"]
                item = decode_item(row["kind"], row["record"])
                if isinstance(item, Article):
                    _remember(docs, (item.doc_id, item.content_hash), row["doc"], keep)
                yield item


def _parquet() -> Any:
    try:
        import pyarrow.parquet
    except ImportError:
        needed = "watchfloor load needs pyarrow: pip install 'watchfloor[spark]'"
        raise ConfigError(needed) from None
    return pyarrow.parquet


def _remember(docs: OrderedDict[Any, bytes], key: Any, data: bytes, keep: int) -> None:
    docs[key] = data
    docs.move_to_end(key)
    while len(docs) > keep:
        docs.popitem(last=False)
