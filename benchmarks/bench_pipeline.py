"""Throughput of the whole pipeline against the bare spaCy pipeline on the same texts.

    python benchmarks/bench_pipeline.py [--articles N]

Texts: the ECB+ development documents when ../shared is present, else the bundled
sample corpus repeated. Both runs happen in this process, one after the other, so
the ratio is what to compare (the machine's absolute speed varies). Times are CPU
seconds of this process (`time.process_time`), not wall time, since the machine is
shared; each figure is the best of two runs, the three runs taking turns. The full run
is `watchfloor ingest` into a new SQLite file: read, clean, dedup, spaCy with the
actor ruler, mentions, resolution, dates, quantities, events, quotes, stories,
fusion and the writes, once with the rule event detector and once with the
learned detector combined with it (`event_detector = "combined"`), whose cost
over the rule pipeline is printed as a percentage. Ingest runs in one process
here (`processes = 1`); benchmarks/bench_cores.py measures worker processes.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

import spacy

from watchfloor.demo import sample_corpus
from watchfloor.ingest.clean import clean_document
from watchfloor.ingest.read import read_documents
from watchfloor.pipeline import build_pipeline
from watchfloor.records import Article
from watchfloor.settings import Settings
from watchfloor.store import open_store

SHARED = Path(__file__).resolve().parents[2] / "shared"


def load_texts(count: int) -> list[dict[str, str]]:
    ecb = SHARED / "data" / "ecbplus-dev" / "docs.jsonl"
    if ecb.is_file():
        rows = [json.loads(line) for line in ecb.open(encoding="utf-8")]
        texts = [{"doc_id": r["doc_id"], "text": r["text"]} for r in rows]
    else:
        settings = Settings()
        texts = []
        for raw in read_documents([sample_corpus()], settings):
            article = clean_document(raw, settings) if not hasattr(raw, "reason") else raw
            if isinstance(article, Article):
                texts.append({"doc_id": article.doc_id, "text": article.text})
    copies = [
        {"doc_id": f"{t['doc_id']}-{n}", "text": t["text"]}
        for n in range(count // len(texts) + 1)
        for t in texts
    ]
    return copies[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    texts = load_texts(args.articles)
    words = sum(len(t["text"].split()) for t in texts)
    settings = Settings()
    nlp = spacy.load(settings.spacy_model)
    _parse(nlp, texts[:10], settings)
    for detector in ("rules", "combined"):  # warm up: caches, the gazetteer, the weights
        _ingest(texts[:10], detector)
    # Best of two, the sides taking turns, so that a change in the machine's load
    # between one side's runs and the other's does not make the ratio.
    bare = full = learned = float("inf")
    for _ in range(2):
        bare = min(bare, _parse(nlp, texts, settings))
        seconds, report = _ingest(texts, "rules")
        full = min(full, seconds)
        learned = min(learned, _ingest(texts, "combined")[0])
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {len(texts)} ({words} words); {report.summary()}")
    print(f"bare spaCy:     {len(texts) / bare:7.2f} articles/s ({bare:.1f} s)")
    print(f"full pipeline:  {len(texts) / full:7.2f} articles/s ({full:.1f} s), rule detector")
    print(f"full + learned: {len(texts) / learned:7.2f} articles/s ({learned:.1f} s), combined")
    print(f"ratio full/bare CPU time: {full / bare:.2f}; peak RSS {peak_mb:.0f} MB")
    print(f"learned detector's cost: {100 * (learned / full - 1):+.1f}% over the rule pipeline")


def _parse(nlp: Any, texts: list[dict[str, str]], settings: Settings) -> float:
    """CPU seconds the bare spaCy pipeline takes on the texts."""
    started = time.process_time()
    for _ in nlp.pipe((t["text"] for t in texts), batch_size=settings.nlp_batch_size):
        pass
    return time.process_time() - started


def _ingest(texts: list[dict[str, str]], detector: str) -> tuple[float, Any]:
    """CPU seconds `watchfloor ingest` takes on the texts into a new SQLite file, and its report."""
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        corpus.write_text("".join(json.dumps(t) + "\n" for t in texts), encoding="utf-8")
        settings = Settings(
            db=str(Path(folder) / "bench.db"), event_detector=detector, processes=1
        )  # one process, as bare spaCy runs; bench_cores.py compares two with one
        store = open_store(settings.db)
        started = time.process_time()
        report = build_pipeline(store, settings).ingest([corpus])
        return time.process_time() - started, report


if __name__ == "__main__":
    main()
