"""Global actor identities that persist between runs.

Needs: the knowledge base, and the actors earlier runs discovered: looked up in the
store when they are needed (`read_from`: by id, and by name keys through the store's
index of `actor_keys.actor_keys`, each read kept in a bounded cache), or handed over
whole (`load`, for a registry without a store).
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
registry reading stored actors gives the same ids as the one that made them.

What a lookup by name finds, in order: bundled people, then the actors stored
before this run (in id order, as they were when the run first touched them), then
those this run stored, in the order it stored them: the same as a registry that
`load`ed every stored actor in id order at the start of the run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from functools import lru_cache
from typing import Protocol

from watchfloor.records import Actor, ActorKeys, ActorKind, Mention, PartialDate, Role
from watchfloor.resolve.actor_keys import KEYS_VERSION, Key, actor_keys, org_key
from watchfloor.resolve.document import Resolution, resolve_document
from watchfloor.resolve.knowledge import KnowledgeBase, in_office, normalise_name
from watchfloor.resolve.names import (
    generation,
    name_key,
    plain_spelling,
    slug,
    word_initial,
    word_keys,
)
from watchfloor.resolve.variants import spelt_alike

__all__ = ["ActorRegistry", "Resolution", "StoredActors", "event_party"]

CACHED_ACTORS = 4096  # stored actors kept read, the least recently used dropped first
CACHED_KEYS = 16384  # name-key lookups kept
KEYED_PER_TRANSACTION = 500


class StoredActors(Protocol):
    """Where earlier runs' actors are: the actor methods of `watchfloor.store.Store`."""

    def get_actor(self, actor_id: str) -> Actor | None: ...

    def find_actors_by_key(self, kind: str, key: str) -> list[str]: ...

    def read_unkeyed_actors(self, version: str, limit: int) -> list[Actor]: ...

    def write_actor_keys(self, entries: Iterable[ActorKeys]) -> None: ...

    def transaction(self) -> AbstractContextManager[None]: ...


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

    Needs: a knowledge base; optionally `read_from` a store of earlier runs' actors (or
    `load` them). Gives: `resolve` for one document at a time; `actors()`, what it
    learned or extended; `keys_of`, what the store keeps to find them again.
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._learned: dict[str, Actor] = {}  # new actors, and bundled ones with additions
        # (index, key) -> bundled people's ids, as the knowledge base indexed them when built
        self._bundled: Mapping[Key, Sequence[str]] = kb.people_by_key()
        self._index: dict[Key, list[str]] = {}  # (index, key) -> ids of actors stored here
        self._stored: StoredActors | None = None
        # Of each stored actor this run touched (its row may be rewritten): whether it
        # was stored before the run, and under which keys.
        self._touched: dict[str, bool] = {}
        self._before: dict[Key, set[str]] = {}

    def read_from(self, stored: StoredActors) -> None:
        """Look the actors of earlier runs up in `stored` when they are needed.

        Stored actors whose keys are missing or of another version (a store written
        before keys were kept) get them first, `KEYED_PER_TRANSACTION` to a transaction.
        """
        while actors := stored.read_unkeyed_actors(KEYS_VERSION, KEYED_PER_TRANSACTION):
            with stored.transaction():
                stored.write_actor_keys(self.keys_of(actors))
        self._stored = stored
        self._read_actor = lru_cache(maxsize=CACHED_ACTORS)(self._read_stored_actor)
        self._read_ids = lru_cache(maxsize=CACHED_KEYS)(stored.find_actors_by_key)

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
        """Actors learned or extended so far (by this registry), for the store to keep."""
        return tuple(self._learned.values())

    def keys_of(self, actors: Iterable[Actor]) -> tuple[ActorKeys, ...]:
        """The keys the store keeps to find each of `actors` again (`actor_keys`)."""
        return tuple(
            ActorKeys(actor.id, actor_keys(stored, self.kb.get(actor.id) is not None), KEYS_VERSION)
            for actor in actors
            for stored in [self._as_stored(actor)]
        )

    def get(self, actor_id: str) -> Actor | None:
        found = self._learned.get(actor_id)
        if found is None and self._stored is not None:
            found = self._read_actor(actor_id)
        return found or self.kb.get(actor_id)

    def by_full_name(self, name: str) -> list[Actor]:
        """People known by this name or a spelling with the same key, bundled ones first."""
        return self._actors("full", name_key(name))

    def by_middle_name(self, name: str) -> list[Actor]:
        """The one person named `name` with a middle name added or left out: "Ada Lee
        Marsh" for "Ada Marsh", and the other way (a middle initial never counts)."""
        words = word_keys(name)
        if len(words) < 2 or generation(name):
            return []
        people = self._actors("middle" if len(words) == 2 else "full", words[0] + words[-1])
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
        found = self._actors("generation" if suffix is None else "full", key)
        people = [actor for actor in found if self.kb.get(actor.id) is None]
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
            actor for actor in self._actors("surname", key) if _written_alike(word, actor, strict)
        ]
        if bundled:
            holders = [actor for actor in bundled if on is not None and in_office(actor, on)]
            return holders or ([] if strict else _spelt_exactly(word, bundled))
        if strict:
            return []
        learned = self._actors("word", key)
        full = [actor for actor in learned if len(word_keys(actor.name)) >= 2]
        if len({name_key(actor.name) for actor in full}) == 1:
            return full[:1]
        return [actor for actor in learned if len(word_keys(actor.name)) == 1][:1]

    def find_org(self, country: str | None, name: str) -> Actor | None:
        """An organisation learned earlier under this country and name."""
        found = self._actors("org", org_key(country, name))
        return found[0] if found else None

    def orgs_in(self, country: str) -> list[Actor]:
        """Organisations of a country learned so far, in the order they were learned."""
        return self._actors("org-country", country)

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
        self._touch(actor.id)
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
        if updated != current or self._is_learned(actor.id):
            self._store(updated)
        return updated

    def _is_learned(self, actor_id: str) -> bool:
        """Whether the actor is stored here or was stored before this run."""
        return actor_id in self._learned or self._touched.get(actor_id, False)

    def _store(self, actor: Actor) -> None:
        base = self.kb.get(actor.id)
        if base is not None and base is not actor and not self._is_learned(actor.id):
            actor = _overlay(base, actor)
        self._touch(actor.id)
        self._learned[actor.id] = actor
        for key in actor_keys(actor, base is not None):
            _add(self._index, key, actor.id)

    def _touch(self, actor_id: str) -> None:
        """Note, before this run first writes an actor, whether and how it was stored."""
        if self._stored is None or actor_id in self._touched:
            return
        before = self._read_actor(actor_id)
        self._touched[actor_id] = before is not None
        if before is not None:
            for key in actor_keys(before, self.kb.get(actor_id) is not None):
                self._before.setdefault(key, set()).add(actor_id)

    def _actors(self, index: str, key: str) -> list[Actor]:
        """The actors under `key` in `index`: bundled, stored before this run (by id),
        stored by this run (in order)."""
        ids = list(self._bundled.get((index, key), ()))
        if self._stored is not None:
            before = {i for i in self._read_ids(index, key) if i not in self._touched}
            before |= self._before.get((index, key), set())
            ids += sorted(before.difference(ids))
        ids += [actor_id for actor_id in self._index.get((index, key), ()) if actor_id not in ids]
        return [actor for actor in map(self.get, ids) if actor is not None]

    def _read_stored_actor(self, actor_id: str) -> Actor | None:
        """A stored actor as the registry sees it: a bundled one with what was added."""
        assert self._stored is not None
        stored = self._stored.get_actor(actor_id)
        return self._as_stored(stored) if stored is not None else None

    def _as_stored(self, actor: Actor) -> Actor:
        """`actor` as a registry reading it from the store sees it (bundled: `_overlay`)."""
        base = self.kb.get(actor.id)
        return _overlay(base, actor) if base is not None else actor


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


def _add(index: dict[Key, list[str]], key: Key, actor_id: str) -> None:
    ids = index.setdefault(key, [])
    if actor_id not in ids:
        ids.append(actor_id)
