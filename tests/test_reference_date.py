"""Reference dates of undated articles, and how listings place undated events by them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from watchfloor import query
from watchfloor.cli import app
from watchfloor.pipeline import fuse_store
from watchfloor.records import (
    Analysis,
    Article,
    DuplicateLink,
    Event,
    PartialDate,
    Quantity,
    TimeExpression,
)
from watchfloor.reference_date import ReferenceDate, content_date, is_absolute
from watchfloor.reference_date import read_reference_dates as read
from watchfloor.settings import Settings
from watchfloor.store import SQLiteStore, open_store

D = PartialDate.parse
TODAY = date(2025, 1, 1)


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("21 October 2024", "2024-10-21", True),
        ("October 21st, 2024", "2024-10-21", True),
        ("2024-10-21", "2024-10-21", True),
        ("5 March 2024", "2024-03-05", True),
        ("Friday", "2024-10-18", False),
        ("today", "2024-10-21", False),
        ("October 8th", "2024-10-08", False),
        ("two weeks after 1 March 2023", "2023-03-15", False),
        ("October 2024", "2024-10", False),
    ],
)
def test_reference_date_absolute_expressions_name_year_and_day(
    text: str, value: str, expected: bool
) -> None:
    assert is_absolute(text, D(value)) is expected


@pytest.mark.parametrize(
    ("events", "expressions", "future", "expected"),
    [
        (["2024-05-02", "2023"], [], [], "2024-05-02"),
        (["2024-05-02"], [("12 May 2024", "2024-05-12")], [], "2024-05-12"),
        (["2024"], [("3 March 2023", "2023-03-03")], [], "2024"),
        ([], [("on Friday", "2024-06-07")], [], None),
        ([], [("1 September 2024", "2024-09-01")], ["2024-09-01"], None),
        ([], [("1 September 2024", "2024-09-01"), ("2 May 2024", "2024-05-02")], ["2024-09-01"],
         "2024-05-02"),
        (["2031-01-05"], [("9 March 2030", "2030-03-09")], [], None),
        ([], [], [], None),
    ],
)  # fmt: skip
def test_reference_date_content_is_the_latest_past_date(
    events: list[str], expressions: list[tuple[str, str]], future: list[str], expected: str | None
) -> None:
    found = content_date(
        [D(e) for e in events],
        [(text, D(value)) for text, value in expressions],
        [D(f) for f in future],
        today=TODAY,
    )
    assert (found.iso() if found else None) == expected


# A small store written by hand: a dated wire story, an undated reprint of it, an undated
# digest that dates itself, an undated copy of the digest, and an undated blog with no dates.

WIRE = "Germany sent shells to Ukraine. In April, Germany pledged tanks to Ukraine."
REPRINT = "Germany has sent shells to Ukraine, officials said."
DIGEST = (
    "Germany refused to send 20 jets to Ukraine. On 2 May Germany agreed to train Ukrainian "
    "pilots. The talks ended on 12 May 2024. On Friday Berlin said it would send advisers on "
    "1 September 2024."
)
DIGEST_COPY = "Germany declined to send 18 jets to Ukraine."
BLOG = "Germany threatened to cut ties with Ukraine."


def _event(doc_id: str, text: str, evidence: str, type: str, **fields: Any) -> Event:
    start = text.index(evidence)
    values: dict[str, Any] = {"actor": ("DEU",), "recipient": ("UKR",), "status": "asserted"}
    values.update(fields)
    return Event(doc_id, type, evidence=evidence, evidence_start=start,
                 evidence_end=start + len(evidence), **values)  # fmt: skip


def _time(text: str, phrase: str, value: str) -> TimeExpression:
    start = text.index(phrase)
    return TimeExpression(start, start + len(phrase), phrase, value=D(value), timex=value)


def _analyses() -> list[Analysis]:
    wire, reprint = "Germany sent shells to Ukraine.", "Germany has sent shells to Ukraine"
    refused = "Germany refused to send 20 jets to Ukraine."
    return [
        Analysis("wire", events=(
            _event("wire", WIRE, wire, "AID"),
            _event("wire", WIRE, "Germany pledged tanks to Ukraine.", "AGREE", date=D("2024-04")),
        )),
        Analysis("reprint", events=(_event("reprint", REPRINT, reprint, "AID"),)),
        Analysis("digest", events=(
            _event("digest", DIGEST, refused, "REJECT", quantity=Quantity(20, "jets")),
            _event("digest", DIGEST, "Germany agreed to train Ukrainian pilots.", "COOPERATE",
                   date=D("2024-05-02")),
            _event("digest", DIGEST, "Berlin said it would send advisers", "AID", status="future",
                   actor=("DEU",), date=D("2024-09-01")),
        ), time_expressions=(
            _time(DIGEST, "2 May", "2024-05-02"),
            _time(DIGEST, "12 May 2024", "2024-05-12"),
            _time(DIGEST, "Friday", "2024-06-07"),
            _time(DIGEST, "1 September 2024", "2024-09-01"),
        )),
        Analysis("digest-copy", events=(
            _event("digest-copy", DIGEST_COPY, DIGEST_COPY, "REJECT",
                   quantity=Quantity(18, "jets")),
        )),
        Analysis("blog", events=(_event("blog", BLOG, BLOG, "THREATEN"),)),
    ]  # fmt: skip


def _articles() -> list[Article]:
    def article(doc_id: str, text: str, **fields: Any) -> Article:
        return Article(doc_id, "", text, fields.pop("published", None), source=f"{doc_id}.txt",
                       content_hash=doc_id, **fields)  # fmt: skip

    return [
        article("wire", WIRE, published=D("2024-03-01")),
        article("reprint", REPRINT, derived_from="wire"),
        article("digest", DIGEST),
        article("digest-copy", DIGEST_COPY, derived_from="digest"),
        article("blog", BLOG),
    ]


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    store = open_store(tmp_path / "w.db")
    with store.transaction():
        for article in _articles():
            store.write_article(article)
        for analysis in _analyses():
            store.write_analysis(analysis)
        store.write_duplicates([
            DuplicateLink("reprint", "wire", "reworded", 0.9, "wire"),
            DuplicateLink("digest-copy", "digest", "reworded", 0.9, "digest"),
        ])  # fmt: skip
    fuse_store(store, Settings(db=store.path))
    return store


def test_reference_date_of_each_undated_article(store: SQLiteStore) -> None:
    ids = ["wire", "reprint", "digest", "digest-copy", "blog"]
    assert read(store, ids, today=TODAY) == {
        "reprint": ReferenceDate(D("2024-03-01"), "derived_from"),
        "digest": ReferenceDate(D("2024-05-12"), "content"),
    }


def test_reference_date_follows_a_chain_of_undated_copies(store: SQLiteStore) -> None:
    with store.transaction():
        store.set_derived_from("blog", "reprint")
    assert read(store, ["blog"])["blog"] == ReferenceDate(D("2024-03-01"), "derived_from")


def test_reference_date_follows_a_new_version(store: SQLiteStore) -> None:
    """Computed when asked: a new text without dates has no reference date left."""
    with store.transaction():
        store.write_article(Article("digest", "", "Germany refused.", None, content_hash="v2"))
    assert "digest" not in read(store, ["digest"])


def _placements(events: list[dict[str, Any]]) -> list[tuple[str, str | None, str | None]]:
    return [(e["type"], e["when"], e["when_source"]) for e in events]


def test_reference_date_places_undated_events(store: SQLiteStore) -> None:
    assert _placements(query.list_events(store, actor="DEU")) == [
        ("AID", "2024-03-01", "published"),
        ("AGREE", "2024-04", "date"),
        ("COOPERATE", "2024-05-02", "date"),
        ("REJECT", "2024-05-12", "reference_date"),
        ("AID", "2024-09-01", "date"),
        ("THREATEN", None, None),
    ]


def test_reference_date_is_never_an_event_date(store: SQLiteStore) -> None:
    placed = [e for e in query.list_events(store) if e["when_source"] != "date"]
    assert [e["date"] for e in placed] == [None, None, None]
    assert sum(e["date"] is None for e in query.list_events(store)) == 3
    assert sum(e.date is None for e in store.read_events()) == 5


def test_reference_date_sources_show_theirs_oldest_first(store: SQLiteStore) -> None:
    (shells,) = [e for e in query.list_events(store) if e["when_source"] == "published"]
    assert [
        (s["doc_id"], s["published"], s["reference_date"], s["reference_basis"])
        for s in shells["sources"]
    ] == [("wire", "2024-03-01", None, None), ("reprint", None, "2024-03-01", "derived_from")]


def test_reference_date_conflicts_are_placed_like_events(store: SQLiteStore) -> None:
    (conflict,) = query.list_conflicts(store)
    (same,) = [e for e in query.list_events(store) if e["canonical_id"] == conflict["canonical_id"]]
    assert conflict == same
    assert (conflict["when"], conflict["when_source"]) == ("2024-05-12", "reference_date")


def test_reference_date_in_the_timeline(store: SQLiteStore) -> None:
    result = CliRunner().invoke(app, ["timeline", "--actor", "DEU", "--db", store.path])
    assert result.exit_code == 0
    assert result.output == (
        "(2024-03-01)   AID                  DEU -> UKR     asserted\n"
        "                wire (2024-03-01): Germany sent shells to Ukraine.\n"
        "                reprint (≈2024-03-01): Germany has sent shells to Ukraine\n"
        "2024-04        AGREE                DEU -> UKR     asserted\n"
        "                wire (2024-03-01): Germany pledged tanks to Ukraine.\n"
        "2024-05-02     COOPERATE            DEU -> UKR     asserted\n"
        "                digest (≈2024-05-12): Germany agreed to train Ukrainian pilots.\n"
        "(≈2024-05-12)  REJECT               DEU -> UKR     asserted [20 jets]\n"
        "                digest (≈2024-05-12): Germany refused to send 20 jets to Ukraine.\n"
        "                digest-copy: Germany declined to send 18 jets to Ukraine.\n"
        "2024-09-01     AID                  DEU -> UKR     future\n"
        "                digest (≈2024-05-12): Berlin said it would send advisers\n"
        "undated        THREATEN             DEU -> UKR     asserted\n"
        "                blog: Germany threatened to cut ties with Ukraine.\n"
    )


def test_reference_date_in_json_and_show(store: SQLiteStore) -> None:
    cli = CliRunner()
    found = json.loads(cli.invoke(app, ["events", "--db", store.path, "--json"]).output)
    assert {(e["when"], e["when_source"]) for e in found if e["type"] == "REJECT"} == {
        ("2024-05-12", "reference_date")
    }
    shown = json.loads(cli.invoke(app, ["show", "reprint", "--db", store.path, "--json"]).output)
    assert (shown["reference_date"], shown["reference_basis"]) == ("2024-03-01", "derived_from")
    text = cli.invoke(app, ["show", "digest", "--db", store.path]).output
    assert "reference date: ≈2024-05-12 (the latest date it reports as past)" in text
