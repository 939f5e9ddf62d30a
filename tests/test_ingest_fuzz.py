"""Fuzzing every reader and record field: no exception escapes, no good neighbour is lost.

Each example writes one hostile input beside good ones (in the same JSONL, CSV or
feed file, or as a file in the same folder) and ingests the folder without the NLP
stages. The properties: `ingest` returns (every problem is a rejection), and every
good document is stored. The JSONL, CSV and feed properties put many hostile
records, lines, rows or entries in each example's file (`RECORDS`...), so that a run
at the defaults generates at least 10,000 hostile inputs in a minute or two; set
WATCHFLOOR_FUZZ_EXAMPLES (examples per property, default 100) for a longer hunt.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from watchfloor.pipeline import IngestReport, Pipeline
from watchfloor.settings import Settings
from watchfloor.store import SQLiteStore, open_store

EXAMPLES = int(os.environ.get("WATCHFLOOR_FUZZ_EXAMPLES", "100"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_counter = itertools.count()
# Hostile inputs in each example of the properties that put several in one file; the
# costly ones (records with HTML to extract, feed entries with dates to parse) fewer.
# With the three properties of one input per example, a run generates at least
# (8 + 45 + 32 + 12 + 3) * EXAMPLES = 10,000 hostile inputs at the defaults.
RECORDS, RAW_LINES, CSV_ROWS, FEED_ENTRIES = 8, 45, 32, 12

# Values a hostile author would try in a field: impossible and extreme dates, relative
# ones, surrogates, controls, huge numbers, markup, bidirectional overrides.
TRICKY = [
    "2023-02-30",
    "0000",
    "9999",
    "9999-12-31",
    "0001-01-01",
    "2023-13-01",
    "30 February 2023",
    "Thu, 30 Feb 2023 10:00:00 GMT",
    "yesterday",
    "next week",
    "3 days ago",
    "1e309",
    "9" * 400,
    "-" * 300,
    "\ud800",
    "a\udfffb",
    "\x00",
    "\x1b[31m",
    "\u202e\u2066",
    "[/]",
    ":fire:",
    "<script>x</script>",
    "&amp;" * 50,
    "!" * 3000,
    "",
    " ",
]
hostile_text = st.one_of(
    st.sampled_from(TRICKY), st.text(max_size=300), st.text(alphabet="&;!?<>[]\"'\\", max_size=600)
)
json_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    hostile_text,
)
json_value = st.recursive(
    json_scalar,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
FIELDS = ["doc_id", "title", "text", "html", "url", "outlet", "published", "language"]
hostile_record = st.dictionaries(st.sampled_from(FIELDS), json_value, max_size=6)


def good_text(tag: str) -> str:
    return (
        f"Port officials in Quellmar said the relief ship {tag} unloaded grain on Thursday "
        "after waiting three days for calmer seas outside the harbour."
    )


def json_line(record: object) -> str:
    """Dump with lone surrogates as JSON escapes, as a hostile writer can."""
    return json.dumps(record, ensure_ascii=True)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> SQLiteStore:
    store = open_store(str(tmp_path_factory.mktemp("fuzz") / "w.db"))
    store.db.execute("PRAGMA synchronous = OFF")  # speed only: the file is thrown away
    return store


def run(store: SQLiteStore, folder: Path) -> IngestReport:
    return Pipeline(store, Settings(db="unused.db")).ingest([folder])


def fresh_folder(root: Path) -> tuple[Path, str]:
    tag = f"f{next(_counter)}"
    folder = root / tag
    folder.mkdir()
    return folder, tag


def assert_stored(store: SQLiteStore, doc_ids: list[str]) -> None:
    missing = [doc_id for doc_id in doc_ids if store.get_article(doc_id) is None]
    assert not missing


def good_jsonl_lines(tag: str, count: int) -> tuple[list[str], list[str]]:
    ids = [f"{tag}-{n}" for n in range(count)]
    return ids, [json_line({"doc_id": i, "text": good_text(i)}) for i in ids]


@FUZZ
@given(records=st.lists(hostile_record, min_size=RECORDS, max_size=RECORDS + 4))
def test_fuzz_jsonl_record_fields(
    store: SQLiteStore, tmp_path: Path, records: list[dict[str, object]]
) -> None:
    folder, tag = fresh_folder(tmp_path)
    ids, lines = good_jsonl_lines(tag, 4)
    hostile = [json_line(record) for record in records]
    (folder / "rows.jsonl").write_text("\n".join([*lines[:2], *hostile, *lines[2:]]) + "\n")
    run(store, folder)
    assert_stored(store, ids)


raw_line = st.binary(max_size=600).map(lambda b: b.replace(b"\n", b" "))


@FUZZ
@given(hostile=st.lists(raw_line, min_size=RAW_LINES, max_size=RAW_LINES + 10))
def test_fuzz_jsonl_raw_line_bytes(
    store: SQLiteStore, tmp_path: Path, hostile: list[bytes]
) -> None:
    folder, tag = fresh_folder(tmp_path)
    ids, lines = good_jsonl_lines(tag, 6)
    encoded = [text.encode() for text in lines]
    (folder / "rows.jsonl").write_bytes(b"\n".join([*encoded[:3], *hostile, *encoded[3:]]) + b"\n")
    run(store, folder)
    assert_stored(store, ids)


@FUZZ
@given(data=st.one_of(st.binary(max_size=2000), json_value.map(lambda v: json_line(v).encode())))
def test_fuzz_json_file(store: SQLiteStore, tmp_path: Path, data: bytes) -> None:
    folder, tag = fresh_folder(tmp_path)
    (folder / "hostile.json").write_bytes(data)
    (folder / "good.json").write_text(json_line({"doc_id": tag, "text": good_text(tag)}))
    run(store, folder)
    assert_stored(store, [tag])


@FUZZ
@given(
    rows=st.lists(
        st.lists(hostile_text, min_size=1, max_size=6), min_size=CSV_ROWS, max_size=CSV_ROWS + 8
    )
)
def test_fuzz_csv_row(store: SQLiteStore, tmp_path: Path, rows: list[list[str]]) -> None:
    folder, tag = fresh_folder(tmp_path)
    ids = [f"{tag}-{n}" for n in range(4)]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(["doc_id", "text", "published"])
    for doc_id in ids[:2]:
        writer.writerow([doc_id, good_text(doc_id), "2024-03-01"])
    writer.writerows(rows)
    for doc_id in ids[2:]:
        writer.writerow([doc_id, good_text(doc_id), ""])
    (folder / "rows.csv").write_bytes(buffer.getvalue().encode("utf-8", "surrogatepass"))
    run(store, folder)
    assert_stored(store, ids)


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1"]


@FUZZ
@given(
    body=hostile_text,
    encoding=st.sampled_from(ENCODINGS),
    suffix=st.sampled_from([".txt", ".html", ".htm", ""]),
)
def test_fuzz_text_and_html_files(
    store: SQLiteStore, tmp_path: Path, body: str, encoding: str, suffix: str
) -> None:
    folder, tag = fresh_folder(tmp_path)
    (folder / f"hostile{suffix}").write_bytes(body.encode(encoding, "replace"))
    (folder / "good.txt").write_text(good_text(tag))
    run(store, folder)
    assert store.article_text("good") is not None  # the same doc_id each time: its last text


def rss(entries: list[tuple[str, str, str, str]], dtd: bool) -> str:
    items = "".join(
        f"<item><guid>{escape(guid)}</guid><title>{escape(title)}</title>"
        f"<pubDate>{escape(date)}</pubDate><description>{escape(text)}</description></item>"
        for guid, title, date, text in entries
    )
    doctype = '<!DOCTYPE rss [<!ENTITY quay "Quellmar">]>' if dtd else ""
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{doctype}<rss version="2.0"><channel>'
        f"<title>Quay Wire</title>{items}</channel></rss>"
    )


hostile_entry = st.tuples(hostile_text, hostile_text, hostile_text)


@FUZZ
@given(
    hostile=st.lists(hostile_entry, min_size=FEED_ENTRIES, max_size=FEED_ENTRIES + 4),
    dtd=st.booleans(),
    suffix=st.sampled_from([".rss", ".xml", ""]),
)
def test_fuzz_feed_entry(
    store: SQLiteStore,
    tmp_path: Path,
    hostile: list[tuple[str, str, str]],
    dtd: bool,
    suffix: str,
) -> None:
    folder, tag = fresh_folder(tmp_path)
    entries = [
        (f"{tag}-a", "Ship unloads", "Thu, 07 Mar 2024 09:00:00 GMT", good_text(f"{tag}-a")),
        *[(f"{tag}-h{n}", title, date, text) for n, (title, date, text) in enumerate(hostile)],
        (f"{tag}-b", "Ship leaves", "Fri, 08 Mar 2024 09:00:00 GMT", good_text(f"{tag}-b")),
    ]
    data = rss(entries, dtd).encode("utf-8", "replace")
    (folder / f"feed{suffix}").write_bytes(data)
    report = run(store, folder)
    stored = [doc_id for doc_id in (f"{tag}-a", f"{tag}-b") if store.get_article(doc_id)]
    assert stored == [f"{tag}-a", f"{tag}-b"], report.rejections


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(name=st.binary(min_size=1, max_size=40))
def test_fuzz_file_names(store: SQLiteStore, tmp_path: Path, name: bytes) -> None:
    folder, tag = fresh_folder(tmp_path)
    safe = name.replace(b"/", b"_").replace(b"\x00", b"_").lstrip(b".") or b"x"
    try:
        with open(os.path.join(os.fsencode(folder), safe + b".txt"), "w") as stream:
            stream.write(good_text(tag))
    except OSError:
        return  # a name this file system refuses
    (folder / "zz-good.txt").write_text(good_text(tag + "z"))
    run(store, folder)
    assert store.article_text("zz-good") is not None


def hostile_corpus(folder: Path) -> list[str]:
    """A folder of hostile files beside good ones; gives the good doc_ids."""
    nested = "[" * 100_000 + "]" * 100_000

    def put(name: str | bytes, data: bytes) -> None:
        raw = name if isinstance(name, bytes) else name.encode()
        with open(os.path.join(os.fsencode(folder), raw), "wb") as stream:
            stream.write(data)

    good = [f"good-{n}" for n in range(6)]
    rows = [json_line({"doc_id": doc_id, "text": good_text(doc_id)}) for doc_id in good[:3]]
    put("deep.json", nested.encode())
    put("bigint.json", f'{{"text": "{good_text("big")}", "n": {"7" * 5000}}}'.encode())
    put(
        "surrogate.jsonl",
        b'{"doc_id": "sur", "text": "x\\ud800 ' + good_text("s").encode() + b'"}\n',
    )
    put(b"name-\xff\xfe.txt", good_text("bad-name").encode())
    put(
        "dates.jsonl",
        "\n".join(json_line({"text": good_text(d), "published": d}) for d in TRICKY[:9]).encode(),
    )
    put(
        "entities.html",
        b"<html><body><p>" + good_text("e").encode() + b"&#33;" * 200_000 + b"</p></body></html>",
    )
    put("punct.txt", good_text("p").encode() + b" " + b"!?" * 500_000)
    put("utf16.txt", good_text("u").encode("utf-16-le"))
    put(
        "dtd-feed",
        rss([("dtd-1", "t", "Thu, 07 Mar 2024 09:00:00 GMT", good_text("d"))], True).encode(),
    )
    put("empty.txt", b"")
    put("garbage.bin.txt", bytes(range(256)) * 40)
    put(
        "good.jsonl",
        ("\n".join([rows[0], nested, rows[1], "\x00" + rows[1], rows[2]]) + "\n").encode(),
    )
    put("good-3.txt", good_text("good-3").encode())
    put("good-4.html", f"<html><body><p>{good_text('good-4')}</p></body></html>".encode())
    put("good-5.csv", f"doc_id,text\ngood-5,{good_text('good-5')}\n".encode())
    return good


@pytest.mark.model
def test_fuzz_hostile_corpus_through_the_full_pipeline(tmp_path: Path) -> None:
    from watchfloor.pipeline import build_pipeline

    folder = tmp_path / "corpus"
    folder.mkdir()
    good = hostile_corpus(folder)
    store = open_store(str(tmp_path / "w.db"))
    report = build_pipeline(store, Settings(db=str(tmp_path / "w.db"))).ingest([folder])
    assert_stored(store, good)
    assert store.get_article("dtd-1") is not None
    assert report.rejected_total >= 5
    assert all("\n" not in rejected.message() for rejected in report.rejections)
