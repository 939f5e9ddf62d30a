"""Story clustering (`dedup/cluster.py`) on ECB+ topics 1-22: B-cubed at topic and subtopic level.

Run: python benchmarks/bench_stories_ecbplus.py [--orders N]

Each ECB+ topic holds two different real events of the same kind (subtopics
`ecb` and `ecbplus`); the gold story of a document is (topic, subtopic). The
documents carry no publication dates and no actors from our pipeline, so the
StoryMember features are derived here with the spaCy model: named entities
stand for actors (people by surname, other names lower-cased), DATE entities
with a four-digit year give the mentioned dates, and the content terms of the
lead come from `story_terms`. No event types are used. The clusterer is
incremental, so the result depends on arrival order: it runs over N shuffled
orders and prints each and the mean.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Hashable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from watchfloor.dedup.cluster import StoryClusterer, StoryMember, story_terms
from watchfloor.nlp.model import load_model
from watchfloor.records import PartialDate
from watchfloor.settings import Settings
from watchfloor.store import SQLiteStore

DOCS = Path(__file__).resolve().parents[2] / "shared/data/ecbplus-dev/docs.jsonl"
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "PRODUCT", "WORK_OF_ART"}
MONTHS = {date(2000, number, 1).strftime("%B").lower(): number for number in range(1, 13)}
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def actor_key(text: str, label: str) -> str:
    name = re.sub(r"^the\s+", "", text.strip().lower())
    name = re.sub(r"['’]s$", "", name).strip(" '`\"")
    if label == "PERSON" and name:
        return name.split()[-1]
    return name


def mentioned_date(text: str) -> PartialDate | None:
    year = _YEAR.search(text)
    if year is None:
        return None
    words = re.findall(r"[a-z]+", text.lower())
    month = next((MONTHS[word] for word in words if word in MONTHS), None)
    return PartialDate(int(year.group()), month)


def story_member(record: Mapping[str, Any], doc: Any) -> StoryMember:
    actors = {actor_key(e.text, e.label_) for e in doc.ents if e.label_ in ACTOR_LABELS}
    dates = {mentioned_date(e.text) for e in doc.ents if e.label_ == "DATE"}
    return StoryMember(
        doc_id=record["doc_id"],
        published=None,
        title="",
        actors=frozenset(actors - {""}),
        event_types=frozenset(),
        terms=story_terms("", record["text"]),
        dates=frozenset(mentioned for mentioned in dates if mentioned is not None),
    )


def bcubed(
    predicted: Mapping[str, str], gold: Mapping[str, Hashable]
) -> tuple[float, float, float]:
    predicted_groups: dict[str, set[str]] = {}
    gold_groups: dict[Hashable, set[str]] = {}
    for doc_id in predicted:
        predicted_groups.setdefault(predicted[doc_id], set()).add(doc_id)
        gold_groups.setdefault(gold[doc_id], set()).add(doc_id)
    precision = recall = 0.0
    for doc_id in predicted:
        mine, right = predicted_groups[predicted[doc_id]], gold_groups[gold[doc_id]]
        shared = len(mine & right)
        precision += shared / len(mine)
        recall += shared / len(right)
    precision, recall = precision / len(predicted), recall / len(predicted)
    return precision, recall, 2 * precision * recall / (precision + recall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=5, help="shuffled arrival orders to run")
    args = parser.parse_args()
    if not DOCS.is_file():
        sys.exit(f"missing {DOCS}")
    records = [json.loads(line) for line in DOCS.read_text(encoding="utf-8").splitlines()]
    nlp = load_model()
    started = time.perf_counter()
    members = [
        story_member(r, doc)
        for r, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True)
    ]
    print(f"{len(members)} documents, features from spaCy in {time.perf_counter() - started:.1f} s")
    topic = {r["doc_id"]: r["topic"] for r in records}
    subtopic = {r["doc_id"]: (r["topic"], r["subtopic"]) for r in records}
    totals = [0.0] * 6
    for order in range(args.orders):
        shuffled = members[:]
        random.Random(order).shuffle(shuffled)
        clusterer = StoryClusterer(Settings(), SQLiteStore(":memory:"))  # a fresh story index
        started = time.perf_counter()
        predicted = {member.doc_id: clusterer.add(member) for member in shuffled}
        elapsed_ms = (time.perf_counter() - started) * 1000 / len(shuffled)
        figures = (*bcubed(predicted, topic), *bcubed(predicted, subtopic))
        totals = [total + figure for total, figure in zip(totals, figures, strict=True)]
        print(
            f"order {order}: {len(clusterer)} stories, {elapsed_ms:.2f} ms/article | topic "
            f"P {figures[0]:.3f} R {figures[1]:.3f} F1 {figures[2]:.3f} | subtopic "
            f"P {figures[3]:.3f} R {figures[4]:.3f} F1 {figures[5]:.3f}"
        )
    mean = [total / args.orders for total in totals]
    print(
        f"mean of {args.orders} orders | topic P {mean[0]:.3f} R {mean[1]:.3f} F1 {mean[2]:.3f} | "
        f"subtopic P {mean[3]:.3f} R {mean[4]:.3f} F1 {mean[5]:.3f}"
    )


if __name__ == "__main__":
    main()
