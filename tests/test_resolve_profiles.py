"""Profiles: what a descriptor says about an actor's country and role (model-free)."""

from __future__ import annotations

import pytest

from watchfloor.records import Actor
from watchfloor.resolve.knowledge import load_knowledge
from watchfloor.resolve.profiles import read_profile


def _known(name: str) -> Actor | None:
    found = load_knowledge().lookup(name)
    return found[0] if found else None


@pytest.mark.parametrize("descriptor", ["of Chile", "from Chile"])
def test_profiles_person_of_a_country_takes_it(descriptor: str) -> None:
    # "Ana Soto of Chile": the place a person is of or from is their country.
    assert read_profile(descriptor, load_knowledge(), _known).country == "CHL"


def test_profiles_a_bare_tail_without_a_role_says_nothing_of_rank() -> None:
    profile = read_profile("of Chile", load_knowledge(), _known)
    assert (profile.title, profile.sector) == (None, None)


@pytest.mark.parametrize(
    ("descriptor", "country"),
    [
        ("a spokeswoman for the Peruvian foreign ministry", "PER"),
        ("spokesman for the Chilean government", "CHL"),
        ("an adviser to the Bolivian president", "BOL"),
        ("a lawyer for the Peruvian journalist", None),  # a person of no state body
        ("an expert on the Russian economy", None),
    ],
)
def test_profiles_body_named_by_demonym_gives_its_country(
    descriptor: str, country: str | None
) -> None:
    # "Ana Soto, a spokeswoman for the Peruvian foreign ministry": the ministry's state
    assert read_profile(descriptor, load_knowledge(), _known).country == country
