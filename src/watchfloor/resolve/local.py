"""In-document linking of people: later partial mentions to the full one they shorten.

Needs: the person mentions of one document in text order, each with its name
(title removed), title and profile; and `KnownPeople`, which finds people
already known (bundled dictionary or earlier documents) by name.
Gives: `PersonGroup`s, one per person the document names, each bound to a
known actor when one agrees.

Rules, in order:

* a full name (two words or more) joins the most recent group with the same
  phonetic key whose profile agrees ("Mun Jae-in" joins "Moon Jae In");
  a full name whose descriptor conflicts starts a new person;
* a partial name ("Soto", "President Soto", "Mr Vera") joins the most recent
  group that has that word in a full name and whose profile agrees with the
  title ("President X" never joins a professor X); with no such group it is
  matched to a known person by surname (a holder of office);
* a homonym: when the document's earlier bearer of a famous name was
  introduced as someone else (a professor sharing a leader's name), a later
  undescribed mention of that name more than `HOMONYM_WINDOW_SENTENCES`
  sentences after the last mention of the homonym means the famous person,
  since a quoted source is referred back to close by;
* a partial name met before its full name (a headline "Soto to visit") joins
  the only full name with that word.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from watchfloor.records import Actor
from watchfloor.resolve.names import name_key, word_keys
from watchfloor.resolve.profiles import Profile, actor_agrees, profiles_agree

HOMONYM_WINDOW_SENTENCES = 3


@dataclass(frozen=True, slots=True)
class PersonMention:
    """One mention of a person, prepared for linking."""

    index: int  # position in the document's mention list
    name: str  # without the title: "Soto" for "President Soto"
    sentence: int
    profile: Profile = Profile()
    described: bool = False  # the mention has its own descriptor beyond a bare title

    @property
    def is_full(self) -> bool:
        return len(self.name.split()) >= 2


class KnownPeople(Protocol):
    """People known before this document: the bundled dictionary and earlier documents."""

    def by_full_name(self, name: str) -> Sequence[Actor]: ...

    def by_surname(self, word: str) -> Sequence[Actor]: ...


@dataclass(slots=True)
class PersonGroup:
    """The mentions of one person in one document."""

    members: list[PersonMention] = field(default_factory=list)
    known: Actor | None = None  # the known person this group is
    shadows: Actor | None = None  # a known person with the same name whom this group is not
    profile: Profile = Profile()

    def add(self, person: PersonMention) -> None:
        self.members.append(person)
        self.profile = self.profile.merged(person.profile)

    @property
    def last_sentence(self) -> int:
        return self.members[-1].sentence if self.members else -1

    @property
    def full_names(self) -> list[str]:
        return [member.name for member in self.members if member.is_full]

    def has_full_key(self, key: str) -> bool:
        names = [*self.full_names, *(_names(self.known) if self.known else ())]
        return any(name_key(name) == key for name in names)

    def has_word(self, word: str) -> bool:
        names = [*self.full_names, *(_names(self.known) if self.known else ())]
        return any(word in word_keys(name) for name in names)

    def agrees(self, profile: Profile) -> bool:
        if not profiles_agree(self.profile, profile):
            return False
        return self.known is None or actor_agrees(self.known, profile)


def link_people(people: Sequence[PersonMention], known: KnownPeople) -> list[PersonGroup]:
    """Group one document's person mentions (in text order) into people."""
    groups: list[PersonGroup] = []
    for person in people:
        if person.is_full:
            group = _join_full(person, groups, known)
        else:
            group = _join_partial(person, groups, known)
        group.add(person)
    return _merge_cataphora(groups)


def _join_full(person: PersonMention, groups: list[PersonGroup], known: KnownPeople) -> PersonGroup:
    key = name_key(person.name)
    matching = [group for group in groups if group.has_full_key(key)]
    candidates = [group for group in matching if group.agrees(person.profile)]
    group = _most_recent(candidates)
    if group is not None and _is_homonym_far_back(group, person):
        assert group.shadows is not None
        return _group_for(group.shadows, groups)
    if group is not None:
        return group
    return _new_group(person, groups, known.by_full_name(person.name))


def _join_partial(
    person: PersonMention, groups: list[PersonGroup], known: KnownPeople
) -> PersonGroup:
    words = word_keys(person.name)
    word = words[0] if words else ""
    candidates = [g for g in groups if g.has_word(word) and g.agrees(person.profile)]
    group = _most_recent(candidates)
    if group is not None and _is_homonym_far_back(group, person):
        assert group.shadows is not None
        if actor_agrees(group.shadows, person.profile):
            return _group_for(group.shadows, groups)
    if group is not None:
        return group
    return _new_group(person, groups, known.by_surname(person.name))


def _most_recent(groups: Sequence[PersonGroup]) -> PersonGroup | None:
    """The group mentioned last (of two mentioned in one sentence, the one made later)."""
    best = None
    for group in groups:
        if best is None or group.last_sentence >= best.last_sentence:
            best = group
    return best


def _is_homonym_far_back(group: PersonGroup, person: PersonMention) -> bool:
    if group.shadows is None or person.described:
        return False
    return person.sentence - group.last_sentence > HOMONYM_WINDOW_SENTENCES


def _group_for(actor: Actor, groups: list[PersonGroup]) -> PersonGroup:
    for group in reversed(groups):
        if group.known is not None and group.known.id == actor.id:
            return group
    group = PersonGroup(known=actor)
    groups.append(group)
    return group


def _new_group(
    person: PersonMention, groups: list[PersonGroup], candidates: Sequence[Actor]
) -> PersonGroup:
    agreeing = [actor for actor in candidates if actor_agrees(actor, person.profile)]
    group = PersonGroup()
    if agreeing:
        group.known = agreeing[0]
    elif candidates:
        group.shadows = candidates[0]
    groups.append(group)
    return group


def _merge_cataphora(groups: list[PersonGroup]) -> list[PersonGroup]:
    """A partial-only group joins the only later full name containing its word."""
    merged: list[PersonGroup] = []
    for group in groups:
        target = None
        if not group.full_names and group.known is None and group.members:
            words = word_keys(group.members[0].name)
            hosts = [other for other in groups if other.full_names and other.has_word(words[0])]
            target = hosts[0] if len(hosts) == 1 and hosts[0].agrees(group.profile) else None
        if target is None:
            merged.append(group)
            continue
        for member in group.members:
            target.add(member)
        target.members.sort(key=lambda member: member.index)
    return merged


def _names(actor: Actor) -> tuple[str, ...]:
    return (actor.name, *actor.aliases)
