"""Date normalisation and detection on the TempEval-3 development set.

Prints, from one run:
* value accuracy of `normalise_timex(gold text, DCT)` against the gold TIMEX3
  value, for DATE expressions and for all types, overall and per corpus;
* detection precision, recall and F1 of `find_time_expressions` (real spaCy
  model, DCT as the publication date) against the gold DATE spans, with exact
  and with overlapping span match;
* value accuracy with the DCT withheld: `find_time_expressions(doc, None)`,
  which may only anchor on dates the text itself gives, scored on every gold
  DATE expression (the detected expression with its span, else one overlapping
  it, else the gold text alone). A value is right when it equals the gold one;
  no value is right only when the gold value cannot be derived from the text
  alone (the expression does not name it itself, and the text nowhere writes
  its year). A wrong value is an invented date; with a wrong year, an invented
  year. The same scoring with the DCT given is printed beside it;
* throughput: expressions normalised per second, and documents per second for
  bare spaCy and for spaCy plus `find_time_expressions`, with their ratio.

Value accuracy is given twice: "strict" compares the strings; "equivalent"
also accepts notational variants of one value that TimeBank mixes: a week
number with or without its leading zero ("2000-W07" = "2000-W7") and trailing
unspecified digits ("196X" = "196", "1949-XX" = "1949").

Usage: python benchmarks/bench_dates_tempeval.py [--data PATH] [--errors N]
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from watchfloor.nlp.model import load_model
from watchfloor.nlp.time.dates import find_time_expressions, normalise_timex
from watchfloor.records import PartialDate, TimeExpression

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared/data/tempeval3-dev/timex.jsonl"


def equivalent(value: str) -> str:
    """One spelling for notational variants of the same TimeML value."""
    value = re.sub(r"-W0(\d)\b", r"-W\1", value)
    value = re.sub(r"(?:-XX)+$", "", value)
    return re.sub(r"(?<=\d)X+$", "", value)


def value_accuracy(docs: list[dict[str, Any]], errors: int) -> None:
    hits: dict[tuple[str, str, str], Counter[bool]] = defaultdict(Counter)
    mistakes: list[tuple[str, str, str, str | None]] = []
    for doc in docs:
        dct = PartialDate.parse(doc["dct"])
        for gold in doc["timexes"]:
            predicted = normalise_timex(gold["text"], dct)
            strict = predicted == gold["value"]
            loose = predicted is not None and equivalent(predicted) == equivalent(gold["value"])
            for corpus in ("all", doc["corpus"]):
                for kind in ("DATE", "all") if gold["type"] == "DATE" else ("all",):
                    hits[(kind, corpus, "strict")][strict] += 1
                    hits[(kind, corpus, "equivalent")][loose] += 1
            if not loose and gold["type"] == "DATE":
                mistakes.append((doc["dct"], gold["text"], gold["value"], predicted))
    print("value accuracy (gold span text, DCT as anchor)")
    for kind in ("DATE", "all"):
        for corpus in ("all", "TimeBank", "AQUAINT"):
            row = [f"  {kind:4} types, {corpus:8}:"]
            for mode in ("equivalent", "strict"):
                counts = hits[(kind, corpus, mode)]
                total = counts[True] + counts[False]
                row.append(f"{mode} {counts[True] / total:.3f} ({counts[True]}/{total})")
            print(" ".join(row))
    for dct, text, gold_value, predicted in mistakes[:errors]:
        print(f"    miss DCT {dct}: {text!r} gold {gold_value} got {predicted}")


def detection(docs: list[dict[str, Any]]) -> list[Any]:
    nlp = load_model()
    texts = [doc["text"] for doc in docs]
    started = time.perf_counter()
    parsed = list(nlp.pipe(texts, batch_size=16))
    spacy_s = time.perf_counter() - started
    started = time.perf_counter()
    found = [
        find_time_expressions(parsed_doc, PartialDate.parse(doc["dct"]))
        for parsed_doc, doc in zip(parsed, docs, strict=True)
    ]
    ours_s = time.perf_counter() - started
    gold_spans = [
        {(t["start"], t["end"]) for t in doc["timexes"] if t["type"] == "DATE"} for doc in docs
    ]
    predicted = [{(e.start, e.end) for e in exprs if e.kind == "date"} for exprs in found]
    print("detection of DATE expressions (find_time_expressions, real model)")
    print_prf("exact  ", predicted, gold_spans, lambda p, g: p == g)
    print_prf("overlap", predicted, gold_spans, lambda p, g: p[0] < g[1] and g[0] < p[1])
    gold_values = {
        (i, t["start"], t["end"]): t["value"]
        for i, doc in enumerate(docs)
        for t in doc["timexes"]
        if t["type"] == "DATE"
    }
    matched = [
        equivalent(e.timex) == equivalent(gold_values[(i, e.start, e.end)])
        for i, exprs in enumerate(found)
        for e in exprs
        if (i, e.start, e.end) in gold_values
    ]
    print(
        f"  value accuracy on exact matches (tense and anchors from the text): "
        f"{sum(matched) / len(matched):.3f} ({sum(matched)}/{len(matched)})"
    )
    words = sum(len(d) for d in parsed)
    print("throughput")
    print(f"  bare spaCy:                    {len(docs) / spacy_s:8.1f} docs/s")
    print(f"  spaCy + find_time_expressions: {len(docs) / (spacy_s + ours_s):8.1f} docs/s")
    print(f"  find_time_expressions alone:   {len(docs) / ours_s:8.1f} docs/s")
    print(f"  words in the set:              {words:8d} tokens")
    print(f"  ratio (spaCy + dates) / spaCy time: {(spacy_s + ours_s) / spacy_s:.3f}")
    return parsed


def in_context_value(gold: dict[str, Any], found: list[TimeExpression]) -> str:
    """The value given a gold span in context: its own span's, else an overlapping one's."""
    span = (gold["start"], gold["end"])
    exact = [e for e in found if (e.start, e.end) == span]
    overlapping = [e for e in found if e.start < span[1] and span[0] < e.end]
    for expression in exact or overlapping:
        return expression.timex
    return normalise_timex(gold["text"], None) or ""


def is_resolved(value: str) -> bool:
    """Whether a TimeML value is on the calendar (or a reference word), not left open."""
    return bool(value) and not value.startswith("X")


def derivable_from_text(gold: dict[str, Any], text: str) -> bool:
    """Whether the gold value can be had without the DCT: the expression names it
    itself, or the text writes its year somewhere."""
    alone = normalise_timex(gold["text"], None)
    if alone is not None and equivalent(alone) == equivalent(gold["value"]):
        return True
    year = re.match(r"\d{4}", gold["value"])
    return year is not None and re.search(rf"(?<!\d){year[0]}(?!\d)", text) is not None


def withheld_dct(docs: list[dict[str, Any]], parsed: list[Any]) -> None:
    """Value accuracy in context with the DCT given and withheld (published None)."""
    print("value accuracy in context, DATE expressions (find_time_expressions, real model)")
    for label, withheld in (("DCT given   ", False), ("DCT withheld", True)):
        outcome: Counter[str] = Counter()
        for doc, parsed_doc in zip(docs, parsed, strict=True):
            published = None if withheld else PartialDate.parse(doc["dct"])
            found = find_time_expressions(parsed_doc, published)
            for gold in (t for t in doc["timexes"] if t["type"] == "DATE"):
                outcome[score_in_context(gold, in_context_value(gold, found), doc["text"])] += 1
        total = sum(outcome.values())
        right = outcome["right value"] + outcome["right abstention"]
        print(
            f"  {label}: correct {right / total:.3f} ({right}/{total}: "
            f"{outcome['right value']} values, {outcome['right abstention']} abstentions); "
            f"wrongly resolved {outcome['wrong value'] + outcome['wrong year']} "
            f"(invented years {outcome['wrong year']}); "
            f"left open though derivable {outcome['missed']}"
        )


def score_in_context(gold: dict[str, Any], predicted: str, text: str) -> str:
    if is_resolved(predicted):
        if equivalent(predicted) == equivalent(gold["value"]):
            return "right value"
        same_year = predicted[:4] == gold["value"][:4] or not predicted[:4].isdigit()
        return "wrong value" if same_year else "wrong year"
    return "missed" if derivable_from_text(gold, text) else "right abstention"


Match = Callable[[tuple[int, int], tuple[int, int]], bool]


def print_prf(
    name: str, predicted: list[set[tuple[int, int]]], gold: list[set[tuple[int, int]]], match: Match
) -> None:
    true_predicted = sum(
        sum(any(match(p, g) for g in gs) for p in ps)
        for ps, gs in zip(predicted, gold, strict=True)
    )
    found_gold = sum(
        sum(any(match(p, g) for p in ps) for g in gs)
        for ps, gs in zip(predicted, gold, strict=True)
    )
    precision = true_predicted / max(1, sum(map(len, predicted)))
    recall = found_gold / max(1, sum(map(len, gold)))
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    print(f"  {name}: P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}")


def normalise_throughput(docs: list[dict[str, Any]]) -> None:
    items = [(t["text"], PartialDate.parse(d["dct"])) for d in docs for t in d["timexes"]]
    started = time.perf_counter()
    for text, dct in items:
        normalise_timex(text, dct)
    elapsed = time.perf_counter() - started
    print(f"  normalise_timex (warm caches): {len(items) / elapsed:8.0f} expressions/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--errors", type=int, default=0, help="print this many DATE misses")
    parser.add_argument("--no-model", action="store_true", help="skip detection (no spaCy)")
    args = parser.parse_args()
    docs = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines()]
    started = time.perf_counter()
    value_accuracy(docs, args.errors)
    cold_s = time.perf_counter() - started
    expressions = sum(len(d["timexes"]) for d in docs)
    if not args.no_model:
        parsed = detection(docs)
        withheld_dct(docs, parsed)
    else:
        print("throughput")
    print(f"  normalise_timex (cold caches): {expressions / cold_s:8.0f} expressions/s")
    normalise_throughput(docs)


if __name__ == "__main__":
    main()
