"""Office holders since 1990 derived from PETRARCH-2's Phoenix dictionary (people_phoenix.yaml).

The people named here were picked from the generated file; none of them appears
in the seed or gold articles. The script tests use made-up names.
"""

from __future__ import annotations

import importlib.util
import sys
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from watchfloor.nlp.mentions.entities import find_mentions
from watchfloor.records import PartialDate
from watchfloor.resolve.knowledge import KnowledgeBase, load_bundled
from watchfloor.resolve.names import name_key
from watchfloor.resolve.registry import ActorRegistry, event_party

D = PartialDate
SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "phoenix_people.py"


def _read_actors_file(name: str) -> dict[str, Any]:
    text = resources.files("watchfloor").joinpath("data", "actors", name).read_text("utf-8")
    loaded: dict[str, Any] = yaml.safe_load(text)
    return loaded


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_bundled()


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("phoenix_people", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["phoenix_people"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_phoenix_people_file_keeps_the_mit_notice() -> None:
    text = resources.files("watchfloor").joinpath("data", "actors", "people_phoenix.yaml")
    head = text.read_text("utf-8")[:3000]
    assert "Phoenix.Countries.actors.txt" in head
    assert "The MIT License (MIT)" in head
    assert "Copyright (c) 2014 Open Event Data Alliance" in head


def test_phoenix_people_leave_hand_written_people_alone() -> None:
    hand_written = _read_actors_file("people.yaml")["people"]
    generated = _read_actors_file("people_phoenix.yaml")["people"]
    known = {
        (raw.get("country"), name_key(name))
        for raw in hand_written
        for name in (raw["name"], *raw.get("aliases", []))
    }
    assert len(generated) > 5000
    doubles = [
        raw["id"]
        for raw in generated
        for place in (raw["country"], None)  # None: the heads of international organisations
        if (place, name_key(raw["name"])) in known
    ]
    assert doubles == []


@pytest.mark.parametrize(
    ("name", "actor_id", "country"),
    [("Jim Bolger", "jim-bolger", "NZL"), ("Esko Aho", "esko-aho", "FIN")],
)
def test_phoenix_people_leader_of_the_1990s_has_a_country_and_term(
    kb: KnowledgeBase, name: str, actor_id: str, country: str
) -> None:
    (actor,) = kb.lookup(name)
    assert (actor.id, actor.country, event_party(actor, kb.get)) == (actor_id, country, country)
    assert actor.sector == "GOV"
    assert actor in kb.office_holders(country, "head of state or government", D(1994, 6))
    assert actor not in kb.office_holders(country, "head of state or government", D(2006, 6))


def test_phoenix_people_bare_surname_counts_only_in_the_term(kb: KnowledgeBase) -> None:
    registry = ActorRegistry(kb)
    assert [a.id for a in registry.by_surname("Bolger", D(1994, 6, 1), strict=True)] == [
        "jim-bolger"
    ]
    assert registry.by_surname("Bolger", D(2006, 6, 1), strict=True) == []


def test_phoenix_people_give_no_ruler_patterns(kb: KnowledgeBase) -> None:
    texts = {str(pattern["pattern"]) for pattern in kb.entity_patterns()}
    assert "Jim Bolger" not in texts
    assert "Volodymyr Zelensky" in texts  # hand-written people keep theirs


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "published", "mention", "expected"),
    [
        (
            "Jim Bolger told reporters that the coalition talks would resume next week.",
            D(1994, 5, 10),
            "Jim Bolger",
            ("jim-bolger", "NZL"),
        ),
        (
            "Esko Aho said on Monday that the budget cuts would go ahead.",
            D(1993, 9, 6),
            "Esko Aho",
            ("esko-aho", "FIN"),
        ),
    ],
)
def test_phoenix_people_real_model_full_name_resolves_to_the_country(
    watchfloor_nlp: Any,
    text: str,
    published: D,
    mention: str,
    expected: tuple[str, str],
) -> None:
    registry = ActorRegistry(load_bundled())
    resolution = registry.resolve(find_mentions(watchfloor_nlp(text), "d1"), published)
    (found,) = [m for m in resolution.mentions if m.text == mention]
    assert found.actor_id is not None
    actor = registry.get(found.actor_id)
    assert actor is not None
    assert (actor.id, event_party(actor, registry.get)) == expected


def test_phoenix_people_script_reads_terms_and_names(script: ModuleType) -> None:
    lines = [
        "# a comment",
        "RUTA_MAVERO_DE_LA_COSTA_  # CountryInfo.txt",
        "+PRESIDENT_RUTA_MAVERO",
        "+RUTA_MAVERO_COSTA",
        "\t[PERELI 550101-910301]",
        "\t[PERGOV 910301-960712]",
        "\t[PERGOVMIL >080101]",
        "\t[PERELI]",
        "TOMAS_O'BRIAIN_",
        "\t[IRLGOV 19880101-19890101]",
    ]
    entries = list(script.read_entries(lines))
    assert [entry.name for entry in entries] == ["RUTA_MAVERO_DE_LA_COSTA_", "TOMAS_O'BRIAIN_"]
    people = script.gather_people(entries, {"PER", "IRL"})
    assert len(people) == 1  # the second one left office before 1990
    (ruta,) = people
    assert (ruta.name, ruta.country, ruta.aliases) == (
        "Ruta Mavero de la Costa",
        "PER",
        ["Ruta Mavero Costa"],
    )
    entry = script.entry_of(ruta, "ruta-mavero-de-la-costa")
    assert entry["roles"] == [
        {"title": "president", "start": "1991-03-01", "end": "1996-07-12"},
        {"title": "defence ministry official", "start": "2008-01-01", "end": "2014-12"},
    ]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("MARTA_AL_QUDSI_", "Marta al Qudsi"),
        ("OLEK_MCDARRAGH", "Olek McDarragh"),
        ("J._P._WANDEL_", "J. P. Wandel"),
        ("PAUL-HENRI_D'ORVAL_", "Paul-Henri D'Orval"),
        ("SIR_OLEK_WANDEL", "Olek Wandel"),
        ("CARLOS_XVI_MENDEL", "Carlos XVI Mendel"),
        ("A.Q.M._RAHIM_", "A.Q.M. Rahim"),
        ("GEN._OLEK_WANDEL", "Olek Wandel"),
        ("ROSA_MARIA_SANTO_DE", None),
        ("SOLO_", None),
        ("UNIT_7_", None),
    ],
)
def test_phoenix_people_script_writes_names(
    script: ModuleType, source: str, expected: str | None
) -> None:
    assert script.written_name(source) == expected


def test_phoenix_people_script_two_digit_years(script: ModuleType) -> None:
    assert script.to_day("980115") == 19980115
    assert script.to_day("030101") == 20030101
    assert script.to_day("19140301") == 19140301


def test_phoenix_people_earlier_terms_extend_the_hand_written_entry(kb: KnowledgeBase) -> None:
    carter = kb.get("ash-carter")
    assert carter is not None
    assert (carter.name, carter.country, carter.sector) == ("Ash Carter", "USA", "MIL")
    assert kb.holds_office(carter, "secretary of defense", D(2016, 3))
    assert kb.holds_office(carter, "defence ministry official", D(2012, 3))
    assert not kb.holds_office(carter, "defence ministry official", D(2016, 3))


def test_phoenix_people_script_names_one_under_another_are_one_entry(
    script: ModuleType,
) -> None:
    lines = [
        "OLEK_MAVERO_  # CountryInfo.txt",
        "OLEK_N._MAVERO",
        "PRESIDENT_OLEK_MAVERO",
        "\t[PERELI 490101-910710]",
        "\t[PERGOV 910710-991231]",
        "TOMAS_WANDEL_",
        "\t[PERGOV 920101-930101]",
    ]
    entries = list(script.read_entries(lines))
    assert [entry.name for entry in entries] == ["OLEK_MAVERO_", "TOMAS_WANDEL_"]
    assert entries[0].others == ["OLEK_N._MAVERO", "PRESIDENT_OLEK_MAVERO"]
    people = script.gather_people(entries, {"PER"})
    assert [(person.name, person.country) for person in people] == [
        ("Olek Mavero", "PER"),
        ("Tomas Wandel", "PER"),
    ]
    assert [title for _, title in people[0].roles] == ["president"]


def test_phoenix_people_leaders_known_by_many_names_are_bundled(kb: KnowledgeBase) -> None:
    yeltsin = kb.get("boris-yeltsin")
    assert yeltsin is not None
    assert yeltsin.country == "RUS"
    assert kb.get("albert-ii") is not None  # a regnal number makes a name of two words
