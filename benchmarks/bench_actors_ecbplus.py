"""Cross-document actor resolution on ECB+ topics 1-22 (development check).

Run: python benchmarks/bench_actors_ecbplus.py [--docs N]

Gold: the cross-document entity chains of class HUMAN_PART_PER,
HUMAN_PART_ORG and LOC_GEO in ../shared/data/ecbplus-dev/clusters.jsonl.
System: `build_pipeline`, `find_mentions` and one `ActorRegistry` over all
documents in file order (so identities must hold across documents).

Items are the gold mentions that some resolved system mention overlaps
(character spans); an item's system cluster is the actor id of the one that
overlaps it most. B-cubed precision, recall and F1 are computed over those
items, overall and per class, together with coverage (the share of gold
mentions found at all; pronouns and common nouns such as "the actress" are
gold mentions our stage does not try to find). As a yardstick, the same
items are also scored for a baseline that clusters by exact surface text.
These are development data: nothing here is tuned to them.

With `--errors N`, also lists the N gold chains split most (each with the
system actors it went to and the gold/system texts of their mentions) and the
N system actors that merge most gold chains, by the B-cubed items they cost.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping
from pathlib import Path

from watchfloor.nlp.mentions.entities import find_mentions
from watchfloor.nlp.model import build_pipeline
from watchfloor.records import Mention
from watchfloor.resolve.knowledge import load_knowledge
from watchfloor.resolve.registry import ActorRegistry
from watchfloor.settings import Settings

DATA = Path(__file__).resolve().parents[2] / "shared/data/ecbplus-dev"
CLASSES = ("HUMAN_PART_PER", "HUMAN_PART_ORG", "LOC_GEO")
Item = tuple[str, int, int]  # doc_id, start, end of a gold mention


def b_cubed(gold: Mapping[Item, Hashable], system: Mapping[Item, Hashable]) -> tuple[float, ...]:
    """B-cubed precision, recall and F1 of `system` against `gold` over gold's items."""
    if not gold:
        return 0.0, 0.0, 0.0
    gold_members: dict[Hashable, set[Item]] = defaultdict(set)
    system_members: dict[Hashable, set[Item]] = defaultdict(set)
    for item in gold:
        gold_members[gold[item]].add(item)
        system_members[system[item]].add(item)
    precision = recall = 0.0
    for item in gold:
        shared = len(gold_members[gold[item]] & system_members[system[item]])
        precision += shared / len(system_members[system[item]])
        recall += shared / len(gold_members[gold[item]])
    precision, recall = precision / len(gold), recall / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def read_gold(doc_ids: set[str]) -> tuple[dict[Item, str], dict[Item, str], dict[Item, str]]:
    """Gold chain, class and text of every entity mention of the three classes."""
    chains, classes, texts = {}, {}, {}
    with (DATA / "clusters.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            chain = json.loads(line)
            if chain["class"] not in CLASSES:
                continue
            for mention in chain["mentions"]:
                item = (mention["doc_id"], mention["start"], mention["end"])
                if mention["doc_id"] in doc_ids:
                    chains[item], classes[item] = chain["chain_id"], chain["class"]
                    texts[item] = mention["text"]
    return chains, classes, texts


def resolve_all(docs: list[dict[str, str]]) -> dict[str, list[Mention]]:
    settings, kb = Settings(), load_knowledge()
    nlp, registry = build_pipeline(settings, kb), ActorRegistry(kb)
    texts = (doc["text"] for doc in docs)
    found = {}
    for doc, parsed in zip(docs, nlp.pipe(texts, batch_size=settings.nlp_batch_size), strict=True):
        resolution = registry.resolve(find_mentions(parsed, doc["doc_id"]), None)
        found[doc["doc_id"]] = [m for m in resolution.mentions if m.actor_id]
    return found


def system_clusters(
    gold: Mapping[Item, str], found: Mapping[str, list[Mention]]
) -> tuple[dict[Item, str], dict[Item, str]]:
    """Actor id and surface text of the first system mention overlapping each gold item."""
    actors, texts = {}, {}
    for item in gold:
        doc_id, start, end = item
        overlapping = [m for m in found.get(doc_id, []) if m.start < end and start < m.end]
        if overlapping:
            best = max(overlapping, key=lambda mention: _overlap(mention, start, end))
            actors[item], texts[item] = str(best.actor_id), best.text.casefold()
    return actors, texts


def _overlap(mention: Mention, start: int, end: int) -> float:
    """Shared characters over the union of the two spans (first mention wins a tie)."""
    shared = min(mention.end, end) - max(mention.start, start)
    return shared / (max(mention.end, end) - min(mention.start, start))


def report(name: str, gold: Mapping[Item, str], system: Mapping[Item, str]) -> None:
    precision, recall, f1 = b_cubed(gold, system)
    print(f"{name:32} items {len(gold):5}  P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}")


def report_errors(
    first: Mapping[Item, str], second: Mapping[Item, str], texts: Mapping[Item, str], count: int
) -> None:
    """The `count` groups of `first` spread most over `second`, with what each part says.

    With gold as `first`, split chains; with the system's actors, wrong merges.
    The cost of a group is sum(n_part * (n - n_part)) / n over its parts.
    """
    members: dict[str, list[Item]] = defaultdict(list)
    for item, group in first.items():
        members[group].append(item)
    costs = []
    for group, items in members.items():
        parts = Counter(second[item] for item in items)
        cost = sum(size * (len(items) - size) for size in parts.values()) / len(items)
        if cost:
            costs.append((cost, group, items, parts))
    for cost, group, items, parts in sorted(costs, key=lambda found: -found[0])[:count]:
        print(f"-- {group}  mentions {len(items)}  cost {cost:.1f}")
        for part, size in parts.most_common():
            forms = Counter(texts[item] for item in items if second[item] == part)
            shown = ", ".join(f"{form!r} x{n}" for form, n in forms.most_common(5))
            print(f"   {part:40} {size:4}  {shown}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=0, help="first N documents only (0: all)")
    parser.add_argument(
        "--errors", type=int, default=0, help="list the N most split chains and merged actors"
    )
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"{DATA} is not present", file=sys.stderr)
        return 1
    with (DATA / "docs.jsonl").open(encoding="utf-8") as lines:
        docs = [json.loads(line) for line in lines]
    docs = docs[: args.docs] if args.docs else docs
    gold, classes, gold_texts = read_gold({doc["doc_id"] for doc in docs})
    actors, texts = system_clusters(gold, resolve_all(docs))
    covered = {item: gold[item] for item in actors}
    print(f"documents {len(docs)}; gold entity mentions {len(gold)}; found {len(covered)}")
    print(f"coverage {len(covered) / max(len(gold), 1):.3f}")
    report("watchfloor resolution", covered, actors)
    report("baseline: same surface text", covered, texts)
    for name in CLASSES:
        subset = {item: chain for item, chain in covered.items() if classes[item] == name}
        report(f"  {name}", subset, actors)
    if args.errors:
        forms = {item: f"{gold_texts[item]} | {texts[item]}" for item in covered}
        print("\nGold chains split most (gold text | system text):")
        report_errors(covered, actors, forms, args.errors)
        print("\nSystem actors merging most gold chains:")
        report_errors({item: actors[item] for item in covered}, covered, forms, args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
