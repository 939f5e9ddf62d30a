"""The PySpark half of the batch job: read, clean and parse every row, per partition.

Needs: pyspark (the `spark` extra) and Java; INPUT is a JSON Lines file or a
folder of them, or Parquet (a file or folder ending in .parquet, or a folder
of .parquet files) whose columns are the fields of a JSONL row; OUT a folder
every executor can write at the same path.
Gives: `run_batch`, which writes OUT/parsed/ (`table.py`: one Parquet file per
partition, written as the partition finishes) and returns how many rows it
wrote; `parse_into_table`, the same on a session already started (`start_spark`).

Each row is read by the same code as a JSONL row in `ingest` (source
`INPUT:LINE`, counting rows across the input), cleaned by `clean_document`
and parsed by the pipeline `nlp/model.py` builds, once per executor: its
Python worker daemon builds it before it forks the workers (`daemon.py`).
"""

from __future__ import annotations

import json
import math
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from watchfloor.batch.daemon import NICENESS_ENV, PIPELINE_ENV
from watchfloor.batch.jvm import driver_java_options, make_class_archive
from watchfloor.batch.rows import encode_item
from watchfloor.batch.split import plan_ranges, range_lines
from watchfloor.batch.table import Row, fail_table, finish_table, start_table, write_partition
from watchfloor.errors import ConfigError, InputError
from watchfloor.ingest._problems import problem_from_exception
from watchfloor.ingest.clean import clean_document
from watchfloor.ingest.read import path_text
from watchfloor.ingest.tabular import read_json_lines
from watchfloor.nlp.doc_bytes import docs_to_bytes
from watchfloor.records import Article, RawDocument, Rejected
from watchfloor.settings import Settings

# A JSONL input is split into partitions of about this many bytes unless --partitions
# says otherwise: about a second of parsing each, so that a load following the job
# starts early and ends soon after the last partition (it has the last ones left to
# do when Spark is done). A task costs about 1 ms of worker CPU (`daemon.py`).
PARTITION_BYTES = 16 * 1024
_pipelines: dict[tuple[str, str | None], Any] = {}
_TRACEBACK = "Traceback (most recent call last):"


def run_batch(
    source: str, out: Path, settings: Settings, master: str | None, partitions: int | None
) -> int:
    """Parse every row of `source` with Spark into OUT/parsed/; returns the rows written."""
    check_source(source)
    spark = start_spark(master, settings)
    try:
        return parse_into_table(spark, source, out, settings, partitions)
    finally:
        spark.stop()


def check_source(source: str) -> None:
    if "://" not in source and not Path(source).exists():
        raise InputError(f"{source}: no such file or folder")


def parse_into_table(
    spark: Any, source: str, out: Path, settings: Settings, partitions: int | None
) -> int:
    """`run_batch` on a started session; when it fails, OUT/parsed/_FAILED says why."""
    try:
        # Rows are numbered partition after partition, so each partition, and the file
        # written from it, holds one run of consecutive input rows.
        lines = _read_lines(spark, source, partitions)
        start_table(out, lines.getNumPartitions())
        label, stem = path_text(Path(source)), Path(source).stem

        def write(index: int, rows: Iterable[tuple[str, int]]) -> list[int]:
            return [write_partition(out, index, parse_partition(rows, label, stem, settings))]

        written = sum(int(n) for n in lines.mapPartitionsWithIndex(write).collect())
        finish_table(out)
        return written
    except BaseException as exc:
        fail_table(out, failure_reason(exc))
        raise


def failure_reason(exc: BaseException) -> str:
    """One line for a failed job: the Python error a worker raised, when there is one.

    Spark passes a worker's error on inside its own, traceback and all: the error is
    the first line at the left margin after the last "Traceback" header.
    """
    text = str(exc)
    if _TRACEBACK in text:
        for line in text.rsplit(_TRACEBACK, 1)[1].splitlines():
            if line.strip() and not line[0].isspace():
                name, colon, message = line.strip().partition(":")
                return name.rsplit(".", 1)[-1] + colon + message  # without the module path
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


def parse_partition(
    rows: Iterable[tuple[str, int]], label: str, stem: str, settings: Settings
) -> Iterator[Row]:
    """(order, kind, record, Doc bytes) for each (line, position) of one partition, in order.

    Articles are parsed `batch_size` at a time, so a partition's Docs are never all in memory.
    """
    items: list[tuple[int, Article | Rejected]] = []
    for line, position in rows:
        for raw in read_json_lines([(position + 1, line)], label, stem):
            items.append((position, _cleaned(raw, settings)))
        if len(items) >= settings.batch_size:
            yield from _parsed_rows(items, settings)
            items = []
    yield from _parsed_rows(items, settings)


def _parsed_rows(items: list[tuple[int, Article | Rejected]], settings: Settings) -> Iterator[Row]:
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
        return list(docs_to_bytes(nlp.pipe(texts, batch_size=settings.nlp_batch_size)))
    except Exception:
        parsed: list[bytes | Rejected] = []
        for article, text in zip(articles, texts, strict=True):
            try:
                parsed.extend(docs_to_bytes([nlp(text)]))
            except Exception as exc:
                failed = problem_from_exception(exc, "analyse")
                parsed.append(failed.rejected(article.doc_id, article.source))
        return parsed


def _pipeline(settings: Settings) -> Any:
    """The watchfloor spaCy pipeline: built by the worker's daemon, else by the worker."""
    return prepare_pipeline(settings.spacy_model, settings.actors_file)


def prepare_pipeline(spacy_model: str, actors_file: str | None) -> Any:
    """The pipeline of this model and actor dictionary, built on the first call."""
    key = (spacy_model, actors_file)
    if key not in _pipelines:
        from watchfloor.nlp.model import build_pipeline
        from watchfloor.resolve.knowledge import load_knowledge

        settings = Settings(spacy_model=spacy_model, actors_file=actors_file)
        _pipelines[key] = build_pipeline(settings, load_knowledge(actors_file))
    return _pipelines[key]


def start_spark(
    master: str | None, settings: Settings | None = None, worker_niceness: int = 0
) -> Any:
    """The Spark session of the job: `master`, or spark-submit's when None.

    Given `settings`, each executor's Python worker daemon builds their pipeline
    before it forks the workers (`daemon.py`), so they share one build. A
    `worker_niceness` above 0 lowers the scheduling priority of the Python workers
    by that much (`os.nice`), so that a process sharing their machine (the load of
    `batch --load` on a local master) runs first when it has work.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise ConfigError(
            "watchfloor batch needs PySpark: pip install 'watchfloor[spark]'"
        ) from None
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers run this interpreter
    if "PYSPARK_GATEWAY_PORT" not in os.environ:  # not under spark-submit: a JVM to start
        make_class_archive()  # the first time only (`jvm.py`)
    builder = (
        SparkSession.builder.appName("watchfloor batch")
        .config("spark.ui.showConsoleProgress", "false")
        # No web UI to start, and a Python worker (with its spaCy pipeline, the
        # slowest part to start) kept for every later task rather than forked anew.
        .config("spark.ui.enabled", "false")
        .config("spark.python.worker.reuse", "true")
        # The JVM a local run starts does little (it hands text to the Python workers):
        # options that make it start with half the CPU (`jvm.py`). Ignored under
        # spark-submit, which starts the JVM itself.
        .config("spark.driver.extraJavaOptions", driver_java_options())
    )
    if settings is not None:
        pipeline = json.dumps([settings.spacy_model, settings.actors_file])
        builder = builder.config("spark.python.daemon.module", "watchfloor.batch.daemon")
        builder = builder.config(f"spark.executorEnv.{PIPELINE_ENV}", pipeline)
    if worker_niceness > 0:
        builder = builder.config(f"spark.executorEnv.{NICENESS_ENV}", str(worker_niceness))
    if master:
        builder = builder.master(master)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _read_lines(spark: Any, source: str, partitions: int | None) -> Any:
    """(JSON text, position) for every input row, positions counting from 0 in input order.

    `partitions` is the least number of partitions of a JSONL input (default: one per
    `PARTITION_BYTES` of a local input, at least 2); Spark splits Parquet. A JSONL
    file on a local master is cut by the driver into ranges of lines that each worker
    reads itself (`split.py`); anything else is read by Spark and numbered by
    `zipWithIndex`.
    """
    path = Path(source)
    if _is_parquet(path):
        rows = spark.read.parquet(source).rdd
        return rows.map(lambda row: json.dumps(row.asDict(), default=str)).zipWithIndex()
    wanted = partitions or _partitions_for(path)
    if path.is_file() and is_local(spark.sparkContext.master):
        where = path.resolve()
        ranges = plan_ranges(where, math.ceil(where.stat().st_size / (wanted or 2)))
        return spark.sparkContext.parallelize(ranges, len(ranges)).flatMap(
            lambda lines: range_lines(where, lines), preservesPartitioning=True
        )
    return spark.sparkContext.textFile(source, minPartitions=wanted).zipWithIndex()


def is_local(master: str | None) -> bool:
    """Whether a Spark master runs the job on this machine (`local`, `local[2]`, ...)."""
    return master is not None and master.startswith("local")


def _partitions_for(path: Path) -> int | None:
    if not path.exists():
        return None  # a URL (hdfs://...): Spark's own split
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    size = sum(file.stat().st_size for file in files)
    return max(2, math.ceil(size / PARTITION_BYTES))


def _is_parquet(path: Path) -> bool:
    if path.suffix == ".parquet":
        return True
    return path.is_dir() and any(path.glob("*.parquet"))
