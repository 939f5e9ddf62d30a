"""What actor mentions and resolution add to the bare spaCy pipeline, measured in one run.

Run: python benchmarks/bench_resolve.py [--docs 100] [--rounds 5] [--source ecbplus|seeds]

Times, on the same texts and in the same process:

* bare: `spacy.load` of the vetted model, then `nlp.pipe` over the texts;
* watchfloor: `build_pipeline` (the same model plus the paragraph breaks, the
  tokenizer fix and the actor ruler) through `nlp.pipe`, then `find_mentions`
  and `ActorRegistry.resolve` for every document, in order, with a registry
  built anew (and timed) in each round.

How it stays fair on a shared machine:

* loading is not timed, and both pipelines first run once over all the texts
  untimed, so each has the texts' words in its vocabulary and its code warm;
* the caches of phonetic name keys are emptied before every round, so
  resolution meets every name as new, as it would in unseen articles;
* a round runs both pipelines over all the texts a batch at a time,
  alternating batch by batch and swapping which goes first, so that a slow
  spell of the machine hits both alike; there are `--rounds` rounds;
* each run records CPU time (this process only, so other jobs on the machine
  count for little) and wall time; the medians over the rounds are reported.

The verdict compares the ratio of the CPU medians, watchfloor/bare, with the
issue's budget of 1.30; the wall ratio and the range of per-round CPU ratios
are printed beside it to show how noisy the run was. Texts: the first N ECB+
development documents (../shared/data/ecbplus-dev), or the five seed articles
repeated to N.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, fields
from functools import partial
from pathlib import Path
from typing import Any

from watchfloor.nlp.mentions.entities import find_mentions
from watchfloor.nlp.model import build_pipeline, load_model
from watchfloor.resolve import names
from watchfloor.resolve.knowledge import load_knowledge
from watchfloor.resolve.registry import ActorRegistry
from watchfloor.settings import Settings

SHARED = Path(__file__).resolve().parents[2] / "shared"
BUDGET_RATIO = 1.30


@dataclass(frozen=True, slots=True)
class Timing:
    """CPU and wall seconds of a run, and the CPU seconds spent after spaCy."""

    cpu_s: float = 0.0
    wall_s: float = 0.0
    after_spacy_cpu_s: float = 0.0

    def __add__(self, other: Timing) -> Timing:
        return Timing(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


@dataclass(frozen=True, slots=True)
class Pipelines:
    """What a round runs: both pipelines, the knowledge base, the texts, the batch size."""

    bare: Any
    full: Any
    kb: Any
    texts: list[str]
    batch: int


def load_texts(source: str, count: int) -> list[str]:
    if source == "seeds":
        seeds = sorted((SHARED / "corpus/seeds").glob("*.txt"))
        texts = [path.read_text(encoding="utf-8") for path in seeds]
        return [texts[index % len(texts)] for index in range(count)]
    with (SHARED / "data/ecbplus-dev/docs.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line, _ in zip(lines, range(count), strict=False)]


def run_bare(nlp: Any, texts: list[str], batch: int) -> float:
    """Needs: the bare model. Gives: 0.0 (nothing runs after spaCy)."""
    for _ in nlp.pipe(texts, batch_size=batch):
        pass
    return 0.0


def run_watchfloor(
    nlp: Any, registry: ActorRegistry, texts: list[str], batch: int, first: int
) -> float:
    """Needs: watchfloor's pipeline. Gives: CPU seconds spent in mentions and resolution."""
    after_spacy = 0.0
    for number, doc in enumerate(nlp.pipe(texts, batch_size=batch), start=first):
        started = time.process_time()
        registry.resolve(find_mentions(doc, f"doc{number}"), None)
        after_spacy += time.process_time() - started
    return after_spacy


def timed(action: Callable[[], float]) -> Timing:
    cpu, wall = time.process_time(), time.perf_counter()
    after_spacy = action()
    return Timing(time.process_time() - cpu, time.perf_counter() - wall, after_spacy)


def forget_names() -> None:
    """Empty the phonetic key caches, so that every name is met as new."""
    names.syllable_key.cache_clear()
    names.word_keys.cache_clear()


def one_round(pipelines: Pipelines, number: int) -> tuple[Timing, Timing]:
    """Both pipelines over all texts, a batch at a time, alternating which goes first.

    Gives: the round's totals, bare and watchfloor.
    """
    forget_names()
    started = time.process_time(), time.perf_counter()
    registry = ActorRegistry(pipelines.kb)
    bare = Timing()
    watch = Timing(time.process_time() - started[0], time.perf_counter() - started[1])
    step = pipelines.batch
    for first in range(0, len(pipelines.texts), step):
        chunk = pipelines.texts[first : first + step]
        run_bare_chunk = partial(run_bare, pipelines.bare, chunk, step)
        bare_first = (number + first // step) % 2 == 0
        if bare_first:
            bare += timed(run_bare_chunk)
        watch += timed(partial(run_watchfloor, pipelines.full, registry, chunk, step, first))
        if not bare_first:
            bare += timed(run_bare_chunk)
    return bare, watch


def median(runs: list[Timing], field: str) -> float:
    return statistics.median(getattr(run, field) for run in runs)


def report(bare: list[Timing], watch: list[Timing], words: int) -> float:
    """Print the figures; give the CPU ratio watchfloor/bare."""
    bare_cpu, watch_cpu = median(bare, "cpu_s"), median(watch, "cpu_s")
    bare_wall, watch_wall = median(bare, "wall_s"), median(watch, "wall_s")
    ratios = sorted(w.cpu_s / b.cpu_s for b, w in zip(bare, watch, strict=True))
    print(f"medians of {len(bare)} rounds                CPU s     wall s  words/s (CPU)")
    print(f"{'bare spaCy':32}{bare_cpu:8.2f}  {bare_wall:9.2f}  {words / bare_cpu:8.0f}")
    watch_speed = words / watch_cpu
    print(
        f"{'watchfloor annotate+resolve':32}{watch_cpu:8.2f}  {watch_wall:9.2f}  {watch_speed:8.0f}"
    )
    print(f"{'  of which mentions+resolve':32}{median(watch, 'after_spacy_cpu_s'):8.2f}")
    ratio = watch_cpu / bare_cpu
    verdict = "within" if ratio <= BUDGET_RATIO else "OVER"
    print(f"{'ratio (CPU medians)':32}{ratio:8.3f}  ({verdict} the {BUDGET_RATIO:.2f} budget)")
    print(f"{'ratio (wall medians)':32}{watch_wall / bare_wall:8.3f}")
    print(f"{'per-round CPU ratios':32}{ratios[0]:8.3f} to {ratios[-1]:.3f}")
    return ratio


def prepare(source: str, count: int) -> tuple[Pipelines, int]:
    """Load both pipelines and warm them up on the texts (untimed); give the mention count."""
    settings = Settings()
    kb = load_knowledge()
    pipelines = Pipelines(
        bare=load_model(settings.spacy_model),
        full=build_pipeline(settings, kb),
        kb=kb,
        texts=load_texts(source, count),
        batch=settings.nlp_batch_size,
    )
    run_bare(pipelines.bare, pipelines.texts, pipelines.batch)
    docs = pipelines.full.pipe(pipelines.texts, batch_size=pipelines.batch)
    return pipelines, sum(len(find_mentions(doc, "warm-up")) for doc in docs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--source", choices=("ecbplus", "seeds"), default="ecbplus")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"{SHARED} is not present", file=sys.stderr)
        return 1
    pipelines, mentions = prepare(args.source, args.docs)
    rounds = [one_round(pipelines, number) for number in range(args.rounds)]
    bare, watch = [run[0] for run in rounds], [run[1] for run in rounds]
    words = sum(len(text.split()) for text in pipelines.texts)
    print(f"texts: {len(pipelines.texts)} ({args.source}), {words} words, {mentions} mentions")
    report(bare, watch, words)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
