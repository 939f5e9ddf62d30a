"""Stories: groups of articles about the same real-world happening, built incrementally.

An article joins the story it resembles most, if that resemblance is strong
enough; otherwise it starts a new story. Resemblance combines the words of the
headline and lead, the actors, the event types and the dates the text mentions,
each weighted by how rare it is among the articles seen so far (a story about
two rare actors is more telling than one about the United States). A time
window keeps stories apart: an article only joins a story that has a member
published within `story_window_days` of it, so a 2023 and a 2024 story about
the same countries stay two stories.

The clusterer keeps no state of its own beyond a batch: how many articles hold each
feature and what scoring needs of each candidate story (`StoryMatch`: the story's
counts of the article's own features, its event types and years; and the sums its
profile's norm is made of, added up by the store and kept up to date within the
batch) are read from the story index (the store's `story_*` tables, through
`StoryIndex`), and each placed article is written to it at once. Candidates are the
stories sharing an actor or term with the article (through the index over features)
that have a member within the time window (through the index over publication days).
So what placing an article reads is as large as the article and its candidates,
never a whole story, and its cost does not grow with the number of stories stored.
"""

from __future__ import annotations

import calendar
import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date
from typing import Protocol

from watchfloor.dedup.fingerprint import content_terms, tokenize_words
from watchfloor.errors import ConfigError
from watchfloor.records import Article, PartialDate, StoryEntry, StoryMatch
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

    def read_story_matches(
        self,
        story_ids: Iterable[str],
        features: Iterable[str],
        days: tuple[int, int] | None,
        window_days: int,
    ) -> dict[str, StoryMatch]: ...

    def read_story_norm_sums(
        self, story_ids: Iterable[str]
    ) -> dict[str, dict[str, tuple[int, float, float, float]]]: ...


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


@dataclass(frozen=True, slots=True)
class _Frequencies:
    """How many articles and stories the index holds, and how many hold each of an
    article's features."""

    documents: int
    stories: int
    of: dict[str, tuple[int, int]]  # feature -> (articles, stories) holding it
    rarity: dict[str, float]  # feature -> its weight: `_rarity` of the articles holding it

    def stories_with(self, feature: str) -> int:
        return self.of.get(feature, (0, 0))[1]


@dataclass(slots=True)
class _NormSums:
    """A story's `read_story_norm_sums` per kind ([Σc², Σc²·b, Σc²·b²]), brought up to
    date with the first `seen` articles the clusterer placed; `held`: how many features
    the story held when they were read."""

    seen: int
    sums: dict[str, list[float]]
    held: int


class StoryClusterer:
    """Assigns each article, in arrival order, to a story kept in a `StoryIndex`.

    `add` places one new article, writes it to the index and returns its story_id.
    A new story is named after its first article: `story:<doc_id>`, so placing the
    same members in the same order gives the same ids.

    Of each candidate story an article reads a `StoryMatch` (as large as the article)
    and the norm of the story's rarity-weighted profile. That norm is
    sqrt(a²·Σc² - 2a·Σc²·b + Σc²·b²) / members, with a = ln(1 + articles) + 1 and, per
    feature, c the members holding it and b = ln(1 + articles holding it): the sums do
    not depend on the number of articles, so the store adds them up once per story
    (`read_story_norm_sums`), and the clusterer keeps them up to date as it places
    articles (each changes c and b of its own features only) until `forget`, which
    drops them (call it after a transaction ends: what a rolled back one wrote is gone).
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
        """Drop the norm sums read from the index; the next article reads them again."""
        self._placed: list[tuple[str, frozenset[str]]] = []  # (story, features) in order
        self._placed_documents: dict[str, int] = {}  # feature placed -> articles holding it
        self._norm_sums: dict[str, _NormSums] = {}

    def __len__(self) -> int:
        return self.index.read_story_totals()[1]

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
        frequencies = self._read_frequencies(member)
        matches = self._read_matches(member, self._candidate_stories(member, frequencies))
        scores = {
            story_id: self._score(member, match, frequencies) for story_id, match in matches.items()
        }
        best = max(scores, key=lambda story_id: (scores[story_id], story_id), default=None)
        if best is None or scores[best] < JOIN_THRESHOLD:
            best = f"story:{member.doc_id}"
        self.index.write_story_member(story_entry(member, best))
        features = _features(member)
        self._placed.append((best, frozenset(features)))
        counts = self.index.read_story_feature_counts(features)
        self._placed_documents.update((f, counts[f][0]) for f in features)
        return best

    def resemblance(self, member: StoryMember, story_id: str) -> float:
        """How much an article resembles a story, in [0, 1]; 0 outside the time window.

        A weighted mean of term, actor and event-type overlap, over the kinds
        of feature the article has (an article with no events found is judged
        on its terms and actors alone), scaled down when the years the article
        mentions and the years the story mentions do not meet.
        """
        match = self._read_matches(member, [story_id]).get(story_id)
        return 0.0 if match is None else self._score(member, match, self._read_frequencies(member))

    def _read_matches(self, member: StoryMember, story_ids: list[str]) -> dict[str, StoryMatch]:
        """What scoring the member needs of each story, with the counts of the features
        placed since a story's norm sums were last brought up to date."""
        wanted = _features(member)
        for story_id in story_ids:
            known = self._norm_sums.get(story_id)
            if known is None:
                continue
            added = {f for _, features in self._placed[known.seen :] for f in features}
            if len(added) > known.held:
                # More to bring up to date than the story holds: read its sums again.
                del self._norm_sums[story_id]
            else:
                wanted |= added
        days = _day_range(member.published) if member.published is not None else None
        return self.index.read_story_matches(story_ids, wanted, days, self.window_days)

    def _score(self, member: StoryMember, found: StoryMatch, frequencies: _Frequencies) -> float:
        """`resemblance` of the member and a story, from what was read of the story."""
        if not found.near:
            return 0.0
        norms = self._story_norms(found, frequencies.documents)
        event_types = {key[6:] for key in found.features if key.startswith("event:")}
        parts = [
            (WEIGHT_TERMS, member.terms, _overlap("term", member.terms, found, norms, frequencies)),
            (
                WEIGHT_ACTORS,
                member.actors,
                _overlap("actor", member.actors, found, norms, frequencies),
            ),
            (WEIGHT_EVENTS, member.event_types, _share(member.event_types, event_types)),
        ]
        weight = sum(part_weight for part_weight, features, _ in parts if features)
        if not weight:
            return 0.0
        score = (
            sum(part_weight * value for part_weight, features, value in parts if features) / weight
        )
        member_years = {mentioned.year for mentioned in member.dates}
        story_years = {int(key[5:]) for key in found.features if key.startswith("year:")}
        if member_years and story_years and not member_years & story_years:
            score *= DATE_CONFLICT_FACTOR
        return score

    def _story_norms(self, match: StoryMatch, documents: int) -> dict[str, float]:
        """The norm of the story's rarity-weighted profile of each kind, among `documents`
        articles (see the class doc); `match` must hold the features placed since its
        norm sums were last brought up to date."""
        a = math.log(1 + documents) + 1.0
        return {
            kind: math.sqrt(max(a * a * q0 - 2 * a * q1 + q2, 0.0)) / match.members
            for kind, (q0, q1, q2) in self._read_norm_sums(match).items()
        }

    def _read_norm_sums(self, match: StoryMatch) -> dict[str, list[float]]:
        """The story's norm sums: read once, then brought up to date with the articles
        placed since (the counts of their features, in the story and in all)."""
        story_id = match.story_id
        known = self._norm_sums.get(story_id)
        if known is None:
            read = self.index.read_story_norm_sums([story_id]).get(story_id, {})
            held = sum(found[0] for found in read.values())
            known = _NormSums(len(self._placed), {k: list(v[1:]) for k, v in read.items()}, held)
            self._norm_sums[story_id] = known
        since = self._placed[known.seen :]
        known.seen = len(self._placed)
        added = Counter(feature for _, features in since for feature in features)
        joined = Counter(f for story, features in since if story == story_id for f in features)
        for feature in sorted(added.keys() & match.features.keys()):  # held by the story now
            count = match.features[feature]
            before = count - joined[feature]
            documents = self._placed_documents[feature]
            b = math.log(1 + documents)
            b_before = math.log(1 + documents - added[feature])
            sums = known.sums.setdefault(feature.partition(":")[0], [0.0, 0.0, 0.0])
            sums[0] += count * count - before * before
            sums[1] += count * count * b - before * before * b_before
            sums[2] += count * count * b * b - before * before * b_before * b_before
        return known.sums

    def _read_frequencies(self, member: StoryMember) -> _Frequencies:
        documents, stories = self.index.read_story_totals()
        features = _features(member)
        counts = self.index.read_story_feature_counts(features)
        rarity = {f: _rarity(counts.get(f, (0, 0))[0], documents) for f in features}
        return _Frequencies(documents, stories, counts, rarity)

    def _candidate_stories(self, member: StoryMember, frequencies: _Frequencies) -> list[str]:
        """Stories sharing a telling actor or term with the member, within its time window.

        An actor or term held by more than `MAX_POSTING_SHARE` of all stories (at least
        10) proposes none: it is too common to tell stories apart.
        """
        limit = max(10, int(MAX_POSTING_SHARE * frequencies.stories))
        telling = [f for f in _features(member) if frequencies.stories_with(f) <= limit]
        if not telling:
            return []
        days = _day_range(member.published) if member.published is not None else None
        return self.index.find_stories(telling, days, self.window_days)


def _overlap(
    kind: str,
    features: frozenset[str],
    match: StoryMatch,
    norms: dict[str, float],
    frequencies: _Frequencies,
) -> float:
    """Rarity-weighted cosine between a member's features of one kind and a story's."""
    story_norm = norms.get(kind)
    if not features or not story_norm:
        return 0.0
    rarity = {f: frequencies.rarity[f"{kind}:{f}"] for f in features}
    held = {f: match.features[f"{kind}:{f}"] for f in features if f"{kind}:{f}" in match.features}
    dot = sum(rarity[f] ** 2 * count / match.members for f, count in held.items())
    if not dot:
        return 0.0
    member_norm = math.sqrt(sum(weight**2 for weight in rarity.values()))
    return dot / (member_norm * story_norm)


def _rarity(frequency: int, documents: int) -> float:
    """Inverse document frequency among the articles placed so far (smoothed)."""
    return math.log((1 + documents) / (1 + frequency)) + 1.0


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
