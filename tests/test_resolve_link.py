"""Resolution of mentions to actors: in-document linking, the registry, the seed gold.

The model-free tests use a small knowledge base built here with made-up
people, and hand-made Mention records; only the last test reads the seeds.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

from watchfloor.records import Actor, Mention, PartialDate, Role
from watchfloor.resolve.actor_entries import ActorEntry
from watchfloor.resolve.actor_keys import KEYS_VERSION
from watchfloor.resolve.generic_terms import BodyType, TitleTable
from watchfloor.resolve.knowledge import KnowledgeBase, normalise_name
from watchfloor.resolve.local import HOMONYM_WINDOW_SENTENCES
from watchfloor.resolve.registry import ActorRegistry, Resolution, event_party
from watchfloor.store import SQLiteStore

D = PartialDate
TITLES = {
    "sectors": {
        "GOV": [
            "president",
            "minister",
            "foreign minister",
            "official",
            "adviser",
            "supreme leader",
            "secretary general",
        ],
        "MIL": ["defence minister", "general", "army", "armed forces"],
        "EDU": ["professor", "analyst", "university", "think tank"],
        "OPP": ["opposition leader"],
        "PTY": ["party"],
    },
    "cues": {"EDU": ["university", "think tank"], "OPP": ["opposition"]},
    "offices": {"defence minister": ["defense minister", "minister of defence"]},
    "groups": {"head of state": ["president", "supreme leader"]},
}


def country(
    code: str, name: str, demonyms: list[str], capitals: list[str], **extra: Any
) -> ActorEntry:
    actor = Actor(code, name, "country", country=code, aliases=tuple(extra.get("aliases", ())))
    return ActorEntry(actor, tuple(demonyms), tuple(capitals), tuple(extra.get("seats", ())))


def person(actor_id: str, name: str, code: str, *roles: Role) -> ActorEntry:
    return ActorEntry(Actor(actor_id, name, "person", country=code, roles=roles))


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    entries = [
        country("CHL", "Chile", ["Chilean", "Chileans"], ["Santiago"], seats=["La Moneda"]),
        country("PER", "Peru", ["Peruvian", "Peruvians"], ["Lima"], seats=["Palacio de Gobierno"]),
        country("UKR", "Ukraine", ["Ukrainian"], ["Kyiv"]),
        country("PRK", "North Korea", ["North Korean"], ["Pyongyang"]),
        country("KOR", "South Korea", ["South Korean"], ["Seoul"]),
        ActorEntry(
            Actor(
                "OAS",
                "Organization of American States",
                "igo",
                aliases=("OAS",),
                members=("CHL", "PER"),
            )
        ),
        person("ana-soto", "Ana Soto", "CHL", Role("president", "CHL", start=D(2022, 3, 11))),
        person(
            "marta-ruiz",
            "Marta Ruiz",
            "PER",
            Role("president", "PER", start=D(2016, 7, 28), end=D(2021, 7, 28)),
        ),
        person(
            "jorge-quispe", "Jorge Quispe", "PER", Role("president", "PER", start=D(2021, 7, 28))
        ),
        # two former presidents of one country who share a surname
        person("ilse-quenta", "Ilse Quenta", "PER", Role("president", "PER", end=D(1990, 7, 28))),
        person("raul-quenta", "Raul Quenta", "PER", Role("president", "PER", end=D(2001, 7, 28))),
        person(
            "kim-song-il",
            "Kim Song-il",
            "PRK",
            Role("supreme leader", "PRK", start=D(2011, 12, 17)),
        ),
    ]
    body_types = [
        BodyType(
            "defence-ministry",
            "defence ministry",
            "MIL",
            ("defense ministry", "ministry of defence"),
        ),
        BodyType("presidential-office", "presidential office", "GOV", ("president's office",)),
        BodyType("armed-forces", "armed forces", "MIL", ("army", "military")),
    ]
    return KnowledgeBase(entries, body_types, TitleTable(TITLES, normalise_name))


class Writer:
    """Builds one document's mentions with consistent offsets and sentence numbers."""

    def __init__(self, doc_id: str = "d1") -> None:
        self.doc_id, self.offset, self.mentions = doc_id, 0, []

    def add(
        self, text: str, label: str, sentence: int = 0, descriptor: str | None = None
    ) -> Writer:
        mention = Mention(
            self.doc_id, self.offset, self.offset + len(text), text, label, sentence, descriptor
        )
        self.mentions.append(mention)
        self.offset += len(text) + 10
        return self


def ids(resolution: Resolution) -> list[str | None]:
    return [mention.actor_id for mention in resolution.mentions]


def actor(resolution: Resolution, actor_id: str | None) -> Actor:
    return next(found for found in resolution.actors if found.id == actor_id)


# Places, demonyms, metonyms ----------------------------------------------------------


def test_link_countries_capitals_demonyms(kb: KnowledgeBase) -> None:
    doc = Writer().add("Chile", "GPE").add("Santiago", "METONYM").add("Chileans", "DEMONYM")
    doc.add("Lima", "SEAT", 1).add("La Moneda", "METONYM", 1).add("OAS", "ORG", 1)
    resolution = ActorRegistry(kb).resolve(doc.mentions, None)
    assert ids(resolution) == ["CHL", "CHL", "CHL", "PER", "CHL", "OAS"]
    assert set(actor(resolution, "CHL").aliases) >= {"Santiago", "Chileans", "La Moneda"}


def test_link_compass_word_needs_one_matching_country(kb: KnowledgeBase) -> None:
    doc = Writer().add("North Korea", "GPE").add("North", "COMPASS", 1)
    assert ids(ActorRegistry(kb).resolve(doc.mentions, None)) == ["PRK", "PRK"]
    both = Writer().add("North Korea", "GPE").add("South Korea", "GPE").add("South", "COMPASS", 1)
    assert ids(ActorRegistry(kb).resolve(both.mentions, None)) == ["PRK", "KOR", "KOR"]
    none = Writer().add("Chile", "GPE").add("North", "COMPASS", 1)
    assert ids(ActorRegistry(kb).resolve(none.mentions, None)) == ["CHL", None]


def test_link_misspelt_place_joins_the_place_the_document_names(kb: KnowledgeBase) -> None:
    doc = Writer().add("Santiago", "METONYM").add("Santaigo", "GPE", 1).add("Peruu", "GPE", 2)
    assert ids(ActorRegistry(kb).resolve(doc.mentions, None)) == ["CHL", "CHL", None]
    alone = Writer().add("Santaigo", "GPE")  # nothing on the page to correct it by
    assert ids(ActorRegistry(kb).resolve(alone.mentions, None)) == [None]


def test_link_acronym_stands_for_the_name_it_spells(kb: KnowledgeBase) -> None:
    registry = ActorRegistry(kb)
    headline = Writer("d1").add("NRP", "ORG", 0).add("National Renewal Party", "ORG", 1)
    headline.add("Palacio de Gobierno", "METONYM", 1).add("PG", "ORG", 2).add("NRP", "GPE", 3)
    assert ids(registry.resolve(headline.mentions, None)) == [
        "national-renewal-party",
        "national-renewal-party",
        "PER",
        "PER",  # the seat's initials: the government it stands for
        "national-renewal-party",
    ]
    clash = Writer("d2").add("Popular Unity Front", "ORG").add("People's Union Force", "ORG", 1)
    clash.add("PUF", "ORG", 2)
    assert ids(registry.resolve(clash.mentions, None))[2] == "puf"


# People in one document -------------------------------------------------------------


def test_link_partial_mentions_join_the_full_name(kb: KnowledgeBase) -> None:
    doc = Writer().add("Tomás Ibarra", "PERSON", 0, "Peruvian Foreign Minister")
    doc.add("Ibarra", "PERSON", 2).add("Mr Ibarra", "PERSON", 5, "Mr").add("Ibarra", "ORG", 6)
    resolution = ActorRegistry(kb).resolve(doc.mentions, D(2024, 5, 2))
    assert ids(resolution) == ["tomas-ibarra"] * 4
    found = actor(resolution, "tomas-ibarra")
    assert (found.kind, found.country, found.sector) == ("person", "PER", "GOV")
    assert found.roles[0] == Role(
        "foreign minister", "PER", "GOV", stated=D(2024, 5, 2), doc_id="d1"
    )


def test_link_title_respects_the_role(kb: KnowledgeBase) -> None:
    doc = Writer().add("Rosa Gil", "PERSON", 0, "a sociology professor at Lima University")
    doc.add("Lima University", "ORG", 0).add("Mario Gil", "PERSON", 1, "Peruvian Foreign Minister")
    doc.add("Minister Gil", "PERSON", 2, "Minister").add("Professor Gil", "PERSON", 3, "Professor")
    doc.add("Gil", "PERSON", 4)
    assert ids(ActorRegistry(kb).resolve(doc.mentions, None)) == [
        "rosa-gil",
        "lima-university",
        "mario-gil",
        "mario-gil",
        "rosa-gil",
        "rosa-gil",  # the most recent compatible Gil
    ]


def test_link_partial_name_to_an_office_holder_on_the_date(kb: KnowledgeBase) -> None:
    doc = Writer().add("President Quispe", "PERSON", 0, "President").add("Soto", "PERSON", 1)
    assert ids(ActorRegistry(kb).resolve(doc.mentions, D(2023))) == ["jorge-quispe", "ana-soto"]


def test_link_mislabelled_spelling_of_a_known_person(kb: KnowledgeBase) -> None:
    # The small model tags some romanised names as works of art or buildings.
    doc = Writer().add("Kim Song-il", "PERSON").add("Kim Song Il", "WORK_OF_ART", 1)
    doc.add("Kim Sung-il", "FAC", 2)
    assert ids(ActorRegistry(kb).resolve(doc.mentions, None)) == ["kim-song-il"] * 3


# The professor and the leader --------------------------------------------------------


def test_link_professor_sharing_a_leaders_name_is_someone_else(kb: KnowledgeBase) -> None:
    registry = ActorRegistry(kb)
    far = HOMONYM_WINDOW_SENTENCES + 2
    doc = Writer().add(
        "Kim Song-il", "PERSON", 0, "a history professor at Santiago University in Santiago"
    )
    doc.add("Santiago", "SEAT", 0).add("Kim", "PERSON", 1).add("Kim", "PERSON", 1 + far)
    doc.add("Kim Song-il", "PERSON", 2 + far)
    resolution = registry.resolve(doc.mentions, None)
    professor = resolution.mentions[0].actor_id
    assert professor == "kim-song-il-2"
    assert ids(resolution)[2:] == [professor, "kim-song-il", "kim-song-il"]
    assert actor(resolution, professor).sector == "EDU"
    assert actor(resolution, professor).country == "CHL"
    leader = Writer("d2").add("Kim Song-il", "PERSON", 0, "North Korean supreme leader")
    assert ids(registry.resolve(leader.mentions, None)) == ["kim-song-il"]
    again = Writer("d3").add("Kim Song-il", "PERSON", 0, "the history professor")
    assert ids(registry.resolve(again.mentions, None)) == [professor]


def test_link_unknown_namesakes_with_conflicting_roles_stay_apart(kb: KnowledgeBase) -> None:
    registry = ActorRegistry(kb)
    first = Writer("d1").add("Luis Vera", "PERSON", 0, "Chilean Defence Minister")
    second = Writer("d2").add("Luis Vera", "PERSON", 0, "a Peru analyst at the think tank Foo")
    third = Writer("d3").add("Luis Vera", "PERSON", 0, "Peruvian official")
    assert ids(registry.resolve(first.mentions, None)) == ["luis-vera"]
    assert ids(registry.resolve(second.mentions, None)) == ["luis-vera-2"]
    assert ids(registry.resolve(third.mentions, None)) == ["luis-vera-3"]  # Peru, not Chile


# Across documents: romanisation variants ------------------------------------------------


def test_link_transliteration_variants_merge_across_documents(kb: KnowledgeBase) -> None:
    registry = ActorRegistry(kb)
    docs = [
        Writer("d1").add("Dmytro Kovalenko", "PERSON", 0, "Ukrainian Defence Minister"),
        Writer("d2").add("Dmitry Kovalenko", "PERSON").add("Kovalenko", "PERSON", 1),
        Writer("d3").add("Dmitri Kovalenko", "PERSON", 0, "Ukrainian official"),
        Writer("d4").add("Kovalenko", "PERSON", 0),
    ]
    found = [ids(registry.resolve(doc.mentions, None)) for doc in docs]
    assert found == [
        ["dmytro-kovalenko"],
        ["dmytro-kovalenko"] * 2,
        ["dmytro-kovalenko"],
        ["dmytro-kovalenko"],
    ]
    aliases = registry.get("dmytro-kovalenko").aliases
    assert {"Dmitry Kovalenko", "Dmitri Kovalenko"} <= set(aliases)


# Organisations, bodies, offices ------------------------------------------------------


def test_link_country_scoped_organisations(kb: KnowledgeBase) -> None:
    registry = ActorRegistry(kb)
    doc = Writer().add("Chilean Armed Forces", "ORG").add("Armed Forces of Chile", "ORG", 1)
    doc.add("army", "BODY", 2, "Peru's").add("Foo Institute", "ORG", 3)
    assert ids(registry.resolve(doc.mentions, None)) == [
        "chl-armed-forces",
        "chl-armed-forces",
        "per-armed-forces",
        "foo-institute",
    ]
    later = Writer("d2").add("Foo Institute", "ORG")
    assert ids(registry.resolve(later.mentions, None)) == ["foo-institute"]


def test_link_body_country_from_the_sentence(kb: KnowledgeBase) -> None:
    doc = (
        Writer().add("Peru", "GPE", 0).add("Chile", "GPE", 1).add("presidential office", "BODY", 1)
    )
    doc.add("defence ministry", "BODY", 2)
    assert ids(ActorRegistry(kb).resolve(doc.mentions, None))[2:] == [
        "chl-presidential-office",
        "chl-defence-ministry",  # the first country of the closest sentence naming one
    ]


def test_link_office_and_administration(kb: KnowledgeBase) -> None:
    doc = Writer().add("Ana Soto", "PERSON").add("Soto's office", "OFFICE", 1)
    doc.add("Soto administration", "ADMINISTRATION", 2).add("Peru", "GPE", 3).add("Peru", "GPE", 3)
    doc.add("Reyes administration", "ADMINISTRATION", 4)
    assert ids(ActorRegistry(kb).resolve(doc.mentions, D(2024)))[1:3] == [
        "chl-presidential-office",
        "CHL",
    ]
    assert ids(ActorRegistry(kb).resolve(doc.mentions, D(2024)))[-1] == "PER"  # most named


def test_link_administration_of_namesakes_of_one_country(kb: KnowledgeBase) -> None:
    # two Quentas are known, both of Peru: their administration is Peru's, not that of
    # the country the document names most
    doc = Writer().add("Chile", "GPE", 0).add("Chile", "GPE", 1).add("Peru", "GPE", 1)
    doc.add("Quenta administration", "ADMINISTRATION", 2)
    assert ids(ActorRegistry(kb).resolve(doc.mentions, D(2024)))[-1] == "PER"


def test_link_described_opposition_is_found_again(kb: KnowledgeBase) -> None:
    registry = ActorRegistry(kb)
    first = Writer("d1").add("Popular Front", "ORG", 0, "Peru's main opposition")
    assert ids(registry.resolve(first.mentions, None)) == ["per-popular-front"]
    second = Writer("d2").add("Peru", "GPE").add("opposition", "BODY", 0)
    assert ids(registry.resolve(second.mentions, None)) == ["PER", "per-popular-front"]


# Persistence and determinism ----------------------------------------------------------


def _three_documents() -> list[list[Mention]]:
    return [
        Writer("d1")
        .add("Luis Vera", "PERSON", 0, "Chilean Defence Minister")
        .add("Foo Institute", "ORG")
        .mentions,
        Writer("d2").add("Luis Vera", "PERSON", 0, "a professor at Lima University").mentions,
        Writer("d3")
        .add("Luis Vera", "PERSON", 0, "Chilean Defence Minister")
        .add("Luis Vera", "PERSON", 9, "a Peruvian professor")
        .add("Foo Institute", "ORG")
        .add("Bar Group", "ORG")
        .mentions,
    ]


def test_registry_round_trip_gives_the_same_ids(kb: KnowledgeBase) -> None:
    first, second, third = _three_documents()
    original = ActorRegistry(kb)
    original.resolve(first, None)
    stored = original.resolve(second, None).actors + original.actors()
    expected = ids(original.resolve(third, None))
    reloaded = ActorRegistry(kb)
    reloaded.load(stored)
    assert ids(reloaded.resolve(third, None)) == expected
    assert expected == ["luis-vera", "luis-vera-2", "foo-institute", "bar-group"]


def test_registry_round_trip_keeps_what_was_learned_about_known_actors(kb: KnowledgeBase) -> None:
    registry = ActorRegistry(kb)
    doc = Writer().add("President Soto", "PERSON", 0, "President").add("Sotto", "PERSON", 1)
    registry.resolve(Writer().add("La Moneda", "METONYM").mentions, None)
    reloaded = ActorRegistry(kb)
    reloaded.load(registry.actors())
    assert "La Moneda" in reloaded.get("CHL").aliases
    assert reloaded.get("CHL").name == "Chile"
    assert ids(reloaded.resolve(doc.mentions, None))[0] == "ana-soto"


def _stored_documents() -> list[list[Mention]]:
    """Documents naming people and organisations in every way the registry indexes them."""
    return [
        *_three_documents(),
        Writer("d4")
        .add("President Soto", "PERSON", 0, "President")
        .add("La Moneda", "METONYM")
        .mentions,
        Writer("d5")
        .add("Ada Lee Marsh", "PERSON", 0, "a Chilean analyst")
        .add("Marsh", "PERSON", 1)
        .add("Popular Front", "ORG", 1, "Peru's main opposition")
        .mentions,
        Writer("d6")
        .add("Tom Quispe Jr.", "PERSON", 0, "a Peruvian professor")
        .add("Chilean Armed Forces", "ORG", 1)
        .mentions,
    ]


def _probe_documents() -> list[list[Mention]]:
    return [
        Writer("p1").add("Ada Marsh", "PERSON").add("Foo Institute", "ORG", 1).mentions,
        Writer("p2").add("Tom Quispe", "PERSON").add("Luis Vera", "PERSON", 1).mentions,
        Writer("p3")
        .add("Peru", "GPE")
        .add("opposition", "BODY", 0)
        .add("Quispe", "PERSON", 1)
        .mentions,
        Writer("p4")
        .add("Luis Vera", "PERSON", 0, "a Peruvian professor")
        .add("Soto", "PERSON", 1)
        .add("Bar Group", "ORG", 2)
        .mentions,
    ]


def _write(store: SQLiteStore, registry: ActorRegistry, resolution: Resolution) -> None:
    """What ingest writes of a resolution: its actors and their keys."""
    with store.transaction():
        store.write_actors(resolution.actors)
        store.write_actor_keys(registry.keys_of(resolution.actors))


def _filled_store(kb: KnowledgeBase) -> SQLiteStore:
    store = SQLiteStore(":memory:")
    registry = ActorRegistry(kb)
    registry.read_from(store)
    for doc in _stored_documents():
        _write(store, registry, registry.resolve(doc, D(2024)))
    return store


def test_registry_reading_the_store_gives_what_loading_it_gave(kb: KnowledgeBase) -> None:
    store = _filled_store(kb)
    loaded = ActorRegistry(kb)
    loaded.load(store.read_actors())  # every stored actor, in id order
    reading = ActorRegistry(kb)
    reading.read_from(store)
    for doc in _probe_documents():
        expected = loaded.resolve(doc, D(2024))
        found = reading.resolve(doc, D(2024))
        assert found == expected
        _write(store, reading, found)  # what this run stores is found as it was learned
    assert ids(found) == ["luis-vera-2", "ana-soto", "bar-group"]
    store.close()


def test_registry_keys_the_actors_of_a_store_written_before_keys(kb: KnowledgeBase) -> None:
    store = _filled_store(kb)
    keys = "SELECT kind, name_key, actor_id FROM actor_keys ORDER BY 1, 2, 3"
    written = store.db.execute(keys).fetchall()
    assert {row[0] for row in written} >= {"full", "middle", "generation", "word", "org"}
    store.db.execute("DELETE FROM actor_keys")
    store.db.execute("UPDATE actors SET keys_version = NULL")
    ActorRegistry(kb).read_from(store)
    assert store.db.execute(keys).fetchall() == written
    assert store.read_unkeyed_actors(KEYS_VERSION, 10) == []
    store.close()


class _CountingStore:
    """A store that counts the actors read, and refuses to hand them all over."""

    def __init__(self, store: SQLiteStore) -> None:
        self.store, self.read = store, 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    def get_actor(self, actor_id: str) -> Actor | None:
        self.read += 1
        return self.store.get_actor(actor_id)

    def read_actors(self) -> Iterable[Actor]:
        raise AssertionError("the registry read every stored actor")


def _made_up_name(number: int) -> str:
    """A name of its own for each number, also phonetically ("Tafin Kojus")."""
    letters = [("pktfjlmnrs"[int(d)], "aeiou"[int(d) % 5]) for d in f"{number:04d}"]
    syllables = [consonant + vowel for consonant, vowel in letters]
    return f"{''.join(syllables[:2]).title()}n {''.join(syllables[2:]).title()}s"


def test_registry_reads_only_the_actors_a_document_names(kb: KnowledgeBase) -> None:
    store = SQLiteStore(":memory:")
    people = [Actor(f"p{n}", _made_up_name(n), "person", "PER") for n in range(3000)]
    registry = ActorRegistry(kb)
    with store.transaction():
        store.write_actors(people)
        store.write_actor_keys(registry.keys_of(people))
    counting = _CountingStore(store)
    reading = ActorRegistry(kb)
    reading.read_from(counting)
    name = _made_up_name(1234)
    doc = Writer().add(name, "PERSON").add(name.split()[-1], "PERSON", 1)
    assert ids(reading.resolve(doc.mentions, D(2024))) == ["p1234", "p1234"]
    assert 0 < counting.read < 10
    store.close()


def test_resolution_is_deterministic(kb: KnowledgeBase) -> None:
    runs = []
    for _ in range(2):
        registry = ActorRegistry(kb)
        runs.append([registry.resolve(doc, D(2024)) for doc in _three_documents()])
    assert runs[0] == runs[1]


def test_resolution_does_not_change_its_input(kb: KnowledgeBase) -> None:
    mentions = Writer().add("Chile", "GPE").mentions
    resolution = ActorRegistry(kb).resolve(mentions, None)
    assert mentions[0].actor_id is None
    assert resolution.mentions[0].actor_id == "CHL"


def test_link_official_of_an_igo_acts_for_it(kb: KnowledgeBase) -> None:
    doc = Writer().add("OAS", "ORG").add("Elena Mora", "PERSON", 0, "OAS Secretary General")
    resolution = ActorRegistry(kb).resolve(doc.mentions, None)
    official = actor(resolution, "elena-mora")
    assert official.roles[0].organisation == "OAS"
    assert event_party(official, kb.get) == "OAS"


# Event parties ----------------------------------------------------------------------


_BODIES = {
    "OAS": Actor("OAS", "OAS", "igo"),
    "chl-senate": Actor("chl-senate", "Senate of Chile", "org", country="CHL"),
    "city-police": Actor("city-police", "Police Department", "org"),
}


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (Actor("CHL", "Chile", "country", country="CHL"), "CHL"),
        (Actor("OAS", "OAS", "igo"), "OAS"),
        (Actor("chl-army", "Army of Chile", "org", country="CHL"), "CHL"),
        (Actor("ana-soto", "Ana Soto", "person", country="CHL"), "CHL"),
        (Actor("x", "X", "person", roles=(Role("secretary general", organisation="OAS"),)), "OAS"),
        (Actor("y", "Y", "person", roles=(Role("senator", organisation="chl-senate"),)), "CHL"),
        (Actor("foo", "Foo", "org"), None),
    ],
)
def test_event_party(record: Actor, expected: str | None) -> None:
    assert event_party(record, _BODIES.get) == expected


def test_event_party_official_of_a_body_of_no_country_is_no_party() -> None:
    role = Role("commissioner", organisation="city-police")
    commissioner = Actor("z", "Z", "person", roles=(role,))
    assert event_party(commissioner, _BODIES.get) is None


# The seed gold (SCHEMA.md, "How eval scores: Actors") -----------------------------------


def gold_form(text: str) -> str:
    """A surface form as the gold compares it: case-folded, no leading "the", no trailing "'s"."""
    text = re.sub(r"^the\s+", "", text.strip().casefold())
    return re.sub(r"(?:'s|’s)$", "", text).strip()


def b_cubed(
    gold: Mapping[Hashable, str], system: Mapping[Hashable, str]
) -> tuple[float, float, float]:
    gold_sets: dict[str, set[Hashable]] = defaultdict(set)
    system_sets: dict[str, set[Hashable]] = defaultdict(set)
    for item in gold:
        gold_sets[gold[item]].add(item)
        system_sets[system[item]].add(item)
    precision = sum(
        len(gold_sets[gold[i]] & system_sets[system[i]]) / len(system_sets[system[i]]) for i in gold
    )
    recall = sum(
        len(gold_sets[gold[i]] & system_sets[system[i]]) / len(gold_sets[gold[i]]) for i in gold
    )
    precision, recall = precision / len(gold), recall / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def gold_items(documents: Iterable[dict[str, Any]]) -> dict[tuple[str, str], str]:
    """(doc_id, form) -> gold actor id; a form listed under two actors of a document is left out."""
    items = {}
    for document in documents:
        owners: dict[str, set[str]] = defaultdict(set)
        for record in document["actors"]:
            for name in record["names"]:
                owners[gold_form(name)].add(record["id"])
        for form, found in owners.items():
            if len(found) == 1:
                items[(document["doc_id"], form)] = found.pop()
    return items


@pytest.mark.shared
@pytest.mark.model
def test_link_seed_gold_b_cubed(shared_dir: Path) -> None:
    from watchfloor.nlp.mentions.entities import find_mentions
    from watchfloor.nlp.model import build_pipeline
    from watchfloor.resolve.knowledge import load_knowledge
    from watchfloor.settings import Settings

    lines = (shared_dir / "gold/seeds.jsonl").read_text(encoding="utf-8").splitlines()
    documents = [json.loads(line) for line in lines if line.strip()]
    knowledge = load_knowledge()
    nlp, registry = build_pipeline(Settings(), knowledge), ActorRegistry(knowledge)
    resolved: dict[tuple[str, str], str] = {}
    for document in documents:
        text = (shared_dir / "corpus/seeds" / f"{document['doc_id']}.txt").read_text(
            encoding="utf-8"
        )
        published = PartialDate.parse(document["published"]) if document["published"] else None
        mentions = find_mentions(nlp(text), document["doc_id"])
        for mention in registry.resolve(mentions, published).mentions:
            if mention.actor_id:
                resolved.setdefault((document["doc_id"], gold_form(mention.text)), mention.actor_id)
    gold = gold_items(documents)
    system = {item: resolved.get(item, f"unfound:{item}") for item in gold}
    precision, recall, f1 = b_cubed(gold, system)
    print(f"seed actors: {len(gold)} items, B-cubed P {precision:.4f} R {recall:.4f} F1 {f1:.4f}")
    assert f1 >= 0.90
    # Multi-name actors whose names are romanisations or metonyms of one identity.
    merged = ("yoon-suk-yeol", "volodymyr-zelensky", "UKR", "KOR", "RUS", "PRK", "USA", "us-dod")
    for gold_id in merged:
        forms = [item for item, owner in gold.items() if owner == gold_id]
        assert len({system[item] for item in forms}) == 1, (gold_id, {i: system[i] for i in forms})
    # The professor and the leader stay apart.
    professor = system[("002_e639e432a76bde20", "kim jong-un")]
    leader = system[("004_0cad51775cc05eaf", "kim jong-un")]
    assert professor != leader
