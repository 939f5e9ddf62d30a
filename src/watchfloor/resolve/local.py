"""In-document linking of people: later partial mentions to the full one they shorten.

Needs: the person mentions of one document in text order, each with its name
(title removed), title and profile; and `KnownPeople`, which finds people
already known (bundled dictionary or earlier documents) by name.
Gives: `PersonGroup`s, one per person the document names, each bound to a
known actor when one agrees.

Rules, in order:

* a full name (two words or more) joins the most recent group with the same
  phonetic key whose profile agrees ("Mun Jae-in" joins "Moon Jae In");
  a full name whose descriptor conflicts starts a new person; failing that,
  the one group named with a middle name added or left out ("Ada Lee Marsh"
  for "Ada Marsh", never a relative), then the one known person so named;
* a partial name ("Soto", "President Soto", "Mr Vera") joins the most
  prominent group that has that word in a full name and whose profile agrees
  with the title ("President X" never joins a professor X): the one named
  most in full and with a title, the most recent on a tie; never a relative
  introduced as such ("his wife, Ana Soto") while anyone else bears the
  name; unless its title names an office that one other known person of
  that name holds ("Premier Kim" after "Defence Minister Kim");
* a generational suffix must agree: "Soto Jr." joins only a "Luis Soto Jr.";
  a bare "Soto" may join either, by prominence;
* a full name with a suffix and the same name without it ("Luis Soto III",
  "Luis Soto") are one person unless there is evidence of two: a known
  person bears the other form (a dictionary entry, or both generations
  learned from earlier documents), either is introduced as a relative ("his
  father, Luis Soto"), or, for a person learned from an earlier document,
  the article writes the family name with another suffix ("Soto Sr.");
* a mention pinned by the user dictionary joins the group of that actor,
  whatever the other rules say;
* with no such group, and no agreeing full name later in the document with
  that word, an undescribed partial name joins the most recent group of
  bare names with that word ("Professor Quispe ... Quispe said"); otherwise
  it is the one known person `KnownPeople.by_surname` gives for it whose
  profile agrees (the holder of office on the document's date, the one
  whose office its title names); of two or more, no one: a new person;
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
from watchfloor.resolve.names import generation, name_key, without_generation, word_keys
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
    title: str | None = None  # "President" for "President Soto"
    # False for a word only its place in the sentence made a name candidate; such a
    # word is matched only to people in office on the document's date.
    tagged: bool = True
    relative: bool = False  # introduced as someone's relative ("his wife, Ana Soto")
    pinned: Actor | None = None  # the actor a user dictionary entry names

    @property
    def is_full(self) -> bool:
        """Two words or more besides a generational suffix ("Soto Jr." is partial)."""
        return len(without_generation(self.name).split()) >= 2

    @property
    def office(self) -> str | None:
        """The title before the name, else the one its descriptor gives ("leader")."""
        return self.title or self.profile.title


class KnownPeople(Protocol):
    """People known before this document: the bundled dictionary and earlier documents."""

    def by_full_name(self, name: str) -> Sequence[Actor]: ...

    def by_middle_name(self, name: str) -> Sequence[Actor]: ...

    def by_other_generation(self, name: str) -> Sequence[Actor]: ...

    def by_surname(
        self, word: str, title: str | None = None, strict: bool = False
    ) -> Sequence[Actor]: ...

    def title_holders(self, word: str, title: str, strict: bool = False) -> Sequence[Actor]: ...


@dataclass(slots=True)
class PersonGroup:
    """The mentions of one person in one document."""

    members: list[PersonMention] = field(default_factory=list)
    known: Actor | None = None  # the known person this group is
    shadows: Actor | None = None  # a known person with the same name whom this group is not
    profile: Profile = Profile()
    reasons: dict[int, str] = field(default_factory=dict)  # mention index -> why it joined
    pinned: bool = False  # bound by the user dictionary

    def add(self, person: PersonMention, reason: str = "") -> None:
        self.members.append(person)
        self.profile = self.profile.merged(person.profile)
        if reason:
            self.reasons[person.index] = reason

    @property
    def is_relative(self) -> bool:
        """Introduced as someone's relative, and named in full only once."""
        return any(member.relative for member in self.members) and len(self.full_names) <= 1

    @property
    def prominence(self) -> int:
        """Full-name and titled or described mentions so far, and a known role."""
        named = sum(member.is_full for member in self.members)
        titled = sum(member.office is not None or member.described for member in self.members)
        return named + titled + int(self.known is not None and bool(self.known.roles))

    @property
    def has_generation(self) -> bool:
        """Named in full with a generational suffix ("Luis Soto Jr.")."""
        return any(generation(name) for name in self.full_names)

    def fits_generation(self, suffix: str | None) -> bool:
        """Whether a partial name with this suffix ("Jr.") can be this person."""
        if suffix is None:
            return True
        names = [*self.full_names, *(_names(self.known) if self.known else ())]
        return any(generation(name) == suffix for name in names)

    @property
    def last_sentence(self) -> int:
        return self.members[-1].sentence if self.members else -1

    @property
    def full_names(self) -> list[str]:
        return [member.name for member in self.members if member.is_full]

    def has_full_key(self, key: str) -> bool:
        names = [*self.full_names, *(_names(self.known) if self.known else ())]
        return any(name_key(name) == key for name in names)

    def has_other_generation(self, base: tuple[str, ...], suffix: str | None) -> bool:
        """Named in full as `base` with a generational suffix other than `suffix`."""
        names = [*self.full_names, *(_names(self.known) if self.known else ())]
        return any(
            len(base) >= 2 and word_keys(name) == base and generation(name) != suffix
            for name in names
        )

    def has_word(self, word: str) -> bool:
        names = [*self.full_names, *(_names(self.known) if self.known else ())]
        return any(word in word_keys(name) for name in names)

    @property
    def is_bare(self) -> bool:
        """Only bare names ("Quispe", "Professor Quispe"), and no known person yet."""
        return self.known is None and not self.full_names

    def has_bare_word(self, word: str) -> bool:
        return any(word in word_keys(member.name) for member in self.members)

    def agrees(self, profile: Profile) -> bool:
        if not profiles_agree(self.profile, profile):
            return False
        return self.known is None or actor_agrees(self.known, profile)


def link_people(people: Sequence[PersonMention], known: KnownPeople) -> list[PersonGroup]:
    """Group one document's person mentions (in text order) into people.

    Each group records, per mention, the reason it joined (`PersonGroup.reasons`).
    """
    groups: list[PersonGroup] = []
    for position, person in enumerate(people):
        before = {id(group): len(group.members) for group in groups}
        if person.pinned is not None:
            group = _group_for(person.pinned, groups)
            group.pinned = True
            reason = "user dictionary entry"
        elif person.is_full:
            group = _join_full(person, groups, known, people)
            reason = _full_reason(group, before)
        else:
            group = _join_partial(person, groups, known, people[position + 1 :])
            reason = _partial_reason(group, before, groups)
        group.add(person, reason)
    return _merge_cataphora(groups)


def _full_reason(group: PersonGroup, before: dict[int, int]) -> str:
    if before.get(id(group)):
        return "same full name as an earlier mention"
    if group.known is not None:
        return "full name of a known person"
    return "new person"


def _partial_reason(group: PersonGroup, before: dict[int, int], groups: list[PersonGroup]) -> str:
    if not before.get(id(group)):
        return "surname of a known person" if group.known is not None else "new person"
    bearers = sum(1 for other in groups if other.members)
    if bearers > 1:
        return "surname of the most prominent bearer in the document"
    return "surname of a person named earlier"


def _join_full(
    person: PersonMention,
    groups: list[PersonGroup],
    known: KnownPeople,
    people: Sequence[PersonMention],
) -> PersonGroup:
    key = name_key(person.name)
    matching = [group for group in groups if group.has_full_key(key)]
    candidates = [group for group in matching if group.agrees(person.profile)]
    group = _most_recent(candidates)
    if group is not None and _is_homonym_far_back(group, person):
        assert group.shadows is not None
        return _group_for(group.shadows, groups)
    if group is not None:
        return group
    if not person.relative:
        group = _middle_name_variant(person, groups)
        if group is not None:
            return group
    bearers = known.by_full_name(person.name)
    if not bearers and not person.relative:
        group = _other_generation(person, groups, known, people)
        if group is not None:
            return group
        bearers = known.by_middle_name(person.name)
    return _new_group(person, groups, bearers)


def _middle_name_variant(person: PersonMention, groups: list[PersonGroup]) -> PersonGroup | None:
    """The one group named in full as this name with a middle name added or left out
    ("Ada Lee Marsh" for "Ada Marsh", and the other way), if no relative."""
    words = word_keys(person.name)
    if len(words) < 2 or generation(person.name):
        return None
    found = [
        group
        for group in groups
        if not group.is_relative
        and group.agrees(person.profile)
        and any(
            _middle_name_apart(words, word_keys(name))
            for name in group.full_names
            if not generation(name)
        )
    ]
    return found[0] if len(found) == 1 else None


def _middle_name_apart(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """Whether two names' keys differ only by middle names one of them leaves out."""
    short, long = sorted((first, second), key=len)
    return len(short) == 2 and len(long) >= 3 and (short[0], short[-1]) == (long[0], long[-1])


def _other_generation(
    person: PersonMention,
    groups: list[PersonGroup],
    known: KnownPeople,
    people: Sequence[PersonMention],
) -> PersonGroup | None:
    """The one person this name is written with another or no suffix ("Ada Marsh" for
    "Ada Marsh III"), when nothing says there are two (see the module doc)."""
    base, suffix = word_keys(person.name), generation(person.name)
    others = known.by_other_generation(person.name)
    here = [
        group
        for group in groups
        if group.has_other_generation(base, suffix)
        and group.agrees(person.profile)
        and not any(member.relative for member in group.members)
        and (group.known is None or group.known.id in {actor.id for actor in others})
    ]
    if len(here) == 1:
        return here[0]
    if here or _generations_told_apart(person, people):
        return None
    agreeing = [actor for actor in others if actor_agrees(actor, person.profile)]
    return _group_for(agreeing[0], groups) if agreeing else None


def _generations_told_apart(person: PersonMention, people: Sequence[PersonMention]) -> bool:
    """Whether the document writes this family name with a suffix other than the
    person's ("Teague Sr." beside "Orrin Teague"), or names a relative by it."""
    words, suffix = word_keys(person.name), generation(person.name)
    for other in people:
        other_words = word_keys(other.name)
        if not other_words or not words or other_words[-1] != words[-1]:
            continue
        other_suffix = generation(other.name)
        if other.relative or other_suffix not in (None, suffix):
            return True
    return False


def _named_in_full_later(person: PersonMention, later: Sequence[PersonMention]) -> bool:
    """Whether a partial name opens a chain ("Soto to visit" before "Ana Soto") of its own.

    True when a later full name with its word agrees; `_merge_cataphora` joins the two.
    """
    words = word_keys(person.name)
    return bool(words) and any(
        other.is_full
        and words[0] in word_keys(other.name)
        and profiles_agree(other.profile, person.profile)
        for other in later
    )


def _join_partial(
    person: PersonMention,
    groups: list[PersonGroup],
    known: KnownPeople,
    later: Sequence[PersonMention],
) -> PersonGroup:
    words, suffix = word_keys(person.name), generation(person.name)
    word = words[0] if words else ""
    candidates = [
        g
        for g in groups
        if g.has_word(word) and g.agrees(person.profile) and g.fits_generation(suffix)
    ]
    group = _resolve_homonym(_most_prominent(candidates, suffix), person, groups)
    if group is not None and group.known is not None and person.office is not None:
        holder = _holder_of_title(person, known)  # "Premier Kim" after "Minister Kim"
        if holder is not None and holder.id != group.known.id:
            return _group_for(holder, groups)
    if group is not None:
        return group
    if _named_in_full_later(person, later):
        return _new_group(person, groups, ())
    people = [
        actor
        for actor in known.by_surname(person.name, person.office, strict=not person.tagged)
        if suffix is None or any(generation(name) == suffix for name in _names(actor))
    ]
    return _join_bare(person, groups, word, people) or _new_group(
        person, groups, people, unique=True
    )


def _join_bare(
    person: PersonMention, groups: list[PersonGroup], word: str, people: Sequence[Actor]
) -> PersonGroup | None:
    """The most recent group of bare names with the word ("Professor Quispe ... Quispe").

    A titled or described mention that one known person fits starts its own group instead.
    A group without a known person takes the one this mention can be, if it agrees
    ("Quispe" untagged, then tagged in an undated text).
    """
    bare = [g for g in groups if g.is_bare and g.has_bare_word(word) and g.agrees(person.profile)]
    group = _resolve_homonym(_most_recent(bare), person, groups)
    agreeing = [actor for actor in people if actor_agrees(actor, person.profile)]
    undescribed = person.title is None and not person.described
    if group is None or (not undescribed and len(agreeing) == 1):
        return None
    if group.known is None and len(agreeing) == 1 and actor_agrees(agreeing[0], group.profile):
        group.known = agreeing[0]
    return group


def _holder_of_title(person: PersonMention, known: KnownPeople) -> Actor | None:
    """The one known person of that name holding the office the mention's title names."""
    assert person.office is not None
    people = known.title_holders(person.name, person.office, strict=not person.tagged)
    agreeing = [actor for actor in people if actor_agrees(actor, person.profile)]
    return agreeing[0] if len(agreeing) == 1 else None


def _resolve_homonym(
    group: PersonGroup | None, person: PersonMention, groups: list[PersonGroup]
) -> PersonGroup | None:
    """`group`, or the famous namesake it shadows when `person` comes long after it."""
    if group is not None and _is_homonym_far_back(group, person):
        assert group.shadows is not None
        if actor_agrees(group.shadows, person.profile):
            return _group_for(group.shadows, groups)
    return group


def _most_prominent(groups: Sequence[PersonGroup], suffix: str | None) -> PersonGroup | None:
    """The bearer a surname means (see the module doc).

    Never a relative while another bears the name; without a suffix, never
    one whose full name has a suffix while another bears the name (news
    writes "Soto Jr." for the son); then the most prominent
    (`PersonGroup.prominence`); then the most recent.
    """
    pool = [group for group in groups if not group.is_relative] or list(groups)
    if suffix is None:
        pool = [group for group in pool if not group.has_generation] or pool
    if not pool:
        return None
    top = max(group.prominence for group in pool)
    return _most_recent([group for group in pool if group.prominence == top])


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
    person: PersonMention,
    groups: list[PersonGroup],
    candidates: Sequence[Actor],
    unique: bool = False,
) -> PersonGroup:
    """A new group, bound to the first agreeing candidate (with `unique`, to the only one)."""
    agreeing = [actor for actor in candidates if actor_agrees(actor, person.profile)]
    group = PersonGroup()
    if agreeing and (len(agreeing) == 1 or not unique):
        group.known = agreeing[0]
    elif candidates and not agreeing:
        group.shadows = candidates[0]
    groups.append(group)
    return group


def _merge_cataphora(groups: list[PersonGroup]) -> list[PersonGroup]:
    """A partial-only group joins the only later full name containing its word."""
    merged: list[PersonGroup] = []
    for group in groups:
        target = None
        words = word_keys(group.members[0].name) if group.members else ()
        if not group.full_names and group.known is None and words:
            hosts = [other for other in groups if other.full_names and other.has_word(words[0])]
            target = hosts[0] if len(hosts) == 1 and hosts[0].agrees(group.profile) else None
        if target is None:
            merged.append(group)
            continue
        for member in group.members:
            target.add(member, "named in full later in the document")
        target.members.sort(key=lambda member: member.index)
    return merged


def _names(actor: Actor) -> tuple[str, ...]:
    return (actor.name, *actor.aliases)
