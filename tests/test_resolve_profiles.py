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
