"""Resolution of one document's mentions, in four passes.

Needs: the registry (knowledge base plus earlier documents), the mentions of
one document in text order, and its publication date.
Gives: a `Resolution`.

1. Places and dictionary names: country names, capitals and seats (as
   metonyms or places), demonyms, IGOs and bundled bodies, by dictionary
   lookup; of several actors with one name, that of the country the
   document names most. A place name no dictionary knows that misspells
   one the document names by a letter is that place (`variants.py`).
2. Organisations: an acronym the document spells out ("IRGC" before or after
   "Islamic Revolutionary Guard Corps") is the actor of the full name
   (`variants.py`); otherwise
   a country word opening or closing the name is split off
   ("Chilean Armed Forces", "Labour Party of Chile") and, with the
   country given by the context ("Peru's defence ministry"), selects
   a country's body; otherwise a body learned earlier, otherwise a new one.
3. People: the mentions that name people (`people.py`: the NER's PERSON
   names, and names it missed or mislabelled), linked within the document
   (`local.py`), then bound to a known person or given a new identity
   (`registry.py`). A word the NER did not call a person that matches no
   known person is left alone; a NAME candidate then is dropped.
4. Bodies named by common nouns ("the presidential office", "the
   opposition"), "X's office" and "the X administration": the country comes
   from the context, or else from the country the document names most.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from watchfloor.records import Actor, Mention, PartialDate, Role
from watchfloor.resolve.context import CountryContext, country_of, split_country
from watchfloor.resolve.knowledge import normalise_name
from watchfloor.resolve.local import PersonGroup, PersonMention, link_people
from watchfloor.resolve.names import name_key, word_keys
from watchfloor.resolve.people import CANDIDATE_LABEL, DocumentPeople
from watchfloor.resolve.places import city_country
from watchfloor.resolve.profiles import (
    DESCRIPTOR_SEPARATOR,
    Profile,
    context_country,
    read_profile,
    split_title,
)
from watchfloor.resolve.variants import correct_slip, expand_acronym, is_acronym

if TYPE_CHECKING:
    from watchfloor.resolve.registry import ActorRegistry

PLACE_LABELS = frozenset({"GPE", "METONYM", "SEAT", "DEMONYM", "LOC"})
NAME_LABELS = frozenset({"ORG", "FAC", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})
# Only these unknown names become new organisations; the others must match a known actor.
NEW_ORG_LABELS = frozenset({"ORG", "NORP"})


@dataclass(frozen=True, slots=True)
class Resolution:
    """One document's mentions with actor ids, and the actors they refer to."""

    mentions: tuple[Mention, ...]
    actors: tuple[Actor, ...]


def resolve_document(
    registry: ActorRegistry, mentions: Sequence[Mention], published: PartialDate | None
) -> Resolution:
    """Resolve one document's mentions; see the module docstring for the passes."""
    return _Document(registry, mentions, published).run()


class _Document:
    def __init__(
        self, registry: ActorRegistry, mentions: Sequence[Mention], published: PartialDate | None
    ) -> None:
        self.registry, self.kb = registry, registry.kb
        self.mentions, self.published = list(mentions), published
        self.doc_id = mentions[0].doc_id if mentions else ""
        self.ids: list[str | None] = [None] * len(self.mentions)
        self.by_text: dict[str, Actor] = {}
        self.aliases: dict[str, list[str]] = {}
        self.roles: dict[str, list[Role]] = {}
        self.profiles: dict[str, Profile] = {}
        self.context: CountryContext | None = None
        self.people = DocumentPeople(registry, self.mentions, published)

    def run(self) -> Resolution:
        self._resolve_places()
        self._correct_place_slips()
        self.context = self._context()
        self._resolve_organisations()
        self._resolve_people()
        self._resolve_bodies()
        mentions = tuple(
            _resolved(mention, actor_id)
            for mention, actor_id in zip(self.mentions, self.ids, strict=True)
            if actor_id or mention.label != CANDIDATE_LABEL
        )
        actors = tuple(
            self.registry.learn(
                self.registry.get(actor_id) or Actor(actor_id, actor_id, "org"),
                self.aliases[actor_id],
                self.roles.get(actor_id, ()),
                self.profiles.get(actor_id, Profile()).country,
                self.profiles.get(actor_id, Profile()).sector,
            )
            for actor_id in self.aliases
        )
        return Resolution(mentions=mentions, actors=actors)

    # -- pass 1: places and dictionary names ---------------------------------

    def _resolve_places(self) -> None:
        for index, mention in enumerate(self.mentions):
            if mention.label in PLACE_LABELS:
                actor = self._dictionary_actor(mention.text, context=None)
                if actor is None:
                    actor = self._city(mention.text)
                    if actor is not None:  # a city is a place, never a party
                        self.mentions[index] = replace(mention, label="LOC")
            elif mention.label in NAME_LABELS:
                found = [actor for actor in self.kb.lookup(mention.text) if actor.kind != "person"]
                actor = found[0] if len(found) == 1 else None  # ambiguous: pass 2, with context
            else:
                continue
            if actor is not None:
                self._assign(index, actor)

    def _city(self, name: str) -> Actor | None:
        """The country of a city the dictionaries leave out ("Lyon"), from `places.py`."""
        country = city_country(name)
        return self.kb.get(country) if country else None

    def _correct_place_slips(self) -> None:
        """An unknown place name one letter off a place this document names ("Afganistan")."""
        named = self._named(PLACE_LABELS)
        for index, mention in enumerate(self.mentions):
            if self.ids[index] is None and mention.label in PLACE_LABELS:
                actor_id = correct_slip(mention.text, named)
                actor = self.registry.get(actor_id) if actor_id else None
                if actor is not None:
                    self._assign(index, actor)

    def _dictionary_actor(self, text: str, context: str | None) -> Actor | None:
        """A dictionary name; of several, the one of `context`, else of the most named country."""
        found = [actor for actor in self.kb.lookup(text) if actor.kind != "person"]
        if len(found) > 1:
            counts = self._context().counts
            found.sort(key=lambda actor: (actor.country != context, -counts[actor.country or ""]))
        if found:
            return found[0]
        country = self.kb.country_by_seat(text) or self.kb.country_by_demonym(text)
        return self.kb.get(country) if country else None

    # -- pass 2: organisations -------------------------------------------------

    def _resolve_organisations(self) -> None:
        # Acronyms last, so that the full names they stand for are resolved first.
        for index in sorted(range(len(self.mentions)), key=self._is_acronym_at):
            mention = self.mentions[index]
            if self.ids[index] or self._spelled_out(index):
                continue
            if mention.label not in NAME_LABELS or self.people.names_person(mention):
                continue
            actor = self._organisation(mention)
            if actor is not None:
                self._assign(index, actor, self._org_role(mention, actor))
        for index, mention in enumerate(self.mentions):
            if self._is_organisation_named_as_person(index, mention):
                self._assign(index, self.by_text[normalise_name(mention.text)])

    def _is_acronym_at(self, index: int) -> bool:
        return is_acronym(self.mentions[index].text)

    def _spelled_out(self, index: int) -> bool:
        """Resolve an acronym to the name it spells in this document; whether it did."""
        mention = self.mentions[index]
        if mention.label not in NAME_LABELS | PLACE_LABELS or not is_acronym(mention.text):
            return False
        actor_id = expand_acronym(mention.text, self._named(NAME_LABELS | PLACE_LABELS))
        actor = self.registry.get(actor_id) if actor_id else None
        if actor is not None:
            self._assign(index, actor)
        return actor is not None

    def _is_organisation_named_as_person(self, index: int, mention: Mention) -> bool:
        """A bare one-word PERSON that the document also names as an organisation ("Reuters")."""
        if self.ids[index] or mention.label != "PERSON" or mention.descriptor:
            return False
        actor = self.by_text.get(normalise_name(mention.text))
        return len(mention.text.split()) == 1 and actor is not None and actor.kind == "org"

    def _organisation(self, mention: Mention) -> Actor | None:
        core, country = split_country(mention.text, self.kb)
        country = country or context_country(mention.descriptor, self.kb, self._known)
        body = self.kb.body(country, core) if country else None
        body = body or self._dictionary_actor(core, country)
        if body is not None and (country is None or body.country in (None, country)):
            return body
        learned = self.registry.find_org(country, core) or self.registry.find_org(None, core)
        if learned is not None or mention.label not in NEW_ORG_LABELS:
            return learned
        sector = self.kb.title_sector(core)
        scope = country.lower() if country else None
        return self.registry.new_actor(core, "org", country, sector, scope=scope)

    def _org_role(self, mention: Mention, actor: Actor) -> Role | None:
        profile = read_profile(mention.descriptor, self.kb, self._known)
        if profile.sector is None or actor.kind != "org":
            return None
        return replace(profile, country=profile.country or actor.country).role(
            self.published, self.doc_id
        )

    # -- pass 3: people ----------------------------------------------------------

    def _resolve_people(self) -> None:
        people = [
            self._person_mention(index, mention)
            for index, mention in enumerate(self.mentions)
            if not self.ids[index] and self.people.names_person(mention)
        ]
        for group in link_people(people, self.people):
            if self._is_unknown_candidate(group):
                continue
            actor = self._person_actor(group)
            for member in group.members:
                role = member.profile.role(self.published, self.doc_id)
                self._assign(member.index, actor, role, member.profile, alias=member.name)

    def _person_mention(self, index: int, mention: Mention) -> PersonMention:
        title, name = split_title(mention)
        profile = read_profile(mention.descriptor, self.kb, self._known)
        parts = (mention.descriptor or "").split(DESCRIPTOR_SEPARATOR)
        described = bool(mention.descriptor) and (title is None or len(parts) > 1)
        tagged = mention.label == "PERSON" or title is not None
        return PersonMention(index, name, mention.sentence, profile, described, title, tagged)

    def _is_unknown_candidate(self, group: PersonGroup) -> bool:
        """A group of words the NER did not call a person that matched no one known."""
        if group.known is not None or group.full_names:
            return False
        return all(self.mentions[member.index].label != "PERSON" for member in group.members)

    def _person_actor(self, group: PersonGroup) -> Actor:
        if group.known is not None:
            return group.known
        names = group.full_names or [group.members[0].name]
        fullest = max(names, key=lambda name: len(name.split()))
        profile = group.profile
        return self.registry.new_actor(fullest, "person", profile.country, profile.sector)

    # -- pass 4: bodies, offices, administrations --------------------------------

    def _resolve_bodies(self) -> None:
        for index, mention in enumerate(self.mentions):
            if self.ids[index]:
                continue
            actor = None
            if mention.label == "BODY":
                actor = self._body(mention)
            elif mention.label == "COMPASS":
                actor = self._context().compass(mention.text)
            elif mention.label in ("OFFICE", "ADMINISTRATION"):
                actor = self._leader_body(mention)
            if actor is not None:
                self._assign(index, actor)

    def _body(self, mention: Mention) -> Actor | None:
        country = context_country(mention.descriptor, self.kb, self._known)
        country = country or self._context().near(mention)
        if country is None:
            return None
        body = self.kb.body(country, mention.text) or self._described_body(country, mention.text)
        if body is not None:
            return body
        sector = self.kb.title_sector(mention.text)
        return self.registry.find_org(country, mention.text) or self.registry.new_actor(
            mention.text.lower(), "org", country, sector, scope=country.lower()
        )

    def _described_body(self, country: str, phrase: str) -> Actor | None:
        """An organisation this or an earlier text described as `phrase` ("the opposition")."""
        sector = self.kb.title_sector(phrase)
        words = set(normalise_name(phrase).split())
        if sector is None:
            return None
        here = [self.registry.get(actor_id) for actor_id in self.roles]
        for actor in [*reversed(here), *reversed(self.registry.orgs_in(country))]:
            if actor is None or actor.kind != "org" or actor.country != country:
                continue
            for role in reversed(self.roles.get(actor.id, []) + list(actor.roles)):
                if role.sector == sector and words & set(role.title.split()):
                    return actor
        return None

    def _leader_body(self, mention: Mention) -> Actor | None:
        name = mention.text.rsplit(" ", 1)[0]
        name = name[:-2] if name.endswith(("'s", "’s")) else name
        leader = self._person_named(name)
        if mention.label == "OFFICE":
            return self._office_of(leader) if leader is not None else None
        place = self._dictionary_actor(name, None) if leader is None else None
        country = (leader and country_of(leader)) or (place and place.country)
        country = country or self._context().most_named()
        return self.kb.get(country) if country else None

    def _office_of(self, leader: Actor) -> Actor:
        """The office of a person: their country's presidential office for a president."""
        country = country_of(leader)
        for role in reversed(leader.roles):
            body = self.kb.body(country, f"{role.title}'s office") if country else None
            if body is not None:
                return body
        return leader

    def _person_named(self, name: str) -> Actor | None:
        key, words = name_key(name), word_keys(name)
        for index in reversed(range(len(self.mentions))):
            actor_id = self.ids[index]
            actor = self.registry.get(actor_id) if actor_id else None
            if actor is not None and actor.kind == "person":
                own = split_title(self.mentions[index])[1]
                if name_key(own) == key or (len(words) == 1 and words[0] in word_keys(own)):
                    return actor
        people = self.registry.by_full_name(name) or self._only(
            self.registry.by_surname(name, self.published)
        )
        return people[0] if people and len(words) <= 2 else None

    def _context(self) -> CountryContext:
        """The document's named countries (fixed once the places pass is done)."""
        if self.context is not None:
            return self.context
        named = []
        for mention, actor_id in zip(self.mentions, self.ids, strict=True):
            actor = self.registry.get(actor_id) if actor_id else None
            if mention.label in PLACE_LABELS and actor is not None and actor.kind == "country":
                named.append((mention, actor))
        return CountryContext(named)

    # -- shared ----------------------------------------------------------------

    def _named(self, labels: frozenset[str]) -> list[tuple[str, str]]:
        """(text, actor id) of the mentions with these labels resolved so far."""
        return [
            (mention.text, actor_id)
            for mention, actor_id in zip(self.mentions, self.ids, strict=True)
            if actor_id and mention.label in labels
        ]

    def _known(self, phrase: str) -> Actor | None:
        """A name as this document or the knowledge base knows it (for reading descriptors)."""
        actor = self.by_text.get(normalise_name(phrase))
        if actor is not None:
            return actor
        found = self.kb.lookup(phrase)
        if found:
            return found[0]
        country = self.kb.country_by_seat(phrase)
        if country:
            return self.kb.get(country)
        words = phrase.split()
        if not words or not all(word[:1].isupper() for word in words):
            return None  # people's names are capitalised: "main" is no one's surname here
        people = self.registry.by_full_name(phrase) if len(words) >= 2 else []
        if not people and not _is_initialism(words[-1]):
            people = self._only(self.registry.by_surname(words[-1], self.published))
        return people[0] if people else None

    @staticmethod
    def _only(people: list[Actor]) -> list[Actor]:
        """`people` when it holds one person; [] when the name is ambiguous."""
        return people if len(people) == 1 else []

    def _assign(
        self,
        index: int,
        actor: Actor,
        role: Role | None = None,
        profile: Profile | None = None,
        alias: str | None = None,
    ) -> None:
        """Resolve mention `index` to `actor`; `alias` is the name to remember if not the text."""
        mention = self.mentions[index]
        self.ids[index] = actor.id
        self.by_text.setdefault(normalise_name(mention.text), actor)
        self.aliases.setdefault(actor.id, []).append(alias or mention.text)
        if role is not None:
            self.roles.setdefault(actor.id, []).append(role)
        if profile is not None:
            self.profiles[actor.id] = self.profiles.get(actor.id, Profile()).merged(profile)


def _resolved(mention: Mention, actor_id: str | None) -> Mention:
    """The mention with its actor; a NAME candidate that was kept is a PERSON."""
    if actor_id is None:
        return mention
    label = "PERSON" if mention.label == CANDIDATE_LABEL else mention.label
    return replace(mention, actor_id=actor_id, label=label)


def _is_initialism(word: str) -> bool:
    """ "AP", "BBC", "U.N.": letters that stand for a name, never someone's surname."""
    letters = word.replace(".", "")
    return len(letters) <= 4 and letters.isalpha() and letters.isupper()
