"""A pause point for the kill -9 tests (issue 9): nothing happens unless a test asks.

With `WATCHFLOOR_TEST_PAUSE_AT=<point>` in the environment, the run prints
"paused at <point>" to stderr when it first reaches that point, then sleeps, so that
the test can kill it there. Points: `batch` (just after a batch commits), `after-commit`
(after the last batch commits, before fusion) and `fusion` (inside the first fusion
transaction, before it commits).
"""

from __future__ import annotations

import os
import sys
import time

PAUSE_S = 120.0  # long enough for any test to notice the pause and kill the process


def pause_at(point: str) -> None:
    """Sleep at `point` when WATCHFLOOR_TEST_PAUSE_AT names it (a test hook)."""
    if os.environ.get("WATCHFLOOR_TEST_PAUSE_AT") == point:
        print(f"paused at {point}", file=sys.stderr, flush=True)
        time.sleep(PAUSE_S)
