"""The actor knowledge base: bundled dictionaries plus a user's, indexed for lookup.

Needs: the YAML files in `watchfloor/data/actors/` (countries, IGOs, state
bodies, office holders, role words) and, optionally, a user dictionary.
Gives: `KnowledgeBase`, which answers "who has this name", "which country is
this demonym or seat of government", "which body is this country's defence
ministry", "who was president on that date", "which sector is this role", and
hands the entity patterns to the annotation stage. Names are compared after
`normalise_name`; ambiguity is returned to the caller, never hidden.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from watchfloor.errors import ConfigError
from watchfloor.records import Actor, PartialDate, Role
from watchfloor.resolve.abbreviations import abbreviated_forms, abbreviation_key, written_key
from watchfloor.resolve.actor_entries import ActorEntry, EntryProblem
from watchfloor.resolve.bundled import DATA_FILES, read_bundled
from watchfloor.resolve.generic_terms import BodyType, TitleTable
from watchfloor.resolve.knowledge_cache import load_or_build, source_key
from watchfloor.resolve.names import family_name_keys, name_key, plain_spelling, word_keys
from watchfloor.resolve.user_actors import read_user_entries

_PUNCTUATION = str.maketrans(
    {
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u0060\u00b4\u02bc", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    }
)
_ACRONYM_DOT = re.compile(r"(?<!\w)([^\W\d_])\.")
_LEADING_THE = re.compile(r"^the\s+")
_POSSESSIVE = re.compile(r"(?:'s|s')$|'$")
_GENERIC_ID = re.compile(r"^([a-z]{3})-([a-z][a-z-]*)$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]+$")
# Generic body types of state media (bodies.yaml), whose country needs evidence.
STATE_MEDIA_TYPES = frozenset({"news-agency", "state-broadcaster"})
_LABELS = {"country": "GPE", "igo": "ORG", "org": "ORG", "person": "PERSON"}
# A person's full-name keys and family-name keys (see `person_name_keys`).
PersonKeys = tuple[tuple[str, ...], tuple[str, ...]]


@lru_cache(maxsize=65536)
def normalise_name(text: str) -> str:
    """A name in the form every index compares: "the U.S.'s" -> "us" (cached: asked of the
    same names many times per article).

    NFKC; one apostrophe, one double quote and one hyphen for their look-alikes;
    dots dropped after single letters ("U.S." -> "US", "S. Korea" -> "S Korea");
    casefolded; whitespace collapsed; a leading "the " and a trailing "'s" or
    "'" dropped.
    """
    text = unicodedata.normalize("NFKC", text).translate(_PUNCTUATION)
    text = _ACRONYM_DOT.sub(r"\1", text)
    text = " ".join(text.casefold().split()).strip('"')
    text = _LEADING_THE.sub("", text)
    if text.endswith("'") or text.endswith("'s"):
        text = text[:-2] if text.endswith("'s") else text[:-1]
    return text.strip()


class KnowledgeBase:
    """Actors with their names, demonyms, seats, bodies and office holders.

    Needs: actor entries (later entries with the same id replace earlier
    ones), the generic body types and the role-word table.
    Gives: read-only queries; it never changes after it is built.
    """

    def __init__(
        self,
        entries: Iterable[ActorEntry],
        body_types: Iterable[BodyType] = (),
        titles: TitleTable | None = None,
        user_ids: Iterable[str] = (),
    ) -> None:
        self._titles = titles or TitleTable({}, normalise_name)
        self._user_ids = frozenset(user_ids)
        self._entries = {entry.actor.id: self._with_sectors(entry) for entry in entries}
        self._body_types = {body_type.id: body_type for body_type in body_types}
        self._patterns: list[dict[str, Any]] | None = None
        self._by_name: dict[str, list[str]] = {}
        self._abbreviated: dict[str, list[str]] = {}  # "s africa" -> ["ZAF"] (countries)
        self._demonyms: dict[str, set[str]] = {}
        self._abbreviated_demonyms: dict[str, set[str]] = {}
        self._seats: dict[str, set[str]] = {}
        self._named_bodies: dict[tuple[str, str], str] = {}
        self._offices: dict[tuple[str, str], list[tuple[Role, str]]] = {}
        self._person_keys: dict[str, PersonKeys] = {}
        # ("full" or "surname", key) -> ids of the people with that key, in entry order.
        self._people_by_key: dict[tuple[str, str], list[str]] = {}
        self._name_words: set[str] = set()  # every word of a person's names, folded
        self._body_type_names = {
            normalise_name(alias): body_type.id
            for body_type in self._body_types.values()
            for alias in (body_type.name, *body_type.aliases)
        }
        for entry in self._entries.values():
            self._index(entry)

    def _index(self, entry: ActorEntry) -> None:
        actor = entry.actor
        for name in (actor.name, *actor.aliases):
            ids = self._by_name.setdefault(normalise_name(name), [])
            if actor.id not in ids:
                ids.append(actor.id)
            short = abbreviation_key(normalise_name(name)) if actor.kind == "country" else None
            if short and actor.id not in self._abbreviated.setdefault(short, []):
                self._abbreviated[short].append(actor.id)
        for demonym in entry.demonyms:
            self._demonyms.setdefault(normalise_name(demonym), set()).add(actor.id)
            short = abbreviation_key(normalise_name(demonym))
            if short:
                self._abbreviated_demonyms.setdefault(short, set()).add(actor.id)
        for seat in (*entry.capitals, *entry.seats):
            self._seats.setdefault(normalise_name(seat), set()).add(actor.id)
        if entry.body_type and actor.country:
            self._named_bodies.setdefault((actor.country, entry.body_type), actor.id)
        if actor.kind == "person":
            self._person_keys[actor.id] = full, family = person_name_keys(actor)
            for index, keys in (("full", full), ("surname", family)):
                for person_key in keys:
                    people = self._people_by_key.setdefault((index, person_key), [])
                    if actor.id not in people:
                        people.append(actor.id)
            for name in (actor.name, *actor.aliases):
                self._name_words.update(map(plain_spelling, name.split()))
        for role in actor.roles:
            holder_of = role.country or role.organisation or ""
            key = (holder_of, self._titles.office(role.title))
            self._offices.setdefault(key, []).append((role, actor.id))

    def _with_sectors(self, entry: ActorEntry) -> ActorEntry:
        """Roles without a sector take their title's; a person without one, the latest role's."""
        actor = entry.actor
        if all(role.sector for role in actor.roles) and (actor.sector or actor.kind != "person"):
            return entry
        roles = tuple(
            role if role.sector else replace(role, sector=self._titles.sector(role.title))
            for role in actor.roles
        )
        sector = actor.sector
        if sector is None and actor.kind == "person" and roles:
            sector = max(roles, key=lambda role: _day_range(role.start, None)[0]).sector
        return replace(entry, actor=replace(actor, roles=roles, sector=sector))

    def get(self, actor_id: str) -> Actor | None:
        """The actor with this id, including generic bodies such as "kor-defence-ministry"."""
        entry = self._entries.get(actor_id)
        if entry is not None:
            return entry.actor
        match = _GENERIC_ID.match(actor_id)
        if match is None:
            return None
        return self._generic_body(match.group(1).upper(), match.group(2))

    def entry(self, actor_id: str) -> ActorEntry | None:
        """The dictionary entry behind a stored actor (with demonyms, seats, body type)."""
        return self._entries.get(actor_id)

    def person_keys(self, actor_id: str) -> PersonKeys:
        """`person_name_keys` of a person in the dictionaries, computed when it was built."""
        return self._person_keys.get(actor_id) or ((), ())

    def people_by_key(self) -> Mapping[tuple[str, str], Sequence[str]]:
        """("full" or "surname", key of `person_name_keys`) -> the ids of the people in the
        dictionaries with that key, in the order of their entries; built with the base."""
        return self._people_by_key

    def is_name_word(self, word: str) -> bool:
        """Whether a word is part of a person's name in the dictionaries ("Maurice" is,
        a headline's "Checks" is not)."""
        return plain_spelling(word) in self._name_words

    def is_state_media(self, phrase: str) -> bool:
        """Whether a common-noun phrase names state media ("the official news agency")."""
        return self._body_type_names.get(normalise_name(phrase)) in STATE_MEDIA_TYPES

    def is_state_media_actor(self, actor: Actor) -> bool:
        """Whether the actor is a state media outlet (named, or generic "prk-news-agency")."""
        entry = self._entries.get(actor.id)
        if entry is not None:
            return entry.body_type in STATE_MEDIA_TYPES
        match = _GENERIC_ID.match(actor.id)
        return match is not None and match.group(2) in STATE_MEDIA_TYPES

    def has_body_type(self, type_id: str) -> bool:
        """Whether `type_id` ("defence-ministry") is a known generic body type."""
        return type_id in self._body_types

    def lookup(self, name: str) -> tuple[Actor, ...]:
        """Every actor with this name or alias, after normalisation; () when none.

        A country name may open with its compass word's initial ("S. Sudan",
        "N.Korea"); see `abbreviations.py`.
        """
        ids = self._by_name.get(normalise_name(name))
        if not ids:
            short = written_key(name, normalise_name)
            ids = self._abbreviated.get(short, []) if short else []
        return tuple(self._entries[actor_id].actor for actor_id in ids)

    def country_by_demonym(self, word: str) -> str | None:
        """ISO3 of the country a demonym ("S. Korean" too) names; None if unknown or ambiguous."""
        found = self._demonyms.get(normalise_name(word))
        if not found:
            short = written_key(word, normalise_name)
            found = self._abbreviated_demonyms.get(short) if short else None
        return _single(found)

    def country_by_seat(self, name: str) -> str | None:
        """ISO3 of the country whose capital or seat of government this is; None if ambiguous."""
        return _single(self._seats.get(normalise_name(name)))

    def body(self, country: str, phrase: str) -> Actor | None:
        """A state body of `country` named by `phrase`: its named body, else a generic one.

        A named body of that country with the phrase as alias wins ("Pentagon");
        then the country's named body of the phrase's generic type; then a
        generic body built on demand, id "<iso3 lowercase>-<type>".
        """
        country = country.upper()
        if self._country(country) is None:
            return None
        for actor in self.lookup(phrase):
            if actor.kind == "org" and actor.country == country:
                return actor
        type_id = self._body_type_names.get(normalise_name(phrase))
        if type_id is None:
            return None
        named = self._named_bodies.get((country, type_id))
        if named is not None:
            return self._entries[named].actor
        return self._generic_body(country, type_id)

    def _generic_body(self, country: str, type_id: str) -> Actor | None:
        body_type, country_actor = self._body_types.get(type_id), self._country(country)
        if body_type is None or country_actor is None:
            return None
        return Actor(
            id=f"{country.lower()}-{type_id}",
            name=f"{body_type.name[:1].upper()}{body_type.name[1:]} of {country_actor.name}",
            kind="org",
            country=country,
            sector=body_type.sector,
        )

    def _country(self, country: str) -> Actor | None:
        entry = self._entries.get(country)
        return entry.actor if entry is not None and entry.actor.kind == "country" else None

    def office_holders(
        self, country: str, title: str, on: PartialDate | None = None
    ) -> tuple[Actor, ...]:
        """Who held an office of a country (or IGO id) on a date, earliest term first.

        `title` may be any wording of the office ("secretary of defense") or a
        group ("head of government"). With a partial date every holder whose
        term overlaps that month or year is returned. A term's `end` is the day
        the successor took office, so on that day only the successor holds it.
        """
        found: list[tuple[Role, str]] = []
        for office in self._titles.offices(title):
            found.extend(self._offices.get((country, office), ()))
            if country.upper() != country:
                found.extend(self._offices.get((country.upper(), office), ()))
        found.sort(key=lambda pair: _day_range(pair[0].start, pair[0].end)[0])
        ids = [actor_id for role, actor_id in found if on is None or _overlaps(role, on)]
        return tuple(self._entries[actor_id].actor for actor_id in dict.fromkeys(ids))

    def holds_office(self, actor: Actor, title: str, on: PartialDate | None = None) -> bool:
        """Whether `actor` held the office `title` names (any wording or group) on `on`."""
        offices = self._titles.offices(title)
        return any(
            self._titles.office(role.title) in offices and (on is None or _overlaps(role, on))
            for role in actor.roles
        )

    def title_sector(self, title: str) -> str | None:
        """PLOVER sector a role word implies: "defence minister" -> "MIL", "analyst" -> "EDU"."""
        return self._titles.sector(title)

    def actors(self) -> Iterator[Actor]:
        """Every actor in the dictionaries (generic bodies are built on demand, not listed)."""
        return (entry.actor for entry in self._entries.values())

    def extended(self, entries: Iterable[ActorEntry]) -> KnowledgeBase:
        """A new knowledge base with a user's `entries` added, replacing same-id entries.

        Their names are the user's word: `user_actors` answers for them first.
        """
        entries = list(entries)
        return KnowledgeBase(
            [*self._entries.values(), *entries],
            self._body_types.values(),
            self._titles,
            self._user_ids | {entry.actor.id for entry in entries},
        )

    def user_actors(self, name: str) -> tuple[Actor, ...]:
        """The actors of user dictionary entries with this name or alias; () when none."""
        if not self._user_ids:
            return ()
        return tuple(actor for actor in self.lookup(name) if actor.id in self._user_ids)

    def entity_patterns(self) -> list[dict[str, Any]]:
        """spaCy EntityRuler patterns for every name, alias, demonym and seat.

        Labels: countries and capitals GPE, demonyms NORP, IGOs and bodies ORG,
        people PERSON, seat buildings ("the Kremlin") FAC. A leading "the" is
        left out. Acronyms are token patterns on ORTH, so "US" matches and "us"
        does not even when the ruler matches phrases on LOWER; other names are
        phrase strings, which the ruler matches case-sensitively by default.
        `id` is the actor id, left out when several actors share the text.
        Entries marked `in_ruler=False` give no patterns: the resolver finds them
        by name lookup.
        """
        if self._patterns is None:
            self._patterns = _build_patterns(self._pattern_sources())
        return [dict(pattern) for pattern in self._patterns]

    def _pattern_sources(self) -> Iterator[tuple[str, str, str]]:
        for entry in self._entries.values():
            actor = entry.actor
            if not entry.in_ruler:
                continue
            for name in (actor.name, *actor.aliases):
                yield _LABELS[actor.kind], name, actor.id
                if actor.kind == "country":
                    yield from (
                        (_LABELS[actor.kind], form, actor.id) for form in abbreviated_forms(name)
                    )
            for demonym in entry.demonyms:
                yield "NORP", demonym, actor.id
                yield from (("NORP", form, actor.id) for form in abbreviated_forms(demonym))
            for capital in entry.capitals:
                yield "GPE", capital, actor.id
            for seat in entry.seats:
                yield "FAC", seat, actor.id


def _build_patterns(sources: Iterable[tuple[str, str, str]]) -> list[dict[str, Any]]:
    ids_by_text: dict[tuple[str, str], list[str]] = {}
    for label, text, actor_id in sources:
        text = re.sub(r"^[Tt]he\s+", "", text)
        ids = ids_by_text.setdefault((label, text), [])
        if actor_id not in ids:
            ids.append(actor_id)
    patterns: list[dict[str, Any]] = []
    for (label, text), ids in ids_by_text.items():
        pattern: dict[str, Any] = {"label": label, "pattern": text}
        if _ACRONYM.match(text):
            pattern["pattern"] = [{"ORTH": text}]
        if len(ids) == 1:
            pattern["id"] = ids[0]
        patterns.append(pattern)
    return patterns


def person_name_keys(actor: Actor) -> PersonKeys:
    """Phonetic keys of a person's full names (of two words or more) and family names.

    The family names are those `names.family_name_keys` gives for the person's
    country (their own, else their first role's). The registry indexes people
    by these keys; the bundled ones are computed once, with the knowledge base.
    """
    country = actor.country or next((role.country for role in actor.roles if role.country), None)
    full: list[str] = []
    family: list[str] = []
    for name in (actor.name, *actor.aliases):
        if len(word_keys(name)) >= 2:
            full.append(name_key(name))
        family.extend(family_name_keys(name, country))
    return tuple(dict.fromkeys(full)), tuple(dict.fromkeys(family))


def in_office(actor: Actor, on: PartialDate) -> bool:
    """Whether one of the actor's roles with a term covers some day of `on`."""
    return any((role.start or role.end) is not None and _overlaps(role, on) for role in actor.roles)


def _single(ids: set[str] | None) -> str | None:
    return next(iter(ids)) if ids and len(ids) == 1 else None


def _overlaps(role: Role, on: PartialDate) -> bool:
    """Whether a term [start, end) overlaps the days `on` covers."""
    role_first, role_last = _day_range(role.start, role.end)
    on_first, on_last = _day_range(on, on)
    if role.end is not None and role.end.precision == "day":
        role_last -= 1
    return role_first <= on_last and on_first <= role_last


def _day_range(start: PartialDate | None, end: PartialDate | None) -> tuple[int, int]:
    """First day of `start` and last day of `end` as comparable integers (yyyymmdd)."""
    first = 0 if start is None else start.year * 10000 + (start.month or 1) * 100 + (start.day or 1)
    if end is None:
        return first, 99999999
    last = end.year * 10000 + (end.month or 12) * 100 + (end.day or 31)
    return first, last


@lru_cache(maxsize=1)
def load_bundled() -> KnowledgeBase:
    """The bundled dictionaries alone, once per process, from the compiled copy if current."""
    return load_or_build(source_key(DATA_FILES), build_bundled, KnowledgeBase)


def build_bundled(skip: frozenset[str] = frozenset()) -> KnowledgeBase:
    """The bundled dictionaries alone (but the files in `skip`), parsed and indexed afresh."""
    bundled = read_bundled(skip)
    try:
        titles = TitleTable(bundled.titles, normalise_name)
    except EntryProblem as problem:
        raise ConfigError(f"titles.yaml: {problem}") from None
    return KnowledgeBase(bundled.entries, bundled.body_types, titles)


@lru_cache(maxsize=8)
def _load_cached(user_file: str | None, mtime_ns: int) -> KnowledgeBase:
    base = load_bundled()
    if user_file is None:
        return base
    return base.extended(read_user_entries(Path(user_file), base))


def load_knowledge(user_file: str | Path | None = None) -> KnowledgeBase:
    """The bundled dictionaries plus an optional user dictionary; cached per file.

    A user file is read again when it changes on disk. Raises InputError for a
    bad user file, naming the file, the entry and the problem.
    """
    if user_file is None:
        return _load_cached(None, 0)
    path = Path(user_file).resolve()
    mtime_ns = path.stat().st_mtime_ns if path.exists() else 0
    return _load_cached(str(path), mtime_ns)


def load_user_actors(path: str | Path, base: KnowledgeBase | None = None) -> list[Actor]:
    """The actors a user dictionary (YAML or CSV) defines, as they stand over `base`.

    `base` defaults to the bundled knowledge. Raises InputError naming the file,
    the line or entry and the problem.
    """
    return [entry.actor for entry in read_user_entries(Path(path), base or load_bundled())]
