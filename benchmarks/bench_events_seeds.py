"""Run the NLP stack on the seed articles and score the events against the gold.

Usage: python benchmarks/bench_events_seeds.py [--shared ../shared] [--json] [--show DOC]

Reads ../shared/corpus/seeds, cleans each article as `watchfloor ingest` does,
annotates it (spaCy with the actor ruler), finds mentions, resolves them,
finds time expressions, quantities and events, and scores the events with the
project's scorer (`watchfloor.evaluate`). Prints the eval table and the time
taken. `--show DOC` also lists that document's predicted and gold events.

Until nlp/entities.py and the resolver land, mentions come from a stand-in
built here on the knowledge base (named entities and dictionary matches, with
ids from the ruler or a unique name lookup); it is not part of the package.
"""

from __future__ import annotations

import argparse
import importlib
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from watchfloor import evaluate
from watchfloor.ingest.clean import clean_document
from watchfloor.ingest.read import read_documents
from watchfloor.nlp.dates import find_time_expressions
from watchfloor.nlp.events import find_events
from watchfloor.nlp.model import build_pipeline
from watchfloor.nlp.quantities import find_quantities
from watchfloor.records import Article, Mention
from watchfloor.resolve.knowledge import KnowledgeBase, load_knowledge
from watchfloor.settings import Settings
from watchfloor.store.rows import event_to_gold

_LABELS = {"GPE", "NORP", "ORG", "PERSON", "SEAT", "FAC", "LOC"}


def stand_in_mentions(doc: Any, kb: KnowledgeBase, doc_id: str) -> list[Mention]:
    """Mentions from entities and dictionary matches, resolved by the ruler id or a lookup."""
    found = []
    for index, sentence in enumerate(doc.sents):
        for ent in sentence.ents:
            if ent.label_ not in _LABELS:
                continue
            actor_id = ent.ent_id_ or _lookup(kb, ent.text, ent.label_)
            found.append(
                Mention(
                    doc_id,
                    ent.start_char,
                    ent.end_char,
                    ent.text,
                    ent.label_,
                    index,
                    None,
                    actor_id or None,
                )
            )
    return found


def _lookup(kb: KnowledgeBase, text: str, label: str) -> str | None:
    if label == "NORP":
        return kb.country_by_demonym(text)
    if label == "SEAT":
        return kb.country_by_seat(text)
    actors = kb.lookup(text)
    if len(actors) == 1:
        return actors[0].id
    if label == "PERSON":
        surname = text.split()[-1].lower()
        people = [
            a for a in kb.actors() if a.kind == "person" and surname in a.name.lower().split()
        ]
        return people[0].id if len(people) == 1 else None
    return None


def stand_in_party_of(kb: KnowledgeBase) -> Callable[[str], str | None]:
    def party_of(actor_id: str) -> str | None:
        actor = kb.get(actor_id)
        if actor is None:
            return None
        if actor.kind in ("country", "igo"):
            return actor.id
        return actor.country

    return party_of


def project_stages(kb: KnowledgeBase) -> Callable[[Any, Article], tuple[list[Mention], Any]] | None:
    """The project's mention finder and resolver, when they are installed."""
    try:
        entities = importlib.import_module("watchfloor.nlp.entities")
        registry_module = importlib.import_module("watchfloor.resolve.registry")
    except ImportError:
        return None
    registry = registry_module.ActorRegistry(kb)

    def run(doc: Any, article: Article) -> tuple[list[Mention], Any]:
        found = entities.find_mentions(doc, article.doc_id)
        resolution = registry.resolve(found, article.published)
        actors = {actor.id: actor for actor in resolution.actors}

        def party_of(actor_id: str) -> str | None:
            actor = actors.get(actor_id) or kb.get(actor_id)
            return registry_module.event_party(actor) if actor is not None else None

        return list(resolution.mentions), party_of

    return run


def load_articles(seeds: Path, settings: Settings) -> list[Article]:
    articles = []
    for raw in read_documents([seeds], settings):
        cleaned = raw if not hasattr(raw, "html") else clean_document(raw, settings)
        if isinstance(cleaned, Article):
            articles.append(cleaned)
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared"
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show", default=None)
    parser.add_argument("--stand-in", action="store_true", help="use the stand-in resolver")
    args = parser.parse_args()
    settings = Settings()
    kb = load_knowledge()
    nlp = build_pipeline(settings, kb)
    stand_in_party = stand_in_party_of(kb)
    stages = None if args.stand_in else project_stages(kb)
    articles = load_articles(args.shared / "corpus" / "seeds", settings)
    gold = evaluate.load_gold(args.shared / "gold" / "seeds.jsonl")
    started = time.perf_counter()
    predicted = {}
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        if stages is not None:
            mentions, party_of = stages(doc, article)
        else:
            mentions, party_of = stand_in_mentions(doc, kb, article.doc_id), stand_in_party
        times = find_time_expressions(doc, article.published)
        quantities = find_quantities(doc)
        events = find_events(article, doc, mentions, party_of, times, quantities, settings)
        predicted[article.doc_id] = evaluate.PredictedDocument(
            article.doc_id, tuple(event_to_gold(e) for e in events), ()
        )
        if args.show and article.doc_id.startswith(args.show):
            _show(events, gold, article.doc_id)
    elapsed = time.perf_counter() - started
    report = evaluate.score(gold, predicted)
    if args.json:
        print(json.dumps(report["events"], indent=2))
    else:
        print(evaluate.format_report(report))
    print(f"{len(articles)} articles in {elapsed:.2f} s (NLP after parsing included)")


def _show(events: list[Any], gold: list[dict[str, Any]], doc_id: str) -> None:
    print(f"== predicted {doc_id}")
    for e in events:
        print(
            f"  {e.type}/{e.mode} {list(e.actor)}->{list(e.recipient)} {e.status} {e.date} "
            f"[{e.trigger}] {e.evidence[:110]!r}"
        )
    print(f"== gold {doc_id}")
    for document in gold:
        if document["doc_id"] == doc_id:
            for e in document["events"]:
                print(
                    f"  {e['type']} {e['actor']}->{e['recipient']} {e['status']} {e['date']} "
                    f"{e['evidence'][:100]!r}"
                )


if __name__ == "__main__":
    main()
