"""Quality gate: score the bundled sample corpus (and the seeds and the 16 wire reports of
tbaq.jsonl, when ../shared exists).

Fails when a score drops below its floor in eval_floors.json. Floors only move
down with the explicit flag --lower-floors, which writes today's figures.

    python scripts/eval_gate.py [--lower-floors]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from pathlib import Path
from typing import Any

from watchfloor import evaluate, query
from watchfloor.demo import sample_corpus
from watchfloor.pipeline import build_pipeline
from watchfloor.settings import load_settings
from watchfloor.store import open_store

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ROOT / "eval_floors.json"
SEEDS = ROOT.parent / "shared"
GATED = {
    "events": ("precision", "recall", "f1"),
    "actors": ("precision", "recall", "f1", "merged_share"),
    "duplicates": ("precision", "recall"),
}


def score_corpus(corpus: Path, gold_path: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        settings = load_settings(db=str(Path(folder) / "gate.db"))
        store = open_store(settings.db)
        build_pipeline(store, settings).ingest([corpus])
        gold = evaluate.load_gold(gold_path)
        report = evaluate.score(gold, query.predictions(store, [d["doc_id"] for d in gold]))
        store.close()
    return report


def gated_figures(report: dict[str, Any]) -> dict[str, dict[str, float]]:
    return {part: {key: report[part][key] for key in keys} for part, keys in GATED.items()}


def rounded_down(figures: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """Floors to three decimals, cut down, so that float noise never fails the gate."""
    return {
        part: {key: math.floor(value * 1000) / 1000 for key, value in scores.items()}
        for part, scores in figures.items()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--lower-floors", action="store_true", help="write today's figures as the floors"
    )
    args = parser.parse_args()
    corpora = {"sample": (sample_corpus(), sample_corpus().parent / "gold.jsonl")}
    if (SEEDS / "gold" / "seeds.jsonl").is_file():
        corpora["seeds"] = (SEEDS / "corpus" / "seeds", SEEDS / "gold" / "seeds.jsonl")
    if (SEEDS / "gold" / "tbaq.jsonl").is_file():
        corpora["tbaq"] = (SEEDS / "gold" / "tbaq-articles.jsonl", SEEDS / "gold" / "tbaq.jsonl")
    floors = json.loads(FLOORS.read_text(encoding="utf-8")) if FLOORS.is_file() else {}
    failures = []
    for name, (corpus, gold_path) in corpora.items():
        figures = gated_figures(score_corpus(corpus, gold_path))
        print(f"{name}: {json.dumps(figures)}")
        if args.lower_floors:
            floors[name] = rounded_down(figures)
        missed = evaluate.check_floors(figures, floors.get(name, {}))
        failures += [f"{name}: {message}" for message in missed]
    if args.lower_floors:
        FLOORS.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"floors written to {FLOORS}")
        return 0
    for failure in failures:
        print(f"below floor: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
