"""Resolution by evidence: prominent bearers, relatives, generations, the user's word, reasons.

Model-free: made-up people in a small knowledge base and hand-made mentions,
one sentence each (see `document`). No name here appears in a gold file.
"""

from __future__ import annotations

import pytest

from watchfloor.records import Actor, Mention, PartialDate, Role
from watchfloor.resolve.actor_entries import ActorEntry
from watchfloor.resolve.generic_terms import TitleTable
from watchfloor.resolve.kinship import names_relative
from watchfloor.resolve.knowledge import KnowledgeBase, normalise_name
from watchfloor.resolve.registry import ActorRegistry, Resolution

D = PartialDate
ON = D(2024, 6, 1)
TITLES = {"sectors": {"GOV": ["president", "prime minister"], "EDU": ["professor"]}}


def person(actor_id: str, name: str, code: str, title: str, *aliases: str) -> ActorEntry:
    role = Role(title, code, None, None, D(2020, 1, 1), None)
    return ActorEntry(Actor(actor_id, name, "person", country=code, aliases=aliases, roles=(role,)))


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    entries = [
        ActorEntry(Actor("MDV", "Moldavia", "country", country="MDV"), ("Moldavian",)),
        ActorEntry(Actor("TRV", "Tarvonia", "country", country="TRV"), ("Tarvonian",)),
        person("teodor-valcu", "Teodor Valcu", "MDV", "president"),
        person("marek-dolan", "Marek Dolan", "TRV", "prime minister"),
    ]
    return KnowledgeBase(entries, (), TitleTable(TITLES, normalise_name))


def document(*items: tuple[str, str] | tuple[str, str, str]) -> list[Mention]:
    """Mentions one sentence each: (text, label) or (text, label, descriptor)."""
    found, offset = [], 0
    for sentence, (text, label, *descriptor) in enumerate(items):
        end = offset + len(text)
        found.append(Mention("d1", offset, end, text, label, sentence, *descriptor))
        offset = end + 20
    return found


def ids(resolution: Resolution) -> list[str | None]:
    return [mention.actor_id for mention in resolution.mentions]


def test_resolve_evidence_a_spouse_never_takes_the_leaders_surname(kb: KnowledgeBase) -> None:
    doc = document(
        ("Teodor Valcu", "PERSON", "President"),
        ("Valcu", "PERSON"),
        ("Ilinca Valcu", "PERSON", "Valcu's wife"),
        ("Valcu", "PERSON"),
        ("Valcu", "PERSON"),
    )
    found = ids(ActorRegistry(kb).resolve(doc, ON))
    assert found[2] == "ilinca-valcu"
    assert found[:2] + found[3:] == ["teodor-valcu"] * 4


def test_resolve_evidence_a_surname_goes_to_the_most_prominent_bearer(kb: KnowledgeBase) -> None:
    doc = document(
        ("Sandu Pirvan", "PERSON", "Professor"),
        ("Pirvan", "PERSON"),
        ("Sandu Pirvan", "PERSON"),
        ("Ovidiu Pirvan", "PERSON"),  # named once, last
        ("Pirvan", "PERSON"),
    )
    found = ids(ActorRegistry(kb).resolve(doc, ON))
    assert found == ["sandu-pirvan"] * 3 + ["ovidiu-pirvan", "sandu-pirvan"]


def test_resolve_evidence_the_son_is_not_his_father(kb: KnowledgeBase) -> None:
    doc = document(
        ("Marek Dolan Jr.", "PERSON"),
        ("Marek Dolan", "PERSON", "Prime Minister"),
        ("Dolan Jr.", "PERSON"),
        ("Dolan", "ORG"),  # without the suffix: the father, whom news calls so
    )
    found = ids(ActorRegistry(kb).resolve(doc, ON))
    assert found == ["marek-dolan-jr", "marek-dolan", "marek-dolan-jr", "marek-dolan"]


def test_resolve_evidence_generations_stay_apart_across_documents(kb: KnowledgeBase) -> None:
    registry = ActorRegistry(kb)
    first = registry.resolve(document(("Orrin Teague Sr.", "PERSON")), ON)
    second = registry.resolve(document(("Orrin Teague", "PERSON"), ("Teague Sr.", "PERSON")), ON)
    third = registry.resolve(document(("Orrin Teague Sr.", "PERSON")), ON)
    assert ids(first) == ["orrin-teague-sr"]
    assert ids(second) == ["orrin-teague", "orrin-teague-sr"]
    assert ids(third) == ["orrin-teague-sr"]


def test_resolve_evidence_one_person_written_with_and_without_the_suffix(kb: KnowledgeBase) -> None:
    # Nothing says there are two: the suffixed and the plain full name are one person,
    # in one article and across articles, in either order.
    registry = ActorRegistry(kb)
    doc = document(
        ("Wendell Quillfeather III", "PERSON"),
        ("Quillfeather", "PERSON"),
        ("Wendell Quillfeather", "PERSON"),
    )
    assert ids(registry.resolve(doc, ON)) == ["wendell-quillfeather-iii"] * 3
    later = document(("Wendell Quillfeather", "PERSON"), ("Quillfeather", "ORG"))
    assert ids(registry.resolve(later, ON)) == ["wendell-quillfeather-iii"] * 2
    plain_first = ActorRegistry(kb)
    plain_first.resolve(document(("Hollis Brannock", "PERSON")), ON)
    suffixed = plain_first.resolve(document(("Hollis Brannock Jr.", "PERSON")), ON)
    assert ids(suffixed) == ["hollis-brannock"]


def test_resolve_evidence_father_and_son_both_present_stay_two(kb: KnowledgeBase) -> None:
    # The article names the father as a relative: two people.
    doc = document(
        ("Wendell Quillfeather Jr.", "PERSON"),
        ("Wendell Quillfeather", "PERSON", "his father"),
        ("Quillfeather Jr.", "PERSON"),
    )
    found = ids(ActorRegistry(kb).resolve(doc, ON))
    assert found == ["wendell-quillfeather-jr", "wendell-quillfeather", "wendell-quillfeather-jr"]
    # The store knows both generations: a plain full name is neither of them for sure.
    registry = ActorRegistry(kb)
    registry.resolve(document(("Hollis Brannock Jr.", "PERSON")), ON)
    registry.resolve(document(("Hollis Brannock Sr.", "PERSON")), ON)
    plain = registry.resolve(document(("Hollis Brannock", "PERSON")), ON)
    assert ids(plain) == ["hollis-brannock"]


def test_resolve_evidence_a_word_the_ner_mostly_calls_a_person_is_one(kb: KnowledgeBase) -> None:
    # Across articles: a surname tagged ORG once and PERSON more often is the person
    # learned earlier, not a new organisation the other mentions then follow.
    registry = ActorRegistry(kb)
    registry.resolve(document(("Tobias Ossery", "PERSON"), ("Ossery", "PERSON")), ON)
    doc = document(("Ossery", "ORG"), ("Ossery", "PERSON"), ("Ossery", "PERSON"))
    assert ids(registry.resolve(doc, ON)) == ["tobias-ossery"] * 3
    # Tagged an organisation more often than a person: an organisation.
    outlet = document(("Brannockwire", "ORG"), ("Brannockwire", "PERSON"), ("Brannockwire", "ORG"))
    assert ids(registry.resolve(outlet, ON)) == ["brannockwire"] * 3


def test_resolve_evidence_a_middle_initial_is_the_same_person(kb: KnowledgeBase) -> None:
    registry = ActorRegistry(kb)
    doc = document(
        ("Harlan Q. Vostrey", "PERSON"), ("Harlan Vostrey", "PERSON"), ("Vostrey", "ORG")
    )
    assert ids(registry.resolve(doc, ON)) == ["harlan-q-vostrey"] * 3
    later = document(("Harlan Vostrey", "PERSON"))
    assert ids(registry.resolve(later, ON)) == ["harlan-q-vostrey"]


def test_resolve_evidence_a_middle_name_left_out_is_the_same_person(kb: KnowledgeBase) -> None:
    registry = ActorRegistry(kb)
    doc = document(("Harlan Jay Brannock", "PERSON"), ("Harlan Brannock", "PERSON", "lawyer"))
    assert ids(registry.resolve(doc, ON)) == ["harlan-jay-brannock"] * 2
    later = document(("Harlan Brannock", "PERSON"), ("Brannock", "PERSON"))
    assert ids(registry.resolve(later, ON)) == ["harlan-jay-brannock"] * 2
    # The other way round: the short form was learned first.
    other = ActorRegistry(kb)
    other.resolve(document(("Edda Wrenfield", "PERSON")), ON)
    assert ids(other.resolve(document(("Edda Mae Wrenfield", "PERSON")), ON)) == ["edda-wrenfield"]


def test_resolve_evidence_a_middle_name_never_joins_a_relative(kb: KnowledgeBase) -> None:
    doc = document(
        ("Harlan Jay Brannock", "PERSON"),
        ("Harlan Brannock", "PERSON", "his father"),
    )
    assert ids(ActorRegistry(kb).resolve(doc, ON)) == ["harlan-jay-brannock", "harlan-brannock"]
    # Two people could be meant (two middle names known): neither.
    registry = ActorRegistry(kb)
    registry.resolve(document(("Edda Mae Wrenfield", "PERSON")), ON)
    registry.resolve(document(("Edda Rose Wrenfield", "PERSON")), ON)
    assert ids(registry.resolve(document(("Edda Wrenfield", "PERSON")), ON)) == ["edda-wrenfield"]


def test_resolve_evidence_the_user_dictionary_wins(kb: KnowledgeBase) -> None:
    son = ActorEntry(Actor("dolan-junior", "Marek Dolan Jr.", "person", aliases=("Dolan",)))
    outlet = ActorEntry(Actor("valcu-media", "Valcu", "org", country="MDV"))
    user_kb = kb.extended([son, outlet])
    doc = document(
        ("Marek Dolan", "PERSON", "Prime Minister"),  # the bundled prime minister
        ("Marek Dolan Jr.", "PERSON"),
        ("Dolan", "PERSON"),  # inference would say the prime minister; the user says the son
        ("Teodor Valcu", "PERSON"),
        ("Valcu", "PERSON"),  # the user made the bare word an organisation
    )
    resolution = ActorRegistry(user_kb).resolve(doc, ON)
    assert ids(resolution) == [
        "marek-dolan",
        "dolan-junior",
        "dolan-junior",
        "teodor-valcu",
        "valcu-media",
    ]
    assert [m.reason for m in resolution.mentions][1:3] == ["user dictionary entry"] * 2


def test_resolve_evidence_every_resolved_mention_says_why(kb: KnowledgeBase) -> None:
    doc = document(
        ("Moldavia", "GPE"),
        ("Teodor Valcu", "PERSON", "President"),
        ("Valcu", "PERSON"),
        ("Ilinca Valcu", "PERSON", "Valcu's wife"),
        ("Valcu", "PERSON"),
        ("Zorin Apostu", "PERSON"),
    )
    reasons = [m.reason for m in ActorRegistry(kb).resolve(doc, ON).mentions]
    assert reasons == [
        "dictionary name",
        "full name of a known person",
        "surname of a person named earlier",
        "new person",
        "surname of the most prominent bearer in the document",
        "new person",
    ]


@pytest.mark.parametrize(
    ("descriptor", "expected"),
    [
        ("Valcu's wife", True),
        ("the president's eldest son", True),
        ("his daughter-in-law", True),
        ("the first lady", True),
        ("President", False),
        ("a professor at the Moldavian Academy", False),
        (None, False),
    ],
)
def test_resolve_evidence_kinship_descriptors(descriptor: str | None, expected: bool) -> None:
    assert names_relative(descriptor) is expected


def test_resolve_evidence_a_name_cut_at_a_hyphen_is_completed(kb: KnowledgeBase) -> None:
    doc = document(("Pak Sol-min", "PERSON"), ("Pak Sol-", "PERSON"))
    assert ids(ActorRegistry(kb).resolve(doc, ON)) == ["pak-sol-min"] * 2
    # A whole name is not a cut one: the headline's doubled name leaves it alone.
    headline = document(("Ines Varga-Ines Varga", "PERSON"), ("Ines Varga", "PERSON"))
    assert ids(ActorRegistry(kb).resolve(headline, ON))[1] == "ines-varga"


def test_resolve_evidence_a_surname_is_never_an_organisation(kb: KnowledgeBase) -> None:
    doc = document(("Nerio Bastos", "PERSON"), ("Bastos", "ORG"), ("Bastos", "NORP"))
    resolution = ActorRegistry(kb).resolve(doc, ON)
    assert ids(resolution) == ["nerio-bastos"] * 3
    assert [actor.kind for actor in resolution.actors] == ["person"]
