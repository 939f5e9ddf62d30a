"""Train the learned event detector from the project's labels and print its scores.

    pip install -e '.[train]'
    python scripts/train_event_model.py            # train, tune on dev, score dev and test, save
    python scripts/train_event_model.py --no-save  # the same, leaving the shipped weights alone

Reads labels/events/*.jsonl (document ids and offsets, see scripts/labels.py)
and the texts they point into under ../shared/data. Each candidate word of a
labelled document (nlp/events/event_model.py: verbs, and nouns that may name acts) is
an example: the type of the labelled event whose trigger it is, or "no event".

1. Fit a multinomial logistic regression on the train split.
2. Choose its regularisation and the two thresholds of the combination
   (veto a rule act, propose a new one) by event F1 on the dev split,
   running the real event coder with each candidate.
3. Print word-level and event-level scores on dev and test for the rules
   alone, the model alone and the combination. The test split is only scored.
4. Refit on train + dev with the chosen settings and write
   src/watchfloor/data/models/event_detector.npz.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import labels as label_files  # noqa: E402 - the sibling script, found through sys.path

from watchfloor.evaluate import PredictedDocument, score  # noqa: E402
from watchfloor.nlp.analyse import ArticleAnalyser  # noqa: E402
from watchfloor.nlp.events.coder import build_party_index  # noqa: E402
from watchfloor.nlp.events.event_model import (  # noqa: E402
    NO_EVENT,
    EventModel,
    sentence_candidates,
)
from watchfloor.nlp.events.plover_lexicon import load_lexicon  # noqa: E402
from watchfloor.query import event_to_gold  # noqa: E402
from watchfloor.records import EVENT_TYPES, Article, PartialDate  # noqa: E402
from watchfloor.settings import Settings  # noqa: E402

OUT = ROOT / "src" / "watchfloor" / "data" / "models" / "event_detector.npz"
CLASSES = (NO_EVENT, *EVENT_TYPES)
# Triggers are rare among candidate words; weigh them up so the model does not learn to say "none".
CLASS_WEIGHT = {index: (1.0 if index == 0 else 3.0) for index in range(len(CLASSES))}
C_GRID = (0.3, 1.0)
VETO_GRID = (0.0, 0.1)
PROPOSE_GRID = (0.35, 0.5, 0.65, 0.8, 1.01)


@dataclass
class Parsed:
    """One labelled document, parsed once."""

    article: Article
    doc: Any
    split: str
    gold: dict[str, Any]
    features: list[list[str]]
    dense: np.ndarray
    targets: list[str]
    missed_triggers: int


def parse_documents(analyser: ArticleAnalyser) -> list[Parsed]:
    texts = label_files.load_texts()
    lexicon = load_lexicon()
    records = label_files.load_labels()
    splits = label_files.assign_splits([record["doc_id"] for record in records], texts)
    articles = [_article(record["doc_id"], texts) for record in records]
    docs = analyser.nlp.pipe([a.text for a in articles], batch_size=16)
    parsed = []
    for record, article, doc in zip(records, articles, docs, strict=True):
        resolution, party_of = analyser.resolve_actors(article, doc)
        parties = build_party_index(article, doc, list(resolution.mentions), party_of)
        triggers = {}
        for event in record["events"]:
            start, end = event["trigger"]
            triggers.setdefault((start, end), event["type"])
        features: list[list[str]] = []
        dense_rows = []
        targets: list[str] = []
        found: set[tuple[int, int]] = set()
        for sentence in doc.sents:
            tokens, sentence_features, dense = sentence_candidates(sentence, parties, lexicon)
            for token, names, row in zip(tokens, sentence_features, dense, strict=True):
                span = _trigger_of(token, triggers)
                if span is not None:
                    found.add(span)
                features.append(names)
                dense_rows.append(row)
                targets.append(triggers[span] if span is not None else NO_EVENT)
        width = doc.tensor.shape[1]
        parsed.append(
            Parsed(
                article=article,
                doc=doc,
                split=splits[article.doc_id],
                gold=label_files.gold_document(
                    record, article.text, texts[article.doc_id]["published"]
                ),
                features=features,
                dense=np.array(dense_rows, dtype=np.float32).reshape(-1, width),
                targets=targets,
                missed_triggers=len(triggers) - len(found),
            )
        )
    return parsed


def _article(doc_id: str, texts: dict[str, dict[str, Any]]) -> Article:
    source = texts[doc_id]
    published = PartialDate.parse(source["published"]) if source["published"] else None
    return Article(doc_id=doc_id, title="", text=source["text"], published=published)


def _trigger_of(token: Any, triggers: dict[tuple[int, int], str]) -> tuple[int, int] | None:
    for start, end in triggers:
        if start <= token.idx < end:
            return (start, end)
    return None


def fit(parsed: list[Parsed], c: float) -> EventModel:
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression

    vocabulary: dict[str, int] = {}
    counts: Counter[str] = Counter(name for p in parsed for names in p.features for name in names)
    for name, count in counts.items():
        if count >= 2:
            vocabulary[name] = len(vocabulary)
    rows, cols = [], []
    row = 0
    for p in parsed:
        for names in p.features:
            for name in names:
                if name in vocabulary:
                    rows.append(row)
                    cols.append(vocabulary[name])
            row += 1
    sparse = csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(row, len(vocabulary))
    )
    dense = np.vstack([p.dense for p in parsed])
    scale = float(dense.std()) or 1.0
    matrix = hstack([sparse, csr_matrix(dense / scale)]).tocsr()
    targets = [CLASSES.index(t) for p in parsed for t in p.targets]
    classifier = LogisticRegression(C=c, max_iter=3000, class_weight=CLASS_WEIGHT)
    classifier.fit(matrix, targets)
    weights = np.zeros((matrix.shape[1], len(CLASSES)), dtype=np.float32)
    bias = np.full(len(CLASSES), -30.0, dtype=np.float32)  # classes never seen stay impossible
    for column, label in enumerate(classifier.classes_):
        weights[:, label] = classifier.coef_[column]
        bias[label] = classifier.intercept_[column]
    return EventModel(
        classes=CLASSES,
        vocabulary=vocabulary,
        sparse_weights=weights[: len(vocabulary)],
        dense_weights=weights[len(vocabulary) :],
        bias=bias,
        dense_scale=scale,
        veto_below=0.0,
        propose_above=1.01,
    )


def word_scores(model: EventModel, parsed: list[Parsed]) -> dict[str, float]:
    """Word-level: is this word an event trigger (detection), and of the right type (typed)."""
    tp = fp = fn = typed = 0
    for p in parsed:
        if not p.features:
            fn += sum(t != NO_EVENT for t in p.targets)
            continue
        probabilities = model.probabilities(p.features, p.dense)
        for target, row in zip(p.targets, probabilities, strict=True):
            predicted = model.classes[int(np.argmax(row))]
            if predicted != NO_EVENT and target != NO_EVENT:
                tp += 1
                typed += predicted == target
            elif predicted != NO_EVENT:
                fp += 1
            elif target != NO_EVENT:
                fn += 1
        fn += p.missed_triggers
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"P": precision, "R": recall, "F1": f1, "type_acc": typed / tp if tp else 0.0}


def event_scores(
    analyser: ArticleAnalyser, parsed: list[Parsed], detector: str, model: EventModel | None
) -> dict[str, float]:
    analyser.settings = replace(analyser.settings, event_detector=detector)
    analyser.event_model = model
    predicted = {}
    for p in parsed:
        analysis = analyser.analyse_doc(p.article, p.doc)
        events = tuple(event_to_gold(event) for event in analysis.events)
        predicted[p.article.doc_id] = PredictedDocument(p.article.doc_id, events, ())
    report = score([p.gold for p in parsed], predicted)["events"]
    return {"P": report["precision"], "R": report["recall"], "F1": report["f1"]}


def _line(name: str, figures: dict[str, float]) -> str:
    return f"  {name:28}" + "  ".join(f"{k} {v:.3f}" for k, v in figures.items())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-save", action="store_true", help="do not write the weights")
    args = parser.parse_args()
    analyser = ArticleAnalyser(Settings())
    parsed = parse_documents(analyser)
    by_split = {s: [p for p in parsed if p.split == s] for s in ("train", "dev", "test")}
    for split, items in by_split.items():
        events = sum(t != NO_EVENT for p in items for t in p.targets)
        missed = sum(p.missed_triggers for p in items)
        print(
            f"{split}: {len(items)} documents, {sum(len(p.targets) for p in items)} candidate "
            f"words, {events} triggers on candidates, {missed} triggers on no candidate"
        )
    best: tuple[float, float, float, float] | None = None
    for c in C_GRID:
        model = fit(by_split["train"], c)
        print(_line(f"dev words, C={c}", word_scores(model, by_split["dev"])))
        for veto in VETO_GRID:
            for propose in PROPOSE_GRID:
                tuned = replace(model, veto_below=veto, propose_above=propose)
                f1 = event_scores(analyser, by_split["dev"], "combined", tuned)["F1"]
                if best is None or f1 > best[0]:
                    best = (f1, c, veto, propose)
    assert best is not None
    _, c, veto, propose = best
    print(f"chosen on dev: C={c}, veto_below={veto}, propose_above={propose}")
    model = replace(fit(by_split["train"], c), veto_below=veto, propose_above=propose)
    model_alone = replace(model, propose_above=min(propose, 0.5))
    for split in ("dev", "test"):
        items = by_split[split]
        print(f"{split} split")
        print(_line("words (trained on train)", word_scores(model, items)))
        print(_line("events, rules alone", event_scores(analyser, items, "rules", None)))
        print(_line("events, model alone", event_scores(analyser, items, "model", model_alone)))
        print(_line("events, combined", event_scores(analyser, items, "combined", model)))
    if not args.no_save:
        final = fit(by_split["train"] + by_split["dev"], c)
        save(replace(final, veto_below=veto, propose_above=propose))
        print(f"weights written to {OUT.relative_to(ROOT)}")
    return 0


def save(model: EventModel) -> None:
    features = sorted(model.vocabulary, key=model.vocabulary.__getitem__)
    meta = {
        "classes": list(model.classes),
        "features": features,
        "dense_scale": model.dense_scale,
        "veto_below": model.veto_below,
        "propose_above": model.propose_above,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        OUT,
        meta=np.array(json.dumps(meta)),
        sparse=model.sparse_weights.astype(np.float16),
        dense=model.dense_weights.astype(np.float16),
        bias=model.bias.astype(np.float32),
    )


if __name__ == "__main__":
    sys.exit(main())
