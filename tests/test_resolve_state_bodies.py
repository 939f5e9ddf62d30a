"""A state outlet and a party get their country from evidence, in a made-up world.

Model-free: two made-up countries, one state news agency and one party in a
small knowledge base, and hand-made mentions. No name here appears in a gold
file (the tests of `test_resolve_state_media.py` use the bundled outlets).
"""

from __future__ import annotations

import pytest

from watchfloor.records import Actor, Mention, PartialDate
from watchfloor.resolve.actor_entries import ActorEntry
from watchfloor.resolve.generic_terms import BodyType, TitleTable
from watchfloor.resolve.knowledge import KnowledgeBase, normalise_name
from watchfloor.resolve.registry import ActorRegistry, event_party

ON = PartialDate(2024, 3, 5)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    entries = [
        ActorEntry(
            Actor("MDV", "Moldavia", "country", country="MDV"), ("Moldavian",), ("Chisova",)
        ),
        ActorEntry(Actor("TRV", "Tarvonia", "country", country="TRV"), ("Tarvonian",), ("Vorsk",)),
        ActorEntry(
            Actor(
                "trv-tta",
                "Tarvonian Telegraph Agency",
                "org",
                country="TRV",
                sector="MED",
                aliases=("TTA",),
            ),
            body_type="news-agency",
        ),
        ActorEntry(
            Actor(
                "mdv-verdant-party",
                "Verdant Party",
                "org",
                country="MDV",
                sector="PTY",
                aliases=("Verdants",),
            )
        ),
        ActorEntry(Actor("KLV", "Kelvia", "country", country="KLV")),
        # a name two countries' bodies share
        ActorEntry(Actor("mdv-grand-council", "Grand Council", "org", country="MDV")),
        ActorEntry(Actor("trv-grand-council", "Grand Council", "org", country="TRV")),
    ]
    agency = BodyType("news-agency", "news agency", "MED", ("state news agency",))
    titles = TitleTable({"sectors": {}}, normalise_name)
    return KnowledgeBase(entries, (agency,), titles)


def document(*items: tuple[str, str] | tuple[str, str, str]) -> list[Mention]:
    """Mentions one sentence each: (text, label) or (text, label, descriptor)."""
    found, offset = [], 0
    for sentence, (text, label, *descriptor) in enumerate(items):
        found.append(Mention("d1", offset, offset + len(text), text, label, sentence, *descriptor))
        offset += len(text) + 20
    return found


def ids(kb: KnowledgeBase, *items: tuple[str, str] | tuple[str, str, str]) -> list[str | None]:
    return [m.actor_id for m in ActorRegistry(kb).resolve(document(*items), ON).mentions]


def test_state_bodies_an_agency_is_the_country_its_own_words_name(kb: KnowledgeBase) -> None:
    # Moldavia is named nearest, but the phrase names Tarvonia's agency.
    found = ids(kb, ("Moldavia", "GPE"), ("state news agency", "BODY", "Vorsk's"))
    assert found == ["MDV", "trv-tta"]


def test_state_bodies_a_bare_phrase_is_the_outlet_named_never_the_nearest_country(
    kb: KnowledgeBase,
) -> None:
    found = ids(kb, ("TTA", "ORG"), ("Moldavia", "GPE"), ("state news agency", "BODY"))
    assert found == ["trv-tta", "MDV", "trv-tta"]
    # With no outlet named, nothing: never Moldavia's.
    assert ids(kb, ("Moldavia", "GPE"), ("state news agency", "BODY")) == ["MDV", None]


def test_state_bodies_an_outlet_speaks_for_its_own_country(kb: KnowledgeBase) -> None:
    resolution = ActorRegistry(kb).resolve(document(("Tarvonian Telegraph Agency", "ORG")), ON)
    actor = next(a for a in resolution.actors if a.id == resolution.mentions[0].actor_id)
    assert event_party(actor, kb.get) == "TRV"


def test_state_bodies_a_party_and_its_members_are_one_actor(kb: KnowledgeBase) -> None:
    # "the Verdants" for the party's members is the party, not a body of its own.
    found = ids(kb, ("Verdant Party", "ORG"), ("Verdants", "NORP"), ("Verdants", "ORG"))
    assert found == ["mdv-verdant-party"] * 3


def test_state_bodies_a_shared_name_is_the_body_of_a_country_the_text_names(
    kb: KnowledgeBase,
) -> None:
    assert ids(kb, ("Vorsk", "GPE"), ("Grand Council", "ORG")) == ["TRV", "trv-grand-council"]
    # naming neither country, the text does not say whose council: a body of no country
    assert ids(kb, ("Kelvia", "GPE"), ("Grand Council", "ORG")) == ["KLV", "grand-council"]
    described = ("Ana Lind", "PERSON", "of the Grand Council")
    for place, country in (("Vorsk", "TRV"), ("Kelvia", None)):
        resolution = ActorRegistry(kb).resolve(document((place, "GPE"), described), ON)
        lind = next(actor for actor in resolution.actors if actor.id == "ana-lind")
        assert lind.country == country
