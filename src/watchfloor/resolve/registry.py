"""Global actor identities that persist between runs.

Needs: the knowledge base, and the actors earlier runs discovered (the store
hands them back through `load`).
Gives: `ActorRegistry.resolve(mentions, published) -> Resolution`: each
mention with its actor id, and every actor the document referenced, updated
with the aliases and roles this document stated. `event_party` maps an actor
to the id used in event actor and recipient lists.

Identity rules. Countries, IGOs, bodies and people in the knowledge base keep
their ids. A person not in it is matched to a person from an earlier document
by phonetic name key (`names.py`) only when country and role agree (see
`profiles.py`); otherwise a new id is made from the slug of their fullest
name, with a numeric suffix when another actor already has it
("luis-vera-2"). Organisations are matched by country and normalised name.
Ids depend only on the input and its order, so a run is repeatable, and a
registry loaded from stored actors gives the same ids as the one that made them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from watchfloor.records import Actor, ActorKind, Mention, PartialDate, Role
from watchfloor.resolve.context import country_of
from watchfloor.resolve.document import Resolution, resolve_document
from watchfloor.resolve.knowledge import KnowledgeBase, in_office, normalise_name
from watchfloor.resolve.names import (
    family_name_keys,
    generation,
    name_key,
    plain_spelling,
    slug,
    word_initial,
    word_keys,
)
from watchfloor.resolve.variants import spelt_alike

__all__ = ["ActorRegistry", "Resolution", "event_party"]


def event_party(actor: Actor, lookup: Callable[[str], Actor | None]) -> str | None:
    """The id an event lists for this actor: its country, or its IGO.

    A country or IGO is itself; a national body or a person is their country;
    an official of an organisation (a role with an organisation and no country)
    is the organisation when it is an IGO, else the organisation's country
    (`lookup` finds the organisation's record); the police commissioner of a
    city's police department is no party of his own.
    """
    if actor.kind in ("country", "igo"):
        return actor.id
    if actor.country:
        return actor.country
    for role in reversed(actor.roles):
        if role.country:
            return role.country
        if role.organisation:
            body = lookup(role.organisation)
            if body is not None and body.kind == "igo":
                return body.id
            if body is not None and body.country:
                return body.country
    return None


class ActorRegistry:
    """Known actors (bundled and learned) with name indexes, and new-id allocation.

    Needs: a knowledge base; optionally `load` with actors from earlier runs.
    Gives: `resolve` for one document at a time; `actors()` for persistence.
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._learned: dict[str, Actor] = {}  # new actors, and bundled ones with additions
        self._full_keys: dict[str, list[str]] = {}  # person name key -> ids
        self._surnames: dict[str, list[str]] = {}  # family name key -> bundled person ids
        self._learned_surnames: dict[str, list[str]] = {}
        self._generations: dict[str, list[str]] = {}  # key without suffix -> learned "X Jr." ids
        self._middle_names: dict[str, list[str]] = {}  # "Ada Lee Marsh" under "Ada Marsh"
        self._orgs: dict[tuple[str | None, str], str] = {}  # (country, normalised name) -> id
        self._orgs_by_country: dict[str, list[str]] = {}
        for actor in kb.actors():
            if actor.kind == "person":
                full, family = kb.person_keys(actor.id)  # computed once, when kb was built
                for key in full:
                    _add(self._full_keys, key, actor.id)
                for key in family:
                    _add(self._surnames, key, actor.id)

    def load(self, actors: Iterable[Actor]) -> None:
        """Take in actors found in earlier runs (as `Resolution.actors` gave them)."""
        for actor in actors:
            self._store(actor)

    def resolve(self, mentions: Sequence[Mention], published: PartialDate | None) -> Resolution:
        """Resolve one document's mentions (in text order) to actors.

        Needs: mentions from `find_mentions`, the article's publication date.
        Gives: a Resolution; the registry remembers new actors, aliases and roles.
        """
        return resolve_document(self, mentions, published)

    def actors(self) -> tuple[Actor, ...]:
        """Actors learned or extended so far, for the store to keep."""
        return tuple(self._learned.values())

    def get(self, actor_id: str) -> Actor | None:
        return self._learned.get(actor_id) or self.kb.get(actor_id)

    def by_full_name(self, name: str) -> list[Actor]:
        """People known by this name or a spelling with the same key, bundled ones first."""
        ids = self._full_keys.get(name_key(name), [])
        return [actor for actor in map(self.get, ids) if actor is not None]

    def by_middle_name(self, name: str) -> list[Actor]:
        """The one person named `name` with a middle name added or left out: "Ada Lee
        Marsh" for "Ada Marsh", and the other way (a middle initial never counts)."""
        words = word_keys(name)
        if len(words) < 2 or generation(name):
            return []
        outer = words[0] + words[-1]
        index = self._middle_names if len(words) == 2 else self._full_keys
        ids = index.get(outer, [])
        people = [actor for actor in map(self.get, ids) if actor is not None]
        return people if len(people) == 1 else []

    def by_other_generation(self, name: str) -> list[Actor]:
        """The one person learned from earlier documents named `name` with another or
        no generational suffix ("Ada Marsh III" for "Ada Marsh", and the other way).

        Bundled people never count (a dictionary entry without a suffix is not the
        son), and neither do two or more such people (both generations are known).
        """
        key, suffix = "".join(word_keys(name)), generation(name)
        if not key:
            return []
        ids = self._generations.get(key, []) if suffix is None else self._full_keys.get(key, [])
        people = [actor for actor in map(self.get, ids) if actor and self.kb.get(actor.id) is None]
        return people if len(people) == 1 else []

    def by_surname(
        self, word: str, on: PartialDate | None = None, strict: bool = False
    ) -> list[Actor]:
        """People a bare family name ("Soto", "Zelenskyy") can mean, outside the document.

        Bundled people with a family name of the same phonetic key and the same
        initial ("Zelenskiy" is Zelensky, "Khan" is not Han; see
        `names.family_name_keys`): on a known date, those in office on it when
        any is, else all of them. People learned from earlier documents count
        only when no bundled person has the word, and only one alone has it.

        `strict` is for a word the NER did not take for a person's name: it
        means only people in office on a known date (none without a date, when
        role terms cannot be checked), whose name is spelt alike
        (`variants.spelt_alike`: "Zelenskyy" for Zelensky, not "Moody" for Modi).
        """
        key = "".join(word_keys(word))
        bundled = [
            actor
            for actor in map(self.get, self._surnames.get(key, []))
            if actor is not None and _written_alike(word, actor, strict)
        ]
        if bundled:
            holders = [actor for actor in bundled if on is not None and in_office(actor, on)]
            return holders or ([] if strict else _spelt_exactly(word, bundled))
        if strict:
            return []
        learned = [actor for actor in map(self.get, self._learned_surnames.get(key, [])) if actor]
        full = [actor for actor in learned if len(word_keys(actor.name)) >= 2]
        if len({name_key(actor.name) for actor in full}) == 1:
            return full[:1]
        return [actor for actor in learned if len(word_keys(actor.name)) == 1][:1]

    def find_org(self, country: str | None, name: str) -> Actor | None:
        """An organisation learned earlier under this country and name."""
        actor_id = self._orgs.get((country, normalise_name(name)))
        return self.get(actor_id) if actor_id else None

    def orgs_in(self, country: str) -> list[Actor]:
        """Organisations of a country learned so far, in the order they were learned."""
        return [actor for actor in map(self.get, self._orgs_by_country.get(country, [])) if actor]

    def new_actor(
        self,
        name: str,
        kind: ActorKind,
        country: str | None = None,
        sector: str | None = None,
        scope: str | None = None,
    ) -> Actor:
        """A new actor with a unique id: the slug of `name`, prefixed by `scope` if given."""
        base = "-".join(part for part in (scope, slug(name)) if part) or kind
        actor_id, number = base, 1
        while self.get(actor_id) is not None:
            number += 1
            actor_id = f"{base}-{number}"
        actor = Actor(id=actor_id, name=name, kind=kind, country=country, sector=sector)
        self._store(actor)
        return actor

    def learn(
        self,
        actor: Actor,
        aliases: Iterable[str],
        roles: Iterable[Role],
        profile_country: str | None = None,
        profile_sector: str | None = None,
    ) -> Actor:
        """`actor` with new aliases and roles added (and a country or sector it lacked)."""
        current = self.get(actor.id) or actor
        known = {normalise_name(name) for name in (current.name, *current.aliases)}
        new_aliases = [
            alias for alias in dict.fromkeys(aliases) if normalise_name(alias) not in known
        ]
        new_aliases = list({normalise_name(alias): alias for alias in new_aliases}.values())
        country = current.country or profile_country
        updated = replace(
            current,
            aliases=current.aliases + tuple(new_aliases),
            roles=current.roles + _new_roles(current.roles, roles, country),
            country=country,
            sector=current.sector or profile_sector,
        )
        if updated != current or actor.id in self._learned:
            self._store(updated)
        return updated

    def _store(self, actor: Actor) -> None:
        base = self.kb.get(actor.id)
        if base is not None and base is not actor and actor.id not in self._learned:
            actor = _overlay(base, actor)
        self._learned[actor.id] = actor
        if actor.kind == "person":
            self._index_person(actor, self._learned_surnames if base is None else self._surnames)
        elif actor.kind == "org":
            if actor.country:
                _add(self._orgs_by_country, actor.country, actor.id)
            for name in (actor.name, *actor.aliases):
                self._orgs.setdefault((actor.country, normalise_name(name)), actor.id)

    def _index_person(self, actor: Actor, surnames: dict[str, list[str]]) -> None:
        """Index a person's full names, and their family names (bundled) or end words (learned)."""
        country = country_of(actor)
        for name in (actor.name, *actor.aliases):
            words = word_keys(name)
            if len(words) >= 3 and not generation(name):
                _add(self._middle_names, words[0] + words[-1], actor.id)
            if len(words) >= 2:
                _add(self._full_keys, name_key(name), actor.id)
                if generation(name) and surnames is self._learned_surnames:
                    _add(self._generations, "".join(words), actor.id)
            if surnames is self._surnames:
                ends: Iterable[str] = family_name_keys(name, country)
            else:
                ends = {words[0], words[-1]} if words else ()
            for word in ends:
                _add(surnames, word, actor.id)


def _new_roles(
    known: Sequence[Role], roles: Iterable[Role], country: str | None
) -> tuple[Role, ...]:
    """The roles not already known; a role stated without a country takes the actor's."""
    added: list[Role] = []
    for role in roles:
        if not (role.country or role.organisation):
            role = replace(role, country=country)
        if not _has_role((*known, *added), role):
            added.append(role)
    return tuple(added)


def _overlay(base: Actor, stored: Actor) -> Actor:
    """A bundled actor with the aliases and roles a stored copy added."""
    aliases = base.aliases + tuple(alias for alias in stored.aliases if alias not in base.aliases)
    roles = base.roles + tuple(role for role in stored.roles if not _has_role(base.roles, role))
    return replace(base, aliases=aliases, roles=roles)


def _has_role(roles: Sequence[Role], role: Role) -> bool:
    return any(
        (known.title, known.country, known.organisation)
        == (role.title, role.country, role.organisation)
        for known in roles
    )


def _spelt_exactly(word: str, people: list[Actor]) -> list[Actor]:
    """Of people whose names sound like `word`, those who write it so, if any do:
    "Trump" is Donald Trump, not a Tromp."""
    spelling = plain_spelling(word)
    exact = [
        actor
        for actor in people
        if any(
            plain_spelling(written) == spelling
            for name in (actor.name, *actor.aliases)
            for written in name.split()
        )
    ]
    return exact or people


def _written_alike(word: str, actor: Actor, close: bool) -> bool:
    """Whether a name word of the actor has `word`'s key and initial (if `close`, its spelling)."""
    key, initial, spelling = name_key(word), word_initial(word), plain_spelling(word)
    return any(
        name_key(written) == key
        and word_initial(written) == initial
        and (not close or spelt_alike(plain_spelling(written), spelling))
        for name in (actor.name, *actor.aliases)
        for written in name.split()
    )


def _add(index: dict[str, list[str]], key: str, actor_id: str) -> None:
    ids = index.setdefault(key, [])
    if actor_id not in ids:
        ids.append(actor_id)
