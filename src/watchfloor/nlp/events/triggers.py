"""Trigger words: which tokens of a sentence name a PLOVER act, and in which sense.

Needs: a parsed spaCy token, the `Lexicon` and a `PartyIndex` (to tell an
object that is an actor, "arm Ukraine", from a thing, "arm the rebels with
rifles").
Gives: `Trigger`, the token with its chosen `Sense`. A word with several
senses takes the first whose object classes fit ("send shells" is AID,
"send troops" MOBILIZE, "send an envoy" CONSULT); phrasal keys ("call for",
"spy on", "pull out") win over the bare lemma when their particle or
preposition is attached; a verb with a particle the lexicon knows ("call off",
"step down") is read only as that phrasal verb.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from watchfloor.nlp.events.arguments import (
    ANSWER_VERBS,
    BODY_NOUNS,
    PEOPLE_NOUNS,
    children,
    content_object,
    names_people,
    object_of,
    predicated_object,
    prep_objects,
)
from watchfloor.nlp.events.plover_lexicon import (
    PARTY_CLASS,
    PEOPLE_CLASS,
    Lexicon,
    PartOfSpeech,
    Sense,
)
from watchfloor.nlp.mentions.parties import (
    AGENT_NOUNS,
    GENERIC_STATE_NOUNS,
    RELATIONAL_NOUNS,
    PartyIndex,
    is_agent_word,
    is_relative_pronoun,
)

Token = Any  # spacy.tokens.Token; spaCy ships no type hints

_VERB_TAGS = frozenset({"VERB"})
_NOUN_TAGS = frozenset({"NOUN", "PROPN"})
_ADJECTIVE_DEPS = frozenset({"acomp", "ROOT", "conj", "xcomp", "ccomp", "advcl", "amod", "oprd"})
# How "be" hangs on a verb when it only helps it ("was attacked", "is going"): no act of its own.
_AUXILIARY_DEPS = frozenset({"aux", "auxpass"})
# Prepositions through which an adjective takes what it is about ("responsible for X").
_ADJECTIVE_PREPS = ("for", "of", "to", "with", "about")
# Entities whose capitalised words are parts of a name, never acts.
_NAME_ENTITIES = frozenset({"ORG", "PERSON", "GPE", "FAC", "PRODUCT", "WORK_OF_ART"})
_OBJECT_MODIFIERS = frozenset({"compound", "amod", "nmod"})
# Adverbs that the parser sometimes attaches as advmod where they are a verb's particle
# ("stepped down", "pulled back").
# Verbs that say an act did not go ahead, said of the act ("the talks were postponed").
_CALLING_OFF = frozenset(
    {"postpone", "cancel", "delay", "scrap", "suspend", "shelve", "abandon", "halt", "freeze"}
)
# Verbs that say so with "off" ("the talks were cut off", "broken off", "called off").
_CALLING_OFF_WITH_OFF = frozenset({"cut", "break", "call", "put"})
_PARTICLES = frozenset({"down", "out", "off", "up", "back", "away", "over", "forward", "aside"})
_QUANTIFIERS = frozenset(
    {"all", "some", "most", "much", "part", "many", "any", "none", "half", "each"}
)
# People nouns that name a gathering, itself an act ("a protest march").
_GATHERINGS = frozenset({"crowd", "mob", "rally", "protest", "demonstration", "march", "gathering"})
# Verbs by which a source asks for anonymity, and what it asks not to be ("asked not to
# be identified").
_ANONYMITY_ASKS = frozenset({"ask", "request", "demand", "insist", "seek"})
_DISCLOSURES = frozenset({"identify", "name", "quote", "disclose", "reveal", "publish"})
# Verbs that name or describe their object by a predicate ("called the plan a betrayal",
# "called the deal vital"): a way of judging it, no call made and no request.
_NAMING = frozenset({"call", "name", "label", "brand", "dub", "term", "describe"})
_NAMING_RULES_OUT = frozenset({"CONSULT", "REQUEST"})
# Verbs that state a fact when they take a clause ("conceded that the plan had failed",
# "keen to demonstrate that the vote was fair") and the types they then cannot have.
_STATING: dict[str, frozenset[str]] = {
    "concede": frozenset({"CONCEDE"}),
    "demonstrate": frozenset({"PROTEST"}),
}
_QUESTION_RULES_OUT = frozenset({"REQUEST"})
# Tags of the words that open a question ("why", "what", "which", "how").
_WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
# Nouns of fellow feeling: condolences and sympathy are CAMEO's empathetic comment (018),
# a public statement PLOVER left out; no act, whoever offers them.
_EMPATHY = frozenset({"condolence", "sympathy"})
# Nouns of being held: "in custody", "in detention" tell a state, not an arrest.
_HELD = frozenset({"custody", "detention", "captivity", "confinement"})
# Nouns of a post held or taken: "in charge of the inquiry", "took command of the
# garrison" name whose job something is, not an accusation or an act.
_POSTS = frozenset({"charge", "command"})
# Access given is PLOVER's RETREAT access only when it lets third parties in.
ACCESS_CLASS = "access"
ENTRANTS_CLASS = "entrants"
_TAKING_POSTS = frozenset({"take", "assume"})
# Verbs by which a source withholds comment, and what it withholds ("declined to comment",
# "refused to give her surname"): a comment left unmade is no rejection (CAMEO's
# "decline comment" has no PLOVER category).
_WITHHOLDING = frozenset({"decline", "refuse"})
_COMMENTS = _DISCLOSURES | frozenset(
    {"comment", "say", "describe", "discuss", "elaborate", "specify", "confirm", "answer"}
    | {"speculate", "explain", "divulge", "characterize", "characterise", "use"}
)
# Verbs of handing over that withhold only words ("refused to give details", "declined to
# release the names"; "refused to release the prisoners" is a rejection).
_HANDING = frozenset({"give", "provide", "release", "offer", "make"})
_DETAILS = frozenset(
    {"detail", "information", "name", "surname", "identity", "comment", "figure", "number"}
    | {"estimate", "explanation", "reason", "specific", "breakdown", "statement"}
)
# Auxiliaries of an act still to come.
_PENDING_AUXILIARIES = frozenset(
    {"will", "would", "shall", "'ll", "wo", "could", "can", "may", "might", "must", "should"}
)
# A weapon's model designation: letters then digits ("F-16s", "T-72", "M777", "S-400", "Su-25").
DESIGNATION = re.compile(r"^[A-Z][A-Za-z]{0,2}-?\d{1,4}[A-Z]?s?$")


# Verbs by which a state tells someone to go, the verbs of going, and what telling an
# envoy to go is: "ordered the ambassador to leave", "gave the envoy 48 hours to leave the
# country" expel the envoy (CAMEO 161 "order diplomat to leave"; PLOVER SANCTION expel).
_SENDING_AWAY = frozenset({"order", "give", "tell", "instruct", "ask", "direct"})
_GOING = frozenset({"leave", "quit", "depart", "exit"})
# Verbs of desire, in every form (the tagger's lemmas of such verbs are not always
# right): what their complement names is wished for, not done, asked or promised. A
# hope is left out: "said he hoped to visit Lima" states an intent.
_DESIRES = frozenset(
    f"{stem}{ending}" for stem in ("want", "wish") for ending in ("", "s", "ed", "ing")
) | frozenset({"desire", "desires", "desired", "desiring"})
# Links by which an act is the complement of the verb above it ("wants to withdraw",
# "wants Seoul to arm Ukraine", "wants to renew the talks").
_COMPLEMENT_LINKS = frozenset({"xcomp", "ccomp"})
_EXPULSION = Sense(type="SANCTION", mode="expel", frame="direct", contexts=("diplomatic",))


@dataclass(frozen=True, slots=True)
class Trigger:
    token: Token
    sense: Sense
    part: PartOfSpeech
    key: str
    by_state: bool = False  # an act only a state's authorities do ("arrest", "indict")


def find_trigger(token: Token, lexicon: Lexicon, parties: PartyIndex) -> Trigger | None:
    """The trigger `token` is, with its sense, or None."""
    keyed = [
        (part, key, senses)
        for part, key in trigger_keys(token, lexicon)
        if (senses := lexicon.senses_for(part, key))
    ]
    sends_away = _sends_envoy_away(token, lexicon)
    if not keyed and not sends_away:
        return None  # most words: no sense to code, so none of the checks below to run
    if _describes_doer(token, lexicon) or names_no_act(token):
        return None
    if token.pos_ == "PROPN" and token.ent_type_ in _NAME_ENTITIES:
        return None  # a word of a name: "Rally's operates 160 restaurants"
    if sends_away:
        return Trigger(token, _EXPULSION, "verbs", token.lemma_.lower())
    ruled_out = ruled_out_types(token)
    for part, key, senses in keyed:
        for sense in senses:
            if sense.pending and not _still_to_come(token):
                continue
            if ruled_out and (sense.type in ruled_out or sense.governs == "ask"):
                continue
            if part == "adjectives" and sense.objects and not _is_predicated(token):
                continue  # "those responsible for the attack" accuse no one
            if ACCESS_CLASS in (sense.objects or ()) and not _admits_entrants(token, lexicon):
                continue  # "gave the West access to its gas" lets no observer in
            if _object_fits(token, part, sense, lexicon, parties, key):
                return Trigger(token, sense, part, key, token.lemma_.lower() in lexicon.state_acts)
    return None


def _admits_entrants(verb: Token, lexicon: Lexicon) -> bool:
    """Whether the ones a verb gives access or entry to are observers, inspectors,
    monitors or aid workers ("gave the inspectors full access", "granted entry to UN
    monitors"), PLOVER's third parties let in."""
    receivers = [child for child in verb.children if child.dep_ == "dative"]
    receivers += prep_objects(verb, ("to",))
    for object_ in (child for child in verb.children if child.dep_ == "dobj"):
        receivers += [child for child in object_.children if child.dep_ == "compound"]
        receivers += prep_objects(object_, ("to", "for"))  # "access to UN monitors"
    return any(ENTRANTS_CLASS in _word_classes(receiver, lexicon) for receiver in receivers)


def names_no_act(token: Token) -> bool:
    """Whether a word that may look like an act is known to name none in its clause: a
    source asking not to be named or withholding comment, the state of being held,
    condolences and sympathy, a post held ("in charge of"), an act argued or warned
    against, a participle that describes the thing it stands before ("the bombed
    embassy"), an act only wished for ("Israel wants to withdraw"). The learned detector
    proposes no act on such a word either."""
    if token.pos_ == "NOUN" and token.lemma_.lower() in _EMPATHY:
        return True
    if token.pos_ == "VERB" and token.dep_ == "amod" and token.i < token.head.i:
        return True
    if _opposed(token) or _answers_by_means(token) or _called_off(token):
        return True
    if is_only_wished(token) or _names_post(token):
        return True
    return _asks_anonymity(token) or _withholds_comment(token) or _tells_being_held(token)


def is_only_wished(token: Token) -> bool:
    """An act that is only the complement of a wish ("Israel wants to withdraw from the
    south", "Syria wants to renew the talks", "Washington wants Seoul to arm Kyiv"):
    a desire reported is no act, no request of anyone and no promise. A wish denied ("does
    not want to travel") is a refusal, and a wish someone states as their plan or
    demand is coded by the verb that states it."""
    word = token
    if word.pos_ in _NOUN_TAGS and word.dep_ == "dobj":
        word = word.head  # "wants to renew the talks": the talks are what is renewed
    for _ in range(2):
        if word.dep_ not in _COMPLEMENT_LINKS:
            return False
        word = word.head
        if word.pos_ == "VERB" and (word.lemma_.lower() in _DESIRES or word.lower_ in _DESIRES):
            return not _denied(word)
    return False


def _denied(verb: Token) -> bool:
    return any(child.dep_ == "neg" or child.lower_ == "never" for child in verb.children)


def _names_post(token: Token) -> bool:
    """ "The agent in charge of the office", "in command of the fleet": a post held;
    "the general took charge", "assumed command": a post taken ("took a charge of $5
    million", with a determiner, is no post)."""
    if token.lemma_.lower() not in _POSTS:
        return False
    if token.dep_ == "pobj":
        return bool(token.head.lower_ == "in")
    taken = token.dep_ == "dobj" and token.head.lemma_.lower() in _TAKING_POSTS
    return taken and not any(child.dep_ in ("det", "nummod") for child in token.children)


def _called_off(noun: Token) -> bool:
    """An act noun whose clause says it did not go ahead, or no longer goes on: "the talks
    were postponed", "the summit was cancelled", "the talks have been cut off", "the
    pledge was abandoned" (whoever called it off is coded on the verb, when named)."""
    if noun.pos_ != "NOUN" or noun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = noun.head
    lemma = verb.lemma_.lower()
    if lemma in _CALLING_OFF_WITH_OFF:
        return any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children)
    return lemma in _CALLING_OFF


def _answers_by_means(token: Token) -> bool:
    """A reply whose act the clause names as its means ("retaliated by expelling two
    diplomats"): the means is the act, the reply names none of its own."""
    if token.lemma_.lower() not in ANSWER_VERBS or token.pos_ != "VERB":
        return False
    preps = [child for child in token.children if child.dep_ == "prep" and child.lower_ == "by"]
    return any(child.dep_ == "pcomp" for prep in preps for child in prep.children)


def _opposed(token: Token) -> bool:
    """An act a clause argues, warns or votes against ("warned Washington against
    deploying missiles", "argued against imposing sanctions"): not done, and not by the
    clause's subject. The object of such an act is none either ("against imposing
    sanctions")."""
    if token.dep_ == "dobj" and token.head.pos_ == "VERB":
        token = token.head
    prep = token.head
    return (
        token.dep_ == "pcomp"
        and prep.lower_ == "against"
        and prep.head.pos_ in ("VERB", "AUX")
        and token.pos_ == "VERB"
    )


def ruled_out_types(token: Token) -> frozenset[str]:
    """The types a word cannot have in its clause: a verb naming its object by a
    predicate ("called the plan a betrayal") makes no call and no request (it may
    accuse); a question asked ("asked whether the border would reopen") is no request;
    conceding or demonstrating that something
    is so is no concession and no protest."""
    if _names_by_predicate(token):
        return _NAMING_RULES_OUT
    if _asks_question(token):
        return _QUESTION_RULES_OUT
    stating = _STATING.get(token.lemma_.lower())
    if stating and any(child.dep_ == "ccomp" for child in token.children):
        return stating
    return frozenset()


def _asks_question(token: Token) -> bool:
    """ "ask" putting a question ("asked whether he was pleased", "'Why a war?' asked a
    customs officer", "as the judge asked in her dissent"): no request of anyone."""
    if token.lemma_.lower() != "ask":
        return False
    if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children):
        return True
    return any(_is_question(clause) for clause in token.children if clause.dep_ == "ccomp")


def _is_question(clause: Token) -> bool:
    """A clause put as a question: "whether"/"if", a wh-word first, or a question mark."""
    if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in clause.children):
        return True
    words = list(clause.subtree)
    first = next((w for w in words if not w.is_punct), None)
    if first is not None and first.tag_ in _WH_TAGS:
        return True
    return any(w.text == "?" for w in words)


def trigger_keys(token: Token, lexicon: Lexicon) -> list[tuple[PartOfSpeech, str]]:
    """The lexicon keys `token` is looked up under, most specific first."""
    lemma = token.lemma_.lower()
    keys: list[tuple[PartOfSpeech, str]] = []
    if token.pos_ in _VERB_TAGS or (token.pos_ == "AUX" and token.dep_ not in _AUXILIARY_DEPS):
        particle_verb = False
        if lexicon.has_phrasal("verbs", lemma):
            for child in token.children:
                particle = child.dep_ == "prt" or (
                    child.dep_ == "advmod" and child.lower_ in _PARTICLES
                )
                if child.dep_ == "prep" and _tells_time(child):
                    continue  # "called Yeltsin a liar on Monday" is no "call on"
                if particle or child.dep_ in ("prep", "agent"):
                    key = f"{lemma} {child.lower_}"
                    keys.append(("verbs", key))
                    particle_verb |= particle and bool(lexicon.senses_for("verbs", key))
            for mark in _clause_prepositions(token):  # "called for Russia to withdraw"
                keys.append(("verbs", f"{lemma} {mark}"))
        prefix = _hyphen_prefix(token)
        if prefix:  # "test-fired", which the tokenizer splits: "test-fire", never "fire"
            keys.append(("verbs", f"{prefix}-{lemma}"))
        elif not particle_verb:  # "called off the talks" is no call
            keys.append(("verbs", lemma))
        if token.tag_ == "VBN":
            keys.append(("adjectives", token.lower_))
    elif token.pos_ in _NOUN_TAGS:
        for child in token.children:
            if child.dep_ == "compound":
                keys.append(("nouns", f"{child.lemma_.lower()} {lemma}"))
        keys.append(("nouns", lemma))
        if token.tag_ == "VBG" or token.lower_.endswith("ing"):
            keys.append(("verbs", lemma))
    elif token.pos_ == "ADJ" and token.dep_ in _ADJECTIVE_DEPS:
        keys.append(("adjectives", lemma))
    return keys


def _clause_prepositions(verb: Token) -> list[str]:
    """Prepositions the parser made the mark of a clause hanging on `verb` ("called for
    Russia to withdraw", "pushed for Seoul to send"): a prepositional verb all the same."""
    return [
        mark.lower_
        for clause in verb.children
        if clause.dep_ in ("advcl", "ccomp", "xcomp") and clause.i > verb.i
        for mark in clause.children
        if mark.dep_ == "mark" and mark.lower_ == "for" and mark.i == clause.left_edge.i
    ]


def _sends_envoy_away(verb: Token, lexicon: Lexicon) -> bool:
    """A verb telling an envoy to go ("ordered the French ambassador to leave", "gave the
    Chilean envoy 48 hours to leave the country"): an expulsion."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _SENDING_AWAY:
        return False
    told = [c for c in verb.children if c.dep_ in ("dobj", "dative", "iobj")]
    if not any("envoy" in _classes(person, lexicon) for person in told):
        return False
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for person in told for c in person.children):
        return False  # "ordered its ambassador to leave": a recall, not an expulsion
    return any(
        clause.dep_ in ("xcomp", "advcl")
        and clause.lemma_.lower() in _GOING
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
        for clause in verb.children
    )


def _hyphen_prefix(token: Token) -> str:
    """The word joined to `token` by a hyphen before it ("test" in "test-fired"), or ""."""
    if token.i < 2:
        return ""
    hyphen, word = token.doc[token.i - 1], token.doc[token.i - 2]
    if hyphen.text != "-" or hyphen.whitespace_ or word.whitespace_ or not word.is_alpha:
        return ""
    return str(word.lower_)


def _asks_anonymity(token: Token) -> bool:
    """A source asking not to be named ("who asked not to be identified") makes no request
    of any party: it is how the report is sourced."""
    if token.lemma_.lower() not in _ANONYMITY_ASKS:
        return False
    if any(_is_anonymity(child) for child in token.children if child.dep_ == "dobj"):
        return True  # "requesting anonymity"
    if any(_is_anonymity(o) for o in prep_objects(token, ("for", "on"))):
        return True  # "asked for anonymity"
    return any(
        child.dep_ == "xcomp"
        and child.lemma_.lower() in _DISCLOSURES
        and any(grand.dep_ == "auxpass" for grand in child.children)
        for child in token.children
    )


def _is_anonymity(noun: Token) -> bool:
    return noun.lemma_.lower() in ("anonymity", "anonymous")


def _tells_time(preposition: Token) -> bool:
    """A preposition whose objects are all times ("on Monday", "for two weeks")."""
    objects = [child for child in preposition.children if child.dep_ == "pobj"]
    return bool(objects) and all(names_time(o) for o in objects)


def names_time(word: Token) -> bool:
    """A date or time ("Monday", "noon"), not a party an act is aimed at."""
    return bool(word.ent_type_ in ("DATE", "TIME"))


def _names_by_predicate(token: Token) -> bool:
    """A verb that names its object by a predicate ("called the Latvian plan a betrayal",
    "called the deal vital for Europe") judges the object: no call, no request."""
    if token.lemma_.lower() not in _NAMING:
        return False
    return any(child.dep_ == "oprd" for child in token.children)


def _tells_being_held(token: Token) -> bool:
    """ "Six suspects are in custody", "remained in detention": the state of being held,
    not an arrest ("taken into custody" is one)."""
    if token.lemma_.lower() not in _HELD or token.dep_ != "pobj":
        return False
    return bool(token.head.lower_ == "in")


def _withholds_comment(token: Token) -> bool:
    """A source declining to comment or to give details ("declined to describe the bomb",
    "refused to identify himself") rejects no one: it is how the report is sourced."""
    if token.lemma_.lower() not in _WITHHOLDING:
        return False
    for verb in token.children:
        if verb.dep_ != "xcomp":
            continue
        lemma = verb.lemma_.lower()
        objects = [o for o in verb.children if o.dep_ == "dobj"]
        if lemma in _COMMENTS:
            return True
        if lemma in _HANDING and any(o.lemma_.lower() in _DETAILS for o in objects):
            return True
    return False


def _describes_doer(token: Token, lexicon: Lexicon) -> bool:
    """An act noun that only says what kind of people or weapon its head is: "riot
    police", "protest leaders", "aid workers", "attack helicopters" report no act
    ("a protest march" does: a gathering is the act)."""
    if token.dep_ != "compound" or token.pos_ not in _NOUN_TAGS:
        return False
    head = token.head
    if head.pos_ != "NOUN" or head.i < token.i:
        return False
    lemma = head.lemma_.lower()
    if lemma in _GATHERINGS:
        return False
    if _names_doer(head, lexicon):
        return True
    # "riot police lines", "riot squad officers": a doer further along the compound
    between = (c for c in head.children if c.dep_ == "compound" and token.i < c.i < head.i)
    if any(_names_doer(word, lexicon) for word in between):
        return True
    return head.dep_ == "compound" and _describes_doer(head, lexicon)


def _names_doer(noun: Token, lexicon: Lexicon) -> bool:
    lemma = noun.lemma_.lower()
    doers = lemma in AGENT_NOUNS or lemma in PEOPLE_NOUNS or lemma in BODY_NOUNS
    return doers or "weapons" in _word_classes(noun, lexicon)


def _is_predicated(adjective: Token) -> bool:
    """An adjective said of a subject ("Iran is responsible for") or an object ("held
    Iran responsible for"), not one that only describes its noun ("those responsible")."""
    return adjective.dep_ != "amod" or predicated_object(adjective) is not None


def _still_to_come(verb: Token) -> bool:
    """Whether a verb tells an act still to come: a modal or "will" on it or on the verb
    whose complement it is ("would respond", "vowed to respond", "is ready to respond")."""
    for word in (verb, verb.head) if verb.dep_ in ("xcomp", "conj") else (verb,):
        if any(c.dep_ == "aux" and c.lower_ in _PENDING_AUXILIARIES for c in word.children):
            return True
    return verb.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def fitting_sense(
    token: Token, part: PartOfSpeech, senses: Sequence[Sense], lexicon: Lexicon, parties: PartyIndex
) -> Sense | None:
    """The first of `senses` whose object classes the trigger's object fits, else the first
    with its mode left out (a mode names what the act is done with or to: "declared a
    curfew" is a curfew, "declared independence" is none); None for no senses."""
    for sense in senses:
        if _object_fits(token, part, sense, lexicon, parties):
            return sense
    return replace(senses[0], mode=None) if senses else None


def _object_fits(
    token: Token,
    part: PartOfSpeech,
    sense: Sense,
    lexicon: Lexicon,
    parties: PartyIndex,
    key: str = "",
) -> bool:
    protest = sense.frame == "protest" and part == "verbs"
    if protest and object_of(token) is not None and not _crowd_protests_against(token, parties):
        return False  # "demonstrated its losses", "rallied support": no protest
    if protest and _state_protests(token, parties):
        return False  # "Vietnam protested to China": a diplomatic protest, another sense
    if sense.objects is None and not sense.unless:
        return True  # most senses: no need to read the object at all
    objects = _object_tokens(token, part)
    if " " in key and part == "verbs":  # "respond to an attack": the preposition's object
        objects += prep_objects(token, (key.split(" ", 1)[1],))
    if sense.unless and any(set(sense.unless) & _word_classes(o, lexicon) for o in objects):
        return False
    if sense.objects is None:
        return True
    owner_counts = PARTY_CLASS in sense.objects and sense.frame == "accuse"
    for object_ in objects:
        if PARTY_CLASS in sense.objects and _is_party(object_, parties):
            return True
        if owner_counts and _party_owns(object_, parties):
            return True  # "protested China's deployment of missiles": aimed at China
        if PEOPLE_CLASS in sense.objects and names_people(object_):
            return True
        if set(sense.objects) & _classes(object_, lexicon):
            return True
    return False


# Offices whose holder a text may name by the office alone ("the Israeli prime minister").
_OFFICE_NOUNS = frozenset(
    """leader minister president premier chancellor official envoy ambassador diplomat
    delegation counterpart king queen prince princess emir sultan monarch consul attache""".split()  # noqa: SIM905 - a word list reads best as prose
)


def _crowd_protests_against(verb: Token, parties: PartyIndex) -> bool:
    """ "Thousands protested the killing", "students protested the visit": a crowd (no
    party, no state body) protesting what the object names. "Japan protested the
    ruling" is a diplomatic protest, coded as such by another sense."""
    if verb.lemma_.lower() != "protest":
        return False
    subject = _protester(verb)
    if subject is None or subject.pos_ == "PROPN" or parties.party_at(subject) is not None:
        return False
    return subject.lemma_.lower() not in GENERIC_STATE_NOUNS and subject.pos_ in ("NOUN", "NUM")


def _state_protests(verb: Token, parties: PartyIndex) -> bool:
    """ "Vietnam protested to China", "the ministry protested against the arrest": a
    state or its government protests through its diplomats (PLOVER ACCUSE disapprove);
    PROTEST is what crowds do. A people named by demonym ("Serbs protested") is a crowd."""
    if verb.lemma_.lower() != "protest":
        return False
    subject = _protester(verb)
    if subject is None:
        return False
    if subject.lemma_.lower() in GENERIC_STATE_NOUNS and subject.pos_ == "NOUN":
        return True
    party = parties.party_at(subject)
    return party is not None and party.label in _STATE_NAME_LABELS


# Labels of mentions that name a state itself: "Vietnam", "Seoul" for Korea's government.
_STATE_NAME_LABELS = frozenset({"GPE", "METONYM"})


def _protester(verb: Token) -> Token | None:
    """Who protests: the verb's subject, the subject it shares ("a crowd gathered to
    protest"), or the noun it describes ("workers protesting the cuts")."""
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
        if verb.dep_ in ("acl", "relcl"):
            return verb.head
        if verb.dep_ not in ("xcomp", "advcl", "conj") or verb.head is verb:
            return None
        verb = verb.head
    return None


def object_excluded(token: Token, part: PartOfSpeech, sense: Sense, lexicon: Lexicon) -> bool:
    """Whether the trigger's object is in a class the sense excludes (`unless`): "the
    temporary custody of his uncle" is no arrest, whoever proposes it."""
    if not sense.unless:
        return False
    return any(set(sense.unless) & _classes(o, lexicon) for o in _object_tokens(token, part))


def party_object_refused(
    token: Token,
    part: PartOfSpeech,
    senses: Sequence[Sense],
    lexicon: Lexicon,
    parties: PartyIndex,
) -> bool:
    """Whether the senses of one type all name the classes their object must be in,
    leave political actors out, and the trigger's object is one (a name, or a word for
    people or a body of a party's): "critics are targeting the government" is no
    attack, whoever proposes it."""
    if not senses or any(
        s.objects is None or PARTY_CLASS in s.objects or PEOPLE_CLASS in s.objects for s in senses
    ):
        return False
    if _names_by_predicate(token):
        return False  # "called Bush a liar": judged by what it calls him, whoever he is
    named = [
        word
        for object_ in _object_tokens(token, part)
        for word in (object_, *(c for c in object_.children if c.dep_ == "appos"))
    ]
    if not any(is_agent_word(word) and parties.phrase_parties(word) for word in named):
        return False  # a thing of a party's ("a Thai trawler") may still be a target
    return not any(_object_fits(token, part, s, lexicon, parties) for s in senses)


def _object_tokens(token: Token, part: PartOfSpeech) -> list[Token]:
    if part == "nouns":
        found = [child for child in token.children if child.dep_ in _OBJECT_MODIFIERS]
        return found + list(prep_objects(token, ("of", "for", "on")))
    if part == "adjectives" and token.pos_ == "ADJ":  # "responsible for the bombing"
        return list(prep_objects(token, _ADJECTIVE_PREPS))
    spans = [child for child in token.children if child.dep_ == "npadvmod" and _is_span(child)]
    spans += _predicates(token)  # "called the sanctions illegal": what it is called
    object_ = object_of(token)
    if object_ is None:
        return spans
    if is_relative_pronoun(object_) and token.dep_ == "relcl":
        object_ = token.head  # "the treaty which the two presidents signed"
    object_ = content_object(object_)  # "suspended all of its aid"
    return [object_, *(child for child in object_.children if child.dep_ == "conj"), *spans]


def _predicates(verb: Token) -> list[Token]:
    """What a naming verb calls its object ("called the sanctions illegal", "branded the
    vote a farce", "described the move as reckless"), so senses can judge by it."""
    if verb.lemma_.lower() not in _NAMING:
        return []
    found = [child for child in verb.children if child.dep_ == "oprd"]
    for prep in children(verb, "prep"):
        if prep.lower_ == "as":
            found += [c for c in prep.children if c.dep_ in ("pobj", "amod", "acomp")]
    return found


def _is_span(noun: Token) -> bool:
    """A stretch of time given, not a point ("one week", "48 hours", not "last week")."""
    return any(
        child.dep_ == "nummod" or (child.dep_ == "det" and child.lower_ in ("a", "an"))
        for child in noun.children
    )


def _classes(token: Token, lexicon: Lexicon) -> set[str]:
    found = _word_classes(token, lexicon)
    for child in token.children:
        if child.dep_ in _OBJECT_MODIFIERS:
            found |= _word_classes(child, lexicon)
    return found


def _word_classes(token: Token, lexicon: Lexicon) -> set[str]:
    found = set(lexicon.classes_of(token.lemma_)) | set(lexicon.classes_of(token.lower_))
    if DESIGNATION.match(token.text):
        found.add("weapons")
    return found


def _party_owns(noun: Token, parties: PartyIndex) -> bool:
    """Whether a political actor owns the noun ("China's deployment")."""
    return any(child.dep_ == "poss" and _is_party(child, parties) for child in noun.children)


def _is_party(token: Token, parties: PartyIndex) -> bool:
    """A political actor: a name, a pronoun for one, a party's office holder named by
    the office ("the Israeli prime minister", "the new Sudanese leader"), or a relation
    named with its party ("its ally Britain")."""
    if parties.party_at(token) is not None:
        return True
    lemma = token.lemma_.lower()
    if token.pos_ != "PRON" and lemma not in _OFFICE_NOUNS and lemma not in RELATIONAL_NOUNS:
        return False
    return bool(parties.phrase_parties(token))
