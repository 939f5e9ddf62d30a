"""The PySpark batch job on local[2] (batch, then load) against `ingest` in one process.

    python benchmarks/bench_spark.py [--articles N]

Same articles as bench_cores.py (ECB+ development documents when ../shared is
present: 462 distinct texts; else the bundled sample repeated), as one JSONL
file. Times, by the wall clock: `ingest` with `processes = 1`; `watchfloor
batch` on local[2] (Spark's start included, as a user meets it), split into the
Spark session's start and the job; `watchfloor load` of its output. The ratio
is ingest / (batch + load): the issue asks for at least 1.7.

`load` runs every stage after the parse (dedup, actors, events, stories,
fusion, the writes) in one process, in input order: on 2 cores the batch can
at best halve the parse. So the CPU seconds of `ingest` and of `load` (both in
this process) are printed too, with the ratio an idle machine would allow
with no Spark overhead at all: ingest CPU / (load CPU + (ingest CPU - load CPU) / 2),
taking the parse as what `ingest` spends beyond what `load` spends.

The batch time includes fixed costs that do not grow with the input: the JVM
and Spark session start, and one pipeline build (knowledge base, spaCy model)
in each Python worker. On a few dozen articles they dominate; use hundreds.

The machine may be shared: figures from one run are noisy; run it twice.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from bench_cores import ingest_times, load_texts
from watchfloor.batch import job
from watchfloor.batch.load import load_batch
from watchfloor.settings import Settings
from watchfloor.store import open_store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    args = parser.parse_args()
    texts = load_texts(args.articles)
    ingest_times(texts[:4], 1)  # warm up: model, caches
    one, ingest_cpu, _, report = ingest_times(texts, 1)
    with tempfile.TemporaryDirectory() as folder:
        rows = Path(folder) / "rows.jsonl"
        rows.write_text("".join(json.dumps(t) + "\n" for t in texts), encoding="utf-8")
        started = time.perf_counter()
        job._start_spark("local[2]")  # the session run_batch gets (getOrCreate)
        session = time.perf_counter() - started
        job.run_batch(str(rows), Path(folder) / "out", Settings(), "local[2]", partitions=2)
        batch = time.perf_counter() - started
        settings = Settings(db=str(Path(folder) / "load.db"))
        started, cpu = time.perf_counter(), time.process_time()
        loaded = load_batch(Path(folder) / "out", open_store(settings.db), settings)
        load, load_cpu = time.perf_counter() - started, time.process_time() - cpu
    if loaded.as_dict() != report.as_dict():
        raise SystemExit("batch + load stored something else than ingest: " + loaded.summary())
    bound = ingest_cpu / (load_cpu + max(ingest_cpu - load_cpu, 0) / 2)
    print(f"articles: {len(texts)}; {report.summary()}")
    print(f"ingest, 1 process: {one:.1f} s wall, {ingest_cpu:.1f} s CPU")
    print(
        f"batch on local[2]: {batch:.1f} s wall ({session:.1f} s of it starting Spark); "
        f"load: {load:.1f} s wall, {load_cpu:.1f} s CPU"
    )
    print(f"ratio ingest / (batch + load): {one / (batch + load):.2f}")
    print(f"ratio an idle 2-core machine would allow with no Spark overhead: {bound:.2f}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (a shared machine: noisy)")


if __name__ == "__main__":
    main()
