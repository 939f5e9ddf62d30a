"""What actor mentions and resolution add to the bare spaCy pipeline, measured in one run.

Run: python benchmarks/bench_resolve.py [--docs 100] [--repeat 3] [--source ecbplus|seeds]

Times, on the same texts and in the same process:

* bare: `spacy.load` of the vetted model, then `nlp.pipe` over the texts;
* watchfloor: `build_pipeline` (the same model plus the actor ruler and the
  tokenizer fix) through `nlp.pipe`, then `find_mentions` and
  `ActorRegistry.resolve` for every document, in order.

Each is run `--repeat` times, alternating, and the fastest run of each is
kept (the machine is shared). Loading is not timed. The ratio watchfloor/bare
shows the cost of this stage on top of its NLP backbone; the budget is 1.30.
Texts: the first N ECB+ development documents (../shared/data/ecbplus-dev),
or the five seed articles repeated to N.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from watchfloor.nlp.entities import find_mentions
from watchfloor.nlp.model import build_pipeline, load_model
from watchfloor.resolve.knowledge import load_knowledge
from watchfloor.resolve.registry import ActorRegistry
from watchfloor.settings import Settings

SHARED = Path(__file__).resolve().parents[2] / "shared"
BUDGET_RATIO = 1.30


def load_texts(source: str, count: int) -> list[str]:
    if source == "seeds":
        seeds = sorted((SHARED / "corpus/seeds").glob("*.txt"))
        texts = [path.read_text(encoding="utf-8") for path in seeds]
        return [texts[index % len(texts)] for index in range(count)]
    with (SHARED / "data/ecbplus-dev/docs.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line, _ in zip(lines, range(count), strict=False)]


def run_bare(nlp: Any, texts: list[str], batch_size: int) -> None:
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass


def run_watchfloor(nlp: Any, kb: Any, texts: list[str], batch_size: int) -> int:
    registry = ActorRegistry(kb)
    mentions = 0
    for number, doc in enumerate(nlp.pipe(texts, batch_size=batch_size)):
        resolution = registry.resolve(find_mentions(doc, f"doc{number}"), None)
        mentions += len(resolution.mentions)
    return mentions


def fastest(runs: int, action: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--source", choices=("ecbplus", "seeds"), default="ecbplus")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"{SHARED} is not present", file=sys.stderr)
        return 1
    settings = Settings()
    texts = load_texts(args.source, args.docs)
    words = sum(len(text.split()) for text in texts)
    bare = load_model(settings.spacy_model)
    kb = load_knowledge()
    full = build_pipeline(settings, kb)
    run_bare(bare, texts[:2], settings.nlp_batch_size)  # warm up both
    mentions = run_watchfloor(full, kb, texts[:2], settings.nlp_batch_size)
    bare_s = watch_s = float("inf")
    for _ in range(args.repeat):
        bare_s = min(bare_s, fastest(1, lambda: run_bare(bare, texts, settings.nlp_batch_size)))
        watch_s = min(
            watch_s,
            fastest(1, lambda: run_watchfloor(full, kb, texts, settings.nlp_batch_size)),
        )
    mentions = run_watchfloor(full, kb, texts, settings.nlp_batch_size)
    ratio = watch_s / bare_s
    print(f"texts: {len(texts)} ({args.source}), {words} words, {mentions} mentions")
    print(f"bare spaCy      {bare_s:8.2f} s  {words / bare_s:8.0f} words/s")
    print(f"with resolution {watch_s:8.2f} s  {words / watch_s:8.0f} words/s")
    verdict = "within" if ratio <= BUDGET_RATIO else "OVER"
    print(f"ratio           {ratio:8.3f}  ({verdict} the {BUDGET_RATIO:.2f} budget)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
