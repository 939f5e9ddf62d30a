"""Status cues: is a coded act reported as done, not done, planned or only possible?

Needs: the token that heads an event (its trigger, or the word that governs
it, as "refused" in "refused to sell") and the `Lexicon`.
Gives: `StatusCues` read along the chain of words that govern the event up to
its sentence's root: negation and its scope ("has not sent", "never", "no
talks"; a negated "rule out" means the act is possible, not denied),
modality and conditionals ("could", "may", "might", "would", "if", "unless",
"whether", "considering", "unlikely to", "expected to"), and future or intent
("will", "plans to", "is set to", "is preparing to"). `announced` is set when
a future act is the content of a report or a promise ("said it would send"),
which makes the announcement itself asserted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from watchfloor.nlp.events.plover_lexicon import Lexicon, PartOfSpeech

Token = Any  # spacy.tokens.Token; spaCy ships no type hints

_CLAUSE_LINKS = frozenset(
    {"xcomp", "ccomp", "advcl", "conj", "pcomp", "acomp", "prep", "pobj", "dobj", "attr",
     "nsubj", "nsubjpass", "acl", "oprd", "dative", "agent"}
)  # fmt: skip
_HYPOTHETICAL_MODALS = frozenset({"could", "might", "may", "can", "should", "must", "ca"})
_FUTURE_MODALS = frozenset({"will", "shall", "'ll", "wo"})
_CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
_AWAITING_MARKS = frozenset({"until", "till", "once", "before", "when", "after"})
_NEGATION_SCOPE = frozenset({"xcomp", "dobj", "pobj", "prep", "attr", "acomp", "oprd"})
_HEDGES = frozenset({"potentially", "possibly", "perhaps", "maybe", "conceivably"})
_FUTURE_MODIFIERS = frozenset({"upcoming", "planned", "forthcoming", "scheduled", "proposed"})
# Words by which an act noun names an act that may or may not come ("any attack", "a
# possible strike", "potential sanctions").
_UNREAL_MODIFIERS = frozenset({"any", "possible", "potential", "eventual", "prospective"})
_MAX_CHAIN = 8
# Prepositions by which an act noun is the setting or purpose of the act its verb
# reports ("drafted it in consultation with X", "flew to Lima for talks with Y").
_SETTINGS = frozenset({"in", "during", "for"})


@dataclass(frozen=True, slots=True)
class StatusCues:
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    announced: bool = False  # a future act reported or promised by a speaker
    conditional: bool = False  # the act hangs on a condition of its own ("unless it complies")


def governing_chain(token: Token) -> list[Token]:
    """`token` and the words that govern its clause, up to the sentence root."""
    chain = [token]
    current = token
    while current.dep_ != "ROOT" and current.dep_ in _CLAUSE_LINKS and len(chain) < _MAX_CHAIN:
        if current.dep_ == "conj" and current.head.pos_ not in ("VERB", "AUX", "ADJ"):
            break
        current = current.head
        chain.append(current)
    return chain


def read_status_cues(token: Token, lexicon: Lexicon) -> StatusCues:
    """The status cues on the chain above `token` (see the module docstring).

    A noun that is not the object of a support verb ("the cooperation between
    X and Y" mentioned in passing) keeps only its own cues ("no talks").
    """
    negated = hypothetical = future = announced = False
    would = False
    in_scope = True  # negation above reaches down only through these links
    chain = governing_chain(token)
    if token.pos_ in ("NOUN", "PROPN") and not _is_supported(token, lexicon):
        chain = chain[:1]
    for level, current in enumerate(chain):
        governs = _governs(current, lexicon) if level else set()
        if "report" in governs or "promise" in governs:
            announced = future or would
            if would:
                future = True
            break
        negated = negated or "negate" in governs
        if _is_negated(current) and not governs & {"report"}:
            if governs & {"consider", "reject"}:
                hypothetical = True
            elif not hypothetical and (level == 0 or in_scope):
                negated = True
        in_scope = current.dep_ in _NEGATION_SCOPE and (level == 0 or in_scope)
        hypothetical = hypothetical or bool(governs & {"consider"}) or _has_condition(current)
        hypothetical = hypothetical or _has_hedge(current) or _awaited(current)
        future = future or bool(governs & {"plan"}) or _has_future_modifier(current)
        modals = {child.lower_ for child in current.children if child.dep_ == "aux"}
        hypothetical = hypothetical or bool(modals & _HYPOTHETICAL_MODALS)
        future = future or bool(modals & _FUTURE_MODALS) or _going_to(current)
        would = would or "would" in modals
    if would and not announced:
        hypothetical = True
    if _is_unreal(token) and not negated:  # "did not launch any attack" stays negated
        hypothetical = True
    conditional = any(
        child.dep_ == "advcl" and _has_condition(child) for child in chain[0].children
    )
    return StatusCues(negated, hypothetical, future, announced, conditional)


def _governs(token: Token, lexicon: Lexicon) -> set[str]:
    lemma = token.lemma_.lower()
    found: set[str] = set()
    parts: tuple[PartOfSpeech, ...] = ("verbs", "nouns", "adjectives")
    for part in parts:
        for key in (lemma, token.lower_):
            for sense in lexicon.senses_for(part, key):
                if sense.governs is not None:
                    found.add(sense.governs)
    if token.pos_ in ("VERB", "AUX"):
        for child in token.children:
            if child.dep_ == "prt" and child.lower_ == "out" and lemma == "rule":
                found.add("consider" if _is_negated(token) else "reject")
    return found


def _is_negated(token: Token) -> bool:
    for child in token.children:
        if child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ == "never"):
            return True
        if child.dep_ == "det" and child.lower_ == "no":
            return True
    return bool(token.dep_ == "pcomp" and token.head.lower_ == "without")


def _has_condition(token: Token) -> bool:
    return any(
        child.dep_ == "mark" and child.lower_ in _CONDITIONAL_MARKS for child in token.children
    )


def _awaited(token: Token) -> bool:
    """An act in a clause of time that a future or modal clause waits for, told in the
    present as English tells a future there: "sanctions will remain until the North
    gives up its weapons", "would meet him once Iran complies"."""
    if token.dep_ != "advcl" or token.tag_ not in ("VBZ", "VBP"):
        return False
    if not any(c.dep_ == "mark" and c.lower_ in _AWAITING_MARKS for c in token.children):
        return False
    modals = {child.lower_ for child in token.head.children if child.dep_ == "aux"}
    return bool(modals & (_FUTURE_MODALS | _HYPOTHETICAL_MODALS | {"would"}))


def _has_hedge(token: Token) -> bool:
    return any(child.dep_ == "advmod" and child.lower_ in _HEDGES for child in token.children)


def _is_unreal(token: Token) -> bool:
    """An act noun named only as possible: "any attack", "a possible strike"."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    return any(
        child.dep_ in ("det", "amod") and child.lower_ in _UNREAL_MODIFIERS
        for child in token.children
    )


def _is_supported(noun: Token, lexicon: Lexicon) -> bool:
    head = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.dep_ not in ("dobj", "attr", "pobj", "nsubjpass") or head.pos_ not in ("VERB", "AUX"):
        return False
    return bool(head.lemma_.lower() in lexicon.support_verbs or _governs(head, lexicon))


def is_named_in_passing(token: Token, lexicon: Lexicon) -> bool:
    """Whether an act noun is only mentioned: neither the object of a support verb or of
    a verb that governs acts ("held talks", "called for talks"), nor the subject of a
    clause ("talks resumed"), nor the head of its sentence (a headline), nor the
    setting or purpose of a reported act ("drafted the rules in consultation with X",
    "said during talks with X", "flew to Lima for talks")."""
    if token.pos_ != "NOUN" or token.dep_ in ("nsubj", "nsubjpass", "ROOT"):
        return False
    if token.dep_ == "pobj" and token.head.lower_ in _SETTINGS:
        return token.head.head.pos_ not in ("VERB", "AUX")
    return not _is_supported(token, lexicon)


def is_negated(token: Token) -> bool:
    """Whether the word itself is negated ("not", "never", "no", "without")."""
    return _is_negated(token)


def _has_future_modifier(token: Token) -> bool:
    return any(child.lower_ in _FUTURE_MODIFIERS for child in token.children)


def _going_to(token: Token) -> bool:
    head = token.head
    return bool(token.dep_ == "xcomp" and head.lower_ == "going" and head.tag_ == "VBG")
