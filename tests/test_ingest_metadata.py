"""Metadata parsers: bylines, outlet suffixes and wire datelines."""

from __future__ import annotations

import pytest

from watchfloor.ingest.metadata import (
    byline_date,
    dateline_outlet,
    parse_byline,
    split_outlet_suffix,
)
from watchfloor.records import PartialDate


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("by sam", "sam"),
        ("BY JANE DOE", "JANE DOE"),
        ("By Jane Doe | 12 March 2021", "Jane Doe"),
        ("Written by Amadou Diallo and Claire Martin", "Amadou Diallo and Claire Martin"),
        ("Reporting by Jean-Pierre de la Fontaine", "Jean-Pierre de la Fontaine"),
        ("By: A. N. Other", "A. N. Other"),
    ],
)
def test_parse_byline(line: str, name: str) -> None:
    assert parse_byline(line) == name


@pytest.mark.parametrize(
    "line",
    [
        "By Monday, troops had left.",
        "By the way",
        "By contrast, the council said",
        "By land and sea",
        "By 2030 the plant will close",
        "By far the largest",
        "Byzantine politics",
        "By Jane Doe who said the harbour would reopen after the strike ended next week",
    ],
)
def test_parse_byline_rejects_sentences(line: str) -> None:
    assert parse_byline(line) is None


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        (
            "Harbour pilots end their strike in Gdynia – Coastal Wire",
            ("Harbour pilots end their strike in Gdynia", "Coastal Wire"),
        ),
        (
            "Council approves wind farm off the coast | The Daily Ledger",
            ("Council approves wind farm off the coast", "The Daily Ledger"),
        ),
        (
            "Ministers meet to discuss the budget - BBC News",
            ("Ministers meet to discuss the budget", "BBC News"),
        ),
        ("Talks stall - Analysis", ("Talks stall - Analysis", None)),
        (
            "Coalition partners disagree over the budget - Analysis",
            ("Coalition partners disagree over the budget - Analysis", None),
        ),
        ("Plant to close by 2030 - officials", ("Plant to close by 2030 - officials", None)),
        ("Europe - World War I.1", ("Europe - World War I.1", None)),
    ],
)
def test_split_outlet_suffix(headline: str, expected: tuple[str, str | None]) -> None:
    assert split_outlet_suffix(headline) == expected


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("GDYNIA, May 14 (Coastal Wire) - Harbour pilots walked out.", "Coastal Wire"),
        ("BRUSSELS (Example Press) — Ministers met on Tuesday.", "Example Press"),
        ("Minister Jane Doe (pictured) - said the talks would go on.", None),
    ],
)
def test_dateline_outlet(line: str, outlet: str | None) -> None:
    assert dateline_outlet(line) == outlet


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Jane Doe | 12 March 2021", PartialDate(2021, 3, 12)),
        ("By Jane Doe - Monday, 4 March 2024 09:30", PartialDate(2024, 3, 4)),
        ("By Jane Doe", None),
        ("By Jane Doe | Foreign desk", None),
    ],
)
def test_byline_date(line: str, expected: PartialDate | None) -> None:
    assert byline_date(line) == expected
