"""Exports of fused events: CSV, JSON Lines, Parquet and PLOVER JSON round-trip `events --json`."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from watchfloor.cli import app
from watchfloor.export import write_events, write_parquet
from watchfloor.export.table import CSV_COLUMNS
from watchfloor.pipeline import fuse_store
from watchfloor.records import Analysis, Article, Event, PartialDate, Place, Quantity
from watchfloor.settings import Settings
from watchfloor.store import open_store

# (doc_id, published, outlet, type, actor, recipient, status, quantity, place, evidence)
REPORTS = [
    ("e1", "2025-03-02", "Courier", "AID", "VRN", "OST", "asserted", 40, Place("OST", "Brenn"),
     "Varnholm delivered 40 tanks to Ostrava in Brenn."),
    ("e2", "2025-03-03", "Herald", "AID", "VRN", "OST", "asserted", 45, Place("OST"),
     "Varnholm delivered 45 tanks to Ostrava in Brenn, officials said."),
    ("e3", "2025-04-10", "Courier", "THREATEN", "OST", "VRN", "future", None, None,
     "Ostrava threatened Varnholm with reprisals."),
    ("e4", None, None, "REJECT", "OST", "KLM", "asserted", None, Place("KLM", "Tarn"),
     "Ostrava rejected Kalmar's demands at a meeting in Tarn."),
]  # fmt: skip


@pytest.fixture
def db(tmp_path: Path) -> str:
    """Three fused events; the tanks are one event reported twice, disagreeing on the number."""
    store = open_store(tmp_path / "export.db")
    with store.transaction():
        for (
            doc_id,
            published,
            outlet,
            type_,
            actor,
            recipient,
            status,
            amount,
            place,
            text,
        ) in REPORTS:
            day = PartialDate.parse(published) if published else None
            article = Article(doc_id, "", text, day, content_hash=doc_id, outlet=outlet)
            store.write_article(article)
            quantity = Quantity(amount, "tanks", text=f"{amount} tanks") if amount else None
            event = Event(
                doc_id, type_, (actor,), (recipient,), status, text, 0, len(text),
                context=("military",), quantity=quantity, place=place, score=7.0,
                date=PartialDate(2025, 3, 1) if type_ == "AID" else None,
            )  # fmt: skip
            store.write_analysis(Analysis(doc_id, events=(event,)))
    fuse_store(store, Settings())
    store.close()
    return str(tmp_path / "export.db")


def _events_json(db: str, *filters: str) -> list[dict[str, Any]]:
    result = CliRunner().invoke(app, ["events", "--json", "--db", db, *filters])
    assert result.exit_code == 0, result.output
    found: list[dict[str, Any]] = json.loads(result.stdout)
    return found


def _export(db: str, tmp_path: Path, format: str, *filters: str) -> Path:
    path = tmp_path / f"out.{format}"
    result = CliRunner().invoke(
        app, ["export", "--format", format, "-o", str(path), "--db", db, *filters]
    )
    assert result.exit_code == 0, result.output
    return path


def test_export_parquet_reads_back_as_events_json(db: str, tmp_path: Path) -> None:
    expected = _events_json(db)
    assert len(expected) == 3
    assert pq.read_table(_export(db, tmp_path, "parquet")).to_pylist() == expected


def test_export_parquet_keeps_the_filters_of_events(db: str, tmp_path: Path) -> None:
    for filters in (
        ["--actor", "OST"],
        ["--place", "Brenn"],
        ["--place", "OST"],
        ["--type", "aid"],
    ):
        table = pq.read_table(_export(db, tmp_path, "parquet", *filters))
        assert table.to_pylist() == _events_json(db, *filters), filters


def test_export_jsonl_is_events_json_line_by_line(db: str, tmp_path: Path) -> None:
    lines = _export(db, tmp_path, "jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == _events_json(db)


def test_export_plover_records_carry_the_same_events(db: str, tmp_path: Path) -> None:
    lines = _export(db, tmp_path, "plover").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    events = _events_json(db)
    assert [r["id"] for r in records] == [e["canonical_id"] for e in events]
    tanks = records[0]
    assert {"id", "event_type", "mode", "context", "actor", "recipient", "event_text",
            "text_info", "status", "quantities", "place", "mentions"} <= set(tanks)  # fmt: skip
    assert (tanks["event_type"], tanks["quad_code"], tanks["status"]) == ("AID", 2, "asserted")
    assert tanks["actor"] == [{"code": "VRN"}]
    assert tanks["recipient"] == [{"code": "OST"}]
    assert tanks["context"] == ["military"]
    assert tanks["event_text"] == [REPORTS[0][-1], REPORTS[1][-1]]
    assert tanks["text_info"][1] == {"doc_id": "e2", "start": 0, "end": len(REPORTS[1][-1])}
    assert [q["value"] for q in tanks["quantities"]] == [40, 45]
    assert tanks["place"] == {"country": "OST", "name": "Brenn"}
    assert tanks["event_loc"] == {"country_code": "OST", "extracted_place": "Brenn"}
    assert [m["outlet"] for m in tanks["mentions"]] == ["Courier", "Herald"]
    assert [c["field"] for c in tanks["conflicts"]] == ["quantity"]
    for record, event in zip(records, events, strict=True):
        assert [m["doc_id"] for m in record["mentions"]] == [s["doc_id"] for s in event["sources"]]


def test_export_csv_has_one_row_per_fused_event(db: str, tmp_path: Path) -> None:
    text = _export(db, tmp_path, "csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    tanks = rows[0]
    assert (tanks["doc_ids"], tanks["outlets"], tanks["conflicts"]) == (
        "e1;e2", "Courier;Herald", "quantity",
    )  # fmt: skip
    assert (tanks["place_country"], tanks["place_name"], tanks["quantity_value"]) == (
        "OST", "Brenn", "40.0",
    )  # fmt: skip
    assert [s["doc_id"] for s in json.loads(tanks["sources"])] == ["e1", "e2"]
    assert [row["canonical_id"] for row in rows] == [e["canonical_id"] for e in _events_json(db)]


def test_export_gold_writes_every_report(db: str, tmp_path: Path) -> None:
    lines = _export(db, tmp_path, "gold").read_text(encoding="utf-8").splitlines()
    reports = [json.loads(line) for line in lines]
    assert [r["doc_id"] for r in reports] == ["e1", "e2", "e3", "e4"]
    assert reports[0]["place"] == {"country": "OST", "name": "Brenn"}


def test_export_parquet_writes_one_batch_at_a_time(tmp_path: Path) -> None:
    read: list[int] = []

    def events() -> Iterator[dict[str, Any]]:
        for number in range(5):
            read.append(number)
            yield {"canonical_id": f"c{number}", "type": "AID", "actor": ["VRN"], "sources": []}

    path = tmp_path / "batches.parquet"
    assert write_parquet(events(), path, batch_rows=2) == 5
    assert pq.ParquetFile(path).metadata.num_row_groups == 3
    assert pq.read_table(path).column("canonical_id").to_pylist() == [f"c{n}" for n in range(5)]


def test_export_text_writer_refuses_parquet() -> None:
    from watchfloor.errors import InputError

    with pytest.raises(InputError, match="parquet is binary"):
        write_events([], "parquet", io.StringIO())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"],
         "Error: --format must be one of csv, jsonl, parquet, plover, gold, got 'xml'\n"),
        (["--format", "parquet"],
         "Error: --format parquet writes a binary file: give --output FILE\n"),
        (["--format", "gold", "--actor", "OST"],
         "Error: --format gold writes every coded report and takes no filters\n"),
        (["--place", "Brenn", "--since", "2025-02-30"],
         "Error: --since must be a date like 2024-05-01, 2024-05 or 2024, got '2025-02-30'\n"),
    ],
)  # fmt: skip
def test_export_bad_options_are_one_line(db: str, args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["export", *args, "--db", db])
    assert (result.exit_code, result.stderr) == (2, message)


def test_export_parquet_to_a_missing_folder_is_one_line(db: str, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "events.parquet"
    result = CliRunner().invoke(
        app, ["export", "--format", "parquet", "-o", str(missing), "--db", db]
    )
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: cannot write to {str(missing)!r}: No such file or directory\n",
    )
