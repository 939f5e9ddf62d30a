"""Reading every input format: order, doc_id rules, sources, stdin and feeds."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from watchfloor.ingest.read import read_documents
from watchfloor.records import RawDocument, Rejected
from watchfloor.settings import Settings

SETTINGS = Settings()


@pytest.fixture(scope="module")
def formats_dir(data_dir: Path) -> Path:
    return data_dir / "ingest" / "formats"


def read_all(*paths: str | Path, settings: Settings = SETTINGS) -> list[RawDocument | Rejected]:
    return list(read_documents(list(paths), settings))


def by_id(items: list[RawDocument | Rejected]) -> dict[str, RawDocument | Rejected]:
    return {item.doc_id: item for item in items}


def test_read_folder_in_stable_name_order(formats_dir: Path) -> None:
    sources = [item.source.removeprefix(str(formats_dir) + "/") for item in read_all(formats_dir)]
    assert sources == [
        "many.json[0]",
        "many.json[1]",
        "notes",
        "one.json",
        "page.html",
        "plain.txt",
        "records.csv:2",
        "records.csv:3",
        "records.jsonl:1",
        "records.jsonl:2",
        "records.jsonl:4",
        "wire.atom#1",
        "wire.rss#1",
        "wire.rss#2",
        "wire.rss#3",
    ]


def test_read_text_file_doc_id_is_stem(formats_dir: Path) -> None:
    [doc] = read_all(formats_dir / "plain.txt")
    assert isinstance(doc, RawDocument)
    assert (doc.doc_id, doc.source, doc.html) == ("plain", str(formats_dir / "plain.txt"), None)
    assert doc.text is not None
    assert doc.text.startswith("Home » World » Harbour pilots strike")


def test_read_html_file_keeps_html_for_clean(formats_dir: Path) -> None:
    [doc] = read_all(formats_dir / "page.html")
    assert isinstance(doc, RawDocument)
    assert doc.doc_id == "page"
    assert doc.text is None
    assert doc.html is not None
    assert "<h1>Glacier monitoring station opens in Greenland</h1>" in doc.html


def test_read_file_without_suffix_is_sniffed_as_text(formats_dir: Path) -> None:
    [doc] = read_all(formats_dir / "notes")
    assert isinstance(doc, RawDocument)
    assert doc.doc_id == "notes"
    assert doc.text is not None


def test_read_jsonl_fields_ids_and_line_sources(formats_dir: Path) -> None:
    docs = by_id(read_all(formats_dir / "records.jsonl"))
    assert list(docs) == ["rail-2024-001", "records:2", "records:4"]
    first = docs["rail-2024-001"]
    assert first == RawDocument(
        doc_id="rail-2024-001",
        source=f"{formats_dir / 'records.jsonl'}:1",
        text="The night train between Vienna and Paris resumed service on Monday after a "
        "two-year gap, the operator said.",
        title="Night train returns",
        url="https://example.org/rail/1",
        outlet="Rail Wire",
        published="2024-04-08",
        language="en",
    )
    html_record = docs["records:4"]
    assert isinstance(html_record, RawDocument)
    assert html_record.text is None
    assert html_record.html is not None
    assert html_record.html.startswith("<p>Engineers finished")


def test_read_csv_rows_with_quoted_fields(formats_dir: Path) -> None:
    docs = by_id(read_all(formats_dir / "records.csv"))
    assert list(docs) == ["csv-a", "records:3"]
    second = docs["records:3"]
    assert isinstance(second, RawDocument)
    assert second.text == (
        'The vote on the harbour budget was postponed by a week, "to give members time to '
        'read it", the speaker said.'
    )
    assert second.published is None  # an empty cell is no value
    assert docs["csv-a"].source.endswith("records.csv:2")


def test_read_json_object_and_list(formats_dir: Path) -> None:
    [one] = read_all(formats_dir / "one.json")
    assert (one.doc_id, one.source) == ("one", str(formats_dir / "one.json"))
    assert [doc.doc_id for doc in read_all(formats_dir / "many.json")] == ["list-first", "many[1]"]


def test_read_rss_feed_entries(formats_dir: Path) -> None:
    first, empty, third = read_all(formats_dir / "wire.rss")
    assert isinstance(first, RawDocument)
    assert first.doc_id == "https://example.org/news/lighthouse"
    assert first.source == f"{formats_dir / 'wire.rss'}#1"
    assert (first.title, first.outlet, first.language) == (
        "Lighthouse keepers honoured",
        "Coastal Wire",
        "en",
    )
    assert first.published == "Mon, 05 Feb 2024 23:30:00 -0500"
    assert first.html == (
        "<p>Three former lighthouse keepers received medals from the coastguard on Monday "
        "for forty years of service.</p>"
    )
    assert isinstance(empty, Rejected)
    assert (empty.reason, empty.source) == ("missing_text", f"{formats_dir / 'wire.rss'}#2")
    assert third.doc_id == "wire#3"  # no guid and no link: the file stem and entry number


def test_read_atom_feed_entry(formats_dir: Path) -> None:
    [entry] = read_all(formats_dir / "wire.atom")
    assert isinstance(entry, RawDocument)
    assert entry.doc_id == "tag:example.org,2024:pass-reopens"
    assert entry.url == "https://example.org/bulletin/pass"
    assert entry.outlet == "Mountain Bulletin"
    assert entry.published == "2024-03-01T09:00:00+01:00"


def test_read_xml_suffix_is_sniffed_as_feed(formats_dir: Path, tmp_path: Path) -> None:
    shutil.copy(formats_dir / "wire.atom", tmp_path / "bulletin.xml")
    [entry] = read_all(tmp_path / "bulletin.xml")
    assert entry.doc_id == "tag:example.org,2024:pass-reopens"


def test_read_stdin_jsonl() -> None:
    stdin = io.StringIO(
        '{"doc_id": "s1", "text": "From standard input."}\n'
        "\n"
        '{"text": "A second line without an id."}\n'
        "{broken\n"
    )
    items = list(read_documents(["-"], SETTINGS, stdin=stdin))
    assert [(item.doc_id, item.source) for item in items] == [
        ("s1", "<stdin>:1"),
        ("stdin:3", "<stdin>:3"),
        ("stdin:4", "<stdin>:4"),
    ]
    assert isinstance(items[2], Rejected)
    assert items[2].reason == "malformed_json"


def test_read_stdin_and_paths_together(formats_dir: Path) -> None:
    stdin = io.StringIO('{"doc_id": "s1", "text": "From standard input."}\n')
    items = list(read_documents([formats_dir / "one.json", "-"], SETTINGS, stdin=stdin))
    assert [item.doc_id for item in items] == ["one", "s1"]


def test_read_walks_subfolders_depth_first_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "inner.txt").write_text("Inside folder b.")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config.txt").write_text("hidden folder")
    (tmp_path / ".hidden.txt").write_text("hidden file")
    (tmp_path / "a.txt").write_text("First by name.")
    (tmp_path / "c.txt").write_text("Last by name.")
    assert [item.doc_id for item in read_all(tmp_path)] == ["a", "inner", "c"]


def test_read_is_lazy(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"Text of {name}.")
    stream = read_documents([tmp_path], SETTINGS)
    assert next(stream).doc_id == "a"
    (tmp_path / "b.txt").write_text("Changed after the first document was read.")
    second = next(stream)
    assert isinstance(second, RawDocument)
    assert second.text == "Changed after the first document was read."
