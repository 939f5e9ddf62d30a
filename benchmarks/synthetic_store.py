"""A synthetic store of made-up news for the query and API benchmarks, and its cache.

`build_store(store, events)` writes `events` event reports in events/2 articles,
each reporting two events, and events/2 fused events, each reported by two
neighbouring articles (event s by article s and article s-1, the first by the
first and the last). Actors are drawn with a skewed distribution, so the most
frequent one (A00) is in about a fifth of all events, as the busiest country is in
real news; the 60 actors are stored as actors, as an ingest stores the ones it
resolves. One event in ten is undated (placed by its articles' earliest
publication date), one fused event in ten has a conflict. Article text is words
of a made-up vocabulary with Zipf frequencies, 300 of them plus the two reports'
evidence.

Everything goes through the store's own write path: `write_actors`, then
`write_articles` and `write_analyses` for each `BATCH` articles in one transaction,
as an ingest writes a batch, then one `replace_canonical_events` with
every fused event, as fusion of a whole store writes it. Fusion itself is not run
(its cost is measured by bench_growth.py): each fused event is known by
construction, and is computed again from its number when it is written, so
nothing grows in memory with the store and the work is linear in its size.

`cached_sqlite_store(events)` builds a SQLite file once per set of the
generator's parameters (events, seed, GENERATOR_VERSION, schema version) in the
temporary folder and gives its path on later calls, so that bench_queries.py and
bench_api.py share one million-event store.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from collections.abc import Iterator, Mapping
from itertools import accumulate
from pathlib import Path

import numpy as np

from watchfloor.records import (
    Actor,
    Analysis,
    Article,
    CanonicalEvent,
    Disagreement,
    Event,
    PartialDate,
)
from watchfloor.store import Placement, Store, open_store
from watchfloor.store.rows import event_id
from watchfloor.store.sqlite import SCHEMA_VERSION

# Bump when what build_store writes changes, so an old cached file is not reused.
GENERATOR_VERSION = 2
TYPES = ("AID", "CONSULT", "COOPERATE", "DEMAND", "THREATEN", "PROTEST", "REJECT", "ASSAULT")
ACTORS = [f"A{n:02d}" for n in range(60)]
# Weights 1/(rank+1): A00 takes about a fifth of the draws, A59 about 0.4%.
WEIGHTS = [1 / (rank + 1) for rank in range(len(ACTORS))]
# A made-up vocabulary with Zipf frequencies, as words in news are distributed.
WORDS = [f"w{rank}" for rank in range(20_000)]
WORD_WEIGHTS = list(accumulate(1 / (rank + 1) for rank in range(len(WORDS))))
WORD_PROBABILITIES = np.array([1 / (rank + 1) for rank in range(len(WORDS))])
WORD_PROBABILITIES /= WORD_PROBABILITIES.sum()
# Searched words: from common (in about half the articles) to rare (in a few hundred).
SEARCHED = ["w30", "w100", "w300", "w1000", "w3000"]
TEXT_WORDS = 300  # words of an article besides its reports' evidence
BATCH = 5_000  # articles per write transaction


def doc_name(number: int) -> str:
    return f"doc{number:07d}"


def published_on(number: int, count: int) -> PartialDate:
    """The publication date of article `number` of `count`: five years in order."""
    return PartialDate(2020 + number * 5 // count, 1 + number % 12, 1 + number % 28)


def make_event(doc_id: str, seed: int) -> Event:
    """The report of fused event `seed` in `doc_id`; the same seed gives the same event."""
    draw = random.Random(seed)
    actor, recipient = draw.choices(ACTORS, WEIGHTS, k=2)
    date = None
    if draw.random() > 0.1:
        date = PartialDate(2020 + draw.randrange(5), 1 + draw.randrange(12), 1 + draw.randrange(28))
    evidence = " ".join(draw.choices(WORDS, cum_weights=WORD_WEIGHTS, k=12))
    return Event(
        doc_id=doc_id,
        type=draw.choice(TYPES),
        actor=(actor,),
        recipient=(recipient,) if recipient != actor else (),
        status="asserted",
        evidence=evidence,
        evidence_start=0,
        evidence_end=len(evidence),
        date=date,
    )


def reporters(seed: int, count: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """(article number, position in it) of the two reports of fused event `seed`."""
    return (seed, 0), ((seed - 1) % count, 1)


def build_store(store: Store, events: int, seed: int = 7) -> None:
    """Write `events` reports in events/2 articles, and their fused events."""
    count = max(events // 2, 2)
    texts = np.random.default_rng(seed)
    with store.transaction():  # as an ingest stores the actors it resolves
        store.write_actors(Actor(actor, f"Actor {actor}", "country") for actor in ACTORS)
    for start in range(0, count, BATCH):
        numbers = range(start, min(start + BATCH, count))
        drawn = texts.choice(len(WORDS), size=(len(numbers), TEXT_WORDS), p=WORD_PROBABILITIES)
        articles, analyses = [], []
        for number, words in zip(numbers, drawn.tolist(), strict=True):
            doc_id = doc_name(number)
            reports = tuple(make_event(doc_id, s) for s in (number, (number + 1) % count))
            text = " ".join([*(e.evidence for e in reports), *(WORDS[word] for word in words)])
            articles.append(Article(doc_id, f"Report {number}", text, published_on(number, count),
                                    source="bench", content_hash=doc_id))  # fmt: skip
            analyses.append(Analysis(doc_id, events=reports))
        with store.transaction():  # as an ingest writes a batch
            store.write_articles(articles)
            store.write_analyses(analyses)
    with store.transaction():
        store.replace_canonical_events(fused_events(count), Placements(count))


def fused_events(count: int) -> Iterator[CanonicalEvent]:
    """The fused event of each of the `count` seeds, computed again from its reports."""
    for seed in range(count):
        places = reporters(seed, count)
        reports = [make_event(doc_name(number), seed) for number, _ in places]
        docs = tuple(report.doc_id for report in reports)
        disagreements = ()
        if seed % 10 == 0:
            disagreements = (Disagreement("quantity", (("5", docs[:1]), ("6", docs[1:]))),)
        first = reports[0]
        yield CanonicalEvent(
            f"c{seed:07d}", first.type, first.actor, first.recipient, "asserted",
            tuple(event_id(r, position) for r, (_, position) in zip(reports, places, strict=True)),
            docs, 2, date=first.date, disagreements=disagreements,
        )  # fmt: skip


class Placements(Mapping[str, Placement]):
    """Where fused event "cNNNNNNN" sits: its date, else its reports' earliest publication."""

    def __init__(self, count: int) -> None:
        self.count = count

    def __getitem__(self, canonical_id: str) -> Placement:
        seed = int(canonical_id[1:])
        date = make_event("", seed).date
        if date is not None:
            return Placement(date.iso(), "date")
        published = min(published_on(n, self.count).iso() for n, _ in reporters(seed, self.count))
        return Placement(published, "published")

    def __iter__(self) -> Iterator[str]:
        return (f"c{seed:07d}" for seed in range(self.count))

    def __len__(self) -> int:
        return self.count


def cached_store_path(events: int, seed: int = 7, folder: Path | None = None) -> Path:
    """Where the SQLite store of these generator parameters is cached."""
    folder = folder or Path(tempfile.gettempdir())
    key = f"g{GENERATOR_VERSION}-s{SCHEMA_VERSION}-{events}-seed{seed}"
    return folder / f"watchfloor-bench-store-{key}.db"


def cached_sqlite_store(events: int, seed: int = 7, folder: Path | None = None) -> Path:
    """The path of a built SQLite store of `events` reports; built when not cached yet.

    It is built under another name and renamed when complete, so a build that was
    stopped is never taken for a store.
    """
    path = cached_store_path(events, seed, folder)
    if path.exists():
        print(f"reusing the store cached as {path}")
        return path
    partial = path.with_name(path.name + ".part")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    store = open_store(partial)
    started = time.perf_counter()
    build_store(store, events, seed)
    store.close()
    os.replace(partial, path)
    print(f"built {events:,} event reports in {time.perf_counter() - started:.0f} s: {path}")
    return path
