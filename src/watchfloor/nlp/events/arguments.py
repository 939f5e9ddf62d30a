"""Actor and recipient of a trigger, read from the dependency parse.

Needs: a trigger token, its sense's frame (plover_lexicon) and a `PartyIndex`.
Gives: the parties of the subject (the actor) and of the recipient slot the
frame names, handling passive voice ("was attacked by X"), coordination
("X and Y agreed"), control ("X refused to sell": X sells; "X urged Y to
send": Y sends), relative clauses ("X, which supplied ...") and nominal
triggers, whose actor is their owner ("Russia's invasion", "US pressure",
"requests from Kyiv") or the subject of their support verb ("X held talks").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from watchfloor.nlp.events.plover_lexicon import Frame, load_lexicon
from watchfloor.nlp.mentions.parties import (
    GENERIC_STATE_NOUNS,
    PERSON_PRONOUNS,
    PartyIndex,
    is_agent_word,
    is_relative_pronoun,
)
from watchfloor.resolve.knowledge import load_knowledge

Token = Any  # spacy.tokens.Token; spaCy ships no type hints

# Verbs of replying, whose act is the means named by "by" ("retaliated by expelling").
ANSWER_VERBS = frozenset({"retaliate", "respond", "react", "reply", "answer", "hit"})
# Verbs whose direct object is the subject of their infinitive ("urged Japan to send").
OBJECT_CONTROL = frozenset(
    """ask urge push press pressure pressurize persuade force help allow invite encourage call
    implore require compel enable authorize authorise permit tell order let""".split()  # noqa: SIM905 - a word list reads best as prose
)
_SUBJECTS = ("nsubj", "csubj")
# Verbs by which their subject acts together with their object ("joined Y in condemning").
JOINING_VERBS = frozenset({"join"})
# Prepositions by which a verb of judging names the act it judges its object for
# ("blamed X for", "accused X of").
_JUDGED_ACT_PREPS = frozenset({"for", "of"})
# Verbs whose subject, not their object, does what the infinitive says ("Iran promised
# Iraq to withdraw": Iran withdraws).
_SUBJECT_CONTROL = frozenset({"promise", "pledge", "vow", "swear", "assure", "guarantee"})
QUANTIFIERS = frozenset(
    {"all", "some", "most", "much", "part", "many", "any", "none", "half", "each"}
)
# Nouns that only gather acts or things of a kind: "a series of assaults", "a wave of
# arrests", "a campaign of strikes", "its fleet of fighter jets".
_COLLECTIVE_HEADS = frozenset(
    {"series", "spate", "wave", "string", "rash", "campaign"}
    | {"fleet", "batch", "consignment", "stockpile"}
)
# What a state of is declared: "a state of emergency", "a state of siege".
_STATES_DECLARED = frozenset({"emergency", "siege", "alert"})
# Words an amount of money is counted in: "$500 million in aid".
_AMOUNT_WORDS = frozenset({"million", "billion", "trillion", "dollar", "euro", "pound"})
_COUNT_NOUNS = frozenset({"thousand", "hundred", "dozen", "million", "group", "number", "crowd"})
# Nouns that count or measure the noun after "of" ("dozens of websites", "a handful of
# activists", "2,000 tonnes of food", "a convoy of trucks").
_COUNTING_NOUNS = frozenset(
    {"dozen", "hundred", "thousand", "score", "number", "couple", "handful"}
    | {"tonne", "ton", "barrel", "litre", "liter", "gallon", "kilogram", "kilo"}
    | {"truckload", "shipload", "planeload", "load", "cargo", "quantity", "amount"}
    | {"convoy", "crate", "container", "sack", "bag", "box", "pallet", "package"}
)
_CONTROLLED = frozenset({"xcomp", "conj", "advcl", "pcomp", "acomp"})
_RECIPIENT_PREPS: dict[str, frozenset[str]] = {
    "give": frozenset({"to", "for", "into", "toward", "towards"}),
    "direct": frozenset({"to", "with", "against", "on", "at", "toward", "towards", "over"}),
    # "requested $50 million from Congress", "sought help from its allies": the one asked
    "ask": frozenset({"on", "to", "with", "upon", "from"}),
    "accuse": frozenset({"of", "against", "over", "about", "with"}),
    "visit": frozenset({"to", "in"}),
    "self": frozenset({"against"}),
    "protest": frozenset({"against", "on", "outside", "at", "near", "toward", "towards"}),
    "leave": frozenset({"from", "in", "to"}),
    "mutual": frozenset(),
    "face": frozenset(),
    "host": frozenset(),
    "receive": frozenset(),
}
_NOUN_RECIPIENT_PREPS: dict[str, frozenset[str]] = {
    **_RECIPIENT_PREPS,
    "direct": frozenset({"to", "with", "against", "on", "at", "toward", "towards", "of", "over"}),
    "visit": frozenset({"to", "of"}),
    "accuse": frozenset({"against", "of", "over", "about", "at", "with", "to"}),
    "ask": frozenset({"on", "to"}),
}
# Nouns for people an act can be aimed at ("arrested two men", "the killing of civilians",
# "broke up a rally": its crowd).
# Words for the other side of a relation ("the sides", "its allies") are left out: they
# stand for parties named elsewhere, not for people of the place.
PEOPLE_NOUNS = frozenset(
    """man woman men people person suspect civilian prisoner hostage member journalist
    reporter child refugee villager immigrant foreigner passenger tourist victim opponent
    critic dissident family relative lawyer doctor voter worker crew sailor guerrilla gunman
    insurgent terrorist separatist protester demonstrator student activist supporter
    resident citizen farmer militant rebel fighter soldier troop police officer policeman
    politician lawmaker legislator official leader opposition mayor governor judge
    crowd mob rally protest demonstration march gathering
    boy girl kid teenager youth baby infant son daughter brother sister father mother wife
    husband parent grandmother grandfather uncle aunt cousin nephew niece widow orphan
    defendant accused detainee inmate convict captive fugitive escapee kidnapper hijacker
    smuggler trafficker pirate bandit robber thief gang gangster murderer killer assassin
    attacker assailant bomber sniper shooter militiaman gunmen cop deputy guard trooper
    sheriff agent spy informant diplomat envoy monk priest cleric imam pilgrim worshipper
    settler migrant nurse teacher employee coworker colleague owner businessman executive
    driver pilot fisherman miner peasant laborer inhabitant occupant neighbor commander
    recruit conscript veteran sergeant captain colonel general
    national expatriate pastor missionary bishop rabbi nun blogger writer author
    novelist poet artist musician singer filmmaker photographer cameraman
    correspondent editor publisher commentator analyst economist attorney candidate
    campaigner unionist scientist researcher professor academic scholar lecturer
    engineer contractor volunteer athlete player banker businesswoman entrepreneur
    investor tycoon oligarch trader merchant shopkeeper vendor herder herdsman nomad
    labourer seaman marine physician surgeon""".split()  # noqa: SIM905 - a word list reads best as prose
)
# Nouns for a state's own assemblies and courts: "urged parliament to pass the bill".
BODY_NOUNS = frozenset(
    """parliament congress legislature senate assembly court tribunal jury cabinet council
    committee nation public population electorate""".split()  # noqa: SIM905 - a word list reads best as prose
)
_DEFINITE_DETS = frozenset({"the", "that", "this", "these", "those"})
_NAME_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_MUTUAL_PREPS = frozenset({"with", "between", "among", "amongst"})
_OWNER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
_AGENT_PREPS = frozenset({"by", "from"})
# How a clause hangs on the verb of saying above it; the reported clause itself is a "ccomp".
_SAYING_LINKS = frozenset({"ccomp", "xcomp", "conj", "advcl"})
# Verbs whose direct object is what is talked about, never a partner ("discussed Syria").
_TOPIC_VERBS = frozenset({"discuss", "debate", "review", "examine", "address"})
# Prepositions that name what a statement is about, not an act its speaker does.
_TOPIC_PREPS = frozenset({"over", "about", "regarding", "concerning", "despite", "amid"})
# Mishaps and disasters that kill without anyone's act (compare "in an attack").
_ACCIDENT_VERBS = frozenset({"crash", "collide", "capsize", "sink", "derail", "overturn"})
_ACCIDENT_NOUNS = frozenset(
    {"crash", "accident", "collision", "earthquake", "flood", "flooding", "storm"}
    | {"avalanche", "landslide", "stampede", "mishap", "quake", "cyclone", "hurricane"}
)
# "claimed responsibility for", "took credit for": the claimant did the act.
_CLAIMS = frozenset({"responsibility", "credit"})
_CLAIMING_VERBS = frozenset({"claim", "take", "accept", "admit", "assume", "acknowledge"})
# Prepositions that set an act in time: "suspended Gabon after the coup" names no
# doer of the coup.
_TIME_PREPS = frozenset({"after", "following", "before", "since", "until", "upon", "during"})
_PLACE_PREPS = frozenset({"in", "across", "throughout", "through"})
# Prepositions that put a speaker in an organisation's forum: "at the UN", "before the OAS".
_FORUM_PREPS = frozenset({"in", "at", "before"})
# Verbs of going somewhere: their subject is a party to the meeting they go "for" ("flew
# to Washington for talks with X", "crossed into North Korea for a summit with X").
TRAVEL_VERBS = frozenset(
    {"travel", "fly", "go", "come", "head", "cross", "arrive", "return", "leave", "journey"}
    | {"drive", "sail", "set"}
)
# Prepositions of the target of an attack, which may be a place ("an attack on Kyiv").
_STRUCK_PREPS = frozenset({"on", "against", "at"})
# How a misattached "that" clause hangs on the verb, and what may stand between it and
# the noun it completes ("on Thursday", "last week", a comma).
_STRAY_DEPS = frozenset({"advcl", "ccomp"})
_ADVERBIAL_DEPS = frozenset(
    {"prep", "pobj", "det", "amod", "compound", "nummod", "npadvmod", "advmod", "punct"}
)
# Prepositions by which a clause puts someone under an act ("came under attack"), and
# for an act only a state does, in or into it ("are in custody", "took them into
# custody"; "lured Iraq into an attack" is no attack on Iraq).
_UNDERGO_PREPS = frozenset({"under"})
_HELD_PREPS = frozenset({"in", "into"})
# Frames of acts that react to what someone said or did ("rejected suggestions by X").
_JUDGING_FRAMES = frozenset({"direct", "accuse"})
# Dependents of a verb that tell another act or scene, not what its act is done to.
_OTHER_CLAUSE_DEPS = frozenset({"advcl", "conj", "cc", "punct", "parataxis", "relcl", "acl"})
_CIRCUMSTANCE_PREPS = frozenset(
    {"after", "following", "during", "upon", "at", "before", "on", "in"}
)


def is_passive(verb: Token) -> bool:
    return any(child.dep_ in ("nsubjpass", "auxpass") for child in verb.children)


def children(token: Token, *deps: str) -> Iterator[Token]:
    return (child for child in token.children if child.dep_ in deps)


# Particles the parser may take for prepositions before "to X" ("pass it on to Kyiv",
# "handed it over to Kenya").
_PARTICLE_PREPS = frozenset({"on", "over", "back", "along"})


def prep_objects(token: Token, preps: Iterable[str]) -> Iterator[Token]:
    """The objects of `token`'s prepositions in `preps` ("to X", "with X and Y"), also
    after a particle the parser took for a preposition ("pass the shells on to X")."""
    wanted = frozenset(preps)
    for prep in children(token, "prep", "dative", "agent"):
        if prep.lower_ in wanted:
            yield from children(prep, "pobj", "pcomp")
        elif prep.dep_ == "dative" and "to" in wanted and prep.pos_ != "ADP":
            yield prep
        elif prep.lower_ in _PARTICLE_PREPS and not any(children(prep, "pobj", "pcomp")):
            for inner in children(prep, "prep"):
                if inner.lower_ in wanted:
                    yield from children(inner, "pobj", "pcomp")


def content_object(token: Token) -> Token:
    """The noun a quantifier, a count, an amount or a collective noun stands before: "some
    of its aid" -> "aid", "dozens of websites" -> "websites", "$500 million in aid" ->
    "aid", "a series of assaults" -> "assaults"."""
    head = token.lemma_.lower()
    if token.lower_ in QUANTIFIERS or head in _COUNTING_NOUNS or head in _COLLECTIVE_HEADS:
        return next(prep_objects(token, ("of",)), token)
    if head == "state":  # "declared a state of emergency": the emergency
        inner = next(prep_objects(token, ("of",)), None)
        if inner is not None and inner.lemma_.lower() in _STATES_DECLARED:
            return inner
    if token.like_num or token.tag_ == "$" or token.lower_ in _AMOUNT_WORDS:
        return next(prep_objects(token, ("in", "of", "worth")), token)
    return token


def object_of(verb: Token) -> Token | None:
    """The thing acted on: direct object, passive subject, "with X", the one a verb of
    control lets or makes act when the parser made it the subject of the infinitive
    ("allowed observers to monitor the vote": the observers), or the noun a participle
    describes ("the pact signed in May")."""
    for child in verb.children:
        if child.dep_ == "dobj" or (child.dep_ == "nsubjpass"):
            return child
    for found in prep_objects(verb, ("with",)):
        return found
    if verb.lemma_.lower() in OBJECT_CONTROL:
        for clause in children(verb, "ccomp", "xcomp"):
            for subject in children(clause, "nsubj"):
                return subject
    if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "a pact signed by X": the pact
        return verb.head
    if zero_relative(verb):  # "the tanks Germany sent": the tanks
        return verb.head
    return None


# Nouns of time, manner and cause that a relative clause may follow with no object of its
# own ("the day Russia invaded", "the way it voted", "the reason Seoul objected").
_CIRCUMSTANCE_HEADS = frozenset(
    {"day", "week", "month", "year", "time", "moment", "night", "morning", "way", "reason"}
)


def zero_relative(verb: Token) -> bool:
    """A relative clause with no relative word whose verb lacks an object of its own ("the
    tanks Germany sent to Kyiv", "the sanctions it imposed", "the talks Japan held"): the
    noun it describes is the verb's object."""
    if verb.dep_ != "relcl" or verb.i < verb.head.i or is_passive(verb):
        return False
    if any(child.dep_ in ("dobj", "ccomp", "xcomp", "attr") for child in verb.children):
        return False
    if not any(child.dep_ == "nsubj" and not is_relative_pronoun(child) for child in verb.children):
        return False
    noun = verb.head
    if noun.pos_ not in ("NOUN", "PROPN") or noun.lemma_.lower() in _CIRCUMSTANCE_HEADS:
        return False
    if noun.ent_type_ in ("DATE", "TIME"):
        return False
    between = verb.doc[noun.i + 1 : verb.i]
    return not any(is_relative_pronoun(word) or word.tag_ in ("WRB", "IN") for word in between)


# What can do violence with no author named: a weapon, an attack or a violent act
# ("a car bomb killed", "the blast destroyed", "drones hit").
_FORCE_CLASSES = frozenset({"weapons", "attack", "wrongs", "targets"})


def done_by_nature(verb: Token) -> bool:
    """Whether a verb's subject is a thing that no one wields: "floods killed 20", "the
    earthquake hit Turkey", "the recession hit banks". Such a subject is no unnamed
    attacker; a person, a body, a weapon or an attack is ("gunmen", "a car bomb", "the
    blast")."""
    if is_passive(verb):
        return False
    for subject in children(verb, "nsubj"):
        if subject.pos_ != "NOUN" or is_agent_word(subject):
            return False
        return not load_lexicon().classes_of(subject.lemma_.lower()) & _FORCE_CLASSES
    return False


def verb_actor(verb: Token, parties: PartyIndex) -> list[str]:
    """The parties of a verb's subject, or of the subject it inherits."""
    if is_passive(verb) or (verb.dep_ == "acl" and verb.tag_ == "VBN"):  # "a pact signed by X"
        return [p for agent in prep_objects(verb, ("by",)) for p in parties.phrase_parties(agent)]
    for subject in map(_described_by_participle, children(verb, *_SUBJECTS)):
        if is_relative_pronoun(subject) and verb.dep_ == "relcl":
            return _described_parties(verb.head, parties)
        if subject.lemma_.lower() in _COUNT_NOUNS:  # "thousands of students"
            subject = next(prep_objects(subject, ("of",)), subject)
        if parties.party_at(subject) is None and not is_agent_word(subject):
            return _instrument_owner(subject, parties)
        return parties.phrase_parties(subject)
    return _inherited_actor(verb, parties)


def _described_by_participle(subject: Token) -> Token:
    """The noun a participle phrase describes, when the parser made the participle the
    verb's subject and the noun its subject ("The French navy patrolling the Channel
    detained a trawler", "Chile, worried about unrest spilling over, urged ...": the
    navy detained, Chile urged); else the subject itself."""
    if subject.pos_ != "VERB" or subject.tag_ not in ("VBG", "VBN"):
        return subject
    described = [c for c in subject.children if c.dep_ in ("nsubj", "nsubjpass")]
    return described[0] if described and described[0].i < subject.i else subject


def _instrument_owner(subject: Token, parties: PartyIndex) -> list[str]:
    """The party whose weapon or document is the subject: "Russian missiles struck",
    "Israel's jets bombed", "the U.N. resolution calls for", "Saddam's message urged".
    A document named again ("That 1978 resolution calls for", after "the U.N.
    resolution") is its earlier mention's. A weapon or document no party is named for
    ("Missiles struck", "A resolution calls for") gives no actor."""
    classes = load_lexicon().classes_of(subject.lemma_)
    if "weapons" not in classes and "documents" not in classes:
        return []
    found = _owner_parties(subject, parties, "documents" in classes)
    if found or "documents" not in classes or not _is_definite(subject):
        return found
    return next(filter(None, (_owner_parties(e, parties, True) for e in _earlier(subject))), [])


def _owner_parties(thing: Token, parties: PartyIndex, document: bool) -> list[str]:
    owners = [child for child in thing.children if child.dep_ in _OWNER_DEPS]
    if document:
        owners += prep_objects(thing, ("of", "by", "from"))
    return list(dict.fromkeys(p for owner in owners for p in parties.phrase_parties(owner)))


def _is_definite(noun: Token) -> bool:
    """ "the resolution", "that 1978 resolution" (the parser may attach a leading "That"
    to the verb)."""
    if any(c.dep_ == "det" and c.lower_ in _DEFINITE_DETS for c in noun.children):
        return True
    start = noun.left_edge.i
    return start > noun.sent.start and noun.doc[start - 1].lower_ in _DEFINITE_DETS


# Classes of nouns whose members name one another again: "the agreement" after "signed a
# defence pact", "the deal" after "the treaty".
_RENAMING_CLASSES = frozenset({"agreement"})


def _window_start(token: Token) -> int:
    """The first token of the sentence two before the token's (or of the earliest there
    is): how far back a definite noun may name what came before it."""
    doc, start = token.doc, token.sent.start
    for _ in range(2):  # step back sentence by sentence, not through the whole document
        if start > 0:
            start = doc[start - 1].sent.start
    return int(start)


def _earlier(noun: Token) -> Iterator[Token]:
    """Earlier words of the same lemma, or of a class whose members name one another
    (`_RENAMING_CLASSES`), in the sentence and the two before it, nearest first: the
    mentions a definite noun can name again."""
    doc, lemma = noun.doc, noun.lemma_.lower()
    lexicon = load_lexicon()
    kinds = lexicon.classes_of(lemma) & _RENAMING_CLASSES
    for index in range(noun.i - 1, _window_start(noun) - 1, -1):
        word = doc[index]
        if word.pos_ not in ("NOUN", "PROPN"):
            continue
        other = word.lemma_.lower()
        if other == lemma or (kinds and kinds & lexicon.classes_of(other)):
            yield word


def speaker_of(verb: Token, parties: PartyIndex) -> list[str]:
    """The parties of whoever says the clause `verb` heads: the subject of the nearest
    verb of saying or warning above it ("officials say Saddam can expect strikes": the
    officials), or none when no one is reported saying it."""
    found = saying_verb(verb, ("report", "threaten"))
    return verb_actor(found[1], parties) if found is not None else []


def saying_verb(verb: Token, kinds: tuple[str, ...]) -> tuple[str, Token] | None:
    """The nearest verb above the clause `verb` heads, within four clause links, whose
    sense governs one of `kinds` ("report", "threaten"), with the link by which the
    clause below hangs on it ("ccomp" for the reported clause itself); None if none."""
    lexicon = load_lexicon()
    current = verb
    for _ in range(4):
        if current.dep_ not in _SAYING_LINKS or current.head is current:
            return None
        edge, current = current.dep_, current.head
        senses = lexicon.senses_for("verbs", current.lemma_.lower())
        if any(sense.governs in kinds for sense in senses):
            return edge, current
    return None


def _described_parties(noun: Token, parties: PartyIndex) -> list[str]:
    """The parties of the noun a clause describes; a noun in apposition that names
    none is the name it stands beside ("Egypt, a country taking part in the attack")."""
    found = parties.phrase_parties(noun)
    if not found and noun.dep_ == "appos":
        return parties.phrase_parties(noun.head)
    return found


def _inherited_actor(verb: Token, parties: PartyIndex) -> list[str]:
    head = verb.head
    if head is verb or _is_bare_passive(verb):
        return []
    if verb.dep_ in ("relcl", "acl"):
        return _described_parties(head, parties)
    if _describes_patient(verb):
        # "soldiers were killed fighting the rebels": the soldiers fought
        return [p for s in children(head, "nsubjpass") for p in parties.phrase_parties(s)]
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        owner = head.head
        judged = _judged_doer(verb)
        if judged is not None:  # "accused Washington of attacking", "thanked Seoul for sending"
            return parties.phrase_parties(judged)
        if owner.pos_ in ("VERB", "AUX"):
            return verb_actor(owner, parties) + _joined_parties(owner, parties)
        found = noun_actor(owner, parties) if owner.pos_ == "NOUN" else []
        if not found and owner.dep_ == "dobj":
            return verb_actor(owner.head, parties)
        return found
    if verb.dep_ not in _CONTROLLED:
        return []
    if verb.dep_ == "xcomp" and head.lemma_.lower() in OBJECT_CONTROL:
        for object_ in children(head, "dobj"):
            return parties.phrase_parties(object_)
    if verb.dep_ == "xcomp" and head.lemma_.lower() in JOINING_VERBS:
        return list(dict.fromkeys(verb_actor(head, parties) + _joined_parties(head, parties)))
    if verb.dep_ == "xcomp" and head.lemma_.lower() not in _SUBJECT_CONTROL:
        # "prompting Israel to attack", "led Iran to expel": a party named as the
        # object before the infinitive does it, whatever the verb
        for object_ in children(head, "dobj"):
            found = parties.phrase_parties(object_) if object_.i < verb.i else []
            if found:
                return found
    if head.pos_ in ("VERB", "AUX", "ADJ"):
        return verb_actor(head, parties)
    return noun_actor(head, parties) if head.pos_ in ("NOUN", "PROPN") else []


def _judged_doer(verb: Token) -> Token | None:
    """The one a verb of judging holds to account for the act `verb` names: "Moscow
    assailed Kyiv for holding drills with NATO", "accused Iran of arming the militia",
    "thanked Chile for sending aid", "Iran was blamed for the attack": the object of the
    judging verb (Kyiv, Iran, Chile), or the subject of its passive, does the act in its
    "for" or "of" clause, not the one who judges; None when the clause is not one."""
    preposition = verb.head
    judging = preposition.head
    if preposition.lower_ not in _JUDGED_ACT_PREPS or judging.pos_ not in ("VERB", "AUX"):
        return None
    if verb.tag_ != "VBG":
        return None
    return next(children(judging, "nsubjpass" if is_passive(judging) else "dobj"), None)


def _joined_parties(verb: Token, parties: PartyIndex) -> list[str]:
    """Whom a verb of joining says its subject acts with: "Japan joined the United States
    in imposing sanctions", "the FBI joined Canadian police to investigate": the one
    joined does the act too."""
    if verb.lemma_.lower() not in JOINING_VERBS:
        return []
    return [p for object_ in children(verb, "dobj") for p in parties.phrase_parties(object_)]


def _describes_patient(verb: Token) -> bool:
    """A participle that says what the subject of a passive was doing ("were killed
    fighting the rebels", "died while attacking"), not what the act led to (", sparking
    protests"): no comma before it, or "while" or "when"."""
    if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "xcomp") or not is_passive(verb.head):
        return False
    if any(child.dep_ == "mark" and child.lower_ in ("while", "when") for child in verb.children):
        return True
    start = verb.left_edge.i
    return bool(start > 0 and verb.doc[start - 1].text != ",")


def _is_bare_passive(verb: Token) -> bool:
    """A participle with no auxiliary ("if attacked"): its subject is the one acted on. A
    past tense the parser tagged as a participle keeps its object ("condemned the coup and
    suspended aid"): no passive."""
    if verb.tag_ != "VBN" or verb.dep_ not in ("advcl", "conj", "xcomp"):
        return False
    if verb.dep_ == "conj" and verb.head.tag_ == "VBD" and any(children(verb, "dobj")):
        return False
    return not any(child.dep_ == "aux" for child in verb.children)


def meeting_owner(word: Token, parties: PartyIndex) -> list[str]:
    """The party whose meeting a visit is for: "flew to Vilnius for a NATO summit" visits
    NATO, not Lithuania; [] when the visit is for no one's meeting."""
    lexicon = load_lexicon()
    for meeting in prep_objects(word, ("for",)):
        if "meeting" not in lexicon.classes_of(meeting.lemma_.lower()):
            continue
        owners = [
            party
            for child in meeting.children
            if child.dep_ in _OWNER_DEPS
            for party in parties.phrase_parties(child)
        ]
        if owners:
            return list(dict.fromkeys(owners))
    return []


def verb_recipient(verb: Token, frame: Frame, parties: PartyIndex) -> list[str]:
    """The recipient parties of a verbal trigger under `frame`."""
    if frame == "visit" and (owners := meeting_owner(verb, parties)):
        return owners
    found: list[str] = []
    places = frame in ("visit", "leave")
    # where a gift goes: "sent aid to Gaza" gives to the Palestinians there
    to_places = places or frame == "give"
    # "protested the visit of the Peruvian president": what a crowd protests is aimed at
    if frame in ("give", "direct", "ask", "accuse", "visit", "leave", "protest") and not is_passive(
        verb
    ):
        for object_ in children(verb, "dobj", "iobj", "dative"):
            if frame == "give" and object_.dep_ == "dobj":
                found.extend(_party_object(object_, parties))
            else:
                found.extend(parties.phrase_parties(object_, places=places))
            if frame in _JUDGING_FRAMES and object_.dep_ == "dobj" and not found:
                # the parser may hang "by X" on the active verb, whose doer is its subject
                found.extend(_maker(content_object(object_), parties) or _maker(verb, parties))
            if frame in _JUDGING_FRAMES and object_.dep_ == "dobj" and not found:
                found.extend(_told_before(content_object(object_), parties))
    if is_passive(verb) and frame in ("direct", "accuse", "ask", "visit"):
        for subject in children(verb, "nsubjpass"):  # "Kyiv was visited by X": Kyiv's host
            found.extend(parties.phrase_parties(subject, places=places))
    stated = bool(found)
    objects = list(prep_objects(verb, _RECIPIENT_PREPS[frame]))
    topic = _first_topic_preposition(verb) if objects else None
    # "imposed sanctions on Iran over its drone sales to Russia": Russia is the topic's
    topical = {o.i for o in _hung_after(objects, topic)} if topic is not None else set()
    for object_ in objects:
        if stated and object_.head.lower_ in _TOPIC_PREPS:
            continue  # "expelled 23 Russian diplomats over the poisoning of a spy in X"
        if object_.i not in topical:
            found.extend(parties.phrase_parties(object_, places=to_places))
    if not found and frame in ("give", "direct", "leave"):
        # "sent tanks to X" parsed as "tanks to X"; "paused aid programmes for X"
        for thing in children(verb, "dobj"):
            thing = content_object(thing)
            preps = (_RECIPIENT_PREPS[frame] | {"for"}) - {"over"}
            if "information" in load_lexicon().classes_of(thing.lemma_.lower()):
                preps -= {"on"}  # "shared information on the North's deployment": its topic
            for object_ in prep_objects(thing, preps):
                found.extend(parties.phrase_parties(object_, places=to_places))
    if not found and frame in ("direct", "ask", "accuse"):
        found.extend(_complement_subjects(verb, parties))
    if not found and frame == "ask":  # "requested $50 million in aid from Congress"
        for source in asked_through_object(verb):
            found.extend(parties.phrase_parties(source))
    if not found and frame == "ask":
        found.extend(meeting_owner(verb, parties) or _forum(verb, parties))
    if not found and frame in ("direct", "leave") and verb.dep_ == "pcomp":
        found.extend(_answered_party(verb, parties))
    return list(dict.fromkeys(found))


def _answered_party(means: Token, parties: PartyIndex) -> list[str]:
    """Whom an act done as the means of a reply is aimed at: "retaliated against Britain
    by expelling diplomats" expels Britain's."""
    prep = means.head
    if prep.lower_ != "by" or prep.head.lemma_.lower() not in ANSWER_VERBS:
        return []
    targets = prep_objects(prep.head, ("against", "to"))
    return [party for target in targets for party in parties.phrase_parties(target)]


def asked_through_object(verb: Token) -> list[Token]:
    """Whom a request is made of when the parser hangs "from X" on what is asked for:
    "requested $50 million in aid from Congress" -> Congress."""
    things = [content_object(thing) for thing in children(verb, "dobj")]
    return [source for thing in things for source in prep_objects(thing, ("from",))]


def _forum(verb: Token, parties: PartyIndex) -> list[str]:
    """The organisation in whose forum a demand is made, which it is addressed to: "In
    the United Nations, Libya called for ...", "at the OAS, Peru demanded ..."."""
    found = [p for o in prep_objects(verb, _FORUM_PREPS) for p in parties.phrase_parties(o)]
    return [party for party in found if is_organisation(party)]


def is_organisation(party: str) -> bool:
    """Whether a party id is an intergovernmental organisation's."""
    actor = load_knowledge().get(party)
    return actor is not None and actor.kind == "igo"


def _maker(thing: Token, parties: PartyIndex) -> list[str]:
    """The parties of the one who made what a verb reacts to: "rejected suggestions by
    Colombian officials", "welcomed the decision by France" -> its "by X"."""
    return [p for agent in prep_objects(thing, ("by",)) for p in parties.phrase_parties(agent)]


def _told_before(thing: Token, parties: PartyIndex) -> list[str]:
    """The maker an earlier mention gave a thing named again with "the": its owner ("the
    court's ruling ... Peru praised the ruling": the court's) or the subject of the verb
    it was the object of ("the court issued a ruling"), in its sentence or the two
    before; nothing for a thing named for the first time."""
    if thing.pos_ != "NOUN" or not _is_definite(thing) or any(children(thing, "prep")):
        return []
    for earlier in _earlier(thing):
        found = _owner_parties(earlier, parties, True)
        if not found and earlier.dep_ == "dobj" and earlier.head.pos_ == "VERB":
            found = verb_actor(earlier.head, parties)
        if found:
            return found
    return _ruling_court(thing, parties)


def _ruling_court(ruling: Token, parties: PartyIndex) -> list[str]:
    """The court a definite ruling named for the first time is of: the last court its
    sentence or the two before name ("The World Court rejected the objections ... Libya
    hailed the ruling": the court's)."""
    lexicon = load_lexicon()
    if "rulings" not in lexicon.classes_of(ruling.lemma_.lower()):
        return []
    doc = ruling.doc
    for index in range(ruling.i - 1, _window_start(ruling) - 1, -1):
        party = parties.party_at(doc[index])
        if party is not None and "courts" in lexicon.classes_of(doc[index].lemma_.lower()):
            return [party.id]
    return []


def _complement_subjects(word: Token, parties: PartyIndex) -> list[str]:
    """The subject of a clause a verb or noun governs ("warned that X would", "insisted
    that X", "the accusation that X supplied")."""
    deps = ("ccomp", "acl") if word.pos_ == "NOUN" else ("ccomp",)
    clauses = list(children(word, *deps))
    first = 0  # a clause told before its verb ("X would pay, Iran said") has its subject first
    if not clauses and word.pos_ == "NOUN":
        clauses, first = _stray_complement(word), word.i + 1
    for clause in clauses:
        for subject in children(clause, "nsubj", "nsubjpass"):
            if subject.pos_ != "PRON" and subject.i >= first:
                return parties.phrase_parties(subject)
    return []


def _stray_complement(noun: Token) -> list[Token]:
    """A "that" clause the parser hung on the noun's verb, or made the sentence's root,
    though it completes the noun: "dismissed warnings from Moscow on Thursday that US
    strikes could harm relations". Only the noun's own phrase and phrases of time or
    place may stand between the noun and "that"."""
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    end = noun.right_edge.i
    for mark in noun.sent:
        if mark.i <= end or mark.dep_ != "mark" or mark.lower_ != "that":
            continue
        clause = mark.head
        between = noun.doc[end + 1 : mark.i]
        loose = clause.dep_ == "ROOT" or (clause.head == verb and clause.dep_ in _STRAY_DEPS)
        if loose and all(token.dep_ in _ADVERBIAL_DEPS for token in between):
            return [clause]
        return []
    return []


def _party_object(object_: Token, parties: PartyIndex) -> list[str]:
    """A direct object that is itself an actor ("arm Ukraine"), not a thing. The parser
    may make the receiver of an amount the amount's modifier ("lend Portugal billions")."""
    if object_.lemma_.lower() in _AMOUNT_WORDS or object_.like_num:
        takers = [c for c in object_.children if c.dep_ == "compound" and c.i < object_.i]
        return [
            p for taker in takers if parties.party_at(taker) for p in parties.phrase_parties(taker)
        ]
    party = parties.party_at(object_)
    person = object_.lemma_.lower() in GENERIC_STATE_NOUNS | {"counterpart"}
    if party is None and object_.pos_ != "PRON" and not person:
        return []
    return parties.phrase_parties(object_)


def mutual_parties(trigger: Token, parties: PartyIndex, actor: list[str]) -> list[str]:
    """Every party of a two-sided act: subject, "with/between X", an actor as object.

    "with X" counts on the trigger, on its object ("signed a pact with X") and,
    for a nominal trigger, on its verb ("held talks in Geneva with X").
    """
    between = [
        p for o in prep_objects(trigger, ("between", "among")) for p in parties.phrase_parties(o)
    ]
    if between:
        return list(dict.fromkeys(between))
    found = list(actor)
    for object_ in prep_objects(trigger, _MUTUAL_PREPS):
        found.extend(parties.phrase_parties(object_))
    topical = trigger.lemma_.lower() in _TOPIC_VERBS  # "discussed Syria": no partner
    for object_ in children(trigger, "dobj"):
        if not topical:
            found.extend(_party_object(object_, parties))
        for partner in prep_objects(object_, _MUTUAL_PREPS):  # "signed a pact with X"
            found.extend(parties.phrase_parties(partner))
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.head.pos_ in ("VERB", "AUX"):
        for object_ in prep_objects(trigger.head, _MUTUAL_PREPS):
            found.extend(parties.phrase_parties(object_))
    if trigger.pos_ in ("NOUN", "PROPN"):  # "the cooperation we have had with X"
        for clause in children(trigger, "relcl"):
            for object_ in prep_objects(clause, _MUTUAL_PREPS):
                found.extend(parties.phrase_parties(object_))
    return list(dict.fromkeys(found))


def judged_parties(noun: Token, frame: Frame, parties: PartyIndex) -> list[str]:
    """The parties whose act a judgement of the act noun is aimed at: its doer ("Russia's
    invasion", "by X"), and for a two-sided act everyone in it ("the cooperation between
    Moscow and Pyongyang", "the cooperation of Kenya", "the talks we held with X")."""
    doers = noun_actor(noun, parties)
    if frame != "mutual":
        return doers
    doers = mutual_parties(noun, parties, doers)
    doers += [p for o in prep_objects(noun, ("of",)) for p in parties.phrase_parties(o)]
    return list(dict.fromkeys(doers))


def noun_actor(noun: Token, parties: PartyIndex) -> list[str]:
    """The owner of a nominal trigger ("Russia's", "US", "by/from X") or its verb's subject."""
    found: list[str] = []
    owned = any(child.dep_ == "poss" for child in noun.children)
    for child in noun.children:
        if child.dep_ in _OWNER_DEPS and not is_topic_modifier(child):
            if owned and _names_rank(child):
                continue  # "Kuchma's state visit": Kuchma's, not the state's
            found.extend(parties.phrase_parties(child))
    # "a request from Kyiv" is Kyiv's; in "Israel's withdrawal from Lebanon" the owner
    # is the doer and "from X" the place left
    agents = list(prep_objects(noun, ("by",) if found else _AGENT_PREPS))
    if not found and not agents and _is_undergone(noun):  # "drew criticism from the EU"
        agents = list(prep_objects(noun.head, _AGENT_PREPS))
    for agent in agents:
        found.extend(parties.phrase_parties(agent))
    if not found:  # "a police shooting", "the killing of a boy by police": where it happened
        doers = [child for child in noun.children if child.dep_ == "compound"] + agents
        found = next(filter(None, map(parties.local_agent, doers)), [])
    if found:
        return list(dict.fromkeys(found))
    return claimant(noun, parties) or supported_actor(noun, parties)


# Modifiers that give an act's rank or form, not its doer ("a state visit", "a state
# funeral"), when the act has an owner of its own.
_RANKS = frozenset({"state"})


def _names_rank(modifier: Token) -> bool:
    return modifier.dep_ == "compound" and modifier.lemma_.lower() in _RANKS


def _is_undergone(noun: Token) -> bool:
    """An act noun that is the object of a verb of undergoing ("faced criticism")."""
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in load_lexicon().undergo_verbs


def claimant(noun: Token, parties: PartyIndex) -> list[str]:
    """Who claims an act as theirs: "Hamas claimed responsibility for the bombing",
    "the group took credit for the attack" -> the subject of the claiming verb."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for" or prep.head.lemma_.lower() not in _CLAIMS:
        return []
    verb = prep.head.head
    if prep.head.dep_ != "dobj" or verb.lemma_.lower() not in _CLAIMING_VERBS:
        return []
    return verb_actor(verb, parties)


def is_topic_modifier(modifier: Token) -> bool:
    """A country's full name used as a noun modifier names a topic, not who acts.

    "the Russia investigation" is no act of Russia's, nor "the Iran deal" of
    Iran's; a possessive ("Russia's invasion"), a demonym ("Russian strikes")
    or a short form written as an adjective ("U.S. strikes", "UN inspectors")
    does name who acts.
    """
    if modifier.dep_ != "compound" or modifier.pos_ != "PROPN":
        return False
    word = modifier.text
    return not (word.isupper() or "." in word) and not any(
        child.dep_ == "case" for child in modifier.children
    )


def supported_actor(noun: Token, parties: PartyIndex) -> list[str]:
    """The subject of the verb a nominal trigger is the object of.

    The verb is a support verb ("X held talks") or one that governs acts ("X is
    weighing a transfer", "X refused the sale").
    """
    head = noun.head
    verb = head if noun.dep_ in ("dobj", "attr") else None
    background = _TOPIC_PREPS | _TIME_PREPS  # "sympathy over the bombing", "after the coup"
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ not in background:
        verb = head.head  # "engaged in talks"
        if _gathers(verb) and verb.dep_ in ("dobj", "attr"):
            verb = verb.head  # "unleashed a wave of attacks"
        elif _supports_its_object(verb, noun):
            return []  # "opened an investigation into the attack": the investigation's
    lexicon = load_lexicon()
    if verb is None:
        describing = describing_support_verb(noun)
        if describing is not None:  # "the talks Japan held", "an attack carried out by X"
            return verb_actor(describing, parties)
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return []
    lemma = verb.lemma_.lower()
    supports = lemma in lexicon.support_verbs or lexicon.governs_complement(lemma)
    travels = lemma in TRAVEL_VERBS and head.lower_ == "for"  # "crossed into X for talks"
    return verb_actor(verb, parties) if supports or travels else []


def _first_topic_preposition(verb: Token) -> int | None:
    """Where the first "over", "about"... after a verb stands in its clause, or None.

    A phrase after it that the parse hangs on the verb belongs to the topic:
    in "imposed sanctions on Iran over its drone sales to Russia", Russia buys
    the drones and is no target of the sanctions."""
    after = verb.doc[verb.i + 1 : max(verb.i + 1, verb.right_edge.i + 1)]
    return next(
        (word.i for word in after if word.dep_ == "prep" and word.lower_ in _TOPIC_PREPS), None
    )


def _hung_after(objects: Iterable[Token], position: int) -> list[Token]:
    """The prepositional objects of a verb whose preposition stands after `position`
    and is no topic preposition itself: phrases of a topic that the parse hangs on the
    verb (see `_first_topic_preposition`)."""
    return [o for o in objects if o.head.i > position and o.head.lower_ not in _TOPIC_PREPS]


# Objects through which a support verb's subject takes part in the act after them.
_TAKING_PART = frozenset({"part", "role", "hand", "share"})
# Nouns that hold an act named by the noun before them ("an aid package", "a weapons
# shipment"): the container stands in the clause where the act would.
_ACT_CONTAINERS = frozenset({"package", "shipment", "consignment", "tranche", "delivery"})


def act_container(noun: Token) -> Token:
    """The container noun an act noun modifies ("a military aid package" -> package), which
    takes the act's place in the clause (the verb's object, "for Ukraine"); else the noun."""
    head = noun.head
    if noun.dep_ == "compound" and _is_container(head):
        return head
    return noun


def contained_acts(noun: Token) -> list[Token]:
    """The words a container noun holds ("an aid package" -> aid); none for another noun."""
    return list(children(noun, "compound")) if _is_container(noun) else []


def _is_container(noun: Token) -> bool:
    return noun.pos_ == "NOUN" and noun.lemma_.lower() in _ACT_CONTAINERS


def _supports_its_object(verb: Token, noun: Token) -> bool:
    """Whether a support verb has a thing of its own as direct object besides `noun`:
    a common noun that names no people and is no word of taking part.

    Then the verb carries its object ("opened an investigation", "gave a statement"),
    and a phrase after it ("into the attack", "on the attack") tells what that is
    about, whichever word the parse hangs it on: no act of the verb's subject. People
    as the object undergo the act ("took 23 pirates into custody"), and a word of taking
    part joins the subject to it ("took part in the attack", "played a role in the coup")."""
    return any(
        obj.i != noun.i
        and obj.pos_ == "NOUN"
        and obj.lemma_.lower() not in _TAKING_PART
        and not names_people(content_object(obj))
        for obj in children(verb, "dobj")
    )


def _gathers(noun: Token) -> bool:
    """A noun that only gathers acts of a kind ("a wave of", "a campaign of")."""
    return noun.pos_ == "NOUN" and noun.lemma_.lower() in _COLLECTIVE_HEADS


def describing_support_verb(noun: Token) -> Token | None:
    """The support verb that carries a nominal trigger from a clause describing it or of
    which it is the passive subject: "the talks Japan held with China", "an attack carried
    out by Russian drones", "the attack was carried out by Russia"; else None."""
    support_verbs = load_lexicon().support_verbs
    if noun.dep_ == "nsubjpass" and noun.head.lemma_.lower() in support_verbs:
        return noun.head if any(prep_objects(noun.head, ("by",))) else None
    for clause in children(noun, "relcl", "acl"):
        described = zero_relative(clause) or (clause.dep_ == "acl" and clause.tag_ == "VBN")
        if clause.lemma_.lower() in support_verbs and described:
            return clause
    return None


def noun_recipient(
    noun: Token, frame: Frame, parties: PartyIndex, violent: bool = False
) -> list[str]:
    """The recipient parties of a nominal trigger under `frame`; a `violent` act's target
    may be a place ("a missile strike on Kharkiv" is aimed at Ukraine)."""
    if frame == "visit" and (owners := meeting_owner(noun, parties)):
        return owners
    found: list[str] = []
    for object_ in prep_objects(noun, _NOUN_RECIPIENT_PREPS[frame]):
        places = frame == "visit" or (violent and object_.head.lower_ in _STRUCK_PREPS)
        found.extend(parties.phrase_parties(object_, places=places))
    if not found and noun.head.pos_ in ("VERB", "AUX") and frame in ("give", "direct"):
        for object_ in prep_objects(noun.head, _NOUN_RECIPIENT_PREPS[frame] - {"of"}):
            found.extend(parties.phrase_parties(object_))
    if not found and noun.dep_ == "dobj" and frame in ("give", "direct", "ask"):
        for object_ in children(noun.head, "dative", "iobj"):  # "gave Baghdad an ultimatum"
            found.extend(parties.phrase_parties(object_))
    describing = describing_support_verb(noun) if not found else None
    if describing is not None and describing.i != noun.head.i:  # "the attack it launched on X"
        for object_ in prep_objects(describing, _NOUN_RECIPIENT_PREPS[frame] - {"of"}):
            found.extend(parties.phrase_parties(object_, places=violent))
    if not found and frame in ("direct", "ask", "accuse"):
        found = _complement_subjects(noun, parties)  # "warnings that US strikes could..."
    if not found and (verb := _verb_of_topic(noun)) is not None:
        # "imposed sanctions on Iran over its drone sales to Russia", the parse hanging
        # "to Russia" on the verb: the phrase after the topic is the topic's own
        objects = prep_objects(verb, _NOUN_RECIPIENT_PREPS[frame] - {"of"})
        for object_ in _hung_after(objects, noun.i):
            found.extend(parties.phrase_parties(object_))
    return list(dict.fromkeys(found))


def _verb_of_topic(noun: Token) -> Token | None:
    """The verb of the clause whose topic phrase ("over its drone sales") `noun` heads."""
    preposition = noun.head
    if noun.dep_ != "pobj" or preposition.lower_ not in _TOPIC_PREPS:
        return None
    word = preposition.head
    while word.pos_ not in ("VERB", "AUX") and word.dep_ in ("dobj", "pobj", "prep"):
        word = word.head
    return word if word.pos_ in ("VERB", "AUX") else None


def gathering_place(trigger: Token, parties: PartyIndex) -> list[str]:
    """The country where a protest happens: "In Niamey, thousands marched" -> Niger;
    "in Lille and Ghent" -> France and Belgium.

    Looks at "in/across/throughout X" on the trigger (or the verb a nominal
    trigger is the object of), then at the sentence's other words.
    """
    holders = [trigger, trigger.head] if trigger.pos_ in ("NOUN", "PROPN") else [trigger]
    for holder in holders:
        for place in prep_objects(holder, _PLACE_PREPS):
            found = _countries_of_places(place, parties)
            if found:
                return found
    for token in trigger.sent:
        if token.dep_ == "prep" and token.lower_ in _PLACE_PREPS:
            for place in children(token, "pobj"):
                found = _countries_of_places(place, parties)
                if found:
                    return found
    return []


def _countries_of_places(place: Token, parties: PartyIndex) -> list[str]:
    """The country of a place, and of each place coordinated with it ("in Canada and
    western New York": both)."""
    found = parties.phrase_parties(place, places=True)[:1]
    if found:
        for other in place.conjuncts:
            found += parties.phrase_parties(other, places=True)[:1]
    return list(dict.fromkeys(found))


def site_target(trigger: Token, parties: PartyIndex, violent: bool) -> list[str]:
    """The owner of a site abroad the act is aimed at or happens at ("a rally at the
    French embassy", "stormed the British embassy"): it is aimed at the state that
    owns the site, not at its host. A site that only places the people acted on
    ("broke up a rally outside the Russian embassy") is not the target, but any site
    a `violent` act's sentence names is ("bombs exploded outside the U.S. embassies
    in Nairobi, killing dozens": the killing is of the same attack). A site named
    again without its owner is the one the article named before ("the embassy
    bombings").
    """
    if violent:
        sites = list(trigger.sent)
    else:
        holders = [trigger]
        if trigger.dep_ in ("advcl", "conj", "xcomp") or trigger.pos_ in ("NOUN", "PROPN"):
            holders.append(trigger.head)
        sites = [o for holder in holders for o in children(holder, "dobj", "nsubjpass")]
        sites += [
            o
            for holder in holders
            for prep in children(holder, "prep")
            for o in children(prep, "pobj")
        ]
    owners = (parties.site_owner(site, named_before=True) for site in sites)
    return next((found for found in owners if found), [])


def targets_uncodable_group(trigger: Token, parties: PartyIndex) -> bool:
    """Whether the act names whom it is aimed at, but as a group no party can be coded
    for ("urged all Balkan states to sign", "called on West African leaders"): its
    recipient is stated, so no other party may be inferred for it."""
    if trigger.pos_ in ("NOUN", "PROPN"):
        objects = list(prep_objects(trigger, ("to", "on", "against", "at")))
    else:
        objects = list(children(trigger, "dobj", "iobj", "dative"))
        objects += prep_objects(trigger, ("to", "on", "against", "at", "upon"))
        asked = [s for c in _for_clauses(trigger) for s in children(c, "nsubj")]
        if any(s.pos_ == "NOUN" and not parties.phrase_parties(s) for s in asked):
            return True  # "called for shipping companies to do more"
    return any(parties.is_uncodable_group(content_object(o)) for o in objects)


def _for_clauses(verb: Token) -> list[Token]:
    """The clauses "for" opens after a verb ("called for companies to do more")."""
    return [
        clause
        for clause in children(verb, "advcl", "ccomp", "xcomp")
        if any(m.dep_ == "mark" and m.lower_ == "for" for m in clause.children)
    ]


def names_unresolved_addressee(trigger: Token, parties: PartyIndex, actor: Iterable[str]) -> bool:
    """Whether an act names whom it is addressed to by a pronoun or a name that no party
    other than the `actor`'s is resolved for ("the US pressured it", "urged Smith to
    resign"). A common noun for a group ("called on shipping companies", "urged all
    states") or no addressee at all ("called for a conference") is not one."""
    own = frozenset(actor)
    if trigger.pos_ in ("NOUN", "PROPN"):
        objects = list(prep_objects(trigger, ("to", "on")))
    else:
        objects = list(children(trigger, "dobj", "iobj", "dative"))
        objects += prep_objects(trigger, ("to", "on", "upon"))
    for object_ in map(content_object, objects):
        named = object_.pos_ in ("PRON", "PROPN") or object_.ent_type_ in _NAME_ENTITIES
        if named and not set(parties.phrase_parties(object_)) - own:
            return True
    return False


def talks_among_own(trigger: Token, parties: PartyIndex, actor: Iterable[str]) -> bool:
    """Whether a meeting's other side is named as people of the actor's own country, or of
    none the text gives ("Clinton met with his top aides", "police negotiated with a
    suspect", "a conversation between South Korean officials", "officials discussing
    the sale"): talks at home, with one party. A partner named by a name no party is
    resolved for ("met with Moi") is not one: its country is unknown, not the same; nor
    is a meeting whose one party comes from its partner, not from its subject ("Annan
    met Iraq's president", Annan unknown)."""
    own = frozenset(actor)
    noun = trigger.pos_ in ("NOUN", "PROPN")
    doers = noun_actor(trigger, parties) if noun else verb_actor(trigger, parties)
    if noun and not doers:  # "a conversation between South Korean officials"
        doers = [
            p
            for o in prep_objects(trigger, ("between", "among"))
            for p in parties.phrase_parties(o)
        ]
    if not doers or set(doers) != own:
        return False
    holders = [trigger]
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.head.pos_ in ("VERB", "AUX"):
        holders.append(trigger.head)  # "emerged from their meeting with federal officials"
    partners = [o for h in holders for o in prep_objects(h, _MUTUAL_PREPS)]
    if not partners and trigger.pos_ in ("VERB", "AUX") and not any(children(trigger, "dobj")):
        # "officials discussing whether to sell", not "police would not discuss a motive"
        partners = [s for s in children(trigger, "nsubj") if s.tag_ in ("NNS", "NNPS")]
    if not partners:
        return False
    for partner in map(content_object, partners):
        found = set(parties.phrase_parties(partner))
        if found - own:
            return False
        named = partner.pos_ == "PROPN" or partner.ent_type_ in _NAME_ENTITIES
        if not found and (named or not names_people(partner)):
            return False
    return True


def names_another_insider(verb: Token, frame: Frame, parties: PartyIndex) -> bool:
    """Whether a verb's object names a person or body other than its subject names.

    "Soldiers from Niger's guard detained President Bazoum": the recipient is of
    the actor's own country yet another actor, so the act is domestic (NER -> NER),
    not reflexive. So is an object that is a common noun for people or a body of
    them ("urged parliament to pass the bill", "ordered the Miami relatives to hand
    the boy over"), and so is a person's name other than the subject's, which no
    dictionary may know ("the attorney general criticized Brannigan"). An object
    naming the state itself ("Niger's junta") is not another insider.
    """
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    passive = is_passive(verb)
    subjects = list(prep_objects(verb, ("by",))) if passive else list(children(verb, *_SUBJECTS))
    objects = list(children(verb, "nsubjpass")) if passive else []
    objects += list(children(verb, "dobj", "dative", "iobj"))
    objects += list(prep_objects(verb, _RECIPIENT_PREPS[frame]))
    if frame == "ask":
        objects += asked_through_object(verb)
    if any(o.pos_ == "NOUN" and names_people(content_object(o)) for o in objects):
        return True  # "urged parliament", "ordered the Miami relatives": people of its own
    if any(o.lower_ in PERSON_PRONOUNS for o in objects):
        return True  # "he was charged with treason": a person, of the place when unnamed
    doers = {subject.lower_ for subject in subjects}
    named_people = [o for o in objects if o.ent_type_ == "PERSON" and o.pos_ == "PROPN"]
    if any(person.lower_ not in doers for person in named_people):
        return True  # "Keswick criticized Brannigan": another person, known or not
    insiders = [parties.phrase_entity(o) for o in objects]
    named = [p.entity for p in insiders if p is not None and p.entity != p.id]
    acting = {p.entity for p in map(parties.phrase_entity, subjects) if p is not None}
    return any(entity not in acting for entity in named)


def on_own_ground(top: Token, parties: PartyIndex, actor: Iterable[str]) -> bool:
    """Whether what an act is done to, or where, names a place, and every place and party
    it names is of the actor's own country ("the Iraqi army deployed tanks in the
    streets of Baghdad", "the attorney general rejected a Florida court's order"): the
    act is done at home, to the country's own people or bodies. Only the words after
    the act's word count, outside clauses of their own: "speaking in Tehran, the
    minister rejected the plan" places the speaker, not the act."""
    own = frozenset(actor)
    placed = False
    said = [c for c in top.children if c.i > top.i and c.dep_ not in _OTHER_CLAUSE_DEPS]
    for token in (word for child in said for word in child.subtree):
        party = parties.party_at(token)
        if party is None:
            continue
        if party.id not in own:
            return False
        placed = placed or party.is_place
    return placed


def acted_on(trigger: Token) -> list[Token]:
    """The one a trigger acts on: a verb's direct object or passive subject, a noun's "of X"."""
    if trigger.pos_ in ("NOUN", "PROPN"):
        found = list(prep_objects(trigger, ("of",)))
    else:
        found = list(children(trigger, "dobj", "nsubjpass"))
    return [content_object(token) for token in found]


def unnamed_targets(
    trigger: Token, frame: Frame, parties: PartyIndex, pronouns: bool = False
) -> list[Token]:
    """People or bodies an act is aimed at that the text gives no country of their own.

    "Police detained 40 demonstrators", "the arrest of two men", "charged the
    suspect": the objects are people, but no phrase says whose. Verbs look at
    the direct and indirect object, a passive subject and the frame's
    recipient prepositions; nouns at "of X" and the frame's prepositions. With
    `pronouns`, "he" or "she" naming no party is such a person too.
    """
    if trigger.pos_ in ("NOUN", "PROPN"):
        objects = list(prep_objects(trigger, _NOUN_RECIPIENT_PREPS[frame] | {"of"}))
    else:
        objects = list(children(trigger, "dobj", "iobj", "dative", "nsubjpass"))
        objects += prep_objects(trigger, _RECIPIENT_PREPS[frame])
    found = []
    for object_ in objects:
        object_ = content_object(object_)
        if object_.lemma_.lower() in _COUNT_NOUNS:  # "dozens of protesters"
            object_ = next(prep_objects(object_, ("of",)), object_)
        person = pronouns and object_.lower_ in PERSON_PRONOUNS
        if (person or names_people(object_)) and not parties.phrase_parties(object_, True):
            found.append(object_)  # a place named is no people: "bombed Homs"
    return found


def names_people(token: Token) -> bool:
    """Whether a noun names a person, a group of people or a body of them ("Kopp", "two
    men", "Protestants", "parliament")."""
    if token.ent_type_ in ("PERSON", "NORP", "ORG"):
        return True
    if token.pos_ != "NOUN":
        return False
    if token.lemma_.lower() in PEOPLE_NOUNS | BODY_NOUNS:
        return True
    # "the American pastor Andrew Brunson": a noun the name beside it shows is a person
    return any(child.dep_ == "appos" and child.ent_type_ == "PERSON" for child in token.children)


def is_accident(verb: Token) -> bool:
    """Whether deaths are told as an accident's, not anyone's act: "73 soldiers were
    killed when two helicopters crashed", "died in a road accident", or the word is
    the accident itself ("the helicopter crashed")."""
    lemma = verb.lemma_.lower()
    noun = verb.pos_ in ("NOUN", "PROPN")  # "the storm", not "stormed the embassy"
    if (noun and lemma in _ACCIDENT_NOUNS) or (
        lemma in _ACCIDENT_VERBS and not any(children(verb, "dobj"))
    ):
        return True
    for child in verb.children:
        intransitive = not any(children(child, "dobj"))  # "a ferry sank", not "overturning cars"
        if child.dep_ == "advcl" and child.lemma_.lower() in _ACCIDENT_VERBS and intransitive:
            return True
        if child.dep_ == "prep" and child.lower_ in ("in", "during"):
            for object_ in child.children:
                if object_.dep_ == "pobj" and object_.lemma_.lower() in _ACCIDENT_NOUNS:
                    return True
    return False


def tells_result(verb: Token) -> bool:
    """A participle hanging on another verb that tells what its act did: "bombed Gaza,
    wounding 20 people", "a bomb exploded, killing two guards"; not one that says what
    the subject of a passive was doing ("were killed while fighting the rebels")."""
    return bool(verb.dep_ in ("advcl", "conj") and verb.tag_ == "VBG") and not (
        _describes_patient(verb)
    )


def undergoer(noun: Token, by_state: bool) -> Token | None:
    """The one a nominal act is done to when the clause makes it undergo the act.

    The subject of a verb of undergoing whose object the noun is ("Ankara faced
    criticism", "the plan drew objections"), or of the clause such a verb's participle
    hangs on ("Budapest passed the law, drawing criticism"); the object, else the subject, of a verb
    the noun hangs on by "under" ("the vessel came under attack"), or by "in" or "into"
    for an act only a state does ("took 23 pirates into custody", "six suspects are in
    custody"). A relative pronoun stands for the noun it qualifies ("vessels that
    were under attack"). None when the noun is not used so.
    """
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_.lower() in load_lexicon().undergo_verbs:
        subject = _clause_subject(head)
        if subject is None and head.dep_ in ("advcl", "conj") and head.tag_ == "VBG":
            # "passed the law, drawing criticism from X"; "would move plants abroad to
            # avoid tariffs, drawing criticism": the subject of the clause it hangs on
            clause = head.head
            while (subject := _clause_subject(clause)) is None and clause.dep_ in _CONTROLLED:
                clause = clause.head
        return subject
    places = _UNDERGO_PREPS | _HELD_PREPS if by_state else _UNDERGO_PREPS
    if noun.dep_ != "pobj" or head.dep_ != "prep" or head.lower_ not in places:
        return None
    verb = head.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    return next(children(verb, "dobj"), None) or _clause_subject(verb)


def _clause_subject(verb: Token) -> Token | None:
    subject = next(children(verb, "nsubj", "nsubjpass"), None)
    if subject is not None and is_relative_pronoun(subject) and verb.dep_ == "relcl":
        return verb.head
    return subject


def circumstance_verb(noun: Token) -> Token | None:
    """The verb a nominal act sets the scene for: "arrived after a trip to Poland" -> arrived.

    The noun is the object of a preposition of time, cause or circumstance ("after",
    "following", "during", "upon", "at", "before", "on a visit", "in talks with")
    attached to a verb.
    """
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in _CIRCUMSTANCE_PREPS:
        return None
    verb = prep.head
    return verb if verb.pos_ in ("VERB", "AUX") else None


def predicated_object(adjective: Token) -> Token | None:
    """The object an adjective says something of, after it ("held Hamas responsible",
    "found the state guilty"), which the parser hangs on the object or on the verb;
    None for an adjective that describes its own noun ("the responsible ministry")."""
    if adjective.dep_ == "oprd" and adjective.head.pos_ in ("VERB", "AUX"):
        return next(children(adjective.head, "dobj"), None)
    head = adjective.head
    if adjective.dep_ == "amod" and head.i < adjective.i and head.dep_ == "dobj":
        return head if head.head.pos_ in ("VERB", "AUX") else None
    return None
