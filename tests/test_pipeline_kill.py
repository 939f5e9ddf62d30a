"""kill -9 during `watchfloor ingest`, then a second run: nothing lost, nothing twice (issue 9).

The ingest runs as a real subprocess. `WATCHFLOOR_TEST_PAUSE_AT` (see
`watchfloor/_pause.py`) makes it stop and say so at one point, where the test
kills it with SIGKILL: after the first batch commits, after the last batch
commits but before fusion, and inside the first fusion transaction. The second,
uninterrupted run must leave the store as one uninterrupted run leaves it, and
the killed run's parse workers must not outlive it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psutil
import pytest

from watchfloor.store import EventFilter, open_store

pytestmark = pytest.mark.model

WAIT_S = 300.0  # loading spaCy on a busy machine can take a while
WORKERS_GONE_S = 30.0  # parse workers notice their parent's death within seconds


def _command(db: Path, paths: list[Path]) -> list[str]:
    """`watchfloor ingest PATHS --db DB`, through the installed entry point's code."""
    entry = "from watchfloor.cli import app; app()"
    return [sys.executable, "-c", entry, "ingest", *map(str, paths), "--db", str(db)]


def _environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WATCHFLOOR_")}
    # Two articles a batch, so that there are several commits to be killed between.
    return {**env, "WATCHFLOOR_BATCH_SIZE": "2", **extra}


def _ingest(db: Path, paths: list[Path]) -> None:
    done = subprocess.run(_command(db, paths), env=_environment(), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def _ingest_and_kill(db: Path, paths: list[Path], point: str, folder: Path) -> None:
    """Start an ingest that pauses at `point`, and SIGKILL it once it says it has."""
    log = folder / f"{point}.stderr"
    with log.open("w") as err:
        process = subprocess.Popen(
            _command(db, paths),
            env=_environment(WATCHFLOOR_TEST_PAUSE_AT=point),
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        deadline = time.monotonic() + WAIT_S
        while f"paused at {point}" not in log.read_text(errors="replace"):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"ingest never paused at {point}: {log.read_text()[-2000:]}")
            time.sleep(0.1)
        workers = psutil.Process(process.pid).children(recursive=True)
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    _, alive = psutil.wait_procs(workers, timeout=WORKERS_GONE_S)
    assert not alive, f"parse workers outlived the killed ingest: {[w.pid for w in alive]}"


def _state(db: Path) -> dict[str, Any]:
    store = open_store(db, create=False)
    articles = [a.doc_id for a in store.iter_articles()]
    fused = list(store.iter_canonical_events(EventFilter()))
    state = {
        "articles": sorted(articles),
        "versions": store.count("articles"),
        "events": sorted(e.doc_id + e.type for e in store.read_events()),
        "fused": fused,
        "sources": store.read_event_sources([e["canonical_id"] for e in fused]),
        "duplicates": store.read_duplicates(),
        "stories": store.read_stories(),
        "pending": store.read_fusion_pending(),
    }
    store.close()
    return state


@pytest.fixture(scope="module")
def inputs(data_dir: Path) -> list[Path]:
    return [data_dir / "pipeline" / "tanks", data_dir / "pipeline" / "undated"]


@pytest.fixture(scope="module")
def expected(inputs: list[Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    db = tmp_path_factory.mktemp("whole") / "w.db"
    _ingest(db, inputs)
    state = _state(db)
    assert state["fused"], "the inputs must give fused events"
    assert state["duplicates"], "the inputs must give copies"
    return state


@pytest.mark.parametrize("point", ["batch", "after-commit", "fusion"])
def test_pipeline_kill_9_then_rerun_loses_nothing_and_stores_nothing_twice(
    point: str, inputs: list[Path], expected: dict[str, Any], tmp_path: Path
) -> None:
    db = tmp_path / "w.db"
    _ingest_and_kill(db, inputs, point, tmp_path)
    interrupted = _state(db)
    if point != "batch":
        assert interrupted["articles"] == expected["articles"]  # committed before the kill
        assert interrupted["pending"], "the unfused work must be queued in the store"
    _ingest(db, inputs)
    assert _state(db) == expected
