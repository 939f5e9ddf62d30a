"""DuplicateFinder: exact, near and reworded copies, direction, and index rebuild."""

from __future__ import annotations

import dataclasses

import pytest

from watchfloor.dedup.near_dup import DuplicateFinder, decide_original
from watchfloor.errors import ConfigError
from watchfloor.records import PartialDate
from watchfloor.settings import Settings

EARLY = PartialDate(2024, 3, 4)
LATE = PartialDate(2024, 3, 6)


@pytest.fixture(scope="module")
def texts(data_dir):
    folder = data_dir / "dedup"
    return {path.stem: path.read_text(encoding="utf-8") for path in folder.glob("*.txt")}


@pytest.fixture
def store():
    """doc_id -> text, standing in for the article store."""
    return {}


@pytest.fixture
def finder(store):
    return DuplicateFinder(Settings(), store.get)


@pytest.fixture
def add(finder, store, make_article):
    def add_article(doc_id, text, published=None, into=None):
        article = make_article(text=text, doc_id=doc_id, published=published)
        store[doc_id] = text
        links, _ = (into or finder).add(article)
        return links

    return add_article


def test_near_dup_exact_copy_is_linked_undecided_without_dates(add, texts):
    assert add("a", texts["original"]) == []
    [link] = add("b", texts["original"])
    assert (link.doc_id, link.other_id, link.kind, link.score) == ("b", "a", "exact", 1.0)
    assert link.derived_from is None


def test_near_dup_exact_copy_direction_by_date(add, texts):
    add("late", texts["original"], LATE)
    [link] = add("early", texts["original"], EARLY)
    assert link.derived_from == "early"


def test_near_dup_near_copy_with_small_edits(add, texts):
    edited = texts["original"].replace("on Tuesday", "on Wednesday")
    add("a", texts["original"])
    [link] = add("b", edited)
    assert link.kind == "near"
    assert link.score >= 0.8


def test_near_dup_near_copy_with_extra_paragraph_is_derived_by_containment(add, texts):
    sentences = texts["original"].splitlines()
    longer = "\n".join([*sentences, *texts["same_story"].splitlines()[:2]])
    add("short", "\n".join(sentences))
    [link] = add("long", longer)
    assert link.kind in {"near", "reworded"}
    assert link.derived_from == "long"


def test_near_dup_reworded_copy_is_found(add, texts):
    add("original", texts["original"])
    [link] = add("copy", texts["reworded"])
    assert link.kind == "reworded"
    assert link.score >= 0.9


def test_near_dup_reworded_direction_by_date(add, texts):
    add("copy", texts["reworded"], LATE)
    [link] = add("original", texts["original"], EARLY)
    assert link.derived_from == "original"


def test_near_dup_reworded_pure_rewording_without_dates_is_undecided(add, texts):
    add("original", texts["original"])
    [link] = add("copy", texts["reworded"])
    assert link.derived_from is None


def test_near_dup_summary_direction_by_containment(add, texts):
    add("summary", texts["summary"])
    [link] = add("original", texts["original"])
    assert link.kind == "reworded"
    assert link.derived_from == "original"


def test_near_dup_same_day_dates_fall_back_to_containment(add, texts):
    add("original", texts["original"], PartialDate(2024, 3))
    [link] = add("summary", texts["summary"], LATE)
    assert link.derived_from == "original"


def test_near_dup_same_story_different_article_is_not_linked(add, texts):
    add("original", texts["original"])
    add("copy", texts["reworded"])
    assert add("other", texts["same_story"]) == []


def test_near_dup_missing_text_skips_reworded_check(make_article, texts):
    first = DuplicateFinder(Settings(), {}.get)
    _, fingerprint = first.add(make_article(text=texts["original"], doc_id="gone"))
    rebuilt = DuplicateFinder(Settings(), {}.get)  # the store no longer has the text
    rebuilt.load([fingerprint])
    assert rebuilt.add(make_article(text=texts["reworded"], doc_id="copy"))[0] == []
    links, _ = rebuilt.add(make_article(text=texts["original"], doc_id="again"))
    assert ("gone", "exact") in [(link.other_id, link.kind) for link in links]


def test_near_dup_readding_a_document_does_not_index_it_twice(add, finder, texts):
    add("a", texts["original"])
    add("b", texts["reworded"])
    assert [link.other_id for link in add("a", texts["original"])] == ["b"]
    assert len(finder) == 2


def test_near_dup_index_rebuilt_from_fingerprints_gives_same_answers(store, make_article, texts):
    settings = Settings()
    first = DuplicateFinder(settings, store.get)
    fingerprints = []
    for doc_id in ("original", "same_story", "summary"):
        store[doc_id] = texts[doc_id]
        fingerprints.append(first.add(make_article(text=texts[doc_id], doc_id=doc_id))[1])
    rebuilt = DuplicateFinder(settings, store.get)
    rebuilt.load(fingerprints)
    probes = [
        make_article(text=texts["reworded"], doc_id="copy"),
        make_article(text=texts["original"], doc_id="exact"),
    ]
    for probe in probes:
        assert first.add(probe)[0] == rebuilt.add(probe)[0]
        assert first.add(probe)[0]


def test_near_dup_load_refuses_fingerprints_of_other_settings(finder, make_article):
    other = DuplicateFinder(Settings(num_perm=64), {}.get)
    _, fingerprint = other.add(make_article())
    with pytest.raises(ConfigError, match="recompute the fingerprints"):
        finder.load([fingerprint])


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"near_dup_threshold": 0.0}, "near_dup_threshold"),
        ({"reworded_threshold": 1.5}, "reworded_threshold"),
        ({"num_perm": 8}, "num_perm"),
        ({"shingle_words": 0}, "shingle_words"),
    ],
)
def test_near_dup_bad_settings_are_refused(changes, message):
    with pytest.raises(ConfigError, match=message):
        DuplicateFinder(dataclasses.replace(Settings(), **changes), {}.get)


@pytest.mark.parametrize(
    ("new_date", "old_date", "copy_lean", "expected"),
    [
        (LATE, EARLY, 0.0, "old"),
        (EARLY, LATE, 5.0, "new"),  # dates win over content
        (PartialDate(2024), LATE, 0.0, None),  # same year: no order
        (None, None, 1.0, "old"),
        (None, None, -1.0, "new"),
        (None, None, 0.6, None),  # a lean alone decides nothing
        (None, EARLY, 0.6, "old"),  # a lean and the only date agree
        (None, EARLY, -0.6, None),  # they disagree
        (EARLY, None, -0.6, "new"),
        (EARLY, None, 0.0, None),  # a date alone decides nothing
    ],
)
def test_near_dup_decide_original(new_date, old_date, copy_lean, expected):
    assert decide_original(("new", new_date), ("old", old_date), copy_lean) == expected
