"""Latency of the listings over a large store, built through the store's own write path.

Run: python benchmarks/bench_queries.py [--events N] [--backend sqlite|postgres|both]
         [--db FILE] [--repeat R]

The store is synthetic_store.py's (N event reports, default 1,000,000: N/2 articles
of made-up news, each reporting two events, and N/2 fused events, skewed actors
A00..A59), written with `write_article`, `write_analysis` and
`replace_canonical_events` as an ingest and fusion write it. On SQLite it is built
once per set of the generator's parameters and cached in the temporary folder
(`synthetic_store.cached_sqlite_store`), shared with bench_api.py; --db names
another file instead (built when missing).

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
timed on PostgreSQL too, on a server started by the tests' own fixture code
(tests/postgres_server.py, Debian's server binaries) with its data in a folder of
the temporary folder keyed as the SQLite cache, which is kept, so the next run
reuses the store (remove the folder to build it again). The same lines are printed
under a heading per backend; the peak memory is this process's, the server's own is
not in it.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import resource
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from postgres_server import find_pg_ctl, run_postgres_server  # noqa: E402
from synthetic_store import ACTORS, SEARCHED, build_store, cached_sqlite_store, cached_store_path
from watchfloor import query
from watchfloor.export import write_events, write_parquet
from watchfloor.store import EventFilter, Store, open_store

# The benchmark server's settings: the default shared_buffers (128 MB) would hold a
# tenth of a million-event store, and the default WAL size checkpoints every few
# seconds while it is built.
SERVER_OPTIONS = "-c shared_buffers=512MB -c max_wal_size=4GB"


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


def built(store: Store, events: int) -> Store:
    """`store`, once synthetic_store.py's store of `events` reports is written into it."""
    started = time.perf_counter()
    build_store(store, events)
    print(f"built {events:,} event reports in {time.perf_counter() - started:.0f} s")
    return store


def bench_store(store: Store, repeat: int) -> None:
    """Print the export and query figures of `store`."""
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
    if args.db:
        store = open_store(args.db) if args.db.exists() else built(open_store(args.db), args.events)
    else:
        store = open_store(cached_sqlite_store(args.events))
    with contextlib.closing(store):
        bench_store(store, args.repeat)


def bench_postgres(args: argparse.Namespace) -> None:
    """On a server whose data folder is kept, keyed as the SQLite cache, with the store."""
    pg_ctl = find_pg_ctl()
    if pg_ctl is None:
        print("no PostgreSQL server binaries (pg_ctl) found; run make install")
        return
    folder = cached_store_path(args.events).with_suffix(".pg")
    complete = folder / "complete"  # written once the store is built
    with run_postgres_server(pg_ctl, kept=folder, options=SERVER_OPTIONS) as server:
        if complete.exists():
            print(f"reusing the store cached in the server folder {folder}")
            store = open_store(server.url("bench"))
        else:
            server.drop_database("bench")
            store = built(open_store(server.create_database("bench")), args.events)
            complete.touch()
        with contextlib.closing(store):
            bench_store(store, args.repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="event reports to store")
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
