"""The batch job and its load at once: the store fills while Spark still parses.

Needs: what `job.run_batch` and `load.load_batch` need. Gives: `batch_and_load`
(`watchfloor batch --load`), the rows the job wrote and the load's `IngestReport`:
the same store as `run_batch` then `load_batch`, so the same as `ingest`.

The Spark job runs in a thread of this process (its work is done by the JVM and
its Python workers); this thread loads each partition's file as soon as it is
written, in input order, so the part of the work that must run in order in one
process (actors, events, stories, the writes) overlaps the parse instead of
following it. When the job fails, the load stops at the first partition it
lacks, with the job's error in one line; what it committed stays (each batch is
one transaction) and a rerun skips it as unchanged. When the load fails, the
job is cancelled.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from watchfloor.batch.job import (
    check_source,
    failure_reason,
    is_local,
    parse_into_table,
    start_spark,
)
from watchfloor.batch.load import load_batch
from watchfloor.batch.table import clear_table
from watchfloor.errors import InputError
from watchfloor.pipeline import IngestReport, Progress
from watchfloor.settings import Settings
from watchfloor.store import Store

WORKER_NICENESS = 10


def batch_and_load(
    source: str,
    out: Path,
    store: Store,
    settings: Settings,
    master: str | None,
    partitions: int | None,
    progress: Progress | None = None,
) -> tuple[int, IngestReport]:
    """Parse `source` with Spark into OUT/parsed/ and load each partition as it is written."""
    check_source(source)
    clear_table(out)  # so that nothing an earlier run wrote is loaded as this run's
    spark = start_spark_beside_load(master, settings)
    written: list[int] = []
    failed: list[BaseException] = []

    def run_job() -> None:
        try:
            written.append(parse_into_table(spark, source, out, settings, partitions))
        except BaseException as exc:  # reported by the load (OUT/parsed/_FAILED) and below
            failed.append(exc)

    job = threading.Thread(target=run_job, name="watchfloor-batch-job", daemon=True)
    job.start()
    try:
        report = load_batch(out, store, settings, progress, running=job.is_alive)
    except BaseException:
        spark.sparkContext.cancelAllJobs()
        raise
    finally:
        job.join()
        spark.stop()
    if failed:  # every partition was loaded, but the job failed after them
        raise InputError(f"{out}: the batch job stopped: {failure_reason(failed[0])}")
    return written[0], report


def start_spark_beside_load(master: str | None, settings: Settings) -> Any:
    """The job's Spark session; on a local master, its workers yield to the load.

    They share this machine with the load, which runs in order in one process and
    so bounds the run once the parse is ahead: it goes first when it has work
    (`WORKER_NICENESS`), and the parse takes what is left.
    """
    niceness = WORKER_NICENESS if is_local(master) else 0
    return start_spark(master, settings, worker_niceness=niceness)
