"""Code the PLOVER acts of one sentence from its parse: type, mode, actor, recipient.

Needs: one spaCy sentence, the `Lexicon` and a `PartyIndex`.
Gives: `Coded` acts, before status, date and evidence are attached. Triggers
are visited from the top of the tree down, so a word that governs a
complement codes the act it governs and consumes it:

* "refused to sell shells to Kyiv"  -> REJECT (mode assist), recipient Kyiv;
* "agreed to sell shells to the US" -> AGREE, recipient the US;
* "urged Japan to send aid"         -> REQUEST (mode assist), recipient Japan;
* "threatened to cut ties with X"   -> THREATEN (mode relations), recipient X;
* "stopped selling arms to X"       -> SANCTION (discontinue), recipient X;
* "rejected Y's requests for arms"  -> REJECT, recipient Y, and the REQUEST
  it reveals: Y asked X.

Words that only plan, consider or report an act leave it to be coded on its
own (status.py reads their effect). A noun trigger that is the object of a
coded verb ("provided aid") is part of that verb's event.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from watchfloor.nlp.events.arguments import (
    TRAVEL_VERBS,
    act_container,
    acted_on,
    children,
    circumstance_verb,
    contained_acts,
    content_object,
    gathering_place,
    is_accident,
    is_organisation,
    is_passive,
    judged_parties,
    mutual_parties,
    names_another_insider,
    names_people,
    noun_actor,
    noun_recipient,
    predicated_object,
    prep_objects,
    saying_verb,
    site_target,
    speaker_of,
    supported_actor,
    tells_result,
    undergoer,
    unnamed_targets,
    verb_actor,
    verb_recipient,
    zero_relative,
)
from watchfloor.nlp.events.membership import membership_parties
from watchfloor.nlp.events.plover_lexicon import Frame, Lexicon, PartOfSpeech, Sense, load_lexicon
from watchfloor.nlp.events.status import is_negated
from watchfloor.nlp.events.triggers import (
    Trigger,
    find_trigger,
    fitting_sense,
    names_time,
    object_excluded,
    party_object_refused,
)
from watchfloor.nlp.mentions.parties import LOCATIVE_PREPOSITIONS, PartyIndex, is_agent_word

Token = Any  # spacy.tokens.Token; spaCy ships no type hints
Span = Any

COOPERATIVE = frozenset({"AGREE", "AID", "COOPERATE", "SUPPORT", "CONSULT"})
_YIELDING = frozenset({"RETREAT", "CONCEDE"})
_VIOLENT = frozenset({"ASSAULT", "MOBILIZE"})
# Acts a bare noun reports by itself ("the bombing of two embassies", "riots in the north").
_REPORTED_BARE = frozenset({"ASSAULT", "PROTEST"})
# Acts done to their direct object: when that names people of no stated country, they are
# the target, whatever place or party a preposition adds.
_FORCEFUL = frozenset({"COERCE", "ASSAULT"})
# Acts that judge another act, aimed at its doer ("condemned the invasion"), and the
# prepositions by which their verb names a target of its own ("blamed the attack on X").
_REACTIONS = frozenset({"ACCUSE", "SUPPORT"})
_REACTION_TARGET_PREPS = frozenset({"on", "against", "to", "at"})
# Nouns for a deed of no particular kind: judged, they are judged as acts of their doer.
_DEEDS = frozenset({"act", "action", "deed", "crime", "atrocity", "outrage", "incident"})
# Acts that bind the people of a place, not a party: "declared martial law",
# "imposed a curfew in the capital".
_POPULACE_MODES = frozenset({"martial-law", "curfew"})
# Frames with no recipient, or whose recipient is the place visited or left.
_UNDIRECTED = frozenset({"mutual", "host", "receive", "self", "visit", "leave", "face"})
_COMBINING = frozenset({"reject", "promise", "ask", "threaten", "discontinue"})
_COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "acl", "relcl", "advcl"})
_COMPLEMENT_PREPS = frozenset({"of", "from", "to", "on", "for", "about", "over", "in"})
_OBJECT_DEPS = frozenset({"dobj", "pobj", "attr", "nsubjpass"})
_MAX_DEPTH = 3
# Nouns for a country's own people and groups that make demands of its authorities.
_POPULACE = frozenset(
    """opposition party movement minority majority people public protester demonstrator
    student union activist citizen resident worker farmer critic campaigner
    voter""".split()  # noqa: SIM905 - a word list reads best as prose
)
_LODGING_VERBS = frozenset({"lodge", "file", "register", "submit", "deliver", "send", "issue"})
_FORMAL_PROTEST = Sense(type="ACCUSE", mode="disapprove", frame="direct", light=True)
# Acts of force that a crowd of protesters does as part of its protest ("tried to storm
# parliament", "ransacked the embassy") and their clashes ("protesters clashed with
# police"): PROTEST riot (CAMEO 145 "protest violently"), as the labels code them. Police
# clashing with protesters assault them; a bomb a protester throws is an assault.
_RIOT = Sense(type="PROTEST", mode="riot", frame="protest")
# Holding a place, done by a crowd of protesters ("students occupied the rectorate",
# "protesters blockaded the port"): PROTEST obstruct, PLOVER's sit-ins and blockades.
_SIT_IN = Sense(type="PROTEST", mode="obstruct", frame="protest")
_CROWD_ACTS = {
    **dict.fromkeys(("storm", "ransack", "overrun", "besiege"), _RIOT),
    **dict.fromkeys(("occupy", "blockade", "barricade"), _SIT_IN),
}
# Attacks by hackers are cyber attacks: PLOVER COERCE cyber, not ASSAULT.
_CYBER = Sense(type="COERCE", mode="cyber", frame="direct", contexts=("cyber",))
# Troops that arrive in or travel to a country are deployed there, not visiting.
_DEPLOYED = Sense(type="MOBILIZE", mode="troops", frame="visit", contexts=("military",))
# An exercise or drill one country holds alone mobilises its forces (MOBILIZE troops);
# held with another, it is military cooperation (PLOVER: "single-country exercises
# should be coded as MOBILIZE").
_JOINT_WORDS = frozenset({"joint", "combined", "bilateral", "trilateral", "multinational"})


@dataclass(frozen=True, slots=True)
class Coded:
    """One act found in a sentence, with its parties."""

    type: str
    mode: str | None
    contexts: tuple[str, ...]
    actor: tuple[str, ...]
    recipient: tuple[str, ...]
    trigger: Token  # the word that names the act ("refused", "visit")
    top: Token  # the outermost word of the act, where its status is read
    inner: Token | None = None  # the governed act's trigger, for a combined act
    inner_type: str | None = None  # the governed act's own type ("AID" in "pledged to send")
    domestic: bool = False  # the recipient is another actor of the actor's own country
    recipient_source: str | None = None  # "clause", "local" (see _aims_at_locals) or None
    stated_target: bool = False  # aimed at someone the text names, but as no party
    covers: tuple[int, ...] = ()  # other trigger words coded as part of this act
    received_from_unnamed: bool = False  # received, from no one named ("received threats")

    @property
    def gives(self) -> bool:
        """Whether the act hands something over, or promises to: an AID, or an AGREE to one."""
        return self.type == "AID" or self.inner_type == "AID"


def code_sentence(sentence: Span, lexicon: Lexicon, parties: PartyIndex) -> list[Coded]:
    """Every act a sentence reports, in the order of their triggers."""
    triggers = {}
    for token in sentence:
        found = find_trigger(token, lexicon, parties)
        if found is not None:
            triggers[token.i] = found
    # "the aid Japan sent": the verb of a relative clause codes the act of the noun it
    # describes, as "sent aid" would
    consumed = {t.token.head.i for t in triggers.values() if zero_relative(t.token)}
    coded: list[Coded] = []
    for index in sorted(triggers, key=lambda i: (_depth(sentence.doc[i]), i)):
        if index in consumed:
            continue
        act = _code_trigger(triggers[index], triggers, parties, consumed)
        if act is not None:
            objects = _objects_of(act.trigger, triggers, _key_preposition(triggers[index]))
            covers = [*objects, *_results_of(act, triggers)]
            act = replace(_aimed_at_doer(act, objects, triggers, parties), covers=tuple(covers))
            coded.append(act)
            coded.extend(_revealed_request(act, objects, triggers))
            consumed.update(covers)
    return sorted(coded, key=lambda act: act.trigger.i)


# The frame an act the model proposes is read with when the lexicon has no sense of its type.
DEFAULT_FRAMES: dict[str, Frame] = {
    "CONSULT": "mutual",
    "COOPERATE": "mutual",
    "AID": "give",
    "RETREAT": "leave",
    "REQUEST": "ask",
    "ACCUSE": "accuse",
    "PROTEST": "protest",
    "MOBILIZE": "self",
}


def code_proposal(
    token: Token, event_type: str, lexicon: Lexicon, parties: PartyIndex
) -> Coded | None:
    """Code an act the learned detector names on `token`, reading its parties from the parse.

    The word's own lexicon sense of that type is used when it has one ("protest"
    as PROTEST); otherwise the type's usual frame ("expelled": direct). A type one of
    whose senses excludes the object (`unless`) is not coded, nor one whose senses of that
    type keep political actors out of their object when the object names one.
    """
    part: PartOfSpeech = "nouns" if token.pos_ in ("NOUN", "PROPN") else "verbs"
    senses = [s for s in lexicon.senses_for(part, token.lemma_.lower()) if s.type == event_type]
    sense = fitting_sense(token, part, senses, lexicon, parties)
    if any(object_excluded(token, part, s, lexicon) for s in senses):
        return None
    if party_object_refused(token, part, senses, lexicon, parties):
        return None
    if sense is None:
        sense = Sense(type=event_type, frame=DEFAULT_FRAMES.get(event_type, "direct"))
    sense = replace(sense, light=False, governs=None)
    lemma = token.lemma_.lower()
    act = _code_plain(Trigger(token, sense, part, lemma, lemma in lexicon.state_acts), parties)
    unknown = part == "verbs" and not lexicon.senses_for(part, lemma)  # "violated"
    if act is not None and event_type == "ACCUSE" and unknown:
        return _wrong_told(act, parties)
    return act


def _teller(verb: Token, parties: PartyIndex) -> list[str]:
    """The parties of the subject of the verb of saying whose reported clause `verb` is
    in ("the minister said Norway had violated it", "said it was a case apart because it
    had cheated"); not of a saying verb merely coordinated with it ("Iraq said ...;
    Britain called the order illegal")."""
    found = saying_verb(verb, ("report",))
    return verb_actor(found[1], parties) if found is not None and found[0] == "ccomp" else []


def _wrong_told(act: Coded, parties: PartyIndex) -> Coded:
    """An accusation the detector reads on a verb the lexicon knows no act of, which
    tells a wrong ("Russia has violated the treaty," the minister said): whoever tells
    it accuses the doer. A wrong no one is reported telling stays as it is."""
    tellers = _teller(act.trigger, parties) or parties.quoted_speaker(act.trigger)
    doers = [party for party in act.actor if party not in tellers]
    if not tellers or not doers:
        return act
    return replace(act, actor=tuple(tellers), recipient=tuple(doers), recipient_source="clause")


def _revealed_request(act: Coded, objects: list[int], triggers: dict[int, Trigger]) -> list[Coded]:
    """A refused request was made: "X rejected Y's requests for arms" also codes Y asking X."""
    if act.type != "REJECT" or not act.actor or not act.recipient:
        return []
    nouns = [act.inner] if act.inner is not None else []
    nouns += [act.trigger.doc[i] for i in objects]
    for noun in nouns:
        found = triggers.get(noun.i)
        if noun.pos_ in ("NOUN", "PROPN") and found is not None and found.sense.type == "REQUEST":
            request = Coded(
                type="REQUEST",
                mode=act.mode or found.sense.mode,
                contexts=act.contexts,
                actor=act.recipient,
                recipient=act.actor,
                trigger=noun,
                top=noun,
            )
            return [request]
    return []


def _code_trigger(
    trigger: Trigger, triggers: dict[int, Trigger], parties: PartyIndex, consumed: set[int]
) -> Coded | None:
    governs = trigger.sense.governs
    if governs == "reject" and is_negated(trigger.token) and trigger.key == "rule out":
        return None  # "does not rule out sending": the sending is possible, coded on its own
    if governs == "report" and _directs(trigger.token):
        # "Berlin told Ankara to release the journalists": reported words that tell someone
        # to act ask it of them
        trigger = replace(trigger, sense=replace(trigger.sense, governs="ask"))
        governs = "ask"
    if governs in _COMBINING:
        inner_trigger = _complement_trigger(trigger.token, triggers, 0)
        if inner_trigger is not None:
            inner = _code_plain(inner_trigger, parties)
            if inner is not None:
                consumed.add(inner_trigger.token.i)
                # "threatened to impose tariffs": the tariffs are the threat's, not an act
                key = _key_preposition(inner_trigger)
                consumed.update(_objects_of(inner_trigger.token, triggers, key))
                combined = _combine(trigger, inner, parties)
                if combined is not None:
                    return _with_source(combined)
    if trigger.sense.type is None or _promises_only_a_view(trigger, triggers):
        return None
    return _code_plain(trigger, parties)


def _directs(verb: Token) -> bool:
    """A verb of saying with an addressee and an infinitive: "told Ankara to release"."""
    addressed = any(child.dep_ in ("dobj", "dative") for child in verb.children)
    return addressed and any(
        child.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        for child in verb.children
    )


def _promises_only_a_view(trigger: Trigger, triggers: dict[int, Trigger]) -> bool:
    """A promise word whose complement is a "that" clause naming no act states a view or
    a vague vow, no commitment to cooperate: "the justices agreed that the law was
    unfair", "both agree this was a horrific crime" ("agreed that talks would resume"
    names one)."""
    token = trigger.token
    if trigger.sense.governs != "promise" or token.pos_ not in ("VERB", "AUX"):
        return False
    clauses = [child for child in token.children if child.dep_ in ("ccomp", "xcomp")]
    if not clauses or any(clause.dep_ != "ccomp" for clause in clauses):
        return False
    words = (word for clause in clauses for word in clause.subtree)
    return not any(word.i in triggers and triggers[word.i].sense.type for word in words)


def _aimed_at_doer(
    act: Coded, objects: list[int], triggers: dict[int, Trigger], parties: PartyIndex
) -> Coded:
    """A reaction to an act is aimed at whoever did it, not at where it happened.

    "Japan deplored the bomb blasts in Nairobi": at the bombers, whom the text does
    not name (no recipient, and none inferred later); "condemned Russia's invasion of
    Ukraine": Russia; "criticised the arrests of journalists in Peru": Peru's
    authorities; "condemned the cooperation between Moscow and Pyongyang": both. A
    deed of no particular kind is judged the same way ("condemned the terrorist acts",
    "deplores these acts against the embassies": no one named). A date after the
    deed ("condemned the attack on Monday") names no one it is blamed on. A recipient the verb
    names itself ("blamed the attack on X"), or says is behind it, stays.
    `objects`: the trigger words that are the verb's objects (`_objects_of`).
    """
    verb = act.trigger
    if act.type == "PROTEST" and act.inner is None and verb.pos_ in ("VERB", "AUX"):
        return _protested_doer(act, objects, triggers, parties)
    if act.type not in _REACTIONS or act.inner is not None or verb.pos_ not in ("VERB", "AUX"):
        return act
    if any(not names_time(o) for o in prep_objects(verb, _REACTION_TARGET_PREPS)):
        return act  # "blamed the attack on X"; not "condemned the attack on Monday"
    own = triggers.get(verb.i)
    if own is not None and own.sense.frame == "face":
        return act  # "said Iran was behind the attack": Iran is accused, whoever attacked
    nouns = [triggers[i] for i in objects if triggers[i].part == "nouns"]
    # "charged X with espionage": X is accused, whoever the act's doers are
    nouns = [noun for noun in nouns if noun.token.head.lower_ != "with"]
    if nouns and nouns[0].sense.type is not None:
        noun = nouns[0]
        doers = judged_parties(noun.token, noun.sense.frame, parties)
        if not doers and noun.by_state:
            doers = parties.authority_of_act(noun.token)
    else:  # "condemned the terrorist acts", "deplores these senseless acts against X"
        deeds = [o for o in map(content_object, children(verb, "dobj")) if _names_deed(o)]
        if not deeds:
            return act
        doers = noun_actor(deeds[0], parties)
    doers = [party for party in doers if party not in act.actor]
    source = "clause" if doers else None
    return replace(act, recipient=tuple(doers), recipient_source=source, stated_target=True)


def _protested_doer(
    act: Coded, objects: list[int], triggers: dict[int, Trigger], parties: PartyIndex
) -> Coded:
    """A protest against an act whose doer the text names is aimed at that doer: "marched
    to protest the shooting of a student by police in Quito" at Ecuador's police, "rallied
    against Chile's arrest of two fishermen" at Chile. Without a named doer the protest
    keeps the target its clause or place gives it."""
    verbs = [act.trigger, *_purposes(act.trigger)]
    found = [o for verb in verbs for o in children(verb, "dobj")]
    found += [o for verb in verbs for o in prep_objects(verb, ("against",))]
    nouns = [triggers[o.i] for o in found if o.i in triggers and triggers[o.i].part == "nouns"]
    nouns = [noun for noun in nouns if noun.sense.type not in (None, "PROTEST")]
    if not nouns:
        return act
    deed = nouns[0].token
    doers = noun_actor(deed, parties)
    if not doers and deed.dep_ == "dobj":  # "to protest the killings of X by Serb police":
        # the "by X" the parser hung on the verb
        doers = [p for o in prep_objects(deed.head, ("by",)) for p in parties.phrase_parties(o)]
    doers = [party for party in doers if party not in act.actor]
    if not doers:
        return act
    return replace(act, recipient=tuple(doers), recipient_source="clause", domestic=False)


def _purposes(verb: Token) -> list[Token]:
    """The "to" clauses saying what an act is for, also under a participle beside it
    ("marched, burning flags to protest the killings")."""
    found = []
    for clause in children(verb, "advcl", "xcomp"):
        if _is_purpose(clause):
            found.append(clause)
        elif clause.tag_ == "VBG":
            found += [inner for inner in children(clause, "advcl", "xcomp") if _is_purpose(inner)]
    return found


def _names_deed(noun: Token) -> bool:
    """A noun for a deed of no particular kind ("the acts", "this crime")."""
    return bool(noun.pos_ == "NOUN" and noun.lemma_.lower() in _DEEDS)


def _with_source(act: Coded) -> Coded:
    """A combined act whose recipient came from the governing clause says so."""
    if not act.recipient:
        return replace(act, recipient_source=None)
    return act if act.recipient_source else replace(act, recipient_source="clause")


def _complement_trigger(token: Token, triggers: dict[int, Trigger], depth: int) -> Trigger | None:
    """The first coded act inside `token`'s complement ("to sell", "of supplying")."""
    if depth > _MAX_DEPTH:
        return None
    for candidate in _complements(token):
        found = triggers.get(candidate.i)
        if found is not None and found.sense.type is not None:
            return found
        for object_ in candidate.children:
            inner = triggers.get(object_.i)
            if object_.dep_ in _OBJECT_DEPS and inner is not None and inner.sense.type:
                return inner
        for object_ in prep_objects(candidate, _COMPLEMENT_PREPS):
            inner = triggers.get(object_.i)
            if inner is not None and inner.sense.type:
                return inner
        deeper = _complement_trigger(candidate, triggers, depth + 1)
        if deeper is not None:
            return deeper
    return None


def _complements(token: Token) -> list[Token]:
    found = [child for child in token.children if child.dep_ in _COMPLEMENT_DEPS]
    for prep in children(token, "prep"):
        if prep.lower_ in _COMPLEMENT_PREPS:
            found.extend(child for child in prep.children if child.dep_ in ("pcomp", "pobj"))
    return [child for child in found if child.dep_ != "advcl" or _is_purpose(child)]


def _is_purpose(clause: Token) -> bool:
    return any(child.dep_ == "aux" and child.lower_ == "to" for child in clause.children)


def _code_plain(trigger: Trigger, parties: PartyIndex) -> Coded | None:
    token, sense = trigger.token, trigger.sense
    if sense.type == "PROTEST" and _is_lodged(token):
        sense = _FORMAL_PROTEST
    held = predicated_object(token) if trigger.part == "adjectives" else None
    if held is not None:  # "Israel held Hamas responsible": the holder does it, to Hamas
        sense = replace(sense, frame="direct")
    clash = sense.type == "ASSAULT" and sense.frame == "mutual"
    crowd_sense = _CROWD_ACTS.get(token.lemma_.lower()) or (_RIOT if clash else None)
    if crowd_sense and trigger.part == "verbs" and _done_by(token, "protest"):
        sense = crowd_sense  # "protesters tried to storm parliament", "clashed with police"
    if sense.type == "ASSAULT" and trigger.part == "verbs" and _done_by(token, "hackers"):
        sense = _CYBER  # "hackers attacked the water system": PLOVER COERCE cyber
    if sense.mode == "visit" and trigger.part == "verbs" and _done_by(token, "troops"):
        sense = _DEPLOYED  # "Russian troops arrived in Kazakhstan": PLOVER MOBILIZE troops
    if sense.mode == "visit" and trigger.part == "verbs" and _done_by(token, "weapons"):
        return None  # "the shells are heading to Ukraine": cargo travels, no one visits
    if sense.type is None:
        return None
    if sense.type == "ASSAULT" and is_accident(token):
        return None
    sufferer = undergoer(token, trigger.by_state) if trigger.part == "nouns" else None
    if trigger.part == "nouns":
        stand = act_container(token)  # "announced a military aid package for Ukraine"
        scene = circumstance_verb(stand)
        bare = scene is None and sufferer is None and not _is_anchored(stand, parties)
        if sense.light and bare and sense.type not in _REPORTED_BARE:
            return None
        actor = noun_actor(stand, parties)
        recipient = noun_recipient(stand, sense.frame, parties, sense.type == "ASSAULT")
        if sufferer is not None:  # "Ankara faced criticism from Berlin": Ankara's
            undergone = parties.phrase_parties(sufferer)
            # a thing undergoes it for its maker ("the plan drew objections"); someone
            # named, of no party, for no one else ("the company drew criticism")
            someone = sufferer.pos_ in ("PRON", "PROPN") or names_people(sufferer)
            recipient = undergone if someone else undergone or recipient
            actor = [party for party in actor if party not in recipient]
        actor, recipient = _scene_parties(sense.frame, scene, actor, recipient, parties)
    elif held is not None:
        actor, recipient = verb_actor(held.head, parties), parties.phrase_parties(held)
    else:
        verb = token.head if trigger.part == "adjectives" and token.dep_ == "acomp" else token
        actor = verb_actor(verb, parties)
        recipient = verb_recipient(token, sense.frame, parties)
    if not actor and trigger.by_state and _doer_left_out(token):
        actor = _state_left(token, parties) or parties.authority_of_act(token)
    violent = sense.type == "ASSAULT"
    clause = token.head if trigger.part == "adjectives" and token.dep_ == "acomp" else token
    actor, recipient = _apply_frame(clause, sense.frame, actor, recipient, parties, violent)
    joined = membership_parties(clause, actor, recipient, parties)
    if joined is not None:  # "X joined NATO", "X ratified the accession treaty"
        actor, recipient = joined.actor, joined.recipient
    unnamed_giver = sense.frame == "receive" and not actor and bool(recipient)
    mode = sense.mode
    if sense.frame == "protest" and not actor:
        actor = gathering_place(token, parties) or _protest_home(token, parties)
    if sense.type == "CONSULT" and sense.frame == "mutual" and len(actor) == 1:
        mode, recipient = _lone_meeting(token, actor[0], mode, parties)
    source = "clause" if recipient else None
    if joined is not None and recipient:
        source = joined.source
    if mode == "visit" and not recipient and (host := _dateline_host(actor, parties)):
        # "the Chilean minister, ending a two-day visit, said" under a LIMA dateline
        recipient, source = host, "discourse"
    domestic = sense.frame not in _UNDIRECTED and names_another_insider(token, sense.frame, parties)
    # protesters act against authorities, their own country's as often as another's
    domestic = domestic or sense.type == "PROTEST"
    forceful = sense.type in _FORCEFUL and sense.frame not in _UNDIRECTED
    patients = acted_on(token) if forceful else []
    site = site_target(token, parties, violent) if forceful or sense.type == "PROTEST" else []
    unplaced = not any(_gives_country(p, parties) for p in patients)
    if site and (not recipient or (violent and unplaced)):
        # "killed four guards outside the Chilean embassy": guards the text gives no
        # country of their own are Chile's there, not the host country's
        recipient, source = site, "local"
    elif sense.mode == "deport" and unplaced and (home := _destination(token, parties)):
        recipient = home  # "deported 200 migrants to Guatemala": Guatemala's people
    elif any(names_people(patient) for patient in patients):
        # "barred the crowd from the Greek consulate": the crowd is acted on, and a crowd
        # the text gives no country of its own is of the place (PartyIndex reads it so)
        recipient = list(dict.fromkeys(p for o in patients for p in parties.phrase_parties(o)))
        domestic = domestic or bool(set(recipient) & set(actor))
        if recipient and not any(parties.party_at(o) for o in patients):
            source = "local"  # people of no country of their own, placed by PartyIndex
    if sufferer is not None and recipient and not _names_party(sufferer, parties):
        domestic = True  # people of no country of their own, placed where the act is
    elif sufferer is not None and not recipient and actor and _is_person(sufferer):
        recipient, source, domestic = actor[:1], "local", True  # "he remained in custody"
    directed = sense.frame not in _UNDIRECTED
    if not recipient and sense.type == "REQUEST" and actor and _asked_by_populace(token):
        recipient, source, domestic = actor[:1], "local", True  # "the opposition demanded"
    elif (
        not recipient
        and directed
        and (mode in _POPULACE_MODES or _aims_at_locals(token, sense, parties, trigger.by_state))
    ):
        recipient = gathering_place(token, parties) or actor[:1]
        source, domestic = "local", True
    event_type, contexts = sense.type, sense.contexts
    if _drills_alone(token, sense, actor, recipient):  # "India held a large exercise"
        event_type, mode, contexts = "MOBILIZE", "troops", ("military",)
    if _deploys_weapons(token, sense):
        event_type, mode = "MOBILIZE", "weapons"  # "sent warships to the Black Sea"
    return Coded(
        type=event_type,
        mode=mode,
        contexts=contexts,
        actor=tuple(actor),
        recipient=tuple(recipient),
        trigger=token,
        top=token,
        domestic=domestic,
        recipient_source=source if recipient else None,
        received_from_unnamed=unnamed_giver,
        # "Harley-Davidson ..., drawing criticism from X": the text names who undergoes
        # the act, but as no party; no other one may be guessed for it
        stated_target=sufferer is not None and not recipient,
    )


def _protest_home(token: Token, parties: PartyIndex) -> list[str]:
    """Where people protest when their sentence names no place "in" it: the country of
    the article's dateline ("ATHENS -- The general strike shut down the country"), else,
    when the sentence names no party at all, the party whose own story the article is
    ("The protests were largely peaceful"). A party the sentence names is often what
    the protest is against or near ("rallied near a French military base to demand
    that French troops leave"), so it does not place the protesters.
    """
    if parties.dateline_party:
        return [parties.dateline_party]
    named, places = parties.sentence_parties(token.sent)
    if named or places or not parties.own_story:
        return []
    return [parties.own_story]


def _dateline_host(actor: list[str], parties: PartyIndex) -> list[str]:
    """The host of a visit that names none: the country of the article's dateline, when
    the visitor is of another country; else no one."""
    host = parties.dateline_party
    return [host] if actor and host is not None and host not in actor else []


def _drills_alone(token: Token, sense: Sense, actor: list[str], recipient: list[str]) -> bool:
    """Whether a military exercise is held by one country with no partner named or implied."""
    if sense.type != "COOPERATE" or "military" not in sense.contexts:
        return False
    joint = any(child.lower_ in _JOINT_WORDS for child in token.children)
    return len(actor) == 1 and not recipient and not joint


def _done_by(verb: Token, word_class: str) -> bool:
    """Whether the doers of `verb` are of a word class: a crowd of protesters ("protest":
    "protesters tried to storm"), troops ("troops": "Russian-led troops arrived"),
    hackers ("hackers": "hackers linked to Iran attacked")."""
    lexicon = load_lexicon()
    return any(word_class in lexicon.classes_of(doer.lemma_.lower()) for doer in _doers(verb))


def _doers(verb: Token) -> list[Token]:
    """The subject of `verb`, or of the verb it completes ("protesters tried to storm"),
    the noun a relative clause describes ("youths who tried to storm parliament") and the
    agent of a passive."""
    while verb.dep_ in ("xcomp", "conj") and not any(children(verb, "nsubj")):
        verb = verb.head
    subjects = list(children(verb, "nsubj"))
    if verb.dep_ == "relcl":
        subjects += [verb.head]
    if is_passive(verb):  # "campuses occupied by student demonstrators"
        subjects += prep_objects(verb, ("by",))
    return subjects


def _is_lodged(noun: Token) -> bool:
    """A protest lodged, filed or delivered is a state's formal complaint, not a march:
    "Japan lodged a protest with Seoul" (CAMEO 111, PLOVER ACCUSE)."""
    return noun.dep_ in ("dobj", "nsubjpass") and noun.head.lemma_.lower() in _LODGING_VERBS


def _destination(verb: Token, parties: PartyIndex) -> list[str]:
    """The country people are sent to ("deported them to Guatemala")."""
    places = [p for o in prep_objects(verb, ("to",)) for p in parties.phrase_parties(o, True)]
    return places[:1]


def _gives_country(people: Token, parties: PartyIndex) -> bool:
    """Whether a phrase for people says whose they are ("two Kenyan guards", "Iraq's
    soldiers"); where they are ("40 people in Lima", "civilians in Kenya") does not."""
    for word in people.subtree:
        if parties.party_at(word) is None:
            continue
        placed, current = False, word
        while current.i != people.i and current.head.i != current.i:
            at = current.dep_ == "pobj" and current.head.lower_ in LOCATIVE_PREPOSITIONS
            placed, current = placed or at, current.head
        if not placed:
            return True
    return False


def _names_party(phrase: Token, parties: PartyIndex) -> bool:
    """Whether a word of the phrase is a party's mention ("two Kenyan guards")."""
    return any(parties.party_at(word) is not None for word in phrase.subtree)


def _is_person(word: Token) -> bool:
    """A person or group of people, or "he" or "she"."""
    return names_people(word) or word.lower_ in ("he", "she", "him", "her")


def _doer_left_out(token: Token) -> bool:
    """An act told without its doer: a passive with no "by X", a participle ("the man
    charged with murder"), a noun with no owner ("the arrest of two men")."""
    if token.pos_ in ("NOUN", "PROPN"):
        return True
    if any(child.dep_ == "agent" or child.lower_ == "by" for child in token.children):
        return False
    return is_passive(token) or bool(token.tag_ == "VBN")


# Places weapons are sent to that are no party's: a deployment there, not a gift.
_THEATRES = frozenset(
    {"border", "frontier", "region", "sea", "strait", "gulf", "coast", "waters", "peninsula"}
)


def _deploys_weapons(verb: Token, sense: Sense) -> bool:
    """Weapons sent to a sea, a region or a border, not to a party ("sent warships to the
    Black Sea", "moved tanks to the border with Belarus"): PLOVER MOBILIZE weapons."""
    if sense.type != "AID" or "military" not in sense.contexts or verb.pos_ != "VERB":
        return False
    places = list(prep_objects(verb, ("to", "toward", "towards", "into")))
    theatres = [p for p in places if p.ent_type_ == "LOC" or p.lemma_.lower() in _THEATRES]
    return bool(theatres) and len(theatres) == len(places)


def _others(noun: Token) -> bool:
    """A common noun set apart as "other" ("from other sources", "other countries"): it
    names no one, so the party of the place or story is not its party either."""
    return noun.pos_ == "NOUN" and any(
        child.dep_ == "amod" and child.lower_ == "other" for child in noun.children
    )


def _state_left(token: Token, parties: PartyIndex) -> list[str]:
    """The country someone leaves by a state's act told without its doer ("was extradited
    from Kenya to the US", "was expelled from Chile"): that country's state did it."""
    if token.pos_ not in ("VERB", "AUX"):
        return []
    return [p for o in prep_objects(token, ("from",)) for p in parties.phrase_parties(o, True)]


def _asked_by_populace(verb: Token) -> bool:
    """A demand by a country's own people, opposition or movement that names no one
    asked ("the opposition party calls for restraint", "the Catholic minority demanded
    a settlement") is made of its own authorities."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    subjects = [s for s in verb.children if s.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ in ("acl", "relcl"):
        subjects = [verb.head]  # "a movement calling for ..."
    return any(s.lemma_.lower() in _POPULACE for s in subjects)


def _aims_at_locals(token: Token, sense: Sense, parties: PartyIndex, by_state: bool) -> bool:
    """Whether an act is aimed at people the text gives no country of their own.

    They are taken to be of the place where the act happens, else of the
    actor's country ("Police detained 40 demonstrators in Lyon": FRA -> FRA;
    "the court sentenced the two men": the court's country). A protest with no
    target is aimed at the authorities where it gathers. The target of an act only
    a state does may be a pronoun ("he was charged with treason").
    """
    if sense.type == "PROTEST":
        return True
    return bool(unnamed_targets(token, sense.frame, parties, pronouns=by_state))


def _apply_frame(
    token: Token,
    frame: str,
    actor: list[str],
    recipient: list[str],
    parties: PartyIndex,
    violent: bool = False,
) -> tuple[list[str], list[str]]:
    if frame == "mutual":
        everyone = mutual_parties(token, parties, actor)
        if violent and actor and len(everyone) > len(actor):
            # "X clashed with Y", "X will engage in fighting with Y": X attacks Y
            return actor, [p for p in everyone if p not in actor]
        return everyone, []
    if frame == "receive":
        # "received aid from X", or "received a call from X" with "from" on the object; a
        # giver is a party or its people, not a thing of theirs ("from a Kenyan trawler")
        sources = list(prep_objects(token, ("from",)))
        sources += [o for thing in children(token, "dobj") for o in prep_objects(thing, ("from",))]
        givers = list(
            dict.fromkeys(
                p
                for o in sources
                if (o.pos_ != "NOUN" or is_agent_word(o)) and not _others(o)
                for p in parties.phrase_parties(o)
            )
        )
        return givers, actor
    if frame == "host":
        guests = [p for o in children(token, "dobj") for p in parties.phrase_parties(o)]
        return guests, actor
    if frame == "face":  # "officials say Saddam can expect strikes": the officials threaten
        # with no speaker, or a subject of no party ("say IRA commanders are responsible"),
        # no act: the one it is aimed at is not guessed from the rest of the article
        speaker = [p for p in speaker_of(token, parties) if p not in actor]
        return (speaker, actor) if speaker and actor else ([], [])
    return actor, recipient


def _scene_parties(
    frame: str, scene: Token | None, actor: list[str], recipient: list[str], parties: PartyIndex
) -> tuple[list[str], list[str]]:
    """Fill a nominal act's missing side from the clause it sets the scene for.

    "Yoon arrived in Kyiv after a trip to Poland": Yoon made the trip; "the UN
    drafted the rules in consultation with Iraq": the UN consulted.
    "Seoul sent the shells following a request from Kyiv": the request was made to Seoul.
    """
    if scene is None:
        return actor, recipient
    if frame in ("visit", "mutual") and not actor:  # "..., in consultation with Iraq"
        return verb_actor(scene, parties), recipient
    if frame == "ask" and actor and not recipient:
        return actor, [p for p in verb_actor(scene, parties) if p not in actor]
    return actor, recipient


def _lone_meeting(
    token: Token, actor: str, mode: str | None, parties: PartyIndex
) -> tuple[str | None, list[str]]:
    """Mode and recipient of a meeting only one side of which is named.

    An IGO's meeting is multilateral ("ECOWAS leaders met in Abuja"); a state's
    meeting in another country visits its host ("Nuland held talks in Niamey").
    """
    if is_organisation(actor):
        return mode or "multilateral", []
    host = [p for p in gathering_place(token, parties) if p != actor]
    return (mode or "visit", host) if host else (mode, [])


def _is_anchored(noun: Token, parties: PartyIndex) -> bool:
    """A light noun counts only with an owner or as the object of a verb ("held talks")."""
    if noun_actor_owner(noun, parties):
        return True
    if noun.dep_ == "nsubjpass" and noun.head.lemma_.lower() in load_lexicon().support_verbs:
        return True  # "dozens of arrests were made": the doer is left out
    return bool(supported_actor(noun, parties))


def noun_actor_owner(noun: Token, parties: PartyIndex) -> bool:
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod") and parties.phrase_parties(child):
            return True
    return any(True for _ in prep_objects(noun, ("by", "from", "between", "with")))


def _combine(governor: Trigger, inner: Coded, parties: PartyIndex) -> Coded | None:
    governs = governor.sense.governs
    own = _code_plain(governor, parties) if governor.sense.type else None
    actor = list(own.actor) if own else _governor_actor(governor.token, parties)
    own_recipient = list(own.recipient) if own else []
    base = Coded(
        type=inner.type,
        mode=None,
        contexts=(*governor.sense.contexts, *inner.contexts),
        actor=tuple(actor),
        recipient=inner.recipient,
        trigger=governor.token,
        top=governor.token,
        inner=inner.trigger,
        inner_type=inner.type,
        domestic=inner.domestic or (own is not None and own.domestic),
        recipient_source=inner.recipient_source,
    )
    if governs == "reject":
        if inner.type == "REQUEST":
            return replace(base, type="REJECT", mode=inner.mode, recipient=inner.actor)
        # "rejected the proposal by Chile", "refused to meet Kenya": whom the act
        # would have involved, else whoever proposed it
        recipient = inner.recipient or tuple(own_recipient) or _other_side(inner, actor)
        return replace(base, type="REJECT", mode=_request_mode(inner.type), recipient=recipient)
    if governs == "ask":
        recipient = tuple(own_recipient) or tuple(p for p in inner.actor if p not in actor)
        return replace(base, type="REQUEST", mode=_request_mode(inner.type), recipient=recipient)
    if governs == "threaten":
        recipient = tuple(own_recipient) or _other_side(inner, actor)
        return replace(base, type="THREATEN", mode=_threat_mode(inner), recipient=recipient)
    if governs == "discontinue":
        if inner.type not in COOPERATIVE:
            return None
        return replace(base, type="SANCTION", mode="discontinue")
    return _promise(base, inner, own_recipient)


def _promise(base: Coded, inner: Coded, own_recipient: list[str]) -> Coded | None:
    if inner.type in COOPERATIVE:
        if not inner.recipient and len(inner.actor) > 1:
            # "X and Y agreed to work together": both promise; "X is ready to
            # cooperate with Y": X promises Y.
            partners = tuple(p for p in inner.actor if p not in base.actor)
            if base.actor and partners:
                return replace(base, type="AGREE", recipient=partners)
            actor = tuple(dict.fromkeys((*base.actor, *inner.actor)))
            return replace(base, type="AGREE", actor=actor, recipient=())
        return replace(base, type="AGREE", recipient=inner.recipient or tuple(own_recipient))
    if inner.type in _YIELDING:
        return replace(base, type="CONCEDE")
    outsiders = [party for party in inner.recipient if party not in base.actor]
    if inner.type == "SANCTION" and len(base.actor) > 1 and not outsiders:
        # "the US and South Korea agreed to suspend their joint exercises": an agreement
        return replace(base, type="AGREE", recipient=())
    if inner.type in _VIOLENT or inner.type in ("COERCE", "SANCTION"):
        return replace(base, type="THREATEN", mode=_threat_mode(inner), recipient=inner.recipient)
    if inner.type == "THREATEN":  # "vowed to retaliate against any new tariffs"
        return replace(base, type="THREATEN", mode=inner.mode, recipient=inner.recipient)
    return None


def _governor_actor(token: Token, parties: PartyIndex) -> list[str]:
    if token.pos_ in ("NOUN", "PROPN"):
        return noun_actor(token, parties)
    verb = token.head if token.dep_ == "acomp" else token
    return verb_actor(verb, parties)


def _other_side(inner: Coded, actor: list[str]) -> tuple[str, ...]:
    """Who a threat is aimed at: the inner act's other actors, else its target.

    The beneficiary of a threatened kindness ("threatened to arm X's enemies",
    "a threat to supply Y with weapons") is not the one threatened.
    """
    others = tuple(p for p in inner.actor if p not in actor)
    if others or inner.type in COOPERATIVE:
        return others
    return inner.recipient


def _request_mode(inner_type: str) -> str:
    if inner_type in COOPERATIVE - {"CONSULT"}:
        return "assist"
    if inner_type == "CONSULT":
        return "meet"
    return "yield" if inner_type in _YIELDING else "change"


def _threat_mode(inner: Coded) -> str | None:
    if inner.type in _VIOLENT:
        return "violence"
    if inner.type == "SANCTION":
        return "relations"
    if inner.type == "COERCE":
        return "arrest" if inner.mode == "arrest" else "restrict"
    return None


def _key_preposition(trigger: Trigger) -> str:
    """The preposition of a prepositional verb's key ("respond to" -> "to"), else ""."""
    if trigger.part != "verbs" or " " not in trigger.key:
        return ""
    return trigger.key.split(" ", 1)[1]


def _objects_of(token: Token, triggers: dict[int, Trigger], preposition: str = "") -> list[int]:
    """Noun triggers that are the object of `token` ("provided aid", "respond to an
    attack" for the prepositional verb "respond to"): part of its act."""
    objects = [c for c in token.children if c.dep_ in ("dobj", "attr")]
    objects += prep_objects(token, ("with", preposition) if preposition else ("with",))
    if token.lemma_.lower() in TRAVEL_VERBS:  # "flew to Washington for talks": one visit
        objects += prep_objects(token, ("for",))
    objects += [content_object(o) for o in objects]  # "suspended all of its aid"
    objects += [act for o in objects for act in contained_acts(o)]  # "suspended an aid package"
    objects += [c for o in objects for c in o.children if c.dep_ == "conj"]  # "aid and support"
    return list(dict.fromkeys(o.i for o in objects if o.i in triggers))


def _results_of(act: Coded, triggers: dict[int, Trigger]) -> list[int]:
    """Participles telling what an act of force did: part of that act ("bombed Gaza,
    wounding 20 people"; "a bomb exploded, killing two guards")."""
    holders = [act.trigger]
    if act.trigger.dep_ == "nsubj":  # "a bomb exploded, killing two": the bomb killed
        holders.append(act.trigger.head)
    return [
        child.i
        for holder in holders
        for child in holder.children
        if tells_result(child) and child.i in triggers and triggers[child.i].sense.type == act.type
    ]


def _depth(token: Token) -> int:
    depth = 0
    while token.head is not token and depth < 50:
        token = token.head
        depth += 1
    return depth
