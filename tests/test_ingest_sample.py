"""The bundled sample corpus reads and cleans without loss, and its gold file is consistent."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from watchfloor.ingest.clean import clean_document
from watchfloor.ingest.read import read_documents
from watchfloor.records import ACTOR_KINDS, EVENT_TYPES, STATUSES, Article, PartialDate, RawDocument
from watchfloor.settings import Settings

SAMPLE_DIR = Path(str(resources.files("watchfloor") / "data" / "sample"))
# PLOVER modes per category (PLOVER manual, "Event Categories").
MODES = {
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "ASSAULT": {
        "abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
        "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
        "unconventional",
    },
    "COERCE": {
        "seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
        "misinformation", "cyber",
    },
}  # fmt: skip


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    settings = Settings()
    found = {}
    for raw in read_documents([SAMPLE_DIR / "articles"], settings):
        assert isinstance(raw, RawDocument), raw
        article = clean_document(raw, settings)
        assert isinstance(article, Article), article
        found[article.doc_id] = article
    return found


@pytest.fixture(scope="module")
def gold() -> list[dict[str, Any]]:
    lines = (SAMPLE_DIR / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_sample_reads_nine_articles_from_three_formats(articles: dict[str, Article]) -> None:
    assert len(articles) == 9
    suffixes = sorted({Path(article.source.split(":")[0]).suffix for article in articles.values()})
    assert suffixes == [".html", ".jsonl", ".txt"]


def test_sample_publication_dates_come_from_metadata(
    articles: dict[str, Article], gold: list[dict[str, Any]]
) -> None:
    for record in gold:
        assert articles[record["doc_id"]].published == PartialDate.parse(record["published"])


def test_sample_boilerplate_is_removed(articles: dict[str, Article]) -> None:
    for article in articles.values():
        for widget in (
            "Share this article",
            "Related",
            "NEWSLETTER",
            "Tags:",
            "Copyright",
            "Sign up",
        ):
            assert widget not in article.text, (article.doc_id, widget)
        assert article.title, article.doc_id


def test_gold_covers_every_sample_article(
    articles: dict[str, Article], gold: list[dict[str, Any]]
) -> None:
    assert sorted(record["doc_id"] for record in gold) == sorted(articles)
    copies = {record["doc_id"]: record["derived_from"] for record in gold if record["derived_from"]}
    assert copies == {"2023-08-01-ecowas-deadline-niger": "2023-07-31-ecowas-gives-junta-a-week"}


def test_gold_evidence_is_copied_from_the_cleaned_text(
    articles: dict[str, Article], gold: list[dict[str, Any]]
) -> None:
    for record in gold:
        text = articles[record["doc_id"]].text
        missing = [event["evidence"] for event in record["events"] if event["evidence"] not in text]
        assert missing == [], record["doc_id"]


def test_gold_actor_names_occur_in_the_text(
    articles: dict[str, Article], gold: list[dict[str, Any]]
) -> None:
    for record in gold:
        text = articles[record["doc_id"]].text
        for actor in record["actors"]:
            absent = [
                name for name in actor["names"] if not re.search(rf"\b{re.escape(name)}", text)
            ]
            assert absent == [], (record["doc_id"], actor["id"])


def test_gold_events_follow_the_schema(gold: list[dict[str, Any]]) -> None:
    for record in gold:
        ids = {actor["id"] for actor in record["actors"]}
        assert all(actor["kind"] in ACTOR_KINDS for actor in record["actors"])
        for event in record["events"]:
            assert event["type"] in EVENT_TYPES
            assert event["status"] in STATUSES
            assert event["mode"] is None or event["mode"] in MODES.get(event["type"], ()), event
            assert set(event["actor"]) | set(event["recipient"]) <= ids, event
            assert event["actor"], event
            if event["date"] is not None:
                PartialDate.parse(event["date"])
            if event["quantity"] is not None:
                assert set(event["quantity"]) == {"value", "unit"}


def test_gold_junta_leader_spelled_two_ways(gold: list[dict[str, Any]]) -> None:
    names = {
        name
        for record in gold
        for actor in record["actors"]
        if actor["id"] == "abdourahamane-tchiani"
        for name in actor["names"]
    }
    assert {"Abdourahamane Tchiani", "Abdourahamane Tiani"} <= names
