"""StoryClusterer: joining by shared actors and terms, splitting by time window."""

from __future__ import annotations

import dataclasses

import pytest

from watchfloor.dedup.cluster import (
    StoryClusterer,
    StoryMember,
    make_story_member,
    story_terms,
)
from watchfloor.errors import ConfigError
from watchfloor.records import PartialDate
from watchfloor.settings import Settings

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
def clusterer():
    return StoryClusterer(Settings())


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
    ]


def test_cluster_load_by_replay_gives_same_ids():
    first = StoryClusterer(Settings())
    expected = {m.doc_id: first.add(m) for m in _sample()}
    rebuilt = StoryClusterer(Settings())
    rebuilt.load(_sample())
    assert {m.doc_id: rebuilt.story_of(m.doc_id) for m in _sample()} == expected
    probe = member("e", PartialDate(2024, 4, 14), {"KOR", "USA", "UKR"})
    assert first.add(probe) == rebuilt.add(probe) == "story:d"


def test_cluster_load_with_stored_assignments_keeps_them():
    rebuilt = StoryClusterer(Settings())
    rebuilt.load(_sample(), {"a": "s1", "b": "s2", "c": "s1", "d": "s3"})
    assert rebuilt.story_of("c") == "s1"
    assert rebuilt.add(member("e", PartialDate(2023, 4, 14), {"KOR", "USA", "UKR"})) == "s1"


def test_cluster_make_story_member_reads_title_and_lead(make_article):
    article = make_article(title="Seoul weighs arms for Kyiv", text=SHELLS, doc_id="x")
    made = make_story_member(article, ["KOR"], ["AID"], [PartialDate(2023)])
    assert made.doc_id == "x"
    assert {"seoul", "kyiv", "artil"} <= made.terms
    assert made.actors == {"KOR"}


def test_cluster_negative_window_is_refused():
    with pytest.raises(ConfigError, match="story_window_days"):
        StoryClusterer(dataclasses.replace(Settings(), story_window_days=-1))
