"""The PySpark batch job (local[2]) and its load: the same store as `ingest` of the same rows."""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from watchfloor.batch.rows import decode_item, encode_item
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


def test_batch_cli_names_a_missing_input_or_output(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from watchfloor.cli import app

    runner = CliRunner()
    missing = str(tmp_path / "missing.jsonl")
    result = runner.invoke(app, ["batch", missing, "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "missing.jsonl: no such file or folder" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(app, ["load", str(tmp_path), "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 2
    assert "no finished batch output here" in result.output
    assert not (tmp_path / "w.db").exists()  # nothing created for a load that cannot start
