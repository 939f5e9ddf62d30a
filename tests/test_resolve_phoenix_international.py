"""IGOs and NGOs from PETRARCH-2's Phoenix international actors (international_phoenix.yaml).

The script tests feed made-up source lines; the file tests read the generated file.
"""

from __future__ import annotations

import importlib.util
import sys
from importlib import resources
from pathlib import Path
from types import ModuleType

import pytest

from watchfloor.records import Actor
from watchfloor.resolve.actor_entries import ActorEntry
from watchfloor.resolve.knowledge import KnowledgeBase, load_bundled

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "phoenix_international.py"
SOURCE = """\
#####   Other IGOs  #######
VELMORIAN_UNION_\t[IGOEURVMU]# a comment
VU_\t[IGOEURVMU]
ORGANISATION_OF_TARVO_STATES_
+TARVO_STATES_ORGANIZATION
\t[IGOTRV]
SECRETARY_GENERAL_OF_THE_VELMORIAN_UNION\t[IGOEURVMU]
JANA_OSKARSDOTTIR_\t[IGOEURVMU 990101-041231]
#####   NGOs  ######
FRIENDS_OF_THE_MARSH_INTERNATIONAL_\t[NGOENV]
KESTREL_WATCH_(KW)\t[NGOHRI]
QUILL_BANK_OF_ORAN_\t[MNCORN]
"""


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("phoenix_international", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["phoenix_international"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bundled_tarvo() -> KnowledgeBase:
    """A knowledge base that already knows the Tarvo organisation by its z spelling."""
    entry = ActorEntry(Actor("OTS", "Organization of Tarvo States", "igo", aliases=("OTS",)))
    return KnowledgeBase([entry])


def test_phoenix_international_reads_organisations_not_people_or_companies(
    script: ModuleType, bundled_tarvo: KnowledgeBase
) -> None:
    found = script.join_acronyms(script.organisations(script.read_entries(SOURCE.splitlines())))
    data = script.build_output(found, bundled_tarvo)
    assert data["igos"] == [
        {"id": "VU", "name": "Velmorian Union", "aliases": ["VU"]},
    ]
    assert data["organisations"] == [
        {"id": "friends-of-the-marsh-international", "name": "Friends of the Marsh International",
         "sector": "CVL"},
        {"id": "kestrel-watch", "name": "Kestrel Watch", "aliases": ["KW"], "sector": "CVL"},
    ]  # fmt: skip
    # A spelling of a bundled organisation is that organisation: its other names are added.
    assert data["extra_names"] == [
        {"id": "OTS", "aliases": ["Organisation of Tarvo States", "Tarvo States Organization"]}
    ]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("ARAB_MAGHREB_UNION_", ["Arab Maghreb Union"]),
        ("UN_MISSION_IN_SUDAN_", ["UN Mission in Sudan"]),
        ("INSTITUTE_OF_HUMANITARIAN_LAW_(IHL)", ["Institute of Humanitarian Law", "IHL"]),
        ("ASEAN_", ["ASEAN"]),
        ("G_8_", []),
    ],
)
def test_phoenix_international_writes_names(
    script: ModuleType, source: str, expected: list[str]
) -> None:
    assert script.written_name(source) == expected


def test_phoenix_international_file_keeps_the_mit_notice() -> None:
    path = resources.files("watchfloor").joinpath("data", "actors", "international_phoenix.yaml")
    head = path.read_text("utf-8")[:3000]
    assert "Phoenix.International.actors.txt" in head
    assert "The MIT License (MIT)" in head
    assert "Copyright (c) 2014 Open Event Data Alliance" in head


def test_phoenix_international_leaves_bundled_names_unambiguous() -> None:
    kb = load_bundled()
    assert [actor.id for actor in kb.lookup("ICC")] == ["ICC"]
    assert [
        actor.id for actor in kb.lookup("Organisation for Security and Cooperation in Europe")
    ] == ["OSCE"]
    assert [actor.id for actor in kb.lookup("Organization of African Unity")] == ["OAU"]
    amnesty = kb.lookup("Amnesty International")
    assert [(actor.kind, actor.country) for actor in amnesty] == [("org", None)]


def test_phoenix_international_name_with_or_without_the_is_one_name(script: ModuleType) -> None:
    assert script.loose_key("Organization of the Tarvo States") == script.loose_key(
        "Organisation of Tarvo States"
    )
    assert script.loose_key("Theta Union") != script.loose_key("Union")


def test_phoenix_international_bundled_igo_keeps_its_name_without_the() -> None:
    # the generated file adds no second OPEC under the source's spelling without "the"
    kb = load_bundled()
    assert {actor.id for actor in kb.lookup("Organization of Petroleum Exporting Countries")} == {
        "OPEC"
    }
