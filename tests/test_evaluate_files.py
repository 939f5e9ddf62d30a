"""Several gold files in one eval run: each file on its own and the total."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from watchfloor.errors import InputError
from watchfloor.evaluate import (
    GoldFile,
    PredictedDocument,
    format_report,
    load_gold_files,
    score,
    score_gold_files,
)


def event(type: str, actor: str, recipient: str) -> dict[str, Any]:
    """A gold-shaped event; the countries are made up."""
    return {
        "type": type,
        "mode": None,
        "context": [],
        "actor": [actor],
        "recipient": [recipient],
        "date": None,
        "status": "asserted",
        "quantity": None,
        "evidence": f"{actor} and {recipient}",
    }


def document(
    doc_id: str,
    events: list[dict[str, Any]],
    names: dict[str, list[str]] | None = None,
    derived_from: str | None = None,
) -> dict[str, Any]:
    actors = [
        {"id": actor_id, "kind": "country", "country": None, "sector": None, "names": forms}
        for actor_id, forms in (names or {}).items()
    ]
    return {
        "doc_id": doc_id,
        "published": None,
        "derived_from": derived_from,
        "actors": actors,
        "events": events,
    }


def write_gold(path: Path, *documents: dict[str, Any]) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in documents), encoding="utf-8")
    return path


FIRST = GoldFile(
    "first.jsonl",
    (
        document(
            "a", [event("AID", "VEL", "NOR"), event("REQUEST", "NOR", "VEL")], {"VEL": ["Veltria"]}
        ),
    ),
)
SECOND = GoldFile(
    "second.jsonl",
    (
        document("b", [event("SANCTION", "OST", "VEL")], {"VEL": ["the Veltrians"]}),
        document("c", [], derived_from="b"),
    ),
)
PREDICTED = {
    "a": PredictedDocument("a", (event("AID", "VEL", "NOR"),), (("Veltria", "vel"),)),
    "b": PredictedDocument("b", (event("SANCTION", "OST", "VEL"),), (("Veltrians", "vel"),)),
    "c": PredictedDocument("c", (), (), derived_from="a"),
}


def test_evaluate_files_total_scores_all_files_as_one_gold_set() -> None:
    report = score_gold_files([FIRST, SECOND], PREDICTED)
    total = score([*FIRST.documents, *SECOND.documents], PREDICTED)
    assert {key: value for key, value in report.items() if key != "files"} == total
    assert report["documents"] == 3
    assert (report["events"]["gold"], report["events"]["matched"]) == (3, 2)
    # One actor named differently in the two files: merged only when they are scored together.
    assert [f["actors"]["merged_share"] for f in report["files"]] == [0.0, 0.0]
    assert report["actors"]["merged_share"] == 1.0
    # c copies b; predicting a as its original is wrong once a is part of the gold.
    assert report["files"][1]["duplicates"]["outside_gold"] == 1
    assert (report["duplicates"]["predicted_pairs"], report["duplicates"]["correct"]) == (1, 0)


def test_evaluate_files_each_file_on_its_own() -> None:
    report = score_gold_files([FIRST, SECOND], PREDICTED)
    assert [f["gold"] for f in report["files"]] == ["first.jsonl", "second.jsonl"]
    for file, gold in zip(report["files"], (FIRST, SECOND), strict=True):
        assert file == {"gold": gold.path, **score(gold.documents, PREDICTED)}
    assert [f["events"]["recall"] for f in report["files"]] == [0.5, 1.0]


def test_evaluate_files_one_file_keeps_the_report_and_lists_it() -> None:
    report = score_gold_files([FIRST], PREDICTED)
    assert [f["gold"] for f in report["files"]] == ["first.jsonl"]
    assert "Gold files" not in format_report(report)
    assert format_report(report) == format_report(score(FIRST.documents, PREDICTED))


def test_evaluate_files_table() -> None:
    table = format_report(score_gold_files([FIRST, SECOND], PREDICTED))
    assert table.startswith(
        "3 gold documents, 3 with predictions, in 2 gold files\n"
        "\n"
        "Gold files (the total scores them as one gold set)\n"
        "  events        documents  gold  predicted  matched  precision  recall     f1\n"
        "  first.jsonl           1     2          1        1      1.000   0.500  0.667\n"
        "  second.jsonl          2     1          1        1      1.000   1.000  1.000\n"
        "  total                 3     3          2        2      1.000   0.667  0.800\n"
        "\n"
        "  actors        items  precision  recall     f1  merged share\n"
        "  first.jsonl       1      1.000   1.000  1.000         0.000\n"
        "  second.jsonl      1      1.000   1.000  1.000         0.000\n"
        "  total             2      1.000   1.000  1.000         1.000\n"
        "\n"
        "  duplicates    gold pairs  predicted  correct  precision  recall     f1\n"
        "  first.jsonl            0          0        0      0.000   0.000  0.000\n"
        "  second.jsonl           1          0        0      0.000   0.000  0.000\n"
        "  total                  1          1        0      0.000   0.000  0.000\n"
        "\n"
        "Events: gold 3, predicted 2, matched 2 (0 by the two-sided rule)\n"
    )


def test_evaluate_files_load(tmp_path: Path) -> None:
    first = write_gold(tmp_path / "first.jsonl", *FIRST.documents)
    second = write_gold(tmp_path / "second.jsonl", *SECOND.documents)
    files = load_gold_files([first, second])
    assert files == [GoldFile(str(first), FIRST.documents), GoldFile(str(second), SECOND.documents)]


def test_evaluate_files_a_document_in_two_files_is_an_error(tmp_path: Path) -> None:
    first = write_gold(tmp_path / "first.jsonl", *FIRST.documents)
    again = write_gold(tmp_path / "again.jsonl", document("z", []), *FIRST.documents)
    with pytest.raises(InputError, match=r"again\.jsonl: doc_id 'a' is already in the gold file"):
        load_gold_files([first, again])
    with pytest.raises(InputError, match="is already in the gold file"):
        load_gold_files([first, first])
