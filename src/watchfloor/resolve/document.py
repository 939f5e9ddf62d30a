"""Resolution of one document's mentions, in four passes.

Needs: the registry (knowledge base plus earlier documents), the mentions of
one document in text order, and its publication date.
Gives: a `Resolution`; each resolved mention carries the reason it went
to its actor (`Mention.reason`), which `watchfloor actors --explain` shows.

0. User dictionary: a mention whose text is a name or alias of an entry of
   the user's dictionary is that actor, before any other rule (a person so
   pinned still anchors the bare surnames that follow).
1. Places and dictionary names: country names, capitals and seats (as
   metonyms or places), demonyms, IGOs and bundled bodies, by dictionary
   lookup; of several actors with one name, that of the country the
   document names most. A place name no dictionary knows that misspells
   one the document names by a letter is that place (`variants.py`). A
   country or city reading whose country the document names no other way
   gives way to a city or US state of that name in the region of another
   place it names ("Georgia" in a story from Atlanta; `places.local_country`).
2. Organisations: an acronym the document spells out ("IRGC" before or after
   "Islamic Revolutionary Guard Corps") is the actor of the full name
   (`variants.py`); otherwise
   a country word opening or closing the name is split off
   ("Chilean Armed Forces", "Labour Party of Chile") and, with the
   country given by the context ("Peru's defence ministry"), selects
   a country's body; a name several countries' bodies share ("National
   Assembly") is the body of the country the document names most, and of
   none when it names none of them; otherwise a body learned earlier,
   otherwise a new one.
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
from watchfloor.resolve.kinship import names_relative
from watchfloor.resolve.knowledge import normalise_name
from watchfloor.resolve.local import PersonGroup, PersonMention, link_people
from watchfloor.resolve.name_spans import complete_name, trim_name
from watchfloor.resolve.names import name_key, word_keys
from watchfloor.resolve.people import CANDIDATE_LABEL, DocumentPeople
from watchfloor.resolve.places import MIN_NAMED_PLACE_POPULATION, city_country, local_country
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
        self.reasons: list[str | None] = [None] * len(self.mentions)
        self.pinned: dict[int, Actor] = {}  # person mentions the user dictionary names
        self.by_text: dict[str, Actor] = {}
        self.aliases: dict[str, list[str]] = {}
        self.roles: dict[str, list[Role]] = {}
        self.profiles: dict[str, Profile] = {}
        self.context: CountryContext | None = None
        self.people = DocumentPeople(registry, self.mentions, published, self._named_ids)

    def run(self) -> Resolution:
        self._resolve_user_names()
        self._resolve_places()
        self._correct_place_slips()
        self._read_local_places()
        self.context = self._context()
        self._resolve_organisations()
        self._resolve_people()
        self._resolve_bodies()
        inside = self._contradicted_country_words()
        mentions = tuple(
            _resolved(mention, actor_id, reason)
            for index, (mention, actor_id, reason) in enumerate(
                zip(self.mentions, self.ids, self.reasons, strict=True)
            )
            if (actor_id or mention.label != CANDIDATE_LABEL) and index not in inside
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

    def _contradicted_country_words(self) -> set[int]:
        """Country words inside a name of another country's body ("Korean" in "Korean
        Central News Agency", North Korea's): part of the name, not a mention of their own."""
        dropped = set()
        for index, mention in enumerate(self.mentions):
            actor_id = self.ids[index]
            if mention.label not in PLACE_LABELS or actor_id is None:
                continue
            for other, other_id in zip(self.mentions, self.ids, strict=True):
                if other is mention or other_id is None or other.label in PLACE_LABELS:
                    continue
                if not other.start <= mention.start < mention.end <= other.end:
                    continue
                container = self.registry.get(other_id)
                if container is not None and container.country not in (None, actor_id):
                    dropped.add(index)
        return dropped

    # -- pass 0: the user's dictionary -----------------------------------------

    def _resolve_user_names(self) -> None:
        for index, mention in enumerate(self.mentions):
            found = self.kb.user_actors(mention.text) or self.kb.user_actors(
                split_title(mention)[1]
            )
            if len(found) != 1:
                continue
            if found[0].kind == "person":
                self.pinned[index] = found[0]
            else:
                self._assign(index, found[0], reason="user dictionary entry")

    # -- pass 1: places and dictionary names ---------------------------------

    def _resolve_places(self) -> None:
        for index, mention in enumerate(self.mentions):
            if self.ids[index] or index in self.pinned:
                continue
            reason = "dictionary name"
            if mention.label in PLACE_LABELS:
                actor = self._dictionary_actor(mention.text, context=None)
                if actor is None and self.people.is_surname_named(mention.text):
                    continue  # "Anger, Stirling and the DA's office": Phillip Stirling
                if actor is None:
                    least = MIN_NAMED_PLACE_POPULATION if mention.label == "GPE" else None
                    actor, reason = self._city(mention.text, least), "city of the places table"
                    if actor is not None:  # a city is a place, never a party
                        self.mentions[index] = replace(mention, label="LOC")
            elif mention.label in NAME_LABELS:
                found = [actor for actor in self.kb.lookup(mention.text) if actor.kind != "person"]
                actor = found[0] if len(found) == 1 else None  # ambiguous: pass 2, with context
            else:
                continue
            if actor is not None:
                self._assign(index, actor, reason=reason)

    def _city(self, name: str, least: int | None = None) -> Actor | None:
        """The country of a city the dictionaries leave out ("Lyon"), from `places.py`;
        `least` people or more, when given."""
        country = city_country(name) if least is None else city_country(name, least)
        return self.kb.get(country) if country else None

    def _correct_place_slips(self) -> None:
        """An unknown place name one letter off a place this document names ("Afganistan")."""
        named = self._named(PLACE_LABELS)
        for index, mention in enumerate(self.mentions):
            if self.ids[index] is None and mention.label in PLACE_LABELS:
                actor_id = correct_slip(mention.text, named)
                actor = self.registry.get(actor_id) if actor_id else None
                if actor is not None:
                    self._assign(index, actor, reason="misspelling of a place the document names")

    def _read_local_places(self) -> None:
        """Place names read as a city or state in the region of another named place."""
        places = [
            (index, mention, actor_id)
            for index, (mention, actor_id) in enumerate(zip(self.mentions, self.ids, strict=True))
            if actor_id and mention.label in PLACE_LABELS
        ]
        for index, mention, actor_id in places:
            own = normalise_name(mention.text)
            others = [(m.text, other) for _, m, other in places if normalise_name(m.text) != own]
            actor = self.registry.get(actor_id)
            if actor is None or actor.kind != "country" or actor_id in dict(others).values():
                continue  # the country is named another way ("Tbilisi")
            country = local_country(mention.text, others)
            local = self.kb.get(country) if country and country != actor_id else None
            if local is not None:
                self.aliases[actor_id].remove(mention.text)
                if not self.aliases[actor_id]:
                    del self.aliases[actor_id]
                self.by_text[own] = local
                self.mentions[index] = replace(mention, label="LOC")
                self._assign(index, local, reason="place in the region of a place the text names")

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
            if self.ids[index] or index in self.pinned or self._spelled_out(index):
                continue
            if mention.label not in NAME_LABELS or self.people.names_person(mention):
                continue
            actor, reason = self._organisation(mention)
            if actor is not None:
                self._assign(index, actor, self._org_role(mention, actor), reason=reason)
        for index, mention in enumerate(self.mentions):
            if self._is_organisation_named_as_person(index, mention):
                actor = self.by_text[normalise_name(mention.text)]
                self._assign(index, actor, reason="organisation the document names so")

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
            self._assign(index, actor, reason="acronym of a name the document spells out")
        return actor is not None

    def _is_organisation_named_as_person(self, index: int, mention: Mention) -> bool:
        """A bare one-word PERSON that the document also names as an organisation ("Reuters")."""
        if self.ids[index] or mention.label != "PERSON" or mention.descriptor:
            return False
        actor = self.by_text.get(normalise_name(mention.text))
        return len(mention.text.split()) == 1 and actor is not None and actor.kind == "org"

    def _organisation(self, mention: Mention) -> tuple[Actor | None, str]:
        """The organisation a name means, and why."""
        core, country = split_country(mention.text, self.kb)
        how = "its name" if country else "its context"
        country = country or context_country(mention.descriptor, self.kb, self._known)
        body = self.kb.body(country, core) if country else None
        body = body or self._dictionary_actor(core, country)
        if body is not None and country is None and self._is_guess(core, body):
            body = None  # "National Assembly" in a story naming none of the countries that have one
        if body is not None and (country is None or body.country in (None, country)):
            return body, f"body of {country} by {how}" if country else "dictionary name"
        learned = self.registry.find_org(country, core) or self.registry.find_org(None, core)
        if learned is not None or mention.label not in NEW_ORG_LABELS:
            return learned, "organisation learned earlier"
        sector = self.kb.title_sector(core)
        scope = country.lower() if country else None
        new = self.registry.new_actor(core, "org", country, sector, scope=scope)
        return new, "new organisation" + (f" of {country} by {how}" if country else "")

    def _named_first(self, found: Sequence[Actor]) -> Actor | None:
        """Of actors sharing a name, the one of the country the document names most;
        None when they are of several countries and it names none of them."""
        counts = self._context().counts
        best = max(found, key=lambda actor: counts[actor.country or ""])
        countries = {actor.country for actor in found}
        return best if len(countries) < 2 or counts[best.country or ""] else None

    def _is_guess(self, name: str, body: Actor) -> bool:
        """Whether `body` is one of several countries' bodies so named, of a country
        the document does not name."""
        found = {actor.country for actor in self.kb.lookup(name) if actor.kind != "person"}
        return (
            len(found) > 1 and body.country is not None and not self._context().counts[body.country]
        )

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
            if not self.ids[index] and (index in self.pinned or self.people.names_person(mention))
        ]
        for group in link_people(people, self.people):
            if self._is_unknown_candidate(group):
                continue
            actor = self._person_actor(group)
            for member in group.members:
                role = member.profile.role(self.published, self.doc_id)
                reason = group.reasons.get(member.index)
                self._assign(
                    member.index, actor, role, member.profile, alias=member.name, reason=reason
                )

    def _person_mention(self, index: int, mention: Mention) -> PersonMention:
        title, name = split_title(mention)
        name = self._repaired_name(name)
        profile = read_profile(mention.descriptor, self.kb, self._known)
        parts = (mention.descriptor or "").split(DESCRIPTOR_SEPARATOR)
        described = bool(mention.descriptor) and (title is None or len(parts) > 1)
        tagged = mention.label == "PERSON" or title is not None
        relative = names_relative(mention.descriptor)
        return PersonMention(
            index,
            name,
            mention.sentence,
            profile,
            described,
            title,
            tagged,
            relative=relative,
            pinned=self.pinned.get(index),
        )

    def _repaired_name(self, name: str) -> str:
        """The name completed or trimmed against the document's other names (`name_spans.py`)."""
        names = [split_title(other)[1] for other in self.mentions if other.label == "PERSON"]
        name = complete_name(name, names)
        registry = self.registry
        return trim_name(
            name, names, lambda shorter: bool(registry.by_full_name(shorter)), self.kb.is_name_word
        )

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
            actor, reason = None, ""
            if mention.label == "BODY":
                actor, reason = self._body(mention)
            elif mention.label == "COMPASS":
                actor = self._context().compass(mention.text)
                reason = "the one named country whose name starts with the word"
            elif mention.label in ("OFFICE", "ADMINISTRATION"):
                actor = self._leader_body(mention)
                reason = "office or government of the person or country it names"
            if actor is not None:
                self._assign(index, actor, reason=reason)

    def _body(self, mention: Mention) -> tuple[Actor | None, str]:
        """The body a common-noun phrase names, and why (the evidence for its country)."""
        country = context_country(mention.descriptor, self.kb, self._known)
        how = f"{country} named in its own words" if country else ""
        if country is None and self.kb.is_state_media(mention.text):
            # State media belong to the country of the outlet the document names, never
            # to the nearest country mention (a Pyongyang agency quoted in a Seoul story).
            outlet = self._named_state_media()
            return outlet, "the state media outlet the document names" if outlet else ""
        if country is None:
            country = self._context().near(mention)
            how = f"{country}, the country named nearest before it"
        if country is None:
            return None, ""
        body = self.kb.body(country, mention.text) or self._described_body(country, mention.text)
        if body is not None:
            return body, f"body of {how}"
        sector = self.kb.title_sector(mention.text)
        learned = self.registry.find_org(country, mention.text)
        if learned is not None:
            return learned, f"body learned earlier, of {how}"
        new = self.registry.new_actor(
            mention.text.lower(), "org", country, sector, scope=country.lower()
        )
        return new, f"new body of {how}"

    def _named_state_media(self) -> Actor | None:
        """The one state media outlet this document has named so far, if only one."""
        found = {
            actor.id: actor
            for actor in map(self.registry.get, filter(None, self.ids))
            if actor is not None and self.kb.is_state_media_actor(actor)
        }
        return next(iter(found.values())) if len(found) == 1 else None

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
        if place is not None and place.kind == "igo":
            return place  # "EU governments": the organisation's members, acting as one
        country = (leader and country_of(leader)) or (place and place.country)
        country = country or self._namesakes_country(name) or self._context().most_named()
        return self.kb.get(country) if country else None

    def _namesakes_country(self, name: str) -> str | None:
        """The one country of every known person so named: "the Roh administration" is
        South Korea's whichever President Roh it means."""
        countries = {country_of(person) for person in self.people.by_surname(name)}
        return countries.pop() if len(countries) == 1 else None

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
        people = self.registry.by_full_name(name) or self._only(self.people.by_surname(name))
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

    def _named_ids(self) -> set[str]:
        """The actors this document's mentions resolve to so far, and the countries of
        the dictionary's among them (a learned actor's country may be a mistake)."""
        named = set(filter(None, self.ids))
        bundled = (self.kb.get(actor_id) for actor_id in named)
        return named | {actor.country for actor in bundled if actor and actor.country}

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
            return self._named_first(found)
        country = self.kb.country_by_seat(phrase)
        if country:
            return self.kb.get(country)
        words = phrase.split()
        if not words or not all(word[:1].isupper() for word in words):
            return None  # people's names are capitalised: "main" is no one's surname here
        people = self.registry.by_full_name(phrase) if len(words) >= 2 else []
        if not people and not _is_initialism(words[-1]):
            # A word no dictionary name has ("Court", "Rule") is a surname only spelt
            # as a person in office has it; and a bare name needs evidence (`people.py`).
            strict = not self.kb.is_name_word(words[-1])
            people = self._only(self.people.by_surname(words[-1], strict=strict))
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
        reason: str | None = None,
    ) -> None:
        """Resolve mention `index` to `actor`; `alias` is the name to remember if not the text."""
        mention = self.mentions[index]
        self.ids[index] = actor.id
        self.reasons[index] = reason
        self.by_text.setdefault(normalise_name(mention.text), actor)
        self.aliases.setdefault(actor.id, []).append(alias or mention.text)
        if role is not None:
            self.roles.setdefault(actor.id, []).append(role)
        if profile is not None:
            self.profiles[actor.id] = self.profiles.get(actor.id, Profile()).merged(profile)


def _resolved(mention: Mention, actor_id: str | None, reason: str | None) -> Mention:
    """The mention with its actor and reason; a NAME candidate that was kept is a PERSON."""
    if actor_id is None:
        return mention
    label = "PERSON" if mention.label == CANDIDATE_LABEL else mention.label
    return replace(mention, actor_id=actor_id, label=label, reason=reason)


def _is_initialism(word: str) -> bool:
    """ "AP", "BBC", "U.N.": letters that stand for a name, never someone's surname."""
    letters = word.replace(".", "")
    return len(letters) <= 4 and letters.isalpha() and letters.isupper()
