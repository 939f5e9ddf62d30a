"""Every kind of bad input becomes one Rejected naming the document and the problem."""

from __future__ import annotations

import codecs
import io
import os
from pathlib import Path

import pytest

from watchfloor.ingest.read import read_documents
from watchfloor.records import RawDocument, Rejected
from watchfloor.settings import Settings

SETTINGS = Settings()
GOOD_TEXT = "Officials confirmed that the ferry service between the islands resumed on Monday."
# Bytes that are undefined in Windows-1252 and meaningless in every other single-byte
# code page charset-normalizer tries: no encoding fits them.
UNDECODABLE = bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D] * 20) + b" abc " + bytes(range(0x80, 0x100)) * 3


def read_all(*paths: str | Path, settings: Settings = SETTINGS) -> list[RawDocument | Rejected]:
    return list(read_documents(list(paths), settings))


def only_rejection(path: Path, settings: Settings = SETTINGS) -> Rejected:
    [item] = read_all(path, settings=settings)
    assert isinstance(item, Rejected)
    return item


@pytest.mark.parametrize(
    ("name", "content", "reason", "stage"),
    [
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary", "decode"),
        ("controls.txt", bytes(range(1, 9)) * 20 + b"some text", "binary", "decode"),
        ("empty.txt", b"", "empty", "read"),
        ("blank.txt", b"  \n\t\n   \r\n", "empty", "read"),
        ("blank.html", b"\n\n   \n", "empty", "read"),
        ("garbled.txt", UNDECODABLE, "not_utf8_or_known_encoding", "decode"),
        ("report.pdf", b"%PDF-1.7 whatever", "unsupported_type", "read"),
        (
            "sitemap.xml",
            b'<?xml version="1.0"?><urlset><url>x</url></urlset>',
            "unsupported_type",
            "read",
        ),
        ("broken.rss", b"<rss><channel><title>x</broken>", "malformed_feed", "read"),
        ("broken.json", b'{"text": "unterminated', "malformed_json", "read"),
        ("number.json", b"42", "malformed_json", "read"),
        ("notext.json", b'{"title": "Only a title"}', "missing_text", "read"),
        ("emptytext.json", b'{"text": "   "}', "empty", "read"),
        ("badtype.json", b'{"text": ["a", "list"]}', "malformed_json", "read"),
        ("nulltext.json", b'{"title": "t", "text": null}', "missing_text", "read"),
        ("garbled.json", UNDECODABLE, "not_utf8_or_known_encoding", "decode"),
        ("blob.csv", b"\x00\x01\x02" * 40, "binary", "decode"),
        ("header-only.csv", b"doc_id,text\n", "empty", "read"),
        ("blank-rows.csv", b"  \n , \n\n", "empty", "read"),
        ("blank-lines.jsonl", b"\n  \n\t\n", "empty", "read"),
    ],
)
def test_bad_file_is_rejected_with_reason(
    tmp_path: Path, name: str, content: bytes, reason: str, stage: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    rejected = only_rejection(path)
    assert (rejected.reason, rejected.stage, rejected.source) == (reason, stage, str(path))
    assert rejected.doc_id == path.stem
    assert rejected.detail
    assert "\n" not in rejected.message()


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_encoded_text_is_decoded(tmp_path: Path, encoding: str) -> None:
    text = (
        "Le ministre a déclaré que la réunion à Genève était terminée. "
        "Les délégués ont quitté la salle très tôt, selon un communiqué publié à midi."
    )
    path = tmp_path / "french.txt"
    path.write_bytes(text.encode(encoding))
    [doc] = read_all(path)
    assert isinstance(doc, RawDocument)
    assert doc.text == text


def test_windows_1252_punctuation_is_decoded(tmp_path: Path) -> None:
    text = "The envoy’s reply was “not yet” — twice. Café owners near the ministry closed early."
    path = tmp_path / "quotes.txt"
    path.write_bytes(text.encode("cp1252"))
    [doc] = read_all(path)
    assert isinstance(doc, RawDocument)
    assert doc.text == text


def test_file_over_size_limit_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 101)
    rejected = only_rejection(path, Settings(max_bytes=100))
    assert rejected.reason == "too_large"
    assert rejected.detail == "101 bytes, over the limit of 100 (max_bytes)"
    [doc] = read_all(path, settings=Settings(max_bytes=101))
    assert isinstance(doc, RawDocument)


def test_jsonl_size_limit_applies_per_line(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    long_line = '{"text": "' + "y" * 200 + '"}'
    path.write_text(f'{{"text": "short"}}\n{long_line}\n{{"text": "after"}}\n')
    items = read_all(path, settings=Settings(max_bytes=100))
    assert [(item.source.rsplit(":", 1)[1], type(item).__name__) for item in items] == [
        ("1", "RawDocument"),
        ("2", "Rejected"),
        ("3", "RawDocument"),
    ]
    assert isinstance(items[1], Rejected)
    assert items[1].reason == "too_large"


def test_malformed_json_line_rejects_only_that_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        f'{{"doc_id": "a", "text": "{GOOD_TEXT}"}}\n'
        '{"doc_id": "b", "text": "missing brace"\n'
        '["not", "an", "object"]\n'
        '{"doc_id": "d", "title": "no body"}\n'
        f'{{"doc_id": "e", "text": "{GOOD_TEXT}"}}\n'
    )
    items = read_all(path)
    summary = [(item.doc_id, getattr(item, "reason", "ok")) for item in items]
    assert summary == [
        ("a", "ok"),
        ("feed:2", "malformed_json"),
        ("feed:3", "malformed_json"),
        ("d", "missing_text"),
        ("e", "ok"),
    ]
    assert items[1].source == f"{path}:2"


def test_undecodable_jsonl_line_rejects_only_that_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    bad_line = b'{"text": "' + UNDECODABLE + b'"}'
    path.write_bytes(b'{"text": "good"}\n' + bad_line + b'\n{"text": "good again \xc3\xa9"}\n')
    items = read_all(path)
    assert [getattr(item, "reason", "ok") for item in items] == [
        "ok",
        "not_utf8_or_known_encoding",
        "ok",
    ]
    assert items[1].source == f"{path}:2"
    assert isinstance(items[2], RawDocument)
    assert items[2].text == "good again é"  # one bad line does not change how the others decode


def test_legacy_encoded_jsonl_is_decoded_line_by_line(tmp_path: Path) -> None:
    text = (
        "Le président a déclaré à la presse que les négociations reprendraient à Genève "
        "après l’été, selon un communiqué."
    )
    path = tmp_path / "french.jsonl"
    path.write_bytes(('{"text": "' + text + '"}\n').encode("cp1252"))
    [doc] = read_all(path)
    assert isinstance(doc, RawDocument)
    assert doc.text == text


def test_feed_entry_without_body_names_the_feed_flaw(tmp_path: Path) -> None:
    path = tmp_path / "cut.rss"
    path.write_bytes(b"<rss><channel><item><title>Cut short</broken>")
    rejected = only_rejection(path)
    assert (rejected.reason, rejected.source) == ("missing_text", f"{path}#1")
    assert rejected.detail.startswith("the entry has no content or summary (the feed is malformed:")
    assert rejected.detail.endswith("mismatched tag)")


def test_binary_jsonl_file_is_one_rejection(tmp_path: Path) -> None:
    path = tmp_path / "blob.jsonl"
    path.write_bytes(b"\x00\x01\x02" * 50)
    rejected = only_rejection(path)
    assert (rejected.reason, rejected.doc_id, rejected.source) == ("binary", "blob", str(path))


def test_malformed_csv_row_rejects_only_that_row(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_text(
        "doc_id,text\n"
        f'r1,"{GOOD_TEXT}"\n'
        'r2,"a stray "quote" breaks this row\n'
        "r3,one,field,too,many\n"
        f'r4,"{GOOD_TEXT}"\n'
    )
    items = read_all(path)
    summary = [(item.source.rsplit(":", 1)[1], getattr(item, "reason", "ok")) for item in items]
    assert summary == [("2", "ok"), ("3", "malformed_csv"), ("4", "malformed_csv"), ("5", "ok")]


def test_csv_without_text_column_is_one_rejection(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_text("doc_id,title\nx,Only titles here\n")
    rejected = only_rejection(path)
    assert rejected.reason == "missing_text"
    assert rejected.detail == "the header has no 'text' or 'html' column (found: doc_id, title)"


def test_csv_row_missing_text_value(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_text("doc_id,text\nx,\n")
    assert only_rejection(path).reason == "empty"


def test_missing_path_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "article.txt"
    rejected = only_rejection(path)
    assert (rejected.reason, rejected.detail) == ("unreadable", "no such file or directory")
    assert rejected.message() == f"{path}: unreadable: no such file or directory"


def test_broken_symlink_is_unreadable(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "target-that-does-not-exist.txt")
    rejected = only_rejection(link)
    assert (rejected.reason, rejected.detail) == ("unreadable", "a broken symbolic link")


def test_directory_loop_is_reported_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD_TEXT)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "back").symlink_to(tmp_path, target_is_directory=True)
    items = read_all(tmp_path)
    assert [item.doc_id for item in items] == ["a", "back"]
    assert isinstance(items[1], Rejected)
    assert items[1].reason == "unreadable"
    assert items[1].detail.startswith("a directory loop")


def test_permission_denied_is_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(GOOD_TEXT)

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, os.strerror(13), str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    rejected = only_rejection(path)
    assert (rejected.reason, rejected.detail) == ("unreadable", "permission denied")


def test_bad_document_does_not_stop_the_batch(tmp_path: Path) -> None:
    (tmp_path / "1.txt").write_bytes(b"\x00\x00binary")
    (tmp_path / "2.txt").write_text(GOOD_TEXT)
    (tmp_path / "3.txt").write_text("")
    (tmp_path / "4.txt").write_text(GOOD_TEXT)
    kinds = [
        type(item).__name__ for item in read_documents([tmp_path, tmp_path / "5.txt"], SETTINGS)
    ]
    assert kinds == ["Rejected", "RawDocument", "Rejected", "RawDocument", "Rejected"]


def test_stdin_line_over_limit_is_rejected() -> None:
    stdin = io.StringIO('{"text": "' + "z" * 300 + '"}\n{"text": "fine"}\n')
    items = list(read_documents(["-"], Settings(max_bytes=100), stdin=stdin))
    assert [getattr(item, "reason", "ok") for item in items] == ["too_large", "ok"]


def test_csv_rows_in_windows_1252_are_decoded(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    text = "Le ministre a déclaré que la réunion à Genève était terminée très tard le soir."
    path.write_bytes(f"doc_id,text\nfr1,{text}\n".encode("cp1252"))
    [doc] = read_all(path)
    assert isinstance(doc, RawDocument)
    assert (doc.doc_id, doc.text) == ("fr1", text)


def test_csv_with_byte_order_mark_reads_its_header(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(codecs.BOM_UTF8 + f"DOC_ID, Text\nx1,{GOOD_TEXT}\n".encode())
    [doc] = read_all(path)
    assert isinstance(doc, RawDocument)
    assert (doc.doc_id, doc.text) == ("x1", GOOD_TEXT)


def test_blank_doc_id_falls_back_to_the_line(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text(
        f'{{"doc_id": "  ", "text": "{GOOD_TEXT}"}}\n{{"doc_id": 7, "text": "{GOOD_TEXT}"}}\n'
    )
    assert [item.doc_id for item in read_all(path)] == ["rows:1", "7"]


def test_ingest_default_size_limit_is_10_mb(tmp_path: Path) -> None:
    assert Settings().max_bytes == 10_000_000
    path = tmp_path / "huge.txt"
    with path.open("wb") as sparse:  # a sparse file: no 10 MB written to disk
        sparse.truncate(10_000_001)
    rejected = only_rejection(path)
    assert (rejected.reason, rejected.detail) == (
        "too_large",
        "10000001 bytes, over the limit of 10000000 (max_bytes)",
    )


def test_ingest_csv_row_over_size_limit_rejects_only_that_row(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(f"doc_id,text\nr1,short\nr2,{'y' * 200}\nr3,after\n")
    items = read_all(path, settings=Settings(max_bytes=100))
    summary = [(item.source, getattr(item, "reason", "ok")) for item in items]
    assert summary == [(f"{path}:2", "ok"), (f"{path}:3", "too_large"), (f"{path}:4", "ok")]


def test_ingest_undecodable_csv_row_rejects_only_that_row(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    bad_cell = UNDECODABLE.translate(None, delete=b'",\r\n')
    path.write_bytes(
        f"doc_id,text\nr1,{GOOD_TEXT}\n".encode() + b"r2," + bad_cell + b"\nr3,fine text\n"
    )
    items = read_all(path)
    summary = [(item.source, getattr(item, "reason", "ok")) for item in items]
    assert summary == [
        (f"{path}:2", "ok"),
        (f"{path}:3", "not_utf8_or_known_encoding"),
        (f"{path}:4", "ok"),
    ]


def test_ingest_json_list_items_are_rejected_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    path.write_text(f'[{{"text": "{GOOD_TEXT}"}}, {{"title": "no body"}}, 5, {{"text": " "}}]')
    items = read_all(path)
    summary = [(item.doc_id, item.source, getattr(item, "reason", "ok")) for item in items]
    assert summary == [
        ("batch[0]", f"{path}[0]", "ok"),
        ("batch[1]", f"{path}[1]", "missing_text"),
        ("batch[2]", f"{path}[2]", "malformed_json"),
        ("batch[3]", f"{path}[3]", "empty"),
    ]
