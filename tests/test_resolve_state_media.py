"""State media and other national bodies get their country by evidence, never by proximity.

Model-free: the bundled dictionaries and hand-made mentions (see `document`).
"""

from __future__ import annotations

import pytest

from watchfloor.records import Mention, PartialDate
from watchfloor.resolve.knowledge import KnowledgeBase, load_knowledge
from watchfloor.resolve.registry import ActorRegistry, event_party

ON = PartialDate(2024, 3, 5)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge()


def document(*items: tuple[int, str, str] | tuple[int, str, str, str]) -> list[Mention]:
    """Mentions at given offsets: (start, text, label) or (start, text, label, descriptor)."""
    found = []
    for sentence, (start, text, label, *descriptor) in enumerate(items):
        found.append(Mention("d1", start, start + len(text), text, label, sentence, *descriptor))
    return found


def test_resolve_state_media_an_agency_named_by_the_country_in_its_own_words(
    kb: KnowledgeBase,
) -> None:
    doc = document(
        (0, "South Korea", "GPE"),
        (40, "state news agency", "BODY", "North Korea's"),
        (90, "official news agency", "BODY", "Pyongyang's"),
        (140, "state television", "BODY", "Chinese"),
    )
    found = [m.actor_id for m in ActorRegistry(kb).resolve(doc, ON).mentions]
    assert found == ["KOR", "prk-kcna", "prk-kcna", "chn-cctv"]


def test_resolve_state_media_never_from_the_nearest_country(kb: KnowledgeBase) -> None:
    doc = document((0, "South Korea", "GPE"), (40, "state news agency", "BODY"))
    assert [m.actor_id for m in ActorRegistry(kb).resolve(doc, ON).mentions] == ["KOR", None]


def test_resolve_state_media_a_bare_phrase_means_the_outlet_the_text_named(
    kb: KnowledgeBase,
) -> None:
    doc = document(
        (0, "KCNA", "ORG"),
        (30, "South Korea", "GPE"),
        (60, "State media", "BODY"),
    )
    assert [m.actor_id for m in ActorRegistry(kb).resolve(doc, ON).mentions] == [
        "prk-kcna",
        "KOR",
        "prk-kcna",
    ]


def test_resolve_state_media_a_country_word_inside_an_outlets_name_is_no_mention(
    kb: KnowledgeBase,
) -> None:
    # "Korean" opens the name of North Korea's agency; it is not a mention of South Korea.
    doc = document((0, "Korean Central News Agency", "ORG"), (0, "Korean", "DEMONYM"))
    resolution = ActorRegistry(kb).resolve(doc, ON)
    assert [(m.text, m.actor_id) for m in resolution.mentions] == [
        ("Korean Central News Agency", "prk-kcna")
    ]
    ministry = document((0, "Russian Foreign Ministry", "ORG"), (0, "Russian", "DEMONYM"))
    kept = ActorRegistry(kb).resolve(ministry, ON).mentions
    assert [m.actor_id for m in kept] == ["rus-foreign-ministry", "RUS"]


@pytest.mark.parametrize(
    ("name", "party"),
    [
        ("Xinhua", "CHN"),
        ("Islamic Republic News Agency", "IRN"),
        ("Syrian Arab News Agency", "SYR"),
        ("TASS", "RUS"),
        ("Anadolu Agency", "TUR"),
        ("Ukrinform", "UKR"),
    ],
)
def test_resolve_state_media_an_outlet_speaks_for_its_country(
    kb: KnowledgeBase, name: str, party: str
) -> None:
    resolution = ActorRegistry(kb).resolve(document((0, name, "ORG")), ON)
    actor = next(a for a in resolution.actors if a.id == resolution.mentions[0].actor_id)
    assert event_party(actor, kb.get) == party
