"""Person names the NER cut short or ran on, repaired against the document's other names.

Made-up names that appear in no gold file.
"""

from __future__ import annotations

import pytest

from watchfloor.records import Mention, PartialDate
from watchfloor.resolve.generic_terms import TitleTable
from watchfloor.resolve.knowledge import KnowledgeBase, normalise_name
from watchfloor.resolve.name_spans import complete_name, trim_name
from watchfloor.resolve.registry import ActorRegistry


def nobody(name: str) -> bool:
    return False


# Given names of known people, as the bundled dictionaries would give them.
given_name = {"Tobias", "Halvard", "Mary"}.__contains__


@pytest.mark.parametrize(
    ("name", "names", "expected"),
    [
        # A headline's run-on span beside the name on its own.
        ("Tobias Wrenfield Checks Into Rehab", ["Tobias Wrenfield"], "Tobias Wrenfield"),
        ("Tobias Wrenfield Dies", ["Tobias Wrenfield", "Wrenfield"], "Tobias Wrenfield"),
        # A word before the name: an occupation or a verb of the headline.
        ("Comedian Tobias Wrenfield", ["Tobias Wrenfield"], "Tobias Wrenfield"),
        # Another run-on span of the same name does not count as a name of its own.
        (
            "Tobias Wrenfield Checks Into Rehab",
            ["Tobias Wrenfield Checks", "Tobias Wrenfield"],
            "Tobias Wrenfield",
        ),
        # A word the document names on its own is part of the name: kept whole.
        ("Tobias Wrenfield Ossery", ["Tobias Wrenfield", "Ossery"], "Tobias Wrenfield Ossery"),
        # A generational suffix is never cut.
        ("Tobias Wrenfield III", ["Tobias Wrenfield"], "Tobias Wrenfield III"),
        # A given name is never cut: two relatives stay two.
        ("Mary Tobias Wrenfield", ["Tobias Wrenfield"], "Mary Tobias Wrenfield"),
        ("Halvard Wrenfield", ["Tobias Wrenfield"], "Halvard Wrenfield"),
        # The family name of a person the document names, opening a headline.
        ("Wrenfield Checks", ["Tobias Wrenfield"], "Wrenfield"),
        (
            "Wrenfield Resigns Over Ossery",
            ["Tobias Wrenfield", "Ossery"],
            "Wrenfield Resigns Over Ossery",
        ),
        # ... but not closing a name: a given name the dictionaries lack may open it.
        ("Stunning Wrenfield", ["Tobias Wrenfield"], "Stunning Wrenfield"),
        # Nothing shorter named: kept.
        ("Tobias Wrenfield Brannock", [], "Tobias Wrenfield Brannock"),
        # A headline's name written twice across a hyphen.
        ("Tobias Wrenfield-Tobias Wrenfield", [], "Tobias Wrenfield"),
    ],
)
def test_name_spans_trim_a_run_on_name(name: str, names: list[str], expected: str) -> None:
    assert trim_name(name, [name, *names], nobody, given_name) == expected


def test_name_spans_trim_to_a_known_person_the_documents_own_name_first() -> None:
    known = {"Halvard Brannock"}.__contains__
    assert trim_name("Halvard Brannock Resigns", [], known, given_name) == "Halvard Brannock"
    # The document's own shorter name wins over one known from elsewhere.
    found = trim_name("Halvard Brannock Ossery", ["Brannock Ossery"], known, nobody)
    assert found == "Brannock Ossery"


def test_name_spans_complete_a_name_cut_at_a_hyphen() -> None:
    assert complete_name("Lim Tae-", ["Lim Tae-", "Lim Tae-sung"]) == "Lim Tae-sung"
    assert complete_name("Ada Marsh", ["Ada Marsh-Ada Marsh"]) == "Ada Marsh"


def test_name_spans_a_headline_span_joins_the_person_across_documents() -> None:
    kb = KnowledgeBase([], (), TitleTable({"sectors": {}}, normalise_name))
    registry = ActorRegistry(kb)
    on = PartialDate(2024, 5, 2)
    first = [Mention("d1", 0, 16, "Tobias Wrenfield", "PERSON", 0)]
    headline = "Tobias Wrenfield Checks Into Rehab"
    second = [Mention("d2", 0, len(headline), headline, "PERSON", 0)]
    assert registry.resolve(first, on).mentions[0].actor_id == "tobias-wrenfield"
    assert registry.resolve(second, on).mentions[0].actor_id == "tobias-wrenfield"
