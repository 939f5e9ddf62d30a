"""Latency of the listings over a large store, built through the store's own write path.

Run: python benchmarks/bench_queries.py [--events N] [--backend sqlite|postgres|both]
         [--db FILE] [--repeat R]

Builds (or reuses, with --db naming an existing file) a synthetic store of N
event reports (default 100,000; --events 1000000 for issue 10's figure): N/2
articles of made-up news, each reporting two events, and N/2 fused events, each
reported by two neighbouring articles. Actors are drawn with a skewed
distribution, so the most frequent one (A00) is in about a fifth of all events,
as the busiest country is in real news; the 60 actors are stored as actors, as an
ingest stores the ones it resolves. One event in ten is undated (placed by
its articles' publication date), one fused event in ten has a conflict.

Everything is written with `write_article`, `write_analysis` and
`replace_canonical_events`, as an ingest writes it; fusion itself is not run
(its cost is measured elsewhere), the fused events are known by construction.

First times one streamed export of every coded report as JSON Lines (`--format gold`)
and one of every fused event as Parquet, with the process's peak resident memory
before and after them; then prints p50 and p95 over R runs of:
  events --actor X --limit 100   `query.list_events(actor=X, limit=100)`
  timeline --actor X, page 1     the first 100 events of `query.iter_events`
  timeline --actor RARE, all     every event of an actor in about 0.4% of events
  conflicts, page 1              the first 100 events of `query.iter_conflicts`
  search                         `store.search(word, limit=20)`
and the process's peak resident memory at the end.

With `--backend postgres` (or `both`, the default) the same store is built and
timed on PostgreSQL too: a throwaway server started in a temporary folder by the
tests' own fixture code (tests/postgres_server.py, Debian's server binaries), and
removed afterwards. The same lines are printed under a heading per backend; the
peak memory is this process's, the server's own is not in it.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import resource
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from itertools import accumulate, islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from postgres_server import find_pg_ctl, run_postgres_server  # noqa: E402
from watchfloor import query
from watchfloor.export import write_events, write_parquet
from watchfloor.records import (
    Actor,
    Analysis,
    Article,
    CanonicalEvent,
    Disagreement,
    Event,
    PartialDate,
)
from watchfloor.store import EventFilter, Placement, Store, open_store
from watchfloor.store.rows import event_id

TYPES = ("AID", "CONSULT", "COOPERATE", "DEMAND", "THREATEN", "PROTEST", "REJECT", "ASSAULT")
ACTORS = [f"A{n:02d}" for n in range(60)]
# Weights 1/(rank+1): A00 takes about a fifth of the draws, A59 about 0.4%.
WEIGHTS = [1 / (rank + 1) for rank in range(len(ACTORS))]
# A made-up vocabulary with Zipf frequencies, as words in news are distributed.
WORDS = [f"w{rank}" for rank in range(20_000)]
WORD_WEIGHTS = list(accumulate(1 / (rank + 1) for rank in range(len(WORDS))))
# Searched words: from common (in about half the articles) to rare (in a few hundred).
SEARCHED = ["w30", "w100", "w300", "w1000", "w3000"]
BATCH = 2_000  # articles per write transaction


def make_event(rng: random.Random, doc_id: str, seed: int) -> tuple[Event, str | None]:
    """One report of fused event `seed`; the same seed gives the same event."""
    draw = random.Random(seed)
    actor, recipient = draw.choices(ACTORS, WEIGHTS, k=2)
    date = None
    if draw.random() > 0.1:
        date = PartialDate(2020 + draw.randrange(5), 1 + draw.randrange(12), 1 + draw.randrange(28))
    evidence = " ".join(rng.choices(WORDS, cum_weights=WORD_WEIGHTS, k=12))
    event = Event(
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
    return event, date.iso() if date else None


def build_store(store: Store, events: int, rng: random.Random) -> None:
    """Write `events` reports in events/2 articles, and their fused events."""
    count = max(events // 2, 2)
    published_by: dict[int, list[str]] = {}
    members: dict[int, list[str]] = {}
    docs: dict[int, list[str]] = {}
    with store.transaction():  # as an ingest stores the actors it resolves
        store.write_actors(Actor(actor, f"Actor {actor}", "country") for actor in ACTORS)
    for start in range(0, count, BATCH):
        with store.transaction():
            for number in range(start, min(start + BATCH, count)):
                doc_id = f"doc{number:07d}"
                published = PartialDate(
                    2020 + number * 5 // count, 1 + number % 12, 1 + number % 28
                )
                reports = []
                for seq, seed in enumerate((number, (number + 1) % count)):
                    event, _ = make_event(rng, doc_id, seed)
                    reports.append(event)
                    members.setdefault(seed, []).append(event_id(event, seq))
                    docs.setdefault(seed, []).append(doc_id)
                    published_by.setdefault(seed, []).append(published.iso())
                text = (
                    " ".join(e.evidence for e in reports)
                    + " "
                    + " ".join(rng.choices(WORDS, cum_weights=WORD_WEIGHTS, k=300))
                )
                store.write_article(Article(doc_id, f"Report {number}", text, published,
                                            source="bench", content_hash=doc_id))  # fmt: skip
                store.write_analysis(Analysis(doc_id, events=tuple(reports)))
    fused, placements = [], {}
    for seed in range(count):
        event, date = make_event(rng, "", seed)
        disagreements = ()
        if seed % 10 == 0:
            disagreements = (
                Disagreement("quantity", (("5", (docs[seed][0],)), ("6", (docs[seed][-1],)))),
            )
        canonical_id = f"c{seed:07d}"
        fused.append(CanonicalEvent(
            canonical_id, event.type, event.actor, event.recipient, "asserted",
            tuple(members[seed]), tuple(docs[seed]), 2, date=event.date,
            disagreements=disagreements,
        ))  # fmt: skip
        placements[canonical_id] = (
            Placement(date, "date") if date else Placement(min(published_by[seed]), "published")
        )
    with store.transaction():
        store.replace_canonical_events(fused, placements)


def events_page(store: Store, actor: str) -> int:
    return len(query.list_events(store, actor=actor, limit=100))


def timeline_page(store: Store, actor: str) -> int:
    return sum(1 for _ in islice(query.iter_events(store, EventFilter(actor=actor)), 100))


def timeline_all(store: Store, actor: str) -> int:
    return sum(1 for _ in query.iter_events(store, EventFilter(actor=actor)))


def conflicts_page(store: Store, actor: str) -> int:
    return sum(1 for _ in islice(query.iter_conflicts(store), 100))


def search(store: Store, word: str) -> int:
    return len(store.search(word, limit=20))


def export(store: Store) -> int:
    return write_events(query.exported_events(store), "gold", _Null())


def export_parquet(store: Store, path: Path) -> int:
    return write_parquet(query.iter_events(store), path)


class _Null(io.TextIOBase):
    """A stream that counts nothing and keeps nothing."""

    def write(self, text: str) -> int:
        return len(text)


def timed(run: Callable[[], int], repeat: int) -> tuple[list[float], int]:
    seconds, found = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        found = run()
        seconds.append(time.perf_counter() - started)
    return seconds, found


def percentiles(seconds: list[float]) -> tuple[float, float]:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def cycle(values: list[str]) -> Iterator[str]:
    while True:
        yield from values


def bench_store(store: Store, fresh: bool, events: int, repeat: int) -> None:
    """Build the store when `fresh`, then print its export and query figures."""
    if fresh:
        started = time.perf_counter()
        build_store(store, events, random.Random(7))
        print(f"built {events:,} event reports in {time.perf_counter() - started:.1f} s")
    mib = store.size_bytes() / 2**20
    counted, fused = store.count("events"), store.count("canonical_events")
    print(f"store {store.path}: {counted:,} events, {fused:,} fused, {mib:.0f} MiB")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    seconds, found = timed(lambda: export(store), 1)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rate = found / seconds[0]
    print(f"export --format gold (streamed): {seconds[0]:.1f} s, {found:,} events, {rate:,.0f}/s")
    print(f"peak resident memory before the export {peak:.0f} MiB, after it {after:.0f} MiB")
    scratch = tempfile.TemporaryDirectory()
    parquet = Path(scratch.name) / "export.parquet"
    seconds, found = timed(lambda: export_parquet(store, parquet), 1)
    later = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rate = found / seconds[0]
    print(
        f"export --format parquet (fused, streamed): {seconds[0]:.1f} s, {found:,} events, "
        f"{rate:,.0f}/s, {parquet.stat().st_size / 2**20:.0f} MiB file"
    )
    print(f"peak resident memory after the Parquet export {later:.0f} MiB")
    scratch.cleanup()
    frequent = cycle(ACTORS[:5])
    words = cycle(SEARCHED)
    cases: list[tuple[str, Callable[[], int]]] = [
        ("events --actor X --limit 100", lambda: events_page(store, next(frequent))),
        ("timeline --actor X, page 1", lambda: timeline_page(store, next(frequent))),
        ("timeline --actor RARE, all", lambda: timeline_all(store, ACTORS[-1])),
        ("conflicts, page 1", lambda: conflicts_page(store, "")),
        ("search", lambda: search(store, next(words))),
    ]
    print(f"{'query':<32}{'p50 ms':>10}{'p95 ms':>10}{'rows':>8}")
    for label, run in cases:
        seconds, found = timed(run, repeat)
        p50, p95 = percentiles(seconds)
        print(f"{label:<32}{p50:>10.1f}{p95:>10.1f}{found:>8}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:.0f} MiB")
    sys.stdout.flush()


def bench_sqlite(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or Path(folder) / "bench.db"
        fresh = not path.exists()
        store = open_store(path)
        bench_store(store, fresh, args.events, args.repeat)
        store.close()


def bench_postgres(args: argparse.Namespace) -> None:
    pg_ctl = find_pg_ctl()
    if pg_ctl is None:
        print("no PostgreSQL server binaries (pg_ctl) found; run make install")
        return
    with run_postgres_server(pg_ctl) as server:
        store = open_store(server.create_database("bench"))
        with contextlib.closing(store):
            bench_store(store, True, args.events, args.repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000, help="event reports to store")
    parser.add_argument(
        "--backend", choices=("sqlite", "postgres", "both"), default="both", help="stores to time"
    )
    parser.add_argument("--db", type=Path, help="SQLite store file; built when missing")
    parser.add_argument("--repeat", type=int, default=20, help="runs of each query")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    # A stopped run still stops its PostgreSQL server and removes its folders.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.backend in ("sqlite", "both"):
        print("== sqlite")
        bench_sqlite(args)
    if args.backend in ("postgres", "both"):
        print("== postgres")
        bench_postgres(args)


if __name__ == "__main__":
    main()
