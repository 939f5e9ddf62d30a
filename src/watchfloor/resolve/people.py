"""Which mentions of one document name people, and who is known by a name before it.

Needs: the document's mentions, the registry (bundled office holders and the
people of earlier documents) and the publication date.
Gives: `DocumentPeople`, which answers `names_person(mention)` for the people
pass of `document.py` and is the `local.KnownPeople` that `link_people` asks.

A mention names a person when the NER says so (PERSON), and otherwise when:

* it is a full name or a word of a full name of a person the document names
  ("Quispe" tagged ORG after "Jorge Quispe"); a NAME candidate (a capitalised
  word only its place in the sentence suggested, `nlp/mentions/bare_names.py`) must be
  spelt alike (`variants.spelt_alike`) a word of any name the NER tagged as
  a person, so "Set" never joins "Seth";
* it is one word the document's NER called a person more often than
  anything else ("Ossery" tagged ORG once and PERSON twice);
* it is one word shaped like a surname, not a role word ("Sheriff"), that is
  the family name of a bundled person in office on the publication date
  ("Zelenskiy" tagged ORG, "Yoon" tagged GPE); a title before it ("Minister
  Vera") makes it a name, so the looser rule for people's names applies.

The rules for a bare family name are `ActorRegistry.by_surname`; of several
people, a title keeps those holding the office it names ("Defence Minister
Kim" among several Kims in office).

A bare word needs evidence before it means a bundled office holder (`attested`):
the document names the person's country (or organisation), or the person holds
an office the dictionaries name (on the document's date, when it has one).
Most bundled people are known only by a rank ("government official" of a small
state, from the Phoenix lists), so a given name ("Ben"), a name particle ("van")
or a common word ("Court", "Rule") that sounds like theirs never makes a
Marshallese or Antiguan party of a story that never names their country.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from watchfloor.records import Actor, Mention, PartialDate, Role
from watchfloor.resolve.context import country_of
from watchfloor.resolve.knowledge import in_office, normalise_name
from watchfloor.resolve.names import name_key, plain_spelling, word_keys
from watchfloor.resolve.profiles import split_title
from watchfloor.resolve.variants import spelt_alike

if TYPE_CHECKING:
    from watchfloor.resolve.registry import ActorRegistry

# A capitalised word only its place in the sentence made a candidate (`nlp/mentions/bare_names.py`).
CANDIDATE_LABEL = "NAME"
# One word written as a surname: a capital, then small letters ("al-Burhan", "O'Neill").
_SURNAME_SHAPE = re.compile(r"^(?:[a-z]{1,3}-|[A-Z]['’])?[A-Z][a-z]+(?:['’-]?[A-Za-z][a-z]+)*$")
# Head words of role titles that name a rank, not an office ("government official").
RANK_WORDS = frozenset({"official", "officials"})


class DocumentPeople:
    """The people one document names, and those known before it, by name."""

    def __init__(
        self,
        registry: ActorRegistry,
        mentions: Sequence[Mention],
        published: PartialDate | None,
        named: Callable[[], Collection[str]] = frozenset,
    ) -> None:
        """`named` gives the ids of the countries and bodies the document names so far."""
        self.registry, self.published, self._named = registry, published, named
        self._keys: set[str] = set()  # phonetic keys of full names and of their words
        self._spellings: set[str] = set()  # the words of all names, folded
        # Per one-word name: how many more times the NER called it a person than not.
        self._person_votes: Counter[str] = Counter()
        self._surnames: set[str] = set()  # last words of full names, normalised
        for mention in mentions:
            name = split_title(mention)[1]
            if len(mention.text.split()) == 1:
                vote = 1 if mention.label == "PERSON" else -1
                self._person_votes[normalise_name(mention.text)] += vote
            if mention.label != "PERSON":
                continue
            self._spellings.update(map(plain_spelling, name.split()))
            if len(name.split()) >= 2:
                self._keys.update(word_keys(name))
                self._keys.add(name_key(name))
                self._surnames.add(normalise_name(name.split()[-1]))

    def is_surname_named(self, text: str) -> bool:
        """Whether a one-word name is the surname of a person the document names in full
        ("Stirling" after "Phillip Stirling"): that person, not a town of the name."""
        return len(text.split()) == 1 and normalise_name(text) in self._surnames

    def names_person(self, mention: Mention) -> bool:
        """Whether the mention names a person (see the module doc)."""
        if mention.label == "PERSON":
            return True
        title, name = split_title(mention)
        if mention.label == CANDIDATE_LABEL:
            spelling = plain_spelling(name)
            if any(spelt_alike(spelling, known) for known in self._spellings):
                return True
        elif name_key(mention.text) in self._keys:
            return True
        elif self._person_votes[normalise_name(mention.text)] > 0:
            return True  # "Cheeks" tagged ORG once and PERSON six times
        if len(mention.text.split()) >= 2 and self.registry.by_full_name(mention.text):
            return True
        if not _SURNAME_SHAPE.match(name) or self.registry.kb.title_sector(name):
            return False  # "Ky." and "LIN" are no surnames; "Sheriff" is a role
        found = self.registry.by_surname(name, self.published, strict=title is None)
        return bool(self.attested(found))

    def by_full_name(self, name: str) -> list[Actor]:
        return self.registry.by_full_name(name)

    def by_middle_name(self, name: str) -> list[Actor]:
        return self.registry.by_middle_name(name)

    def by_other_generation(self, name: str) -> list[Actor]:
        return self.registry.by_other_generation(name)

    def by_surname(self, word: str, title: str | None = None, strict: bool = False) -> list[Actor]:
        """Known people `word` can mean; of several, those holding the office `title` names."""
        people = self.attested(self.registry.by_surname(word, self.published, strict))
        if title is None or len(people) < 2:
            return people
        return self.holding(people, title) or people

    def title_holders(self, word: str, title: str, strict: bool = False) -> list[Actor]:
        """Known people `word` can mean who hold the office `title` names ("Premier")."""
        return self.holding(self.registry.by_surname(word, self.published, strict), title)

    def attested(self, people: Sequence[Actor]) -> list[Actor]:
        """The people a bare name may mean on this document's evidence (see the module doc).

        People learned from earlier documents are kept; a bundled person only when
        the document names their country or organisation, or when they hold an
        office by name (not a rank: "government official") on its date, or ever
        when it has none.
        """
        kb, named = self.registry.kb, set(self._named())
        return [
            actor
            for actor in people
            if kb.get(actor.id) is None
            or country_of(actor) in named
            or any(role.organisation in named for role in actor.roles if role.organisation)
            or self._holds_named_office(actor)
        ]

    def _holds_named_office(self, actor: Actor) -> bool:
        offices = tuple(role for role in actor.roles if not _is_rank(role))
        if self.published is None:
            return bool(offices)
        return in_office(replace(actor, roles=offices), self.published)

    def holding(self, people: Sequence[Actor], title: str) -> list[Actor]:
        kb, on = self.registry.kb, self.published
        return [actor for actor in people if kb.holds_office(actor, title, on)]


def _is_rank(role: Role) -> bool:
    """Whether a role's title names only a rank ("defence ministry official")."""
    words = role.title.split()
    return not words or words[-1].casefold() in RANK_WORDS
