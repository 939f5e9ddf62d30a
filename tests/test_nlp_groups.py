"""Counted references to parties named earlier ("the three countries"), on sentences written here.

They run the real model (`model`).
"""

from __future__ import annotations

import pytest

from phrase_parties import parties_of
from watchfloor.nlp.analyse import ArticleAnalyser
from watchfloor.records import Article, PartialDate
from watchfloor.settings import Settings

PUBLISHED = PartialDate(2024, 3, 14)

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def analyser() -> ArticleAnalyser:
    return ArticleAnalyser(Settings())


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # a list of three, several sentences back
        (
            "Peru, Chile and Bolivia signed the treaty in May. Argentina stayed away. "
            "Brazil said on Monday that it would trade with the three countries.",
            "countries",
            ["PER", "CHL", "BOL"],
        ),
        # another group noun, another count
        (
            "Latvia and Estonia joined the union in 2004. "
            "Sweden welcomed the two new members on Friday.",
            "members",
            ["LVA", "EST"],
        ),
        # places count as well: "in Kenya and Tanzania ... the two countries"
        (
            "Bombs exploded at the embassies in Kenya and Tanzania. "
            "Japan sent doctors to both countries.",
            "countries",
            ["KEN", "TZA"],
        ),
        # the nearest list of the right size, not a nearer list of another size
        (
            "Peru and Chile met in Lima. Ghana, Togo and Benin met in Accra. "
            "France praised the two countries.",
            "countries",
            ["PER", "CHL"],
        ),
        # a modifier naming fewer parties than the count does not stand for them all
        (
            "Poland, Hungary and the Czech Republic joined the alliance in March. "
            "Canada praised the three former Warsaw Pact nations.",
            "nations",
            ["POL", "HUN", "CZE"],
        ),
        # no list of that size: nothing is guessed
        (
            "Peru and Chile met in Lima. France praised the three countries.",
            "countries",
            [],
        ),
    ],
)
def test_nlp_groups_counted_reference_takes_the_list_named_before(
    analyser: ArticleAnalyser, text: str, word: str, expected: list[str]
) -> None:
    assert parties_of(analyser, text, word, last=True) == expected


def test_nlp_groups_reference_is_the_recipient_of_an_act(analyser: ArticleAnalyser) -> None:
    text = (
        "Poland, Hungary and the Czech Republic joined NATO in March. "
        "Germany sent 40 tanks to the three countries."
    )
    article = Article(doc_id="d1", title="", text=text, published=PUBLISHED)
    (analysis,) = analyser.analyse([article])
    recipients = [set(event.recipient) for event in analysis.events if event.type != "COOPERATE"]
    assert {"POL", "HUN", "CZE"} in recipients
