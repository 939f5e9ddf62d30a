"""Hostile inputs (issue 9): each becomes a rejection of that document alone, or is read right.

Every test here failed before the fix it guards: a crash of the whole batch, a whole
file lost for one bad line, or data stored wrong without a word.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pytest

from watchfloor.ingest.clean import clean_document
from watchfloor.ingest.read import read_documents
from watchfloor.pipeline import Analyser, IngestReport, Pipeline
from watchfloor.records import Analysis, Article, PartialDate, RawDocument, Rejected
from watchfloor.settings import Settings
from watchfloor.store import SQLiteStore, Store, open_store

SETTINGS = Settings()
BODY = (
    "Harbour officials in Tolvana said on Tuesday that the grain convoy from Eastmarch had "
    "reached the coast after a week of delays at the mountain crossing."
)


def body(n: int) -> str:
    return f"{BODY} The convoy carried load number {n} and its drivers were all safe."


def jsonl_line(doc_id: str, text: str, **fields: object) -> str:
    return json.dumps({"doc_id": doc_id, "text": text, **fields})


def read_all(*paths: Path) -> list[RawDocument | Rejected]:
    return list(read_documents(list(paths), SETTINGS))


def summary(items: Iterable[RawDocument | Rejected]) -> list[tuple[str, str]]:
    return [(item.doc_id, getattr(item, "reason", "ok")) for item in items]


def ingest(store: SQLiteStore, *paths: Path, analyser: Analyser | None = None) -> IngestReport:
    return Pipeline(store, Settings(db=":memory:"), analyser=analyser).ingest(list(paths))


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    return open_store(str(tmp_path / "w.db"))


def stored_ids(store: SQLiteStore) -> list[str]:
    rows = store.db.execute("SELECT doc_id FROM articles WHERE is_current = 1 ORDER BY doc_id")
    return [row[0] for row in rows]


# -- JSON that crashed the parser -------------------------------------------------------


def test_read_deeply_nested_json_rejects_that_document(tmp_path: Path) -> None:
    nested = "[" * 100_000 + "]" * 100_000
    (tmp_path / "deep.json").write_text(nested)
    lines = [jsonl_line("before", body(1)), nested, jsonl_line("after", body(2))]
    (tmp_path / "deep.jsonl").write_text("\n".join(lines) + "\n")
    items = read_all(tmp_path / "deep.json", tmp_path / "deep.jsonl")
    assert summary(items) == [
        ("deep", "malformed_json"),
        ("before", "ok"),
        ("deep:2", "malformed_json"),
        ("after", "ok"),
    ]


def test_read_json_integer_of_5000_digits_is_kept_as_its_digits(tmp_path: Path) -> None:
    digits = "7" * 5000
    (tmp_path / "big.jsonl").write_text(
        f'{{"doc_id": "big", "text": "{BODY}", "views": {digits}}}\n'
        f'{{"doc_id": 123{digits}, "text": "{BODY}"}}\n'
    )
    first, second = read_all(tmp_path / "big.jsonl")
    assert isinstance(first, RawDocument)
    assert first.doc_id == "big"
    assert isinstance(second, RawDocument)
    assert second.doc_id == "123" + digits


@pytest.mark.parametrize("field", ["doc_id", "title", "text", "url", "outlet", "published"])
def test_pipeline_lone_surrogate_in_any_field_is_stored_as_a_replacement(
    tmp_path: Path, store: SQLiteStore, field: str
) -> None:
    value = f"{BODY} a\\ud800b" if field == "text" else "a\\ud800b"
    record = {"doc_id": "lone", "text": BODY, "title": "Convoy", field: value}
    line = json.dumps(record).replace("\\\\ud800", "\\ud800")
    (tmp_path / "lone.jsonl").write_text(line + "\n" + jsonl_line("next", body(3)) + "\n")
    report = ingest(store, tmp_path / "lone.jsonl")
    assert report.rejected_total == 0
    assert len(stored_ids(store)) == 2


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system taking any bytes")
def test_pipeline_file_name_not_utf8_is_stored_under_an_escaped_name(
    tmp_path: Path, store: SQLiteStore
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"conv\xffoy.txt"), "w") as stream:
        stream.write(body(4))
    (folder / "plain.txt").write_text(body(5))
    ingest(store, folder)
    assert stored_ids(store) == ["conv\\xffoy", "plain"]


# -- publication dates -----------------------------------------------------------------


@pytest.mark.parametrize(
    "published", ["2023-02-30", "0000", "9999", "9999-12-31", "0001-01-01", "30 February 2023"]
)
def test_clean_impossible_or_extreme_published_is_rejected(published: str) -> None:
    raw = RawDocument(doc_id="d", source="s", text=BODY, published=published)
    result = clean_document(raw, SETTINGS)
    assert isinstance(result, Rejected)
    assert result.reason == "bad_published"
    assert published in result.detail


@pytest.mark.parametrize("published", ["yesterday", "next week", "3 days ago", "today"])
def test_pipeline_relative_published_is_stored_as_none_with_a_warning(
    tmp_path: Path, store: SQLiteStore, published: str
) -> None:
    (tmp_path / "rel.jsonl").write_text(jsonl_line("rel", BODY, published=published) + "\n")
    report = ingest(store, tmp_path / "rel.jsonl")
    article = store.get_article("rel")
    assert article is not None
    assert article.published is None
    [warning] = report.warnings
    assert "relative" in warning
    assert published in warning
    assert "\n" not in warning


def test_clean_plain_published_dates_still_read() -> None:
    raw = RawDocument(doc_id="d", source="s", text=BODY, published="2023-02-28T10:00:00Z")
    result = clean_document(raw, SETTINGS)
    assert isinstance(result, Article)
    assert result.published == PartialDate(2023, 2, 28)


# -- one bad line no longer loses a whole file ------------------------------------------


def test_read_nul_byte_in_one_jsonl_line_rejects_only_that_line(tmp_path: Path) -> None:
    lines = [jsonl_line(f"row{n}", body(n)) for n in range(40)]
    lines[7] = lines[7][:30] + "\x00" + lines[7][30:]
    (tmp_path / "rows.jsonl").write_text("\n".join(lines) + "\n")
    items = read_all(tmp_path / "rows.jsonl")
    rejected = [item for item in items if isinstance(item, Rejected)]
    assert [(r.source, r.reason) for r in rejected] == [(f"{tmp_path / 'rows.jsonl'}:8", "binary")]
    assert len(items) == 40


def test_read_utf16_line_in_a_jsonl_file_rejects_only_that_line(tmp_path: Path) -> None:
    lines = [jsonl_line(f"row{n}", body(n)).encode() for n in range(30)]
    lines[4] = jsonl_line("wide", BODY).encode("utf-16-le")
    (tmp_path / "rows.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    items = read_all(tmp_path / "rows.jsonl")
    good = [item.doc_id for item in items if isinstance(item, RawDocument)]
    assert good == [f"row{n}" for n in range(30) if n != 4]
    assert all(
        item.source.rsplit(":", 1)[1] in {"5", "6"} for item in items if isinstance(item, Rejected)
    )


def test_read_csv_row_with_nul_is_rejected_with_its_line(tmp_path: Path) -> None:
    rows = ["doc_id,text"] + [f"row{n},{body(n)}" for n in range(20)]
    rows[3] = "row2,Harbour\x00 officials said the convoy had left the port at dawn on Friday."
    (tmp_path / "rows.csv").write_text("\n".join(rows) + "\n")
    items = read_all(tmp_path / "rows.csv")
    assert [
        (item.source.rsplit(":", 1)[1], item.reason) for item in items if isinstance(item, Rejected)
    ] == [("4", "binary")]
    assert len(items) == 20


def test_read_utf16_without_byte_order_mark_is_decoded(tmp_path: Path) -> None:
    for encoding in ("utf-16-le", "utf-16-be"):
        (tmp_path / f"{encoding}.txt").write_bytes(BODY.encode(encoding))
        (tmp_path / f"{encoding}.jsonl").write_bytes(
            (jsonl_line("a", body(1)) + "\n" + jsonl_line("b", body(2)) + "\n").encode(encoding)
        )
    items = read_all(tmp_path)
    assert all(isinstance(item, RawDocument) for item in items), summary(items)
    assert [item.text for item in items if item.doc_id in {"utf-16-le", "utf-16-be"}] == [
        BODY,
        BODY,
    ]
    assert len(items) == 6


# -- feeds -------------------------------------------------------------------------------

FEED = (
    '<?xml version="1.0"?>\n'
    '<!DOCTYPE rss [\n  <!ENTITY port "Tolvana">\n  <!ELEMENT rss ANY>\n]>\n'
    '<rss version="2.0"><channel><title>Harbour Wire</title>'
    "<item><guid>convoy-1</guid><title>Convoy arrives</title>"
    f"<description>{BODY}</description></item></channel></rss>\n"
)


@pytest.mark.parametrize(
    ("name", "encoding"),
    [("feed", "utf-8"), ("feed.xml", "utf-8"), ("feed.xml", "utf-16"), ("feed", "utf-16-le")],
)
def test_read_feed_with_inline_dtd_or_in_utf16_is_read_as_a_feed(
    tmp_path: Path, name: str, encoding: str
) -> None:
    text = (
        FEED
        if encoding == "utf-8"
        else FEED.replace('version="1.0"', 'version="1.0" encoding="utf-16"')
    )
    (tmp_path / name).write_bytes(text.encode(encoding))
    [item] = read_all(tmp_path / name)
    assert isinstance(item, RawDocument), item
    assert item.doc_id == "convoy-1"
    assert item.outlet == "Harbour Wire"
    assert "<rss" not in (item.text or item.html or "")


# -- every exception in one document's processing is that document's rejection ------------


class FailingAnalyser:
    """Analyses every article except those whose text mentions "Eastmarch poison"."""

    def load(self, store: Store) -> None:
        pass

    def analyse(self, articles: Sequence[Article]) -> Iterator[Analysis]:
        for article in articles:
            if "poison" in article.text:
                raise RuntimeError("analysis exploded")
            yield Analysis(article.doc_id, (), (), (), (), (), ())

    def close(self) -> None:
        pass


def test_pipeline_analysis_error_rejects_only_that_document(
    tmp_path: Path, store: SQLiteStore
) -> None:
    lines = [jsonl_line(f"row{n}", body(n)) for n in range(5)]
    lines[2] = jsonl_line("bad", BODY + " Eastmarch poison was found.")
    (tmp_path / "rows.jsonl").write_text("\n".join(lines) + "\n")
    report = ingest(store, tmp_path / "rows.jsonl", analyser=FailingAnalyser())
    assert stored_ids(store) == ["row0", "row1", "row3", "row4"]
    [rejected] = report.rejections
    assert (rejected.doc_id, rejected.reason) == ("bad", "processing_error")
    assert "RuntimeError: analysis exploded" in rejected.detail


def test_pipeline_clean_error_rejects_only_that_document(
    tmp_path: Path, store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import watchfloor.pipeline as pipeline_module

    real = pipeline_module.clean_document

    def clean(raw: RawDocument, settings: Settings) -> Article | Rejected:
        if raw.doc_id == "row1":
            raise RecursionError("maximum recursion depth exceeded")
        return real(raw, settings)

    monkeypatch.setattr(pipeline_module, "clean_document", clean)
    (tmp_path / "rows.jsonl").write_text(
        "\n".join(jsonl_line(f"row{n}", body(n)) for n in range(3))
    )
    report = ingest(store, tmp_path / "rows.jsonl")
    assert stored_ids(store) == ["row0", "row2"]
    assert dict(report.rejected) == {"processing_error": 1}


# -- a text given again after a change becomes current again ----------------------------


def test_pipeline_reverting_a_text_makes_it_current_again(
    tmp_path: Path, store: SQLiteStore
) -> None:
    version_one, version_two = body(1), body(2)
    for number, text in enumerate([version_one, version_two, version_one], start=1):
        (tmp_path / f"v{number}.jsonl").write_text(jsonl_line("convoy", text) + "\n")
        report = ingest(store, tmp_path / f"v{number}.jsonl")
        assert report.stored == 1, number
    article = store.get_article("convoy")
    assert article is not None
    assert article.text == version_one
    [version] = store.db.execute(
        "SELECT MAX(version) FROM articles WHERE doc_id = 'convoy'"
    ).fetchone()
    assert version == 3
    assert ingest(store, tmp_path / "v3.jsonl").unchanged == 1


# -- work per document is bounded ------------------------------------------------------


def test_clean_long_punctuation_runs_are_capped() -> None:
    from watchfloor.ingest.clean import MAX_SYMBOL_RUN_CHARS

    runs = "&" * 50_000 + " " + "!?" * 20_000 + "." * 10_000
    raw = RawDocument(doc_id="d", source="s", text=f"{BODY}\n\n{BODY} {runs} {BODY}")
    result = clean_document(raw, SETTINGS)
    assert isinstance(result, Article)
    assert len(result.text) < 3 * len(BODY) + 3 * MAX_SYMBOL_RUN_CHARS + 10
    assert "&" * MAX_SYMBOL_RUN_CHARS in result.text


def test_clean_html_with_a_long_entity_run_is_capped() -> None:
    from watchfloor.ingest.clean import MAX_SYMBOL_RUN_CHARS

    html = (
        f"<html><body><p>{BODY} {'&#33;&amp;' * 100_000} {BODY}</p><p>{body(1)}</p></body></html>"
    )
    result = clean_document(RawDocument(doc_id="d", source="s", html=html), SETTINGS)
    assert isinstance(result, Article)
    assert "!&" * (MAX_SYMBOL_RUN_CHARS // 2) in result.text
    assert len(result.text) < 4 * len(BODY) + MAX_SYMBOL_RUN_CHARS + 200


def test_clean_text_mostly_of_symbols_is_rejected_as_pathological() -> None:
    text = BODY + " " + " ".join(["&;!?" * 8] * 400)
    result = clean_document(RawDocument(doc_id="d", source="s", text=text), SETTINGS)
    assert isinstance(result, Rejected)
    assert result.reason == "pathological_text"
    assert "punctuation" in result.detail


def test_clean_ordinary_prose_is_not_pathological() -> None:
    text = f'{BODY} "Yes -- at last!" said the mayor (who had waited); costs: $4.5m, 12% up...'
    assert isinstance(
        clean_document(RawDocument(doc_id="d", source="s", text=text), SETTINGS), Article
    )


@pytest.mark.model
def test_analyse_long_punctuation_runs_finish_quickly() -> None:
    import time

    from watchfloor.nlp.analyse import ArticleAnalyser

    analyser = ArticleAnalyser(SETTINGS)
    text = f"{BODY}\n\n{'!' * 24_000} {BODY}"
    article = clean_document(RawDocument(doc_id="d", source="s", text=text), SETTINGS)
    assert isinstance(article, Article)
    assert analyser.nlp is not None  # load the model outside the timing
    started = time.monotonic()
    list(analyser.analyse([article]))
    assert time.monotonic() - started < 10


def test_read_stdin_bad_bytes_and_nul_reject_only_their_lines() -> None:
    import io

    raw = (
        jsonl_line("first", body(1)).encode()
        + b"\n\x81\x00\x01 not text\n"
        + jsonl_line("last", body(2)).encode()
        + b"\n"
    )
    stdin = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
    items = list(read_documents(["-"], SETTINGS, stdin=stdin))
    assert summary(items) == [("first", "ok"), ("stdin:2", "binary"), ("last", "ok")]


def test_read_feed_entry_with_empty_date_warns_nothing(tmp_path: Path) -> None:
    import warnings

    feed = FEED.replace(
        "<title>Convoy arrives</title>", "<title>Convoy arrives</title><pubDate></pubDate>"
    )
    (tmp_path / "feed.rss").write_text(feed)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        [item] = read_all(tmp_path / "feed.rss")
    assert isinstance(item, RawDocument)
    assert item.published is None


def test_clean_published_note_quotes_a_long_value_shortened() -> None:
    from watchfloor.ingest.clean import published_note

    note = published_note(RawDocument(doc_id="d", source="s", text=BODY, published="9" * 5000))
    assert note is not None
    assert len(note) < 200
