"""Stories: groups of articles about the same real-world happening, built incrementally.

An article joins the story it resembles most, if that resemblance is strong
enough; otherwise it starts a new story. Resemblance combines the words of the
headline and lead, the actors, the event types and the dates the text mentions,
each weighted by how rare it is among the articles seen so far (a story about
two rare actors is more telling than one about the United States). A time
window keeps stories apart: an article only joins a story that has a member
published within `story_window_days` of it, so a 2023 and a 2024 story about
the same countries stay two stories.

The clusterer keeps no state of its own: candidate stories, their profiles and
how many articles hold each feature are read from the story index (the store's
`story_*` tables, through `StoryIndex`), and each placed article is written to it
at once. Candidates are the stories sharing an actor or term with the article
(through the index over features) that have a member within the time window
(through the index over publication days), so the cost of placing an article
does not grow with the number of stories stored.
"""

from __future__ import annotations

import calendar
import json
import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass, fields
from datetime import date
from typing import Protocol

import numpy as np

from watchfloor.dedup.fingerprint import content_terms, tokenize_words
from watchfloor.errors import ConfigError
from watchfloor.records import Article, PartialDate, StoryEntry, StoryProfile
from watchfloor.settings import Settings

LEAD_WORDS = 150  # words of the text, after the title, that describe the story
JOIN_THRESHOLD = 0.15  # resemblance at or above which an article joins a story
WEIGHT_TERMS = 0.5
WEIGHT_ACTORS = 0.35
WEIGHT_EVENTS = 0.15
DATE_CONFLICT_FACTOR = 0.5  # resemblance is scaled by this when mentioned years disagree
MAX_POSTING_SHARE = 0.2  # features in more than this share of stories do not propose candidates


@dataclass(frozen=True, slots=True)
class StoryMember:
    """What one article contributes to story clustering (filled in after NLP)."""

    doc_id: str
    published: PartialDate | None
    title: str
    actors: frozenset[str]  # resolved actor ids
    event_types: frozenset[str]  # PLOVER types found
    terms: frozenset[str] = frozenset()  # content terms of the title and lead
    dates: frozenset[PartialDate] = frozenset()  # dates the text mentions


def story_terms(title: str, text: str, lead_words: int = LEAD_WORDS) -> frozenset[str]:
    """Content terms of the title and the first `lead_words` words of the text."""
    lead = tokenize_words(title) + tokenize_words(text)[:lead_words]
    return frozenset(content_terms(lead))


def make_story_member(
    article: Article,
    actors: Iterable[str],
    event_types: Iterable[str],
    dates: Iterable[PartialDate] = (),
) -> StoryMember:
    """Build the StoryMember of an analysed article.

    Needs: the Article, its resolved actor ids, its event types and the
    calendar dates its text mentions. Gives: a StoryMember with its terms.
    """
    return StoryMember(
        doc_id=article.doc_id,
        published=article.published,
        title=article.title,
        actors=frozenset(actors),
        event_types=frozenset(event_types),
        terms=story_terms(article.title, article.text),
        dates=frozenset(dates),
    )


class StoryIndex(Protocol):
    """Where stories are kept: the story methods of `watchfloor.store.Store`."""

    def write_story_member(self, entry: StoryEntry) -> None: ...

    def read_story_ids(self, doc_ids: Iterable[str]) -> dict[str, str]: ...

    def read_story_totals(self) -> tuple[int, int]: ...

    def read_story_feature_counts(self, features: Iterable[str]) -> dict[str, tuple[int, int]]: ...

    def find_stories(
        self, features: Iterable[str], days: tuple[int, int] | None, window_days: int
    ) -> list[str]: ...

    def read_story_profiles(self, story_ids: Iterable[str]) -> dict[str, StoryProfile]: ...


def member_to_bytes(member: StoryMember) -> bytes:
    """The stored state of a StoryMember (JSON; sets as sorted lists, dates as ISO)."""
    fields_ = {}
    for name in (f.name for f in fields(member)):
        value = getattr(member, name)
        if isinstance(value, PartialDate):
            value = {"date": value.iso()}
        elif name == "dates":
            value = sorted(({"date": d.iso()} for d in value), key=json.dumps)
        elif isinstance(value, frozenset):
            value = sorted(value, key=json.dumps)
        fields_[name] = value
    return json.dumps(fields_).encode("utf-8")


def member_from_bytes(state: bytes) -> StoryMember:
    """The StoryMember `member_to_bytes` stored."""
    stored = json.loads(state)
    published = stored["published"]
    stored["published"] = PartialDate.parse(published["date"]) if published else None
    for name in ("actors", "event_types", "terms"):
        stored[name] = frozenset(stored[name])
    stored["dates"] = frozenset(PartialDate.parse(value["date"]) for value in stored["dates"])
    return StoryMember(**stored)


def story_entry(member: StoryMember, story_id: str) -> StoryEntry:
    """What the story index keeps of a member placed in `story_id`."""
    days = _day_range(member.published) if member.published is not None else None
    return StoryEntry(
        doc_id=member.doc_id,
        story_id=story_id,
        title=member.title,
        state=member_to_bytes(member),
        features=frozenset(_features(member) | _traits(member)),
        days=days,
    )


class _Story:
    """One story's profile, as read from the index, with its feature weights' inputs.

    `counts` holds how many members have each actor and term feature, in the order of
    `keys`; event types and mentioned years are kept as sets.
    """

    def __init__(self, profile: StoryProfile) -> None:
        self.story_id = profile.story_id
        self.size = profile.members
        self.published_days = list(profile.days)
        self.event_types: set[str] = set()
        self.years: set[int] = set()
        self.features: dict[str, dict[str, int]] = {"term:": {}, "actor:": {}}
        for key, count in profile.features.items():
            kind, _, value = key.partition(":")
            if kind == "event":
                self.event_types.add(value)
            elif kind == "year":
                self.years.add(int(value))
            else:
                self.features[kind + ":"][value] = count
        self._slots: dict[str, np.ndarray] = {}

    def absorb(self, member: StoryMember, slot_of: dict[str, int]) -> None:
        """Count a new member in; `slot_of` must hold the member's features."""
        self.size += 1
        for kind, values in (("term:", member.terms), ("actor:", member.actors)):
            totals = self.features[kind]
            added = [value for value in values if value not in totals]
            for value in values:
                totals[value] = totals.get(value, 0) + 1
            slots = self._slots.get(kind)
            if slots is not None and added:  # new features go last, as in `totals`
                more = np.array([slot_of[kind + value] for value in added], dtype=np.intp)
                self._slots[kind] = np.concatenate([slots, more])
        self.event_types.update(member.event_types)
        self.years.update(mentioned.year for mentioned in member.dates)
        if member.published is not None:
            self.published_days.append(_day_range(member.published))

    def arrays(self, kind: str, slot_of: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
        """Where the features of one kind sit in the clusterer's frequency array
        (`slot_of`, by prefixed key), and how many members hold each."""
        totals = self.features[kind]
        slots = self._slots.get(kind)
        if slots is None:
            slots = np.array([slot_of[kind + value] for value in totals], dtype=np.intp)
            self._slots[kind] = slots
        return slots, np.fromiter(totals.values(), dtype=np.float64, count=len(totals))


class StoryClusterer:
    """Assigns each article, in arrival order, to a story kept in a `StoryIndex`.

    `add` places one new article, writes it to the index and returns its story_id.
    A new story is named after its first article: `story:<doc_id>`, so placing the
    same members in the same order gives the same ids. What the clusterer reads from
    the index is kept until `forget` (call it after a transaction ends: what a rolled
    back one wrote is gone from the index).
    """

    def __init__(self, settings: Settings, index: StoryIndex) -> None:
        if settings.story_window_days < 0:
            raise ConfigError(
                f"story_window_days must be 0 or more, got {settings.story_window_days}"
            )
        self.window_days = settings.story_window_days
        self.index = index
        self.forget()

    def forget(self) -> None:
        """Drop what was read from the index; the next article reads it again."""
        self._stories: dict[str, _Story] = {}
        self._slot: dict[str, int] = {}  # feature -> its place in _frequency
        self._frequency = np.zeros(1024, dtype=np.float64)  # articles holding each feature
        self._posting: dict[str, int] = {}  # feature -> stories holding it
        self._totals: tuple[int, int] | None = None  # (articles, stories)

    def __len__(self) -> int:
        return self._read_totals()[1]

    def story_of(self, doc_id: str) -> str | None:
        return self.index.read_story_ids([doc_id]).get(doc_id)

    def add(self, member: StoryMember) -> str:
        """Place one article in the story it resembles most, or in a new story.

        Needs: a StoryMember. Gives: the story_id it joined. Adding a doc_id
        again keeps its story and replaces what it holds in the index.
        """
        known = self.story_of(member.doc_id)
        if known is not None:
            self.index.write_story_member(story_entry(member, known))
            self.forget()  # its earlier features left the index
            return known
        scores = {
            story_id: self.resemblance(member, story_id)
            for story_id in self._candidate_stories(member)
        }
        best = max(scores, key=lambda story_id: (scores[story_id], story_id), default=None)
        if best is None or scores[best] < JOIN_THRESHOLD:
            best = f"story:{member.doc_id}"
        self._place(member, best)
        return best

    def resemblance(self, member: StoryMember, story_id: str) -> float:
        """How much an article resembles a story, in [0, 1]; 0 outside the time window.

        A weighted mean of term, actor and event-type overlap, over the kinds
        of feature the article has (an article with no events found is judged
        on its terms and actors alone), scaled down when the years the article
        mentions and the years the story mentions do not meet.
        """
        story = self._story(story_id)
        if story is None or not self._within_window(member, story):
            return 0.0
        parts = [
            (WEIGHT_TERMS, member.terms, self._overlap("term:", member.terms, story)),
            (WEIGHT_ACTORS, member.actors, self._overlap("actor:", member.actors, story)),
            (WEIGHT_EVENTS, member.event_types, _share(member.event_types, story.event_types)),
        ]
        weight = sum(part_weight for part_weight, features, _ in parts if features)
        if not weight:
            return 0.0
        score = (
            sum(part_weight * value for part_weight, features, value in parts if features) / weight
        )
        member_years = {mentioned.year for mentioned in member.dates}
        if member_years and story.years and not member_years & story.years:
            score *= DATE_CONFLICT_FACTOR
        return score

    def _overlap(self, kind: str, features: frozenset[str], story: _Story) -> float:
        """Rarity-weighted cosine between a member's features and a story's profile."""
        totals = story.features[kind]
        if not features or not totals:
            return 0.0
        size = story.size
        documents = self._read_totals()[0]
        self._read_counts([kind + f for f in features])
        frequency, slot = self._frequency, self._slot
        rarity = {f: self._rarity(int(frequency[slot[kind + f]]), documents) for f in features}
        dot = sum(rarity[f] ** 2 * totals[f] / size for f in features if f in totals)
        if not dot:
            return 0.0
        member_norm = math.sqrt(sum(weight**2 for weight in rarity.values()))
        slots, counts = story.arrays(kind, slot)
        weights = np.log((1 + documents) / (1 + frequency[slots])) + 1.0
        story_norm = math.sqrt(float(np.sum((weights * counts / size) ** 2)))
        return dot / (member_norm * story_norm)

    @staticmethod
    def _rarity(frequency: int, documents: int) -> float:
        """Inverse document frequency among the articles placed so far (smoothed)."""
        return math.log((1 + documents) / (1 + frequency)) + 1.0

    def _within_window(self, member: StoryMember, story: _Story) -> bool:
        if member.published is None or not story.published_days:
            return True
        first, last = _day_range(member.published)
        return any(
            first - self.window_days <= other_last and other_first <= last + self.window_days
            for other_first, other_last in story.published_days
        )

    def _read_totals(self) -> tuple[int, int]:
        if self._totals is None:
            self._totals = self.index.read_story_totals()
        return self._totals

    def _read_counts(self, features: Collection[str]) -> None:
        """Read how many articles and stories hold each of `features` not read yet."""
        missing = [feature for feature in features if feature not in self._posting]
        if not missing:
            return
        found = self.index.read_story_feature_counts(missing)
        for feature in missing:
            documents, self._posting[feature] = found.get(feature, (0, 0))
            self._slot[feature] = slot = len(self._slot)
            if slot == len(self._frequency):
                self._frequency = np.concatenate([self._frequency, np.zeros_like(self._frequency)])
            self._frequency[slot] = documents

    def _story(self, story_id: str) -> _Story | None:
        story = self._stories.get(story_id)
        if story is None:
            self._read_stories([story_id])
            story = self._stories.get(story_id)
        return story

    def _read_stories(self, story_ids: Collection[str]) -> None:
        """Read the profiles of `story_ids` not read yet, and their features' counts."""
        missing = [story_id for story_id in story_ids if story_id not in self._stories]
        if not missing:
            return
        profiles = self.index.read_story_profiles(missing)
        for story_id, profile in profiles.items():
            story = self._stories[story_id] = _Story(profile)
            self._read_counts([kind + f for kind, totals in story.features.items() for f in totals])

    def _candidate_stories(self, member: StoryMember) -> list[str]:
        """Stories sharing a telling actor or term with the member, within its time window.

        An actor or term held by more than `MAX_POSTING_SHARE` of all stories (at least
        10) proposes none: it is too common to tell stories apart.
        """
        features = _features(member)
        self._read_counts(features)
        limit = max(10, int(MAX_POSTING_SHARE * self._read_totals()[1]))
        telling = [feature for feature in features if self._posting[feature] <= limit]
        if not telling:
            return []
        days = _day_range(member.published) if member.published is not None else None
        found = self.index.find_stories(telling, days, self.window_days)
        self._read_stories(found)
        return found

    def _place(self, member: StoryMember, story_id: str) -> None:
        """Write the member to the index, and count it in what was read from there."""
        features = _features(member)
        self._read_counts(features)
        story = self._story(story_id)
        new_story = story is None
        self.index.write_story_member(story_entry(member, story_id))
        if story is None:
            story = self._stories[story_id] = _Story(StoryProfile(story_id, 0, {}, ()))
        for feature in features:
            kind, _, value = feature.partition(":")
            if value not in story.features[kind + ":"]:
                self._posting[feature] += 1
            self._frequency[self._slot[feature]] += 1
        story.absorb(member, self._slot)
        documents, stories = self._read_totals()
        self._totals = (documents + 1, stories + int(new_story))


def _features(member: StoryMember) -> set[str]:
    """Keys of the inverted index: actors and terms, kept apart by a prefix."""
    return {f"actor:{actor}" for actor in member.actors} | {f"term:{term}" for term in member.terms}


def _traits(member: StoryMember) -> set[str]:
    """Features kept in a story's profile that propose no candidates: event types, years."""
    return {f"event:{kind}" for kind in member.event_types} | {
        f"year:{mentioned.year}" for mentioned in member.dates
    }


def _share(features: frozenset[str], seen: set[str]) -> float:
    """Share of a member's features that the story has seen."""
    if not features or not seen:
        return 0.0
    return sum(1 for feature in features if feature in seen) / len(features)


def _day_range(published: PartialDate) -> tuple[int, int]:
    """First and last day (ordinal) a partial date can stand for."""
    month_first, month_last = (published.month, published.month) if published.month else (1, 12)
    if published.day:
        last_day = calendar.monthrange(published.year, month_first)[1]
        day = date(published.year, month_first, min(published.day, last_day)).toordinal()
        return day, day
    first = date(published.year, month_first, 1).toordinal()
    next_month = date(published.year + month_last // 12, month_last % 12 + 1, 1)
    return first, next_month.toordinal() - 1
