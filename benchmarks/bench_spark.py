"""The PySpark batch job on local[2] (batch, then load) against `ingest` in one process.

    python benchmarks/bench_spark.py [--articles N]

Same articles as bench_cores.py (ECB+ development documents when ../shared is
present, else the bundled sample repeated), as one JSONL file. Times, by the
wall clock: `ingest` with `processes = 1`; `watchfloor batch` on local[2]
(Spark's start included, as a user meets it); `watchfloor load` of its output.
The ratio is (batch + load) / ingest. Each run writes a new SQLite file.

The batch time includes fixed costs that do not grow with the input: the JVM
and Spark session start, and one pipeline build (knowledge base, spaCy model)
in each Python worker. On a few dozen articles they dominate; the ratio means
something only on inputs of thousands of articles.

The machine may be shared: figures from one run are noisy; run it twice.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from bench_cores import ingest_seconds, load_texts
from watchfloor.batch.job import run_batch
from watchfloor.batch.load import load_batch
from watchfloor.settings import Settings
from watchfloor.store import open_store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=64)
    args = parser.parse_args()
    texts = load_texts(args.articles)
    ingest_seconds(texts[:4], 1)  # warm up: model, caches
    one, report = ingest_seconds(texts, 1)
    with tempfile.TemporaryDirectory() as folder:
        rows = Path(folder) / "rows.jsonl"
        rows.write_text("".join(json.dumps(t) + "\n" for t in texts), encoding="utf-8")
        started = time.perf_counter()
        run_batch(str(rows), Path(folder) / "out", Settings(), "local[2]", partitions=2)
        batch = time.perf_counter() - started
        settings = Settings(db=str(Path(folder) / "load.db"))
        started = time.perf_counter()
        loaded = load_batch(Path(folder) / "out", open_store(settings.db), settings)
        load = time.perf_counter() - started
    if loaded.as_dict() != report.as_dict():
        raise SystemExit("batch + load stored something else than ingest: " + loaded.summary())
    print(f"articles: {len(texts)}; {report.summary()}")
    print(f"ingest, 1 process: {one:.1f} s wall")
    print(f"batch on local[2]: {batch:.1f} s wall; load: {load:.1f} s wall")
    print(f"ratio (batch + load) / ingest: {(batch + load) / one:.2f}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (a shared machine: noisy)")


if __name__ == "__main__":
    main()
