"""Country names with an abbreviated compass word ("S. Sudan", "N.Macedonia").

The rule is tested on a small made-up knowledge base and on the bundled one,
with names far from the seed articles (which only use the listed "S. Korea").
"""

from __future__ import annotations

from typing import Any

import pytest
import spacy

from watchfloor.nlp.mentions.entities import find_mentions
from watchfloor.nlp.model import actor_patterns, add_actor_ruler
from watchfloor.records import Actor
from watchfloor.resolve.abbreviations import abbreviated_forms, abbreviation_key, written_key
from watchfloor.resolve.actor_entries import ActorEntry
from watchfloor.resolve.knowledge import KnowledgeBase, load_knowledge, normalise_name


def country(code: str, name: str, *demonyms: str, aliases: tuple[str, ...] = ()) -> ActorEntry:
    return ActorEntry(Actor(code, name, "country", country=code, aliases=aliases), demonyms)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase(
        [
            country("SSD", "South Sudan", "South Sudanese"),
            country("SDN", "Sudan", "Sudanese"),
            country("MKD", "North Macedonia", aliases=("Republic of North Macedonia",)),
            country("ESH", "Western Sahara", "Sahrawi"),
            country("GNQ", "Equatorial Guinea", "Equatoguinean"),
            country("XSF", "South Foo", "South Fooian"),
            country("XWF", "Southern Foo"),
            ActorEntry(Actor("sudan-north-group", "North Group", "org")),
        ]
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("south sudan", "s sudan"),
        ("western sahara", "w sahara"),
        ("north macedonia", "n macedonia"),
        ("sudan", None),
        ("south", None),  # a compass word alone is no country name
        ("equatorial guinea", None),
    ],
)
def test_abbreviations_key_of_a_name(name: str, expected: str | None) -> None:
    assert abbreviation_key(name) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("S. Sudan", "s sudan"),
        ("S.Sudan", "s sudan"),
        ("S Sudan", "s sudan"),
        ("the N. Macedonia", "n macedonia"),
        ("Sudan", None),
        ("Sa. Sudan", None),
    ],
)
def test_abbreviations_key_of_a_written_form(text: str, expected: str | None) -> None:
    assert written_key(text, normalise_name) == expected


def test_abbreviations_written_forms() -> None:
    assert abbreviated_forms("Western Sahara") == ("W. Sahara", "W Sahara", "W.Sahara")
    assert abbreviated_forms("Sudan") == ()
    assert abbreviated_forms("south sudan") == ()  # forms are made from names as written


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("S. Sudan", ["SSD"]),
        ("S Sudan", ["SSD"]),
        ("N.Macedonia", ["MKD"]),
        ("W. Sahara", ["ESH"]),
        ("Sudan", ["SDN"]),
        ("E. Guinea", []),  # "Equatorial" is no compass word
        ("N. Group", []),  # only countries
        ("S. Foo", ["XSF", "XWF"]),  # South Foo and Southern Foo: ambiguity is returned
    ],
)
def test_abbreviations_lookup_expands_the_initial(
    kb: KnowledgeBase, text: str, expected: list[str]
) -> None:
    assert [actor.id for actor in kb.lookup(text)] == expected


def test_abbreviations_demonyms(kb: KnowledgeBase) -> None:
    assert kb.country_by_demonym("S. Sudanese") == "SSD"
    assert kb.country_by_demonym("S Fooian") == "XSF"
    assert kb.country_by_demonym("Sudanese") == "SDN"


def test_abbreviations_patterns_for_the_ruler(kb: KnowledgeBase) -> None:
    patterns = kb.entity_patterns()
    assert {"label": "GPE", "pattern": "S. Sudan", "id": "SSD"} in patterns
    assert {"label": "GPE", "pattern": "N.Macedonia", "id": "MKD"} in patterns
    assert {"label": "NORP", "pattern": "S. Sudanese", "id": "SSD"} in patterns
    assert not any(pattern["pattern"] == "E. Guinea" for pattern in patterns)


def test_abbreviations_ruler_corrects_the_ner(kb: KnowledgeBase) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    add_actor_ruler(nlp, actor_patterns(kb))
    doc = nlp("S. Sudan and N.Macedonia signed; S. Sudanese troops left Sudan.")
    found = [(m.text, m.label) for m in find_mentions(doc, "d1")]
    assert ("S. Sudan", "GPE") in found
    assert ("N.Macedonia", "GPE") in found
    assert ("S. Sudanese", "DEMONYM") in found
    assert ("Sudan", "GPE") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("S. Africa", "ZAF"),
        ("S Africa", "ZAF"),
        ("N. Macedonia", "MKD"),
        ("S. Sudan", "SSD"),
        ("E. Timor", "TLS"),
        ("W. Sahara", "ESH"),
    ],
)
def test_abbreviations_bundled_countries(text: str, expected: str) -> None:
    assert [actor.id for actor in load_knowledge().lookup(text)] == [expected]


@pytest.mark.model
def test_abbreviations_real_model_annotates_them(watchfloor_nlp: Any) -> None:
    from watchfloor.resolve.registry import ActorRegistry

    text = "S. Africa and S. Sudan signed a deal with N. Macedonia. S. African officials said so."
    mentions = find_mentions(watchfloor_nlp(text), "d1")
    resolved = ActorRegistry(load_knowledge()).resolve(mentions, None).mentions
    assert [(m.text, m.actor_id) for m in resolved] == [
        ("S. Africa", "ZAF"),
        ("S. Sudan", "SSD"),
        ("N. Macedonia", "MKD"),
        ("S. African", "ZAF"),
    ]
