"""Acronyms and one-letter slips of names the same document spells out (none from the seeds)."""

from __future__ import annotations

import pytest

from watchfloor.resolve.variants import (
    correct_slip,
    expand_acronym,
    is_acronym,
    one_edit_apart,
    spelled_initials,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KCNA", True),
        ("IRGC", True),
        ("U.N.", True),
        ("MoD", True),
        ("DoD", True),
        ("Moscow", False),
        ("Mr", False),
        ("K", False),
        ("ABCDEFG", False),
    ],
)
def test_variants_is_acronym(text: str, expected: bool) -> None:
    assert is_acronym(text) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Korean Central News Agency", {"KCNA"}),
        ("Islamic Revolutionary Guard Corps", {"IRGC"}),
        ("Ministry of Defence", {"MD", "MOD"}),
        ("the Department of Defense", {"DD", "DOD"}),
        ("Rapid Support Forces", {"RSF"}),
        ("Hezbollah", set()),
    ],
)
def test_variants_spelled_initials(name: str, expected: set[str]) -> None:
    assert spelled_initials(name) == expected


def test_variants_acronym_expands_to_the_one_name_it_spells() -> None:
    named = [("Islamic Revolutionary Guard Corps", "irn-irgc"), ("Tehran", "IRN")]
    assert expand_acronym("IRGC", named) == "irn-irgc"
    assert expand_acronym("MoD", [("Ministry of Defence", "gbr-mod")]) == "gbr-mod"
    assert expand_acronym("Tehran", named) is None  # not an acronym
    assert expand_acronym("KCNA", named) is None  # not spelled out here


def test_variants_acronym_fitting_two_actors_is_left_alone() -> None:
    named = [("National Security Council", "usa-nsc"), ("National Salvation Committee", "x-nsc")]
    assert expand_acronym("NSC", named) is None
    assert expand_acronym("NSC", [*named[:1], ("NSC", "usa-nsc")]) == "usa-nsc"


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("kazakstan", "kazakhstan", True),  # a letter left out
        ("afghanisstan", "afghanistan", True),  # a letter added
        ("mogadisho", "mogadishu", True),  # a letter changed
        ("ukriane", "ukraine", True),  # two letters swapped
        ("austria", "australia", False),
        ("kharkiv", "kharkov", True),
        ("tripoli", "tripoli", False),  # the same is no slip
        ("islamabad", "abadisalm", False),
    ],
)
def test_variants_one_edit_apart(first: str, second: str, expected: bool) -> None:
    assert one_edit_apart(first, second) is expected
    assert one_edit_apart(second, first) is expected


def test_variants_slip_of_a_place_named_in_the_document() -> None:
    named = [("Afghanistan", "AFG"), ("Kabul", "AFG"), ("Islamabad", "PAK")]
    assert correct_slip("Afganistan", named) == "AFG"
    assert correct_slip("Islamabd", named) == "PAK"
    assert correct_slip("Kandahar", named) is None  # another place, not a slip


def test_variants_slip_needs_length_first_letter_and_one_fit() -> None:
    assert correct_slip("Iraq", [("Iran", "IRN")]) is None  # short names differ by a letter
    assert correct_slip("Wmbassy", [("Embassy", "x")]) is None  # first letter differs
    named = [("Gabriel", "a"), ("Gabriele", "b")]
    assert correct_slip("Gabriell", named) is None  # fits both
