"""Stories: groups of articles about the same real-world happening, built incrementally.

An article joins the story it resembles most, if that resemblance is strong
enough; otherwise it starts a new story. Resemblance combines the words of the
headline and lead, the actors, the event types and the dates the text mentions,
each weighted by how rare it is among the articles seen so far (a story about
two rare actors is more telling than one about the United States). A time
window keeps stories apart: an article only joins a story that has a member
published within `story_window_days` of it, so a 2023 and a 2024 story about
the same countries stay two stories. Candidate stories come from an inverted
index over actors and terms, so there is no all-pairs scan.
"""

from __future__ import annotations

import calendar
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from watchfloor.dedup.fingerprint import content_terms, tokenize_words
from watchfloor.errors import ConfigError
from watchfloor.records import Article, PartialDate
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


@dataclass
class _Story:
    """Running totals of one story's members (mutable state inside the clusterer)."""

    story_id: str
    size: int = 0
    terms: Counter[str] = field(default_factory=Counter)
    actors: Counter[str] = field(default_factory=Counter)
    event_types: Counter[str] = field(default_factory=Counter)
    years: Counter[int] = field(default_factory=Counter)
    published_days: list[tuple[int, int]] = field(default_factory=list)
    span: tuple[int, int] = (0, 0)  # first and last day of all published_days, when any

    def absorb(self, member: StoryMember) -> None:
        self.size += 1
        self.terms.update(member.terms)
        self.actors.update(member.actors)
        self.event_types.update(member.event_types)
        self.years.update({mentioned.year for mentioned in member.dates})
        if member.published is not None:
            first, last = _day_range(member.published)
            if self.published_days:
                first, last = min(first, self.span[0]), max(last, self.span[1])
            self.span = (first, last)
            self.published_days.append(_day_range(member.published))


class StoryClusterer:
    """Assigns each article, in arrival order, to a story.

    `load` rebuilds the state of an earlier run; `add` places one new article
    and returns its story_id. A new story is named after its first article:
    `story:<doc_id>`, so replaying the same members in the same order gives
    the same ids.
    """

    def __init__(self, settings: Settings) -> None:
        if settings.story_window_days < 0:
            raise ConfigError(
                f"story_window_days must be 0 or more, got {settings.story_window_days}"
            )
        self.window_days = settings.story_window_days
        self._stories: dict[str, _Story] = {}
        self._story_of: dict[str, str] = {}
        self._postings: dict[str, set[str]] = {}
        self._document_frequency: Counter[str] = Counter()
        self._documents = 0
        self._rarities: dict[int, float] = {}  # document frequency -> rarity, at _documents

    def __len__(self) -> int:
        return len(self._stories)

    def story_of(self, doc_id: str) -> str | None:
        return self._story_of.get(doc_id)

    def load(
        self, members: Iterable[StoryMember], assignments: Mapping[str, str] | None = None
    ) -> None:
        """Rebuild from stored members, in their arrival order.

        With `assignments` (doc_id -> story_id, as stored), members go straight
        to their stored stories; without, they are replayed through `add`.
        """
        for member in members:
            stored = assignments.get(member.doc_id) if assignments else None
            if stored is None:
                self.add(member)
            else:
                self._place(member, stored)

    def add(self, member: StoryMember) -> str:
        """Place one article in the story it resembles most, or in a new story.

        Needs: a StoryMember. Gives: the story_id it joined. Adding a doc_id
        again returns its story unchanged.
        """
        known = self._story_of.get(member.doc_id)
        if known is not None:
            return known
        # A story outside the time window resembles nothing (0 < JOIN_THRESHOLD): such
        # candidates are dropped before any resemblance is computed, with the same result.
        scores = {
            story_id: self.resemblance(member, story_id)
            for story_id in self._candidate_stories(member)
            if self._within_window(member, self._stories[story_id])
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
        story = self._stories[story_id]
        if not self._within_window(member, story):
            return 0.0
        parts = [
            (
                WEIGHT_TERMS,
                member.terms,
                self._overlap("term:", member.terms, story.terms, story.size),
            ),
            (
                WEIGHT_ACTORS,
                member.actors,
                self._overlap("actor:", member.actors, story.actors, story.size),
            ),
            (WEIGHT_EVENTS, member.event_types, _share(member.event_types, story.event_types)),
        ]
        weight = sum(part_weight for part_weight, features, _ in parts if features)
        if not weight:
            return 0.0
        score = (
            sum(part_weight * value for part_weight, features, value in parts if features) / weight
        )
        member_years = {mentioned.year for mentioned in member.dates}
        if member_years and story.years and not member_years & story.years.keys():
            score *= DATE_CONFLICT_FACTOR
        return score

    def _overlap(
        self, kind: str, features: frozenset[str], totals: Counter[str], size: int
    ) -> float:
        """Rarity-weighted cosine between a member's features and a story's profile."""
        if not features or not totals:
            return 0.0
        frequency, rarity = self._document_frequency, self._rarity
        weights = {f: rarity(frequency[kind + f]) for f in features | totals.keys()}
        dot = sum(weights[f] ** 2 * totals[f] / size for f in features if f in totals)
        member_norm = math.sqrt(sum(weights[f] ** 2 for f in features))
        story_norm = math.sqrt(sum((weights[f] * count / size) ** 2 for f, count in totals.items()))
        return dot / (member_norm * story_norm) if dot else 0.0

    def _rarity(self, frequency: int) -> float:
        """Inverse document frequency among the articles seen so far (smoothed).

        Kept per document frequency until the next article is placed: a story's profile
        has thousands of features but few distinct frequencies.
        """
        found = self._rarities.get(frequency)
        if found is None:
            found = math.log((1 + self._documents) / (1 + frequency)) + 1.0
            self._rarities[frequency] = found
        return found

    def _within_window(self, member: StoryMember, story: _Story) -> bool:
        if member.published is None or not story.published_days:
            return True
        first, last = _day_range(member.published)
        if first - self.window_days > story.span[1] or story.span[0] > last + self.window_days:
            return False  # outside the story's whole span: no member can be near
        return any(
            first - self.window_days <= other_last and other_first <= last + self.window_days
            for other_first, other_last in story.published_days
        )

    def _candidate_stories(self, member: StoryMember) -> set[str]:
        limit = max(10, int(MAX_POSTING_SHARE * len(self._stories)))
        candidates: set[str] = set()
        for feature in _features(member):
            posting = self._postings.get(feature, ())
            if len(posting) <= limit:
                candidates.update(posting)
        return candidates

    def _place(self, member: StoryMember, story_id: str) -> None:
        story = self._stories.setdefault(story_id, _Story(story_id))
        story.absorb(member)
        self._story_of[member.doc_id] = story_id
        self._documents += 1
        self._rarities.clear()
        for feature in _features(member):
            self._document_frequency[feature] += 1
            self._postings.setdefault(feature, set()).add(story_id)


def _features(member: StoryMember) -> set[str]:
    """Keys of the inverted index: actors and terms, kept apart by a prefix."""
    return {f"actor:{actor}" for actor in member.actors} | {f"term:{term}" for term in member.terms}


def _share(features: frozenset[str], totals: Counter[str]) -> float:
    """Share of a member's features that the story has seen."""
    if not features or not totals:
        return 0.0
    return sum(1 for feature in features if feature in totals) / len(features)


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
