"""Acts of joining an organisation, and the bodies an organisation acts through
(sentences written here)."""

from __future__ import annotations

from typing import Any

import pytest

from watchfloor.nlp.analyse import ArticleAnalyser
from watchfloor.records import Article, Event, PartialDate
from watchfloor.settings import Settings

PUBLISHED = PartialDate(2021, 6, 9)

# text -> (type, actor, recipient, recipient_source) that must be among the events found
CASES: dict[str, tuple[str, set[str], set[str], str | None]] = {
    # joining is done toward the organisation, not with it as an equal
    "Chile and Peru formally joined the OAS on Friday.": (
        "COOPERATE",
        {"CHL", "PER"},
        {"OAS"},
        "clause",
    ),
    # an accession names the organisation acceded to, else the article does
    "The Peruvian congress ratified its accession to the OAS on Tuesday.": (
        "SUPPORT",
        {"PER"},
        {"OAS"},
        "clause",
    ),
    "Chile and Peru hope to take part in OAS summits. Chile's president signed the "
    "accession treaty in Santiago.": ("SUPPORT", {"CHL"}, {"OAS"}, "discourse"),
    # members approving an organisation's growth approve it for the newcomers
    "Uruguay became the last member to ratify OAS expansion to include Chile and Peru.": (
        "SUPPORT",
        {"URY"},
        {"CHL", "PER"},
        "clause",
    ),
    # an organisation's organ written in lower case is still the organ
    "The UN security council demanded that Sudan open its borders to aid convoys.": (
        "REQUEST",
        {"UNSC"},
        {"SDN"},
        "clause",
    ),
    # the governments of an organisation act as the organisation
    "EU governments agreed to lend Portugal billions of euros.": (
        "AGREE",
        {"EU"},
        {"PRT"},
        "clause",
    ),
    "Eurozone countries and the IMF agreed to lend Portugal billions.": (
        "AGREE",
        {"EU", "IMF"},
        {"PRT"},
        "clause",
    ),
}

# Joining someone in an act is no membership: the act keeps its own parties.
NOT_MEMBERSHIP = "Brazil joined Argentina in condemning the coup in Lima."


@pytest.fixture(scope="module")
def coded(nlp: Any) -> dict[str, list[Event]]:
    texts = [*CASES, NOT_MEMBERSHIP]
    articles = [
        Article(doc_id=f"m{number}", title="", text=text, published=PUBLISHED)
        for number, text in enumerate(texts)
    ]
    analyses = ArticleAnalyser(Settings()).analyse(articles)
    return {text: list(a.events) for text, a in zip(texts, analyses, strict=True)}


@pytest.mark.model
@pytest.mark.parametrize("text", list(CASES))
def test_nlp_membership_parties(coded: dict[str, list[Event]], text: str) -> None:
    event_type, actor, recipient, source = CASES[text]
    found = [(e.type, set(e.actor), set(e.recipient)) for e in coded[text]]
    assert (event_type, actor, recipient) in found
    sources = {
        e.recipient_source
        for e in coded[text]
        if (e.type, set(e.actor), set(e.recipient)) == (event_type, actor, recipient)
    }
    assert source in sources


@pytest.mark.model
def test_nlp_membership_joining_a_state_is_not_joining_an_organisation(
    coded: dict[str, list[Event]],
) -> None:
    events = coded[NOT_MEMBERSHIP]
    assert events
    assert not any(event.type == "COOPERATE" and event.recipient for event in events)
