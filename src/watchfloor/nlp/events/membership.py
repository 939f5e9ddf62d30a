"""Acts of joining an organisation: who joins, and toward whom the act is aimed.

Needs: a trigger token of an act already coded with its actor and recipient lists,
and the article's `PartyIndex`.
Gives: the parties PLOVER reads from a membership act, where the clause is one:

* joining an organisation is done toward it, not with it as an equal: "Chile and
  Peru joined the OAS" -> Chile, Peru -> OAS (not a two-sided act of all three);
* signing or ratifying an accession (accession treaty, papers or instruments of
  accession, admission protocol) is aimed at the organisation acceded to: the one
  the clause names ("its accession to the alliance", "the OAS accession treaty"),
  else the organisation the article names most;
* ratifying or approving an organisation's expansion or enlargement "to include X"
  is aimed at the newcomers X.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from watchfloor.nlp.events.arguments import children, content_object, is_organisation, prep_objects
from watchfloor.nlp.mentions.parties import PartyIndex

Token = Any  # spacy.tokens.Token; spaCy ships no type hints

# Verbs whose object, or "to/into X", is the organisation entered.
JOIN_VERBS = frozenset({"join", "rejoin", "accede", "enter"})
_JOINED_PREPS = ("to", "into")
# Words that make a document or a process one of accession ("accession treaty",
# "papers of accession", "admission protocol", "membership application").
ACCESSION_WORDS = frozenset({"accession", "admission", "membership"})
# Verbs that carry an accession forward ("signed the accession treaty", "ratified
# Sweden's membership"); suspending or revoking a membership is no accession.
_ACCEDING_VERBS = frozenset(
    {"sign", "ratify", "approve", "submit", "deposit", "complete", "endorse", "file", "seek"}
)
# An organisation's growth: "NATO expansion to include X", "the enlargement to X".
GROWTH_WORDS = frozenset({"expansion", "enlargement", "widening"})
_INCLUDING = frozenset({"include", "admit", "take"})
_OWNER_DEPS = frozenset({"compound", "poss", "amod", "nmod"})


@dataclass(frozen=True, slots=True)
class Membership:
    """The parties of a membership act."""

    actor: list[str]
    recipient: list[str]
    source: str  # "clause" when its clause names the recipient, "discourse" when the article


def membership_parties(
    trigger: Token, actor: list[str], recipient: list[str], parties: PartyIndex
) -> Membership | None:
    """The parties of a membership act (see the module docstring), or None when the
    trigger's clause is no such act and its parties stand as they are."""
    if trigger.pos_ not in ("VERB", "AUX"):
        return None
    if trigger.lemma_.lower() in JOIN_VERBS:
        return _joined(trigger, actor, parties)
    for thing in map(content_object, children(trigger, "dobj", "nsubjpass")):
        if _is_accession(thing) and trigger.lemma_.lower() in _ACCEDING_VERBS:
            named = _organisations(thing, parties)
            joined = named or _article_organisation(parties)
            doers = [party for party in actor + recipient if party not in joined]
            if joined and doers:
                return Membership(doers, joined, "clause" if named else "discourse")
        if thing.lemma_.lower() in GROWTH_WORDS:
            newcomers = _newcomers(thing, parties)
            doers = [party for party in actor if party not in newcomers]
            if newcomers and doers:
                return Membership(doers, newcomers, "clause")
    return None


def _joined(verb: Token, actor: list[str], parties: PartyIndex) -> Membership | None:
    """The organisations a verb of joining names as what is joined, taken out of the
    actors: "X joined NATO"; None when it joins no organisation ("joined the US in
    condemning", "entered the capital")."""
    entered = list(children(verb, "dobj")) + list(prep_objects(verb, _JOINED_PREPS))
    named = [party for thing in entered for party in parties.phrase_parties(thing)]
    joined = [party for party in named if is_organisation(party)]
    if not joined:
        return None
    doers = [party for party in actor if party not in joined]
    return Membership(doers, list(dict.fromkeys(joined)), "clause") if doers else None


def _is_accession(thing: Token) -> bool:
    """A document or process of accession: "the accession treaty", "papers of accession",
    "Hungary's membership application", "the accession"."""
    if thing.lemma_.lower() in ACCESSION_WORDS:
        return True
    modifiers = [child for child in thing.children if child.dep_ in ("compound", "amod")]
    modifiers += list(prep_objects(thing, ("of", "for")))
    return any(word.lemma_.lower() in ACCESSION_WORDS for word in modifiers)


def _organisations(thing: Token, parties: PartyIndex) -> list[str]:
    """The organisations named in an accession phrase: "its accession to the alliance",
    "the NATO accession treaty", "papers of accession to the OAS"."""
    found = [party for word in thing.subtree if (party := _organisation_at(word, parties))]
    return list(dict.fromkeys(found))


def _organisation_at(word: Token, parties: PartyIndex) -> str | None:
    party = parties.party_at(word)
    return party.id if party is not None and is_organisation(party.id) else None


def _article_organisation(parties: PartyIndex) -> list[str]:
    """The organisation the article names most often, when one leads."""
    counts: Counter[str] = Counter()
    previous: str | None = None
    for word in parties.doc:
        found = _organisation_at(word, parties)
        if found is not None and found != previous:
            counts[found] += 1  # once per mention, not once per word of it
        previous = found
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return []
    return [ranked[0][0]]


def _newcomers(growth: Token, parties: PartyIndex) -> list[str]:
    """Whom an organisation's growth takes in: "expansion to include X", "enlargement
    to X"."""
    found: list[str] = []
    clauses = list(children(growth, "acl", "relcl"))
    # the parser may hang "to include X" on the verb: "ratified NATO expansion to include X"
    after = growth.right_edge.i + 1
    clauses += [c for c in children(growth.head, "advcl", "xcomp") if c.left_edge.i == after]
    for clause in clauses:
        if clause.lemma_.lower() in _INCLUDING:
            for thing in children(clause, "dobj"):
                found += parties.phrase_parties(thing)
    for thing in prep_objects(growth, ("to",)):
        found += parties.phrase_parties(thing)
    return [party for party in dict.fromkeys(found) if not is_organisation(party)]
