"""Date lines in pages and publication dates given by input records."""

from __future__ import annotations

import pytest

from watchfloor.ingest.date_lines import DateLine, parse_date_line, parse_published
from watchfloor.records import PartialDate


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published: 12 March 2021", DateLine("published", PartialDate(2021, 3, 12), True, "")),
        (
            "date 2024-06-30 Harbour reopens",
            DateLine("published", PartialDate(2024, 6, 30), True, "Harbour reopens"),
        ),
        (
            "Posted on 12 March 2021 by Jane Doe",
            DateLine("published", PartialDate(2021, 3, 12), True, "by Jane Doe"),
        ),
        ("Updated: 2024-02-01 10:00 GMT", DateLine("updated", PartialDate(2024, 2, 1), True, "")),
        (
            "Last updated on 5th September 2023 at 14:02 BST",
            DateLine("updated", PartialDate(2023, 9, 5), True, ""),
        ),
        ("Monday, 7 August 2023", DateLine("published", PartialDate(2023, 8, 7), False, "")),
        (
            "Aug. 7, 2023 10:00 AM | By Jane Doe",
            DateLine("published", PartialDate(2023, 8, 7), False, "By Jane Doe"),
        ),
        ("2023-08-07T09:15:00Z", DateLine("published", PartialDate(2023, 8, 7), False, "")),
        ("Date: Sept. 3, 2023", DateLine("published", PartialDate(2023, 9, 3), True, "")),
        ("Updated 3 hours ago", DateLine("updated", None, True, "")),
        ("Published: 31 June 2023", DateLine("published", None, True, "")),
        (
            "12 March 2021 was a long day",
            DateLine("published", PartialDate(2021, 3, 12), False, "was a long day"),
        ),
    ],
)
def test_parse_date_line(line: str, expected: DateLine) -> None:
    assert parse_date_line(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "The talks began on 12 March 2021 in Vienna.",
        "The date 2023 was chosen by the committee",
        "March 2021",
        "Published by the ministry of defence",
    ],
)
def test_parse_date_line_ignores_sentences(line: str) -> None:
    assert parse_date_line(line) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-08-07", PartialDate(2023, 8, 7)),
        ("2023-08", PartialDate(2023, 8)),
        ("2023", PartialDate(2023)),
        ("2023-08-07T23:30:00-05:00", PartialDate(2023, 8, 7)),  # the publisher's own day
        ("Mon, 07 Aug 2023 23:30:00 -0500", PartialDate(2023, 8, 7)),
        ("7 August 2023", PartialDate(2023, 8, 7)),
        ("Monday, August 7th, 2023 at 10:00", PartialDate(2023, 8, 7)),
        ("07.08.2023", None),  # day-month order unknown
        ("Aug 7 2023 5pm", PartialDate(2023, 8, 7)),
        ("2023-13-01", None),
        ("soon", None),
    ],
)
def test_parse_published(value: str, expected: PartialDate | None) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Oct 9, 2019 | 6:45 pm BST", DateLine("published", PartialDate(2019, 10, 9), False, "")),
        (
            "Updated 7:05 AM, Tuesday, October 8, 2019",
            DateLine("updated", PartialDate(2019, 10, 8), True, ""),
        ),
        (
            "3 March 2020 Last updated at 09:12 GMT",
            DateLine("published", PartialDate(2020, 3, 3), True, ""),
        ),
        ("Posted: 12/30/2019 10:02 AM", DateLine("published", PartialDate(2019, 12, 30), True, "")),
        ("Published 2019.10.08 09:01", DateLine("published", PartialDate(2019, 10, 8), True, "")),
        ("04/03/2020", DateLine("published", None, False, "")),  # day or month first: unknown
        ("(June 2, 2018)", DateLine("published", PartialDate(2018, 6, 2), False, "")),
        ("2019-10-08T06:45:00+02:00", DateLine("published", PartialDate(2019, 10, 8), False, "")),
    ],
)
def test_parse_date_line_with_times_zones_and_labels(line: str, expected: DateLine) -> None:
    assert parse_date_line(line) == expected


@pytest.mark.parametrize(
    "line",
    ["BERLIN, June 2, 2018", "End of term: Friday, June 1, 2018", "Talks resumed on 2 June 2018."],
)
def test_lines_with_other_words_are_not_date_lines(line: str) -> None:
    assert parse_date_line(line) is None
