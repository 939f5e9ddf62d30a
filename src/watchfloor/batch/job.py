"""The PySpark half of the batch job: read, clean and parse every row, per partition.

Needs: pyspark (the `spark` extra) and Java; INPUT is a JSON Lines file or a
folder of them, or Parquet (a file or folder ending in .parquet, or a folder
of .parquet files) whose columns are the fields of a JSONL row.
Gives: `run_batch`, which writes OUT/parsed/ (Parquet, one file per
partition, rows in input order) and returns how many rows it wrote.

Each row is read by the same code as a JSONL row in `ingest` (source
`INPUT:LINE`, counting rows across the input), cleaned by `clean_document`
and parsed by the pipeline `nlp/model.py` builds, once per Python worker.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from watchfloor.batch.rows import encode_item
from watchfloor.errors import ConfigError, InputError
from watchfloor.ingest._problems import problem_from_exception
from watchfloor.ingest.clean import clean_document
from watchfloor.ingest.read import path_text
from watchfloor.ingest.tabular import read_json_lines
from watchfloor.records import Article, RawDocument, Rejected
from watchfloor.settings import Settings

PARSED_TABLE = "parsed"
_pipelines: dict[tuple[str, str | None], Any] = {}


def run_batch(
    source: str, out: Path, settings: Settings, master: str | None, partitions: int | None
) -> int:
    """Parse every row of `source` with Spark into OUT/parsed/; returns the rows written."""
    if "://" not in source and not Path(source).exists():
        raise InputError(f"{source}: no such file or folder")
    spark = _start_spark(master)
    try:
        # zipWithIndex numbers the rows partition after partition, so each partition, and
        # each Parquet file written from it, holds one run of consecutive input rows.
        lines = _read_lines(spark, source, partitions)
        label, stem = path_text(Path(source)), Path(source).stem
        parsed = lines.mapPartitions(lambda rows: parse_partition(rows, label, stem, settings))
        frame = spark.createDataFrame(parsed, schema=_schema()).sortWithinPartitions("order")
        frame.write.mode("overwrite").parquet(str(out / PARSED_TABLE))
        return int(spark.read.parquet(str(out / PARSED_TABLE)).count())
    finally:
        spark.stop()


def parse_partition(
    rows: Iterable[tuple[str, int]], label: str, stem: str, settings: Settings
) -> Iterator[tuple[int, str, str, bytes | None]]:
    """(order, kind, record, Doc bytes) for each (line, position) of one partition."""
    items: list[tuple[int, Article | Rejected]] = []
    for line, position in rows:
        for raw in read_json_lines([(position + 1, line)], label, stem):
            items.append((position, _cleaned(raw, settings)))
    articles = [item for _, item in items if isinstance(item, Article)]
    docs = iter(_parsed(articles, settings))
    for position, item in items:
        data = next(docs) if isinstance(item, Article) else None
        if isinstance(data, Rejected):
            item, data = data, None
        kind, record = encode_item(item)
        yield position, kind, record, data


def _cleaned(raw: RawDocument | Rejected, settings: Settings) -> Article | Rejected:
    if isinstance(raw, Rejected):
        return raw
    try:
        return clean_document(raw, settings)
    except Exception as exc:  # as in ingest: a bug costs this document only
        return problem_from_exception(exc, "clean").rejected(raw.doc_id, raw.source)


def _parsed(articles: list[Article], settings: Settings) -> list[bytes | Rejected]:
    """Each article's Doc as bytes; when the partition's parse fails, each is parsed alone."""
    nlp = _pipeline(settings)
    texts = [article.text[: settings.nlp_max_chars] for article in articles]
    try:
        return [doc.to_bytes() for doc in nlp.pipe(texts, batch_size=settings.nlp_batch_size)]
    except Exception:
        parsed: list[bytes | Rejected] = []
        for article, text in zip(articles, texts, strict=True):
            try:
                parsed.append(nlp(text).to_bytes())
            except Exception as exc:
                failed = problem_from_exception(exc, "analyse")
                parsed.append(failed.rejected(article.doc_id, article.source))
        return parsed


def _pipeline(settings: Settings) -> Any:
    """The watchfloor spaCy pipeline, built once per Python worker."""
    key = (settings.spacy_model, settings.actors_file)
    if key not in _pipelines:
        from watchfloor.nlp.model import build_pipeline
        from watchfloor.resolve.knowledge import load_knowledge

        _pipelines[key] = build_pipeline(settings, load_knowledge(settings.actors_file))
    return _pipelines[key]


def _start_spark(master: str | None) -> Any:
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise ConfigError(
            "watchfloor batch needs PySpark: pip install 'watchfloor[spark]'"
        ) from None
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers run this interpreter
    builder = (
        SparkSession.builder.appName("watchfloor batch")
        .config("spark.ui.showConsoleProgress", "false")
        # No web UI to start, and a Python worker (with its spaCy pipeline, the
        # slowest part to start) kept for every later task rather than forked anew.
        .config("spark.ui.enabled", "false")
        .config("spark.python.worker.reuse", "true")
    )
    if master:
        builder = builder.master(master)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _read_lines(spark: Any, source: str, partitions: int | None) -> Any:
    """(JSON text, position) for every input row, positions counting from 0 in input order.

    `partitions` is the least number of partitions of a JSONL input; Spark splits Parquet.
    """
    path = Path(source)
    if _is_parquet(path):
        import json

        rows = spark.read.parquet(source).rdd
        lines = rows.map(lambda row: json.dumps(row.asDict(), default=str))
    else:
        lines = spark.sparkContext.textFile(source, minPartitions=partitions)
    return lines.zipWithIndex()


def _is_parquet(path: Path) -> bool:
    if path.suffix == ".parquet":
        return True
    return path.is_dir() and any(path.glob("*.parquet"))


def _schema() -> Any:
    from pyspark.sql.types import BinaryType, LongType, StringType, StructField, StructType

    return StructType(
        [
            StructField("order", LongType(), False),
            StructField("kind", StringType(), False),
            StructField("record", StringType(), False),
            StructField("doc", BinaryType(), True),
        ]
    )
