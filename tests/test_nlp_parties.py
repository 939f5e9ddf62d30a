"""Parties of noun phrases from the context: generic agents, datelines, untitled officials.

Sentences are made up for these tests; they run the real model (`model`).
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
        # the place of the act, named in the clause or the sentence
        ("Rebels attacked a convoy near Mosul on Friday.", "Rebels", ["IRQ"]),
        ("Police detained 40 students in Mosul on Sunday.", "Police", ["IRQ"]),
        ("Police detained 40 students in Mosul on Sunday.", "students", ["IRQ"]),
        ("Gunmen killed four farmers in southern Lebanon.", "Gunmen", ["LBN"]),
        ("Gunmen seized a fishing boat off Yemen on Monday.", "Gunmen", ["YEM"]),
        # a country of its own wins over the place
        ("Chilean troops fired on protesters in Mandalay.", "troops", ["CHL"]),
        # the place of a wire dateline, even one the NER missed
        ("QUITO (AP) _ Soldiers arrested three smugglers overnight.", "Soldiers", ["ECU"]),
        # else the country the article names most
        ("Ecuador held elections on Sunday. Later, gunmen attacked a bus.", "gunmen", ["ECU"]),
        # an office holder no dictionary knows, with no country in the text
        (
            "Nigeria's economy grew last year. "
            "Interior Minister Adamu Bello accused the opposition of fraud.",
            "Bello",
            ["NGA"],
        ),
        # a state body takes a place only from its own clause
        (
            "During a visit to Lima, the Ecuadorian president said the ministry would "
            "review the deal.",
            "ministry",
            ["ECU"],
        ),
        # "his government" is the government of whoever "he" is
        (
            "Ecuadorian President Lucio Mora said in Lima that his government would buy jets.",
            "government",
            ["ECU"],
        ),
        # a person no dictionary knows, in an article that is one country's own story
        (
            "Ecuador held a vote on Monday. Ecuador closed its courts on Tuesday. "
            "Lidia Parrales criticised Marco Tenorio.",
            "Tenorio",
            ["ECU"],
        ),
        # ... but not in an article shared by two countries
        (
            "Ecuador held a vote on Monday. Peru closed its courts on Tuesday. "
            "Lidia Parrales criticised Marco Tenorio.",
            "Tenorio",
            [],
        ),
        # a local story: no party named as an actor, places in one country only
        (
            "A jury in Madrid heard the case on Monday. "
            "Lidia Parrales criticised Marco Tenorio in Barcelona.",
            "Tenorio",
            ["ESP"],
        ),
        (
            "A Spanish court heard the case in Madrid on Monday. "
            "Lidia Parrales criticised Marco Tenorio.",
            "Tenorio",
            ["ESP"],
        ),
        # ... but not when its places are in two countries
        (
            "A jury in Madrid heard the case on Monday. "
            "Lidia Parrales criticised Marco Tenorio in Lisbon.",
            "Tenorio",
            [],
        ),
        # a story that names one country's places and bodies far more than any other
        (
            "Dale Ruskin appeared in a Tulsa court on Monday. The trial was moved to "
            "Oklahoma City. A US court had heard the case before. "
            "Lidia Parrales criticised Ruskin in Tulsa.",
            "Ruskin",
            ["USA"],
        ),
        # people of no state who act take the country of the article's own story
        (
            "Ecuador held a vote on Monday. Ecuador closed its courts on Tuesday. "
            "The family appealed the ruling.",
            "family",
            ["ECU"],
        ),
        (
            "Ecuador held a vote on Monday. Ecuador closed its courts on Tuesday. "
            "The ruling was condemned by critics.",
            "critics",
            ["ECU"],
        ),
        # ... not in a story shared by two countries
        (
            "Ecuador held a vote on Monday. Peru closed its courts on Tuesday. "
            "Critics condemned the ruling.",
            "Critics",
            [],
        ),
        # ... nor when they are acted on, or only are somewhere
        (
            "Ecuador held a vote on Monday. Ecuador closed its courts on Tuesday. "
            "Unknown gunmen wounded six people.",
            "people",
            [],
        ),
        (
            "Ecuador held a vote on Monday. Ecuador closed its courts on Tuesday. "
            "Six people were in custody.",
            "people",
            [],
        ),
        # people of a country's courts and police act where they are
        ("A jury convicted two smugglers in Mosul on Monday.", "jury", ["IRQ"]),
        ("Prosecutors charged two men with fraud in Lyon.", "Prosecutors", ["FRA"]),
        ("QUITO (AP) _ A judge sentenced two men on Monday.", "judge", ["ECU"]),
        ("Sheriff's deputies arrested two men in Maricopa County.", "deputies", ["USA"]),
        # a prosecutor's title makes an official of the article's own country
        (
            "QUITO (AP) _ District Attorney Rosa Inca charged two men with fraud.",
            "Inca",
            ["ECU"],
        ),
        # a state body no dictionary knows is of the article's own country
        (
            "QUITO (AP) _ The Guayas Police Department arrested two men on Monday.",
            "Department",
            ["ECU"],
        ),
        # ... a company is not
        ("QUITO (AP) _ Tornado Holdings Corp. accused a rival of fraud.", "Corp.", []),
        # ... not an attorney for a family
        (
            "Ecuador held a vote. Peru closed its courts. "
            "Family attorney Rosa Inca criticised the ruling.",
            "Inca",
            [],
        ),
        # a generic noun modifying another noun is read through that noun
        ("Peru criticised the troop deployment in Mandalay.", "troop", []),
        # a state body is not placed by the act it orders or allows
        (
            "SANTIAGO (AP) _ The government authorized the navy to chase smugglers in the "
            "waters of Peru.",
            "government",
            ["CHL"],
        ),
        # counted or grouped, a generic agent still acts where it is
        ("Hundreds of youths attacked police in Lyon.", "youths", ["FRA"]),
    ],
)
def test_nlp_parties_generic_agents_from_the_context(
    analyser: ArticleAnalyser, text: str, word: str, expected: list[str]
) -> None:
    assert parties_of(analyser, text, word) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Police detained 40 students in Mosul on Sunday.",
        # the NER tags the city ORG, and the sentence's first word PERSON: neither is an actor
        "Police detained 40 students in Marseille.",
        "Riot police detained 40 students in Mosul on Sunday.",
    ],
)
def test_nlp_parties_event_of_a_generic_agent_is_coded(
    analyser: ArticleAnalyser, text: str
) -> None:
    article = Article(doc_id="d1", title="", text=text, published=PUBLISHED)
    (analysis,) = analyser.analyse([article])
    country = "FRA" if "Marseille" in text else "IRQ"
    assert [(event.type, event.actor) for event in analysis.events] == [("COERCE", (country,))]


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Police detained 40 students in the city of Mosul.", "Police", ["IRQ"]),
        # a common noun capitalised only because it opens the sentence names no group
        ("Security forces clashed with students in Mosul.", "forces", ["IRQ"]),
        ("Border guards detained two men near Mosul.", "guards", ["IRQ"]),
        # a destination is not where the act happens: the article's own country instead
        ("QUITO (AP) _ The army sent soldiers to Mosul on Monday.", "soldiers", ["ECU"]),
    ],
)
def test_nlp_parties_place_of_the_act_is_where_it_happens(
    analyser: ArticleAnalyser, text: str, word: str, expected: list[str]
) -> None:
    assert parties_of(analyser, text, word) == expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # a bare "the court" names the court named before it, whose name it heads
        (
            "The International Court of Justice heard Bolivia on Monday. "
            "Chile asked the court to dismiss the case.",
            "court",
            ["ICJ"],
        ),
        # ... also as the owner of another noun
        (
            "The International Court of Justice heard Bolivia on Monday. "
            "Chile disputed the court's jurisdiction.",
            "court",
            ["ICJ"],
        ),
        (
            "The International Monetary Fund sent a team to Accra. "
            "Ghana asked the fund for a loan.",
            "fund",
            ["IMF"],
        ),
    ],
)
def test_nlp_parties_definite_noun_names_the_body_named_before(
    analyser: ArticleAnalyser, text: str, word: str, expected: list[str]
) -> None:
    assert parties_of(analyser, text, word) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a noun with a word of its own names another body
        "The International Court of Justice heard Bolivia on Monday. "
        "Chile asked a military court to dismiss the case.",
        # a body named only after the noun is not the one it names
        "Chile asked the court to dismiss the case. "
        "The International Court of Justice heard Bolivia on Monday.",
    ],
)
def test_nlp_parties_other_court_is_not_the_body_named(
    analyser: ArticleAnalyser, text: str
) -> None:
    assert "ICJ" not in parties_of(analyser, text, "court")


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # a generic agent coordinated with a name acts where it is, beside the name
        ("The FBI and police questioned two men in Nairobi.", "FBI", ["USA", "KEN"]),
        ("Two men were questioned by the FBI and police in Nairobi.", "FBI", ["USA", "KEN"]),
        # ... but nouns sharing a modifier are the modifier's
        ("Cuba backed the Russian government, army and people in Ukraine.", "government", ["RUS"]),
        # ... and a noun of the name's own kind is the name's
        (
            "Israeli soldiers were fighting Hezbollah and other guerrillas in Lebanon.",
            "Hezbollah",
            ["LBN"],
        ),
    ],
)
def test_nlp_parties_generic_agent_beside_a_name(
    analyser: ArticleAnalyser, text: str, word: str, expected: list[str]
) -> None:
    assert parties_of(analyser, text, word) == expected
