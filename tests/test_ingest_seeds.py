"""The seed articles in ../shared: what reading and cleaning must get right on real pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from watchfloor.ingest.clean import clean_document
from watchfloor.ingest.read import read_documents
from watchfloor.records import Article, PartialDate, RawDocument
from watchfloor.settings import Settings

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def seeds(shared_dir: Path) -> dict[str, Article]:
    settings = Settings()
    articles = {}
    for raw in read_documents([shared_dir / "corpus" / "seeds"], settings):
        assert isinstance(raw, RawDocument), raw
        article = clean_document(raw, settings)
        assert isinstance(article, Article), article
        articles[article.doc_id[:3]] = article
    return articles


def test_seeds_all_clean(seeds: dict[str, Article]) -> None:
    assert sorted(seeds) == ["000", "001", "002", "003", "004"]


def test_seed_001_date_and_title(seeds: dict[str, Article]) -> None:
    assert seeds["001"].published == PartialDate(2023, 4, 11)
    assert seeds["001"].title == "The US has been pushing Seoul to arm Ukraine"
    assert not seeds["001"].text.lstrip().lower().startswith("date")


@pytest.mark.parametrize(
    ("seed", "gone"),
    [
        (
            "002",
            [
                "Home »",
                "\nby ",
                "Related topics",
                "More news",
                "You may also like",
                "Leave a Comment",
            ],
        ),
        ("004", ["NEWSLETTER", "mailing list", "\n|"]),
        ("003", ["Read more:"]),
    ],
)
def test_seed_boilerplate_is_gone(seeds: dict[str, Article], seed: str, gone: list[str]) -> None:
    for fragment in gone:
        assert fragment not in seeds[seed].text


def test_seed_002_headline_appears_once(seeds: dict[str, Article]) -> None:
    article = seeds["002"]
    assert article.text.count(article.title) == 1
    assert article.text.startswith(article.title + "\n\n")


def test_seed_gold_evidence_survives_cleaning(shared_dir: Path, seeds: dict[str, Article]) -> None:
    """Cleaning removes no sentence the hand-coded gold cites as evidence."""
    lines = (shared_dir / "gold" / "seeds.jsonl").read_text(encoding="utf-8").splitlines()
    for record in map(json.loads, lines):
        text = seeds[record["doc_id"][:3]].text
        missing = [event["evidence"] for event in record["events"] if event["evidence"] not in text]
        assert missing == [], record["doc_id"]
