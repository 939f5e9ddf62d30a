"""The store boundary: every read and write the rest of watchfloor makes.

All SQL and row decoding live in the backends (`store/sqlite.py`, `store/postgres.py`);
the pipeline, queries, reference dates, fusion, evaluation and the CLI see only this protocol,
records and plain dicts. A new backend implements `Store` and passes
`tests/test_store_contract.py`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from watchfloor.records import (
    Actor,
    ActorKeys,
    Analysis,
    Article,
    CanonicalEvent,
    DuplicateLink,
    Event,
    FingerprintEntry,
    PartialDate,
    Rejected,
    StoryEntry,
    StoryMatch,
    StoryProfile,
)

ArticleState = Literal["new", "unchanged", "changed"]
# The most days a publication date can stand for (a year): how far before a story's
# time window the first day of a member within it may lie (`Store.find_stories`).
MAX_DAYS_PER_DATE = 366
# Tables whose rows `Store.count` counts (every row, every article version).
CountedTable = Literal[
    "articles", "duplicates", "stories", "mentions", "actors", "actor_roles", "events",
    "canonical_events", "quotes", "runs", "rejected",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a fused event sits on a timeline, written by fusion to order listings.

    `when_source` is "date" (the event's own), "published" (its earliest source's
    publication date), "reference_date" (that source's reference date) or None.
    """

    when: str | None = None
    when_source: str | None = None


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which fused events a listing wants; `since` and `until` look at the event's date.

    `outlet` keeps events with a source from that outlet (any case); `text` keeps
    events whose evidence, in some source, contains it (any case).
    """

    actor: str | None = None
    recipient: str | None = None
    type: str | None = None
    status: str | None = None
    since: PartialDate | None = None
    until: PartialDate | None = None
    independent_sources: int | None = None
    conflicts_only: bool = False
    # An ISO alpha-3 country code (the events in that country) or a city or region name
    # as the text gives it, any case (the events there).
    place: str | None = None
    mode: str | None = None
    outlet: str | None = None
    text: str | None = None


ALL_EVENTS = EventFilter()


class Store(Protocol):
    """Reads and writes watchfloor records; one implementation per database."""

    path: str

    @property
    def schema_version(self) -> int: ...

    def transaction(self) -> AbstractContextManager[None]: ...

    def close(self) -> None: ...

    def size_bytes(self) -> int: ...

    # -- runs and rejections
    def start_run(self, command: str) -> int: ...

    def finish_run(self, run_id: int, stored: int, unchanged: int, rejected: int) -> None: ...

    def write_rejected(self, run_id: int | None, items: Iterable[Rejected]) -> None: ...

    def read_rejected(self, limit: int = 100) -> list[Rejected]: ...

    def iter_rejections(
        self, run_id: int | None = None, limit: int | None = None
    ) -> Iterator[dict[str, Any]]: ...

    def last_run_id(self, command: str) -> int | None: ...

    def count_rejected_by_reason(self) -> dict[str, int]: ...

    # -- articles
    def article_state(self, doc_id: str, content_hash: str) -> ArticleState: ...

    def write_article(self, article: Article) -> int: ...

    def write_articles(self, articles: Sequence[Article]) -> list[int]:
        """`write_article` for each, in order (a batch); returns the version numbers."""
        ...

    def get_article(self, doc_id: str) -> Article | None: ...

    def article_text(self, doc_id: str) -> str | None: ...

    def read_article_notes(self, doc_id: str) -> list[str]: ...

    def article_versions(self, doc_id: str) -> list[dict[str, Any]]: ...

    def iter_articles(
        self,
        since: PartialDate | None = None,
        until: PartialDate | None = None,
        outlet: str | None = None,
        limit: int | None = None,
        in_ingest_order: bool = False,
    ) -> Iterator[Article]: ...

    def read_article_dates(
        self, doc_ids: Iterable[str]
    ) -> dict[str, tuple[str | None, str | None]]: ...

    def published_span(self) -> tuple[str | None, str | None]: ...

    def count_current_articles(self) -> int: ...

    def search(self, text: str, limit: int = 20, raw: bool = False) -> list[dict[str, Any]]:
        """Current articles holding every word of `text` as typed, best first, with a snippet.

        With `raw`, `text` is the backend's own query syntax (FTS5 on SQLite, tsquery on
        PostgreSQL); a malformed one is an InputError. No word at all is an InputError.
        """
        ...

    def set_derived_from(self, doc_id: str, derived_from: str | None) -> None: ...

    # -- analysis
    def clear_analysis(self, doc_id: str) -> None: ...

    def write_analysis(self, analysis: Analysis) -> None:
        """Replace what the NLP stages found in one article; write its actors and their keys."""
        ...

    def write_analyses(self, analyses: Sequence[Analysis]) -> None:
        """`write_analysis` for each, in order (a batch)."""
        ...

    def write_events(self, events: Iterable[Event]) -> None: ...

    def read_events(self, doc_id: str | None = None) -> list[Event]: ...

    def iter_events(self) -> Iterator[Event]: ...

    def read_event_reports(
        self, fusion_key: str | None = None
    ) -> Iterator[tuple[str, Event, str | None, str | None]]: ...

    def read_event_dates(self, doc_ids: Iterable[str]) -> Iterator[tuple[str, str, str]]: ...

    def read_date_expressions(self, doc_ids: Iterable[str]) -> Iterator[tuple[str, str, str]]: ...

    def count_events_by_type(self) -> dict[str, int]: ...

    def count_for_doc(self, table: Literal["events", "mentions"], doc_id: str) -> int: ...

    def read_mentions(self, doc_id: str) -> list[dict[str, Any]]: ...

    def read_quotes(self, speaker: str | None = None) -> list[dict[str, Any]]: ...

    # -- fused events
    def mark_fusion_pending(self, doc_ids: Iterable[str]) -> None: ...

    def read_fusion_pending(self, limit: int | None = None) -> list[str]: ...

    def replace_canonical_events(
        self,
        events: Iterable[CanonicalEvent],
        placements: Mapping[str, Placement],
        fusion_keys: Sequence[str] | None = None,
    ) -> None: ...

    def iter_canonical_events(
        self, filters: EventFilter, limit: int | None = None, offset: int = 0
    ) -> Iterator[dict[str, Any]]: ...

    def get_canonical_event(self, canonical_id: str) -> dict[str, Any] | None: ...

    def count_canonical_events_by_month(self, filters: EventFilter) -> list[dict[str, Any]]: ...

    def count_counterparts(self, actor_id: str, limit: int = 50) -> list[dict[str, Any]]: ...

    def has_event_party(self, actor_id: str) -> bool: ...

    def read_event_sources(
        self, canonical_ids: Sequence[str]
    ) -> dict[str, list[dict[str, Any]]]: ...

    # -- actors
    def write_actors(self, actors: Iterable[Actor]) -> None: ...

    def read_actors(self) -> Iterator[Actor]: ...

    def write_actor_keys(self, entries: Iterable[ActorKeys]) -> None:
        """Replace the keys of each stored actor among `entries` with its keys, and record
        their version; an entry of an actor not stored writes nothing."""
        ...

    def find_actors_by_key(self, kind: str, key: str) -> list[str]:
        """Ids of the actors stored under `key` in the index `kind`, in id order."""
        ...

    def read_unkeyed_actors(self, version: str, limit: int) -> list[Actor]:
        """Up to `limit` stored actors whose keys are missing or of another version."""
        ...

    def get_actor(self, actor_id: str) -> Actor | None: ...

    def find_actor_ids(self, text: str, limit: int = 5) -> list[str]: ...

    def read_actor_labels(self) -> Iterator[tuple[str, str]]: ...

    def read_actor_names(self, actor_id: str) -> list[tuple[str, str]]: ...

    def read_actor_reasons(self, actor_id: str) -> list[tuple[str, str | None, str]]: ...

    def count_actor_mentions(
        self,
        country: str | None = None,
        kind: str | None = None,
        sector: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]: ...

    def clear_actors_and_stories(self) -> None: ...

    # -- duplicates, fingerprints, stories
    def write_duplicates(self, links: Iterable[DuplicateLink]) -> None: ...

    def read_duplicates(self, doc_id: str | None = None) -> list[DuplicateLink]: ...

    def write_fingerprint(self, entry: FingerprintEntry) -> None:
        """Keep an article's fingerprint and its band hashes, replacing any earlier ones."""
        ...

    def read_fingerprints(self, doc_ids: Iterable[str]) -> dict[str, bytes]:
        """doc_id -> fingerprint state of the articles among `doc_ids` that have one."""
        ...

    def find_fingerprint_candidates(self, kind: str, hashes: Sequence[int]) -> set[str]:
        """Articles whose `kind` band number i has the hash `hashes[i]`, for some i."""
        ...

    def find_same_content(self, content_hash: str) -> list[str]:
        """Articles whose fingerprint has this content hash, in the order written."""
        ...

    def read_unbanded_fingerprints(self, layout: str, limit: int) -> list[tuple[str, bytes]]:
        """Up to `limit` (doc_id, state) of fingerprints whose bands are not of `layout`
        (written with other settings, or before bands were kept)."""
        ...

    def count_unbanded_fingerprints(self, layout: str) -> int:
        """How many fingerprints have bands not of `layout` (see `read_unbanded_fingerprints`)."""
        ...

    def write_story_member(self, entry: StoryEntry) -> None:
        """Put an article in a story and its features in the story index.

        An article already in a story is replaced: its earlier features leave the index.
        """
        ...

    def read_story_members(self, unindexed: bool = False) -> Iterator[tuple[str, str, bytes]]:
        """(doc_id, story_id, state) of every story member in the order stored; with
        `unindexed`, only those whose features the index lacks (written before it existed)."""
        ...

    def read_story_ids(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """doc_id -> story_id of the articles among `doc_ids` that are in a story."""
        ...

    def read_story_totals(self) -> tuple[int, int]:
        """(articles in a story, stories with at least one article)."""
        ...

    def read_story_feature_counts(self, features: Iterable[str]) -> dict[str, tuple[int, int]]:
        """feature -> (articles holding it, stories holding it), for the indexed ones."""
        ...

    def find_stories(
        self, features: Iterable[str], days: tuple[int, int] | None, window_days: int
    ) -> list[str]:
        """Stories holding any of `features` (sorted ids) that have a dated member within
        `window_days` of `days` or no dated member; with `days` None, every such story."""
        ...

    def read_story_profiles(self, story_ids: Iterable[str]) -> dict[str, StoryProfile]:
        """The profile of each story among `story_ids` that has members."""
        ...

    def read_story_matches(
        self,
        story_ids: Iterable[str],
        features: Iterable[str],
        days: tuple[int, int] | None,
        window_days: int,
    ) -> dict[str, StoryMatch]:
        """What story clustering reads to score an article against each story among
        `story_ids` that has members (see `StoryMatch`): the story's counts of
        `features`; `near` looks `window_days` around `days`."""
        ...

    def read_story_norm_sums(
        self, story_ids: Iterable[str]
    ) -> dict[str, dict[str, tuple[int, float, float, float]]]:
        """Per story among `story_ids` and kind of feature ("actor", "term") it holds:
        how many features of that kind it holds, and the sums of c², c²·b and c²·b² over
        them, where c is how many of its members hold the feature and b = ln(1 + articles
        holding it)."""
        ...

    def read_stories(self) -> list[dict[str, Any]]: ...

    # -- summaries
    def count(self, table: CountedTable) -> int: ...
