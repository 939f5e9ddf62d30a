"""The PySpark batch job (local[2]) and its load: the same store as `ingest` of the same rows."""

from __future__ import annotations

import dataclasses
import json
import shutil
import sys
import threading
import time
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from watchfloor.batch.rows import decode_item, encode_item
from watchfloor.batch.table import fail_table, finish_table, read_rows, start_table, write_partition
from watchfloor.demo import sample_corpus
from watchfloor.errors import InputError
from watchfloor.ingest.read import read_documents
from watchfloor.pipeline import build_pipeline
from watchfloor.records import Article, PartialDate, RawDocument, Rejected
from watchfloor.settings import Settings
from watchfloor.store import open_store


def test_batch_rows_round_trip() -> None:
    article = Article(
        doc_id="a\ud800", title="T", text="Body", published=PartialDate(2024, 5), outlet="O"
    )
    rejected = Rejected(doc_id="r", source="in.jsonl:3", stage="read", reason="empty")
    for item in (article, rejected):
        assert decode_item(*encode_item(item)) == item


def test_batch_load_refuses_a_folder_without_output(tmp_path: Path) -> None:
    from watchfloor.batch.load import load_batch

    store = open_store(str(tmp_path / "w.db"))
    with pytest.raises(InputError, match="no finished batch output"):
        load_batch(tmp_path, store, Settings())
    assert store.count("runs") == 0  # refused before a run was started


@pytest.fixture(scope="module")
def rows(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    """The sample articles and the pipeline fixtures as one JSONL file, plus two bad rows."""
    folder = tmp_path_factory.mktemp("rows")
    shutil.copytree(sample_corpus(), folder / "sample")
    shutil.copytree(data_dir / "pipeline", folder / "pipeline")
    lines = []
    for item in read_documents([folder], Settings()):
        assert isinstance(item, RawDocument), item
        fields = dataclasses.asdict(item)
        del fields["source"]
        lines.append(json.dumps({k: v for k, v in fields.items() if v is not None}))
    lines[3:3] = ["{not json", json.dumps({"doc_id": "empty", "text": "  "})]
    path = folder / "rows.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.model
@pytest.mark.spark
# py4j leaves its socket to the garbage collector when the session stops.
@pytest.mark.filterwarnings(
    "ignore:Exception ignored in. <socket.socket:pytest.PytestUnraisableExceptionWarning"
)
def test_batch_then_load_stores_what_ingest_stores(
    rows: Path, tmp_path: Path, snapshot: Callable[[Any], dict[str, Any]]
) -> None:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("PySpark needs Java, which is not installed")
    from watchfloor.batch.job import run_batch
    from watchfloor.batch.load import load_batch

    settings = Settings(db=str(tmp_path / "ingest.db"), processes=1)
    ingested = open_store(settings.db)
    expected = build_pipeline(ingested, settings).ingest([rows])
    assert expected.stored > 10
    assert expected.rejected_total == 2

    written = run_batch(str(rows), tmp_path / "out", Settings(), "local[2]", partitions=3)
    assert written == expected.stored + expected.rejected_total
    assert len(list((tmp_path / "out" / "parsed").glob("*.parquet"))) >= 2

    loaded = open_store(str(tmp_path / "load.db"))
    report = load_batch(tmp_path / "out", loaded, Settings(db=str(tmp_path / "load.db")))
    assert report.as_dict() == expected.as_dict()
    assert snapshot(loaded) == snapshot(ingested)
    again = load_batch(tmp_path / "out", loaded, Settings(db=str(tmp_path / "load.db")))
    assert (again.stored, again.unchanged) == (0, expected.stored)


def _needs_spark() -> None:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("PySpark needs Java, which is not installed")


@pytest.fixture(scope="module")
def few_rows(rows: Path) -> Path:
    """A handful of rows of `rows` (the two bad ones among them): quick to run twice."""
    path = rows.with_name("few.jsonl")
    lines = rows.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:9]), encoding="utf-8")
    return path


def _ingested(source: Path, db: Path) -> tuple[Any, Any]:
    """(report, store) of `ingest` of `source` in one process into a new store at `db`."""
    settings = Settings(db=str(db), processes=1)
    store = open_store(settings.db)
    return build_pipeline(store, settings).ingest([source]), store


def test_batch_table_is_read_in_order_while_it_is_written(tmp_path: Path) -> None:
    start_table(tmp_path, 3)
    parts = [[(0, "rejected", "{}", None)], [], [(1, "rejected", "{}", b"x"), (2, "a", "{}", None)]]

    def write_backwards() -> None:  # the last partition first: the reader must wait for 0
        for index in (2, 1, 0):
            time.sleep(0.05)
            write_partition(tmp_path, index, parts[index])
        finish_table(tmp_path)

    writer = threading.Thread(target=write_backwards)
    writer.start()
    rows = list(read_rows(tmp_path, running=writer.is_alive))
    writer.join()
    assert rows[0] is None  # said before waiting for partition 0
    assert [row["order"] for row in rows if row is not None] == [0, 1, 2]
    assert [row and row["order"] for row in read_rows(tmp_path)] == [0, 1, 2]  # no waiting
    assert not list(tmp_path.glob("parsed/.*"))  # no temporary file left behind


def test_batch_table_reader_stops_when_the_job_fails_or_ends_short(tmp_path: Path) -> None:
    start_table(tmp_path, 2)
    write_partition(tmp_path, 0, [(0, "rejected", "{}", None)])
    rows = read_rows(tmp_path, running=lambda: False)
    assert next(rows) == {"order": 0, "kind": "rejected", "record": "{}", "doc": None}
    assert next(rows) is None  # partition 1 is not there: a wait would come
    with pytest.raises(InputError, match=r"the batch job ended without writing part-00001"):
        next(rows)
    fail_table(tmp_path, "OSError: disk\nfull")
    with pytest.raises(InputError, match=r"the batch job stopped: OSError: disk full$"):
        list(read_rows(tmp_path, running=lambda: True))
    with pytest.raises(InputError, match="no finished batch output"):
        read_rows(tmp_path)  # at once, before a row is asked for


@pytest.mark.model
def test_batch_load_of_a_failed_job_keeps_its_batches_and_a_rerun_finishes(
    rows: Path, tmp_path: Path, snapshot: Callable[[Any], dict[str, Any]]
) -> None:
    """Without Spark: the job's partitions, written by its own code, and a failure midway."""
    from watchfloor.batch.job import parse_partition
    from watchfloor.batch.load import load_batch

    expected, ingested = _ingested(rows, tmp_path / "ingest.db")
    text = rows.read_text(encoding="utf-8").splitlines()
    lines = [(line, position) for position, line in enumerate(text)]
    cut = len(lines) // 2
    out = tmp_path / "out"
    start_table(out, 2)
    write_partition(out, 0, parse_partition(lines[:cut], str(rows), rows.stem, Settings()))
    fail_table(out, "ValueError: a worker died")

    settings = Settings(db=str(tmp_path / "load.db"), batch_size=4)
    loaded = open_store(settings.db)
    with pytest.raises(InputError, match="the batch job stopped: ValueError: a worker died"):
        load_batch(out, loaded, settings, running=lambda: True)
    kept = loaded.count_current_articles()
    assert 0 < kept < expected.stored  # the batches committed before the failure stay

    (out / "parsed" / "_FAILED").unlink()  # the rerun of the job writes the rest
    write_partition(out, 1, parse_partition(lines[cut:], str(rows), rows.stem, Settings()))
    finish_table(out)
    again = load_batch(out, loaded, settings)
    assert (again.unchanged, again.stored) == (kept, expected.stored - kept)
    assert snapshot(loaded) == snapshot(ingested)


@pytest.mark.model
@pytest.mark.spark
@pytest.mark.filterwarnings(
    "ignore:Exception ignored in. <socket.socket:pytest.PytestUnraisableExceptionWarning"
)
def test_batch_with_load_stores_what_ingest_stores(
    few_rows: Path, tmp_path: Path, snapshot: Callable[[Any], dict[str, Any]]
) -> None:
    _needs_spark()
    from watchfloor.batch.overlapped import batch_and_load

    expected, ingested = _ingested(few_rows, tmp_path / "ingest.db")
    assert expected.stored >= 5
    assert expected.rejected_total == 2
    settings = Settings(db=str(tmp_path / "load.db"), batch_size=2)
    loaded = open_store(settings.db)
    written, report = batch_and_load(
        str(few_rows), tmp_path / "out", loaded, settings, "local[2]", partitions=3
    )
    assert written == expected.stored + expected.rejected_total
    assert len(list((tmp_path / "out" / "parsed").glob("part-*.parquet"))) >= 3
    assert report.as_dict() == expected.as_dict()
    assert snapshot(loaded) == snapshot(ingested)


@pytest.mark.spark
@pytest.mark.filterwarnings(
    "ignore:Exception ignored in. <socket.socket:pytest.PytestUnraisableExceptionWarning"
)
def test_batch_with_load_names_the_spark_failure_in_one_line(
    few_rows: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _needs_spark()
    from typer.testing import CliRunner

    from watchfloor.cli import app

    monkeypatch.setenv("WATCHFLOOR_SPACY_MODEL", "no_such_model")  # every worker fails
    db = tmp_path / "w.db"
    command = ["batch", str(few_rows), "--out", str(tmp_path / "out"), "--master", "local[2]"]
    result = CliRunner().invoke(app, [*command, "--load", "--db", str(db)])
    assert result.exit_code == 2, result.output
    assert "the batch job stopped: " in result.output
    assert "no_such_model" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_batch_cli_names_a_missing_input_or_output(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from watchfloor.cli import app

    runner = CliRunner()
    missing = str(tmp_path / "missing.jsonl")
    result = runner.invoke(app, ["batch", missing, "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "missing.jsonl: no such file or folder" in result.output
    assert "Traceback" not in result.output
    db = str(tmp_path / "w.db")
    result = runner.invoke(app, ["batch", missing, "--out", str(tmp_path), "--load", "--db", db])
    assert (result.exit_code, result.output.count("no such file or folder")) == (2, 1)
    assert not (tmp_path / "w.db").exists()
    result = runner.invoke(app, ["load", str(tmp_path), "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 2
    assert "no finished batch output here" in result.output
    assert not (tmp_path / "w.db").exists()  # nothing created for a load that cannot start


def _fake_spark_home(folder: Path, writes_archive: bool) -> Path:
    """A SPARK_HOME whose spark-submit logs each call and writes the archive asked for, or fails."""
    script = folder / "bin" / "spark-submit"
    script.parent.mkdir(parents=True)
    body = [
        f"#!{sys.executable}",
        "import re, sys",
        f"open({str(folder / 'calls')!r}, 'a').write('call\\n')",
        "options = ' '.join(sys.argv)",
        "path = re.search(r'-XX:ArchiveClassesAtExit=(\\S+)', options).group(1)",
        "open(path, 'wb').write(b'archive')" if writes_archive else "sys.exit(1)",
    ]
    script.write_text("\n".join(body) + "\n", encoding="utf-8")
    script.chmod(0o755)
    return folder


def _calls(spark_home: Path) -> int:
    calls = spark_home / "calls"
    return len(calls.read_text().splitlines()) if calls.exists() else 0


def test_batch_jvm_takes_the_quick_options_only_without_a_cache_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from watchfloor.batch import jvm

    monkeypatch.setenv("WATCHFLOOR_CACHE_DIR", "")
    assert jvm.make_class_archive() is None
    assert jvm.driver_java_options() == jvm.QUICK_JVM


def test_batch_jvm_makes_the_class_archive_once_and_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("the archive is made by Java, which is not installed")
    from watchfloor.batch import jvm

    cache = tmp_path / "cache"
    monkeypatch.setenv("WATCHFLOOR_CACHE_DIR", str(cache))
    spark_home = _fake_spark_home(tmp_path / "spark", writes_archive=True)
    monkeypatch.setenv("SPARK_HOME", str(spark_home))
    cache.mkdir()
    stale = cache / f"{jvm.ARCHIVE_PREFIX}-of-another-version.jsa"
    stale.write_bytes(b"old")
    assert jvm.driver_java_options() == jvm.QUICK_JVM  # none yet
    archive = jvm.make_class_archive()
    assert archive is not None
    assert archive.read_bytes() == b"archive"
    assert jvm.make_class_archive() == archive
    assert _calls(spark_home) == 1
    assert jvm.driver_java_options() == f"{jvm.QUICK_JVM} -XX:SharedArchiveFile={archive}"
    assert not stale.exists()
    assert not list(cache.glob(".*.tmp"))


def test_batch_jvm_tries_a_failing_archive_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("the archive is made by Java, which is not installed")
    from watchfloor.batch import jvm

    monkeypatch.setenv("WATCHFLOOR_CACHE_DIR", str(tmp_path / "cache"))
    spark_home = _fake_spark_home(tmp_path / "spark", writes_archive=False)
    monkeypatch.setenv("SPARK_HOME", str(spark_home))
    assert jvm.make_class_archive() is None
    assert jvm.make_class_archive() is None
    assert _calls(spark_home) == 1  # the .failed file stops later runs from trying again
    assert jvm.driver_java_options() == jvm.QUICK_JVM


def test_batch_daemon_starts_when_the_pipeline_cannot_be_built(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from watchfloor.batch import daemon, job

    monkeypatch.setenv(daemon.PIPELINE_ENV, json.dumps(["no_such_model", None]))
    daemon.prepare()  # the workers' own build reports the error
    assert capsys.readouterr().out == ""  # stdout carries the daemon's port to the JVM
    assert ("no_such_model", None) not in job._pipelines


@pytest.mark.parametrize("value", [None, "", "0", "-5", "ten"])
def test_batch_daemon_keeps_its_priority_unless_asked_for_a_lower_one(
    value: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from watchfloor.batch import daemon

    if value is None:
        monkeypatch.delenv(daemon.NICENESS_ENV, raising=False)
    else:
        monkeypatch.setenv(daemon.NICENESS_ENV, value)
    before = os.nice(0)
    daemon.lower_priority()
    assert os.nice(0) == before


@pytest.mark.model
@pytest.mark.spark
@pytest.mark.filterwarnings(
    "ignore:Exception ignored in. <socket.socket:pytest.PytestUnraisableExceptionWarning"
)
def test_batch_daemon_gives_each_worker_the_pipeline_built_and_a_lower_priority(
    tmp_path: Path,
) -> None:
    _needs_spark()
    import os

    from watchfloor.batch.overlapped import WORKER_NICENESS, start_spark_beside_load

    settings = Settings()
    spark = start_spark_beside_load("local[2]", settings)  # local: the workers yield
    try:

        def built(_: Any) -> list[tuple[bool, int]]:
            from watchfloor.batch import job

            key = (settings.spacy_model, settings.actors_file)
            return [(key in job._pipelines, os.nice(0))]  # before this task asked for it

        tasks = spark.sparkContext.parallelize(range(4), 4).mapPartitions(built)
        assert tasks.collect() == [(True, os.nice(0) + WORKER_NICENESS)] * 4
    finally:
        spark.stop()


def test_batch_daemon_drops_only_the_archives_of_the_installed_pyspark(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pyspark")
    import importlib.util

    from watchfloor.batch import daemon

    spec = importlib.util.find_spec("pyspark")
    assert spec is not None
    assert spec.submodule_search_locations
    home = Path(list(spec.submodule_search_locations)[0])
    archives = [str(home / "python" / "lib" / "pyspark.zip"), str(home / "jars" / "core.jar")]
    other = str(tmp_path / "user-code.zip")  # shipped with --py-files, say: kept
    installed = [entry for entry in sys.path if not entry.endswith((".zip", ".jar"))]
    monkeypatch.setattr(sys, "path", [*archives, other, *installed])
    # A namespace package found in an archive ("org" in spark-core.jar), and its finder.
    found_inside = types.ModuleType("watchfloor_test_namespace")
    found_inside.__path__ = [archives[1] + "/org"]
    monkeypatch.setitem(sys.modules, found_inside.__name__, found_inside)
    monkeypatch.setitem(sys.path_importer_cache, archives[1] + "/org", None)
    daemon.drop_spark_archives()
    assert sys.path == [other, *installed]
    assert found_inside.__name__ not in sys.modules
    assert archives[1] + "/org" not in sys.path_importer_cache
    # Without the installed package, the archives are all PySpark there is: kept.
    monkeypatch.setattr(sys, "path", [*archives, str(tmp_path)])
    daemon.drop_spark_archives()
    assert sys.path == [*archives, str(tmp_path)]
