"""Cost and accuracy of `DuplicateFinder.add` on 10,000 synthetic articles.

Run: python benchmarks/bench_dedup.py [--articles N] [--nlp-sample N] [--store]

The articles are built from the development corpora: the 462 ECB+ documents
as they are, plus articles assembled from 8-16 random sentences of ECB+ and
MSRP. Copies are planted among them, each after its original: exact copies,
near copies (a few words changed or dropped, a line added) and reworded copies
(every sentence replaced by its MSRP paraphrase, some sentences dropped; only
articles made of MSRP sentences that have a paraphrase can be reworded).
Publication dates are random in 2023; a copy is dated 0-3 days after its
original, or left undated.

Prints the per-article cost of dedup and of bare spaCy `nlp.pipe` (on a
sample), their ratio, and pair precision and recall on the planted copies
(pairs from one original, including copies of copies, are the positives), plus
how often the direction was right, wrong or left undecided.

With `--store`, the same articles also go through `DedupStage` on a SQLite store, as
an ingest runs it (batches of `batch_size`, each written before the next, candidates
read from the store's band index): prints its cost per article and whether its links
are exactly those of the in-memory finder.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from watchfloor.dedup.align import split_sentences
from watchfloor.dedup.near_dup import DuplicateFinder
from watchfloor.dedup.stage import DedupStage
from watchfloor.nlp.model import load_model
from watchfloor.records import Article, DuplicateLink, PartialDate
from watchfloor.settings import Settings
from watchfloor.store import open_store

SHARED = Path(__file__).resolve().parents[2] / "shared/data"
COPY_SHARE = 0.35  # share of articles that are planted copies


@dataclass(frozen=True)
class Planted:
    article: Article
    family: str  # doc_id of the original everything in the family derives from
    kind: str  # "original", "exact", "near", "reworded"
    real: bool = False  # an ECB+ document as it is (real copies among them are not planted)


def load_sources() -> tuple[list[str], list[str], dict[str, str]]:
    """ECB+ texts, a sentence pool, and MSRP paraphrase pairs (s1 -> s2)."""
    ecb = [json.loads(line)["text"] for line in (SHARED / "ecbplus-dev/docs.jsonl").open()]
    msrp = [json.loads(line) for line in (SHARED / "msrp-train/pairs.jsonl").open()]
    pool = [s for text in ecb for s in split_sentences(text) if len(s.split()) >= 6]
    pool += [pair[key] for pair in msrp for key in ("s1", "s2")]
    paraphrase = {pair["s1"]: pair["s2"] for pair in msrp if pair["label"] == 1}
    return ecb, pool, paraphrase


def random_date(rng: random.Random) -> PartialDate:
    return PartialDate(2023, rng.randint(1, 12), rng.randint(1, 28))


def copy_date(original: PartialDate | None, rng: random.Random) -> PartialDate | None:
    if original is None or rng.random() < 0.3:
        return None
    day = min(28, (original.day or 1) + rng.randint(0, 3))
    return PartialDate(original.year, original.month, day)


def near_copy(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    for _ in range(rng.randint(1, 3)):
        del words[rng.randrange(len(words))]
    return " ".join(words) + "\nRead more stories like this on our website."


def reworded_copy(text: str, paraphrase: dict[str, str], rng: random.Random) -> str:
    sentences = [paraphrase[s] for s in text.split("\n") if rng.random() > 0.15]
    return "\n".join(sentences or [paraphrase[text.split("\n")[0]]])


def build_corpus(total: int, rng: random.Random) -> list[Planted]:
    ecb, pool, paraphrase = load_sources()
    sentences_with_paraphrase = list(paraphrase)
    corpus: list[Planted] = []
    originals: list[Planted] = []
    rewordable: list[Planted] = []
    for index in range(total):
        doc_id = f"a{index:05d}"
        if originals and rng.random() < COPY_SHARE:
            kind = rng.choice(["exact", "near", "reworded"] if rewordable else ["exact", "near"])
            source = rng.choice(rewordable if kind == "reworded" else originals)
            corpus.append(plant_copy(doc_id, source, kind, paraphrase, rng))
            continue
        real = index < len(ecb) * 2 and index % 2 == 0
        can_reword = not real and rng.random() < 0.4
        if real:
            text = ecb[index // 2]
        elif can_reword:
            text = "\n".join(rng.sample(sentences_with_paraphrase, rng.randint(8, 16)))
        else:
            text = "\n".join(rng.sample(pool, rng.randint(8, 16)))
        article = Article(doc_id=doc_id, title="", text=text, published=random_date(rng))
        planted = Planted(article, doc_id, "original", real)
        corpus.append(planted)
        originals.append(planted)
        if can_reword:
            rewordable.append(planted)
    return corpus


def plant_copy(
    doc_id: str, original: Planted, kind: str, paraphrase: dict[str, str], rng: random.Random
) -> Planted:
    text = original.article.text
    if kind == "near":
        text = near_copy(text, rng)
    elif kind == "reworded":
        text = reworded_copy(text, paraphrase, rng)
    published = copy_date(original.article.published, rng)
    article = Article(doc_id=doc_id, title="", text=text, published=published)
    return Planted(article, original.family, kind)


def score_links(corpus: list[Planted], links: list[DuplicateLink]) -> None:
    family = {p.article.doc_id: p.family for p in corpus}
    real_family = {p.family for p in corpus if p.real}
    sizes: dict[str, int] = {}
    for p in corpus:
        sizes[p.family] = sizes.get(p.family, 0) + 1
    positives = sum(n * (n - 1) // 2 for n in sizes.values())
    found = {frozenset((link.doc_id, link.other_id)) for link in links}
    right = {pair for pair in found if len({family[d] for d in pair}) == 1}
    between_real = {pair for pair in found - right if {family[d] for d in pair} <= real_family}
    wrong = len(found) - len(right) - len(between_real)
    print(
        f"planted copy pairs {positives}; linked pairs {len(found)}: {len(right)} planted, "
        f"{len(between_real)} between two distinct real ECB+ documents (not planted, "
        f"often real rewrites of one wire story), {wrong} other"
    )
    precision = len(right) / max(1, len(right) + wrong)
    strict = len(right) / max(1, len(found))
    print(
        f"pair recall {len(right) / positives:.4f}; precision {precision:.4f} without the "
        f"ECB+-ECB+ links, {strict:.4f} counting them as wrong"
    )
    for kind in ("exact", "near", "reworded"):
        planted = [p.article.doc_id for p in corpus if p.kind == kind]
        linked = {d for pair in right for d in pair}
        found_share = sum(d in linked for d in planted) / max(1, len(planted))
        print(f"  {kind:<9} planted {len(planted):>5}, linked to their family {found_share:.4f}")
    score_direction(corpus, links)


def score_direction(corpus: list[Planted], links: list[DuplicateLink]) -> None:
    """On links between an original and its own copy: was derived_from the original?"""
    kind_of = {p.article.doc_id: p.kind for p in corpus}
    family = {p.article.doc_id: p.family for p in corpus}
    outcome = {"right": 0, "wrong": 0, "undecided": 0}
    for link in links:
        pair = {link.doc_id, link.other_id}
        original = next((d for d in pair if kind_of[d] == "original"), None)
        if original is None or family[link.doc_id] != family[link.other_id]:
            continue
        if link.derived_from is None:
            outcome["undecided"] += 1
        else:
            outcome["right" if link.derived_from == original else "wrong"] += 1
    print("direction on original-copy links: " + ", ".join(f"{k} {v}" for k, v in outcome.items()))


def time_dedup(corpus: list[Planted]) -> tuple[float, list[DuplicateLink]]:
    texts = {p.article.doc_id: p.article.text for p in corpus}
    finder = DuplicateFinder(Settings(), texts.get)
    links: list[DuplicateLink] = []
    started = time.perf_counter()
    for planted in corpus:
        links.extend(finder.add(planted.article)[0])
    return (time.perf_counter() - started) / len(corpus), links


def time_dedup_stored(corpus: list[Planted]) -> tuple[float, list[DuplicateLink]]:
    """`DedupStage` over a SQLite store, batch by batch as an ingest writes them."""
    settings = Settings()
    store = open_store(Path(tempfile.mkdtemp(prefix="bench-dedup-")) / "dedup.db")
    stage = DedupStage(settings)
    stage.load(store)
    links: list[DuplicateLink] = []
    spent = 0.0
    articles = [p.article for p in corpus]
    for start in range(0, len(articles), settings.batch_size):
        batch = articles[start : start + settings.batch_size]
        started = time.perf_counter()
        _, found = stage.run(batch)
        with store.transaction():
            store.write_articles(batch)
            stage.write(store, found)
        spent += time.perf_counter() - started
        links.extend(found)
    store.close()
    return spent / len(corpus), links


def time_nlp(corpus: list[Planted], sample: int, rng: random.Random) -> float:
    nlp = load_model()
    texts = [p.article.text for p in rng.sample(corpus, sample)]
    list(nlp.pipe(texts[:10]))  # warm-up
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=Settings().nlp_batch_size):
        pass
    return (time.perf_counter() - started) / len(texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--nlp-sample", type=int, default=300)
    parser.add_argument("--store", action="store_true", help="also dedup through a store")
    args = parser.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"missing {SHARED}")
    rng = random.Random(0)
    corpus = build_corpus(args.articles, rng)
    kinds = {k: sum(p.kind == k for p in corpus) for k in ("original", "exact", "near", "reworded")}
    words = sum(len(p.article.text.split()) for p in corpus) / len(corpus)
    print(
        f"{len(corpus)} articles ({', '.join(f'{k} {v}' for k, v in kinds.items())}), "
        f"{words:.0f} words on average"
    )
    dedup_s, links = time_dedup(corpus)
    nlp_s = time_nlp(corpus, args.nlp_sample, rng)
    print(f"dedup  {dedup_s * 1000:.2f} ms/article ({1 / dedup_s:,.0f} articles/s)")
    print(f"spaCy  {nlp_s * 1000:.2f} ms/article ({1 / nlp_s:,.0f} articles/s, bare nlp.pipe)")
    print(f"dedup / spaCy = {dedup_s / nlp_s:.3f} (target < 0.20)")
    score_links(corpus, links)
    if args.store:
        stored_s, stored_links = time_dedup_stored(corpus)
        same = "yes" if stored_links == links else "NO"
        print(f"dedup through the store  {stored_s * 1000:.2f} ms/article (articles written too)")
        print(f"store links equal the in-memory links: {same}")


if __name__ == "__main__":
    main()
