"""Spark's Python worker daemon, with the spaCy pipeline built before any worker is forked.

Needs: pyspark; `PIPELINE_ENV` in the environment (`job.start_spark` passes it to
the executors): the spaCy model and actor dictionary of the job, as JSON.
Gives: a module for `spark.python.daemon.module`, run as `python -m
watchfloor.batch.daemon`: it builds the pipeline (`job.prepare_pipeline`), then
runs PySpark's own daemon, which forks one Python worker per task slot. Each
worker starts with the pipeline already built (inherited, never copied) instead
of building its own: one build per executor instead of one per worker. When the
build fails here (a model that is not installed), the daemon starts all the
same, and the worker's own build reports the error.

Before that, PySpark is imported from its installed package rather than from the
archives Spark puts first on the workers' path (`pyspark.zip`, py4j's zip and
`spark-core.jar`, all inside that package), when the package is there. A worker
calls `importlib.invalidate_caches()` before every task, which reads the
directory of each archive on the path again: a task that does nothing cost
0.30-0.37 s of worker CPU with them on the development machine (more than parsing
a short article), about 1 ms without (docs/batch.md).
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import sys

PIPELINE_ENV = "WATCHFLOOR_BATCH_PIPELINE"
NICENESS_ENV = "WATCHFLOOR_BATCH_NICENESS"


def lower_priority() -> None:
    """Add `NICENESS_ENV` (when set) to this process's niceness; the workers inherit it."""
    wanted = os.environ.get(NICENESS_ENV, "")
    if wanted.isdigit() and int(wanted) > 0:
        os.nice(int(wanted))


def prepare() -> None:
    """Build the pipeline `PIPELINE_ENV` names; nothing when it is unset or the build fails."""
    wanted = os.environ.get(PIPELINE_ENV)
    if not wanted:
        return
    # The daemon tells the JVM its port on stdout: nothing else may be written there.
    with contextlib.redirect_stdout(sys.stderr):
        try:
            from watchfloor.batch.job import prepare_pipeline

            spacy_model, actors_file = json.loads(wanted)
            prepare_pipeline(spacy_model, actors_file)
        except Exception:  # reported by the workers, whose own build fails the same way
            pass


def drop_spark_archives() -> None:
    """Take PySpark's own archives off `sys.path` when the installed package can stand in.

    Only archives inside the installed `pyspark` folder (the same release) are
    dropped, and only when `pyspark` and `py4j` are found without them.
    """
    from importlib.machinery import PathFinder

    archives = [entry for entry in sys.path if entry.endswith((".zip", ".jar"))]
    rest = [entry for entry in sys.path if entry not in archives]
    pyspark, py4j = PathFinder.find_spec("pyspark", rest), PathFinder.find_spec("py4j", rest)
    if pyspark is None or py4j is None or not pyspark.submodule_search_locations:
        return
    home = os.path.realpath(list(pyspark.submodule_search_locations)[0])
    ours = [entry for entry in archives if os.path.realpath(entry).startswith(home + os.sep)]
    sys.path[:] = [entry for entry in sys.path if entry not in ours]

    def inside(path: str) -> bool:
        return any(path == entry or path.startswith(entry + os.sep) for entry in ours)

    # Their finders too, and the namespace packages found in them: "org", from
    # spark-core.jar, which `copy` and `pickle` look into for Jython's `org.python`.
    for key in list(sys.path_importer_cache):
        if inside(key):
            del sys.path_importer_cache[key]
    for name, module in list(sys.modules.items()):
        paths = list(getattr(module, "__path__", None) or [])
        if getattr(module, "__file__", None) is None and paths and all(map(inside, paths)):
            del sys.modules[name]


if __name__ == "__main__":
    drop_spark_archives()
    lower_priority()
    prepare()
    from pyspark import daemon

    gc.freeze()
    daemon.manager()  # type: ignore[no-untyped-call,unused-ignore]  # typed in some PySpark releases only
