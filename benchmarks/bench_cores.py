"""Start-up time, and ingest with spaCy in two processes against one, on the same input.

    python benchmarks/bench_cores.py [--articles N] [--processes P] [--startup-only]

Start-up: each figure is one fresh Python process timed from its first import
until the pipeline is ready to parse (knowledge base, spaCy model, actor
ruler); then a fresh `watchfloor ingest` process of one article into a new
file, from start to exit (imports, store, language detector, dedup, spaCy,
the first article's analysis, fusion; its CPU is the whole process's); then the
actor ruler on its own: spaCy's span ruler with the same
patterns (how it was built before), watchfloor's ruler with an empty cache
(tokenizes the phrases and writes the cache) and with the cache filled.

Cores: `ingest` of the same articles (the ECB+ development documents when
../shared is present, else the bundled sample repeated) into a new SQLite
file, with `processes = 1` and then `processes = P` (default 2), each timed
by the wall clock; the ratio is what to compare. Every run starts with a warm
model (a first small ingest), so the ratio is about the work per article.
Because a busy machine makes wall times say little, the CPU seconds are
printed too (the ingesting process's and the workers'), and from them the
wall ratio an idle machine would allow: the larger of the ingesting
process's CPU (everything after the parse runs there) and the total CPU
shared by the cores, over the one-process CPU.

The machine may be shared: figures from one run are noisy; run it twice.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

from bench_pipeline import load_texts  # the same texts as the one-process benchmark
from watchfloor.pipeline import build_pipeline
from watchfloor.settings import Settings
from watchfloor.store import open_store

READY = """
import time
started = time.perf_counter()
from watchfloor.nlp.analyse import ArticleAnalyser
from watchfloor.settings import Settings
ArticleAnalyser(Settings()).nlp
print(time.perf_counter() - started, time.process_time())
"""

RULER = """
import time
from watchfloor.nlp import model
from watchfloor.resolve.knowledge import load_knowledge
from watchfloor.settings import Settings
kb = load_knowledge(None)
nlp = model._load(Settings().spacy_model, exclude=model.UNUSED_COMPONENTS)
model.split_glued_brackets(nlp)
model.add_paragraph_breaks(nlp)
patterns = model.actor_patterns(kb)
started, cpu = time.perf_counter(), time.process_time()
if SPACY_RULER:
    ruler = nlp.add_pipe("span_ruler", config={"validate": False}, after="ner")
    with nlp.select_pipes(disable=[n for n in nlp.pipe_names if n != ruler.name]):
        ruler.add_patterns(patterns)
else:
    model.add_actor_ruler(nlp, patterns)
print(time.perf_counter() - started, time.process_time() - cpu)
"""


FIRST_ARTICLE = """
import sys
from watchfloor.cli import app
sys.argv = ["watchfloor", "ingest", sys.argv[1], "--db", sys.argv[2]]
app()
"""


def time_first_article(text: dict[str, str], folder: Path, cache: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of a fresh `watchfloor ingest` of one article into a new file."""
    source, db = folder / "first.jsonl", folder / f"first-{time.monotonic_ns()}.db"
    source.write_text(json.dumps(text) + "\n", encoding="utf-8")
    environ = {**os.environ, "WATCHFLOOR_CACHE_DIR": str(cache)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    command = [sys.executable, "-c", FIRST_ARTICLE, str(source), str(db)]
    subprocess.run(command, env=environ, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu


def time_child(code: str, cache: Path) -> tuple[float, float]:
    """(wall, CPU) seconds a fresh interpreter reports for `code`, with `cache` as cache folder."""
    environ = {**os.environ, "WATCHFLOOR_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=environ, capture_output=True, text=True, check=True
    )
    wall, cpu = done.stdout.strip().splitlines()[-1].split()
    return float(wall), float(cpu)


def ingest_seconds(texts: list[dict[str, str]], processes: int) -> tuple[float, Any]:
    """Wall seconds `ingest` takes on the texts into a new SQLite file, and its report."""
    wall, _, _, report = ingest_times(texts, processes)
    return wall, report


def ingest_times(texts: list[dict[str, str]], processes: int) -> tuple[float, float, float, Any]:
    """Wall, this process's CPU and the workers' CPU seconds of `ingest`, and its report."""
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        corpus.write_text("".join(json.dumps(t) + "\n" for t in texts), encoding="utf-8")
        settings = Settings(db=str(Path(folder) / "bench.db"), processes=processes)
        store = open_store(settings.db)
        started, cpu = time.perf_counter(), time.process_time()
        workers = resource.getrusage(resource.RUSAGE_CHILDREN)  # counted once they are joined
        report = build_pipeline(store, settings).ingest([corpus])
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        worker_cpu = after.ru_utime + after.ru_stime - workers.ru_utime - workers.ru_stime
        return wall, cpu, worker_cpu, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=64)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--startup-only", action="store_true", help="only the start-up figures")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as cache_folder:
        cache = Path(cache_folder)
        spacy_ruler = time_child(RULER.replace("SPACY_RULER", "True"), cache)
        cold = time_child(RULER.replace("SPACY_RULER", "False"), cache)
        warm = time_child(RULER.replace("SPACY_RULER", "False"), cache)
        ready = time_child(READY, cache)
        first_text = load_texts(1)[0]
        time_first_article(first_text, cache, cache)  # fills the language detector's cache
        first = time_first_article(first_text, cache, cache)
    print(
        "start-up, fresh process to pipeline ready (cache filled): "
        f"wall {ready[0]:.2f} s, CPU {ready[1]:.2f} s"
    )
    print(
        "start-up, fresh `watchfloor ingest` of one article, start to exit (cache filled): "
        f"wall {first[0]:.2f} s, CPU {first[1]:.2f} s"
    )
    for name, (wall, cpu) in [
        ("spaCy span_ruler (before)", spacy_ruler),
        ("watchfloor ruler, cache empty", cold),
        ("watchfloor ruler, cache filled", warm),
    ]:
        print(f"actor ruler, {name}: wall {wall:.2f} s, CPU {cpu:.2f} s")
    print(f"ratio ruler CPU filled / before: {warm[1] / spacy_ruler[1]:.2f}")
    if args.startup_only:
        return

    texts = load_texts(args.articles)
    words = sum(len(t["text"].split()) for t in texts)
    ingest_seconds(texts[:4], 1)  # warm up: model, caches
    one, one_cpu, _, report = ingest_times(texts, 1)
    many, main_cpu, worker_cpu, report_many = ingest_times(texts, args.processes)
    if report_many.as_dict() != report.as_dict():
        raise SystemExit("the runs stored different things: " + report_many.summary())
    print(f"articles: {len(texts)} ({words} words); {report.summary()}")
    print(f"ingest, 1 process:  {len(texts) / one:6.2f} articles/s ({one:.1f} s wall)")
    rate = len(texts) / many
    print(f"ingest, {args.processes} processes: {rate:6.2f} articles/s ({many:.1f} s wall)")
    print(f"ratio {args.processes} processes / 1 (wall): {many / one:.2f}")
    # On an idle machine the wall time is at least the ingesting process's own CPU
    # (everything after the parse runs there) and the total CPU shared by the cores.
    cores = min(args.processes, os.cpu_count() or 1)
    bound = max(main_cpu, (main_cpu + worker_cpu) / cores)
    print(
        f"CPU: 1 process {one_cpu:.1f} s; {args.processes} processes: ingesting process "
        f"{main_cpu:.1f} s + workers {worker_cpu:.1f} s (total / one: "
        f"{(main_cpu + worker_cpu) / one_cpu:.2f})"
    )
    allowed = bound / one_cpu
    print(f"wall ratio an idle {cores}-core machine allows, from these CPU times: {allowed:.2f}")
    print(f"cores: {os.cpu_count()}; load average at the end: {os.getloadavg()[0]:.1f}")
    print(textwrap.fill("(a shared machine makes these figures noisy: compare ratios)", 80))


if __name__ == "__main__":
    main()
