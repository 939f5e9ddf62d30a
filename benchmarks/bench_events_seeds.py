"""Run the NLP stages on the seed articles and score their events against the gold.

Usage: python benchmarks/bench_events_seeds.py [--shared ../shared] [--json] [--show DOC]
       python benchmarks/bench_events_seeds.py --sample   (the bundled sample corpus instead)

Reads ../shared/corpus/seeds, cleans each article as `watchfloor ingest` does,
runs the same analyser ingest runs (spaCy, actors, dates, quantities, events),
and scores the events with the project's scorer. Prints the eval table and the
time the analysis took. `--show DOC` (a doc_id prefix, or "all") also lists
that document's events: matched pairs, predictions the gold lacks ("extra")
and gold events nothing matched ("missed").
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from watchfloor import evaluate
from watchfloor.demo import sample_corpus
from watchfloor.evaluate.events import match_events
from watchfloor.ingest.clean import clean_document
from watchfloor.ingest.read import read_documents
from watchfloor.nlp.analyse import ArticleAnalyser
from watchfloor.records import Article
from watchfloor.settings import Settings
from watchfloor.store.rows import event_to_gold

Event = Mapping[str, Any]


def load_articles(seeds: Path, settings: Settings) -> list[Article]:
    articles = []
    for raw in read_documents([seeds], settings):
        cleaned = raw if not hasattr(raw, "html") else clean_document(raw, settings)
        if isinstance(cleaned, Article):
            articles.append(cleaned)
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    default_shared = Path(__file__).resolve().parents[2] / "shared"
    parser.add_argument("--shared", type=Path, default=default_shared)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show", default=None, help="a doc_id prefix, or 'all'")
    parser.add_argument("--sample", action="store_true", help="score the bundled sample corpus")
    args = parser.parse_args()
    settings = Settings()
    corpus, gold_path = args.shared / "corpus" / "seeds", args.shared / "gold" / "seeds.jsonl"
    if args.sample:
        corpus = sample_corpus()
        gold_path = corpus.parent / "gold.jsonl"
    articles = load_articles(corpus, settings)
    gold = evaluate.load_gold(gold_path)
    analyser = ArticleAnalyser(settings)
    analyser.nlp  # noqa: B018 - load the model before the clock starts
    started = time.perf_counter()
    predicted = {}
    for analysis in analyser.analyse(articles):
        events = tuple(event_to_gold(e) for e in analysis.events)
        predicted[analysis.doc_id] = evaluate.PredictedDocument(analysis.doc_id, events, ())
    elapsed = time.perf_counter() - started
    report = evaluate.score(gold, predicted)
    if args.json:
        print(json.dumps(report["events"], indent=2))
    else:
        # Only events are scored here; the actor and copy sections need a store.
        print(evaluate.format_report(report).split("\nActors:")[0].rstrip())
    print(f"{len(articles)} articles analysed in {elapsed:.2f} s")
    if args.show:
        for document in gold:
            doc_id = str(document["doc_id"])
            if args.show == "all" or doc_id.startswith(args.show):
                found = predicted.get(doc_id)
                _show(doc_id, document["events"], found.events if found else ())


def _show(doc_id: str, gold: Sequence[Event], predicted: Sequence[Event]) -> None:
    matches = match_events(gold, predicted)
    matched_gold = {id(m.gold) for m in matches}
    matched_predicted = {id(m.predicted) for m in matches}
    print(f"\n== {doc_id}")
    for match in matches:
        print(f"  ok     {_line(match.predicted)}")
        print(f"         gold: {_line(match.gold)}")
    for event in predicted:
        if id(event) not in matched_predicted:
            print(f"  extra  {_line(event)}")
    for event in gold:
        if id(event) not in matched_gold:
            print(f"  missed {_line(event)}")


def _line(event: Event) -> str:
    quantity = event.get("quantity") or {}
    return (
        f"{event['type']}/{event.get('mode')} {event['actor']}->{event['recipient']} "
        f"{event['status']} {event.get('date')} q={quantity.get('value')} "
        f"{str(event['evidence'])[:120]!r}"
    )


if __name__ == "__main__":
    main()
