"""The frozen records that pass between pipeline stages.

Field names follow the gold schema (`doc_id`, `published`, `derived_from`,
`actor`, `recipient`, `evidence`, ...). This module holds data only: parsing
helpers for `PartialDate` are the one exception, because every stage needs them.
Offsets are character offsets into `Article.text`, end exclusive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from typing import Literal, TypeVar

Status = Literal["asserted", "future", "hypothetical", "negated", "historical"]
STATUSES: tuple[Status, ...] = ("asserted", "future", "hypothetical", "negated", "historical")

ActorKind = Literal["country", "igo", "org", "person"]
ACTOR_KINDS: tuple[ActorKind, ...] = ("country", "igo", "org", "person")

EVENT_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

Record = TypeVar("Record", bound=type)


def restore_by_field_names(cls: Record) -> Record:
    """Give a frozen, slotted dataclass a `__setstate__` that sets its fields by names
    looked up once: the one `dataclass` generates looks them up again for every
    object, which was most of the time of loading the cached knowledge base (60,000
    records). The pickled state (field values in field order) is unchanged."""
    names = tuple(item.name for item in fields(cls))
    set_field = object.__setattr__

    def __setstate__(self: object, state: list[object]) -> None:
        for name, value in zip(names, state, strict=False):
            set_field(self, name, value)

    cls.__setstate__ = __setstate__  # type: ignore[attr-defined]
    return cls


_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@restore_by_field_names
@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.month is None and self.day is not None:
            raise ValueError("a PartialDate with a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month must be 1-12, got {self.month}")
        if self.day is not None and not 1 <= self.day <= 31:
            raise ValueError(f"day must be 1-31, got {self.day}")

    @classmethod
    def parse(cls, value: str) -> PartialDate:
        """Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a time part is ignored)."""
        match = _ISO_DATE.match(value.strip()[:10])
        if match is None:
            raise ValueError(f"expected a date like 2023, 2023-04 or 2023-04-11, got {value!r}")
        year, month, day = match.groups()
        return cls(int(year), int(month) if month else None, int(day) if day else None)

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Orders dates; a coarser date sorts before the finer dates inside it."""
        return (self.year, self.month or 0, self.day or 0)

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def truncate(self, precision: Literal["year", "month", "day"]) -> PartialDate:
        """The same date cut to a coarser precision (never made finer)."""
        if precision == "year":
            return PartialDate(self.year)
        if precision == "month":
            return PartialDate(self.year, self.month)
        return self

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.iso()


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input document as read, before cleaning.

    `source` names where it came from, precise enough for an error message:
    a path, `path:line` for JSONL/CSV rows, `path#entry` for feed entries.
    Exactly one of `text` and `html` is set.
    """

    doc_id: str
    source: str
    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # as given by the input record; wins over the text
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: `text` is what every later offset points into."""

    doc_id: str
    title: str
    text: str
    published: PartialDate | None
    source: str = ""
    outlet: str | None = None
    url: str | None = None
    byline: str | None = None
    language: str | None = None
    content_hash: str = ""  # sha256 of the normalised text, set by clean
    derived_from: str | None = None  # set by dedup


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that a stage could not use; stored and counted, never raised."""

    doc_id: str
    source: str
    stage: str  # "read", "decode", "extract", "clean", ...
    reason: str  # short code: "empty", "binary", "too_large", ...
    detail: str = ""  # one line for a person: what was wrong and where

    def message(self) -> str:
        text = f"{self.source}: {self.reason}"
        return f"{text}: {self.detail}" if self.detail else text


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of an article that names a political actor.

    Found by `nlp/mentions/entities.py`; `actor_id` is filled in by `resolve/`.
    `descriptor` holds context read from the parse for a person or body, such
    as the appositive "a Korea analyst at the think tank 38 North".
    """

    doc_id: str
    start: int
    end: int
    text: str
    # spaCy NER label (GPE, ORG, PERSON, NORP...), or one of ours: METONYM (a capital or
    # seat that acts), SEAT (one named only as a place), DEMONYM, BODY ("the defence
    # ministry"), OFFICE ("X's office"), ADMINISTRATION ("the X administration"), COMPASS
    # ("the North"); NAME (a capitalised word that may be a bare surname) exists only
    # between nlp/ and resolve/, which keeps it as a PERSON or drops it
    label: str
    sentence: int = 0
    descriptor: str | None = None
    actor_id: str | None = None
    reason: str | None = None  # why `resolve/` gave it this actor ("user dictionary entry")


@restore_by_field_names
@dataclass(frozen=True, slots=True)
class Role:
    """A position an actor holds, as stated in a source or in the bundled data."""

    title: str  # "president", "defence minister", "Korea analyst"
    country: str | None = None  # ISO alpha-3
    sector: str | None = None  # PLOVER sector
    organisation: str | None = None  # actor id of the body, e.g. "38-north"
    start: PartialDate | None = None  # term start, when known
    end: PartialDate | None = None  # term end, when known
    stated: PartialDate | None = None  # date of the source that stated it
    doc_id: str | None = None  # the article that stated it, if any


@restore_by_field_names
@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved political actor: a country, an IGO, an organisation or a person."""

    id: str  # ISO alpha-3 for countries, acronym for IGOs, lowercase slug otherwise
    name: str
    kind: ActorKind
    country: str | None = None
    sector: str | None = None
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    members: tuple[str, ...] = ()  # member country ids, for IGOs


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A temporal expression in the text and its normalised value."""

    start: int
    end: int
    text: str
    kind: Literal["date", "time", "duration", "set"] = "date"
    value: PartialDate | None = None  # None when it cannot be anchored to a calendar date
    timex: str = ""  # TimeML value: "2023-04-11", "2023-Q1", "2023-W15", "PRESENT_REF", "P2W"


@dataclass(frozen=True, slots=True)
class Quantity:
    """An amount attached to an event: 500000 "155 mm artillery shells"."""

    value: float
    unit: str  # "USD", "troops", "155 mm artillery shells"
    qualifier: str | None = None  # "more than", "about", "up to"
    text: str = ""
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class Place:
    """Where an event happens, as its text names it ("shelling in Kharkiv").

    `country` is the ISO alpha-3 code of the country named, or of the country the
    named city or region lies in; `name` is the city, capital or region as the text
    spells it, or None when the text names only the country ("fighting in Sudan").
    """

    country: str
    name: str | None = None

    def label(self) -> str:
        """ "Kharkiv, UKR", or "UKR" for a country alone."""
        return f"{self.name}, {self.country}" if self.name else self.country


@dataclass(frozen=True, slots=True)
class Event:
    """One PLOVER event as one article reports it, with its evidence."""

    doc_id: str
    type: str  # PLOVER category, e.g. "AID"
    actor: tuple[str, ...]
    recipient: tuple[str, ...]
    status: Status
    evidence: str  # copied verbatim from Article.text
    evidence_start: int
    evidence_end: int
    mode: str | None = None
    context: tuple[str, ...] = ()
    date: PartialDate | None = None
    date_source: str | None = None  # "clause", "sentence", "repeat", "unanchored", or None
    quantity: Quantity | None = None
    trigger: str = ""
    trigger_start: int = 0
    trigger_end: int = 0
    score: float | None = None  # PLOVER conflict-cooperation score
    # Where the recipient came from: "clause" (stated), "local" (people the text gives no
    # country of their own: the place's or the actor's), "discourse" (another sentence), None.
    recipient_source: str | None = None
    place: Place | None = None  # where the act happens, when its clause or sentence says


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation and who said it."""

    doc_id: str
    start: int
    end: int
    text: str
    speaker: str | None = None  # actor id
    speaker_text: str | None = None


@dataclass(frozen=True, slots=True)
class DuplicateLink:
    """One article's relation to an earlier one it copies or rewords."""

    doc_id: str
    other_id: str
    kind: Literal["exact", "near", "reworded"]
    score: float
    derived_from: str | None  # the original of the pair, or None when undecided


@dataclass(frozen=True, slots=True)
class StoryEntry:
    """One article's place in a story, as the story index keeps it.

    `features` are the story clusterer's keys for what the article holds ("actor:USA",
    "term:shell", "event:AID", "year:2023"); `days` the first and last day (`date.toordinal`)
    its publication date can stand for, None when it has none; `state` is the clusterer's
    own encoding of the article, opaque to the store.
    """

    doc_id: str
    story_id: str
    title: str
    state: bytes
    features: frozenset[str]
    days: tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class FingerprintEntry:
    """One article's dedup fingerprint, as the store keeps it for finding copies.

    `state` is the duplicate finder's own encoding of the fingerprint, opaque to the
    store; `bands` are its LSH band hashes as (kind, band, hash), kind "shingle" or
    "term"; `layout` names the band layout (and signature settings) they were made
    with, so that bands of another layout are known to need rewriting.
    """

    doc_id: str
    content_hash: str
    state: bytes
    layout: str
    bands: tuple[tuple[str, int, int], ...]


@dataclass(frozen=True, slots=True)
class StoryProfile:
    """A story as its members add up: how many hold each feature, and their publication days.

    `features` maps each feature key to the number of members holding it; `days` holds
    one (first, last) pair per dated member.
    """

    story_id: str
    members: int
    features: dict[str, int]
    days: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class StoryMatch:
    """What story clustering reads of one candidate story to score one article: as much
    as the article has features, however large the story.

    `features` maps each asked-for feature that the story holds, and every event type
    and mentioned year it holds ("event:AID", "year:2023"), to the number of members
    holding it. `near` says whether the story has a dated member within the time window
    of the article's publication days (always, when one of them is undated).
    """

    story_id: str
    members: int
    features: dict[str, int]
    near: bool


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Sources of one fused event that report a field differently."""

    field: str  # "quantity", "date", "status", "mode", "transfer", "place"
    values: tuple[tuple[str, tuple[str, ...]], ...]  # (value as text, doc_ids that report it)


@dataclass(frozen=True, slots=True)
class CanonicalEvent:
    """One real-world event, fused from the reports of one or more articles."""

    canonical_id: str
    type: str
    actor: tuple[str, ...]
    recipient: tuple[str, ...]
    status: Status
    event_ids: tuple[str, ...]  # the article reports (events) fused here
    doc_ids: tuple[str, ...]
    independent_sources: int  # articles, counting a copy and its original once
    mode: str | None = None
    date: PartialDate | None = None
    disagreements: tuple[Disagreement, ...] = ()
    place: Place | None = None  # the place most of its reports give


@dataclass(frozen=True, slots=True)
class ActorKeys:
    """The (index, key) pairs under which the actor registry looks a stored actor up
    (`resolve/actor_keys.py`), and the version of the code that computed them."""

    actor_id: str
    keys: frozenset[tuple[str, str]]
    version: str


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the NLP stages found in one article."""

    doc_id: str
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    actors: tuple[Actor, ...] = ()  # the actors the mentions resolved to
    actor_keys: tuple[ActorKeys, ...] = ()  # the keys of each of `actors`
    time_expressions: tuple[TimeExpression, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    notes: tuple[str, ...] = field(default=())
