""" "The North" and "the South" as the one country of the article named "North ..."/"South ...".

Model-free tests use hand-made mentions over a small knowledge base; the
model tests run whole sentences. Countries and sentences are far from the
seed articles (which are about the two Koreas).
"""

from __future__ import annotations

from typing import Any

import pytest

from watchfloor.nlp.mentions.entities import find_mentions
from watchfloor.records import Actor, Mention
from watchfloor.resolve.actor_entries import ActorEntry
from watchfloor.resolve.knowledge import KnowledgeBase, load_knowledge
from watchfloor.resolve.registry import ActorRegistry


def country(code: str, name: str, *capitals: str) -> ActorEntry:
    return ActorEntry(Actor(code, name, "country", country=code), (), capitals)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase(
        [
            country("SSD", "South Sudan", "Juba"),
            country("SDN", "Sudan", "Khartoum"),
            country("MKD", "North Macedonia", "Skopje"),
            country("GRC", "Greece", "Athens"),
            country("ZAF", "South Africa", "Pretoria"),
        ]
    )


def mentions(*items: tuple[str, str]) -> list[Mention]:
    found, offset = [], 0
    for sentence, (text, label) in enumerate(items):
        found.append(Mention("d1", offset, offset + len(text), text, label, sentence))
        offset += len(text) + 20
    return found


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ((("South Sudan", "GPE"), ("Sudan", "GPE"), ("South", "COMPASS")), "SSD"),
        ((("North", "COMPASS"), ("North Macedonia", "GPE")), "MKD"),  # named after it
        ((("Skopje", "METONYM"), ("Athens", "METONYM"), ("North", "COMPASS")), "MKD"),
        ((("South Africa", "GPE"), ("South Sudan", "GPE"), ("South", "COMPASS")), None),
        ((("Sudan", "GPE"), ("South", "COMPASS")), None),
        ((("North Macedonia", "GPE"), ("South", "COMPASS")), None),
    ],
)
def test_compass_word_is_the_one_country_named_so(
    kb: KnowledgeBase, items: tuple[tuple[str, str], ...], expected: str | None
) -> None:
    resolved = ActorRegistry(kb).resolve(mentions(*items), None).mentions
    assert [m.actor_id for m in resolved if m.label == "COMPASS"] == [expected]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "South Sudan accused Sudan of bombing its oil fields. "
            "The South said it would respond and called on the AU to act.",
            ["SSD"],
        ),
        (
            "The North rejected the proposal, North Macedonia's foreign ministry said. "
            "Greece urged the North to reconsider.",
            ["MKD", "MKD"],
        ),
        ("Pyongyang tested a missile. Japan said the North's launch was reckless.", ["PRK"]),
        (
            "South Africa and South Sudan signed a trade pact. The South agreed to cut tariffs.",
            [None],
        ),
    ],
)
def test_compass_real_model(watchfloor_nlp: Any, text: str, expected: list[str | None]) -> None:
    found = find_mentions(watchfloor_nlp(text), "d1")
    resolved = ActorRegistry(load_knowledge()).resolve(found, None).mentions
    assert [m.actor_id for m in resolved if m.label == "COMPASS"] == expected
