"""Memory and CPU of the actor registry as stored actors grow: read whole, or looked up.

    python benchmarks/bench_actor_registry.py [--sizes 1000,10000,100000] [--documents 200]

For each size, a store holds that many actors learned from the news (people and
organisations with made-up names, each its own also phonetically), written through the
store's write path with their keys. Then a fresh process resolves `--documents`
documents, each naming two stored people (full name, then surname), one stored
organisation and one new person, in one of two ways:

  load    every stored actor read into the registry at the start,
          `ActorRegistry.load(store.read_actors())` (what `ingest` did before);
  lookup  the registry looks actors up in the store when a document names them,
          `ActorRegistry.read_from(store)` (what `ingest` does now).

Prints, per size and way, the process's peak resident memory (VmHWM) once the bundled
knowledge base is loaded and at the end, the CPU of the registry's start and the CPU per
document, and the share of named stored actors the documents resolved to. The goal
(issue 10): memory flat as the store grows.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from watchfloor.records import Actor, Mention, PartialDate
from watchfloor.resolve.knowledge import load_knowledge
from watchfloor.resolve.registry import ActorRegistry
from watchfloor.store import open_store

COUNTRIES = ["PER", "CHL", "BOL", "ECU", "COL", "ARG", "URY", "PRY"]
WRITTEN_PER_TRANSACTION = 5000


def made_up_word(number: int, letters: int = 3) -> str:
    """A capitalised word of its own for each number below 10**letters ("Tafukoju")."""
    digits = f"{number:0{letters}d}"
    return "".join("pktfjlmnrs"[int(d)] + "aeiou"[int(d) % 5] for d in digits).title()


def stored_actor(number: int) -> Actor:
    """Stored actor `number`: four in five are people (of a country), the others
    organisations (of none)."""
    country = COUNTRIES[number % len(COUNTRIES)]
    if number % 5 == 4:
        return Actor(f"org-{number}", f"{made_up_word(number, 6)} Institute", "org")
    # A given name shared by many, a family name by few (the same one by none).
    name = f"{made_up_word(number % 1000)}n {made_up_word(number * 7919 % 10**6, 6)}s"
    return Actor(f"person-{number}", name, "person", country)


def write_store(path: Path, size: int) -> None:
    """A store holding `size` learned actors and their keys."""
    store = open_store(path)
    registry = ActorRegistry(load_knowledge())
    for first in range(0, size, WRITTEN_PER_TRANSACTION):
        actors = [stored_actor(n) for n in range(first, min(first + WRITTEN_PER_TRANSACTION, size))]
        with store.transaction():
            store.write_actors(actors)
            store.write_actor_keys(registry.keys_of(actors))
    store.close()


def documents(size: int, count: int) -> list[tuple[list[Mention], set[str]]]:
    """Each document's mentions, and the ids of the stored actors it names."""
    draw = random.Random(size)
    made = []
    for number in range(count):
        names: list[tuple[str, str]] = []  # (text, NER label), one sentence each
        named = set()
        for _ in range(2):
            person = stored_actor(draw.randrange(size // 5) * 5)
            names += [(person.name, "PERSON"), (person.name.split()[-1], "PERSON")]
            named.add(person.id)
        org = stored_actor(draw.randrange(size // 5) * 5 + 4)
        names.append((org.name, "ORG"))
        named.add(org.id)
        names.append((f"{made_up_word(number)}n Zuzas", "PERSON"))  # no one stored
        made.append((mentions_of(f"d{number}", names), named))
    return made


def mentions_of(doc_id: str, names: list[tuple[str, str]]) -> list[Mention]:
    mentions, offset = [], 0
    for sentence, (text, label) in enumerate(names):
        mentions.append(Mention(doc_id, offset, offset + len(text), text, label, sentence))
        offset += len(text) + 10
    return mentions


def peak_mib() -> float:
    status = Path("/proc/self/status").read_text(encoding="utf-8")
    line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def measure(path: Path, way: str, size: int, count: int) -> dict[str, float]:
    """Resolve the documents with a registry started `way`; its figures."""
    kb = load_knowledge()
    docs = documents(size, count)
    figures = {"kb_peak_mib": peak_mib()}
    store = open_store(path)
    started = time.process_time()
    registry = ActorRegistry(kb)
    if way == "load":
        registry.load(store.read_actors())
    else:
        registry.read_from(store)
    figures["start_s"] = time.process_time() - started
    started = time.process_time()
    found = named = 0
    for mentions, stored in docs:
        resolution = registry.resolve(mentions, PartialDate(2024, 5, 1))
        found += len(stored & {mention.actor_id for mention in resolution.mentions})
        named += len(stored)
    figures["ms_per_document"] = (time.process_time() - started) * 1000 / count
    figures["found"] = found / named
    figures["peak_mib"] = peak_mib()
    store.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="stored actors")
    parser.add_argument("--documents", type=int, default=200, help="documents resolved")
    parser.add_argument("--measure", nargs=3, metavar=("DB", "WAY", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        db, way, size = args.measure
        print(json.dumps(measure(Path(db), way, int(size), args.documents)))
        return
    folder = Path(tempfile.mkdtemp(prefix="bench-actor-registry-"))
    print(f"{'stored':>9}{'way':>8}{'peak MiB':>10}{'kb only':>9}{'start s':>9}"
          f"{'ms/doc':>8}{'found':>7}")  # fmt: skip
    peaks: dict[str, list[float]] = {"load": [], "lookup": []}
    for size in (int(size) for size in args.sizes.split(",")):
        db = folder / f"actors-{size}.db"
        write_store(db, size)
        for way in ("load", "lookup"):
            command = [sys.executable, __file__, "--measure", str(db), way, str(size)]
            command += ["--documents", str(args.documents)]
            out = subprocess.run(command, check=True, capture_output=True, text=True)
            got = json.loads(out.stdout.strip().splitlines()[-1])
            peaks[way].append(got["peak_mib"])
            print(
                f"{size:>9,}{way:>8}{got['peak_mib']:>10.0f}{got['kb_peak_mib']:>9.0f}"
                f"{got['start_s']:>9.2f}{got['ms_per_document']:>8.2f}{got['found']:>7.2f}",
                flush=True,
            )
        db.unlink()
    for way, figures in peaks.items():
        print(f"peak memory, {way}, largest / smallest size: {figures[-1] / figures[0]:.2f}x")
    folder.rmdir()


if __name__ == "__main__":
    main()
