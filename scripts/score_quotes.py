"""Score quote speakers against the hand-labelled gold in labels/quotes/speakers.jsonl.

The gold holds offsets only: each quotation (the text between the marks) of
real news articles in `../shared/data/` (ECB+ and TempEval-3 documents that
are not in `../shared/gold/tbaq*.jsonl`), with the span of the words that name
its speaker in the article, or `null` for a quotation nobody in the text says
(a title, a term, a slogan). The articles are read from `../shared/data/`.

    python scripts/score_quotes.py [--gold PATH] [--misses]

Each article is analysed afresh by `ArticleAnalyser` (no database). A gold
quotation is matched to the system's quotation that overlaps it most. A
speaker is correct when the system's speaker is the actor of a mention at the
gold speaker span, or when the system's speaker words hold the gold span's last
word ("A Surrey Police spokeswoman" for "spokeswoman", "ADA Fairman" for
"Fairman"). Printed: speaker accuracy on the quotations the system attributes,
the share of speaker quotations it attributes, and how many quotations with no
speaker it attributes anyway.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from watchfloor.nlp.analyse import ArticleAnalyser
from watchfloor.records import Analysis, Article, PartialDate, Quote
from watchfloor.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "labels" / "quotes" / "speakers.jsonl"
DATA = ROOT.parent / "shared" / "data"
SOURCES = {
    "ecbplus-dev": DATA / "ecbplus-dev" / "docs.jsonl",
    "tempeval3-dev": DATA / "tempeval3-dev" / "timex.jsonl",
}
_WORD = re.compile(r"[\w']+")


@dataclass(frozen=True, slots=True)
class Judged:
    doc_id: str
    gold: dict[str, Any]
    found: Quote | None
    verdict: str  # "correct", "wrong", "unattributed", "spurious", "silent"


def read_gold(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def read_articles(doc_ids: set[str]) -> dict[str, Article]:
    articles = {}
    for path in SOURCES.values():
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record["doc_id"] not in doc_ids:
                continue
            published = PartialDate.parse(record["dct"][:10]) if record.get("dct") else None
            articles[record["doc_id"]] = Article(
                doc_id=record["doc_id"], title="", text=record["text"], published=published
            )
    return articles


def judge(gold: dict[str, Any], analysis: Analysis, text: str) -> Judged:
    start, end = gold["quote"]
    overlaps = [
        (min(end, quote.end) - max(start, quote.start), quote)
        for quote in analysis.quotes
        if quote.start < end and start < quote.end
    ]
    found = max(overlaps, key=lambda pair: pair[0])[1] if overlaps else None
    attributed = found is not None and bool(found.speaker or found.speaker_text)
    if gold["speaker"] is None:
        return Judged(analysis.doc_id, gold, found, "spurious" if attributed else "silent")
    if not attributed or found is None:
        return Judged(analysis.doc_id, gold, found, "unattributed")
    return Judged(
        analysis.doc_id, gold, found, "correct" if _same(gold, found, analysis, text) else "wrong"
    )


def _same(gold: dict[str, Any], found: Quote, analysis: Analysis, text: str) -> bool:
    start, end = gold["speaker"]
    actors = {
        mention.actor_id
        for mention in analysis.mentions
        if mention.actor_id and mention.start < end and start < mention.end
    }
    if found.speaker and found.speaker in actors:
        return True
    words = [word.casefold() for word in _WORD.findall(text[start:end])]
    said = {word.casefold() for word in _WORD.findall(found.speaker_text or "")}
    return bool(words) and words[-1] in said


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--misses", action="store_true", help="List every wrong or missed one.")
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"error: {DATA} is not present", file=sys.stderr)
        return 2
    gold = read_gold(args.gold)
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in gold:
        by_doc[item["doc_id"]].append(item)
    articles = read_articles(set(by_doc))
    analyser = ArticleAnalyser(Settings())
    ordered = [articles[doc_id] for doc_id in sorted(by_doc)]
    judged = [
        judge(item, analysis, articles[analysis.doc_id].text)
        for analysis in analyser.analyse(ordered)
        for item in by_doc[analysis.doc_id]
    ]
    counts = defaultdict(int)
    for item in judged:
        counts[item.verdict] += 1
    spoken = counts["correct"] + counts["wrong"] + counts["unattributed"]
    attributed = counts["correct"] + counts["wrong"]
    accuracy = counts["correct"] / attributed if attributed else 0.0
    share = attributed / spoken if spoken else 0.0
    print(
        f"quotes {len(judged)} in {len(by_doc)} articles; with a speaker {spoken}, "
        f"with none {counts['spurious'] + counts['silent']}"
    )
    print(
        f"speaker accuracy on attributed quotes {accuracy:.3f} ({counts['correct']}/{attributed})"
    )
    print(f"share attributed {share:.3f} ({attributed}/{spoken})")
    print(f"quotes with no speaker given one anyway {counts['spurious']}")
    if args.misses:
        for item in judged:
            if item.verdict in ("wrong", "unattributed", "spurious"):
                text = articles[item.doc_id].text
                start, end = item.gold["quote"]
                want = item.gold["speaker"]
                wanted = text[want[0] : want[1]] if want else None
                got = (item.found.speaker, item.found.speaker_text) if item.found else None
                shown = text[start:end][:50]
                print(f"{item.verdict:12} {item.doc_id} {shown!r} want {wanted!r} got {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
