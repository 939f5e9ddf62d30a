"""Does a place name act, or is it only a place? Decided from the dependency parse.

Needs: the head token of a place-name mention ("Lima", "La Moneda").
Gives: `acts_as_actor(token)`: True when the name stands for a government
("Lima said", "pushing Lima to arm Quito", "Lima's stance", "relations with
Santiago", "aid to Quito"), False when it is a location ("a conference in
Lima", "a visit to Quito").

The decision is by syntactic role, never by a list of sentences: the subject
or agent of a clause acts; so does a possessor; so does the object of a verb
of influence, communication or support, the object of "with"/"between"
after a word for a relation or a joint act, the object of "with"/"against" after
a word for a grievance, and the object of "to"/"for"/"on" after a word for a
transfer or for pressure. A conjunct takes the role of the first
conjunct. The word classes below are English vocabulary, not names.
"""

from __future__ import annotations

from typing import Any

Token = Any  # spacy.tokens.Token; spaCy ships no type hints

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "dative", "iobj", "obj"})
# Verbs whose object is a party that is influenced, addressed, helped or opposed.
INFLUENCE_VERBS = frozenset(
    """push pressure pressurise pressurize urge ask press persuade convince lobby thank warn
    accuse blame criticise criticize condemn denounce praise welcome support back help aid arm
    assist supply provide equip fund finance sanction punish threaten reassure assure tell
    inform notify call invite join reject rebuff snub court engage recognise recognize defend
    protect oppose fight allow permit deny refuse request petition demand encourage""".split()  # noqa: SIM905 - a word list reads best as prose
)
# Nouns for a relation between parties: the objects of "with"/"between" after them act.
RELATION_NOUNS = frozenset(
    """relation relations relationship tie ties talk talks tension tensions dialogue cooperation
    agreement deal pact treaty alliance partnership negotiation negotiations bridge bridges
    conflict war dispute rift rapprochement summit meeting contact contacts friction rivalry
    trade exchange exchanges drill drills exercise exercises hotline""".split()  # noqa: SIM905 - a word list reads best as prose
)
# Nouns and verbs for a transfer or a demand: the objects of "to"/"for"/"on"/"from" act.
TRANSFER_WORDS = frozenset(
    """aid assistance support supply supplies weapon weapons arm arms shipment shipments
    delivery deliveries export exports loan loans help pressure demand demands request
    requests call calls sanction sanctions threat threats commitment pledge message letter
    warning ultimatum send transfer sell deliver export lend donate give pledge""".split()  # noqa: SIM905 - a word list reads best as prose
)
# Words for a grievance: the objects of "with"/"against"/"to" after them act ("lodged a
# protest with Tokyo", "a complaint against Moscow", "protested to Seoul").
GRIEVANCE_WORDS = frozenset(
    """protest protests complaint complaints objection objections grievance case lawsuit suit
    charge charges accusation accusations allegation allegations claim claims proceeding
    proceedings action representation representations complain""".split()  # noqa: SIM905 - a word list reads best as prose
)
# Verbs done together, or that start or stop what is done together: the objects of
# "with" after them act ("signed a deal with Seoul", "broke with Moscow", "suspended
# exchanges with Beijing").
JOINT_VERBS = frozenset(
    """sign agree meet talk negotiate cooperate trade clash fight side ally reconcile normalise
    normalize break consult discuss spar quarrel wrangle suspend resume sever restore halt
    freeze""".split()  # noqa: SIM905 - a word list reads best as prose
)
_ACTOR_PREPOSITIONS = {
    "with": RELATION_NOUNS | GRIEVANCE_WORDS | JOINT_VERBS,
    "between": RELATION_NOUNS,
    "among": RELATION_NOUNS,
    "against": RELATION_NOUNS | TRANSFER_WORDS | GRIEVANCE_WORDS,
    "to": TRANSFER_WORDS | GRIEVANCE_WORDS,
    "for": TRANSFER_WORDS,
    "on": TRANSFER_WORDS,
    "from": TRANSFER_WORDS,
}
_COPULAS = frozenset({"be", "become", "remain"})


def acts_as_actor(token: Token) -> bool:
    """Whether the name headed by `token` stands for an acting government or body."""
    for _ in range(8):  # follow conjuncts and appositions up to the first member
        if token.dep_ not in ("conj", "appos") or token.head is token:
            break
        token = token.head
    dep = token.dep_
    if dep in SUBJECT_DEPS:
        return not _is_copular_place(token)
    if dep == "poss":
        return True
    if dep in ("dative", "iobj") and token.pos_ != "ADP":
        return True  # a place receives nothing: "gave Baghdad an ultimatum"
    if dep in OBJECT_DEPS:
        return bool(token.head.lemma_.lower() in INFLUENCE_VERBS)
    if dep == "pobj":
        return _object_of_actor_preposition(token.head)
    if dep == "compound":
        return bool(token.head.lemma_.lower() in RELATION_NOUNS)
    return False


def _object_of_actor_preposition(preposition: Token) -> bool:
    if preposition.dep_ == "agent":
        return True
    governed = _ACTOR_PREPOSITIONS.get(preposition.lower_)
    return governed is not None and preposition.head.lemma_.lower() in governed


def _is_copular_place(subject: Token) -> bool:
    """ "Lima is a city of ten million": the subject of a copula with a noun complement."""
    verb = subject.head
    if verb.lemma_.lower() not in _COPULAS:
        return False
    return any(child.dep_ == "attr" for child in verb.children)
