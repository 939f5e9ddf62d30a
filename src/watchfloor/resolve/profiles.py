"""Profiles: what a descriptor says about an actor, and whether two profiles can be one actor.

Needs: a mention's raw descriptor (see `nlp/mentions/descriptors.py`), the knowledge
base, and a way to look up names already resolved in the same document.
Gives: `Profile` (country, sector, title, organisation), `split_title` for
"President Soto" -> ("President", "Soto"), and the agreement checks used
before two mentions or two records are treated as one person.

How a descriptor part is read ("Chile's Defence Minister", "a Gulf analyst at
the Foo Institute in Doha", "the director of the Bar Ministry's Asia Department"):

* the title is the part without its leading country words and determiners,
  cut before the first preposition; its sector comes from the role-word table;
* the country comes from the opening words: a possessive ("Chile's"), a
  demonym ("Chilean"), a person's possessive ("President Soto's adviser" ->
  Soto's country), or a bare country name used before a state office ("US
  President"); a bare country name before a non-state role is a speciality
  ("a Gulf analyst"), not a nationality;
* failing that, from the first organisation, country or seat named after a
  preposition, when the title is a known role ("at the Foo Institute in Doha")
  or when the part is only a place the actor is of or from ("of Chile"); a
  state body or office named by a demonym counts ("a spokeswoman for the
  Peruvian foreign ministry", "an adviser to the Chilean president").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from watchfloor.records import Actor, Mention, PartialDate, Role
from watchfloor.resolve.knowledge import KnowledgeBase, normalise_name

# A name already resolved in this document -> its actor (countries, organisations, people).
NameLookup = Callable[[str], Actor | None]

DESCRIPTOR_SEPARATOR = "; "
# Sectors of people who hold or held state office: a career may move between them.
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "SPY", "COP", "PTY", "OPP", "ELI"})
# Head nouns that name a position only through their modifiers ("spy chief", "party leader").
GENERIC_HEADS = frozenset({"chief", "leader", "head", "director", "boss", "member", "figure"})
_PREPOSITIONS = frozenset({"of", "at", "from", "for", "to", "in", "with", "on", "under"})
_OPENING_NOISE = frozenset({"a", "an", "the", "then", "his", "her", "its", "their", "our", "now"})
_POSSESSIVE = re.compile(r"(?:'s|’s|s'|s’)$")
_MAX_NAME_WORDS = 7


@dataclass(frozen=True, slots=True)
class Profile:
    """What the text says about one actor; every field may be unknown."""

    title: str | None = None
    country: str | None = None
    sector: str | None = None
    organisation: str | None = None  # actor id

    def merged(self, other: Profile) -> Profile:
        """This profile with its unknown fields taken from `other`."""
        return Profile(
            title=self.title or other.title,
            country=self.country or other.country,
            sector=self.sector or other.sector,
            organisation=self.organisation or other.organisation,
        )

    def role(self, published: PartialDate | None, doc_id: str) -> Role | None:
        """A Role record when the profile names a recognised position."""
        if self.title is None or self.sector is None:
            return None
        return Role(
            title=self.title,
            country=self.country,
            sector=self.sector,
            organisation=self.organisation,
            stated=published,
            doc_id=doc_id,
        )


def split_title(mention: Mention) -> tuple[str | None, str]:
    """("President", "Soto") for "President Soto": the title is the descriptor's first part."""
    if mention.descriptor:
        title = mention.descriptor.split(DESCRIPTOR_SEPARATOR)[0]
        if mention.text.startswith(title + " "):
            return title, mention.text[len(title) + 1 :]
    return None, mention.text


def read_profile(descriptor: str | None, kb: KnowledgeBase, known: NameLookup) -> Profile:
    """The profile a whole descriptor gives: the first part that says something wins each field."""
    profile = Profile()
    for part in (descriptor or "").split(DESCRIPTOR_SEPARATOR):
        if part.strip():
            profile = profile.merged(_read_part(part, kb, known))
    return profile


def _read_part(part: str, kb: KnowledgeBase, known: NameLookup) -> Profile:
    words = part.split()
    while words and words[0].casefold() in _OPENING_NOISE:
        words = words[1:]
    cut = next((i for i, word in enumerate(words) if word.casefold() in _PREPOSITIONS), len(words))
    head, tail = words[:cut], words[cut:]
    opening = _opening_match(head, kb, known)
    title_words = head[opening[0] :] if opening else head
    title = " ".join(title_words).strip(" ,") or None
    sector = kb.title_sector(" ".join(words)) if title and _has_role_head(title, kb) else None
    country, organisation = _opening_evidence(opening, sector)
    if country is None and organisation is None and (sector is not None or not head):
        country, organisation = _tail_evidence(tail, kb, known)  # "of Chile" too
    return Profile(
        title=normalise_name(title) if title else None,
        country=country,
        sector=sector,
        organisation=organisation,
    )


def _has_role_head(title: str, kb: KnowledgeBase) -> bool:
    """Whether the title's head word names a position ("analyst"; not "party girl")."""
    head = title.split()[-1].casefold().strip(",.")
    return head in GENERIC_HEADS or kb.title_sector(head) is not None


def _opening_match(
    head: Sequence[str], kb: KnowledgeBase, known: NameLookup
) -> tuple[int, str, Actor] | None:
    """(words used, kind, actor) for the country, body or person words opening a title.

    Kind: "demonym" ("Chilean"), "possessive" ("Chile's", "Soto's") or
    "bare" ("US" in "US President").
    """
    for size in range(min(_MAX_NAME_WORDS, len(head) - 1), 0, -1):
        phrase = " ".join(head[:size])
        bare = _POSSESSIVE.sub("", phrase)
        demonym = kb.country_by_demonym(phrase)
        actor = kb.get(demonym) if demonym else known(bare) or _single_country(kb, bare)
        if actor is None or not (actor.country or actor.kind == "igo"):
            continue
        if demonym:
            return size, "demonym", actor
        return size, "possessive" if bare != phrase else "bare", actor
    return None


def _opening_evidence(
    opening: tuple[int, str, Actor] | None, sector: str | None
) -> tuple[str | None, str | None]:
    """(country, organisation id) the opening words give."""
    if opening is None:
        return None, None
    _, kind, actor = opening
    if kind == "bare" and actor.kind != "igo" and sector not in STATE_SECTORS:
        return None, None  # "a Gulf analyst": a speciality, not a nationality
    organisation = actor.id if actor.kind in ("org", "igo") else None
    return actor.country, organisation


def _tail_evidence(
    tail: Sequence[str], kb: KnowledgeBase, known: NameLookup
) -> tuple[str | None, str | None]:
    """(country, organisation id) from the bodies and places named after a preposition."""
    country, organisation = None, None
    position = 0
    while position < len(tail) and country is None:
        actor, size = _longest_known(tail, position, kb, known)
        if actor is not None:
            country = actor.country
            if organisation is None and actor.kind in ("org", "igo"):
                organisation = actor.id
        position += size
    return country, organisation


def _longest_known(
    words: Sequence[str], position: int, kb: KnowledgeBase, known: NameLookup
) -> tuple[Actor | None, int]:
    """The longest name known at `position` (not a demonym alone: "the Russian leader"), or
    a state body or office a demonym names ("the Peruvian foreign ministry"), and its size."""
    for size in range(min(_MAX_NAME_WORDS, len(words) - position), 0, -1):
        phrase = _POSSESSIVE.sub("", " ".join(words[position : position + size]))
        actor = known(phrase)
        if actor is not None and kb.country_by_demonym(phrase) is None:
            return actor, size
        body = _demonym_body(phrase.split(), kb)
        if body is not None:
            return body, size
    return None, 1


def _demonym_body(words: Sequence[str], kb: KnowledgeBase) -> Actor | None:
    """A state's body or office named by its demonym and its kind: "Peruvian foreign
    ministry" -> Peru's foreign ministry, "Chilean president" -> Chile ("a spokeswoman
    for the Peruvian foreign ministry", "an adviser to the Chilean president" are of
    that state); None for anything else ("the Russian economy", "a Russian journalist")."""
    country = kb.country_by_demonym(words[0]) if len(words) > 1 else None
    if country is None:
        return None
    kind = " ".join(words[1:]).strip(" ,.")
    body = kb.body(country, kind)
    if body is not None:
        return body
    return kb.get(country) if kb.title_sector(kind) in STATE_SECTORS else None


def context_country(descriptor: str | None, kb: KnowledgeBase, known: NameLookup) -> str | None:
    """The first country a body's context names ("Chile's", "the Lima", "Peruvian")."""
    for part in (descriptor or "").split(DESCRIPTOR_SEPARATOR):
        words = [word for word in part.split() if word.casefold() not in _OPENING_NOISE]
        opening = _opening_match([*words, ""], kb, known)
        if opening is not None and opening[2].country:
            return opening[2].country
        country, _ = _tail_evidence(words, kb, known)
        if country is not None:
            return country
    return None


def _single_country(kb: KnowledgeBase, name: str) -> Actor | None:
    countries = [actor for actor in kb.lookup(name) if actor.kind == "country"]
    return countries[0] if len(countries) == 1 else None


def sectors_agree(first: str | None, second: str | None) -> bool:
    """Unknown agrees with anything; state sectors agree with each other (careers move)."""
    if first is None or second is None or first == second:
        return True
    return first in STATE_SECTORS and second in STATE_SECTORS


def actor_agrees(actor: Actor, profile: Profile) -> bool:
    """Whether a known actor can be the one `profile` describes (country and role agree)."""
    countries = {actor.country, *(role.country for role in actor.roles)} - {None}
    if profile.country and countries and profile.country not in countries:
        return False
    sectors = {actor.sector, *(role.sector for role in actor.roles)} - {None}
    if profile.sector is None or not sectors:
        return True
    return any(sectors_agree(sector, profile.sector) for sector in sectors)


def profiles_agree(first: Profile, second: Profile) -> bool:
    if first.country and second.country and first.country != second.country:
        return False
    return sectors_agree(first.sector, second.sector)
