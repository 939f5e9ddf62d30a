"""Rules that read an article's events across sentences, after each sentence is coded.

Needs: the coded events of one article in text order, each with the index of
its sentence (`Draft`).
Gives the same drafts with parties the sentence alone did not state:

* `answer_requests`: a rejection with no stated recipient answers the
  nearest request made to its actor (within two sentences), else an
  accusation, threat, sanction or coercion aimed at it in the same or the
  previous sentence ("Y accused X of ... X rejected the accusation"); "A
  pushed B to ..., but it resisted" makes B the one who resisted;
* `aim_at_adversaries`: a deployment with no stated recipient ("the US is
  bolstering its forces in the Gulf", "plans to deploy 45,000 Marines to the
  region") is aimed at the actor's adversary: the one party its hostile acts
  (attacks, threats, coercion, sanctions, deployments, accusations) with a
  stated target are aimed at, or that aims them at it, in at least two
  reports and more often than any other. Troops go to a place or an ally; the
  deployment is aimed at whom they face;
* `imply_recipients`: a transfer or a pledge of one with no stated recipient
  ("Seoul could supply arms", "Japan pledged $5 million in aid") goes to the
  one its actor gives to, is asked by or refuses elsewhere in the article,
  when at least two other reports name that recipient and no other recipient
  is named as often. News leaves the recipient out once the story has
  established it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from watchfloor.nlp.mentions.parties import story_party
from watchfloor.records import Event

Named = tuple[tuple[str, ...], tuple[str, ...]]  # a sentence's parties: as actors, as places

REQUEST_LOOKBACK_SENTENCES = 2
MIN_IMPLYING_REPORTS = 2
# An article naming its actor in this many sentences, twice as often as any other party,
# is that actor's own story (one line naming one country is none).
OWN_STORY_MENTIONS = 3
# Acts whose recipient news leaves out once the story has made it plain.
_DIRECTED = frozenset(
    {"ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "MOBILIZE", "REJECT",
     "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN"}
)  # fmt: skip
# Acts whose target can be a place: an attack on, a raid in, troops sent into a country.
_AT_PLACES = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})
# Acts that, with no counterpart anywhere in view, are aimed at the actor's own people.
_DOMESTIC_BY_DEFAULT = frozenset({"COERCE", "ASSAULT"})
# Acts of hostility whose stated target shows whom their actor is in conflict with.
_HOSTILE = frozenset({"ACCUSE", "ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "THREATEN"})
# Acts aimed at the actor's adversary, not at the place or ally they go to.
_AT_ADVERSARY = frozenset({"MOBILIZE"})
# Acts that give something up: a place in their clause names what is given up ("its goals
# in Abkhazia"), not whom they yield to.
_GIVING_UP = frozenset({"CONCEDE", "RETREAT"})
# Acts that press their recipient and that a rejection can answer.
_PRESSING = frozenset({"ACCUSE", "THREATEN", "SANCTION", "COERCE", "REQUEST"})


@dataclass(frozen=True, slots=True)
class Draft:
    """One coded event and the index of the sentence that reports it."""

    event: Event
    sentence: int
    gives: bool = False  # the act hands something over or pledges to (see imply_recipients)
    aimed_at_group: bool = False  # its clause names a target no party is coded for (or none)
    at_home: bool = False  # its clause names places of its actor's own country, and no other


def answer_requests(drafts: Sequence[Draft]) -> list[Draft]:
    """Give a rejection the requester it answers (see the module docstring)."""
    answered = []
    for position, draft in enumerate(drafts):
        event = draft.event
        if event.type == "REJECT":
            event = _answer(event, draft.sentence, drafts[:position])
        answered.append(replace(draft, event=event))
    return answered


def _answer(event: Event, sentence: int, earlier: Sequence[Draft]) -> Event:
    requests = [
        draft
        for draft in earlier
        if draft.event.type == "REQUEST" and sentence - draft.sentence <= REQUEST_LOOKBACK_SENTENCES
    ]
    for draft in reversed(requests):
        request = draft.event
        same_sentence = draft.sentence == sentence
        if same_sentence and set(request.actor) == set(event.actor) and request.recipient:
            return replace(event, actor=request.recipient, recipient=request.actor)
    if event.recipient:
        return event
    for draft in reversed(requests):
        if set(event.actor) & set(draft.event.recipient):
            return replace(event, recipient=draft.event.actor, recipient_source="discourse")
    for draft in reversed(earlier):  # "rejected the accusation", "refused to comply"
        pressed = draft.event.type in _PRESSING and sentence - draft.sentence <= 1
        if pressed and set(event.actor) & set(draft.event.recipient):
            return replace(event, recipient=draft.event.actor, recipient_source="discourse")
    return event


def aim_at_adversaries(drafts: Sequence[Draft]) -> list[Draft]:
    """Give a deployment without a recipient its actor's adversary (see the module docstring)."""
    adversaries = _usual_counterparts(drafts, _hostile_pairs)
    deployments = [d.event.type in _AT_ADVERSARY and not d.aimed_at_group for d in drafts]
    return _with_counterparts(drafts, deployments, adversaries)


def _hostile_pairs(draft: Draft) -> list[tuple[str, str]]:
    """(party, adversary) both ways for a hostile act whose clause names its target."""
    return _stated_pairs(draft) if draft.event.type in _HOSTILE else []


def imply_recipients(drafts: Sequence[Draft]) -> list[Draft]:
    """Give a transfer or pledge without a recipient its actor's usual one."""
    usual = _usual_counterparts(drafts, _giving_pairs)
    return _with_counterparts(drafts, [draft.gives for draft in drafts], usual)


def _with_counterparts(
    drafts: Sequence[Draft], wanted: Sequence[bool], counterparts: dict[str, str]
) -> list[Draft]:
    """The drafts, each wanted one with a lone actor and no recipient given its actor's
    counterpart (recipient_source "discourse") when `counterparts` has one."""
    filled = []
    for draft, wants in zip(drafts, wanted, strict=True):
        event = draft.event
        counterpart = counterparts.get(event.actor[0]) if len(event.actor) == 1 else None
        if wants and not event.recipient and counterpart is not None:
            event = replace(event, recipient=(counterpart,), recipient_source="discourse")
            draft = replace(draft, event=event)
        filled.append(draft)
    return filled


def _usual_counterparts(
    drafts: Sequence[Draft], pairs_of: Callable[[Draft], list[tuple[str, str]]]
) -> dict[str, str]:
    """party -> the one counterpart most of the pairs `pairs_of` reads from the drafts give it
    (at least `MIN_IMPLYING_REPORTS` times, more often than any other)."""
    counts: dict[str, Counter[str]] = {}
    for draft in drafts:
        for party, counterpart in pairs_of(draft):
            if party != counterpart:
                counts.setdefault(party, Counter())[counterpart] += 1
    usual = {}
    for party, counterparts in counts.items():
        ranked = counterparts.most_common(2)
        top, count = ranked[0]
        if count >= MIN_IMPLYING_REPORTS and (len(ranked) == 1 or ranked[1][1] < count):
            usual[party] = top
    return usual


def _giving_pairs(draft: Draft) -> list[tuple[str, str]]:
    event = draft.event
    if draft.gives or (event.type == "REJECT" and event.mode == "assist"):
        return [(giver, taker) for giver in event.actor for taker in event.recipient]
    if event.type == "REQUEST" and event.mode == "assist":
        return [(giver, taker) for giver in event.recipient for taker in event.actor]
    return []


def infer_counterparts(
    drafts: Sequence[Draft], named: Sequence[Named], article: Counter[str]
) -> list[Draft]:
    """Give a directed act with no stated recipient the counterpart the text makes plain.

    In order: the one other party its sentence names as an actor ("Libya hailed
    the ruling" in a sentence naming only the court besides Libya), or, when it
    names several, the one among them that the actor's other acts in the sentence
    are aimed at or come from ("moved troops into the Gulf and said it would strike
    Iraq"), else the one the article establishes as the actor's counterpart
    (`_usual_counterparts` over acts whose clause names their recipient, both
    ways); for acts of
    force, the one other country the sentence names as a place; the actor's own
    country when the article is its own story (`parties.story_party`: it names
    the actor in at least `OWN_STORY_MENTIONS` sentences and twice as often as
    any other party; a ministry's order in a story about that country's
    politics is aimed at its own); the one other
    party the sentence before names; else the party the article names most
    besides the actor, when it is named at least `MIN_IMPLYING_REPORTS` times
    more than any other. A coercive act with no counterpart in view (police
    seizing a car bomb, raiding homes) is aimed at the actor's own people, and so
    is any act (but a concession or retreat) whose clause names places of the
    actor's own country and no other
    party while its sentence names no other actor (`Draft.at_home`: "the army
    deployed tanks in the streets of Baghdad", "rejected a Florida court's order";
    recipient_source "local"). An act
    whose clause names its target as a group no party is coded for ("urged all
    Balkan states") keeps an empty recipient: the text stated it.
    Inferred recipients say so (`recipient_source` "discourse" or "local").
    """
    established = _usual_counterparts(drafts, _stated_pairs)
    partners = _sentence_partners(drafts)
    inferred = []
    for draft in drafts:
        event = draft.event
        open_ = not event.recipient and not draft.aimed_at_group
        if event.type in _DIRECTED and len(event.actor) == 1 and open_:
            actor = event.actor[0]
            known = (partners.get((draft.sentence, actor), []), established.get(actor))
            found = _counterpart(event, draft.sentence, named, article, known)
            home = draft.at_home and event.type not in _GIVING_UP
            if home and not _other_actors(event, draft.sentence, named):
                event = replace(event, recipient=event.actor, recipient_source="local")
            elif found is not None:
                event = replace(event, recipient=(found,), recipient_source="discourse")
            elif event.type in _DOMESTIC_BY_DEFAULT:
                event = replace(event, recipient=event.actor, recipient_source="local")
            draft = replace(draft, event=event)
        inferred.append(draft)
    return inferred


def _stated_pairs(draft: Draft) -> list[tuple[str, str]]:
    """(party, counterpart) both ways for an act whose clause names its recipient."""
    event = draft.event
    if event.recipient_source != "clause":
        return []
    pairs = [(doer, target) for doer in event.actor for target in event.recipient]
    return pairs + [(target, doer) for doer, target in pairs]


def _sentence_partners(drafts: Sequence[Draft]) -> dict[tuple[int, str], list[str]]:
    """(sentence, party) -> the parties its acts in that sentence stated as counterparts."""
    partners: dict[tuple[int, str], list[str]] = {}
    for draft in drafts:
        for party, counterpart in _stated_pairs(draft):
            found = partners.setdefault((draft.sentence, party), [])
            if counterpart != party and counterpart not in found:
                found.append(counterpart)
    return partners


def _other_actors(event: Event, sentence: int, named: Sequence[Named]) -> list[str]:
    """The parties the event's sentence names as actors, besides its own actor."""
    actors = named[sentence][0] if sentence < len(named) else ()
    return [party for party in actors if party not in event.actor]


def _counterpart(
    event: Event,
    sentence: int,
    named: Sequence[Named],
    article: Counter[str],
    known: tuple[Sequence[str], str | None] = ((), None),
) -> str | None:
    """`known`: the counterparts the actor's other acts in the sentence state, and the
    one the article establishes (or None)."""
    actor = set(event.actor)
    places = named[sentence][1] if sentence < len(named) else ()
    others = _other_actors(event, sentence, named)
    if len(others) == 1:
        return others[0]
    if others:
        partners, usual = known
        stated = [party for party in partners if party in others]
        if len(stated) == 1:
            return stated[0]  # "moved troops into the Gulf and said it would strike Iraq"
        return usual if usual in others else None
    if event.type in _AT_PLACES:
        at = [party for party in places if party not in actor]
        if len(at) == 1:
            return at[0]
        if places and not at and event.type in _DOMESTIC_BY_DEFAULT:
            return event.actor[0]  # force used at home ("clashes in Baghdad")
    if story_party(article, OWN_STORY_MENTIONS) == event.actor[0]:
        return event.actor[0]
    if sentence > 0:
        before = [party for party in named[sentence - 1][0] if party not in actor]
        if len(before) == 1:
            return before[0]
    ranked = [(party, count) for party, count in article.most_common(3) if party not in actor]
    if ranked and (len(ranked) == 1 or ranked[0][1] >= ranked[1][1] + MIN_IMPLYING_REPORTS):
        return ranked[0][0]
    return None
