"""Event details: the date an act takes in an article with no publication date."""

from __future__ import annotations

import pytest

from watchfloor.nlp.analyse import ArticleAnalyser
from watchfloor.records import Article, Event, PartialDate, Place
from watchfloor.settings import Settings


@pytest.fixture(scope="module")
def analyser() -> ArticleAnalyser:
    return ArticleAnalyser(Settings())


def _aid_events(analyser: ArticleAnalyser, text: str) -> list[Event]:
    article = Article(doc_id="undated", title="", text=text, published=None)
    (analysis,) = analyser.analyse([article])
    return [event for event in analysis.events if event.type == "AID"]


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Chile sent two frigates to Peru on Thursday.",
        "Chile sent two frigates to Peru last week.",
        "On November 19, Chile sent two frigates to Peru.",
        # an absolute date four sentences back does not anchor "Thursday"
        "Talks opened in Lima on 3 May 2011. Envoys came from Oslo. They stayed long. "
        "Many left early. Chile sent two frigates to Peru on Thursday.",
    ],
)
def test_event_details_undated_article_leaves_the_date_open(
    analyser: ArticleAnalyser, text: str
) -> None:
    (event,) = _aid_events(analyser, text)
    assert event.date is None
    assert event.date_source == "unanchored"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chile sent two frigates to Peru on 4 March 2019.", PartialDate(2019, 3, 4)),
        (
            "Talks opened in Lima on 3 May 2011. Chile sent two frigates to Peru on Thursday.",
            PartialDate(2011, 4, 28),
        ),
        (
            "LIMA, June 4, 2018 (Wire) - Chile sent two frigates to Peru on Thursday.",
            PartialDate(2018, 5, 31),
        ),
    ],
)
def test_event_details_undated_article_dates_from_its_own_text(
    analyser: ArticleAnalyser, text: str, expected: PartialDate
) -> None:
    (event,) = _aid_events(analyser, text)
    assert event.date == expected
    assert event.date_source == "clause"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russian missiles hit an apartment block in Kharkiv on Monday, killing four civilians.",
            Place("UKR", "Kharkiv"),
        ),
        ("A Japanese envoy held talks in Hanoi with officials.", Place("VNM", "Hanoi")),
        ("NATO defence ministers met in Brussels on Thursday.", Place("BEL", "Brussels")),
        # where the goods go is not where the act happens
        ("Germany delivered 40 tanks to Poland.", None),
        # a visit happens in its host's country
        ("Turkey's foreign minister visited Iraq on Tuesday.", Place("IRQ")),
        # a place of another noun is not the place of the act
        ("Japan sold shells to Canada to replace stocks used in the war in Sudan.", None),
        ("Officials in Tokyo said Japan would send food aid to Chile.", None),
    ],
)
def test_event_details_place_of_the_act(
    analyser: ArticleAnalyser, text: str, expected: Place | None
) -> None:
    article = Article(doc_id="place", title="", text=text, published=PartialDate(2024, 3, 14))
    (analysis,) = analyser.analyse([article])
    assert analysis.events
    assert {event.place for event in analysis.events} == {expected}
