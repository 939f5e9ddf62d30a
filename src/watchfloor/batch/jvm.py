"""The JVM that a local batch job starts: quick-start options and a class archive.

Needs: pyspark and Java 17 or later; the cache folder of `resolve/knowledge_cache.py`
(none: no archive). Gives: `driver_java_options`, the `spark.driver.extraJavaOptions`
of a session this process starts itself (under spark-submit the JVM is already
running, and the options are ignored).

Spark's JVM does little in a batch job (it hands text to the Python workers), yet
starting it costs about 10 s of CPU, most of it loading and checking some ten
thousand classes. Two things cut that:

* the quick compiler only and one garbage-collector thread;
* Java's class-data sharing: an archive of those classes, already parsed and
  checked, mapped in at start. It halves the JVM's start-up CPU (10 s to 5 s,
  measured with and without on the development machine). The archive
  (about 100 MB) is made once, by `make_class_archive`: a short `spark-submit`
  run on two local cores whose JVM writes the classes it loaded as it exits
  (`-XX:ArchiveClassesAtExit`); about 45 s of CPU, paid by the first local
  batch job (or by calling it first, as the benchmark does). It is named by a
  digest of the PySpark version, the JVM options and the `java` that runs it,
  so another version makes another archive; a JVM that finds an archive it
  cannot use (another Java build) starts without it. When making it fails, a
  `.failed` file of the same name keeps later runs from trying again.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from watchfloor.resolve.knowledge_cache import cache_dir

QUICK_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
ARCHIVE_PREFIX = "spark-classes"
# Making the archive: a job with one Python worker per core over a few lines, read
# both ways `watchfloor batch` reads a JSONL input (Spark's reader, and ranges the
# workers read), so the classes of its tasks are in the archive too.
_TRAINING_JOB = """
import sys
from pyspark.sql import SparkSession
spark = SparkSession.builder.appName("watchfloor class archive").getOrCreate()
lines = spark.sparkContext.textFile(sys.argv[1], minPartitions=2).zipWithIndex()
lines.mapPartitionsWithIndex(lambda index, rows: [sum(1 for _ in rows)]).collect()
ranges = spark.sparkContext.parallelize([(0, 1), (1, 2)], 2).flatMap(lambda r: [r])
ranges.mapPartitionsWithIndex(lambda index, rows: [sum(1 for _ in rows)]).collect()
spark.stop()
"""
_TRAINING_TIMEOUT_S = 600


def driver_java_options() -> str:
    """The driver JVM's options: the quick-start ones, and the class archive when there is one."""
    archive = class_archive()
    if archive is None or not archive.is_file():
        return QUICK_JVM
    return f"{QUICK_JVM} -XX:SharedArchiveFile={archive}"


def class_archive() -> Path | None:
    """Where this installation's class archive is or would be; None without a cache folder."""
    folder = cache_dir()
    java = shutil.which("java", path=_java_path())
    if folder is None or java is None:
        return None
    import pyspark

    java_file = Path(java).resolve()
    stat = java_file.stat()
    key = f"{pyspark.__version__}:{QUICK_JVM}:{java_file}:{stat.st_size}:{stat.st_mtime_ns}"
    key += _TRAINING_JOB
    return folder / f"{ARCHIVE_PREFIX}-{hashlib.sha256(key.encode()).hexdigest()[:24]}.jsa"


def make_class_archive() -> Path | None:
    """The class archive, made now if it is missing; None when there is none to use.

    Made at most once per archive name: a failure leaves a `.failed` file instead,
    and later runs start without an archive, as before it existed.
    """
    archive = class_archive()
    if archive is None or archive.is_file():
        return archive
    failed = archive.with_suffix(".failed")
    if failed.exists():
        return None
    archive.parent.mkdir(parents=True, exist_ok=True)
    temporary = archive.with_name(f".{archive.name}.{os.getpid()}.tmp")
    with tempfile.TemporaryDirectory() as folder:
        job, lines = Path(folder) / "archive_job.py", Path(folder) / "lines.txt"
        job.write_text(_TRAINING_JOB, encoding="utf-8")
        lines.write_text("a\nb\nc\nd\n", encoding="utf-8")
        options = f"{QUICK_JVM} -XX:ArchiveClassesAtExit={temporary}"
        command = [
            str(_spark_home() / "bin" / "spark-submit"),
            *("--master", "local[2]", "--conf", "spark.ui.enabled=false"),
            *("--conf", f"spark.driver.extraJavaOptions={options}"),
            *(str(job), str(lines)),
        ]
        environment = {**os.environ, "PYSPARK_PYTHON": sys.executable}
        try:
            # The JVM writes the archive as it exits; spark-submit returns after that.
            done = subprocess.run(
                command,
                env=environment,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=_TRAINING_TIMEOUT_S,
                check=False,
            )
            if done.returncode == 0 and temporary.is_file():
                os.replace(temporary, archive)
                _remove_stale(archive)
                return archive
        except (OSError, subprocess.SubprocessError):
            pass
        finally:
            temporary.unlink(missing_ok=True)
    failed.touch()
    return None


def _remove_stale(archive: Path) -> None:
    """Archives of other versions: unused from now on, and each about 100 MB."""
    for stale in archive.parent.glob(f"{ARCHIVE_PREFIX}-*.jsa"):
        if stale != archive:
            stale.unlink(missing_ok=True)


def _spark_home() -> Path:
    """Where spark-submit is: $SPARK_HOME, else the pyspark package (pip's layout)."""
    import pyspark

    home = os.environ.get("SPARK_HOME")
    return Path(home) if home else Path(pyspark.__file__).parent


def _java_path() -> str | None:
    """The PATH that Spark's scripts look for `java` in: $JAVA_HOME/bin first."""
    home = os.environ.get("JAVA_HOME")
    if not home:
        return None
    return os.pathsep.join([str(Path(home) / "bin"), os.environ.get("PATH", "")])
