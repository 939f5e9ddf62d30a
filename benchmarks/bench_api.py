"""Latency of the HTTP API's timeline and events endpoints on a large store, over loopback.

Run: python benchmarks/bench_api.py [--events N] [--db FILE] [--repeat R]

Builds (or reuses) synthetic_store.py's store of N event reports (default 1,000,000:
N/2 articles, N/2 fused events, skewed actors A00..A59), written through the
store's own write path and cached in the temporary folder per set of the
generator's parameters, shared with bench_queries.py (--db names another file,
built when missing). Then starts the real server (`watchfloor serve`, in
a subprocess on a free loopback port) and prints p50 and p95 over R requests
(through one keep-alive connection) of:
  GET /api/timeline?actor=X                      first page (100) of a frequent actor
  GET /api/timeline?actor=X&recipient=Y          first page of a dyad
  GET /api/timeline?actor=X&offset=2000          page 21 of a frequent actor
  GET /api/events?limit=100                      first page, no filter
  GET /api/events?actor=X&type=T&since=2022      filtered
  GET /api/events?conflicts=true                 events whose sources disagree
  GET /api/dyads?actor=X&recipient=Y             monthly summary of a dyad
  GET /timeline?actor=X&recipient=Y              the HTML timeline page of a dyad
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from bench_queries import percentiles
from synthetic_store import ACTORS, TYPES, build_store, cached_sqlite_store
from watchfloor.records import EVENT_TYPES
from watchfloor.store import open_store


def stored_at(path: Path, events: int) -> None:
    """Build the store at `path` unless it is there."""
    if not path.exists():
        store = open_store(path)
        build_store(store, events)
        store.close()


def start_server(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-c", "from watchfloor.cli import app; app()", "serve"]
    server = subprocess.Popen([*command, "--db", str(db), "--port", str(port)])
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(url + "/openapi.json", timeout=2).status_code == 200:
                return server, url
        except httpx.TransportError:
            time.sleep(0.1)
    server.terminate()
    raise RuntimeError(f"the server on {url} did not answer")


def cycle(values: list[str]) -> Iterator[str]:
    while True:
        yield from values


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="event reports to store")
    parser.add_argument("--db", type=Path, help="store file; built when missing")
    parser.add_argument("--repeat", type=int, default=50, help="requests per case")
    args = parser.parse_args()
    if args.db:
        stored_at(args.db, args.events)
    path = args.db or cached_sqlite_store(args.events)
    store = open_store(path, create=False)
    events, fused = store.count("events"), store.count("canonical_events")
    print(f"store {path}: {events:,} events, {fused:,} fused, {store.size_bytes() / 2**20:.0f} MiB")
    store.close()
    server, url = start_server(path)
    frequent, others = cycle(ACTORS[:5]), cycle(ACTORS[1:6])
    types = cycle([t for t in TYPES if t in EVENT_TYPES])
    cases = [
        ("timeline actor, page 1", lambda: f"/api/timeline?actor={next(frequent)}"),
        ("timeline dyad, page 1", lambda: f"/api/timeline?actor=A00&recipient={next(others)}"),
        ("timeline actor, page 21", lambda: f"/api/timeline?actor={next(frequent)}&offset=2000"),
        ("events, page 1", lambda: "/api/events?limit=100"),
        (
            "events actor+type+since",
            lambda: f"/api/events?actor={next(frequent)}&type={next(types)}&since=2022",
        ),
        ("events conflicts, page 1", lambda: "/api/events?conflicts=true"),
        ("dyad summary by month", lambda: f"/api/dyads?actor=A00&recipient={next(others)}"),
        ("timeline page (HTML)", lambda: f"/timeline?actor={next(others)}&recipient=A00"),
    ]
    try:
        with httpx.Client(base_url=url, timeout=120) as client:
            print(f"{'request':<30}{'p50 ms':>10}{'p95 ms':>10}{'bytes':>10}")
            for label, target in cases:
                seconds, size = [], 0
                for _ in range(args.repeat):
                    started = time.perf_counter()
                    response = client.get(target())
                    seconds.append(time.perf_counter() - started)
                    response.raise_for_status()
                    size = len(response.content)
                p50, p95 = percentiles(seconds)
                print(f"{label:<30}{p50:>10.1f}{p95:>10.1f}{size:>10}")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
