"""Cost of one more ingest as the store grows: fusion, stories, dedup and memory per new article.

    python benchmarks/bench_growth.py [--sizes 1000,10000] [--new 200] [--db FILE]

Grows one store to each size in turn, then ingests `--new` fresh articles into it in a
separate process (so that its peak memory is that of the one ingest) and prints, per new
article, the CPU time of the whole ingest, fusion, story clustering and the dedup stage
(CPU, not wall time: on a shared machine the wall time mostly measures the other
processes), with the peak resident memory of that process. The goal (issue 10): flat
cost per new article and memory < 1.2x from the smallest to the largest size.

The articles are synthetic but go through the real pipeline (`Pipeline.ingest`: read
JSON Lines, clean, dedup with MinHash LSH and sentence alignment, stories, the store's
write path, fusion); only spaCy is replaced, by `PlannedAnalyser`, which returns for
each article the mentions, dates and events planned for it. Articles come 20 a day;
every ten form a topic with shared rare words, two shared events (same type, actor and
recipient, dated four times in five) and one date expression; every seventh article is
a near copy of the one three before it, so that copy links, copy groups and reference
dates are exercised. The same article number always gives the same article.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Any

from watchfloor import pipeline
from watchfloor.dedup import stage
from watchfloor.records import (
    EVENT_TYPES,
    Actor,
    Analysis,
    Article,
    Event,
    Mention,
    PartialDate,
    Sentence,
    TimeExpression,
)
from watchfloor.settings import Settings
from watchfloor.store import Store, open_store

TYPES = EVENT_TYPES
ACTORS = [f"A{n:03d}" for n in range(300)]
# Skewed, as in news (the busiest actor is in about a tenth of the events), but not so
# much that any two stories share their actors.
ACTOR_WEIGHTS = list(accumulate(1 / (rank + 10) for rank in range(len(ACTORS))))
WORDS = ["".join("bcdfghjklmnprstvz"[int(d)] for d in f"{rank:05d}") for rank in range(20_000)]
# Filler words: Zipf-distributed, without the 1,000 most frequent, which real text mostly
# loses as stopwords or which say little about a story.
FILLER = WORDS[1000:]
FILLER_WEIGHTS = list(accumulate(1 / (rank + 1001) for rank in range(len(FILLER))))
PER_DAY = 20  # articles published per day
PER_TOPIC = 10  # articles per topic (story)
FIRST_DAY = date(2015, 1, 1)


def topic_of(number: int) -> int:
    return number // PER_TOPIC


def published_of(number: int) -> date:
    return FIRST_DAY + timedelta(days=number // PER_DAY)


def topic_words(topic: int) -> list[str]:
    """Rare words that the articles of one topic share."""
    return random.Random(topic).sample(WORDS[2_000:], 25)


def planned_events(number: int, doc_id: str, text: str) -> list[Event]:
    """The two events article `number` reports: those of its topic, reworded per article."""
    topic = topic_of(number)
    events = []
    for seq in range(2):
        draw = random.Random(topic * 2 + seq)
        actor, recipient = draw.choices(ACTORS, cum_weights=ACTOR_WEIGHTS, k=2)
        when = published_of(topic * PER_TOPIC) - timedelta(days=1)
        dated = draw.random() < 0.8
        words = topic_words(topic)[seq * 10 : seq * 10 + 10]
        own = random.Random(number * 7 + seq).sample(words, 8)
        evidence = f"{actor} {' '.join(own)} {recipient}"
        start = text.find(evidence)
        events.append(
            Event(
                doc_id=doc_id,
                type=draw.choice(TYPES),
                actor=(actor,),
                recipient=(recipient,) if recipient != actor else (),
                status="asserted",
                evidence=evidence,
                evidence_start=max(start, 0),
                evidence_end=max(start, 0) + len(evidence),
                date=PartialDate(when.year, when.month, when.day) if dated else None,
            )
        )
    return events


def origin_of(number: int) -> int:
    """The article that `number` copies (itself when it is no copy)."""
    while number % 7 == 6 and number >= 3:
        number -= 3
    return number


def make_article(number: int) -> dict[str, Any]:
    """Article `number` as a JSON Lines record; a seventh of them copy an earlier one."""
    if origin_of(number) != number:
        record = make_article(origin_of(number))
        words = record["text"].split()
        words[5] = "changed"
        return {**record, "doc_id": f"g{number:07d}", "text": " ".join(words)}
    rng = random.Random(number)
    topic = topic_of(number)
    shared = topic_words(topic)
    lead = rng.sample(shared, 15) + rng.choices(FILLER, cum_weights=FILLER_WEIGHTS, k=25)
    events = planned_events(number, "", "")
    sentences = [e.evidence for e in events]
    sentences += [" ".join(rng.choices(FILLER, cum_weights=FILLER_WEIGHTS, k=15)) for _ in range(8)]
    rng.shuffle(sentences)
    published = published_of(number)
    text = f"{' '.join(lead)}. " + ". ".join(sentences) + f". It happened on {published:%d %B %Y}."
    return {
        "doc_id": f"g{number:07d}",
        "title": " ".join(rng.sample(shared, 4) + rng.choices(FILLER[:500], k=2)),
        "text": text,
        "published": published.isoformat() if number % 10 else None,
    }


def write_articles(path: Path, numbers: Iterable[int]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for number in numbers:
            out.write(json.dumps(make_article(number)) + "\n")


class PlannedAnalyser:
    """Stands in for spaCy: each article's mentions, dates and events, as planned."""

    def load(self, store: Store) -> None:
        return None

    def analyse(self, articles: Sequence[Article]) -> Iterator[Analysis]:
        for article in articles:
            number = origin_of(int(article.doc_id[1:]))
            events = planned_events(number, article.doc_id, article.text)
            parties = sorted({p for e in events for p in (*e.actor, *e.recipient)})
            mentions = tuple(
                Mention(article.doc_id, i, i + 3, party, "GPE", 0, actor_id=party)
                for i, party in enumerate(parties)
            )
            actors = tuple(Actor(party, party, "country") for party in parties)
            dated = [e.date for e in events if e.date is not None]
            times = tuple(
                TimeExpression(0, 10, value.iso(), "date", value, value.iso()) for value in dated
            )
            yield Analysis(
                article.doc_id,
                sentences=(Sentence(0, len(article.text)),),
                mentions=mentions,
                actors=actors,
                time_expressions=times,
                events=tuple(events),
            )


def _timed(totals: dict[str, float], name: str, run: Callable[..., Any]) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return run(*args, **kwargs)
        finally:
            totals[name] = totals.get(name, 0.0) + time.process_time() - started

    return timed


def peak_mib() -> float:
    """This process's peak resident memory since it started its program.

    `ru_maxrss` also counts the process it was forked from, as it was at the fork
    (Linux keeps the larger of the two across exec), so a parent holding much
    memory would show as the child's peak; /proc's VmHWM is the program's own.
    """
    try:
        status = Path("/proc/self/status").read_text(encoding="utf-8")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def ingest(db: Path, source: Path, settings: Settings) -> dict[str, float]:
    """One ingest of `source` into `db`; CPU seconds spent per stage, and the peak memory."""
    totals: dict[str, float] = {}
    store = open_store(db)
    dedup = stage.DedupStage(settings)
    stories = stage.StoryStage(settings)
    dedup.load = _timed(totals, "dedup", dedup.load)  # type: ignore[method-assign]
    dedup.run = _timed(totals, "dedup", dedup.run)  # type: ignore[method-assign]
    stories.load = _timed(totals, "stories", stories.load)  # type: ignore[method-assign]
    stories.run = _timed(totals, "stories", stories.run)  # type: ignore[method-assign]
    fuse = [name for name in ("fuse_pending", "fuse_store") if hasattr(pipeline, name)][0]
    setattr(pipeline, fuse, _timed(totals, "fusion", getattr(pipeline, fuse)))
    runner = pipeline.Pipeline(store, settings, PlannedAnalyser(), dedup, stories)
    started = time.process_time()
    report = runner.ingest([source])
    totals["ingest"] = time.process_time() - started
    totals["stored"] = report.stored
    totals["peak_mib"] = peak_mib()
    store.close()
    return totals


def grow(db: Path, start: int, stop: int, folder: Path, chunk: int) -> None:
    """Ingest articles start..stop-1 in runs of `chunk`, each in its own process."""
    for first in range(start, stop, chunk):
        source = folder / f"grow-{first}.jsonl"
        write_articles(source, range(first, min(first + chunk, stop)))
        command = [sys.executable, __file__, "--ingest", str(db), str(source)]
        subprocess.run(command, check=True, capture_output=True)
        source.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="store sizes, comma-separated")
    parser.add_argument("--new", type=int, default=200, help="articles in the measured ingest")
    parser.add_argument("--chunk", type=int, default=2000, help="articles per growing ingest")
    parser.add_argument("--db", type=Path, help="store file (grown from what it holds)")
    parser.add_argument("--ingest", nargs=2, metavar=("DB", "JSONL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.ingest:
        totals = ingest(Path(args.ingest[0]), Path(args.ingest[1]), Settings())
        print(json.dumps(totals))
        return
    folder = Path(tempfile.mkdtemp(prefix="bench-growth-"))
    db = args.db or folder / "growth.db"
    sizes = [int(size) for size in args.sizes.split(",")]
    print(f"{'stored':>8}{'CPU ms/article: ingest':>23}{'fusion':>8}{'stories':>9}"
          f"{'dedup':>7}{'peak MiB':>10}")  # fmt: skip
    held, peaks = 0, []
    for size in sizes:
        store = open_store(db)
        held = store.count_current_articles()
        store.close()
        grow(db, held, size, folder, args.chunk)
        # The measured articles are the next ones in time; the copy of the store is dropped.
        source = folder / "new.jsonl"
        write_articles(source, range(size, size + args.new))
        copy = folder / "measured.db"
        shutil.copyfile(db, copy)  # streamed: this process stays small
        out = subprocess.run(
            [sys.executable, __file__, "--ingest", str(copy), str(source)],
            check=True,
            capture_output=True,
            text=True,
        )
        copy.unlink()
        totals = json.loads(out.stdout.strip().splitlines()[-1])
        per = 1000 / max(totals["stored"], 1)
        peaks.append(totals["peak_mib"])
        print(
            f"{size:>8,}{totals['ingest'] * per:>23.2f}{totals.get('fusion', 0) * per:>8.2f}"
            f"{totals.get('stories', 0) * per:>9.2f}{totals.get('dedup', 0) * per:>7.2f}"
            f"{totals['peak_mib']:>10.0f}",
            flush=True,
        )
    print(f"peak memory, largest / smallest size: {peaks[-1] / peaks[0]:.2f}x")


if __name__ == "__main__":
    main()
