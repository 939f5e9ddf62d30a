"""Which country a name or a description belongs to: from the name, or from the document.

Needs: the knowledge base, and the country mentions of one document in text order.
Gives: `split_country` ("Chilean Armed Forces" -> ("Armed Forces", "CHL")),
`country_of` for any actor, and `CountryContext`, which answers for a
definite description that leaves its country out ("the presidential
office", "the National Assembly"): the country named first in the same
sentence before it (English puts the subject first), else the first one of
the closest sentence before that names one, else the one the document names
most. It also finds the country "the North" stands for.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from watchfloor.records import Actor, Mention
from watchfloor.resolve.knowledge import KnowledgeBase

# Last words of an institution's name; only such names are scoped by a country word.
INSTITUTION_WORDS = frozenset(
    """ministry office department agency service assembly parliament party council committee
    commission court cabinet bureau directorate secretariat legislature senate congress army
    navy forces guard police command opposition""".split()  # noqa: SIM905 - a word list reads best as prose
)


def split_country(name: str, kb: KnowledgeBase) -> tuple[str, str | None]:
    """(core name, country) when a country word opens or closes an institution's name.

    "Chilean Armed Forces" and "Armed Forces of Chile" both give ("Armed
    Forces", "CHL"); "Bank of America" is left whole (not an institution word).
    """
    words = name.split()
    for size in range(len(words) - 1, 0, -1):
        head, rest = " ".join(words[:size]), " ".join(words[size:])
        country = kb.country_by_demonym(head) or _single_country(kb.lookup(head))
        if country and rest.split()[-1].casefold() in INSTITUTION_WORDS:
            return rest, country
    if " of " in name:
        core, _, place = name.rpartition(" of ")
        country = _single_country(kb.lookup(place))
        if country and core.split()[-1].casefold() in INSTITUTION_WORDS:
            return core, country
    return name, None


def country_of(actor: Actor) -> str | None:
    """The actor's country, or the country of the first of its roles that has one."""
    return actor.country or next((role.country for role in actor.roles if role.country), None)


class CountryContext:
    """The countries one document names, in text order, with the mentions naming them."""

    def __init__(self, named: Sequence[tuple[Mention, Actor]]) -> None:
        self._named = list(named)
        self.counts = Counter(actor.id for _, actor in self._named)

    def near(self, mention: Mention) -> str | None:
        """The country a description at `mention` most likely means (see the module doc)."""
        earlier = [(m.sentence, -m.start, a.id) for m, a in self._named if m.start < mention.start]
        if earlier:
            sentence = max(found[0] for found in earlier)
            return max(found for found in earlier if found[0] == sentence)[2]
        return self.most_named()

    def most_named(self) -> str | None:
        """The country named most (the first named on a tie)."""
        return self.counts.most_common(1)[0][0] if self.counts else None

    def compass(self, word: str) -> Actor | None:
        """ "the North": the one named country whose name starts with that word."""
        prefix = word.casefold() + " "
        found = {
            actor.id: actor
            for _, actor in self._named
            if any(name.casefold().startswith(prefix) for name in (actor.name, *actor.aliases))
        }
        return next(iter(found.values())) if len(found) == 1 else None


def _single_country(actors: Sequence[Actor]) -> str | None:
    countries = [actor.id for actor in actors if actor.kind == "country"]
    return countries[0] if len(countries) == 1 else None
