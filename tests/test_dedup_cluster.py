"""StoryClusterer: joining by shared actors and terms, splitting by time window.

The clusterer keeps its stories in a store's story index: an in-memory SQLite store here.
"""

from __future__ import annotations

import dataclasses
import random
from collections import Counter

import pytest

from watchfloor.dedup.cluster import (
    StoryClusterer,
    StoryMember,
    make_story_member,
    member_from_bytes,
    member_to_bytes,
    story_terms,
)
from watchfloor.dedup.stage import StoryStage
from watchfloor.errors import ConfigError
from watchfloor.records import PartialDate
from watchfloor.settings import Settings
from watchfloor.store import SQLiteStore

SHELLS = "South Korea agreed to sell artillery shells to the United States for Ukraine"
QUAKE = "An earthquake of magnitude 6.1 struck central Chile, damaging roads and bridges"


def member(doc_id, published, actors, text=SHELLS, events=("AID",), dates=()):
    return StoryMember(
        doc_id=doc_id,
        published=published,
        title="",
        actors=frozenset(actors),
        event_types=frozenset(events),
        terms=story_terms("", text),
        dates=frozenset(dates),
    )


@pytest.fixture
def store():
    opened = SQLiteStore(":memory:")
    yield opened
    opened.close()


@pytest.fixture
def clusterer(store):
    return StoryClusterer(Settings(), store)


def test_cluster_joins_articles_sharing_actors(clusterer):
    first = clusterer.add(member("a", PartialDate(2023, 4, 11), {"KOR", "USA", "UKR"}))
    reworded = "Seoul will sell 155 mm shells to Washington, which may pass them to Kyiv"
    second = clusterer.add(member("b", PartialDate(2023, 4, 12), {"KOR", "USA", "UKR"}, reworded))
    assert first == second == "story:a"


def test_cluster_keeps_unrelated_articles_apart(clusterer):
    clusterer.add(member("a", PartialDate(2023, 4, 11), {"KOR", "USA", "UKR"}))
    other = clusterer.add(member("b", PartialDate(2023, 4, 11), {"CHL"}, QUAKE, ("ASSAULT",)))
    assert other == "story:b"
    assert len(clusterer) == 2


def test_cluster_time_window_splits_same_actors_a_year_apart(clusterer):
    first = clusterer.add(member("a", PartialDate(2023, 4, 11), {"KOR", "USA", "UKR"}))
    later = clusterer.add(member("b", PartialDate(2024, 4, 11), {"KOR", "USA", "UKR"}))
    assert first != later


def test_cluster_time_window_follows_a_running_story(clusterer):
    dates = [PartialDate(2023, 5, 1), PartialDate(2023, 5, 20), PartialDate(2023, 6, 8)]
    stories = [
        clusterer.add(member(f"d{index}", published, {"KOR", "UKR"}))
        for index, published in enumerate(dates)
    ]
    assert stories == ["story:d0"] * 3  # June 8 is 38 days after May 1 but 19 after May 20


def test_cluster_partial_dates_overlap_the_window(clusterer):
    clusterer.add(member("a", PartialDate(2023, 4), {"KOR", "UKR"}))
    assert clusterer.add(member("b", PartialDate(2023, 5, 2), {"KOR", "UKR"})) == "story:a"


def test_cluster_mentioned_years_that_disagree_lower_resemblance(clusterer):
    clusterer.add(member("a", None, {"KOR", "UKR"}, dates=[PartialDate(2022)]))
    base = member("b", None, {"KOR", "UKR"})
    story = "story:a"
    agreeing = clusterer.resemblance(dataclasses.replace(base, dates={PartialDate(2022, 5)}), story)
    clashing = clusterer.resemblance(dataclasses.replace(base, dates={PartialDate(2019)}), story)
    assert clashing < agreeing


def test_cluster_readding_returns_the_same_story(clusterer):
    clusterer.add(member("a", PartialDate(2023, 4, 11), {"KOR"}))
    assert clusterer.add(member("a", PartialDate(2023, 4, 11), {"KOR"})) == "story:a"
    assert clusterer.story_of("a") == "story:a"
    assert clusterer.story_of("missing") is None


def _sample():
    return [
        member("a", PartialDate(2023, 4, 11), {"KOR", "USA", "UKR"}),
        member("b", PartialDate(2023, 4, 11), {"CHL"}, QUAKE, ("ASSAULT",)),
        member("c", PartialDate(2023, 4, 13), {"KOR", "USA", "UKR"}),
        member("d", PartialDate(2024, 4, 13), {"KOR", "USA", "UKR"}),
        member("u", None, {"KOR", "USA"}),
    ]


def test_cluster_a_new_clusterer_reads_the_stories_from_the_store(store):
    first = StoryClusterer(Settings(), store)
    expected = {m.doc_id: first.add(m) for m in _sample()}
    again = StoryClusterer(Settings(), store)
    assert {m.doc_id: again.story_of(m.doc_id) for m in _sample()} == expected
    probe = member("e", PartialDate(2024, 4, 14), {"KOR", "USA", "UKR"})
    assert again.add(probe) == "story:d"
    assert len(again) == len(first) == 3


def test_cluster_gives_the_same_stories_with_and_without_forgetting(store):
    members = [*_sample(), member("e", PartialDate(2024, 4, 14), {"KOR", "USA", "UKR"})]
    members += _many_members()
    kept = StoryClusterer(Settings(), store)
    expected = [kept.add(m) for m in members]
    other = SQLiteStore(":memory:")
    forgetful = StoryClusterer(Settings(), other)
    placed = []
    for m in members:
        placed.append(forgetful.add(m))
        forgetful.forget()
    assert placed == expected
    assert max(Counter(placed).values()) >= 10  # stories that grew while placing
    # The norm sums kept up to date give what sums read afresh give.
    probe = member("p", PartialDate(2023, 5, 2), {"KOR", "PER"}, text=f"{SHELLS} {QUAKE}")
    for story_id in set(placed):
        fresh = forgetful.resemblance(probe, story_id)
        forgetful.forget()
        assert kept.resemblance(probe, story_id) == pytest.approx(fresh, rel=1e-12)
    other.close()


def _many_members():
    """Forty articles over a month, on a few topics whose words and actors overlap."""
    draw = random.Random(7)
    words = SHELLS.split() + QUAKE.split()
    actors = ["KOR", "USA", "UKR", "CHL", "PER", "RUS"]
    return [
        member(
            f"m{number:02d}",
            PartialDate(2023, 5, 1 + number // 2) if number % 5 else None,
            set(draw.sample(actors, 2)),
            text=" ".join(draw.sample(words, 12)),
            events=(draw.choice(["AID", "ASSAULT", "CONSULT"]),),
        )
        for number in range(40)
    ]


def test_cluster_readding_a_changed_article_replaces_its_features(store):
    clusterer = StoryClusterer(Settings(), store)
    clusterer.add(member("a", PartialDate(2023, 4, 11), {"KOR", "USA"}))
    clusterer.add(member("a", PartialDate(2023, 4, 11), {"CHL"}, QUAKE, ("ASSAULT",)))
    counts = store.read_story_feature_counts(["actor:KOR", "actor:CHL"])
    assert counts == {"actor:KOR": (0, 0), "actor:CHL": (1, 1)}
    profile = store.read_story_profiles(["story:a"])["story:a"]
    assert profile.members == 1
    assert "actor:KOR" not in profile.features


def test_cluster_member_state_round_trips():
    original = member("a", PartialDate(2023, 4), {"KOR"}, dates=[PartialDate(2022, 5)])
    assert member_from_bytes(member_to_bytes(original)) == original


def test_cluster_make_story_member_reads_title_and_lead(make_article):
    article = make_article(title="Seoul weighs arms for Kyiv", text=SHELLS, doc_id="x")
    made = make_story_member(article, ["KOR"], ["AID"], [PartialDate(2023)])
    assert made.doc_id == "x"
    assert {"seoul", "kyiv", "artil"} <= made.terms
    assert made.actors == {"KOR"}


def test_cluster_negative_window_is_refused(store):
    with pytest.raises(ConfigError, match="story_window_days"):
        StoryClusterer(dataclasses.replace(Settings(), story_window_days=-1), store)


def test_cluster_stage_indexes_members_stored_before_the_index(store):
    clusterer = StoryClusterer(Settings(), store)
    for m in _sample():
        clusterer.add(m)
    indexed = store.read_story_profiles(["story:a", "story:b", "story:d"])
    # A store written before migration 0008: members with their state only.
    store.db.execute("UPDATE story_members SET features = NULL, first_day = NULL")
    store.db.execute("UPDATE stories SET members = 0, dated = 0")
    store.db.execute("DELETE FROM story_features")
    store.db.execute("DELETE FROM story_feature_counts")
    assert store.read_story_totals() == (0, 0)
    StoryStage(Settings()).load(store)
    assert store.read_story_profiles(["story:a", "story:b", "story:d"]) == indexed
    assert list(store.read_story_members(unindexed=True)) == []
