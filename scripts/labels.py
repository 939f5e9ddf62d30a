"""Event labels on real news from ../shared/data, stored as offsets, never as text.

The project's own labelled set (issue #13) codes whole documents from the
TempEval-3 and ECB+ development data in the gold event format of
../shared/gold/SCHEMA.md, plus each event's trigger word. Labels live in
`labels/events/*.jsonl` as document ids and character offsets; the texts stay
in ../shared. Every sentence of a labelled document is a unit, so sentences
that report no event are labelled too (as reporting none).

    python scripts/labels.py show DOC_ID            # numbered sentences of one document
    python scripts/labels.py convert DRAFT OUT      # draft (with text) -> offsets-only labels
    python scripts/labels.py build OUT_DIR [--split test]   # gold + articles JSONL for eval
    python scripts/labels.py stats                  # documents, sentences, events per split

A draft is a JSONL file, one labelled document per line, in the gold event
format with the evidence and trigger copied from the text:
{"doc_id", "events": [{"type", "mode", "context", "actor", "recipient",
"date", "status", "quantity", "evidence", "trigger"}]}. Drafts hold copied
text, so they are kept outside the repository.

The split is fixed by a hash of the doc_id, decided before any rule or model
saw the labels: 60% train, 20% dev, 20% test. The test split is only ever scored.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from watchfloor.records import EVENT_TYPES, STATUSES

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
LABELS = ROOT / "labels" / "events"
SOURCES = {
    "tempeval3-dev": SHARED / "data" / "tempeval3-dev" / "timex.jsonl",
    "ecbplus-dev": SHARED / "data" / "ecbplus-dev" / "docs.jsonl",
}
COPY_JACCARD = 0.6  # word-set overlap above which two labelled texts are one story's copies
_SENTENCE_END = re.compile(r"""(?<=[.!?])(?:['"”’`]{0,2})\s+(?=[A-Z"“`'(])""")


def split_of(doc_id: str) -> str:
    """train, dev or test, fixed by the doc_id's hash."""
    bucket = int(hashlib.sha256(doc_id.encode()).hexdigest()[:8], 16) % 10
    return "train" if bucket < 6 else ("dev" if bucket < 8 else "test")


def assign_splits(doc_ids: list[str], texts: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Each labelled document's split; a copy of an earlier one (by doc_id) goes with it.

    Copies (wire stories filed twice, near-identical rewrites) in two splits would
    let the test split score text the model was trained on.
    """
    splits: dict[str, str] = {}
    seen: list[tuple[str, set[str]]] = []
    for doc_id in sorted(doc_ids):
        words = set(re.findall(r"\w+", texts[doc_id]["text"].lower()))
        original = next((other for other, w in seen if _jaccard(words, w) >= COPY_JACCARD), None)
        splits[doc_id] = splits[original] if original else split_of(doc_id)
        seen.append((doc_id, words))
    return splits


def _jaccard(first: set[str], second: set[str]) -> float:
    return len(first & second) / len(first | second) if first | second else 0.0


def load_texts() -> dict[str, dict[str, Any]]:
    """doc_id -> {"text", "published", "corpus"} for every document under ../shared/data."""
    found: dict[str, dict[str, Any]] = {}
    for corpus, path in SOURCES.items():
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            found[record["doc_id"]] = {
                "text": record["text"],
                "published": record.get("dct"),
                "corpus": corpus,
            }
    return found


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: line breaks, then sentence-final punctuation before a capital."""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for end_match in _SENTENCE_END.finditer(line.group()):
            end = line.start() + end_match.start()
            spans.append(_trim(text, start, end))
            start = line.start() + end_match.end()
        spans.append(_trim(text, start, line.end()))
    return [(s, e) for s, e in spans if e > s]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise SystemExit(f"{path}:{number}: not JSON: {exc}") from None


def convert(draft: Path, out: Path, texts: dict[str, dict[str, Any]]) -> list[str]:
    """Draft with text -> label lines with offsets. Returns the problems found."""
    problems: list[str] = []
    lines: list[dict[str, Any]] = []
    for record in read_jsonl(draft):
        doc_id = record["doc_id"]
        if doc_id not in texts:
            problems.append(f"{doc_id}: not a document of ../shared/data")
            continue
        text = texts[doc_id]["text"]
        events = []
        for index, event in enumerate(record.get("events", [])):
            where = f"{doc_id} events[{index}]"
            located = _locate(event, text, where, problems)
            if located is not None:
                events.append(located)
        lines.append({"doc_id": doc_id, "corpus": texts[doc_id]["corpus"], "events": events})
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for line in lines:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    return problems


def _locate(event: dict[str, Any], text: str, where: str, problems: list[str]) -> dict | None:
    for key in ("type", "actor", "recipient", "status", "evidence", "trigger"):
        if key not in event:
            problems.append(f"{where}: lacks {key}")
            return None
    if event["type"] not in EVENT_TYPES or event["status"] not in STATUSES:
        problems.append(f"{where}: bad type or status {event['type']!r} {event['status']!r}")
        return None
    evidence, trigger = event["evidence"], event["trigger"]
    start = text.find(evidence)
    if start < 0 or not evidence:
        problems.append(f"{where}: evidence not found in the text: {evidence[:60]!r}")
        return None
    offset = evidence.find(trigger)
    if offset < 0 or not trigger:
        problems.append(f"{where}: trigger {trigger!r} not inside the evidence")
        return None
    located = {key: event.get(key) for key in ("type", "mode", "actor", "recipient", "status")}
    located["context"] = event.get("context") or []
    located["date"] = event.get("date")
    located["quantity"] = event.get("quantity")
    located["evidence"] = [start, start + len(evidence)]
    located["trigger"] = [start + offset, start + offset + len(trigger)]
    return located


def load_labels() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for path in sorted(LABELS.glob("*.jsonl")):
        found.extend(read_jsonl(path))
    return found


def gold_document(label: dict[str, Any], text: str, published: str | None) -> dict[str, Any]:
    """One label line as a gold document of SCHEMA.md: evidence copied back from `text`."""
    events = []
    for event in label["events"]:
        start, end = event["evidence"]
        shaped = {k: v for k, v in event.items() if k not in ("evidence", "trigger")}
        events.append({**shaped, "evidence": text[start:end]})
    return {
        "doc_id": label["doc_id"],
        "published": published,
        "derived_from": None,
        "actors": [],
        "events": events,
    }


def build(out_dir: Path, split: str | None, texts: dict[str, dict[str, Any]]) -> int:
    """Write gold.jsonl (SCHEMA.md format) and articles.jsonl (ingest format)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = 0
    with (
        (out_dir / "gold.jsonl").open("w", encoding="utf-8") as gold,
        (out_dir / "articles.jsonl").open("w", encoding="utf-8") as articles,
    ):
        labelled = load_labels()
        splits = assign_splits([label["doc_id"] for label in labelled], texts)
        for label in labelled:
            doc_id = label["doc_id"]
            if split is not None and splits[doc_id] != split:
                continue
            source = texts[doc_id]
            document = gold_document(label, source["text"], source["published"])
            gold.write(json.dumps(document, ensure_ascii=False) + "\n")
            article = {"doc_id": doc_id, "published": source["published"], "text": source["text"]}
            articles.write(json.dumps(article, ensure_ascii=False) + "\n")
            written += 1
    return written


def stats(texts: dict[str, dict[str, Any]]) -> None:
    docs: Counter[str] = Counter()
    units: Counter[str] = Counter()
    empty: Counter[str] = Counter()
    events: Counter[str] = Counter()
    labelled = load_labels()
    splits = assign_splits([label["doc_id"] for label in labelled], texts)
    for label in labelled:
        split = splits[label["doc_id"]]
        spans = sentences(texts[label["doc_id"]]["text"])
        evidence = [event["evidence"] for event in label["events"]]
        busy = {i for i, (s, e) in enumerate(spans) for a, b in evidence if a < e and b > s}
        docs[split] += 1
        units[split] += len(spans) + max(0, len(evidence) - len(busy))
        empty[split] += len(spans) - len(busy)
        events[split] += len(evidence)
    print(f"{'split':6} {'docs':>5} {'clauses':>8} {'no-event':>9} {'events':>7}")
    for split in ("train", "dev", "test"):
        print(f"{split:6} {docs[split]:5} {units[split]:8} {empty[split]:9} {events[split]:7}")
    total = [sum(c.values()) for c in (docs, units, empty, events)]
    print(f"{'all':6} {total[0]:5} {total[1]:8} {total[2]:9} {total[3]:7}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    show = commands.add_parser("show")
    show.add_argument("doc_id")
    conv = commands.add_parser("convert")
    conv.add_argument("draft", type=Path)
    conv.add_argument("out", type=Path)
    bld = commands.add_parser("build")
    bld.add_argument("out_dir", type=Path)
    bld.add_argument("--split", choices=("train", "dev", "test"))
    commands.add_parser("stats")
    args = parser.parse_args()
    if not SHARED.exists():
        print(f"{SHARED} is absent: the labels point into it", file=sys.stderr)
        return 2
    texts = load_texts()
    if args.command == "show":
        source = texts[args.doc_id]
        print(f"# {args.doc_id} ({source['corpus']}, published {source['published']})")
        for number, (start, end) in enumerate(sentences(source["text"])):
            print(f"[{number}] {source['text'][start:end]}")
    elif args.command == "convert":
        problems = convert(args.draft, args.out, texts)
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    elif args.command == "build":
        print(f"{build(args.out_dir, args.split, texts)} documents written to {args.out_dir}")
    else:
        stats(texts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
